// exp where only 1 + exp(.) is used (spine-approximate-math's one-scale
// form, x >= -86) over exp's whole f32 range (cases.py sigmoid_sweep):
//   out1 = x / (1 + exp(-x))   silu (x's NaN reaches the result: the lower
//                              bound is a vfmin, not compare + select)
//   out2 = 1 / (1 + exp(-x))   sigmoid (NaN must pass through the exp)
//   out3 = exp(x) + 1
// 1-D, BLOCK = 256 per program, masked load (other = 0) and masked store for
// i < n.
module attributes {dlti.target_system_spec = #dlti.target_system_spec<"CPU" = #dlti.target_device_spec<"arch_id" = "0x503C", "num_threads" = 8 : i32>>} {
  func.func @sigmoid_sweep(%x: memref<*xf32>, %out: memref<*xf32>, %out2: memref<*xf32>, %out3: memref<*xf32>, %n: i32, %gx: i32, %gy: i32, %gz: i32, %px: i32, %py: i32, %pz: i32) {
    %c256 = arith.constant 256 : index
    %other = arith.constant 0.0 : f32
    %pid = arith.index_cast %px : i32 to index
    %start = arith.muli %pid, %c256 : index
    %ni = arith.index_cast %n : i32 to index
    %end0 = arith.addi %start, %c256 : index
    %end = arith.minsi %end0, %ni : index
    %len = arith.subi %end, %start : index
    %rx = memref.reinterpret_cast %x to offset: [%start], sizes: [256], strides: [1] : memref<*xf32> to memref<256xf32, strided<[1], offset: ?>>
    %ax = memref.alloc() : memref<256xf32>
    linalg.fill ins(%other : f32) outs(%ax : memref<256xf32>)
    %sx = memref.subview %rx[0] [%len] [1] : memref<256xf32, strided<[1], offset: ?>> to memref<?xf32, strided<[1], offset: ?>>
    %dx = memref.subview %ax[0] [%len] [1] : memref<256xf32> to memref<?xf32, strided<[1]>>
    memref.copy %sx, %dx : memref<?xf32, strided<[1], offset: ?>> to memref<?xf32, strided<[1]>>
    %tx = bufferization.to_tensor %ax restrict writable : memref<256xf32> to tensor<256xf32>
    %one = arith.constant 1.0 : f32
    %e = tensor.empty() : tensor<256xf32>
    %y1 = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%tx : tensor<256xf32>) outs(%e : tensor<256xf32>) {
    ^bb0(%v: f32, %o: f32):
      %nv = arith.negf %v : f32
      %ex = math.exp %nv : f32
      %den = arith.addf %ex, %one : f32
      %r = arith.divf %v, %den : f32
      linalg.yield %r : f32
    } -> tensor<256xf32>
    %e2 = tensor.empty() : tensor<256xf32>
    %y2 = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%tx : tensor<256xf32>) outs(%e2 : tensor<256xf32>) {
    ^bb0(%v: f32, %o: f32):
      %nv = arith.negf %v : f32
      %ex = math.exp %nv : f32
      %den = arith.addf %one, %ex : f32
      %r = arith.divf %one, %den : f32
      linalg.yield %r : f32
    } -> tensor<256xf32>
    %e3 = tensor.empty() : tensor<256xf32>
    %y3 = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%tx : tensor<256xf32>) outs(%e3 : tensor<256xf32>) {
    ^bb0(%v: f32, %o: f32):
      %ex = math.exp %v : f32
      %r = arith.addf %ex, %one : f32
      linalg.yield %r : f32
    } -> tensor<256xf32>
    %rout = memref.reinterpret_cast %out to offset: [%start], sizes: [256], strides: [1] : memref<*xf32> to memref<256xf32, strided<[1], offset: ?>>
    %pout = tensor.extract_slice %y1[0] [%len] [1] : tensor<256xf32> to tensor<?xf32>
    %sout = memref.subview %rout[0] [%len] [1] : memref<256xf32, strided<[1], offset: ?>> to memref<?xf32, strided<[1], offset: ?>>
    bufferization.materialize_in_destination %pout in writable %sout : (tensor<?xf32>, memref<?xf32, strided<[1], offset: ?>>) -> ()
    %rout2 = memref.reinterpret_cast %out2 to offset: [%start], sizes: [256], strides: [1] : memref<*xf32> to memref<256xf32, strided<[1], offset: ?>>
    %pout2 = tensor.extract_slice %y2[0] [%len] [1] : tensor<256xf32> to tensor<?xf32>
    %sout2 = memref.subview %rout2[0] [%len] [1] : memref<256xf32, strided<[1], offset: ?>> to memref<?xf32, strided<[1], offset: ?>>
    bufferization.materialize_in_destination %pout2 in writable %sout2 : (tensor<?xf32>, memref<?xf32, strided<[1], offset: ?>>) -> ()
    %rout3 = memref.reinterpret_cast %out3 to offset: [%start], sizes: [256], strides: [1] : memref<*xf32> to memref<256xf32, strided<[1], offset: ?>>
    %pout3 = tensor.extract_slice %y3[0] [%len] [1] : tensor<256xf32> to tensor<?xf32>
    %sout3 = memref.subview %rout3[0] [%len] [1] : memref<256xf32, strided<[1], offset: ?>> to memref<?xf32, strided<[1], offset: ?>>
    bufferization.materialize_in_destination %pout3 in writable %sout3 : (tensor<?xf32>, memref<?xf32, strided<[1], offset: ?>>) -> ()
    return
  }
}

// out = tanh(x): the f32 tanh approximation over its whole range (cases.py
// tanh_sweep: tiny and subnormal arguments, the saturation at +-1, NaN and
// infinities).
// 1-D, BLOCK = 256 per program, masked load (other = 0) and masked store for
// i < n.
module attributes {dlti.target_system_spec = #dlti.target_system_spec<"CPU" = #dlti.target_device_spec<"arch_id" = "0x503C", "num_threads" = 8 : i32>>} {
  func.func @tanh_sweep(%x: memref<*xf32>, %out: memref<*xf32>, %n: i32, %gx: i32, %gy: i32, %gz: i32, %px: i32, %py: i32, %pz: i32) {
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
    %e = tensor.empty() : tensor<256xf32>
    %y = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%tx : tensor<256xf32>) outs(%e : tensor<256xf32>) {
    ^bb0(%v: f32, %o: f32):
      %r = math.tanh %v : f32
      linalg.yield %r : f32
    } -> tensor<256xf32>
    %ro = memref.reinterpret_cast %out to offset: [%start], sizes: [256], strides: [1] : memref<*xf32> to memref<256xf32, strided<[1], offset: ?>>
    %part = tensor.extract_slice %y[0] [%len] [1] : tensor<256xf32> to tensor<?xf32>
    %so = memref.subview %ro[0] [%len] [1] : memref<256xf32, strided<[1], offset: ?>> to memref<?xf32, strided<[1], offset: ?>>
    bufferization.materialize_in_destination %part in writable %so : (tensor<?xf32>, memref<?xf32, strided<[1], offset: ?>>) -> ()
    return
  }
}

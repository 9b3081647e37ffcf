// out = x * sigmoid(x) computed in f16 (f16 in, f16 out, math.exp on f16).
// 1-D, BLOCK = 256 per program, masked load (other = 0) and masked store for
// i < n.
module attributes {dlti.target_system_spec = #dlti.target_system_spec<"CPU" = #dlti.target_device_spec<"arch_id" = "0x503C", "num_threads" = 8 : i32>>} {
  func.func @silu_f16(%x: memref<*xf16>, %out: memref<*xf16>, %n: i32, %gx: i32, %gy: i32, %gz: i32, %px: i32, %py: i32, %pz: i32) {
    %c256 = arith.constant 256 : index
    %other = arith.constant 0.0 : f16
    %one = arith.constant 1.0 : f16
    %pid = arith.index_cast %px : i32 to index
    %start = arith.muli %pid, %c256 : index
    %ni = arith.index_cast %n : i32 to index
    %end0 = arith.addi %start, %c256 : index
    %end = arith.minsi %end0, %ni : index
    %len = arith.subi %end, %start : index
    %rx = memref.reinterpret_cast %x to offset: [%start], sizes: [256], strides: [1] : memref<*xf16> to memref<256xf16, strided<[1], offset: ?>>
    %ax = memref.alloc() : memref<256xf16>
    linalg.fill ins(%other : f16) outs(%ax : memref<256xf16>)
    %sx = memref.subview %rx[0] [%len] [1] : memref<256xf16, strided<[1], offset: ?>> to memref<?xf16, strided<[1], offset: ?>>
    %dx = memref.subview %ax[0] [%len] [1] : memref<256xf16> to memref<?xf16, strided<[1]>>
    memref.copy %sx, %dx : memref<?xf16, strided<[1], offset: ?>> to memref<?xf16, strided<[1]>>
    %tx = bufferization.to_tensor %ax restrict writable : memref<256xf16> to tensor<256xf16>
    %e = tensor.empty() : tensor<256xf16>
    %y = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%tx : tensor<256xf16>) outs(%e : tensor<256xf16>) {
    ^bb0(%v: f16, %o: f16):
      %nx = arith.negf %v : f16
      %ex = math.exp %nx : f16
      %d = arith.addf %ex, %one : f16
      %sg = arith.divf %one, %d : f16
      %r = arith.mulf %v, %sg : f16
      linalg.yield %r : f16
    } -> tensor<256xf16>
    %ro = memref.reinterpret_cast %out to offset: [%start], sizes: [256], strides: [1] : memref<*xf16> to memref<256xf16, strided<[1], offset: ?>>
    %part = tensor.extract_slice %y[0] [%len] [1] : tensor<256xf16> to tensor<?xf16>
    %so = memref.subview %ro[0] [%len] [1] : memref<256xf16, strided<[1], offset: ?>> to memref<?xf16, strided<[1], offset: ?>>
    bufferization.materialize_in_destination %part in writable %so : (tensor<?xf16>, memref<?xf16, strided<[1], offset: ?>>) -> ()
    return
  }
}

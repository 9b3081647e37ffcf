// out[i] = x[i] for i < n, value for n <= i < 256 of each 256 block (a
// tl.load with other = value, stored unmasked): linalg.fill of a tensor,
// tensor.insert_slice of the loaded part, and a linalg.copy into the result.
// Grid 3x1x1 over a 768-element out, n = 700.
module attributes {dlti.target_system_spec = #dlti.target_system_spec<"CPU" = #dlti.target_device_spec<"arch_id" = "0x503C", "num_threads" = 8 : i32>>} {
  func.func @fill_copy(%x: memref<*xf32>, %out: memref<*xf32>, %value: f32, %n: i32, %gx: i32, %gy: i32, %gz: i32, %px: i32, %py: i32, %pz: i32) {
    %c0 = arith.constant 0 : index
    %c256 = arith.constant 256 : index
    %pid = arith.index_cast %px : i32 to index
    %start = arith.muli %pid, %c256 : index
    %ni = arith.index_cast %n : i32 to index
    %end0 = arith.addi %start, %c256 : index
    %end1 = arith.minsi %end0, %ni : index
    %end = arith.maxsi %end1, %start : index
    %len = arith.subi %end, %start : index
    %rx = memref.reinterpret_cast %x to offset: [%start], sizes: [256], strides: [1] : memref<*xf32> to memref<256xf32, strided<[1], offset: ?>>
    %sx = memref.subview %rx[0] [%len] [1] : memref<256xf32, strided<[1], offset: ?>> to memref<?xf32, strided<[1], offset: ?>>
    %tx = bufferization.to_tensor %sx restrict : memref<?xf32, strided<[1], offset: ?>> to tensor<?xf32>
    %e = tensor.empty() : tensor<256xf32>
    %f = linalg.fill ins(%value : f32) outs(%e : tensor<256xf32>) -> tensor<256xf32>
    %ins = tensor.insert_slice %tx into %f[0] [%len] [1] : tensor<?xf32> into tensor<256xf32>
    %e2 = tensor.empty() : tensor<256xf32>
    %cp = linalg.copy ins(%ins : tensor<256xf32>) outs(%e2 : tensor<256xf32>) -> tensor<256xf32>
    %ro = memref.reinterpret_cast %out to offset: [%start], sizes: [256], strides: [1] : memref<*xf32> to memref<256xf32, strided<[1], offset: ?>>
    bufferization.materialize_in_destination %cp in writable %ro : (tensor<256xf32>, memref<256xf32, strided<[1], offset: ?>>) -> ()
    return
  }
}

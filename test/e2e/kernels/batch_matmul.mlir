// C[4x8x10] = A[4x8x12] . B[4x12x10] batched, two batches per program
// (grid 2x1x1), linalg.batch_matmul.
module attributes {dlti.target_system_spec = #dlti.target_system_spec<"CPU" = #dlti.target_device_spec<"arch_id" = "0x503C", "num_threads" = 8 : i32>>} {
  func.func @batch_matmul(%a: memref<*xf32>, %b: memref<*xf32>, %c: memref<*xf32>, %gx: i32, %gy: i32, %gz: i32, %px: i32, %py: i32, %pz: i32) {
    %c192 = arith.constant 192 : index
    %c240 = arith.constant 240 : index
    %c160 = arith.constant 160 : index
    %zero = arith.constant 0.0 : f32
    %pid = arith.index_cast %px : i32 to index
    %aoff = arith.muli %pid, %c192 : index
    %boff = arith.muli %pid, %c240 : index
    %coff = arith.muli %pid, %c160 : index
    %ra = memref.reinterpret_cast %a to offset: [%aoff], sizes: [2, 8, 12], strides: [96, 12, 1] : memref<*xf32> to memref<2x8x12xf32, strided<[96, 12, 1], offset: ?>>
    %rb = memref.reinterpret_cast %b to offset: [%boff], sizes: [2, 12, 10], strides: [120, 10, 1] : memref<*xf32> to memref<2x12x10xf32, strided<[120, 10, 1], offset: ?>>
    %la = memref.alloc() : memref<2x8x12xf32>
    memref.copy %ra, %la : memref<2x8x12xf32, strided<[96, 12, 1], offset: ?>> to memref<2x8x12xf32>
    %ta = bufferization.to_tensor %la restrict writable : memref<2x8x12xf32> to tensor<2x8x12xf32>
    %lb = memref.alloc() : memref<2x12x10xf32>
    memref.copy %rb, %lb : memref<2x12x10xf32, strided<[120, 10, 1], offset: ?>> to memref<2x12x10xf32>
    %tb = bufferization.to_tensor %lb restrict writable : memref<2x12x10xf32> to tensor<2x12x10xf32>
    %e = tensor.empty() : tensor<2x8x10xf32>
    %f = linalg.fill ins(%zero : f32) outs(%e : tensor<2x8x10xf32>) -> tensor<2x8x10xf32>
    %mm = linalg.batch_matmul ins(%ta, %tb : tensor<2x8x12xf32>, tensor<2x12x10xf32>) outs(%f : tensor<2x8x10xf32>) -> tensor<2x8x10xf32>
    %rc = memref.reinterpret_cast %c to offset: [%coff], sizes: [2, 8, 10], strides: [80, 10, 1] : memref<*xf32> to memref<2x8x10xf32, strided<[80, 10, 1], offset: ?>>
    bufferization.materialize_in_destination %mm in writable %rc : (tensor<2x8x10xf32>, memref<2x8x10xf32, strided<[80, 10, 1], offset: ?>>) -> ()
    return
  }
}

// C[32x24] f16 = A[32x40] f16 . B[40x24] f16 accumulated in f16 (tl.dot with
// out_dtype=f16): linalg.matmul with f16 ins and outs. One 16x24 tile per
// program (grid 2x1x1).
module attributes {dlti.target_system_spec = #dlti.target_system_spec<"CPU" = #dlti.target_device_spec<"arch_id" = "0x503C", "num_threads" = 8 : i32>>} {
  func.func @matmul_f16_acc_f16(%a: memref<*xf16>, %b: memref<*xf16>, %c: memref<*xf16>, %gx: i32, %gy: i32, %gz: i32, %px: i32, %py: i32, %pz: i32) {
    %c16 = arith.constant 16 : index
    %c40 = arith.constant 40 : index
    %c24 = arith.constant 24 : index
    %zero = arith.constant 0.0 : f16
    %pid = arith.index_cast %px : i32 to index
    %m0 = arith.muli %pid, %c16 : index
    %aoff = arith.muli %m0, %c40 : index
    %ra = memref.reinterpret_cast %a to offset: [%aoff], sizes: [16, 40], strides: [40, 1] : memref<*xf16> to memref<16x40xf16, strided<[40, 1], offset: ?>>
    %rb = memref.reinterpret_cast %b to offset: [0], sizes: [40, 24], strides: [24, 1] : memref<*xf16> to memref<40x24xf16, strided<[24, 1]>>
    %la = memref.alloc() : memref<16x40xf16>
    memref.copy %ra, %la : memref<16x40xf16, strided<[40, 1], offset: ?>> to memref<16x40xf16>
    %ta = bufferization.to_tensor %la restrict writable : memref<16x40xf16> to tensor<16x40xf16>
    %lb = memref.alloc() : memref<40x24xf16>
    memref.copy %rb, %lb : memref<40x24xf16, strided<[24, 1]>> to memref<40x24xf16>
    %tb = bufferization.to_tensor %lb restrict writable : memref<40x24xf16> to tensor<40x24xf16>
    %e = tensor.empty() : tensor<16x24xf16>
    %f = linalg.fill ins(%zero : f16) outs(%e : tensor<16x24xf16>) -> tensor<16x24xf16>
    %mm = linalg.matmul ins(%ta, %tb : tensor<16x40xf16>, tensor<40x24xf16>) outs(%f : tensor<16x24xf16>) -> tensor<16x24xf16>
    %coff = arith.muli %m0, %c24 : index
    %rc = memref.reinterpret_cast %c to offset: [%coff], sizes: [16, 24], strides: [24, 1] : memref<*xf16> to memref<16x24xf16, strided<[24, 1], offset: ?>>
    bufferization.materialize_in_destination %mm in writable %rc : (tensor<16x24xf16>, memref<16x24xf16, strided<[24, 1], offset: ?>>) -> ()
    return
  }
}

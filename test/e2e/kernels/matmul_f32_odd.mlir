// C[26x19] = A[26x17] . B[17x19], f32, 13 rows of C per program (grid 2x1x1):
// odd M/N/K so no vector width divides them.
module attributes {dlti.target_system_spec = #dlti.target_system_spec<"CPU" = #dlti.target_device_spec<"arch_id" = "0x503C", "num_threads" = 8 : i32>>} {
  func.func @matmul_f32_odd(%a: memref<*xf32>, %b: memref<*xf32>, %c: memref<*xf32>, %gx: i32, %gy: i32, %gz: i32, %px: i32, %py: i32, %pz: i32) {
    %c13 = arith.constant 13 : index
    %c17 = arith.constant 17 : index
    %c19 = arith.constant 19 : index
    %zero = arith.constant 0.0 : f32
    %pid = arith.index_cast %px : i32 to index
    %m0 = arith.muli %pid, %c13 : index
    %aoff = arith.muli %m0, %c17 : index
    %ra = memref.reinterpret_cast %a to offset: [%aoff], sizes: [13, 17], strides: [17, 1] : memref<*xf32> to memref<13x17xf32, strided<[17, 1], offset: ?>>
    %rb = memref.reinterpret_cast %b to offset: [0], sizes: [17, 19], strides: [19, 1] : memref<*xf32> to memref<17x19xf32, strided<[19, 1]>>
    %la = memref.alloc() : memref<13x17xf32>
    memref.copy %ra, %la : memref<13x17xf32, strided<[17, 1], offset: ?>> to memref<13x17xf32>
    %ta = bufferization.to_tensor %la restrict writable : memref<13x17xf32> to tensor<13x17xf32>
    %lb = memref.alloc() : memref<17x19xf32>
    memref.copy %rb, %lb : memref<17x19xf32, strided<[19, 1]>> to memref<17x19xf32>
    %tb = bufferization.to_tensor %lb restrict writable : memref<17x19xf32> to tensor<17x19xf32>
    %e = tensor.empty() : tensor<13x19xf32>
    %f = linalg.fill ins(%zero : f32) outs(%e : tensor<13x19xf32>) -> tensor<13x19xf32>
    %mm = linalg.matmul ins(%ta, %tb : tensor<13x17xf32>, tensor<17x19xf32>) outs(%f : tensor<13x19xf32>) -> tensor<13x19xf32>
    %coff = arith.muli %m0, %c19 : index
    %rc = memref.reinterpret_cast %c to offset: [%coff], sizes: [13, 19], strides: [19, 1] : memref<*xf32> to memref<13x19xf32, strided<[19, 1], offset: ?>>
    bufferization.materialize_in_destination %mm in writable %rc : (tensor<13x19xf32>, memref<13x19xf32, strided<[19, 1], offset: ?>>) -> ()
    return
  }
}

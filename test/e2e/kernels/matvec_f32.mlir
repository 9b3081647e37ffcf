// y[38] = A[38x131] . x[131], f32, 19 rows of A per program (grid 2x1x1):
// linalg.matvec becomes a one-row speir.gemm reading A in place, transposed
// (the runtime's skinny path), not a loop nest.
module attributes {dlti.target_system_spec = #dlti.target_system_spec<"CPU" = #dlti.target_device_spec<"arch_id" = "0x503C", "num_threads" = 8 : i32>>} {
  func.func @matvec_f32(%a: memref<*xf32>, %x: memref<*xf32>, %y: memref<*xf32>, %gx: i32, %gy: i32, %gz: i32, %px: i32, %py: i32, %pz: i32) {
    %c19 = arith.constant 19 : index
    %c131 = arith.constant 131 : index
    %zero = arith.constant 0.0 : f32
    %pid = arith.index_cast %px : i32 to index
    %m0 = arith.muli %pid, %c19 : index
    %aoff = arith.muli %m0, %c131 : index
    %ra = memref.reinterpret_cast %a to offset: [%aoff], sizes: [19, 131], strides: [131, 1] : memref<*xf32> to memref<19x131xf32, strided<[131, 1], offset: ?>>
    %ta = bufferization.to_tensor %ra restrict : memref<19x131xf32, strided<[131, 1], offset: ?>> to tensor<19x131xf32>
    %rx = memref.reinterpret_cast %x to offset: [0], sizes: [131], strides: [1] : memref<*xf32> to memref<131xf32, strided<[1]>>
    %tx = bufferization.to_tensor %rx restrict : memref<131xf32, strided<[1]>> to tensor<131xf32>
    %e = tensor.empty() : tensor<19xf32>
    %f = linalg.fill ins(%zero : f32) outs(%e : tensor<19xf32>) -> tensor<19xf32>
    %mv = linalg.matvec ins(%ta, %tx : tensor<19x131xf32>, tensor<131xf32>) outs(%f : tensor<19xf32>) -> tensor<19xf32>
    %ry = memref.reinterpret_cast %y to offset: [%m0], sizes: [19], strides: [1] : memref<*xf32> to memref<19xf32, strided<[1], offset: ?>>
    bufferization.materialize_in_destination %mv in writable %ry : (tensor<19xf32>, memref<19xf32, strided<[1], offset: ?>>) -> ()
    return
  }
}

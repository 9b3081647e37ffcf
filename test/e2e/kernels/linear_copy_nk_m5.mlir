// Y[5x45] = X[5x67] . W: the frontend's copy-form loads (alloc + copy +
// to_tensor restrict writable); W arrives N x K and is transposed by linalg.transpose (tl.trans). speir-forward-loads
// reads both loads in place, and the transpose folds into the matmul (B read
// through a transposed view). Grid 1x1x1.
module attributes {dlti.target_system_spec = #dlti.target_system_spec<"CPU" = #dlti.target_device_spec<"arch_id" = "0x503C", "num_threads" = 4 : i32>>} {
  func.func @linear_copy_nk_m5(%x: memref<*xf32>, %w: memref<*xf32>, %y: memref<*xf32>, %gx: i32, %gy: i32, %gz: i32, %px: i32, %py: i32, %pz: i32) {
    %zero = arith.constant 0.0 : f32
    %rx = memref.reinterpret_cast %x to offset: [0], sizes: [5, 67], strides: [67, 1] : memref<*xf32> to memref<5x67xf32, strided<[67, 1]>>
    %ax = memref.alloc() : memref<5x67xf32>
    memref.copy %rx, %ax : memref<5x67xf32, strided<[67, 1]>> to memref<5x67xf32>
    %tx = bufferization.to_tensor %ax restrict writable : memref<5x67xf32> to tensor<5x67xf32>
    %rw = memref.reinterpret_cast %w to offset: [0], sizes: [45, 67], strides: [67, 1] : memref<*xf32> to memref<45x67xf32, strided<[67, 1]>>
    %aw = memref.alloc() : memref<45x67xf32>
    memref.copy %rw, %aw : memref<45x67xf32, strided<[67, 1]>> to memref<45x67xf32>
    %tw = bufferization.to_tensor %aw restrict writable : memref<45x67xf32> to tensor<45x67xf32>
    %et = tensor.empty() : tensor<67x45xf32>
    %tt = linalg.transpose ins(%tw : tensor<45x67xf32>) outs(%et : tensor<67x45xf32>) permutation = [1, 0]
    %e = tensor.empty() : tensor<5x45xf32>
    %f = linalg.fill ins(%zero : f32) outs(%e : tensor<5x45xf32>) -> tensor<5x45xf32>
    %mm = linalg.matmul ins(%tx, %tt : tensor<5x67xf32>, tensor<67x45xf32>) outs(%f : tensor<5x45xf32>) -> tensor<5x45xf32>
    %ry = memref.reinterpret_cast %y to offset: [0], sizes: [5, 45], strides: [45, 1] : memref<*xf32> to memref<5x45xf32, strided<[45, 1]>>
    bufferization.materialize_in_destination %mm in writable %ry : (tensor<5x45xf32>, memref<5x45xf32, strided<[45, 1]>>) -> ()
    return
  }
}

// y[2x45] = x[2x67] . A[67x45], int8 -> int32, one row of x per program
// (grid 2x1x1), accumulating into y: linalg.vecmat becomes a one-row
// speir.gemm (the runtime's skinny path) that adds to y.
module attributes {dlti.target_system_spec = #dlti.target_system_spec<"CPU" = #dlti.target_device_spec<"arch_id" = "0x503C", "num_threads" = 8 : i32>>} {
  func.func @vecmat_i8(%x: memref<*xi8>, %a: memref<*xi8>, %y: memref<*xi32>, %gx: i32, %gy: i32, %gz: i32, %px: i32, %py: i32, %pz: i32) {
    %c45 = arith.constant 45 : index
    %c67 = arith.constant 67 : index
    %pid = arith.index_cast %px : i32 to index
    %xoff = arith.muli %pid, %c67 : index
    %rx = memref.reinterpret_cast %x to offset: [%xoff], sizes: [67], strides: [1] : memref<*xi8> to memref<67xi8, strided<[1], offset: ?>>
    %tx = bufferization.to_tensor %rx restrict : memref<67xi8, strided<[1], offset: ?>> to tensor<67xi8>
    %ra = memref.reinterpret_cast %a to offset: [0], sizes: [67, 45], strides: [45, 1] : memref<*xi8> to memref<67x45xi8, strided<[45, 1]>>
    %ta = bufferization.to_tensor %ra restrict : memref<67x45xi8, strided<[45, 1]>> to tensor<67x45xi8>
    %yoff = arith.muli %pid, %c45 : index
    %ry = memref.reinterpret_cast %y to offset: [%yoff], sizes: [45], strides: [1] : memref<*xi32> to memref<45xi32, strided<[1], offset: ?>>
    %ty = bufferization.to_tensor %ry restrict : memref<45xi32, strided<[1], offset: ?>> to tensor<45xi32>
    %vm = linalg.vecmat ins(%tx, %ta : tensor<67xi8>, tensor<67x45xi8>) outs(%ty : tensor<45xi32>) -> tensor<45xi32>
    bufferization.materialize_in_destination %vm in writable %ry : (tensor<45xi32>, memref<45xi32, strided<[1], offset: ?>>) -> ()
    return
  }
}

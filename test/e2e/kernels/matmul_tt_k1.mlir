// matmul with A and B both transposed (tt) and K = 1, tiles 8 x 16 on a 2 x 2 grid (random_shapes seed 20261201,
// matmul_5): the K x N view of B has one row at stride 1, so the lowering must pass ldb >= N.
module attributes {dlti.target_system_spec = #dlti.target_system_spec<"CPU" = #dlti.target_device_spec<"arch_id" = "0x503C", "num_threads" = 3 : i32>>} {
  func.func @matmul_tt_k1(%a: memref<*xf32>, %b: memref<*xf32>, %c: memref<*xf32>, %gx: i32, %gy: i32, %gz: i32, %px: i32, %py: i32, %pz: i32) {
    %c256 = arith.constant 256 : index
    %c16 = arith.constant 16 : index
    %c8 = arith.constant 8 : index
    %c0 = arith.constant 0 : index
    %pidx = arith.index_cast %px : i32 to index
    %o1 = arith.muli %pidx, %c8 : index
    %v2 = memref.reinterpret_cast %a to offset: [%o1], sizes: [1, 8], strides: [16, 1] : memref<*xf32> to memref<1x8xf32, strided<[16, 1], offset: ?>>
    %l3 = memref.alloc() : memref<1x8xf32>
    memref.copy %v2, %l3 : memref<1x8xf32, strided<[16, 1], offset: ?>> to memref<1x8xf32>
    %t4 = bufferization.to_tensor %l3 restrict writable : memref<1x8xf32> to tensor<1x8xf32>
    %pidy = arith.index_cast %py : i32 to index
    %o5 = arith.muli %pidy, %c16 : index
    %v6 = memref.reinterpret_cast %b to offset: [%o5], sizes: [16, 1], strides: [1, 1] : memref<*xf32> to memref<16x1xf32, strided<[1, 1], offset: ?>>
    %l7 = memref.alloc() : memref<16x1xf32>
    memref.copy %v6, %l7 : memref<16x1xf32, strided<[1, 1], offset: ?>> to memref<16x1xf32>
    %t8 = bufferization.to_tensor %l7 restrict writable : memref<16x1xf32> to tensor<16x1xf32>
    %o9 = arith.muli %pidx, %c256 : index
    %o10 = arith.muli %pidy, %c16 : index
    %o11 = arith.addi %o9, %o10 : index
    %k14 = arith.constant 0.0 : f32
    %e12 = tensor.empty() : tensor<8x16xf32>
    %f13 = linalg.fill ins(%k14 : f32) outs(%e12 : tensor<8x16xf32>) -> tensor<8x16xf32>
    %r15 = linalg.matmul indexing_maps = [affine_map<(m, n, k) -> (k, m)>, affine_map<(m, n, k) -> (n, k)>, affine_map<(m, n, k) -> (m, n)>] ins(%t4, %t8 : tensor<1x8xf32>, tensor<16x1xf32>) outs(%f13 : tensor<8x16xf32>) -> tensor<8x16xf32>
    %v16 = memref.reinterpret_cast %c to offset: [%o11], sizes: [8, 16], strides: [32, 1] : memref<*xf32> to memref<8x16xf32, strided<[32, 1], offset: ?>>
    bufferization.materialize_in_destination %r15 in writable %v16 : (tensor<8x16xf32>, memref<8x16xf32, strided<[32, 1], offset: ?>>) -> ()
    return
  }
}

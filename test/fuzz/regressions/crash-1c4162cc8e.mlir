func.func @mixed_order(%b: tensor<16x16xf32>) -> tensor<2x2x8x8xf32> {
  %e = tensor.empty() : tensor<2x2x8x8xf32>
  %p = linalg.pack %b inner_dims_pos = [1, 0] inner_tiles = [-9223372036854775808, 8] into %e : tensor<16x16xf32> -> tensor<2x2x8x8xf32>
}

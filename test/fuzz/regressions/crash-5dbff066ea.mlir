func.func @unpack(%c: tensor<3x4x8x8xf32>) -> tensor<20x30xf32> {
  %e = tensor.empty() : tensor<20x30xf32>
  %u = linalg.unpack %c inner_dims_pos = [0, 1] inner_tiles = [-9223372036854775808, 8] into %e : tensor<3x4x8x8xf32> -> tensor<20x30xf32>
}

func.func @left_alone(%x: tensor<1x8x8x8xi8>, %y: tensor<1x8x8x4xi16>, %w: tensor<3x3x4x4xi16>, %o: tensor<1x6x6x4xi32>) -> (tensor<1x4x4x8xi32>, tensor<1x6x6x4xi32>, tensor<1x4x4x8xi32>, tensor<1x5x5x8xi32>) {
  %min = arith.constant -2147483648 : i32
  %m7 = arith.constant -7 : i32
  %lowest = arith.constant -128 : i8
  %win = tensor.empty() : tensor<2x2xi8>
  %e = tensor.empty() : tensor<1x4x4x8xi32>
  %f = linalg.fill ins(%min : i32) outs(%e : tensor<1x4x4x8xi32>) -> tensor<1x4x4x8xi32>
  %r = linalg.pooling_nhwc_max {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
     ins(%x, %win : tensor<1x8x8x8xi8>, tensor<2x2xi8>) outs(%f : tensor<1x4x4x8xi32>) -> tensor<1x4x4x8xi32>
  %pad = tensor.pad %x low[0, 1, 1, 0] high[0, 1, 1, -9223372036854775808] {
  ^bb0(%a: index, %b: index, %c: index, %d: index):
    tensor.yield %lowest : i8
  } : tensor<1x8x8x8xi8> to tensor<1x10x10x8xi8>
  %e5 = tensor.empty() : tensor<1x5x5x8xi32>
  %f5 = linalg.fill ins(%m7 : i32) outs(%e5 : tensor<1x5x5x8xi32>) -> tensor<1x5x5x8xi32>
  %p = linalg.pooling_nhwc_max {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
     ins(%pad, %win : tensor<1x10x10x8xi8>, tensor<2x2xi8>) outs(%f5 : tensor<1x5x5x8xi32>) -> tensor<1x5x5x8xi32>
  %c = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
     ins(%y, %w : tensor<1x8x8x4xi16>, tensor<3x3x4x4xi16>) outs(%o : tensor<1x6x6x4xi32>) -> tensor<1x6x6x4xi32>
  %u = linalg.pooling_nhwc_max_unsigned {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
     ins(%x, %win : tensor<1x8x8x8xi8>, tensor<2x2xi8>) outs(%f : tensor<1x4x4x8xi32>) -> tensor<1x4x4x8xi32>
  return %r, %c, %u, %p : tensor<1x4x4x8xi32>, tensor<1x6x6x4xi32>, tensor<1x4x4x8xi32>, tensor<1x5x5x8xi32>
}

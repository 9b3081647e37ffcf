// RUN: spine-opt %s -split-input-file -speir-decompose-linalg | FileCheck %s

// CHECK-LABEL: func @pack_unpack
// CHECK-NOT: linalg.pack
// CHECK-NOT: linalg.unpack
// CHECK: tensor.pad
// CHECK: tensor.expand_shape
// CHECK: linalg.transpose
// CHECK: linalg.transpose
// CHECK: tensor.collapse_shape
// CHECK: tensor.extract_slice
func.func @pack_unpack(%a: tensor<20x7xf32>) -> tensor<20x7xf32> {
  %pad = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<3x7x8x1xf32>
  %p = linalg.pack %a padding_value(%pad : f32) inner_dims_pos = [0, 1] inner_tiles = [8, 1] into %e : tensor<20x7xf32> -> tensor<3x7x8x1xf32>
  %e2 = tensor.empty() : tensor<20x7xf32>
  %u = linalg.unpack %p inner_dims_pos = [0, 1] inner_tiles = [8, 1] into %e2 : tensor<3x7x8x1xf32> -> tensor<20x7xf32>
  return %u : tensor<20x7xf32>
}

// -----

// linalg.softmax becomes its max / exp / sum / divide parts.
// CHECK-LABEL: func @softmax
// CHECK-NOT: linalg.softmax
// CHECK: arith.maxnumf
// CHECK: math.exp
// CHECK: arith.addf
// CHECK: arith.divf
func.func @softmax(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %e = tensor.empty() : tensor<4x8xf32>
  %s = linalg.softmax dimension(1) ins(%x : tensor<4x8xf32>) outs(%e : tensor<4x8xf32>) -> tensor<4x8xf32>
  return %s : tensor<4x8xf32>
}

// RUN: spine-opt %s -split-input-file -speir-fold-transpose-into-matmul | FileCheck %s

// B transposed (an N x K weight): the matmul reads it through (n, k).
// CHECK-DAG: #[[MA:.*]] = affine_map<(d0, d1, d2) -> (d0, d2)>
// CHECK-DAG: #[[MBT:.*]] = affine_map<(d0, d1, d2) -> (d1, d2)>
// CHECK-DAG: #[[MC:.*]] = affine_map<(d0, d1, d2) -> (d0, d1)>
// CHECK-LABEL: func @transposed_b
// CHECK-NOT: linalg.transpose
// CHECK: linalg.matmul indexing_maps = [#[[MA]], #[[MBT]], #[[MC]]] ins(%{{.*}}, %arg1 : tensor<1x8xf32>, tensor<4x8xf32>)
func.func @transposed_b(%x: tensor<1x8xf32>, %w: tensor<4x8xf32>, %acc: tensor<1x4xf32>) -> tensor<1x4xf32> {
  %e = tensor.empty() : tensor<8x4xf32>
  %t = linalg.transpose ins(%w : tensor<4x8xf32>) outs(%e : tensor<8x4xf32>) permutation = [1, 0]
  %r = linalg.matmul ins(%x, %t : tensor<1x8xf32>, tensor<8x4xf32>) outs(%acc : tensor<1x4xf32>) -> tensor<1x4xf32>
  return %r : tensor<1x4xf32>
}

// -----

// A transposed.
// CHECK-DAG: #[[MAT:.*]] = affine_map<(d0, d1, d2) -> (d2, d0)>
// CHECK-LABEL: func @transposed_a
// CHECK-NOT: linalg.transpose
// CHECK: linalg.matmul indexing_maps = [#[[MAT]], {{.*}}] ins(%arg0, %arg1 : tensor<8x2xf32>, tensor<8x4xf32>)
func.func @transposed_a(%a: tensor<8x2xf32>, %b: tensor<8x4xf32>, %acc: tensor<2x4xf32>) -> tensor<2x4xf32> {
  %e = tensor.empty() : tensor<2x8xf32>
  %t = linalg.transpose ins(%a : tensor<8x2xf32>) outs(%e : tensor<2x8xf32>) permutation = [1, 0]
  %r = linalg.matmul ins(%t, %b : tensor<2x8xf32>, tensor<8x4xf32>) outs(%acc : tensor<2x4xf32>) -> tensor<2x4xf32>
  return %r : tensor<2x4xf32>
}

// -----

// The transpose has another user: it stays, and so does the matmul.
// CHECK-LABEL: func @transpose_other_user
// CHECK: %[[T:.*]] = linalg.transpose
// CHECK: linalg.matmul ins(%{{.*}}, %[[T]] :
func.func @transpose_other_user(%x: tensor<1x8xf32>, %w: tensor<4x8xf32>, %acc: tensor<1x4xf32>) -> (tensor<1x4xf32>, tensor<8x4xf32>) {
  %e = tensor.empty() : tensor<8x4xf32>
  %t = linalg.transpose ins(%w : tensor<4x8xf32>) outs(%e : tensor<8x4xf32>) permutation = [1, 0]
  %r = linalg.matmul ins(%x, %t : tensor<1x8xf32>, tensor<8x4xf32>) outs(%acc : tensor<1x4xf32>) -> tensor<1x4xf32>
  return %r, %t : tensor<1x4xf32>, tensor<8x4xf32>
}

// -----

// batch_matmul: the batch dimension stays, the inner two are swapped.
// CHECK-DAG: #[[BT:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d2, d3)>
// CHECK-LABEL: func @batch_transposed_b
// CHECK-NOT: linalg.transpose
// CHECK: linalg.batch_matmul indexing_maps = [{{.*}}, #[[BT]], {{.*}}] ins(%arg0, %arg1 : tensor<2x3x8xf32>, tensor<2x4x8xf32>)
func.func @batch_transposed_b(%q: tensor<2x3x8xf32>, %k: tensor<2x4x8xf32>, %acc: tensor<2x3x4xf32>) -> tensor<2x3x4xf32> {
  %e = tensor.empty() : tensor<2x8x4xf32>
  %t = linalg.transpose ins(%k : tensor<2x4x8xf32>) outs(%e : tensor<2x8x4xf32>) permutation = [0, 2, 1]
  %r = linalg.batch_matmul ins(%q, %t : tensor<2x3x8xf32>, tensor<2x8x4xf32>) outs(%acc : tensor<2x3x4xf32>) -> tensor<2x3x4xf32>
  return %r : tensor<2x3x4xf32>
}

// -----

// A permutation that moves the batch dimension is not folded.
// CHECK-LABEL: func @batch_other_permutation
// CHECK: linalg.transpose
// CHECK: linalg.batch_matmul ins
func.func @batch_other_permutation(%q: tensor<2x3x8xf32>, %k: tensor<8x2x4xf32>, %acc: tensor<2x3x4xf32>) -> tensor<2x3x4xf32> {
  %e = tensor.empty() : tensor<2x8x4xf32>
  %t = linalg.transpose ins(%k : tensor<8x2x4xf32>) outs(%e : tensor<2x8x4xf32>) permutation = [1, 0, 2]
  %r = linalg.batch_matmul ins(%q, %t : tensor<2x3x8xf32>, tensor<2x8x4xf32>) outs(%acc : tensor<2x3x4xf32>) -> tensor<2x3x4xf32>
  return %r : tensor<2x3x4xf32>
}

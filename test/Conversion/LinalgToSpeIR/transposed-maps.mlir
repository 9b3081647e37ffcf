// RUN: spine-opt %s -split-input-file -convert-linalg-to-speir | FileCheck %s

// linalg.matmul reading B through (n, k) (speir-fold-transpose-into-matmul's
// output, or the frontend's own indexing_maps): B becomes a transposed view,
// which the GEMM reads with TRANSPOSE_B.
// CHECK-LABEL: func @transposed_b
// CHECK: %[[BT:.*]] = memref.transpose %arg1 (d0, d1) -> (d1, d0) : memref<4x8xf32, strided<[8, 1]>> to memref<8x4xf32, strided<[1, 8]>>
// CHECK: speir.gemm %arg0, %[[BT]] into %arg2 : memref<1x8xf32>, memref<8x4xf32, strided<[1, 8]>> into memref<1x4xf32>
// CHECK-NOT: linalg.matmul
func.func @transposed_b(%a: memref<1x8xf32>, %b: memref<4x8xf32, strided<[8, 1]>>, %c: memref<1x4xf32>) {
  %z = arith.constant 0.0 : f32
  linalg.fill ins(%z : f32) outs(%c : memref<1x4xf32>)
  linalg.matmul indexing_maps = [affine_map<(m, n, k) -> (m, k)>, affine_map<(m, n, k) -> (n, k)>, affine_map<(m, n, k) -> (m, n)>]
    ins(%a, %b : memref<1x8xf32>, memref<4x8xf32, strided<[8, 1]>>) outs(%c : memref<1x4xf32>)
  return
}

// -----

// A read through (k, m), accumulating.
// CHECK-LABEL: func @transposed_a
// CHECK: %[[AT:.*]] = memref.transpose %arg0 (d0, d1) -> (d1, d0) : memref<8x2xf32> to memref<2x8xf32, strided<[1, 2]>>
// CHECK: speir.gemm %[[AT]], %arg1 into %arg2 accumulate
func.func @transposed_a(%a: memref<8x2xf32>, %b: memref<8x4xf32>, %c: memref<2x4xf32>) {
  linalg.matmul indexing_maps = [affine_map<(m, n, k) -> (k, m)>, affine_map<(m, n, k) -> (k, n)>, affine_map<(m, n, k) -> (m, n)>]
    ins(%a, %b : memref<8x2xf32>, memref<8x4xf32>) outs(%c : memref<2x4xf32>)
  return
}

// -----

// batch_matmul with B read through (b, n, k).
// CHECK-LABEL: func @batch_transposed_b
// CHECK: %[[BT:.*]] = memref.transpose %arg1 (d0, d1, d2) -> (d0, d2, d1) : memref<2x4x8xf32> to memref<2x8x4xf32, strided<[32, 1, 8]>>
// CHECK: speir.gemm %arg0, %[[BT]] into %arg2 :
func.func @batch_transposed_b(%a: memref<2x3x8xf32>, %b: memref<2x4x8xf32>, %c: memref<2x3x4xf32>) {
  %z = arith.constant 0.0 : f32
  linalg.fill ins(%z : f32) outs(%c : memref<2x3x4xf32>)
  linalg.batch_matmul indexing_maps = [affine_map<(b, m, n, k) -> (b, m, k)>, affine_map<(b, m, n, k) -> (b, n, k)>, affine_map<(b, m, n, k) -> (b, m, n)>]
    ins(%a, %b : memref<2x3x8xf32>, memref<2x4x8xf32>) outs(%c : memref<2x3x4xf32>)
  return
}

// -----

// Other maps (here the output transposed) are not GEMMs: left alone.
// CHECK-LABEL: func @transposed_c
// CHECK-NOT: speir.gemm
// CHECK: linalg.matmul
func.func @transposed_c(%a: memref<2x8xf32>, %b: memref<8x4xf32>, %c: memref<4x2xf32>) {
  linalg.matmul indexing_maps = [affine_map<(m, n, k) -> (m, k)>, affine_map<(m, n, k) -> (k, n)>, affine_map<(m, n, k) -> (n, m)>]
    ins(%a, %b : memref<2x8xf32>, memref<8x4xf32>) outs(%c : memref<4x2xf32>)
  return
}

// RUN: spine-opt %s -split-input-file -convert-linalg-to-speir | FileCheck %s

// linalg.matvec: y = A x is the one-row GEMM x^T A^T; A is read transposed
// in place (a memref.transpose view, no copy); a preceding zero fill makes
// it an overwrite.
// CHECK-LABEL: func @matvec
// CHECK-NOT: linalg.fill
// CHECK-DAG: %[[X:.*]] = memref.expand_shape %{{.*}} {{\[\[}}0, 1]] output_shape [1, 128] : memref<128xf32> into memref<1x128xf32>
// CHECK-DAG: %[[AT:.*]] = memref.transpose %{{.*}} (d0, d1) -> (d1, d0) : memref<64x128xf32> to memref<128x64xf32, strided<[1, 128]>>
// CHECK-DAG: %[[Y:.*]] = memref.expand_shape %{{.*}} {{\[\[}}0, 1]] output_shape [1, 64] : memref<64xf32> into memref<1x64xf32>
// CHECK: speir.gemm %[[X]], %[[AT]] into %[[Y]] : memref<1x128xf32>, memref<128x64xf32, strided<[1, 128]>> into memref<1x64xf32>
// CHECK-NOT: linalg.matvec
func.func @matvec(%a: memref<64x128xf32>, %x: memref<128xf32>, %y: memref<64xf32>) {
  %z = arith.constant 0.0 : f32
  linalg.fill ins(%z : f32) outs(%y : memref<64xf32>)
  linalg.matvec ins(%a, %x : memref<64x128xf32>, memref<128xf32>) outs(%y : memref<64xf32>)
  return
}

// -----

// linalg.vecmat: y += x A with A as stored; dynamic sizes; int8 -> int32.
// CHECK-LABEL: func @vecmat
// CHECK: %[[K:.*]] = memref.dim %[[XARG:.*]], %{{.*}} : memref<?xi8>
// CHECK: %[[X:.*]] = memref.expand_shape %{{.*}} {{\[\[}}0, 1]] output_shape [1, %[[K]]] : memref<?xi8> into memref<1x?xi8>
// CHECK: %[[Y:.*]] = memref.expand_shape
// CHECK: speir.gemm %[[X]], %{{.*}} into %[[Y]] accumulate : memref<1x?xi8>, memref<?x?xi8> into memref<1x?xi32>
func.func @vecmat(%x: memref<?xi8>, %a: memref<?x?xi8>, %y: memref<?xi32>) {
  linalg.vecmat ins(%x, %a : memref<?xi8>, memref<?x?xi8>) outs(%y : memref<?xi32>)
  return
}

// -----

// A strided vector or a type the runtime has no kernel for stays a loop nest.
// CHECK-LABEL: func @not_converted
// CHECK-NOT: speir.gemm
// CHECK: linalg.matvec
// CHECK: linalg.vecmat
func.func @not_converted(%a: memref<64x128xf32>, %x: memref<128xf32, strided<[2]>>, %y: memref<64xf32>,
                         %b: memref<8x4xi16>, %v: memref<8xi16>, %w: memref<4xi16>) {
  linalg.matvec ins(%a, %x : memref<64x128xf32>, memref<128xf32, strided<[2]>>) outs(%y : memref<64xf32>)
  linalg.vecmat ins(%v, %b : memref<8xi16>, memref<8x4xi16>) outs(%w : memref<4xi16>)
  return
}

// RUN: spine-opt %s -speir-lower-copies | FileCheck %s

// CHECK-LABEL: func @strided_copy
// CHECK-NOT: memref.copy
// CHECK: linalg.copy ins(%{{.*}} : memref<4x8xf32, strided<[64, 1], offset: ?>>) outs(%{{.*}} : memref<4x8xf32>)
func.func @strided_copy(%src: memref<4x8xf32, strided<[64, 1], offset: ?>>, %dst: memref<4x8xf32>) {
  memref.copy %src, %dst : memref<4x8xf32, strided<[64, 1], offset: ?>> to memref<4x8xf32>
  return
}

// Unranked copies have no loop form and stay.
// CHECK-LABEL: func @unranked_copy
// CHECK: memref.copy %{{.*}}, %{{.*}} : memref<*xf32> to memref<*xf32>
func.func @unranked_copy(%src: memref<*xf32>, %dst: memref<*xf32>) {
  memref.copy %src, %dst : memref<*xf32> to memref<*xf32>
  return
}

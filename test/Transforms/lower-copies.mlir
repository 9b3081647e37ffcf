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

// A fill or copy over contiguous buffers runs over one flat run of
// elements (one vector loop, not one per row): identity layouts, and
// strides that make one run.
// CHECK-LABEL: func @flat_fill_and_copies
// CHECK-SAME:    (%[[BUF:[a-z0-9]+]]: memref<16x?xf32>, %[[SRC:[a-z0-9]+]]: memref<4x8xf32, strided<[8, 1], offset: ?>>, %[[DST:[a-z0-9]+]]: memref<4x8xf32>
// CHECK:         %[[FB:.*]] = memref.collapse_shape %[[BUF]] {{\[\[}}0, 1]] : memref<16x?xf32> into memref<?xf32>
// CHECK:         linalg.fill ins(%{{.*}} : f32) outs(%[[FB]] : memref<?xf32>)
// CHECK:         %[[FS:.*]] = memref.collapse_shape %[[SRC]] {{\[\[}}0, 1]] : memref<4x8xf32, strided<[8, 1], offset: ?>> into memref<32xf32, strided<[1], offset: ?>>
// CHECK:         %[[FD:.*]] = memref.collapse_shape %[[DST]] {{\[\[}}0, 1]] : memref<4x8xf32> into memref<32xf32>
// CHECK:         linalg.copy ins(%[[FS]] : memref<32xf32, strided<[1], offset: ?>>) outs(%[[FD]] : memref<32xf32>)
// CHECK:         %[[GS:.*]] = memref.collapse_shape %{{.*}} {{\[\[}}0, 1]] : memref<4x8xf32> into memref<32xf32>
// CHECK:         %[[GD:.*]] = memref.collapse_shape %[[DST]]
// CHECK:         linalg.copy ins(%[[GS]] : memref<32xf32>) outs(%[[GD]] : memref<32xf32>)
// CHECK-NOT:     memref.copy
func.func @flat_fill_and_copies(%buf: memref<16x?xf32>, %src: memref<4x8xf32, strided<[8, 1], offset: ?>>, %dst: memref<4x8xf32>, %other: memref<4x8xf32>) {
  %zero = arith.constant 0.0 : f32
  linalg.fill ins(%zero : f32) outs(%buf : memref<16x?xf32>)
  memref.copy %src, %dst : memref<4x8xf32, strided<[8, 1], offset: ?>> to memref<4x8xf32>
  linalg.copy ins(%other : memref<4x8xf32>) outs(%dst : memref<4x8xf32>)
  return
}

// Rows apart in memory (a block of a larger matrix), or strides not known
// to make one run: the loop nest stays.
// CHECK-LABEL: func @rows_apart
// CHECK-NOT:     memref.collapse_shape
// CHECK:         linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : memref<?x16xf32, strided<[64, 1]>>)
// CHECK:         linalg.copy ins(%{{.*}} : memref<4x8xf32, strided<[?, 1], offset: ?>>) outs(%{{.*}} : memref<4x8xf32>)
func.func @rows_apart(%block: memref<?x16xf32, strided<[64, 1]>>, %src: memref<4x8xf32, strided<[?, 1], offset: ?>>, %dst: memref<4x8xf32>) {
  %zero = arith.constant 0.0 : f32
  linalg.fill ins(%zero : f32) outs(%block : memref<?x16xf32, strided<[64, 1]>>)
  memref.copy %src, %dst : memref<4x8xf32, strided<[?, 1], offset: ?>> to memref<4x8xf32>
  return
}

// A copy that converts its elements (here unsigned, i8 to i32) keeps its
// form and its cast; an empty buffer stays as it is.
// CHECK-LABEL: func @converting_and_empty
// CHECK-NOT:     memref.collapse_shape
// CHECK:         linalg.copy {cast = #linalg.type_fn<cast_unsigned>} ins(%{{.*}} : memref<4x8xi8>) outs(%{{.*}} : memref<4x8xi32>)
// CHECK:         linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : memref<0x?xf32>)
func.func @converting_and_empty(%a: memref<4x8xi8>, %b: memref<4x8xi32>, %e: memref<0x?xf32>) {
  %zero = arith.constant 0.0 : f32
  linalg.copy {cast = #linalg.type_fn<cast_unsigned>} ins(%a : memref<4x8xi8>) outs(%b : memref<4x8xi32>)
  linalg.fill ins(%zero : f32) outs(%e : memref<0x?xf32>)
  return
}

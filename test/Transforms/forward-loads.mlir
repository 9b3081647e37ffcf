// RUN: spine-opt %s -split-input-file -speir-forward-loads | FileCheck %s

// The frontend's load of a whole block: read in place, not writable.
// CHECK-LABEL: func @forwarded
// CHECK-NOT: memref.alloc
// CHECK-NOT: memref.copy
// CHECK: %[[V:.*]] = memref.reinterpret_cast %arg1
// CHECK: %[[T:.*]] = bufferization.to_tensor %[[V]] restrict : memref<8x4xf32, strided<[4, 1]>> to tensor<8x4xf32>
// CHECK-NOT: writable
// CHECK: linalg.matmul ins(%{{.*}}, %[[T]] :
func.func @forwarded(%x: memref<*xf32>, %w: memref<*xf32>, %y: memref<*xf32>) {
  %zero = arith.constant 0.0 : f32
  %vx = memref.reinterpret_cast %x to offset: [0], sizes: [1, 8], strides: [8, 1] : memref<*xf32> to memref<1x8xf32, strided<[8, 1]>>
  %ax = memref.alloc() : memref<1x8xf32>
  memref.copy %vx, %ax : memref<1x8xf32, strided<[8, 1]>> to memref<1x8xf32>
  %tx = bufferization.to_tensor %ax restrict writable : memref<1x8xf32> to tensor<1x8xf32>
  %vw = memref.reinterpret_cast %w to offset: [0], sizes: [8, 4], strides: [4, 1] : memref<*xf32> to memref<8x4xf32, strided<[4, 1]>>
  %aw = memref.alloc() : memref<8x4xf32>
  memref.copy %vw, %aw : memref<8x4xf32, strided<[4, 1]>> to memref<8x4xf32>
  %tw = bufferization.to_tensor %aw restrict writable : memref<8x4xf32> to tensor<8x4xf32>
  %e = tensor.empty() : tensor<1x4xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<1x4xf32>) -> tensor<1x4xf32>
  %mm = linalg.matmul ins(%tx, %tw : tensor<1x8xf32>, tensor<8x4xf32>) outs(%f : tensor<1x4xf32>) -> tensor<1x4xf32>
  %vy = memref.reinterpret_cast %y to offset: [0], sizes: [1, 4], strides: [4, 1] : memref<*xf32> to memref<1x4xf32, strided<[4, 1]>>
  bufferization.materialize_in_destination %mm in writable %vy : (tensor<1x4xf32>, memref<1x4xf32, strided<[4, 1]>>) -> ()
  return
}

// -----

// The masked form with a statically full block: the `other` fill is dead.
// CHECK-LABEL: func @masked_full
// CHECK-NOT: memref.alloc
// CHECK-NOT: linalg.fill
// CHECK: bufferization.to_tensor %{{.*}} restrict : memref<4x4xf32, strided<[4, 1], offset: ?>> to tensor<4x4xf32>
func.func @masked_full(%a: memref<*xf32>, %off: index) -> f32 {
  %zero = arith.constant 0.0 : f32
  %c1 = arith.constant 1 : index
  %v = memref.reinterpret_cast %a to offset: [%off], sizes: [4, 4], strides: [4, 1] : memref<*xf32> to memref<4x4xf32, strided<[4, 1], offset: ?>>
  %b = memref.alloc() : memref<4x4xf32>
  linalg.fill ins(%zero : f32) outs(%b : memref<4x4xf32>)
  memref.copy %v, %b : memref<4x4xf32, strided<[4, 1], offset: ?>> to memref<4x4xf32>
  %t = bufferization.to_tensor %b restrict writable : memref<4x4xf32> to tensor<4x4xf32>
  %x = tensor.extract %t[%c1, %c1] : tensor<4x4xf32>
  return %x : f32
}

// -----

// Returning the loaded tensor (a use the pass does not follow): left alone.
// CHECK-LABEL: func @returned
// CHECK: memref.copy
// CHECK: bufferization.to_tensor %{{.*}} restrict writable
func.func @returned(%a: memref<*xf32>) -> tensor<4xf32> {
  %v = memref.reinterpret_cast %a to offset: [0], sizes: [4], strides: [1] : memref<*xf32> to memref<4xf32, strided<[1]>>
  %b = memref.alloc() : memref<4xf32>
  memref.copy %v, %b : memref<4xf32, strided<[1]>> to memref<4xf32>
  %t = bufferization.to_tensor %b restrict writable : memref<4xf32> to tensor<4xf32>
  return %t : tensor<4xf32>
}

// -----

// The masked form with a valid size not known to be the block: left alone.
// CHECK-LABEL: func @masked_partial
// CHECK: memref.alloc
// CHECK: linalg.fill
// CHECK: memref.copy
// CHECK: bufferization.to_tensor %{{.*}} restrict writable
func.func @masked_partial(%a: memref<*xf32>, %n: index) -> tensor<4x4xf32> {
  %zero = arith.constant 0.0 : f32
  %c4 = arith.constant 4 : index
  %v = memref.reinterpret_cast %a to offset: [0], sizes: [4, 4], strides: [4, 1] : memref<*xf32> to memref<4x4xf32, strided<[4, 1]>>
  %m = arith.minsi %n, %c4 : index
  %sv = memref.subview %v[0, 0] [%m, 4] [1, 1] : memref<4x4xf32, strided<[4, 1]>> to memref<?x4xf32, strided<[4, 1]>>
  %b = memref.alloc() : memref<4x4xf32>
  linalg.fill ins(%zero : f32) outs(%b : memref<4x4xf32>)
  %sb = memref.subview %b[0, 0] [%m, 4] [1, 1] : memref<4x4xf32> to memref<?x4xf32, strided<[4, 1]>>
  memref.copy %sv, %sb : memref<?x4xf32, strided<[4, 1]>> to memref<?x4xf32, strided<[4, 1]>>
  %t = bufferization.to_tensor %b restrict writable : memref<4x4xf32> to tensor<4x4xf32>
  return %t : tensor<4x4xf32>
}

// -----

// The alloc has another user (a store into it): left alone.
// CHECK-LABEL: func @alloc_other_user
// CHECK: memref.alloc
// CHECK: memref.copy
// CHECK: memref.store
// CHECK: bufferization.to_tensor %{{.*}} restrict writable
func.func @alloc_other_user(%a: memref<*xf32>) -> tensor<4xf32> {
  %one = arith.constant 1.0 : f32
  %c0 = arith.constant 0 : index
  %v = memref.reinterpret_cast %a to offset: [0], sizes: [4], strides: [1] : memref<*xf32> to memref<4xf32, strided<[1]>>
  %b = memref.alloc() : memref<4xf32>
  memref.copy %v, %b : memref<4xf32, strided<[1]>> to memref<4xf32>
  memref.store %one, %b[%c0] : memref<4xf32>
  %t = bufferization.to_tensor %b restrict writable : memref<4xf32> to tensor<4xf32>
  return %t : tensor<4xf32>
}

// -----

// The tensor is the destination of an op (written in place): left alone.
// CHECK-LABEL: func @written_in_place
// CHECK: memref.alloc
// CHECK: memref.copy
// CHECK: bufferization.to_tensor %{{.*}} restrict writable
func.func @written_in_place(%a: memref<*xf32>, %x: tensor<4xf32>) -> tensor<4xf32> {
  %v = memref.reinterpret_cast %a to offset: [0], sizes: [4], strides: [1] : memref<*xf32> to memref<4xf32, strided<[1]>>
  %b = memref.alloc() : memref<4xf32>
  memref.copy %v, %b : memref<4xf32, strided<[1]>> to memref<4xf32>
  %t = bufferization.to_tensor %b restrict writable : memref<4xf32> to tensor<4xf32>
  %r = linalg.add ins(%x, %x : tensor<4xf32>, tensor<4xf32>) outs(%t : tensor<4xf32>) -> tensor<4xf32>
  return %r : tensor<4xf32>
}

// -----

// Written in place through a slice: left alone.
// CHECK-LABEL: func @written_through_slice
// CHECK: memref.copy
// CHECK: bufferization.to_tensor %{{.*}} restrict writable
func.func @written_through_slice(%a: memref<*xf32>, %x: f32) -> tensor<4xf32> {
  %c0 = arith.constant 0 : index
  %v = memref.reinterpret_cast %a to offset: [0], sizes: [8], strides: [1] : memref<*xf32> to memref<8xf32, strided<[1]>>
  %b = memref.alloc() : memref<8xf32>
  memref.copy %v, %b : memref<8xf32, strided<[1]>> to memref<8xf32>
  %t = bufferization.to_tensor %b restrict writable : memref<8xf32> to tensor<8xf32>
  %s = tensor.extract_slice %t[0] [4] [1] : tensor<8xf32> to tensor<4xf32>
  %r = tensor.insert %x into %s[%c0] : tensor<4xf32>
  return %r : tensor<4xf32>
}

// -----

// A store into another kernel argument (which may alias the loaded one)
// before the last read: left alone.
// CHECK-LABEL: func @aliasing_store_before_read
// CHECK: memref.alloc
// CHECK: memref.copy
// CHECK: bufferization.to_tensor %{{.*}} restrict writable
func.func @aliasing_store_before_read(%a: memref<*xf32>, %o: memref<*xf32>) {
  %v = memref.reinterpret_cast %a to offset: [0], sizes: [4], strides: [1] : memref<*xf32> to memref<4xf32, strided<[1]>>
  %b = memref.alloc() : memref<4xf32>
  memref.copy %v, %b : memref<4xf32, strided<[1]>> to memref<4xf32>
  %t = bufferization.to_tensor %b restrict writable : memref<4xf32> to tensor<4xf32>
  %vo = memref.reinterpret_cast %o to offset: [0], sizes: [4], strides: [1] : memref<*xf32> to memref<4xf32, strided<[1]>>
  %cst = arith.constant dense<1.0> : tensor<4xf32>
  bufferization.materialize_in_destination %cst in writable %vo : (tensor<4xf32>, memref<4xf32, strided<[1]>>) -> ()
  %e = tensor.empty() : tensor<4xf32>
  %r = linalg.add ins(%t, %t : tensor<4xf32>, tensor<4xf32>) outs(%e : tensor<4xf32>) -> tensor<4xf32>
  %vo2 = memref.reinterpret_cast %o to offset: [4], sizes: [4], strides: [1] : memref<*xf32> to memref<4xf32, strided<[1], offset: 4>>
  bufferization.materialize_in_destination %r in writable %vo2 : (tensor<4xf32>, memref<4xf32, strided<[1], offset: 4>>) -> ()
  return
}

// -----

// The same store after the last read, and a write into a local buffer
// before it: forwarded.
// CHECK-LABEL: func @store_after_read
// CHECK-NOT: memref.copy %{{.*}}, %{{.*}} : memref<4xf32, strided<[1]>> to memref<4xf32>
// CHECK: bufferization.to_tensor %{{.*}} restrict : memref<4xf32, strided<[1]>> to tensor<4xf32>
// CHECK: linalg.add
// CHECK: bufferization.materialize_in_destination
func.func @store_after_read(%a: memref<*xf32>, %o: memref<*xf32>) {
  %one = arith.constant 1.0 : f32
  %c0 = arith.constant 0 : index
  %v = memref.reinterpret_cast %a to offset: [0], sizes: [4], strides: [1] : memref<*xf32> to memref<4xf32, strided<[1]>>
  %b = memref.alloc() : memref<4xf32>
  memref.copy %v, %b : memref<4xf32, strided<[1]>> to memref<4xf32>
  %t = bufferization.to_tensor %b restrict writable : memref<4xf32> to tensor<4xf32>
  %local = memref.alloc() : memref<4xf32>
  memref.store %one, %local[%c0] : memref<4xf32>
  %e = tensor.empty() : tensor<4xf32>
  %r = linalg.add ins(%t, %t : tensor<4xf32>, tensor<4xf32>) outs(%e : tensor<4xf32>) -> tensor<4xf32>
  %vo = memref.reinterpret_cast %o to offset: [0], sizes: [4], strides: [1] : memref<*xf32> to memref<4xf32, strided<[1]>>
  bufferization.materialize_in_destination %r in writable %vo : (tensor<4xf32>, memref<4xf32, strided<[1]>>) -> ()
  return
}

// -----

// A load before a loop that reads it and stores into an argument in each
// iteration: a later iteration's read would see the store. Left alone.
// CHECK-LABEL: func @store_in_loop_after_read
// CHECK: memref.copy
// CHECK: bufferization.to_tensor %{{.*}} restrict writable
func.func @store_in_loop_after_read(%a: memref<*xf32>, %n: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %v = memref.reinterpret_cast %a to offset: [0], sizes: [4], strides: [1] : memref<*xf32> to memref<4xf32, strided<[1]>>
  %b = memref.alloc() : memref<4xf32>
  memref.copy %v, %b : memref<4xf32, strided<[1]>> to memref<4xf32>
  %t = bufferization.to_tensor %b restrict writable : memref<4xf32> to tensor<4xf32>
  scf.for %i = %c0 to %n step %c1 {
    %x = tensor.extract %t[%c0] : tensor<4xf32>
    memref.store %x, %v[%c1] : memref<4xf32, strided<[1]>>
  }
  return
}

// -----

// A writable tensor on a kernel argument: bufferization may write into the
// argument in place (a write not visible before bufferization). No load of
// the function is forwarded.
// CHECK-LABEL: func @writable_argument_tensor
// CHECK: memref.copy
// CHECK: bufferization.to_tensor %{{.*}} restrict writable : memref<4xf32> to tensor<4xf32>
func.func @writable_argument_tensor(%a: memref<*xf32>, %o: memref<*xf32>) -> tensor<4xf32> {
  %v = memref.reinterpret_cast %a to offset: [0], sizes: [4], strides: [1] : memref<*xf32> to memref<4xf32, strided<[1]>>
  %b = memref.alloc() : memref<4xf32>
  memref.copy %v, %b : memref<4xf32, strided<[1]>> to memref<4xf32>
  %t = bufferization.to_tensor %b restrict writable : memref<4xf32> to tensor<4xf32>
  %vo = memref.reinterpret_cast %o to offset: [0], sizes: [4], strides: [1] : memref<*xf32> to memref<4xf32, strided<[1]>>
  %to = bufferization.to_tensor %vo restrict writable : memref<4xf32, strided<[1]>> to tensor<4xf32>
  %r = linalg.add ins(%t, %t : tensor<4xf32>, tensor<4xf32>) outs(%to : tensor<4xf32>) -> tensor<4xf32>
  return %r : tensor<4xf32>
}

// -----

// A copy out of a local buffer (not a kernel argument's view): left alone,
// since a later store into that buffer would not count as aliasing.
// CHECK-LABEL: func @local_source
// CHECK: memref.copy
// CHECK: bufferization.to_tensor %{{.*}} restrict writable
func.func @local_source(%x: f32) -> f32 {
  %c0 = arith.constant 0 : index
  %src = memref.alloc() : memref<4xf32>
  memref.store %x, %src[%c0] : memref<4xf32>
  %b = memref.alloc() : memref<4xf32>
  memref.copy %src, %b : memref<4xf32> to memref<4xf32>
  %t = bufferization.to_tensor %b restrict writable : memref<4xf32> to tensor<4xf32>
  %y = arith.addf %x, %x : f32
  memref.store %y, %src[%c0] : memref<4xf32>
  %r = tensor.extract %t[%c0] : tensor<4xf32>
  return %r : f32
}

// -----

// A load of a dynamic K extent copied whole: the copy's shape is the
// alloc's, so it is read in place.
// CHECK-LABEL: func @forwarded_dynamic
// CHECK-SAME:    (%[[B:.*]]: memref<*xf32>,
// CHECK-NOT:     memref.alloc
// CHECK:         %[[V:.*]] = memref.reinterpret_cast %[[B]]
// CHECK:         bufferization.to_tensor %[[V]] restrict :
func.func @forwarded_dynamic(%b: memref<*xf32>, %k: index, %ldb: index, %out: memref<?x32xf32>) {
  %a = memref.alloc(%k) : memref<?x32xf32>
  %v = memref.reinterpret_cast %b to offset: [0], sizes: [%k, 32], strides: [%ldb, 1] : memref<*xf32> to memref<?x32xf32, strided<[?, 1]>>
  memref.copy %v, %a : memref<?x32xf32, strided<[?, 1]>> to memref<?x32xf32>
  %t = bufferization.to_tensor %a restrict writable : memref<?x32xf32> to tensor<?x32xf32>
  %e = tensor.empty(%k) : tensor<?x32xf32>
  %c = linalg.copy ins(%t : tensor<?x32xf32>) outs(%e : tensor<?x32xf32>) -> tensor<?x32xf32>
  bufferization.materialize_in_destination %c in writable %out : (tensor<?x32xf32>, memref<?x32xf32>) -> ()
  return
}

// -----

// convert-triton-to-linalg's versioned masked load, read only through a
// leading slice within its valid rows (%r, and min(%r, 16) <= %r): the
// slice reads the view; the alloc, fill and copies go.
// CHECK-LABEL: func @versioned_within
// CHECK-SAME:    (%[[A:.*]]: memref<*xf32>,
// CHECK-NOT:     memref.alloc
// CHECK-NOT:     scf.if
// CHECK:         %[[V:.*]] = memref.reinterpret_cast %[[A]]
// CHECK:         %[[T:.*]] = bufferization.to_tensor %[[V]] restrict :
// CHECK:         %[[S:.*]] = tensor.extract_slice %[[T]][0, 0] [%{{.*}}, 64] [1, 1]
// CHECK:         %[[S2:.*]] = tensor.extract_slice %[[T]][0, 0] [%{{.*}}, 32] [1, 1]
// CHECK:         linalg.copy ins(%[[S]]
// CHECK:         linalg.copy ins(%[[S2]]
func.func @versioned_within(%a: memref<*xf32>, %rv: index, %lda: index, %o1: memref<?x64xf32>, %o2: memref<?x32xf32>) {
  %c16 = arith.constant 16 : index
  %zero = arith.constant 0.0 : f32
  %r = arith.minsi %rv, %c16 : index
  %whole = arith.cmpi eq, %r, %c16 : index
  %buf = memref.alloc() : memref<16x64xf32>
  %v = memref.reinterpret_cast %a to offset: [0], sizes: [16, 64], strides: [%lda, 1] : memref<*xf32> to memref<16x64xf32, strided<[?, 1]>>
  scf.if %whole {
    memref.copy %v, %buf : memref<16x64xf32, strided<[?, 1]>> to memref<16x64xf32>
  } else {
    linalg.fill ins(%zero : f32) outs(%buf : memref<16x64xf32>)
    %s0 = memref.subview %v[0, 0] [%r, 64] [1, 1] : memref<16x64xf32, strided<[?, 1]>> to memref<?x64xf32, strided<[?, 1]>>
    %s1 = memref.subview %buf[0, 0] [%r, 64] [1, 1] : memref<16x64xf32> to memref<?x64xf32, strided<[64, 1]>>
    memref.copy %s0, %s1 : memref<?x64xf32, strided<[?, 1]>> to memref<?x64xf32, strided<[64, 1]>>
  }
  %t = bufferization.to_tensor %buf restrict writable : memref<16x64xf32> to tensor<16x64xf32>
  %m = arith.minsi %r, %c16 : index
  %x = tensor.extract_slice %t[0, 0] [%m, 64] [1, 1] : tensor<16x64xf32> to tensor<?x64xf32>
  %y = tensor.extract_slice %t[0, 0] [%r, 32] [1, 1] : tensor<16x64xf32> to tensor<?x32xf32>
  %ex = tensor.empty(%m) : tensor<?x64xf32>
  %cx = linalg.copy ins(%x : tensor<?x64xf32>) outs(%ex : tensor<?x64xf32>) -> tensor<?x64xf32>
  %ey = tensor.empty(%r) : tensor<?x32xf32>
  %cy = linalg.copy ins(%y : tensor<?x32xf32>) outs(%ey : tensor<?x32xf32>) -> tensor<?x32xf32>
  bufferization.materialize_in_destination %cx in writable %o1 : (tensor<?x64xf32>, memref<?x64xf32>) -> ()
  bufferization.materialize_in_destination %cy in writable %o2 : (tensor<?x32xf32>, memref<?x32xf32>) -> ()
  return
}

// -----

// The valid rows are clamped at 0 as Triton's masks are (max(min(%rv, 16),
// 0)); the slice reads min(%rv, 16) rows, within them: forwarded (the proof
// takes the max of the bound after the min of the read gave none).
// CHECK-LABEL: func @versioned_clamped
// CHECK-NOT:     memref.alloc
// CHECK-NOT:     scf.if
// CHECK:         %[[T:.*]] = bufferization.to_tensor %{{.*}} restrict :
// CHECK:         tensor.extract_slice %[[T]][0, 0] [%{{.*}}, 64] [1, 1]
func.func @versioned_clamped(%a: memref<*xf32>, %rv: index, %lda: index, %o1: memref<?x64xf32>) {
  %c0 = arith.constant 0 : index
  %c16 = arith.constant 16 : index
  %zero = arith.constant 0.0 : f32
  %m = arith.minsi %rv, %c16 : index
  %r = arith.maxsi %m, %c0 : index
  %whole = arith.cmpi eq, %r, %c16 : index
  %buf = memref.alloc() : memref<16x64xf32>
  %v = memref.reinterpret_cast %a to offset: [0], sizes: [16, 64], strides: [%lda, 1] : memref<*xf32> to memref<16x64xf32, strided<[?, 1]>>
  scf.if %whole {
    memref.copy %v, %buf : memref<16x64xf32, strided<[?, 1]>> to memref<16x64xf32>
  } else {
    linalg.fill ins(%zero : f32) outs(%buf : memref<16x64xf32>)
    %s0 = memref.subview %v[0, 0] [%r, 64] [1, 1] : memref<16x64xf32, strided<[?, 1]>> to memref<?x64xf32, strided<[?, 1]>>
    %s1 = memref.subview %buf[0, 0] [%r, 64] [1, 1] : memref<16x64xf32> to memref<?x64xf32, strided<[64, 1]>>
    memref.copy %s0, %s1 : memref<?x64xf32, strided<[?, 1]>> to memref<?x64xf32, strided<[64, 1]>>
  }
  %t = bufferization.to_tensor %buf restrict writable : memref<16x64xf32> to tensor<16x64xf32>
  %x = tensor.extract_slice %t[0, 0] [%m, 64] [1, 1] : tensor<16x64xf32> to tensor<?x64xf32>
  %ex = tensor.empty(%m) : tensor<?x64xf32>
  %cx = linalg.copy ins(%x : tensor<?x64xf32>) outs(%ex : tensor<?x64xf32>) -> tensor<?x64xf32>
  bufferization.materialize_in_destination %cx in writable %o1 : (tensor<?x64xf32>, memref<?x64xf32>) -> ()
  return
}

// -----

// The slice reads rows past the valid ones (%n is not known to be <= %r):
// they are the fill's zeros, not the view's; the load stays.
// CHECK-LABEL: func @versioned_beyond
// CHECK:         memref.alloc
// CHECK:         scf.if
// CHECK:         bufferization.to_tensor %{{.*}} restrict writable
func.func @versioned_beyond(%a: memref<*xf32>, %rv: index, %n: index, %lda: index, %o1: memref<?x64xf32>) {
  %c16 = arith.constant 16 : index
  %zero = arith.constant 0.0 : f32
  %r = arith.minsi %rv, %c16 : index
  %whole = arith.cmpi eq, %r, %c16 : index
  %buf = memref.alloc() : memref<16x64xf32>
  %v = memref.reinterpret_cast %a to offset: [0], sizes: [16, 64], strides: [%lda, 1] : memref<*xf32> to memref<16x64xf32, strided<[?, 1]>>
  scf.if %whole {
    memref.copy %v, %buf : memref<16x64xf32, strided<[?, 1]>> to memref<16x64xf32>
  } else {
    linalg.fill ins(%zero : f32) outs(%buf : memref<16x64xf32>)
    %s0 = memref.subview %v[0, 0] [%r, 64] [1, 1] : memref<16x64xf32, strided<[?, 1]>> to memref<?x64xf32, strided<[?, 1]>>
    %s1 = memref.subview %buf[0, 0] [%r, 64] [1, 1] : memref<16x64xf32> to memref<?x64xf32, strided<[64, 1]>>
    memref.copy %s0, %s1 : memref<?x64xf32, strided<[?, 1]>> to memref<?x64xf32, strided<[64, 1]>>
  }
  %t = bufferization.to_tensor %buf restrict writable : memref<16x64xf32> to tensor<16x64xf32>
  %x = tensor.extract_slice %t[0, 0] [%n, 64] [1, 1] : tensor<16x64xf32> to tensor<?x64xf32>
  %ex = tensor.empty(%n) : tensor<?x64xf32>
  %cx = linalg.copy ins(%x : tensor<?x64xf32>) outs(%ex : tensor<?x64xf32>) -> tensor<?x64xf32>
  bufferization.materialize_in_destination %cx in writable %o1 : (tensor<?x64xf32>, memref<?x64xf32>) -> ()
  return
}

// -----

// A store to a kernel argument between the load and the slice's read may
// change what the view holds: the load stays.
// CHECK-LABEL: func @versioned_aliasing_store
// CHECK:         memref.alloc
// CHECK:         scf.if
// CHECK:         memref.store
func.func @versioned_aliasing_store(%a: memref<*xf32>, %o: memref<4xf32>, %rv: index, %lda: index, %o1: memref<?x64xf32>) {
  %c0 = arith.constant 0 : index
  %c16 = arith.constant 16 : index
  %zero = arith.constant 0.0 : f32
  %r = arith.minsi %rv, %c16 : index
  %whole = arith.cmpi eq, %r, %c16 : index
  %buf = memref.alloc() : memref<16x64xf32>
  %v = memref.reinterpret_cast %a to offset: [0], sizes: [16, 64], strides: [%lda, 1] : memref<*xf32> to memref<16x64xf32, strided<[?, 1]>>
  scf.if %whole {
    memref.copy %v, %buf : memref<16x64xf32, strided<[?, 1]>> to memref<16x64xf32>
  } else {
    linalg.fill ins(%zero : f32) outs(%buf : memref<16x64xf32>)
    %s0 = memref.subview %v[0, 0] [%r, 64] [1, 1] : memref<16x64xf32, strided<[?, 1]>> to memref<?x64xf32, strided<[?, 1]>>
    %s1 = memref.subview %buf[0, 0] [%r, 64] [1, 1] : memref<16x64xf32> to memref<?x64xf32, strided<[64, 1]>>
    memref.copy %s0, %s1 : memref<?x64xf32, strided<[?, 1]>> to memref<?x64xf32, strided<[64, 1]>>
  }
  %t = bufferization.to_tensor %buf restrict writable : memref<16x64xf32> to tensor<16x64xf32>
  memref.store %zero, %o[%c0] : memref<4xf32>
  %x = tensor.extract_slice %t[0, 0] [%r, 64] [1, 1] : tensor<16x64xf32> to tensor<?x64xf32>
  %ex = tensor.empty(%r) : tensor<?x64xf32>
  %cx = linalg.copy ins(%x : tensor<?x64xf32>) outs(%ex : tensor<?x64xf32>) -> tensor<?x64xf32>
  bufferization.materialize_in_destination %cx in writable %o1 : (tensor<?x64xf32>, memref<?x64xf32>) -> ()
  return
}

// -----

// The versioned load copies straight from a kernel argument (no view op):
// forwarded as well.
// CHECK-LABEL: func @versioned_argument
// CHECK-SAME:    (%[[A:.*]]: memref<16x64xf32>,
// CHECK-NOT:     memref.alloc
// CHECK:         %[[T:.*]] = bufferization.to_tensor %[[A]] restrict :
// CHECK:         tensor.extract_slice %[[T]][0, 0] [%{{.*}}, 64] [1, 1]
func.func @versioned_argument(%a: memref<16x64xf32>, %rv: index, %o1: memref<?x64xf32>) {
  %c16 = arith.constant 16 : index
  %zero = arith.constant 0.0 : f32
  %r = arith.minsi %rv, %c16 : index
  %whole = arith.cmpi eq, %r, %c16 : index
  %buf = memref.alloc() : memref<16x64xf32>
  scf.if %whole {
    memref.copy %a, %buf : memref<16x64xf32> to memref<16x64xf32>
  } else {
    linalg.fill ins(%zero : f32) outs(%buf : memref<16x64xf32>)
    %s0 = memref.subview %a[0, 0] [%r, 64] [1, 1] : memref<16x64xf32> to memref<?x64xf32, strided<[64, 1]>>
    %s1 = memref.subview %buf[0, 0] [%r, 64] [1, 1] : memref<16x64xf32> to memref<?x64xf32, strided<[64, 1]>>
    memref.copy %s0, %s1 : memref<?x64xf32, strided<[64, 1]>> to memref<?x64xf32, strided<[64, 1]>>
  }
  %t = bufferization.to_tensor %buf restrict writable : memref<16x64xf32> to tensor<16x64xf32>
  %x = tensor.extract_slice %t[0, 0] [%r, 64] [1, 1] : tensor<16x64xf32> to tensor<?x64xf32>
  %ex = tensor.empty(%r) : tensor<?x64xf32>
  %cx = linalg.copy ins(%x : tensor<?x64xf32>) outs(%ex : tensor<?x64xf32>) -> tensor<?x64xf32>
  bufferization.materialize_in_destination %cx in writable %o1 : (tensor<?x64xf32>, memref<?x64xf32>) -> ()
  return
}

// RUN: spine-opt %s -split-input-file -spine-raise-dot-k-loop | FileCheck %s

// The shape convert-triton-to-linalg gives a decode matmul's K loop: A
// (16 x 32 blocks) masked on its rows only, B (32 x 32) unmasked, the
// offsets advanced by BLOCK_K = 32 along K (A: K stride 1; B: K stride
// %sb). The loop becomes its loads widened to all of K (16 x K and K x 32,
// K = 32 * trips) at the loop's initial offsets, A's row mask and
// versioning kept, and one linalg.matmul of the panels into the
// accumulator's initial value.

// CHECK-LABEL: func.func @raise
// CHECK-SAME:    (%[[A:.*]]: memref<*xf32>, %[[B:.*]]: memref<*xf32>, %{{.*}}: index, %{{.*}}: i32, %[[SA:.*]]: index, %{{.*}}: i32, %[[A0:.*]]: index, %[[B0:.*]]: index)
// CHECK:         %[[ACC0:.*]] = arith.constant dense<0.000000e+00> : tensor<16x32xf32>
// CHECK:         %[[SB:.*]] = arith.index_cast
// CHECK:         %[[ROWS:.*]] = arith.minsi
// CHECK:         %[[WHOLE:.*]] = arith.cmpi eq, %[[ROWS]]
// CHECK:         %[[SPAN:.*]] = arith.subi
// CHECK:         %[[TRIPS:.*]] = arith.ceildivsi %[[SPAN]], %{{.*}} : index
// CHECK:         %[[POS:.*]] = arith.maxsi %[[TRIPS]], %{{.*}} : index
// CHECK:         %[[KT:.*]] = arith.muli %[[POS]], %{{.*}} : index
// CHECK:         %[[PA:.*]] = memref.alloc(%[[KT]]) : memref<16x?xf32>
// CHECK:         %[[AV:.*]] = memref.reinterpret_cast %[[A]] to offset: [%[[A0]]], sizes: [16, %[[KT]]], strides: [%[[SA]], 1]
// CHECK:         scf.if %[[WHOLE]] {
// CHECK:           memref.copy %[[AV]], %[[PA]]
// CHECK:         } else {
// CHECK:           linalg.fill ins(%{{.*}} : f32) outs(%[[PA]] : memref<16x?xf32>)
// CHECK:           %[[AS:.*]] = memref.subview %[[AV]][0, 0] [%[[ROWS]], %[[KT]]] [1, 1]
// CHECK:           %[[PS:.*]] = memref.subview %[[PA]][0, 0] [%[[ROWS]], %[[KT]]] [1, 1]
// CHECK:           memref.copy %[[AS]], %[[PS]]
// CHECK:         }
// CHECK:         %[[TA:.*]] = bufferization.to_tensor %[[PA]] restrict writable : memref<16x?xf32> to tensor<16x?xf32>
// CHECK:         %[[PB:.*]] = memref.alloc(%[[KT]]) : memref<?x32xf32>
// CHECK:         %[[BV:.*]] = memref.reinterpret_cast %[[B]] to offset: [%[[B0]]], sizes: [%[[KT]], 32], strides: [%[[SB]], 1]
// CHECK:         memref.copy %[[BV]], %[[PB]]
// CHECK:         %[[TB:.*]] = bufferization.to_tensor %[[PB]] restrict writable : memref<?x32xf32> to tensor<?x32xf32>
// CHECK-NOT:     scf.for
// CHECK:         %[[MM:.*]] = linalg.matmul ins(%[[TA]], %[[TB]] : tensor<16x?xf32>, tensor<?x32xf32>) outs(%[[ACC0]] : tensor<16x32xf32>) -> tensor<16x32xf32>
// CHECK:         return %[[MM]]
func.func @raise(%a: memref<*xf32>, %b: memref<*xf32>, %M: index, %K: i32, %sa: index, %sb_i32: i32, %a0: index, %b0: index) -> tensor<16x32xf32> {
  %c0 = arith.constant 0 : index
  %c16 = arith.constant 16 : index
  %c32 = arith.constant 32 : index
  %c0_i32 = arith.constant 0 : i32
  %c32_i32 = arith.constant 32 : i32
  %zero = arith.constant 0.0 : f32
  %acc0 = arith.constant dense<0.0> : tensor<16x32xf32>
  %sb = arith.index_cast %sb_i32 : i32 to index
  %bstep_i32 = arith.muli %sb_i32, %c32_i32 : i32
  %r:3 = scf.for %k = %c0_i32 to %K step %c32_i32 iter_args(%offa = %a0, %offb = %b0, %acc = %acc0) -> (index, index, tensor<16x32xf32>) : i32 {
    %rows = arith.minsi %M, %c16 : index
    %aa = memref.alloc() : memref<16x32xf32>
    %av = memref.reinterpret_cast %a to offset: [%offa], sizes: [16, 32], strides: [%sa, 1] : memref<*xf32> to memref<16x32xf32, strided<[?, 1], offset: ?>>
    %full = arith.cmpi eq, %rows, %c16 : index
    scf.if %full {
      memref.copy %av, %aa : memref<16x32xf32, strided<[?, 1], offset: ?>> to memref<16x32xf32>
    } else {
      linalg.fill ins(%zero : f32) outs(%aa : memref<16x32xf32>)
      %s0 = memref.subview %av[0, 0] [%rows, 32] [1, 1] : memref<16x32xf32, strided<[?, 1], offset: ?>> to memref<?x32xf32, strided<[?, 1], offset: ?>>
      %s1 = memref.subview %aa[0, 0] [%rows, 32] [1, 1] : memref<16x32xf32> to memref<?x32xf32, strided<[32, 1]>>
      memref.copy %s0, %s1 : memref<?x32xf32, strided<[?, 1], offset: ?>> to memref<?x32xf32, strided<[32, 1]>>
    }
    %ta = bufferization.to_tensor %aa restrict writable : memref<16x32xf32> to tensor<16x32xf32>
    %bb = memref.alloc() : memref<32x32xf32>
    %bv = memref.reinterpret_cast %b to offset: [%offb], sizes: [32, 32], strides: [%sb, 1] : memref<*xf32> to memref<32x32xf32, strided<[?, 1], offset: ?>>
    memref.copy %bv, %bb : memref<32x32xf32, strided<[?, 1], offset: ?>> to memref<32x32xf32>
    %tb = bufferization.to_tensor %bb restrict writable : memref<32x32xf32> to tensor<32x32xf32>
    %mm = linalg.matmul ins(%ta, %tb : tensor<16x32xf32>, tensor<32x32xf32>) outs(%acc : tensor<16x32xf32>) -> tensor<16x32xf32>
    %na = arith.addi %offa, %c32 : index
    %bstep = arith.index_cast %bstep_i32 : i32 to index
    %nb = arith.addi %offb, %bstep : index
    scf.yield %na, %nb, %mm : index, index, tensor<16x32xf32>
  }
  return %r#2 : tensor<16x32xf32>
}

// -----

// Masked along K (`offs_k < K - k` with a step of BLOCK_K): iteration k
// copies min(K - k, 32) columns of A's block, a prefix, and the blocks after
// a partial one are empty; across the widened panel the copy keeps the
// first clamp(K, 0, K_total) columns, the rest stays the fill.

// CHECK-LABEL: func.func @masked_k
// CHECK-SAME:    (%[[A:.*]]: memref<*xf32>, %{{.*}}: memref<*xf32>, %[[K:.*]]: i32,
// CHECK:         arith.ceildivsi
// CHECK:         %[[KT:.*]] = arith.muli %{{.*}}, %{{.*}} : index
// CHECK:         %[[KI:.*]] = arith.index_cast %[[K]] : i32 to index
// CHECK:         %[[POS:.*]] = arith.maxsi %[[KI]], %{{.*}} : index
// CHECK:         %[[KV:.*]] = arith.minsi %[[POS]], %[[KT]] : index
// CHECK:         %[[PA:.*]] = memref.alloc(%[[KT]]) : memref<16x?xf32>
// CHECK:         %[[AV:.*]] = memref.reinterpret_cast %[[A]] {{.*}} sizes: [16, %[[KT]]]
// CHECK:         linalg.fill ins(%{{.*}} : f32) outs(%[[PA]] : memref<16x?xf32>)
// CHECK:         %[[AS:.*]] = memref.subview %[[AV]][0, 0] [16, %[[KV]]] [1, 1]
// CHECK:         %[[PS:.*]] = memref.subview %[[PA]][0, 0] [16, %[[KV]]] [1, 1]
// CHECK:         memref.copy %[[AS]], %[[PS]]
// CHECK-NOT:     scf.for
// CHECK:         linalg.matmul ins(%{{.*}}, %{{.*}} : tensor<16x?xf32>, tensor<?x32xf32>)
func.func @masked_k(%a: memref<*xf32>, %b: memref<*xf32>, %K: i32, %sa: index, %sb: index, %a0: index, %b0: index) -> tensor<16x32xf32> {
  %c0 = arith.constant 0 : index
  %c32 = arith.constant 32 : index
  %c0_i32 = arith.constant 0 : i32
  %c32_i32 = arith.constant 32 : i32
  %zero = arith.constant 0.0 : f32
  %acc0 = arith.constant dense<0.0> : tensor<16x32xf32>
  %bstep = arith.muli %sb, %c32 : index
  %r:3 = scf.for %k = %c0_i32 to %K step %c32_i32 iter_args(%offa = %a0, %offb = %b0, %acc = %acc0) -> (index, index, tensor<16x32xf32>) : i32 {
    %left_i32 = arith.subi %K, %k : i32
    %left = arith.index_cast %left_i32 : i32 to index
    %kk = arith.minsi %left, %c32 : index
    %aa = memref.alloc() : memref<16x32xf32>
    %av = memref.reinterpret_cast %a to offset: [%offa], sizes: [16, 32], strides: [%sa, 1] : memref<*xf32> to memref<16x32xf32, strided<[?, 1], offset: ?>>
    linalg.fill ins(%zero : f32) outs(%aa : memref<16x32xf32>)
    %s0 = memref.subview %av[0, 0] [16, %kk] [1, 1] : memref<16x32xf32, strided<[?, 1], offset: ?>> to memref<16x?xf32, strided<[?, 1], offset: ?>>
    %s1 = memref.subview %aa[0, 0] [16, %kk] [1, 1] : memref<16x32xf32> to memref<16x?xf32, strided<[32, 1]>>
    memref.copy %s0, %s1 : memref<16x?xf32, strided<[?, 1], offset: ?>> to memref<16x?xf32, strided<[32, 1]>>
    %ta = bufferization.to_tensor %aa restrict writable : memref<16x32xf32> to tensor<16x32xf32>
    %bb = memref.alloc() : memref<32x32xf32>
    %bv = memref.reinterpret_cast %b to offset: [%offb], sizes: [32, 32], strides: [%sb, 1] : memref<*xf32> to memref<32x32xf32, strided<[?, 1], offset: ?>>
    memref.copy %bv, %bb : memref<32x32xf32, strided<[?, 1], offset: ?>> to memref<32x32xf32>
    %tb = bufferization.to_tensor %bb restrict writable : memref<32x32xf32> to tensor<32x32xf32>
    %mm = linalg.matmul ins(%ta, %tb : tensor<16x32xf32>, tensor<32x32xf32>) outs(%acc : tensor<16x32xf32>) -> tensor<16x32xf32>
    %na = arith.addi %offa, %c32 : index
    %nb = arith.addi %offb, %bstep : index
    scf.yield %na, %nb, %mm : index, index, tensor<16x32xf32>
  }
  return %r#2 : tensor<16x32xf32>
}

// -----

// B's offset advances by 16 rows, not BLOCK_K = 32: the blocks overlap, no
// single panel reads the same elements.

// CHECK-LABEL: func.func @wrong_advance
// CHECK:         scf.for
// CHECK:           linalg.matmul
func.func @wrong_advance(%a: memref<*xf32>, %b: memref<*xf32>, %K: i32, %sa: index, %sb: index, %a0: index, %b0: index) -> tensor<16x32xf32> {
  %c16 = arith.constant 16 : index
  %c32 = arith.constant 32 : index
  %c0_i32 = arith.constant 0 : i32
  %c32_i32 = arith.constant 32 : i32
  %acc0 = arith.constant dense<0.0> : tensor<16x32xf32>
  %bstep = arith.muli %sb, %c16 : index
  %r:3 = scf.for %k = %c0_i32 to %K step %c32_i32 iter_args(%offa = %a0, %offb = %b0, %acc = %acc0) -> (index, index, tensor<16x32xf32>) : i32 {
    %aa = memref.alloc() : memref<16x32xf32>
    %av = memref.reinterpret_cast %a to offset: [%offa], sizes: [16, 32], strides: [%sa, 1] : memref<*xf32> to memref<16x32xf32, strided<[?, 1], offset: ?>>
    memref.copy %av, %aa : memref<16x32xf32, strided<[?, 1], offset: ?>> to memref<16x32xf32>
    %ta = bufferization.to_tensor %aa restrict writable : memref<16x32xf32> to tensor<16x32xf32>
    %bb = memref.alloc() : memref<32x32xf32>
    %bv = memref.reinterpret_cast %b to offset: [%offb], sizes: [32, 32], strides: [%sb, 1] : memref<*xf32> to memref<32x32xf32, strided<[?, 1], offset: ?>>
    memref.copy %bv, %bb : memref<32x32xf32, strided<[?, 1], offset: ?>> to memref<32x32xf32>
    %tb = bufferization.to_tensor %bb restrict writable : memref<32x32xf32> to tensor<32x32xf32>
    %mm = linalg.matmul ins(%ta, %tb : tensor<16x32xf32>, tensor<32x32xf32>) outs(%acc : tensor<16x32xf32>) -> tensor<16x32xf32>
    %na = arith.addi %offa, %c32 : index
    %nb = arith.addi %offb, %bstep : index
    scf.yield %na, %nb, %mm : index, index, tensor<16x32xf32>
  }
  return %r#2 : tensor<16x32xf32>
}

// -----

// The advance is loop-carried and grows (offset += k): not uniform.

// CHECK-LABEL: func.func @nonuniform_advance
// CHECK:         scf.for
// CHECK:           linalg.matmul
func.func @nonuniform_advance(%a: memref<*xf32>, %b: memref<*xf32>, %sa: index, %sb: index, %a0: index, %b0: index) -> tensor<16x32xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %c32 = arith.constant 32 : index
  %acc0 = arith.constant dense<0.0> : tensor<16x32xf32>
  %bstep = arith.muli %sb, %c32 : index
  %r:3 = scf.for %k = %c0 to %c4 step %c1 iter_args(%offa = %a0, %offb = %b0, %acc = %acc0) -> (index, index, tensor<16x32xf32>) {
    %aa = memref.alloc() : memref<16x32xf32>
    %av = memref.reinterpret_cast %a to offset: [%offa], sizes: [16, 32], strides: [%sa, 1] : memref<*xf32> to memref<16x32xf32, strided<[?, 1], offset: ?>>
    memref.copy %av, %aa : memref<16x32xf32, strided<[?, 1], offset: ?>> to memref<16x32xf32>
    %ta = bufferization.to_tensor %aa restrict writable : memref<16x32xf32> to tensor<16x32xf32>
    %bb = memref.alloc() : memref<32x32xf32>
    %bv = memref.reinterpret_cast %b to offset: [%offb], sizes: [32, 32], strides: [%sb, 1] : memref<*xf32> to memref<32x32xf32, strided<[?, 1], offset: ?>>
    memref.copy %bv, %bb : memref<32x32xf32, strided<[?, 1], offset: ?>> to memref<32x32xf32>
    %tb = bufferization.to_tensor %bb restrict writable : memref<32x32xf32> to tensor<32x32xf32>
    %mm = linalg.matmul ins(%ta, %tb : tensor<16x32xf32>, tensor<32x32xf32>) outs(%acc : tensor<16x32xf32>) -> tensor<16x32xf32>
    %step = arith.muli %k, %c32 : index
    %na = arith.addi %offa, %step : index
    %nb = arith.addi %offb, %bstep : index
    scf.yield %na, %nb, %mm : index, index, tensor<16x32xf32>
  }
  return %r#2 : tensor<16x32xf32>
}

// -----

// The accumulator is also read inside the loop (acc = acc * 0.5 + A B):
// the iterations do not sum to one product.

// CHECK-LABEL: func.func @acc_used_in_loop
// CHECK:         scf.for
// CHECK:           linalg.matmul
func.func @acc_used_in_loop(%a: memref<*xf32>, %b: memref<*xf32>, %K: i32, %sa: index, %sb: index, %a0: index, %b0: index) -> tensor<16x32xf32> {
  %c32 = arith.constant 32 : index
  %c0_i32 = arith.constant 0 : i32
  %c32_i32 = arith.constant 32 : i32
  %half = arith.constant 0.5 : f32
  %acc0 = arith.constant dense<0.0> : tensor<16x32xf32>
  %bstep = arith.muli %sb, %c32 : index
  %r:3 = scf.for %k = %c0_i32 to %K step %c32_i32 iter_args(%offa = %a0, %offb = %b0, %acc = %acc0) -> (index, index, tensor<16x32xf32>) : i32 {
    %aa = memref.alloc() : memref<16x32xf32>
    %av = memref.reinterpret_cast %a to offset: [%offa], sizes: [16, 32], strides: [%sa, 1] : memref<*xf32> to memref<16x32xf32, strided<[?, 1], offset: ?>>
    memref.copy %av, %aa : memref<16x32xf32, strided<[?, 1], offset: ?>> to memref<16x32xf32>
    %ta = bufferization.to_tensor %aa restrict writable : memref<16x32xf32> to tensor<16x32xf32>
    %bb = memref.alloc() : memref<32x32xf32>
    %bv = memref.reinterpret_cast %b to offset: [%offb], sizes: [32, 32], strides: [%sb, 1] : memref<*xf32> to memref<32x32xf32, strided<[?, 1], offset: ?>>
    memref.copy %bv, %bb : memref<32x32xf32, strided<[?, 1], offset: ?>> to memref<32x32xf32>
    %tb = bufferization.to_tensor %bb restrict writable : memref<32x32xf32> to tensor<32x32xf32>
    %e = tensor.empty() : tensor<16x32xf32>
    %scaled = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%acc : tensor<16x32xf32>) outs(%e : tensor<16x32xf32>) {
    ^bb0(%x: f32, %o: f32):
      %y = arith.mulf %x, %half : f32
      linalg.yield %y : f32
    } -> tensor<16x32xf32>
    %mm = linalg.matmul ins(%ta, %tb : tensor<16x32xf32>, tensor<32x32xf32>) outs(%scaled : tensor<16x32xf32>) -> tensor<16x32xf32>
    %na = arith.addi %offa, %c32 : index
    %nb = arith.addi %offb, %bstep : index
    scf.yield %na, %nb, %mm : index, index, tensor<16x32xf32>
  }
  return %r#2 : tensor<16x32xf32>
}

// -----

// The tutorial's form: a unit step, the extent clamp(K - k * 32, 0, 32),
// and the copy versioned on whether the block is whole along K. The test
// becomes whether the panel is (clamp(K, 0, K_total) == K_total).

// CHECK-LABEL: func.func @masked_k_unit_step
// CHECK:         arith.ceildivsi
// CHECK:         %[[KT:.*]] = arith.muli %{{.*}}, %{{.*}} : index
// CHECK:         %[[KV:.*]] = arith.minsi %{{.*}}, %[[KT]] : index
// CHECK:         %[[WHOLE:.*]] = arith.cmpi eq, %[[KV]], %[[KT]] : index
// CHECK:         scf.if %[[WHOLE]] {
// CHECK:           memref.copy
// CHECK:         } else {
// CHECK:           linalg.fill
// CHECK:           memref.subview %{{.*}}[0, 0] [16, %[[KV]]] [1, 1]
// CHECK-NOT:     scf.for
// CHECK:         linalg.matmul
func.func @masked_k_unit_step(%a: memref<*xf32>, %b: memref<*xf32>, %K: i32, %trips: i32, %sa: index, %sb: index, %a0: index, %b0: index) -> tensor<16x32xf32> {
  %c0 = arith.constant 0 : index
  %c32 = arith.constant 32 : index
  %c0_i32 = arith.constant 0 : i32
  %c1_i32 = arith.constant 1 : i32
  %c32_i32 = arith.constant 32 : i32
  %zero = arith.constant 0.0 : f32
  %acc0 = arith.constant dense<0.0> : tensor<16x32xf32>
  %bstep = arith.muli %sb, %c32 : index
  %r:3 = scf.for %k = %c0_i32 to %trips step %c1_i32 iter_args(%offa = %a0, %offb = %b0, %acc = %acc0) -> (index, index, tensor<16x32xf32>) : i32 {
    %done = arith.muli %k, %c32_i32 : i32
    %left_i32 = arith.subi %K, %done : i32
    %left = arith.index_cast %left_i32 : i32 to index
    %pos = arith.maxsi %left, %c0 : index
    %kk = arith.minsi %pos, %c32 : index
    %aa = memref.alloc() : memref<16x32xf32>
    %av = memref.reinterpret_cast %a to offset: [%offa], sizes: [16, 32], strides: [%sa, 1] : memref<*xf32> to memref<16x32xf32, strided<[?, 1], offset: ?>>
    %whole = arith.cmpi eq, %kk, %c32 : index
    scf.if %whole {
      memref.copy %av, %aa : memref<16x32xf32, strided<[?, 1], offset: ?>> to memref<16x32xf32>
    } else {
      linalg.fill ins(%zero : f32) outs(%aa : memref<16x32xf32>)
      %s0 = memref.subview %av[0, 0] [16, %kk] [1, 1] : memref<16x32xf32, strided<[?, 1], offset: ?>> to memref<16x?xf32, strided<[?, 1], offset: ?>>
      %s1 = memref.subview %aa[0, 0] [16, %kk] [1, 1] : memref<16x32xf32> to memref<16x?xf32, strided<[32, 1]>>
      memref.copy %s0, %s1 : memref<16x?xf32, strided<[?, 1], offset: ?>> to memref<16x?xf32, strided<[32, 1]>>
    }
    %ta = bufferization.to_tensor %aa restrict writable : memref<16x32xf32> to tensor<16x32xf32>
    %bb = memref.alloc() : memref<32x32xf32>
    %bv = memref.reinterpret_cast %b to offset: [%offb], sizes: [32, 32], strides: [%sb, 1] : memref<*xf32> to memref<32x32xf32, strided<[?, 1], offset: ?>>
    memref.copy %bv, %bb : memref<32x32xf32, strided<[?, 1], offset: ?>> to memref<32x32xf32>
    %tb = bufferization.to_tensor %bb restrict writable : memref<32x32xf32> to tensor<32x32xf32>
    %mm = linalg.matmul ins(%ta, %tb : tensor<16x32xf32>, tensor<32x32xf32>) outs(%acc : tensor<16x32xf32>) -> tensor<16x32xf32>
    %na = arith.addi %offa, %c32 : index
    %nb = arith.addi %offb, %bstep : index
    scf.yield %na, %nb, %mm : index, index, tensor<16x32xf32>
  }
  return %r#2 : tensor<16x32xf32>
}

// -----

// Masked to 16 of BLOCK_K = 32 columns per block: not a prefix of the
// panel, the loop stays.

// CHECK-LABEL: func.func @masked_k_short
// CHECK:         scf.for
// CHECK:           linalg.matmul
func.func @masked_k_short(%a: memref<*xf32>, %b: memref<*xf32>, %K: i32, %sa: index, %sb: index, %a0: index, %b0: index) -> tensor<16x32xf32> {
  %c16 = arith.constant 16 : index
  %c32 = arith.constant 32 : index
  %c0_i32 = arith.constant 0 : i32
  %c32_i32 = arith.constant 32 : i32
  %zero = arith.constant 0.0 : f32
  %acc0 = arith.constant dense<0.0> : tensor<16x32xf32>
  %bstep = arith.muli %sb, %c32 : index
  %r:3 = scf.for %k = %c0_i32 to %K step %c32_i32 iter_args(%offa = %a0, %offb = %b0, %acc = %acc0) -> (index, index, tensor<16x32xf32>) : i32 {
    %left_i32 = arith.subi %K, %k : i32
    %left = arith.index_cast %left_i32 : i32 to index
    %kk = arith.minsi %left, %c16 : index
    %aa = memref.alloc() : memref<16x32xf32>
    %av = memref.reinterpret_cast %a to offset: [%offa], sizes: [16, 32], strides: [%sa, 1] : memref<*xf32> to memref<16x32xf32, strided<[?, 1], offset: ?>>
    linalg.fill ins(%zero : f32) outs(%aa : memref<16x32xf32>)
    %s0 = memref.subview %av[0, 0] [16, %kk] [1, 1] : memref<16x32xf32, strided<[?, 1], offset: ?>> to memref<16x?xf32, strided<[?, 1], offset: ?>>
    %s1 = memref.subview %aa[0, 0] [16, %kk] [1, 1] : memref<16x32xf32> to memref<16x?xf32, strided<[32, 1]>>
    memref.copy %s0, %s1 : memref<16x?xf32, strided<[?, 1], offset: ?>> to memref<16x?xf32, strided<[32, 1]>>
    %ta = bufferization.to_tensor %aa restrict writable : memref<16x32xf32> to tensor<16x32xf32>
    %bb = memref.alloc() : memref<32x32xf32>
    %bv = memref.reinterpret_cast %b to offset: [%offb], sizes: [32, 32], strides: [%sb, 1] : memref<*xf32> to memref<32x32xf32, strided<[?, 1], offset: ?>>
    memref.copy %bv, %bb : memref<32x32xf32, strided<[?, 1], offset: ?>> to memref<32x32xf32>
    %tb = bufferization.to_tensor %bb restrict writable : memref<32x32xf32> to tensor<32x32xf32>
    %mm = linalg.matmul ins(%ta, %tb : tensor<16x32xf32>, tensor<32x32xf32>) outs(%acc : tensor<16x32xf32>) -> tensor<16x32xf32>
    %na = arith.addi %offa, %c32 : index
    %nb = arith.addi %offb, %bstep : index
    scf.yield %na, %nb, %mm : index, index, tensor<16x32xf32>
  }
  return %r#2 : tensor<16x32xf32>
}

// -----

// A load versioned on a loop-invariant condition (spine.version), its
// general branch not widenable (here an element store, as a gather would
// be), its fast branch a displaced view (offset = iter_arg + rows * sa):
// the raised form holds when the condition does, under an scf.if whose
// else branch keeps the loop.

// CHECK-LABEL: func.func @version_guard
// CHECK-SAME:    (%[[A:.*]]: memref<*xf32>, %{{.*}}: memref<*xf32>, %{{.*}}: i32, %{{.*}}: index, %{{.*}}: index, %[[A0:.*]]: index, %{{.*}}: index, %[[FITS:.*]]: i1, %[[SHIFT:.*]]: index)
// CHECK:         %[[R:.*]] = scf.if %[[FITS]] -> (tensor<16x32xf32>) {
// CHECK:           %[[OFF:.*]] = arith.addi %[[A0]], %[[SHIFT]] : index
// CHECK:           memref.reinterpret_cast %[[A]] to offset: [%[[OFF]]]
// CHECK-NOT:       memref.store
// CHECK:           %[[MM:.*]] = linalg.matmul
// CHECK:           scf.yield %[[MM]]
// CHECK:         } else {
// CHECK:           %[[L:.*]]:3 = scf.for
// CHECK:             memref.store
// CHECK:           scf.yield %[[L]]#2
// CHECK:         }
// CHECK:         return %[[R]]
func.func @version_guard(%a: memref<*xf32>, %b: memref<*xf32>, %K: i32, %sa: index, %sb: index, %a0: index, %b0: index, %fits: i1, %shift: index) -> tensor<16x32xf32> {
  %c0 = arith.constant 0 : index
  %c32 = arith.constant 32 : index
  %c0_i32 = arith.constant 0 : i32
  %c32_i32 = arith.constant 32 : i32
  %zero = arith.constant 0.0 : f32
  %acc0 = arith.constant dense<0.0> : tensor<16x32xf32>
  %bstep = arith.muli %sb, %c32 : index
  %r:3 = scf.for %k = %c0_i32 to %K step %c32_i32 iter_args(%offa = %a0, %offb = %b0, %acc = %acc0) -> (index, index, tensor<16x32xf32>) : i32 {
    %aa = memref.alloc() : memref<16x32xf32>
    scf.if %fits {
      %o = arith.addi %offa, %shift : index
      %av = memref.reinterpret_cast %a to offset: [%o], sizes: [16, 32], strides: [%sa, 1] : memref<*xf32> to memref<16x32xf32, strided<[?, 1], offset: ?>>
      memref.copy %av, %aa : memref<16x32xf32, strided<[?, 1], offset: ?>> to memref<16x32xf32>
    } else {
      linalg.fill ins(%zero : f32) outs(%aa : memref<16x32xf32>)
      memref.store %zero, %aa[%c0, %c0] : memref<16x32xf32>
    } {spine.version}
    %ta = bufferization.to_tensor %aa restrict writable : memref<16x32xf32> to tensor<16x32xf32>
    %bb = memref.alloc() : memref<32x32xf32>
    %bv = memref.reinterpret_cast %b to offset: [%offb], sizes: [32, 32], strides: [%sb, 1] : memref<*xf32> to memref<32x32xf32, strided<[?, 1], offset: ?>>
    memref.copy %bv, %bb : memref<32x32xf32, strided<[?, 1], offset: ?>> to memref<32x32xf32>
    %tb = bufferization.to_tensor %bb restrict writable : memref<32x32xf32> to tensor<32x32xf32>
    %mm = linalg.matmul ins(%ta, %tb : tensor<16x32xf32>, tensor<32x32xf32>) outs(%acc : tensor<16x32xf32>) -> tensor<16x32xf32>
    %na = arith.addi %offa, %c32 : index
    %nb = arith.addi %offb, %bstep : index
    scf.yield %na, %nb, %mm : index, index, tensor<16x32xf32>
  }
  return %r#2 : tensor<16x32xf32>
}

// -----

// The same if without spine.version (a kernel's own branch, whose arms need
// not compute the same thing): the loop stays.

// CHECK-LABEL: func.func @unversioned_if
// CHECK-NOT:     scf.if %{{.*}} -> (tensor
// CHECK:         scf.for
// CHECK:           linalg.matmul
func.func @unversioned_if(%a: memref<*xf32>, %b: memref<*xf32>, %K: i32, %sa: index, %sb: index, %a0: index, %b0: index, %fits: i1) -> tensor<16x32xf32> {
  %c0 = arith.constant 0 : index
  %c32 = arith.constant 32 : index
  %c0_i32 = arith.constant 0 : i32
  %c32_i32 = arith.constant 32 : i32
  %zero = arith.constant 0.0 : f32
  %acc0 = arith.constant dense<0.0> : tensor<16x32xf32>
  %bstep = arith.muli %sb, %c32 : index
  %r:3 = scf.for %k = %c0_i32 to %K step %c32_i32 iter_args(%offa = %a0, %offb = %b0, %acc = %acc0) -> (index, index, tensor<16x32xf32>) : i32 {
    %aa = memref.alloc() : memref<16x32xf32>
    scf.if %fits {
      %av = memref.reinterpret_cast %a to offset: [%offa], sizes: [16, 32], strides: [%sa, 1] : memref<*xf32> to memref<16x32xf32, strided<[?, 1], offset: ?>>
      memref.copy %av, %aa : memref<16x32xf32, strided<[?, 1], offset: ?>> to memref<16x32xf32>
    } else {
      memref.store %zero, %aa[%c0, %c0] : memref<16x32xf32>
    }
    %ta = bufferization.to_tensor %aa restrict writable : memref<16x32xf32> to tensor<16x32xf32>
    %bb = memref.alloc() : memref<32x32xf32>
    %bv = memref.reinterpret_cast %b to offset: [%offb], sizes: [32, 32], strides: [%sb, 1] : memref<*xf32> to memref<32x32xf32, strided<[?, 1], offset: ?>>
    memref.copy %bv, %bb : memref<32x32xf32, strided<[?, 1], offset: ?>> to memref<32x32xf32>
    %tb = bufferization.to_tensor %bb restrict writable : memref<32x32xf32> to tensor<32x32xf32>
    %mm = linalg.matmul ins(%ta, %tb : tensor<16x32xf32>, tensor<32x32xf32>) outs(%acc : tensor<16x32xf32>) -> tensor<16x32xf32>
    %na = arith.addi %offa, %c32 : index
    %nb = arith.addi %offb, %bstep : index
    scf.yield %na, %nb, %mm : index, index, tensor<16x32xf32>
  }
  return %r#2 : tensor<16x32xf32>
}

// -----

// A load versioned on A's K stride being 1 (spine.version): the fast
// branch's unit stride does not show the advance (32 x %sk) per column, so
// the general branch, right for any stride, is kept alone, unguarded.

// CHECK-LABEL: func.func @version_general_branch
// CHECK-SAME:    (%[[A:.*]]: memref<*xf32>, %{{.*}}: memref<*xf32>, %{{.*}}: i32, %[[SA:.*]]: index, %{{.*}}: index, %{{.*}}: index, %{{.*}}: index, %[[SK:.*]]: index)
// CHECK-NOT:     scf.if
// CHECK:         memref.reinterpret_cast %[[A]] {{.*}} strides: [%[[SA]], %[[SK]]]
// CHECK-NOT:     scf.for
// CHECK:         linalg.matmul
func.func @version_general_branch(%a: memref<*xf32>, %b: memref<*xf32>, %K: i32, %sa: index, %sb: index, %a0: index, %b0: index, %sk: index) -> tensor<16x32xf32> {
  %c1 = arith.constant 1 : index
  %c32 = arith.constant 32 : index
  %c0_i32 = arith.constant 0 : i32
  %c32_i32 = arith.constant 32 : i32
  %acc0 = arith.constant dense<0.0> : tensor<16x32xf32>
  %astep = arith.muli %sk, %c32 : index
  %bstep = arith.muli %sb, %c32 : index
  %unit = arith.cmpi eq, %sk, %c1 : index
  %r:3 = scf.for %k = %c0_i32 to %K step %c32_i32 iter_args(%offa = %a0, %offb = %b0, %acc = %acc0) -> (index, index, tensor<16x32xf32>) : i32 {
    %aa = memref.alloc() : memref<16x32xf32>
    scf.if %unit {
      %av = memref.reinterpret_cast %a to offset: [%offa], sizes: [16, 32], strides: [%sa, 1] : memref<*xf32> to memref<16x32xf32, strided<[?, 1], offset: ?>>
      memref.copy %av, %aa : memref<16x32xf32, strided<[?, 1], offset: ?>> to memref<16x32xf32>
    } else {
      %av = memref.reinterpret_cast %a to offset: [%offa], sizes: [16, 32], strides: [%sa, %sk] : memref<*xf32> to memref<16x32xf32, strided<[?, ?], offset: ?>>
      memref.copy %av, %aa : memref<16x32xf32, strided<[?, ?], offset: ?>> to memref<16x32xf32>
    } {spine.version}
    %ta = bufferization.to_tensor %aa restrict writable : memref<16x32xf32> to tensor<16x32xf32>
    %bb = memref.alloc() : memref<32x32xf32>
    %bv = memref.reinterpret_cast %b to offset: [%offb], sizes: [32, 32], strides: [%sb, 1] : memref<*xf32> to memref<32x32xf32, strided<[?, 1], offset: ?>>
    memref.copy %bv, %bb : memref<32x32xf32, strided<[?, 1], offset: ?>> to memref<32x32xf32>
    %tb = bufferization.to_tensor %bb restrict writable : memref<32x32xf32> to tensor<32x32xf32>
    %mm = linalg.matmul ins(%ta, %tb : tensor<16x32xf32>, tensor<32x32xf32>) outs(%acc : tensor<16x32xf32>) -> tensor<16x32xf32>
    %na = arith.addi %offa, %astep : index
    %nb = arith.addi %offb, %bstep : index
    scf.yield %na, %nb, %mm : index, index, tensor<16x32xf32>
  }
  return %r#2 : tensor<16x32xf32>
}

// -----

// Masked along M too (the tutorial's rows under spine-mark-unobserved-wraps:
// a loop-invariant row count), so that the conversion clamps the K extent
// once more, min(clamp(K - k * 32, 0, 32), 32): the same extent, raised.

// CHECK-LABEL: func.func @masked_rows_and_k
// CHECK-SAME:    %[[ROWS:[a-z0-9]+]]: index)
// CHECK:         arith.ceildivsi
// CHECK:         %[[KT:.*]] = arith.muli %{{.*}}, %{{.*}} : index
// CHECK:         %[[KV:.*]] = arith.minsi %{{.*}}, %[[KT]] : index
// CHECK:         linalg.fill
// CHECK:         memref.subview %{{.*}}[0, 0] [%[[ROWS]], %[[KV]]] [1, 1]
// CHECK-NOT:     scf.for
// CHECK:         linalg.matmul
func.func @masked_rows_and_k(%a: memref<*xf32>, %b: memref<*xf32>, %K: i32, %trips: i32, %sa: index, %sb: index, %a0: index, %b0: index, %rows: index) -> tensor<16x32xf32> {
  %c0 = arith.constant 0 : index
  %c32 = arith.constant 32 : index
  %c0_i32 = arith.constant 0 : i32
  %c1_i32 = arith.constant 1 : i32
  %c32_i32 = arith.constant 32 : i32
  %zero = arith.constant 0.0 : f32
  %acc0 = arith.constant dense<0.0> : tensor<16x32xf32>
  %bstep = arith.muli %sb, %c32 : index
  %r:3 = scf.for %k = %c0_i32 to %trips step %c1_i32 iter_args(%offa = %a0, %offb = %b0, %acc = %acc0) -> (index, index, tensor<16x32xf32>) : i32 {
    %done = arith.muli %k, %c32_i32 : i32
    %left_i32 = arith.subi %K, %done : i32
    %left = arith.index_cast %left_i32 : i32 to index
    %pos = arith.maxsi %left, %c0 : index
    %kk = arith.minsi %pos, %c32 : index
    %kk2 = arith.minsi %kk, %c32 : index
    %aa = memref.alloc() : memref<16x32xf32>
    %av = memref.reinterpret_cast %a to offset: [%offa], sizes: [16, 32], strides: [%sa, 1] : memref<*xf32> to memref<16x32xf32, strided<[?, 1], offset: ?>>
    linalg.fill ins(%zero : f32) outs(%aa : memref<16x32xf32>)
    %s0 = memref.subview %av[0, 0] [%rows, %kk2] [1, 1] : memref<16x32xf32, strided<[?, 1], offset: ?>> to memref<?x?xf32, strided<[?, 1], offset: ?>>
    %s1 = memref.subview %aa[0, 0] [%rows, %kk2] [1, 1] : memref<16x32xf32> to memref<?x?xf32, strided<[32, 1]>>
    memref.copy %s0, %s1 : memref<?x?xf32, strided<[?, 1], offset: ?>> to memref<?x?xf32, strided<[32, 1]>>
    %ta = bufferization.to_tensor %aa restrict writable : memref<16x32xf32> to tensor<16x32xf32>
    %bb = memref.alloc() : memref<32x32xf32>
    %bv = memref.reinterpret_cast %b to offset: [%offb], sizes: [32, 32], strides: [%sb, 1] : memref<*xf32> to memref<32x32xf32, strided<[?, 1], offset: ?>>
    memref.copy %bv, %bb : memref<32x32xf32, strided<[?, 1], offset: ?>> to memref<32x32xf32>
    %tb = bufferization.to_tensor %bb restrict writable : memref<32x32xf32> to tensor<32x32xf32>
    %mm = linalg.matmul ins(%ta, %tb : tensor<16x32xf32>, tensor<32x32xf32>) outs(%acc : tensor<16x32xf32>) -> tensor<16x32xf32>
    %na = arith.addi %offa, %c32 : index
    %nb = arith.addi %offb, %bstep : index
    scf.yield %na, %nb, %mm : index, index, tensor<16x32xf32>
  }
  return %r#2 : tensor<16x32xf32>
}

// RUN: spine-opt %s -split-input-file --spine-mark-unobserved-wraps | FileCheck %s
// RUN: spine-opt %s -split-input-file --spine-mark-unobserved-wraps --convert-triton-to-linalg --cse --canonicalize | FileCheck %s --check-prefix=LOWER

// The tutorial matmul's shape: rows (start + i) % M and columns
// (startn + j) % N, a K loop carrying the pointers and the accumulator, and
// the product stored under `start + i < M` and `startn + j < N`. A's rows
// reach the product's rows and B's columns its columns: both loads are
// marked, with the dimension that wraps.

// CHECK-LABEL: tt.func public @tutorial
// CHECK:         tt.load %{{.*}}, %{{.*}}, %{{.*}} {spine.unobserved_wrap = 0 : i64}
// CHECK:         tt.load %{{.*}} {spine.unobserved_wrap = 1 : i64}

// Converted, a marked load copies the rows from `start` on, as many as the
// store's mask keeps (clamp(M - start, 0, 16)), while start >= 0, and
// gathers otherwise.
// LOWER-LABEL: func.func @tutorial(
// LOWER-SAME:    %[[A:arg0]]: memref<*xf32>
// LOWER:         scf.for
// LOWER:           %[[BUF:.*]] = memref.alloc() : memref<16x16xf32>
// LOWER:           %[[NONNEG:.*]] = arith.cmpi sge, %[[START:.*]], %c0 : index
// LOWER:           scf.if %[[NONNEG]] {
// LOWER:             %[[LEFT:.*]] = arith.subi %{{.*}}, %[[START]] : index
// LOWER:             %[[POS:.*]] = arith.maxsi %[[LEFT]], %c0 : index
// LOWER:             %[[ROWS:.*]] = arith.minsi %[[POS]], %c16 : index
// LOWER:             memref.reinterpret_cast %[[A]]
// LOWER:             memref.copy %{{.*}}, %[[BUF]]
// LOWER:             linalg.fill
// LOWER:             memref.subview %{{.*}}[0, 0] [%{{.*}}, %{{.*}}] [1, 1]
// LOWER:           } else {
// LOWER:             arith.remsi
// LOWER:             vector.gather
// LOWER:           } {spine.version}
// LOWER:           linalg.matmul

tt.func public @tutorial(%a: !tt.ptr<f32>, %b: !tt.ptr<f32>, %c: !tt.ptr<f32>, %m: i32, %n: i32, %k: i32) {
  %c0 = arith.constant 0 : i32
  %c1 = arith.constant 1 : i32
  %c16 = arith.constant 16 : i32
  %zero = arith.constant dense<0.000000e+00> : tensor<16x16xf32>
  %pid = tt.get_program_id x : i32
  %pidn = tt.get_program_id y : i32
  %start = arith.muli %pid, %c16 : i32
  %startn = arith.muli %pidn, %c16 : i32
  %r = tt.make_range {end = 16 : i32, start = 0 : i32} : tensor<16xi32>
  %ss = tt.splat %start : i32 -> tensor<16xi32>
  %rows = arith.addi %ss, %r : tensor<16xi32>
  %ms = tt.splat %m : i32 -> tensor<16xi32>
  %rows_w = arith.remsi %rows, %ms : tensor<16xi32>
  %sn = tt.splat %startn : i32 -> tensor<16xi32>
  %cols = arith.addi %sn, %r : tensor<16xi32>
  %ns = tt.splat %n : i32 -> tensor<16xi32>
  %cols_w = arith.remsi %cols, %ns : tensor<16xi32>
  // A: rows_w * 16 + k.
  %ar = tt.expand_dims %rows_w {axis = 1 : i32} : tensor<16xi32> -> tensor<16x1xi32>
  %s16 = tt.splat %c16 : i32 -> tensor<16x1xi32>
  %ar16 = arith.muli %ar, %s16 : tensor<16x1xi32>
  %ak = tt.expand_dims %r {axis = 0 : i32} : tensor<16xi32> -> tensor<1x16xi32>
  %arb = tt.broadcast %ar16 : tensor<16x1xi32> -> tensor<16x16xi32>
  %akb = tt.broadcast %ak : tensor<1x16xi32> -> tensor<16x16xi32>
  %aoff = arith.addi %arb, %akb : tensor<16x16xi32>
  %as = tt.splat %a : !tt.ptr<f32> -> tensor<16x16x!tt.ptr<f32>>
  %ap = tt.addptr %as, %aoff : tensor<16x16x!tt.ptr<f32>>, tensor<16x16xi32>
  // B: k * N + cols_w.
  %bk = tt.expand_dims %r {axis = 1 : i32} : tensor<16xi32> -> tensor<16x1xi32>
  %nn = tt.splat %n : i32 -> tensor<16x1xi32>
  %bkn = arith.muli %bk, %nn : tensor<16x1xi32>
  %bc = tt.expand_dims %cols_w {axis = 0 : i32} : tensor<16xi32> -> tensor<1x16xi32>
  %bkb = tt.broadcast %bkn : tensor<16x1xi32> -> tensor<16x16xi32>
  %bcb = tt.broadcast %bc : tensor<1x16xi32> -> tensor<16x16xi32>
  %boff = arith.addi %bkb, %bcb : tensor<16x16xi32>
  %bs = tt.splat %b : !tt.ptr<f32> -> tensor<16x16x!tt.ptr<f32>>
  %bp = tt.addptr %bs, %boff : tensor<16x16x!tt.ptr<f32>>, tensor<16x16xi32>
  %astep = arith.constant dense<16> : tensor<16x16xi32>
  %bstep0 = arith.muli %n, %c16 : i32
  %bstep = tt.splat %bstep0 : i32 -> tensor<16x16xi32>
  %kt = arith.divsi %k, %c16 : i32
  %res:3 = scf.for %i = %c0 to %kt step %c1 iter_args(%pa = %ap, %pb = %bp, %acc = %zero) -> (tensor<16x16x!tt.ptr<f32>>, tensor<16x16x!tt.ptr<f32>>, tensor<16x16xf32>) : i32 {
    %kleft0 = arith.muli %i, %c16 : i32
    %kleft = arith.subi %k, %kleft0 : i32
    %kl = tt.splat %kleft : i32 -> tensor<1x16xi32>
    %km = arith.cmpi slt, %ak, %kl : tensor<1x16xi32>
    %kmb = tt.broadcast %km : tensor<1x16xi1> -> tensor<16x16xi1>
    %av = tt.load %pa, %kmb, %zero : tensor<16x16x!tt.ptr<f32>>
    %bv = tt.load %pb : tensor<16x16x!tt.ptr<f32>>
    %d = tt.dot %av, %bv, %acc : tensor<16x16xf32> * tensor<16x16xf32> -> tensor<16x16xf32>
    %pa2 = tt.addptr %pa, %astep : tensor<16x16x!tt.ptr<f32>>, tensor<16x16xi32>
    %pb2 = tt.addptr %pb, %bstep : tensor<16x16x!tt.ptr<f32>>, tensor<16x16xi32>
    scf.yield %pa2, %pb2, %d : tensor<16x16x!tt.ptr<f32>>, tensor<16x16x!tt.ptr<f32>>, tensor<16x16xf32>
  }
  %relu = arith.constant dense<0.000000e+00> : tensor<16x16xf32>
  %out = arith.maximumf %res#2, %relu : tensor<16x16xf32>
  %cr = tt.expand_dims %rows {axis = 1 : i32} : tensor<16xi32> -> tensor<16x1xi32>
  %cr16 = arith.muli %cr, %nn : tensor<16x1xi32>
  %cc = tt.expand_dims %cols {axis = 0 : i32} : tensor<16xi32> -> tensor<1x16xi32>
  %crb = tt.broadcast %cr16 : tensor<16x1xi32> -> tensor<16x16xi32>
  %ccb = tt.broadcast %cc : tensor<1x16xi32> -> tensor<16x16xi32>
  %coff = arith.addi %crb, %ccb : tensor<16x16xi32>
  %cs = tt.splat %c : !tt.ptr<f32> -> tensor<16x16x!tt.ptr<f32>>
  %cp = tt.addptr %cs, %coff : tensor<16x16x!tt.ptr<f32>>, tensor<16x16xi32>
  %mm = tt.splat %m : i32 -> tensor<16x1xi32>
  %rm = arith.cmpi slt, %cr, %mm : tensor<16x1xi32>
  %nm = tt.splat %n : i32 -> tensor<1x16xi32>
  %cm = arith.cmpi sgt, %nm, %cc : tensor<1x16xi32>
  %rmb = tt.broadcast %rm : tensor<16x1xi1> -> tensor<16x16xi1>
  %cmb = tt.broadcast %cm : tensor<1x16xi1> -> tensor<16x16xi1>
  %mask = arith.andi %rmb, %cmb : tensor<16x16xi1>
  tt.store %cp, %out, %mask : tensor<16x16x!tt.ptr<f32>>
  tt.return
}

// -----

// The store keeps every row (no `start + i < M` in its mask): not marked.

// CHECK-LABEL: tt.func public @all_rows_stored
// CHECK-NOT:     spine.unobserved_wrap
tt.func public @all_rows_stored(%a: !tt.ptr<f32>, %c: !tt.ptr<f32>, %m: i32) {
  %c16 = arith.constant 16 : i32
  %pid = tt.get_program_id x : i32
  %start = arith.muli %pid, %c16 : i32
  %r = tt.make_range {end = 16 : i32, start = 0 : i32} : tensor<16xi32>
  %ss = tt.splat %start : i32 -> tensor<16xi32>
  %rows = arith.addi %ss, %r : tensor<16xi32>
  %ms = tt.splat %m : i32 -> tensor<16xi32>
  %rows_w = arith.remsi %rows, %ms : tensor<16xi32>
  %as = tt.splat %a : !tt.ptr<f32> -> tensor<16x!tt.ptr<f32>>
  %ap = tt.addptr %as, %rows_w : tensor<16x!tt.ptr<f32>>, tensor<16xi32>
  %v = tt.load %ap : tensor<16x!tt.ptr<f32>>
  %cs = tt.splat %c : !tt.ptr<f32> -> tensor<16x!tt.ptr<f32>>
  %cp = tt.addptr %cs, %rows : tensor<16x!tt.ptr<f32>>, tensor<16xi32>
  %k = arith.constant dense<1024> : tensor<16xi32>
  %below = arith.cmpi slt, %rows, %k : tensor<16xi32>
  tt.store %cp, %v, %below : tensor<16x!tt.ptr<f32>>
  tt.return
}

// -----

// The stored mask bounds the rows, but the loaded rows are summed first:
// every row reaches the stored value. Not marked.

// CHECK-LABEL: tt.func public @rows_reduced
// CHECK-NOT:     spine.unobserved_wrap
tt.func public @rows_reduced(%a: !tt.ptr<f32>, %c: !tt.ptr<f32>, %m: i32) {
  %c16 = arith.constant 16 : i32
  %pid = tt.get_program_id x : i32
  %start = arith.muli %pid, %c16 : i32
  %r = tt.make_range {end = 16 : i32, start = 0 : i32} : tensor<16xi32>
  %ss = tt.splat %start : i32 -> tensor<16xi32>
  %rows = arith.addi %ss, %r : tensor<16xi32>
  %ms = tt.splat %m : i32 -> tensor<16xi32>
  %rows_w = arith.remsi %rows, %ms : tensor<16xi32>
  %as = tt.splat %a : !tt.ptr<f32> -> tensor<16x!tt.ptr<f32>>
  %ap = tt.addptr %as, %rows_w : tensor<16x!tt.ptr<f32>>, tensor<16xi32>
  %v = tt.load %ap : tensor<16x!tt.ptr<f32>>
  %sum = "tt.reduce"(%v) <{axis = 0 : i32}> ({
  ^bb0(%x: f32, %y: f32):
    %s = arith.addf %x, %y : f32
    tt.reduce.return %s : f32
  }) : (tensor<16xf32>) -> f32
  %sums = tt.splat %sum : f32 -> tensor<16xf32>
  %cs = tt.splat %c : !tt.ptr<f32> -> tensor<16x!tt.ptr<f32>>
  %cp = tt.addptr %cs, %rows : tensor<16x!tt.ptr<f32>>, tensor<16xi32>
  %below = arith.cmpi slt, %rows, %ms : tensor<16xi32>
  tt.store %cp, %sums, %below : tensor<16x!tt.ptr<f32>>
  tt.return
}

// -----

// The wrapped rows of a block loaded as the dot's B (rows along K mix into
// every product element), an integer division of the loaded values, and a
// store masked by a different offset: none marked.

// CHECK-LABEL: tt.func public @rows_as_k
// CHECK-NOT:     spine.unobserved_wrap
tt.func public @rows_as_k(%a: !tt.ptr<f32>, %c: !tt.ptr<f32>, %m: i32) {
  %c16 = arith.constant 16 : i32
  %zero = arith.constant dense<0.000000e+00> : tensor<16x16xf32>
  %pid = tt.get_program_id x : i32
  %start = arith.muli %pid, %c16 : i32
  %r = tt.make_range {end = 16 : i32, start = 0 : i32} : tensor<16xi32>
  %ss = tt.splat %start : i32 -> tensor<16xi32>
  %rows = arith.addi %ss, %r : tensor<16xi32>
  %ms = tt.splat %m : i32 -> tensor<16xi32>
  %rows_w = arith.remsi %rows, %ms : tensor<16xi32>
  %ar = tt.expand_dims %rows_w {axis = 1 : i32} : tensor<16xi32> -> tensor<16x1xi32>
  %s16 = tt.splat %c16 : i32 -> tensor<16x1xi32>
  %ar16 = arith.muli %ar, %s16 : tensor<16x1xi32>
  %ak = tt.expand_dims %r {axis = 0 : i32} : tensor<16xi32> -> tensor<1x16xi32>
  %arb = tt.broadcast %ar16 : tensor<16x1xi32> -> tensor<16x16xi32>
  %akb = tt.broadcast %ak : tensor<1x16xi32> -> tensor<16x16xi32>
  %off = arith.addi %arb, %akb : tensor<16x16xi32>
  %as = tt.splat %a : !tt.ptr<f32> -> tensor<16x16x!tt.ptr<f32>>
  %ap = tt.addptr %as, %off : tensor<16x16x!tt.ptr<f32>>, tensor<16x16xi32>
  %v = tt.load %ap : tensor<16x16x!tt.ptr<f32>>
  %d = tt.dot %v, %v, %zero : tensor<16x16xf32> * tensor<16x16xf32> -> tensor<16x16xf32>
  %cs = tt.splat %c : !tt.ptr<f32> -> tensor<16x16x!tt.ptr<f32>>
  %cp = tt.addptr %cs, %off : tensor<16x16x!tt.ptr<f32>>, tensor<16x16xi32>
  %cr = tt.expand_dims %rows {axis = 1 : i32} : tensor<16xi32> -> tensor<16x1xi32>
  %mm = tt.splat %m : i32 -> tensor<16x1xi32>
  %rm = arith.cmpi slt, %cr, %mm : tensor<16x1xi32>
  %rmb = tt.broadcast %rm : tensor<16x1xi1> -> tensor<16x16xi1>
  tt.store %cp, %d, %rmb : tensor<16x16x!tt.ptr<f32>>
  tt.return
}

// CHECK-LABEL: tt.func public @divided
// CHECK-NOT:     spine.unobserved_wrap
tt.func public @divided(%a: !tt.ptr<i32>, %c: !tt.ptr<i32>, %m: i32) {
  %c16 = arith.constant 16 : i32
  %pid = tt.get_program_id x : i32
  %start = arith.muli %pid, %c16 : i32
  %r = tt.make_range {end = 16 : i32, start = 0 : i32} : tensor<16xi32>
  %ss = tt.splat %start : i32 -> tensor<16xi32>
  %rows = arith.addi %ss, %r : tensor<16xi32>
  %ms = tt.splat %m : i32 -> tensor<16xi32>
  %rows_w = arith.remsi %rows, %ms : tensor<16xi32>
  %as = tt.splat %a : !tt.ptr<i32> -> tensor<16x!tt.ptr<i32>>
  %ap = tt.addptr %as, %rows_w : tensor<16x!tt.ptr<i32>>, tensor<16xi32>
  %v = tt.load %ap : tensor<16x!tt.ptr<i32>>
  %q = arith.divsi %r, %v : tensor<16xi32>
  %cs = tt.splat %c : !tt.ptr<i32> -> tensor<16x!tt.ptr<i32>>
  %cp = tt.addptr %cs, %rows : tensor<16x!tt.ptr<i32>>, tensor<16xi32>
  %below = arith.cmpi slt, %rows, %ms : tensor<16xi32>
  tt.store %cp, %q, %below : tensor<16x!tt.ptr<i32>>
  tt.return
}

// CHECK-LABEL: tt.func public @other_bound
// CHECK-NOT:     spine.unobserved_wrap
tt.func public @other_bound(%a: !tt.ptr<f32>, %c: !tt.ptr<f32>, %m: i32, %m2: i32) {
  %c16 = arith.constant 16 : i32
  %pid = tt.get_program_id x : i32
  %start = arith.muli %pid, %c16 : i32
  %r = tt.make_range {end = 16 : i32, start = 0 : i32} : tensor<16xi32>
  %ss = tt.splat %start : i32 -> tensor<16xi32>
  %rows = arith.addi %ss, %r : tensor<16xi32>
  %ms = tt.splat %m : i32 -> tensor<16xi32>
  %rows_w = arith.remsi %rows, %ms : tensor<16xi32>
  %as = tt.splat %a : !tt.ptr<f32> -> tensor<16x!tt.ptr<f32>>
  %ap = tt.addptr %as, %rows_w : tensor<16x!tt.ptr<f32>>, tensor<16xi32>
  %v = tt.load %ap : tensor<16x!tt.ptr<f32>>
  %cs = tt.splat %c : !tt.ptr<f32> -> tensor<16x!tt.ptr<f32>>
  %cp = tt.addptr %cs, %rows : tensor<16x!tt.ptr<f32>>, tensor<16xi32>
  %m2s = tt.splat %m2 : i32 -> tensor<16xi32>
  %below = arith.cmpi slt, %rows, %m2s : tensor<16xi32>
  tt.store %cp, %v, %below : tensor<16x!tt.ptr<f32>>
  tt.return
}

// -----

// A 1-D wrapped load stored under its bound is marked (dimension 0).

// CHECK-LABEL: tt.func public @copy_rows
// CHECK:         tt.load %{{.*}} {spine.unobserved_wrap = 0 : i64}
tt.func public @copy_rows(%a: !tt.ptr<f32>, %c: !tt.ptr<f32>, %m: i32) {
  %c16 = arith.constant 16 : i32
  %pid = tt.get_program_id x : i32
  %start = arith.muli %pid, %c16 : i32
  %r = tt.make_range {end = 16 : i32, start = 0 : i32} : tensor<16xi32>
  %ss = tt.splat %start : i32 -> tensor<16xi32>
  %rows = arith.addi %ss, %r : tensor<16xi32>
  %ms = tt.splat %m : i32 -> tensor<16xi32>
  %rows_w = arith.remsi %rows, %ms : tensor<16xi32>
  %as = tt.splat %a : !tt.ptr<f32> -> tensor<16x!tt.ptr<f32>>
  %ap = tt.addptr %as, %rows_w : tensor<16x!tt.ptr<f32>>, tensor<16xi32>
  %v = tt.load %ap : tensor<16x!tt.ptr<f32>>
  %two = arith.constant dense<2.000000e+00> : tensor<16xf32>
  %w = arith.mulf %v, %two : tensor<16xf32>
  %cs = tt.splat %c : !tt.ptr<f32> -> tensor<16x!tt.ptr<f32>>
  %cp = tt.addptr %cs, %rows : tensor<16x!tt.ptr<f32>>, tensor<16xi32>
  %below = arith.cmpi slt, %rows, %ms : tensor<16xi32>
  tt.store %cp, %w, %below : tensor<16x!tt.ptr<f32>>
  tt.return
}

// -----

// A batched dot whose B wraps along its K rows (dimension 1 of 2x16x16):
// every product element sums over them. Not marked.

// CHECK-LABEL: tt.func public @batched_k_rows
// CHECK-NOT:     spine.unobserved_wrap
tt.func public @batched_k_rows(%a: !tt.ptr<f32>, %b: !tt.ptr<f32>, %c: !tt.ptr<f32>, %m: i32) {
  %zero = arith.constant dense<0.000000e+00> : tensor<2x16x16xf32>
  %r = tt.make_range {end = 16 : i32, start = 0 : i32} : tensor<16xi32>
  %ms = tt.splat %m : i32 -> tensor<16xi32>
  %w = arith.remsi %r, %ms : tensor<16xi32>
  %w1 = tt.expand_dims %w {axis = 0 : i32} : tensor<16xi32> -> tensor<1x16xi32>
  %w2 = tt.expand_dims %w1 {axis = 2 : i32} : tensor<1x16xi32> -> tensor<1x16x1xi32>
  %wb = tt.broadcast %w2 : tensor<1x16x1xi32> -> tensor<2x16x16xi32>
  %bs = tt.splat %b : !tt.ptr<f32> -> tensor<2x16x16x!tt.ptr<f32>>
  %bp = tt.addptr %bs, %wb : tensor<2x16x16x!tt.ptr<f32>>, tensor<2x16x16xi32>
  %bv = tt.load %bp : tensor<2x16x16x!tt.ptr<f32>>
  %as = tt.splat %a : !tt.ptr<f32> -> tensor<2x16x16x!tt.ptr<f32>>
  %av = tt.load %as : tensor<2x16x16x!tt.ptr<f32>>
  %d = tt.dot %av, %bv, %zero : tensor<2x16x16xf32> * tensor<2x16x16xf32> -> tensor<2x16x16xf32>
  %r1 = tt.expand_dims %r {axis = 0 : i32} : tensor<16xi32> -> tensor<1x16xi32>
  %r2 = tt.expand_dims %r1 {axis = 2 : i32} : tensor<1x16xi32> -> tensor<1x16x1xi32>
  %ms3 = tt.splat %m : i32 -> tensor<1x16x1xi32>
  %rm = arith.cmpi slt, %r2, %ms3 : tensor<1x16x1xi32>
  %rmb = tt.broadcast %rm : tensor<1x16x1xi1> -> tensor<2x16x16xi1>
  %cs = tt.splat %c : !tt.ptr<f32> -> tensor<2x16x16x!tt.ptr<f32>>
  %cp = tt.addptr %cs, %wb : tensor<2x16x16x!tt.ptr<f32>>, tensor<2x16x16xi32>
  tt.store %cp, %d, %rmb : tensor<2x16x16x!tt.ptr<f32>>
  tt.return
}

// -----

// A loaded value carried into the next iteration, stored there under that
// iteration's bound: the offsets change with the loop, so the positions
// the store keeps are not those the load wrapped. Not marked.

// CHECK-LABEL: tt.func public @carried_across_iterations
// CHECK-NOT:     spine.unobserved_wrap
tt.func public @carried_across_iterations(%a: !tt.ptr<f32>, %c: !tt.ptr<f32>, %m: i32) {
  %c0 = arith.constant 0 : i32
  %c1 = arith.constant 1 : i32
  %c2 = arith.constant 2 : i32
  %c8 = arith.constant 8 : i32
  %zero = arith.constant dense<0.000000e+00> : tensor<8xf32>
  %range = tt.make_range {end = 8 : i32, start = 0 : i32} : tensor<8xi32>
  %ms = tt.splat %m : i32 -> tensor<8xi32>
  %as = tt.splat %a : !tt.ptr<f32> -> tensor<8x!tt.ptr<f32>>
  %cs = tt.splat %c : !tt.ptr<f32> -> tensor<8x!tt.ptr<f32>>
  %res = scf.for %k = %c0 to %c2 step %c1 iter_args(%prev = %zero) -> (tensor<8xf32>) : i32 {
    %left = arith.subi %c1, %k : i32
    %s = arith.muli %left, %c8 : i32
    %ss = tt.splat %s : i32 -> tensor<8xi32>
    %r = arith.addi %ss, %range : tensor<8xi32>
    %w = arith.remsi %r, %ms : tensor<8xi32>
    %ap = tt.addptr %as, %w : tensor<8x!tt.ptr<f32>>, tensor<8xi32>
    %x = tt.load %ap : tensor<8x!tt.ptr<f32>>
    %cp = tt.addptr %cs, %r : tensor<8x!tt.ptr<f32>>, tensor<8xi32>
    %below = arith.cmpi slt, %r, %ms : tensor<8xi32>
    tt.store %cp, %prev, %below : tensor<8x!tt.ptr<f32>>
    scf.yield %x : tensor<8xf32>
  }
  tt.return
}

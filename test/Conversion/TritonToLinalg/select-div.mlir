// RUN: spine-opt %s --convert-triton-to-linalg -split-input-file | FileCheck %s

// A scalar condition picks between two kernel arguments: the base memref is
// selected, the accesses stay structured.
// CHECK-LABEL: func.func @select_args(
// CHECK-SAME: %[[A:[^:]*]]: memref<*xf32>, %[[B:[^:]*]]: memref<*xf32>
// CHECK: %[[BASE:.*]] = arith.select %{{.*}}, %[[A]], %[[B]] : memref<*xf32>
// CHECK: memref.reinterpret_cast %[[BASE]] to offset: [0], sizes: [16], strides: [1]
tt.func public @select_args(%a: !tt.ptr<f32>, %b: !tt.ptr<f32>, %out: !tt.ptr<f32>) {
  %pid = tt.get_program_id x : i32
  %c0 = arith.constant 0 : i32
  %first = arith.cmpi eq, %pid, %c0 : i32
  %src = arith.select %first, %a, %b : !tt.ptr<f32>
  %r = tt.make_range {end = 16 : i32, start = 0 : i32} : tensor<16xi32>
  %sp = tt.splat %src : !tt.ptr<f32> -> tensor<16x!tt.ptr<f32>>
  %p = tt.addptr %sp, %r : tensor<16x!tt.ptr<f32>>, tensor<16xi32>
  %v = tt.load %p : tensor<16x!tt.ptr<f32>>
  %op = tt.splat %out : !tt.ptr<f32> -> tensor<16x!tt.ptr<f32>>
  %opp = tt.addptr %op, %r : tensor<16x!tt.ptr<f32>>, tensor<16xi32>
  tt.store %opp, %v : tensor<16x!tt.ptr<f32>>
  tt.return
}

// -----

// An element-wise condition between two offsets of one argument: a gather.
// CHECK-LABEL: func.func @select_elementwise(
// CHECK: arith.select %{{.*}}, %{{.*}}, %{{.*}} : tensor<16xi1>, tensor<16xi64>
// CHECK: vector.gather
tt.func public @select_elementwise(%a: !tt.ptr<f32>, %out: !tt.ptr<f32>) {
  %r = tt.make_range {end = 16 : i32, start = 0 : i32} : tensor<16xi32>
  %c8 = arith.constant dense<8> : tensor<16xi32>
  %low = arith.cmpi slt, %r, %c8 : tensor<16xi32>
  %sp = tt.splat %a : !tt.ptr<f32> -> tensor<16x!tt.ptr<f32>>
  %p1 = tt.addptr %sp, %r : tensor<16x!tt.ptr<f32>>, tensor<16xi32>
  %p2 = tt.addptr %p1, %c8 : tensor<16x!tt.ptr<f32>>, tensor<16xi32>
  %p = arith.select %low, %p2, %p1 : tensor<16xi1>, tensor<16x!tt.ptr<f32>>
  %v = tt.load %p : tensor<16x!tt.ptr<f32>>
  %op = tt.splat %out : !tt.ptr<f32> -> tensor<16x!tt.ptr<f32>>
  %opp = tt.addptr %op, %r : tensor<16x!tt.ptr<f32>>, tensor<16xi32>
  tt.store %opp, %v : tensor<16x!tt.ptr<f32>>
  tt.return
}

// -----

// Integer divisions never trap: zero divisors (and INT_MIN / -1 for signed
// ones) become 1; constant divisors other than 0 and -1 are left alone.
// CHECK-LABEL: func.func @divisions(
// CHECK-SAME: %[[X:[^:]*]]: i32, %[[Y:[^:]*]]: i32
// CHECK: %[[Z:.*]] = arith.cmpi eq, %[[Y]], %c0_i32 : i32
// CHECK: %[[XMIN:.*]] = arith.cmpi eq, %[[X]], %c-2147483648_i32 : i32
// CHECK: %[[YM1:.*]] = arith.cmpi eq, %[[Y]], %c-1_i32 : i32
// CHECK: %[[OV:.*]] = arith.andi %[[YM1]], %[[XMIN]]
// CHECK: %[[BAD:.*]] = arith.ori %[[Z]], %[[OV]]
// CHECK: %[[SAFE:.*]] = arith.select %[[BAD]], %c1_i32, %[[Y]] : i32
// CHECK: arith.divsi %[[X]], %[[SAFE]] : i32
// CHECK: %[[UZ:.*]] = arith.cmpi eq, %[[Y]], %{{.*}} : i32
// CHECK: %[[USAFE:.*]] = arith.select %[[UZ]], %{{.*}}, %[[Y]] : i32
// CHECK: arith.remui %[[X]], %[[USAFE]] : i32
// CHECK: arith.divsi %[[X]], %c7_i32 : i32
tt.func public @divisions(%x: i32, %y: i32, %out: !tt.ptr<i32>) {
  %q = arith.divsi %x, %y : i32
  %r = arith.remui %x, %y : i32
  %c7 = arith.constant 7 : i32
  %s = arith.divsi %x, %c7 : i32
  %t = arith.addi %q, %r : i32
  %u = arith.addi %t, %s : i32
  tt.store %out, %u : !tt.ptr<i32>
  tt.return
}

// -----

// tt.ptr_to_int of a scalar pointer: the argument's address plus the byte
// offset (kernels test optional arguments against null).
// CHECK-LABEL: func.func @ptr_to_int(
// CHECK: %[[ADDR:.*]] = memref.extract_aligned_pointer_as_index
// CHECK: %[[BYTES:.*]] = arith.muli %{{.*}}, %c4 : index
// CHECK: %[[SUM:.*]] = arith.addi %[[ADDR]], %[[BYTES]] : index
// CHECK: arith.index_cast %[[SUM]] : index to i64
tt.func public @ptr_to_int(%a: !tt.ptr<f32>, %k: i32, %out: !tt.ptr<i64>) {
  %p = tt.addptr %a, %k : !tt.ptr<f32>, i32
  %i = tt.ptr_to_int %p : !tt.ptr<f32> -> i64
  tt.store %out, %i : !tt.ptr<i64>
  tt.return
}

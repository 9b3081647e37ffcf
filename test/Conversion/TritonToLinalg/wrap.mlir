// RUN: spine-opt %s --convert-triton-to-linalg --cse --canonicalize | FileCheck %s
// The tutorial matmul's `(pid * BLOCK + arange) % M` rows: a wrapped
// dimension, loaded with one static copy when the block does not wrap, two
// box copies (rows start..M, then 0..) when it does and fits in M, and the
// element-wise gather otherwise. Each such if is marked spine.version: its
// else branch alone is right (spine-raise-dot-k-loop keeps one branch).

tt.func public @wrap_rows(%x: !tt.ptr<f32>, %out: !tt.ptr<f32>, %m: i32) {
  %c16 = arith.constant 16 : i32
  %pid = tt.get_program_id x : i32
  %start = arith.muli %pid, %c16 : i32
  %r = tt.make_range {end = 16 : i32, start = 0 : i32} : tensor<16xi32>
  %s = tt.splat %start : i32 -> tensor<16xi32>
  %o = arith.addi %s, %r : tensor<16xi32>
  %ms = tt.splat %m : i32 -> tensor<16xi32>
  %w = arith.remsi %o, %ms : tensor<16xi32>
  %xs = tt.splat %x : !tt.ptr<f32> -> tensor<16x!tt.ptr<f32>>
  %xp = tt.addptr %xs, %w : tensor<16x!tt.ptr<f32>>, tensor<16xi32>
  %v = tt.load %xp : tensor<16x!tt.ptr<f32>>
  %os = tt.splat %out : !tt.ptr<f32> -> tensor<16x!tt.ptr<f32>>
  %op = tt.addptr %os, %r : tensor<16x!tt.ptr<f32>>, tensor<16xi32>
  tt.store %op, %v : tensor<16x!tt.ptr<f32>>
  tt.return
}

// CHECK-LABEL: func.func @wrap_rows(
// CHECK-SAME:    %[[X:arg[0-9]+]]: memref<*xf32>
// CHECK:       %[[BUF:.*]] = memref.alloc() : memref<16xf32>
// CHECK:       %[[FIRST:.*]] = arith.remsi %[[START:.*]], %[[M:.*]] : index
// CHECK:       %[[FITS:.*]] = arith.andi
// CHECK:       scf.if %[[FITS]] {
// CHECK:         %[[LEN:.*]] = arith.minsi %{{.*}}, %c16
// CHECK:         %[[NOWRAP:.*]] = arith.cmpi eq, %[[LEN]], %c16
// CHECK:         scf.if %[[NOWRAP]] {
// CHECK:           %[[V:.*]] = memref.reinterpret_cast %[[X]] to offset: [%[[FIRST]]], sizes: [16], strides: [1]
// CHECK:           memref.copy %[[V]], %[[BUF]]
// CHECK:         } else {
// CHECK:           memref.reinterpret_cast %[[X]] to offset: [%[[FIRST]]]
// CHECK:           memref.subview %{{.*}}[0] [%[[LEN]]] [1]
// CHECK:           memref.copy
// CHECK:           memref.subview
// CHECK:           memref.copy
// CHECK:         } {spine.version}
// CHECK:       } else {
// CHECK:         linalg.generic
// CHECK:           arith.remsi
// CHECK:         vector.gather
// CHECK:       } {spine.version}
// CHECK:       bufferization.to_tensor %[[BUF]] restrict writable

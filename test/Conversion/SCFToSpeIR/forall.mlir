// RUN: spine-opt %s -split-input-file -convert-scf-forall-to-speir -verify-diagnostics | FileCheck %s

// CHECK-LABEL: func @forall_1d
// CHECK-SAME: (%[[N:.*]]: index, %[[OUT:.*]]: memref<?xi32>)
// CHECK: speir.parallel (%[[I:.*]]) in (%{{.*}}) {
// CHECK:   memref.store %{{.*}}, %[[OUT]][%[[I]]]
// CHECK-NOT: scf.forall
func.func @forall_1d(%n: index, %out: memref<?xi32>) {
  %c = arith.constant 3 : i32
  scf.forall (%i) in (%n) {
    memref.store %c, %out[%i] : memref<?xi32>
  }
  return
}

// -----

// Bounds and steps are normalized: the trip count is ceildiv(ub - lb, step)
// and the body sees lb + i * step.
// CHECK-LABEL: func @forall_steps
// CHECK: speir.parallel (%[[I:.*]], %[[J:.*]]) in (%{{.*}}, %{{.*}}) {
// CHECK-DAG: %[[X:.*]] = affine.apply #{{.*}}(%[[I]])
// CHECK-DAG: %[[Y:.*]] = affine.apply #{{.*}}(%[[J]])
// CHECK: memref.store %{{.*}}, %{{.*}}[%[[X]], %[[Y]]]
func.func @forall_steps(%out: memref<16x16xf32>) {
  %c = arith.constant 1.0 : f32
  scf.forall (%i, %j) = (2, 0) to (16, 16) step (3, 4) {
    memref.store %c, %out[%i, %j] : memref<16x16xf32>
  } {mapping = [#gpu.block<x>, #gpu.block<y>]}
  return
}

// -----

func.func @forall_tensor(%t: tensor<8xf32>) -> tensor<8xf32> {
  // expected-error @+1 {{'scf.forall' op with results cannot become a speir.parallel; bufferize it first}}
  %r = scf.forall (%i) in (8) shared_outs(%o = %t) -> tensor<8xf32> {
    scf.forall.in_parallel {
    }
  }
  return %r : tensor<8xf32>
}

// -----

// Sub-blocks that meet at an mbarrier must co-run: the region is concurrent.
// CHECK-LABEL: func @forall_barrier
// CHECK: speir.parallel (%{{.*}}) in (%{{.*}}) concurrent {
// CHECK:   "xsmt_async.mbarrier_arrive"
func.func @forall_barrier(%b: i64) {
  %p = arith.constant 0 : i16
  %a = arith.constant 4 : i16
  scf.forall (%i) in (4) {
    "xsmt_async.mbarrier_arrive"(%b) : (i64) -> ()
    "xsmt_async.mbarrier_wait"(%b, %p, %a) : (i64, i16, i16) -> ()
  }
  return
}

// -----

// A constant step of zero or below is an error (it used to divide by zero
// inside the pass; fuzzer finding).
func.func @zero_step(%out: memref<16x16xf32>) {
  %c = arith.constant 1.0 : f32
  // expected-error @+1 {{'scf.forall' op step must be positive, got 0}}
  scf.forall (%i, %j) = (2, 0) to (16, 16) step (0, 4) {
    memref.store %c, %out[%i, %j] : memref<16x16xf32>
  }
  return
}

// -----

func.func @negative_step(%out: memref<16xf32>) {
  %c = arith.constant 1.0 : f32
  // expected-error @+1 {{step must be positive, got -2}}
  scf.forall (%i) = (0) to (16) step (-2) {
    memref.store %c, %out[%i] : memref<16xf32>
  }
  return
}

// -----

// A dynamic step is divided by only where it is positive; otherwise the
// region runs no iteration (no trap on a zero step at run time).
// CHECK-LABEL: func @dynamic_step
// CHECK-SAME: %{{.*}}: memref<16xf32>, %[[S:.*]]: index
// CHECK: %[[POS:.*]] = arith.cmpi sgt, %[[S]], %{{.*}} : index
// CHECK: %[[SAFE:.*]] = arith.select %[[POS]], %[[S]], %{{.*}} : index
// CHECK: %[[TRIP:.*]] = affine.apply #{{.*}}()[%[[SAFE]]]
// CHECK: %[[N:.*]] = arith.select %[[POS]], %[[TRIP]], %{{.*}} : index
// CHECK: %[[M:.*]] = arith.maxsi %[[N]], %{{.*}} : index
// CHECK: speir.parallel (%{{.*}}) in (%[[M]])
func.func @dynamic_step(%out: memref<16xf32>, %s: index) {
  %c = arith.constant 1.0 : f32
  scf.forall (%i) = (0) to (16) step (%s) {
    memref.store %c, %out[%i] : memref<16xf32>
  }
  return
}

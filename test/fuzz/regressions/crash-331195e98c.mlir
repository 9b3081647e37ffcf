
// Bounds and steps are normalized: the trip count is ceildiv(ub - lb, step)
// and the body sees lb + i * step.
// CHECK-LABEL: func @forall_steps
// CHECK: speir.parallel (%[[I:.*]], %[[J:.*]]) in (%{{.*}}, %{{.*}}) {
// CHECK-DAG: %[[X:.*]] = affine.apply #{{.*}}(%[[I]])
// CHECK-DAG: %[[Y:.*]] = affine.apply #{{.*}}(%[[J]])
// CHECK: memref.store %{{.*}}, %{{.*}}[%[[X]], %[[Y]]]
func.func @forall_steps(%out: memref<16x16xf32>) {
  %c = arith.constant 1.0 : f32
  scf.forall (%i, %j) = (2, 0) to (16, 16) step (0, 4) {
    memref.store %c, %out[%i, %j] : memref<16x16xf32>
  } {mapping = [#gpu.block<x>, #gpu.block<y>]}
  return
}


// RUN: spine-opt %s --spine-fuse-triton-elementwise | FileCheck %s
// Plain element-wise producers fuse into their single consumer; a gather
// (a body that loads from memory) neither fuses nor is fused into.

#map = affine_map<(d0) -> (d0)>

// CHECK-LABEL: func.func @gather_stays
// CHECK:         %[[OFF:.*]] = linalg.generic
// CHECK:           arith.muli
// CHECK:         linalg.generic {{.*}} ins(%[[OFF]] : tensor<16xi64>)
// CHECK:           memref.load
func.func @gather_stays(%base: memref<1024xf32>, %i: tensor<16xi64>, %s: i64) -> tensor<16xf32> {
  %e = tensor.empty() : tensor<16xi64>
  %off = linalg.generic {indexing_maps = [#map, #map], iterator_types = ["parallel"]} ins(%i : tensor<16xi64>) outs(%e : tensor<16xi64>) {
  ^bb0(%a: i64, %o: i64):
    %m = arith.muli %a, %s : i64
    linalg.yield %m : i64
  } -> tensor<16xi64>
  %f = tensor.empty() : tensor<16xf32>
  %g = linalg.generic {indexing_maps = [#map, #map], iterator_types = ["parallel"]} ins(%off : tensor<16xi64>) outs(%f : tensor<16xf32>) {
  ^bb0(%a: i64, %o: f32):
    %idx = arith.index_cast %a : i64 to index
    %v = memref.load %base[%idx] : memref<1024xf32>
    linalg.yield %v : f32
  } -> tensor<16xf32>
  return %g : tensor<16xf32>
}

// The loop accumulator `acc + x`: the sum writes into the accumulator.
// CHECK-LABEL: func.func @accumulate
// CHECK:         scf.for {{.*}} iter_args(%[[ACC:.*]] = %{{.*}})
// CHECK:           linalg.generic {{.*}} ins(%[[ACC]], %{{.*}} : tensor<32xf32>, tensor<32xf32>) outs(%[[ACC]] : tensor<32xf32>)
func.func @accumulate(%x: tensor<32xf32>, %init: tensor<32xf32>, %n: index) -> tensor<32xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %r = scf.for %k = %c0 to %n step %c1 iter_args(%acc = %init) -> (tensor<32xf32>) {
    %e = tensor.empty() : tensor<32xf32>
    %s = linalg.generic {indexing_maps = [#map, #map, #map], iterator_types = ["parallel"]} ins(%acc, %x : tensor<32xf32>, tensor<32xf32>) outs(%e : tensor<32xf32>) {
    ^bb0(%a: f32, %b: f32, %o: f32):
      %t = arith.addf %a, %b : f32
      linalg.yield %t : f32
    } -> tensor<32xf32>
    scf.yield %s : tensor<32xf32>
  }
  return %r : tensor<32xf32>
}

// RUN: spine-opt %s --spine-triton-e2e-ref-pipeline | FileCheck %s
// RUN: spine-opt %s --spine-triton-e2e-pipeline | FileCheck %s

// A gather (offsets through a division, so not affine) whose loaded tile is
// split: each half is a view with stride 2, read for a scatter store. Both
// pipelines lower the strided transfer (the reference used to leave an
// unrealized cast: test/fuzz/regressions/parity-3052f723b8.ttir).
// CHECK: llvm.func @split_scatter
// CHECK-NOT: unrealized_conversion_cast
// CHECK-NOT: vector.transfer_read
module {
  tt.func public @split_scatter(%pairs: !tt.ptr<f32>, %even: !tt.ptr<f32>) {
    %c2 = arith.constant dense<2> : tensor<32x1xi32>
    %c32 = arith.constant 32 : i32
    %pid = tt.get_program_id x : i32
    %base = arith.muli %pid, %c32 : i32
    %r = tt.make_range {end = 33 : i32, start = 1 : i32} : tensor<32xi32>
    %b = tt.splat %base : i32 -> tensor<32xi32>
    %offs = arith.divsi %b, %r : tensor<32xi32>
    %rows = tt.expand_dims %offs {axis = 1 : i32} : tensor<32xi32> -> tensor<32x1xi32>
    %rows2 = arith.muli %rows, %c2 : tensor<32x1xi32>
    %p0 = tt.splat %pairs : !tt.ptr<f32> -> tensor<32x1x!tt.ptr<f32>>
    %p1 = tt.addptr %p0, %rows2 : tensor<32x1x!tt.ptr<f32>>, tensor<32x1xi32>
    %cols = tt.make_range {end = 2 : i32, start = 0 : i32} : tensor<2xi32>
    %cols2 = tt.expand_dims %cols {axis = 0 : i32} : tensor<2xi32> -> tensor<1x2xi32>
    %p2 = tt.broadcast %p1 : tensor<32x1x!tt.ptr<f32>> -> tensor<32x2x!tt.ptr<f32>>
    %cb = tt.broadcast %cols2 : tensor<1x2xi32> -> tensor<32x2xi32>
    %p3 = tt.addptr %p2, %cb : tensor<32x2x!tt.ptr<f32>>, tensor<32x2xi32>
    %v = tt.load %p3 : tensor<32x2x!tt.ptr<f32>>
    %lo, %hi = tt.split %v : tensor<32x2xf32> -> tensor<32xf32>
    %e0 = tt.splat %even : !tt.ptr<f32> -> tensor<32x!tt.ptr<f32>>
    %e1 = tt.addptr %e0, %offs : tensor<32x!tt.ptr<f32>>, tensor<32xi32>
    tt.store %e1, %lo : tensor<32x!tt.ptr<f32>>
    tt.return
  }
}

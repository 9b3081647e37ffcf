// RUN: spine-opt %s --convert-triton-to-linalg | FileCheck %s
// Calls of functions Triton kept out of line (noinline=True) are inlined, so
// the callee's pointer arithmetic is analysed in the kernel's terms: the load
// through the helper is still a strided box copy, not a gather.

tt.func private @load_scaled(%base: !tt.ptr<f32>, %offs: tensor<16xi32>, %scale: f32) -> tensor<16xf32> attributes {noinline = true} {
  %splat = tt.splat %base : !tt.ptr<f32> -> tensor<16x!tt.ptr<f32>>
  %ptrs = tt.addptr %splat, %offs : tensor<16x!tt.ptr<f32>>, tensor<16xi32>
  %x = tt.load %ptrs : tensor<16x!tt.ptr<f32>>
  %s = tt.splat %scale : f32 -> tensor<16xf32>
  %y = tt.call @mul(%x, %s) : (tensor<16xf32>, tensor<16xf32>) -> tensor<16xf32>
  tt.return %y : tensor<16xf32>
}

tt.func private @mul(%a: tensor<16xf32>, %b: tensor<16xf32>) -> tensor<16xf32> attributes {noinline = true} {
  %m = arith.mulf %a, %b : tensor<16xf32>
  tt.return %m : tensor<16xf32>
}

// CHECK-LABEL: func.func @kernel(
// CHECK-NOT: call
// CHECK: memref.reinterpret_cast
// CHECK: arith.mulf
// CHECK-NOT: @load_scaled
// CHECK-NOT: @mul
tt.func public @kernel(%in: !tt.ptr<f32>, %out: !tt.ptr<f32>, %n: i32) {
  %c0 = arith.constant 0 : i32
  %c1 = arith.constant 1 : i32
  %range = tt.make_range {end = 16 : i32, start = 0 : i32} : tensor<16xi32>
  %two = arith.constant 2.0 : f32
  %y = tt.call @load_scaled(%in, %range, %two) : (!tt.ptr<f32>, tensor<16xi32>, f32) -> tensor<16xf32>
  %osplat = tt.splat %out : !tt.ptr<f32> -> tensor<16x!tt.ptr<f32>>
  %optrs = tt.addptr %osplat, %range : tensor<16x!tt.ptr<f32>>, tensor<16xi32>
  tt.store %optrs, %y : tensor<16x!tt.ptr<f32>>
  tt.return
}

// RUN: spine-opt %s -split-input-file -one-shot-bufferize="bufferize-function-boundaries" | FileCheck %s

// The window ops bufferize in place of their init. An init that stays live
// gets a fresh buffer; only accumulate mode copies its contents in.
// CHECK-LABEL: func.func @overwrite
// CHECK: %[[A:.*]] = memref.alloc()
// CHECK-NOT: memref.copy
// CHECK: speir.conv2d "nhwc_hwcf" ins(%{{.*}}, %{{.*}} : memref<1x8x8x4xf32, {{.*}}>, memref<3x3x4x6xf32, {{.*}}>) outs(%[[A]] : memref<1x6x6x6xf32>)
// CHECK: return %[[A]]
func.func @overwrite(%x: tensor<1x8x8x4xf32>, %w: tensor<3x3x4x6xf32>, %o: tensor<1x6x6x6xf32>) -> (tensor<1x6x6x6xf32>, tensor<1x6x6x6xf32>) {
  %r = speir.conv2d "nhwc_hwcf" ins(%x, %w : tensor<1x8x8x4xf32>, tensor<3x3x4x6xf32>) outs(%o : tensor<1x6x6x6xf32>) strides = [1, 1] dilations = [1, 1] padding = [0, 0] -> tensor<1x6x6x6xf32>
  return %r, %o : tensor<1x6x6x6xf32>, tensor<1x6x6x6xf32>
}

// -----

// CHECK-LABEL: func.func @accumulate
// CHECK-SAME: %[[O:[^:]*]]: memref<1x4x4x8xf32
// CHECK: %[[A:.*]] = memref.alloc()
// CHECK: memref.copy %[[O]], %[[A]]
// CHECK: speir.pool2d "max" "nhwc" ins(%{{.*}} : memref<1x8x8x8xf32, {{.*}}>) outs(%[[A]] : memref<1x4x4x8xf32>) {{.*}} accumulate
func.func @accumulate(%x: tensor<1x8x8x8xf32>, %o: tensor<1x4x4x8xf32>) -> (tensor<1x4x4x8xf32>, tensor<1x4x4x8xf32>) {
  %r = speir.pool2d "max" "nhwc" ins(%x : tensor<1x8x8x8xf32>) outs(%o : tensor<1x4x4x8xf32>) window = [2, 2] strides = [2, 2] dilations = [1, 1] padding = [0, 0] accumulate -> tensor<1x4x4x8xf32>
  return %r, %o : tensor<1x4x4x8xf32>, tensor<1x4x4x8xf32>
}

// -----

// Not live afterwards: the init's own buffer is written in place.
// CHECK-LABEL: func.func @in_place
// CHECK-SAME: %[[O:[^:]*]]: memref<1x6x6x6xf32
// CHECK-NOT: memref.alloc
// CHECK: speir.conv2d "nhwc_hwcf" {{.*}} outs(%[[O]] : {{.*}}) {{.*}} accumulate
func.func @in_place(%x: tensor<1x8x8x4xf32>, %w: tensor<3x3x4x6xf32>, %o: tensor<1x6x6x6xf32>) -> tensor<1x6x6x6xf32> {
  %r = speir.conv2d "nhwc_hwcf" ins(%x, %w : tensor<1x8x8x4xf32>, tensor<3x3x4x6xf32>) outs(%o : tensor<1x6x6x6xf32>) strides = [1, 1] dilations = [1, 1] padding = [0, 0] accumulate -> tensor<1x6x6x6xf32>
  return %r : tensor<1x6x6x6xf32>
}

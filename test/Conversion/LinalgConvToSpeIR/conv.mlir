// RUN: spine-opt %s -split-input-file -convert-linalg-conv-to-speir | FileCheck %s

// A zero pad of the spatial dimensions folds into padding, a zero fill of
// the init into overwrite mode; the pad and the fill are gone (bufferization
// would otherwise still materialize them).
// CHECK-LABEL: func.func @nhwc_pad_fill
// CHECK-SAME: (%[[X:.*]]: tensor<1x8x8x4xf32>, %[[W:.*]]: tensor<3x3x4x6xf32>)
// CHECK-NOT: tensor.pad
// CHECK: %[[E:.*]] = tensor.empty() : tensor<1x8x8x6xf32>
// CHECK-NOT: linalg.fill
// CHECK: %[[R:.*]] = speir.conv2d "nhwc_hwcf" ins(%[[X]], %[[W]] : tensor<1x8x8x4xf32>, tensor<3x3x4x6xf32>) outs(%[[E]] : tensor<1x8x8x6xf32>) strides = [1, 1] dilations = [1, 1] padding = [1, 2] -> tensor<1x8x8x6xf32>
// CHECK-NOT: linalg.conv
// CHECK: return %[[R]]
func.func @nhwc_pad_fill(%x: tensor<1x8x8x4xf32>, %w: tensor<3x3x4x6xf32>) -> tensor<1x8x8x6xf32> {
  %zero = arith.constant 0.0 : f32
  %pad = tensor.pad %x low[0, 1, 2, 0] high[0, 1, 0, 0] {
  ^bb0(%a: index, %b: index, %c: index, %d: index):
    tensor.yield %zero : f32
  } : tensor<1x8x8x4xf32> to tensor<1x10x10x4xf32>
  %e = tensor.empty() : tensor<1x8x8x6xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<1x8x8x6xf32>) -> tensor<1x8x8x6xf32>
  %r = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
     ins(%pad, %w : tensor<1x10x10x4xf32>, tensor<3x3x4x6xf32>) outs(%f : tensor<1x8x8x6xf32>) -> tensor<1x8x8x6xf32>
  return %r : tensor<1x8x8x6xf32>
}

// -----

// A non-zero pad value, or padding of the channel dimension, stays a
// tensor.pad; an init that is not a neutral fill is accumulated into.
// CHECK-LABEL: func.func @nchw_kept_pad
// CHECK: %[[P:.*]] = tensor.pad
// CHECK: speir.conv2d "nchw_fchw" ins(%[[P]], %{{.*}} : tensor<1x4x10x10xf32>, tensor<6x4x3x3xf32>) outs(%{{.*}} : tensor<1x6x4x4xf32>) strides = [2, 2] dilations = [1, 1] padding = [0, 0] accumulate
// CHECK-LABEL: func.func @channel_pad
// CHECK: %[[P:.*]] = tensor.pad
// CHECK: speir.conv2d "nhwc_hwcf" ins(%[[P]], %{{.*}}
func.func @nchw_kept_pad(%x: tensor<1x4x8x8xf32>, %w: tensor<6x4x3x3xf32>, %o: tensor<1x6x4x4xf32>) -> tensor<1x6x4x4xf32> {
  %one = arith.constant 1.0 : f32
  %pad = tensor.pad %x low[0, 0, 1, 1] high[0, 0, 1, 1] {
  ^bb0(%a: index, %b: index, %c: index, %d: index):
    tensor.yield %one : f32
  } : tensor<1x4x8x8xf32> to tensor<1x4x10x10xf32>
  %r = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
     ins(%pad, %w : tensor<1x4x10x10xf32>, tensor<6x4x3x3xf32>) outs(%o : tensor<1x6x4x4xf32>) -> tensor<1x6x4x4xf32>
  return %r : tensor<1x6x4x4xf32>
}
func.func @channel_pad(%x: tensor<1x8x8x3xf32>, %w: tensor<1x1x4x6xf32>, %o: tensor<1x8x8x6xf32>) -> tensor<1x8x8x6xf32> {
  %zero = arith.constant 0.0 : f32
  %pad = tensor.pad %x low[0, 0, 0, 0] high[0, 0, 0, 1] {
  ^bb0(%a: index, %b: index, %c: index, %d: index):
    tensor.yield %zero : f32
  } : tensor<1x8x8x3xf32> to tensor<1x8x8x4xf32>
  %r = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
     ins(%pad, %w : tensor<1x8x8x4xf32>, tensor<1x1x4x6xf32>) outs(%o : tensor<1x8x8x6xf32>) -> tensor<1x8x8x6xf32>
  return %r : tensor<1x8x8x6xf32>
}

// -----

// Depthwise (both layouts) and int8 -> int32.
// CHECK-LABEL: func.func @depthwise
// CHECK: speir.conv2d "nhwc_hwc" ins(%{{.*}}, %{{.*}} : tensor<1x9x9x5xi8>, tensor<3x3x5xi8>) outs(%{{.*}} : tensor<1x4x4x5xi32>) strides = [2, 2] dilations = [1, 1] padding = [0, 0] accumulate
// CHECK: speir.conv2d "nchw_chw" ins(%{{.*}}, %{{.*}} : tensor<1x5x9x9xf16>, tensor<5x3x3xf16>) outs(%{{.*}} : tensor<1x5x5x5xf32>) strides = [1, 1] dilations = [2, 2] padding = [0, 0] accumulate
func.func @depthwise(%x: tensor<1x9x9x5xi8>, %w: tensor<3x3x5xi8>, %o: tensor<1x4x4x5xi32>,
                     %y: tensor<1x5x9x9xf16>, %v: tensor<5x3x3xf16>, %p: tensor<1x5x5x5xf32>) -> (tensor<1x4x4x5xi32>, tensor<1x5x5x5xf32>) {
  %r = linalg.depthwise_conv_2d_nhwc_hwc {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
     ins(%x, %w : tensor<1x9x9x5xi8>, tensor<3x3x5xi8>) outs(%o : tensor<1x4x4x5xi32>) -> tensor<1x4x4x5xi32>
  %s = linalg.depthwise_conv_2d_nchw_chw {dilations = dense<2> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
     ins(%y, %v : tensor<1x5x9x9xf16>, tensor<5x3x3xf16>) outs(%p : tensor<1x5x5x5xf32>) -> tensor<1x5x5x5xf32>
  return %r, %s : tensor<1x4x4x5xi32>, tensor<1x5x5x5xf32>
}

// -----

// Pooling: max folds a -inf pad and a -inf fill; sum folds zeros.
// CHECK-LABEL: func.func @pools
// CHECK-NOT: tensor.pad
// CHECK-NOT: tensor<3x3xf32>
// CHECK: %[[E:.*]] = tensor.empty() : tensor<1x4x4x8xf32>
// CHECK-NOT: linalg.fill
// CHECK: speir.pool2d "max" "nhwc" ins(%{{.*}} : tensor<1x8x8x8xf32>) outs(%[[E]] : tensor<1x4x4x8xf32>) window = [3, 3] strides = [2, 2] dilations = [1, 1] padding = [1, 1] -> tensor<1x4x4x8xf32>
// CHECK: speir.pool2d "sum" "nchw" ins(%{{.*}} : tensor<1x8x8x8xf32>) outs(%{{.*}} : tensor<1x8x4x4xf32>) window = [2, 2] strides = [2, 2] dilations = [1, 1] padding = [0, 0] -> tensor<1x8x4x4xf32>
func.func @pools(%x: tensor<1x8x8x8xf32>) -> (tensor<1x4x4x8xf32>, tensor<1x8x4x4xf32>) {
  %ninf = arith.constant 0xFF800000 : f32
  %zero = arith.constant 0.0 : f32
  %pad = tensor.pad %x low[0, 1, 1, 0] high[0, 1, 1, 0] {
  ^bb0(%a: index, %b: index, %c: index, %d: index):
    tensor.yield %ninf : f32
  } : tensor<1x8x8x8xf32> to tensor<1x10x10x8xf32>
  %win = tensor.empty() : tensor<3x3xf32>
  %e = tensor.empty() : tensor<1x4x4x8xf32>
  %f = linalg.fill ins(%ninf : f32) outs(%e : tensor<1x4x4x8xf32>) -> tensor<1x4x4x8xf32>
  %r = linalg.pooling_nhwc_max {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
     ins(%pad, %win : tensor<1x10x10x8xf32>, tensor<3x3xf32>) outs(%f : tensor<1x4x4x8xf32>) -> tensor<1x4x4x8xf32>
  %win2 = tensor.empty() : tensor<2x2xf32>
  %e2 = tensor.empty() : tensor<1x8x4x4xf32>
  %f2 = linalg.fill ins(%zero : f32) outs(%e2 : tensor<1x8x4x4xf32>) -> tensor<1x8x4x4xf32>
  %s = linalg.pooling_nchw_sum {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
     ins(%x, %win2 : tensor<1x8x8x8xf32>, tensor<2x2xf32>) outs(%f2 : tensor<1x8x4x4xf32>) -> tensor<1x8x4x4xf32>
  return %r, %s : tensor<1x4x4x8xf32>, tensor<1x8x4x4xf32>
}

// -----

// Integer max pooling folds an INT32_MIN fill but keeps any other (and
// never folds an integer pad); forms without a kernel stay in Linalg.
// CHECK-LABEL: func.func @left_alone
// CHECK: %[[E:.*]] = tensor.empty() : tensor<1x4x4x8xi32>
// CHECK: speir.pool2d "max" "nhwc" ins(%{{.*}} : tensor<1x8x8x8xi8>) outs(%[[E]] : tensor<1x4x4x8xi32>) window = [2, 2] strides = [2, 2] dilations = [1, 1] padding = [0, 0] -> tensor
// CHECK: %[[P:.*]] = tensor.pad
// CHECK: %[[F5:.*]] = linalg.fill ins(%{{.*}} : i32) outs(%{{.*}} : tensor<1x5x5x8xi32>)
// CHECK: speir.pool2d "max" "nhwc" ins(%[[P]] : tensor<1x10x10x8xi8>) outs(%[[F5]] : tensor<1x5x5x8xi32>) {{.*}} padding = [0, 0] accumulate
// CHECK: linalg.conv_2d_nhwc_hwcf {{.*}} ins(%{{.*}}, %{{.*}} : tensor<1x8x8x4xi16>
// CHECK: linalg.pooling_nhwc_max_unsigned
// CHECK-NOT: speir.
func.func @left_alone(%x: tensor<1x8x8x8xi8>, %y: tensor<1x8x8x4xi16>, %w: tensor<3x3x4x4xi16>, %o: tensor<1x6x6x4xi32>) -> (tensor<1x4x4x8xi32>, tensor<1x6x6x4xi32>, tensor<1x4x4x8xi32>, tensor<1x5x5x8xi32>) {
  %min = arith.constant -2147483648 : i32
  %m7 = arith.constant -7 : i32
  %lowest = arith.constant -128 : i8
  %win = tensor.empty() : tensor<2x2xi8>
  %e = tensor.empty() : tensor<1x4x4x8xi32>
  %f = linalg.fill ins(%min : i32) outs(%e : tensor<1x4x4x8xi32>) -> tensor<1x4x4x8xi32>
  %r = linalg.pooling_nhwc_max {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
     ins(%x, %win : tensor<1x8x8x8xi8>, tensor<2x2xi8>) outs(%f : tensor<1x4x4x8xi32>) -> tensor<1x4x4x8xi32>
  %pad = tensor.pad %x low[0, 1, 1, 0] high[0, 1, 1, 0] {
  ^bb0(%a: index, %b: index, %c: index, %d: index):
    tensor.yield %lowest : i8
  } : tensor<1x8x8x8xi8> to tensor<1x10x10x8xi8>
  %e5 = tensor.empty() : tensor<1x5x5x8xi32>
  %f5 = linalg.fill ins(%m7 : i32) outs(%e5 : tensor<1x5x5x8xi32>) -> tensor<1x5x5x8xi32>
  %p = linalg.pooling_nhwc_max {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
     ins(%pad, %win : tensor<1x10x10x8xi8>, tensor<2x2xi8>) outs(%f5 : tensor<1x5x5x8xi32>) -> tensor<1x5x5x8xi32>
  %c = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
     ins(%y, %w : tensor<1x8x8x4xi16>, tensor<3x3x4x4xi16>) outs(%o : tensor<1x6x6x4xi32>) -> tensor<1x6x6x4xi32>
  %u = linalg.pooling_nhwc_max_unsigned {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
     ins(%x, %win : tensor<1x8x8x8xi8>, tensor<2x2xi8>) outs(%f : tensor<1x4x4x8xi32>) -> tensor<1x4x4x8xi32>
  return %r, %c, %u, %p : tensor<1x4x4x8xi32>, tensor<1x6x6x4xi32>, tensor<1x4x4x8xi32>, tensor<1x5x5x8xi32>
}

// -----

// NHWC input with an FHWC filter (TensorFlow/ONNX-style weights).
// CHECK-LABEL: func.func @nhwc_fhwc
// CHECK: speir.conv2d "nhwc_fhwc" ins(%{{.*}}, %{{.*}} : tensor<1x8x8x4xf32>, tensor<6x3x3x4xf32>) outs(%{{.*}} : tensor<1x6x6x6xf32>) strides = [1, 1] dilations = [1, 1] padding = [0, 0] accumulate
func.func @nhwc_fhwc(%x: tensor<1x8x8x4xf32>, %w: tensor<6x3x3x4xf32>, %o: tensor<1x6x6x6xf32>) -> tensor<1x6x6x6xf32> {
  %r = linalg.conv_2d_nhwc_fhwc {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
     ins(%x, %w : tensor<1x8x8x4xf32>, tensor<6x3x3x4xf32>) outs(%o : tensor<1x6x6x6xf32>) -> tensor<1x6x6x6xf32>
  return %r : tensor<1x6x6x6xf32>
}

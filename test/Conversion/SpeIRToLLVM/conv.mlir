// RUN: spine-opt %s -split-input-file -convert-speir-to-llvm -canonicalize | FileCheck %s

// The descriptor is 28 i64 on the stack; NCHW/FCHW strides are permuted into
// the logical orders input (n, y, x, c), filter (ky, kx, c, f), output
// (n, oy, ox, f).
// CHECK-LABEL: func.func @conv_nchw
// CHECK: %[[DESC:.*]] = llvm.alloca %{{.*}} x i64
// CHECK: %[[IN:.*]] = llvm.extractvalue %{{.*}}[1]
// CHECK: %[[W:.*]] = llvm.extractvalue %{{.*}}[1]
// CHECK: %[[OUT:.*]] = llvm.extractvalue %{{.*}}[1]
// CHECK: llvm.store %c2_i64, %[[DESC]]
// CHECK: llvm.getelementptr %[[DESC]][3]
// CHECK-NEXT: llvm.store %c4_i64
// CHECK: llvm.getelementptr %[[DESC]][6]
// CHECK-NEXT: llvm.store %c6_i64
// CHECK: llvm.getelementptr %[[DESC]][7]
// CHECK-NEXT: llvm.store %c3_i64
// CHECK: llvm.getelementptr %[[DESC]][9]
// CHECK-NEXT: llvm.store %c2_i64
// CHECK: llvm.getelementptr %[[DESC]][14]
// CHECK-NEXT: llvm.store %c1_i64
// CHECK: llvm.getelementptr %[[DESC]][15]
// CHECK-NEXT: llvm.store %c1_i64
// CHECK: llvm.getelementptr %[[DESC]][16]
// CHECK-NEXT: llvm.store %c324_i64
// CHECK: llvm.getelementptr %[[DESC]][17]
// CHECK-NEXT: llvm.store %c9_i64
// CHECK: llvm.getelementptr %[[DESC]][18]
// CHECK-NEXT: llvm.store %c1_i64
// CHECK: llvm.getelementptr %[[DESC]][19]
// CHECK-NEXT: llvm.store %c81_i64
// CHECK: llvm.getelementptr %[[DESC]][20]
// CHECK-NEXT: llvm.store %c3_i64
// CHECK: llvm.getelementptr %[[DESC]][21]
// CHECK-NEXT: llvm.store %c1_i64
// CHECK: llvm.getelementptr %[[DESC]][22]
// CHECK-NEXT: llvm.store %c9_i64
// CHECK: llvm.getelementptr %[[DESC]][23]
// CHECK-NEXT: llvm.store %c36_i64
// CHECK: llvm.getelementptr %[[DESC]][27]
// CHECK-NEXT: llvm.store %c16_i64
// CHECK: %[[S:.*]] = llvm.call @speir_conv2d(%c0_i32, %c1_i32, %[[DESC]], %[[IN]], %[[W]], %[[OUT]]) : (i32, i32, !llvm.ptr, !llvm.ptr, !llvm.ptr, !llvm.ptr) -> i32
// CHECK: scf.if
// CHECK:   llvm.call @speir_report_failure(%[[S]]
func.func @conv_nchw(%x: memref<2x4x9x9xf32>, %w: memref<6x4x3x3xf32>, %o: memref<2x6x4x4xf32>) {
  speir.conv2d "nchw_fchw" ins(%x, %w : memref<2x4x9x9xf32>, memref<6x4x3x3xf32>) outs(%o : memref<2x6x4x4xf32>) strides = [2, 2] dilations = [1, 1] padding = [0, 1] accumulate
  return
}

// -----

// Depthwise: groups = channels, the filter's channel-in-group stride is 0;
// int8 -> int32 is type 3, overwrite is flags 0.
// CHECK-LABEL: func.func @depthwise
// CHECK: %[[DESC:.*]] = llvm.alloca %{{.*}} x i64
// CHECK: llvm.getelementptr %[[DESC]][15]
// CHECK-NEXT: llvm.store %c5_i64
// CHECK: llvm.getelementptr %[[DESC]][22]
// CHECK-NEXT: llvm.store %c0_i64
// CHECK: llvm.getelementptr %[[DESC]][23]
// CHECK-NEXT: llvm.store %c1_i64
// CHECK: llvm.call @speir_conv2d(%c3_i32, %c0_i32, %[[DESC]]
func.func @depthwise(%x: memref<1x9x9x5xi8>, %w: memref<3x3x5xi8>, %o: memref<1x7x7x5xi32>) {
  speir.conv2d "nhwc_hwc" ins(%x, %w : memref<1x9x9x5xi8>, memref<3x3x5xi8>) outs(%o : memref<1x7x7x5xi32>) strides = [1, 1] dilations = [1, 1] padding = [0, 0]
  return
}

// -----

// Zero channels are one empty group (the runtime takes groups >= 1); a
// dynamic channel count is clamped to at least 1 at run time.
// CHECK-LABEL: func.func @depthwise_no_channels
// CHECK: %[[DESC:.*]] = llvm.alloca %{{.*}} x i64
// CHECK: llvm.getelementptr %[[DESC]][15]
// CHECK-NEXT: llvm.store %c1_i64
func.func @depthwise_no_channels(%x: memref<1x9x9x0xf32>, %w: memref<3x3x0xf32>, %o: memref<1x7x7x0xf32>) {
  speir.conv2d "nhwc_hwc" ins(%x, %w : memref<1x9x9x0xf32>, memref<3x3x0xf32>) outs(%o : memref<1x7x7x0xf32>) strides = [1, 1] dilations = [1, 1] padding = [0, 0]
  return
}

// CHECK-LABEL: func.func @depthwise_dynamic_channels
// CHECK: %[[C:.*]] = arith.maxui %{{.*}}, %c1_i64 : i64
// CHECK: llvm.getelementptr %{{.*}}[15]
// CHECK-NEXT: llvm.store %[[C]]
func.func @depthwise_dynamic_channels(%x: memref<1x9x9x?xf32>, %w: memref<3x3x?xf32>, %o: memref<1x7x7x?xf32>) {
  speir.conv2d "nhwc_hwc" ins(%x, %w : memref<1x9x9x?xf32>, memref<3x3x?xf32>) outs(%o : memref<1x7x7x?xf32>) strides = [1, 1] dilations = [1, 1] padding = [0, 0]
  return
}

// -----

// Pooling: the window is a constant pair, the filter strides are zero; kind
// max is 0, f16 -> f32 is type 1; dynamic sizes are read from the memref's descriptor.
// CHECK-LABEL: func.func @pool
// CHECK-SAME: (%[[X:.*]]: memref<?x8x8x4xf16>
// CHECK: %[[DESC:.*]] = llvm.alloca %{{.*}} x i64
// CHECK: %[[XD:.*]] = builtin.unrealized_conversion_cast %[[X]] : memref<?x8x8x4xf16> to !llvm.struct
// CHECK: %[[N:.*]] = llvm.extractvalue %[[XD]][3, 0]
// CHECK: llvm.store %[[N]], %[[DESC]]
// CHECK: llvm.getelementptr %[[DESC]][7]
// CHECK-NEXT: llvm.store %c3_i64
// CHECK: llvm.getelementptr %[[DESC]][8]
// CHECK-NEXT: llvm.store %c2_i64
// CHECK: llvm.getelementptr %[[DESC]][20]
// CHECK-NEXT: llvm.store %c0_i64
// CHECK: %[[S:.*]] = llvm.call @speir_pool2d(%c1_i32, %c0_i32, %c0_i32, %[[DESC]]
// CHECK: scf.if
// CHECK:   llvm.call @speir_report_failure(%[[S]]
func.func @pool(%x: memref<?x8x8x4xf16>, %o: memref<?x4x4x4xf32>) {
  speir.pool2d "max" "nhwc" ins(%x : memref<?x8x8x4xf16>) outs(%o : memref<?x4x4x4xf32>) window = [3, 2] strides = [2, 2] dilations = [1, 1] padding = [1, 0]
  return
}

// -----

// FHWC filter (F, KH, KW, C): logical (ky, kx, c, f) strides (kw*c, c, 1, kh*kw*c).
// CHECK-LABEL: func.func @fhwc
// CHECK: %[[DESC:.*]] = llvm.alloca %{{.*}} x i64
// CHECK: llvm.getelementptr %[[DESC]][20]
// CHECK-NEXT: llvm.store %c20_i64
// CHECK: llvm.getelementptr %[[DESC]][21]
// CHECK-NEXT: llvm.store %c4_i64
// CHECK: llvm.getelementptr %[[DESC]][22]
// CHECK-NEXT: llvm.store %c1_i64
// CHECK: llvm.getelementptr %[[DESC]][23]
// CHECK-NEXT: llvm.store %c100_i64
func.func @fhwc(%x: memref<1x8x8x4xf32>, %w: memref<6x5x5x4xf32>, %o: memref<1x4x4x6xf32>) {
  speir.conv2d "nhwc_fhwc" ins(%x, %w : memref<1x8x8x4xf32>, memref<6x5x5x4xf32>) outs(%o : memref<1x4x4x6xf32>) strides = [1, 1] dilations = [1, 1] padding = [0, 0]
  return
}

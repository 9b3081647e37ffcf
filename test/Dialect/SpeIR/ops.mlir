// RUN: spine-opt %s | FileCheck %s
// RUN: spine-opt %s | spine-opt | FileCheck %s
// RUN: spine-opt -mlir-print-op-generic %s | spine-opt | FileCheck %s

// CHECK-LABEL: func @parallel_2d
// CHECK: speir.parallel (%[[I:.*]], %[[J:.*]]) in (%{{.*}}, %{{.*}}) {
// CHECK:   memref.store %{{.*}}, %{{.*}}[%[[I]], %[[J]]]
// CHECK-NEXT: }
func.func @parallel_2d(%m: index, %n: index, %out: memref<?x?xf32>) {
  %c = arith.constant 1.0 : f32
  speir.parallel (%i, %j) in (%m, %n) {
    memref.store %c, %out[%i, %j] : memref<?x?xf32>
  }
  return
}

// CHECK-LABEL: func @parallel_concurrent
// CHECK: speir.parallel (%{{.*}}) in (%{{.*}}) concurrent {
func.func @parallel_concurrent(%n: index) {
  speir.parallel (%i) in (%n) concurrent {
  }
  return
}

// CHECK-LABEL: func @parallel_nested
// CHECK: speir.parallel (%{{.*}}) in (%{{.*}}) {
// CHECK:   speir.parallel (%{{.*}}, %{{.*}}, %{{.*}}) in (%{{.*}}, %{{.*}}, %{{.*}}) {
func.func @parallel_nested(%n: index) {
  speir.parallel (%i) in (%n) {
    speir.parallel (%a, %b, %c) in (%n, %i, %n) {
    }
  }
  return
}

// CHECK-LABEL: func @mmt4d_f32
// CHECK: speir.mmt4d %{{.*}}, %{{.*}} into %{{.*}} accumulate : memref<?x?x8x1xf32>, memref<?x?x8x1xf32> into memref<?x?x8x8xf32>
// CHECK: speir.mmt4d %{{.*}}, %{{.*}} into %{{.*}} : memref<?x?x8x1xf32>, memref<?x?x8x1xf32> into memref<?x?x8x8xf32>
func.func @mmt4d_f32(%a: memref<?x?x8x1xf32>, %b: memref<?x?x8x1xf32>, %c: memref<?x?x8x8xf32>) {
  speir.mmt4d %a, %b into %c accumulate : memref<?x?x8x1xf32>, memref<?x?x8x1xf32> into memref<?x?x8x8xf32>
  speir.mmt4d %a, %b into %c : memref<?x?x8x1xf32>, memref<?x?x8x1xf32> into memref<?x?x8x8xf32>
  return
}

// CHECK-LABEL: func @mmt4d_mixed
// CHECK: speir.mmt4d %{{.*}}, %{{.*}} into %{{.*}} : memref<2x3x4x2xf16>, memref<5x3x8x2xf16> into memref<2x5x4x8xf32>
// CHECK: speir.mmt4d %{{.*}}, %{{.*}} into %{{.*}} accumulate lhs_unsigned rhs_unsigned : memref<1x4x4x8xi8>, memref<4x4x4x8xi8> into memref<1x4x4x4xi32>
// CHECK: speir.mmt4d %{{.*}}, %{{.*}} into %{{.*}} : memref<?x?x16x1xf32, strided<[?, 16, 1, 1], offset: ?>>, memref<?x?x16x1xf32> into memref<?x?x16x16xf32>
func.func @mmt4d_mixed(%a: memref<2x3x4x2xf16>, %b: memref<5x3x8x2xf16>, %c: memref<2x5x4x8xf32>,
                       %x: memref<1x4x4x8xi8>, %y: memref<4x4x4x8xi8>, %z: memref<1x4x4x4xi32>,
                       %s: memref<?x?x16x1xf32, strided<[?, 16, 1, 1], offset: ?>>, %t: memref<?x?x16x1xf32>, %u: memref<?x?x16x16xf32>) {
  speir.mmt4d %a, %b into %c : memref<2x3x4x2xf16>, memref<5x3x8x2xf16> into memref<2x5x4x8xf32>
  speir.mmt4d %x, %y into %z accumulate lhs_unsigned rhs_unsigned : memref<1x4x4x8xi8>, memref<4x4x4x8xi8> into memref<1x4x4x4xi32>
  speir.mmt4d %s, %t into %u : memref<?x?x16x1xf32, strided<[?, 16, 1, 1], offset: ?>>, memref<?x?x16x1xf32> into memref<?x?x16x16xf32>
  return
}

// CHECK-LABEL: func @pack_unpack
// CHECK: speir.pack %{{.*}} padding_value(%{{.*}} : f32) outer_dims_perm = [0, 1] inner_dims_pos = [0, 1] into %{{.*}} : memref<13x7xf32> -> memref<2x7x8x1xf32>
// CHECK: speir.pack %{{.*}} outer_dims_perm = [1, 0] inner_dims_pos = [1, 0] into %{{.*}} : memref<64x48xf32> -> memref<6x64x8x1xf32>
// CHECK: speir.unpack %{{.*}} outer_dims_perm = [0, 1] inner_dims_pos = [0, 1] into %{{.*}} : memref<2x6x8x8xf32> -> memref<13x48xf32>
// CHECK: speir.pack %{{.*}} outer_dims_perm = [0, 1] inner_dims_pos = [0, 1] into %{{.*}} : memref<?x?xi8, strided<[?, 1], offset: ?>> -> memref<?x?x4x8xi8>
func.func @pack_unpack(%a: memref<13x7xf32>, %pa: memref<2x7x8x1xf32>, %b: memref<64x48xf32>, %pb: memref<6x64x8x1xf32>,
                       %pc: memref<2x6x8x8xf32>, %c: memref<13x48xf32>,
                       %q: memref<?x?xi8, strided<[?, 1], offset: ?>>, %pq: memref<?x?x4x8xi8>) {
  %zero = arith.constant 0.0 : f32
  speir.pack %a padding_value(%zero : f32) outer_dims_perm = [0, 1] inner_dims_pos = [0, 1] into %pa : memref<13x7xf32> -> memref<2x7x8x1xf32>
  speir.pack %b outer_dims_perm = [1, 0] inner_dims_pos = [1, 0] into %pb : memref<64x48xf32> -> memref<6x64x8x1xf32>
  speir.unpack %pc outer_dims_perm = [0, 1] inner_dims_pos = [0, 1] into %c : memref<2x6x8x8xf32> -> memref<13x48xf32>
  speir.pack %q outer_dims_perm = [0, 1] inner_dims_pos = [0, 1] into %pq : memref<?x?xi8, strided<[?, 1], offset: ?>> -> memref<?x?x4x8xi8>
  return
}

// CHECK-LABEL: func @gemm
// CHECK: speir.gemm %{{.*}}, %{{.*}} into %{{.*}} : memref<16x64xf32>, memref<64x16xf32, strided<[?, 1], offset: ?>> into memref<16x16xf32>
// CHECK: speir.gemm %{{.*}}, %{{.*}} into %{{.*}} accumulate lhs_unsigned : memref<2x4x8xi8>, memref<2x8x4xi8> into memref<2x4x4xi32>
func.func @gemm(%a: memref<16x64xf32>, %b: memref<64x16xf32, strided<[?, 1], offset: ?>>, %c: memref<16x16xf32>,
                %x: memref<2x4x8xi8>, %y: memref<2x8x4xi8>, %z: memref<2x4x4xi32>) {
  speir.gemm %a, %b into %c : memref<16x64xf32>, memref<64x16xf32, strided<[?, 1], offset: ?>> into memref<16x16xf32>
  speir.gemm %x, %y into %z accumulate lhs_unsigned : memref<2x4x8xi8>, memref<2x8x4xi8> into memref<2x4x4xi32>
  return
}

// -----

// Window ops: destination-style on tensors, result-less on memrefs.
// CHECK-LABEL: func.func @conv_tensors
// CHECK: speir.conv2d "nhwc_hwcf" ins(%{{.*}}, %{{.*}} : tensor<1x8x8x4xf32>, tensor<3x3x4x6xf32>) outs(%{{.*}} : tensor<1x8x8x6xf32>) strides = [1, 1] dilations = [1, 1] padding = [1, 1] -> tensor<1x8x8x6xf32>
func.func @conv_tensors(%x: tensor<1x8x8x4xf32>, %w: tensor<3x3x4x6xf32>, %o: tensor<1x8x8x6xf32>) -> tensor<1x8x8x6xf32> {
  %r = speir.conv2d "nhwc_hwcf" ins(%x, %w : tensor<1x8x8x4xf32>, tensor<3x3x4x6xf32>) outs(%o : tensor<1x8x8x6xf32>) strides = [1, 1] dilations = [1, 1] padding = [1, 1] -> tensor<1x8x8x6xf32>
  return %r : tensor<1x8x8x6xf32>
}

// CHECK-LABEL: func.func @window_memrefs
// CHECK: speir.conv2d "nchw_chw" ins(%{{.*}}, %{{.*}} : memref<2x5x9x9xi8>, memref<5x3x3xi8>) outs(%{{.*}} : memref<2x5x4x4xi32>) strides = [2, 2] dilations = [1, 1] padding = [0, 0] accumulate
// CHECK: speir.pool2d "max" "nhwc" ins(%{{.*}} : memref<1x8x8x4xf16>) outs(%{{.*}} : memref<1x4x4x4xf32>) window = [3, 3] strides = [2, 2] dilations = [1, 1] padding = [1, 1]{{$}}
func.func @window_memrefs(%x: memref<2x5x9x9xi8>, %w: memref<5x3x3xi8>, %o: memref<2x5x4x4xi32>, %p: memref<1x8x8x4xf16>, %q: memref<1x4x4x4xf32>) {
  speir.conv2d "nchw_chw" ins(%x, %w : memref<2x5x9x9xi8>, memref<5x3x3xi8>) outs(%o : memref<2x5x4x4xi32>) strides = [2, 2] dilations = [1, 1] padding = [0, 0] accumulate
  speir.pool2d "max" "nhwc" ins(%p : memref<1x8x8x4xf16>) outs(%q : memref<1x4x4x4xf32>) window = [3, 3] strides = [2, 2] dilations = [1, 1] padding = [1, 1]
  return
}

// CHECK-LABEL: func @gemm_epilogues
// CHECK: speir.gemm %{{.*}}, %{{.*}} acc_type(f32) bias(%{{.*}} : memref<16xf16>, per_col) activation(silu) residual(%{{.*}} : memref<4x16xf16>) out(%{{.*}} : memref<4x16xf16>) : memref<4x8xf32>, memref<8x16xf32>
// CHECK: speir.gemm %{{.*}}, %{{.*}} into %[[C:.*]] bias(%{{.*}} : memref<f32>, scalar) activation(gelu_tanh) out(%[[C]] : memref<4x16xf32>) : memref<4x8xf32>, memref<8x16xf32> into memref<4x16xf32>
// CHECK: speir.gemm %{{.*}}, %{{.*}} acc_type(i32) scale(%{{.*}} : memref<4xf32>, per_row) bias(%{{.*}} : memref<4xf32>, per_row) activation(gelu_erf) out(%{{.*}} : memref<4x16xf32>) : memref<4x8xi8>, memref<8x16xi8>
// CHECK: speir.gemm %{{.*}}, %{{.*}} into %{{.*}} accumulate bias(%{{.*}} : memref<16xi32>, per_col) activation(relu) out(%{{.*}} : memref<4x16xi8>) : memref<4x8xi8>, memref<8x16xi8> into memref<4x16xi32>
func.func @gemm_epilogues(%a: memref<4x8xf32>, %b: memref<8x16xf32>, %c: memref<4x16xf32>,
                          %bh: memref<16xf16>, %r: memref<4x16xf16>, %o: memref<4x16xf16>,
                          %s0: memref<f32>, %ai: memref<4x8xi8>, %bi: memref<8x16xi8>,
                          %rows: memref<4xf32>, %of: memref<4x16xf32>, %ci: memref<4x16xi32>,
                          %bias32: memref<16xi32>, %o8: memref<4x16xi8>) {
  speir.gemm %a, %b acc_type(f32) bias(%bh : memref<16xf16>, per_col) activation(silu) residual(%r : memref<4x16xf16>) out(%o : memref<4x16xf16>) : memref<4x8xf32>, memref<8x16xf32>
  speir.gemm %a, %b into %c bias(%s0 : memref<f32>, scalar) activation(gelu_tanh) out(%c : memref<4x16xf32>) : memref<4x8xf32>, memref<8x16xf32> into memref<4x16xf32>
  speir.gemm %ai, %bi acc_type(i32) scale(%rows : memref<4xf32>, per_row) bias(%rows : memref<4xf32>, per_row) activation(gelu_erf) out(%of : memref<4x16xf32>) : memref<4x8xi8>, memref<8x16xi8>
  speir.gemm %ai, %bi into %ci accumulate bias(%bias32 : memref<16xi32>, per_col) activation(relu) out(%o8 : memref<4x16xi8>) : memref<4x8xi8>, memref<8x16xi8> into memref<4x16xi32>
  return
}

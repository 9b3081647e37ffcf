// RUN: spine-opt %s -split-input-file -verify-diagnostics

func.func @parallel_rank4(%n: index) {
  // expected-error @+1 {{'speir.parallel' op expects a 1-3-D grid, got 4 dimensions}}
  speir.parallel (%a, %b, %c, %d) in (%n, %n, %n, %n) {
  }
  return
}

// -----

func.func @parallel_ivs_mismatch(%n: index) {
  // expected-error @+1 {{'speir.parallel' op expects 2 induction variables, got 1}}
  "speir.parallel"(%n, %n) ({
  ^bb0(%i: index):
    "speir.yield"() : () -> ()
  }) : (index, index) -> ()
  return
}

// -----

func.func @parallel_iv_type(%n: index) {
  // expected-error @+1 {{'speir.parallel' op induction variables must be of index type}}
  "speir.parallel"(%n) ({
  ^bb0(%i: i64):
    "speir.yield"() : () -> ()
  }) : (index) -> ()
  return
}

// -----

func.func @yield_outside() {
  // expected-error @+1 {{'speir.yield' op expects parent op 'speir.parallel'}}
  speir.yield
}

// -----

func.func @mmt4d_types(%a: memref<1x1x8x1xf32>, %b: memref<1x1x8x1xf16>, %c: memref<1x1x8x8xf32>) {
  // expected-error @+1 {{unsupported element types ('f32', 'f16') -> 'f32'}}
  speir.mmt4d %a, %b into %c : memref<1x1x8x1xf32>, memref<1x1x8x1xf16> into memref<1x1x8x8xf32>
  return
}

// -----

func.func @mmt4d_i8_acc(%a: memref<1x1x4x8xi8>, %b: memref<1x1x4x8xi8>, %c: memref<1x1x4x4xi16>) {
  // expected-error @+1 {{expected (f32, f32) -> f32, (f16, f16) -> f32/f16 or (i8, i8) -> i32}}
  speir.mmt4d %a, %b into %c : memref<1x1x4x8xi8>, memref<1x1x4x8xi8> into memref<1x1x4x4xi16>
  return
}

// -----

func.func @mmt4d_k0(%a: memref<1x1x8x2xf32>, %b: memref<1x1x8x1xf32>, %c: memref<1x1x8x8xf32>) {
  // expected-error @+1 {{mismatched K0 of lhs and rhs: 2 vs 1}}
  speir.mmt4d %a, %b into %c : memref<1x1x8x2xf32>, memref<1x1x8x1xf32> into memref<1x1x8x8xf32>
  return
}

// -----

func.func @mmt4d_m1(%a: memref<3x1x8x1xf32>, %b: memref<1x1x8x1xf32>, %c: memref<2x1x8x8xf32>) {
  // expected-error @+1 {{mismatched M1 of lhs and acc: 3 vs 2}}
  speir.mmt4d %a, %b into %c : memref<3x1x8x1xf32>, memref<1x1x8x1xf32> into memref<2x1x8x8xf32>
  return
}

// -----

func.func @mmt4d_dynamic_tile(%a: memref<1x1x?x1xf32>, %b: memref<1x1x8x1xf32>, %c: memref<1x1x8x8xf32>) {
  // expected-error @+1 {{lhs inner tile dimension 2 must be static}}
  speir.mmt4d %a, %b into %c : memref<1x1x?x1xf32>, memref<1x1x8x1xf32> into memref<1x1x8x8xf32>
  return
}

// -----

func.func @mmt4d_unsigned_float(%a: memref<1x1x8x1xf32>, %b: memref<1x1x8x1xf32>, %c: memref<1x1x8x8xf32>) {
  // expected-error @+1 {{lhs_unsigned/rhs_unsigned apply to integer operands only}}
  speir.mmt4d %a, %b into %c lhs_unsigned : memref<1x1x8x1xf32>, memref<1x1x8x1xf32> into memref<1x1x8x8xf32>
  return
}

// -----

func.func @mmt4d_rank(%a: memref<8x1xf32>, %b: memref<1x1x8x1xf32>, %c: memref<1x1x8x8xf32>) {
  // expected-error @+1 {{operand #0 must be 4D memref of any type values}}
  speir.mmt4d %a, %b into %c : memref<8x1xf32>, memref<1x1x8x1xf32> into memref<1x1x8x8xf32>
  return
}

// -----

func.func @pack_tiles(%a: memref<13x7xf32>, %p: memref<2x7x4x1xf32>) {
  // expected-error @+1 {{packed outer dimension 0 is 2 but matrix dimension 0 (13) needs 4 tiles of 4}}
  speir.pack %a outer_dims_perm = [0, 1] inner_dims_pos = [0, 1] into %p : memref<13x7xf32> -> memref<2x7x4x1xf32>
  return
}

// -----

func.func @pack_perm(%a: memref<16x8xf32>, %p: memref<2x8x8x1xf32>) {
  // expected-error @+1 {{inner_dims_pos must be a permutation of [0, 1]}}
  speir.pack %a outer_dims_perm = [0, 1] inner_dims_pos = [0, 0] into %p : memref<16x8xf32> -> memref<2x8x8x1xf32>
  return
}

// -----

func.func @pack_pad_type(%a: memref<16x8xf32>, %p: memref<2x8x8x1xf32>, %pad: f16) {
  // expected-error @+1 {{padding value type 'f16' differs from element type 'f32'}}
  speir.pack %a padding_value(%pad : f16) outer_dims_perm = [0, 1] inner_dims_pos = [0, 1] into %p : memref<16x8xf32> -> memref<2x8x8x1xf32>
  return
}

// -----

func.func @pack_dynamic_tile(%a: memref<16x8xf32>, %p: memref<2x8x?x1xf32>) {
  // expected-error @+1 {{inner tile sizes must be static and positive, packed dimension 2 is dynamic}}
  speir.pack %a outer_dims_perm = [0, 1] inner_dims_pos = [0, 1] into %p : memref<16x8xf32> -> memref<2x8x?x1xf32>
  return
}

// -----

func.func @unpack_types(%p: memref<2x8x8x1xf32>, %a: memref<16x8xf16>) {
  // expected-error @+1 {{matrix and packed element types differ: 'f16' vs 'f32'}}
  speir.unpack %p outer_dims_perm = [0, 1] inner_dims_pos = [0, 1] into %a : memref<2x8x8x1xf32> -> memref<16x8xf16>
  return
}

// -----

func.func @unpack_outer(%p: memref<2x8x8x1xf32>, %a: memref<16x8xf32>) {
  // expected-error @+1 {{outer_dims_perm must be a permutation of [0, 1]}}
  speir.unpack %p outer_dims_perm = [1, 1] inner_dims_pos = [0, 1] into %a : memref<2x8x8x1xf32> -> memref<16x8xf32>
  return
}

// -----

func.func @gemm_rank(%a: memref<4xf32>, %b: memref<4x4xf32>, %c: memref<4x4xf32>) {
  // expected-error @+1 {{expects operands of rank 2, or 3 when batched, all the same; got 1, 2, 2}}
  speir.gemm %a, %b into %c : memref<4xf32>, memref<4x4xf32> into memref<4x4xf32>
  return
}

// -----

func.func @gemm_k(%a: memref<4x8xf32>, %b: memref<4x4xf32>, %c: memref<4x4xf32>) {
  // expected-error @+1 {{mismatched K of a and b: 8 vs 4}}
  speir.gemm %a, %b into %c : memref<4x8xf32>, memref<4x4xf32> into memref<4x4xf32>
  return
}

// -----

func.func @gemm_types(%a: memref<4x4xf64>, %c: memref<4x4xf64>) {
  // expected-error @+1 {{unsupported element types ('f64', 'f64') -> 'f64'}}
  speir.gemm %a, %a into %c : memref<4x4xf64>, memref<4x4xf64> into memref<4x4xf64>
  return
}

// -----

func.func @conv_bad_layout(%x: memref<1x8x8x4xf32>, %w: memref<3x3x4x6xf32>, %o: memref<1x6x6x6xf32>) {
  // expected-error @+1 {{'speir.conv2d' op unknown layout "nchw_hwcf"; expected nhwc_hwcf, nchw_fchw, nhwc_fhwc, nhwc_hwc or nchw_chw}}
  speir.conv2d "nchw_hwcf" ins(%x, %w : memref<1x8x8x4xf32>, memref<3x3x4x6xf32>) outs(%o : memref<1x6x6x6xf32>) strides = [1, 1] dilations = [1, 1] padding = [0, 0]
  return
}

// -----

func.func @conv_channels(%x: memref<1x8x8x4xf32>, %w: memref<3x3x5x6xf32>, %o: memref<1x6x6x6xf32>) {
  // expected-error @+1 {{'speir.conv2d' op mismatched input channels: 4 vs 5}}
  speir.conv2d "nhwc_hwcf" ins(%x, %w : memref<1x8x8x4xf32>, memref<3x3x5x6xf32>) outs(%o : memref<1x6x6x6xf32>) strides = [1, 1] dilations = [1, 1] padding = [0, 0]
  return
}

// -----

func.func @conv_types(%x: memref<1x8x8x4xf32>, %w: memref<3x3x4x6xf16>, %o: memref<1x6x6x6xf32>) {
  // expected-error @+1 {{'speir.conv2d' op unsupported element types ('f32', 'f16') -> 'f32'}}
  speir.conv2d "nhwc_hwcf" ins(%x, %w : memref<1x8x8x4xf32>, memref<3x3x4x6xf16>) outs(%o : memref<1x6x6x6xf32>) strides = [1, 1] dilations = [1, 1] padding = [0, 0]
  return
}

// -----

func.func @conv_stride(%x: memref<1x8x8x4xf32>, %w: memref<3x3x4x6xf32>, %o: memref<1x6x6x6xf32>) {
  // expected-error @+1 {{'speir.conv2d' op strides must be >= 1, got 0}}
  speir.conv2d "nhwc_hwcf" ins(%x, %w : memref<1x8x8x4xf32>, memref<3x3x4x6xf32>) outs(%o : memref<1x6x6x6xf32>) strides = [0, 1] dilations = [1, 1] padding = [0, 0]
  return
}

// -----

func.func @conv_padding_arity(%x: memref<1x8x8x4xf32>, %w: memref<3x3x4x6xf32>, %o: memref<1x6x6x6xf32>) {
  // expected-error @+1 {{'speir.conv2d' op padding needs 2 values, got 4}}
  speir.conv2d "nhwc_hwcf" ins(%x, %w : memref<1x8x8x4xf32>, memref<3x3x4x6xf32>) outs(%o : memref<1x6x6x6xf32>) strides = [1, 1] dilations = [1, 1] padding = [0, 0, 1, 1]
  return
}

// -----

func.func @conv_depthwise_rank(%x: memref<1x8x8x4xf32>, %w: memref<3x3x4x1xf32>, %o: memref<1x6x6x4xf32>) {
  // expected-error @+1 {{'speir.conv2d' op layout nhwc_hwc expects input and init of rank 4 and a filter of rank 3}}
  speir.conv2d "nhwc_hwc" ins(%x, %w : memref<1x8x8x4xf32>, memref<3x3x4x1xf32>) outs(%o : memref<1x6x6x4xf32>) strides = [1, 1] dilations = [1, 1] padding = [0, 0]
  return
}

// -----

func.func @conv_mixed(%x: tensor<1x8x8x4xf32>, %w: memref<3x3x4x6xf32>, %o: memref<1x6x6x6xf32>) {
  // expected-error @+1 {{'speir.conv2d' op expects all operands to be ranked tensors or all memrefs}}
  speir.conv2d "nhwc_hwcf" ins(%x, %w : tensor<1x8x8x4xf32>, memref<3x3x4x6xf32>) outs(%o : memref<1x6x6x6xf32>) strides = [1, 1] dilations = [1, 1] padding = [0, 0]
  return
}

// -----

func.func @conv_tensor_result(%x: tensor<1x8x8x4xf32>, %w: tensor<3x3x4x6xf32>, %o: tensor<1x6x6x6xf32>) {
  // expected-error @+1 {{'speir.conv2d' op on tensors returns one value of the init's type 'tensor<1x6x6x6xf32>'}}
  speir.conv2d "nhwc_hwcf" ins(%x, %w : tensor<1x8x8x4xf32>, tensor<3x3x4x6xf32>) outs(%o : tensor<1x6x6x6xf32>) strides = [1, 1] dilations = [1, 1] padding = [0, 0]
  return
}

// -----

func.func @pool_kind(%x: memref<1x8x8x4xf32>, %o: memref<1x4x4x4xf32>) {
  // expected-error @+1 {{'speir.pool2d' op unknown kind "avg"; expected max, min or sum}}
  speir.pool2d "avg" "nhwc" ins(%x : memref<1x8x8x4xf32>) outs(%o : memref<1x4x4x4xf32>) window = [2, 2] strides = [2, 2] dilations = [1, 1] padding = [0, 0]
  return
}

// -----

func.func @pool_window(%x: memref<1x8x8x4xf32>, %o: memref<1x4x4x4xf32>) {
  // expected-error @+1 {{'speir.pool2d' op window needs 2 sizes >= 1}}
  speir.pool2d "max" "nhwc" ins(%x : memref<1x8x8x4xf32>) outs(%o : memref<1x4x4x4xf32>) window = [0, 2] strides = [2, 2] dilations = [1, 1] padding = [0, 0]
  return
}

// -----

func.func @pool_types(%x: memref<1x8x8x4xi8>, %o: memref<1x4x4x4xi8>) {
  // expected-error @+1 {{'speir.pool2d' op unsupported element types 'i8' -> 'i8'; expected f32 -> f32, f16 -> f16/f32 or i8 -> i32}}
  speir.pool2d "max" "nhwc" ins(%x : memref<1x8x8x4xi8>) outs(%o : memref<1x4x4x4xi8>) window = [2, 2] strides = [2, 2] dilations = [1, 1] padding = [0, 0]
  return
}

// -----

func.func @pool_channels(%x: memref<1x8x8x4xf32>, %o: memref<1x4x4x3xf32>) {
  // expected-error @+1 {{'speir.pool2d' op mismatched channels: 4 vs 3}}
  speir.pool2d "max" "nhwc" ins(%x : memref<1x8x8x4xf32>) outs(%o : memref<1x4x4x3xf32>) window = [2, 2] strides = [2, 2] dilations = [1, 1] padding = [0, 0]
  return
}

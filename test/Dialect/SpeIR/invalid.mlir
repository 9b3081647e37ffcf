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
  // expected-error @+1 {{unknown layout "nchw_hwcf"; expected nhwc_hwcf, nchw_fchw, nhwc_fhwc, nhwc_hwc or nchw_chw}}
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
  // expected-error @+1 {{unknown kind "avg"; expected max, min or sum}}
  speir.pool2d "avg" "nhwc" ins(%x : memref<1x8x8x4xf32>) outs(%o : memref<1x4x4x4xf32>) window = [2, 2] strides = [2, 2] dilations = [1, 1] padding = [0, 0]
  return
}

// -----

func.func @pool_layout(%x: memref<1x8x8x4xf32>, %o: memref<1x4x4x4xf32>) {
  // expected-error @+1 {{unknown layout "hwcn"; expected nhwc or nchw}}
  speir.pool2d "max" "hwcn" ins(%x : memref<1x8x8x4xf32>) outs(%o : memref<1x4x4x4xf32>) window = [2, 2] strides = [2, 2] dilations = [1, 1] padding = [0, 0]
  return
}

// -----

func.func @pool_kind_unquoted(%x: memref<1x8x8x4xf32>, %o: memref<1x4x4x4xf32>) {
  // expected-error @+1 {{expected string}}
  speir.pool2d max "nhwc" ins(%x : memref<1x8x8x4xf32>) outs(%o : memref<1x4x4x4xf32>) window = [2, 2] strides = [2, 2] dilations = [1, 1] padding = [0, 0]
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
  // expected-error @+1 {{'speir.pool2d' op unsupported element types 'i8' -> 'i8'; expected f32 -> f32, f16 -> f32/f16 or i8 -> i32}}
  speir.pool2d "max" "nhwc" ins(%x : memref<1x8x8x4xi8>) outs(%o : memref<1x4x4x4xi8>) window = [2, 2] strides = [2, 2] dilations = [1, 1] padding = [0, 0]
  return
}

// -----

func.func @pool_channels(%x: memref<1x8x8x4xf32>, %o: memref<1x4x4x3xf32>) {
  // expected-error @+1 {{'speir.pool2d' op mismatched channels: 4 vs 3}}
  speir.pool2d "max" "nhwc" ins(%x : memref<1x8x8x4xf32>) outs(%o : memref<1x4x4x3xf32>) window = [2, 2] strides = [2, 2] dilations = [1, 1] padding = [0, 0]
  return
}

// -----

func.func @gemm_epilogue_without_out(%a: memref<4x8xf32>, %b: memref<8x16xf32>, %c: memref<4x16xf32>, %bias: memref<16xf32>) {
  // expected-error @+1 {{'speir.gemm' op an epilogue needs an 'out' operand}}
  speir.gemm %a, %b into %c bias(%bias : memref<16xf32>, per_col) : memref<4x8xf32>, memref<8x16xf32> into memref<4x16xf32>
  return
}

// -----

func.func @gemm_neither_c_nor_acc_type(%a: memref<4x8xf32>, %b: memref<8x16xf32>, %o: memref<4x16xf32>) {
  // expected-error @+1 {{'speir.gemm' op needs c or acc_type}}
  speir.gemm %a, %b out(%o : memref<4x16xf32>) : memref<4x8xf32>, memref<8x16xf32>
  return
}

// -----

func.func @gemm_c_and_acc_type(%a: memref<4x8xf32>, %b: memref<8x16xf32>, %c: memref<4x16xf32>) {
  // expected-error @+1 {{'speir.gemm' op takes either c or acc_type, not both}}
  speir.gemm %a, %b into %c acc_type(f32) out(%c : memref<4x16xf32>) : memref<4x8xf32>, memref<8x16xf32> into memref<4x16xf32>
  return
}

// -----

func.func @gemm_no_c_no_out(%a: memref<4x8xf32>, %b: memref<8x16xf32>) {
  // expected-error @+1 {{'speir.gemm' op without c needs an epilogue 'out' operand}}
  speir.gemm %a, %b acc_type(f32) : memref<4x8xf32>, memref<8x16xf32>
  return
}

// -----

func.func @gemm_no_c_accumulate(%a: memref<4x8xf32>, %b: memref<8x16xf32>, %o: memref<4x16xf32>) {
  // expected-error @+1 {{'speir.gemm' op cannot accumulate without c}}
  speir.gemm %a, %b acc_type(f32) accumulate out(%o : memref<4x16xf32>) : memref<4x8xf32>, memref<8x16xf32>
  return
}

// -----

func.func @gemm_bias_wrong_length(%a: memref<4x8xf32>, %b: memref<8x16xf32>, %o: memref<4x16xf32>, %bias: memref<16xf32>) {
  // expected-error @+1 {{'speir.gemm' op bias of kind per_row must have 4 elements, got 16}}
  speir.gemm %a, %b acc_type(f32) bias(%bias : memref<16xf32>, per_row) out(%o : memref<4x16xf32>) : memref<4x8xf32>, memref<8x16xf32>
  return
}

// -----

func.func @gemm_bias_2d(%a: memref<4x8xf32>, %b: memref<8x16xf32>, %o: memref<4x16xf32>, %bias: memref<4x16xf32>) {
  // expected-error @+1 {{'speir.gemm' op bias must be 0-D or 1-D, got 'memref<4x16xf32>'}}
  speir.gemm %a, %b acc_type(f32) bias(%bias : memref<4x16xf32>, per_col) out(%o : memref<4x16xf32>) : memref<4x8xf32>, memref<8x16xf32>
  return
}

// -----

func.func @gemm_bias_strided(%a: memref<4x8xf32>, %b: memref<8x16xf32>, %o: memref<4x16xf32>, %bias: memref<16xf32, strided<[2]>>) {
  // expected-error @+1 {{'speir.gemm' op bias must have unit stride}}
  speir.gemm %a, %b acc_type(f32) bias(%bias : memref<16xf32, strided<[2]>>, per_col) out(%o : memref<4x16xf32>) : memref<4x8xf32>, memref<8x16xf32>
  return
}

// -----

func.func @gemm_bias_type(%a: memref<4x8xf32>, %b: memref<8x16xf32>, %o: memref<4x16xf16>, %bias: memref<16xf32>) {
  // expected-error @+1 {{'speir.gemm' op bias must have 'f16' elements, got 'f32'}}
  speir.gemm %a, %b acc_type(f32) bias(%bias : memref<16xf32>, per_col) out(%o : memref<4x16xf16>) : memref<4x8xf32>, memref<8x16xf32>
  return
}

// -----

func.func @gemm_int_bias_type(%a: memref<4x8xi8>, %b: memref<8x16xi8>, %o: memref<4x16xi8>, %bias: memref<16xi8>) {
  // expected-error @+1 {{'speir.gemm' op bias must have 'i32' elements, got 'i8'}}
  speir.gemm %a, %b acc_type(i32) bias(%bias : memref<16xi8>, per_col) out(%o : memref<4x16xi8>) : memref<4x8xi8>, memref<8x16xi8>
  return
}

// -----

func.func @gemm_int_silu(%a: memref<4x8xi8>, %b: memref<8x16xi8>, %o: memref<4x16xi32>) {
  // expected-error @+1 {{'speir.gemm' op activation silu needs a float value type (a float accumulator or a scale)}}
  speir.gemm %a, %b acc_type(i32) activation(silu) out(%o : memref<4x16xi32>) : memref<4x8xi8>, memref<8x16xi8>
  return
}

// -----

func.func @gemm_int_to_float_without_scale(%a: memref<4x8xi8>, %b: memref<8x16xi8>, %o: memref<4x16xf32>) {
  // expected-error @+1 {{'speir.gemm' op an integer epilogue (i32 accumulator, no scale) writes i32 or i8, not 'f32'}}
  speir.gemm %a, %b acc_type(i32) out(%o : memref<4x16xf32>) : memref<4x8xi8>, memref<8x16xi8>
  return
}

// -----

func.func @gemm_float_to_i32(%a: memref<4x8xf32>, %b: memref<8x16xf32>, %o: memref<4x16xi32>) {
  // expected-error @+1 {{'speir.gemm' op a float epilogue value cannot be written as i32}}
  speir.gemm %a, %b acc_type(f32) out(%o : memref<4x16xi32>) : memref<4x8xf32>, memref<8x16xf32>
  return
}

// -----

func.func @gemm_scale_type(%a: memref<4x8xi8>, %b: memref<8x16xi8>, %o: memref<4x16xf32>, %s: memref<16xf16>) {
  // expected-error @+1 {{'speir.gemm' op scale must have f32 elements, got 'f16'}}
  speir.gemm %a, %b acc_type(i32) scale(%s : memref<16xf16>, per_col) out(%o : memref<4x16xf32>) : memref<4x8xi8>, memref<8x16xi8>
  return
}

// -----

func.func @gemm_kind_without_operand(%a: memref<4x8xf32>, %b: memref<8x16xf32>, %o: memref<4x16xf32>) {
  // expected-error @+1 {{'speir.gemm' op scale and scale_kind must be given together}}
  "speir.gemm"(%a, %b, %o) <{acc_type = f32, scale_kind = 3 : i32, operandSegmentSizes = array<i32: 1, 1, 0, 0, 0, 0, 1>}> : (memref<4x8xf32>, memref<8x16xf32>, memref<4x16xf32>) -> ()
  return
}

// -----

func.func @gemm_residual_shape(%a: memref<4x8xf32>, %b: memref<8x16xf32>, %o: memref<4x16xf32>, %r: memref<16x4xf32>) {
  // expected-error @+1 {{'speir.gemm' op residual must be 4 x 16 (M x N), got 'memref<16x4xf32>'}}
  speir.gemm %a, %b acc_type(f32) residual(%r : memref<16x4xf32>) out(%o : memref<4x16xf32>) : memref<4x8xf32>, memref<8x16xf32>
  return
}

// -----

func.func @gemm_residual_type(%a: memref<4x8xf32>, %b: memref<8x16xf32>, %o: memref<4x16xf16>, %r: memref<4x16xf32>) {
  // expected-error @+1 {{'speir.gemm' op residual must have the output's element type 'f16', got 'f32'}}
  speir.gemm %a, %b acc_type(f32) residual(%r : memref<4x16xf32>) out(%o : memref<4x16xf16>) : memref<4x8xf32>, memref<8x16xf32>
  return
}

// -----

func.func @gemm_out_inner_stride(%a: memref<4x8xf32>, %b: memref<8x16xf32>, %o: memref<4x16xf32, strided<[1, 4]>>) {
  // expected-error @+1 {{'speir.gemm' op out needs a unit innermost stride}}
  speir.gemm %a, %b acc_type(f32) out(%o : memref<4x16xf32, strided<[1, 4]>>) : memref<4x8xf32>, memref<8x16xf32>
  return
}

// -----

func.func @gemm_out_type(%a: memref<4x8xf32>, %b: memref<8x16xf32>, %o: memref<4x16xf64>) {
  // expected-error @+1 {{'speir.gemm' op epilogue output element type must be f32, f16, bf16, i32 or i8, got 'f64'}}
  speir.gemm %a, %b acc_type(f32) out(%o : memref<4x16xf64>) : memref<4x8xf32>, memref<8x16xf32>
  return
}

// -----

func.func @gemm_out_is_c_other_type(%a: memref<4x8xi8>, %b: memref<8x16xi8>, %c: memref<4x16xi32>, %s: memref<16xf32>) {
  // expected-error @+1 {{'speir.gemm' op a float epilogue value cannot be written as i32}}
  speir.gemm %a, %b into %c scale(%s : memref<16xf32>, per_col) out(%c : memref<4x16xi32>) : memref<4x8xi8>, memref<8x16xi8> into memref<4x16xi32>
  return
}

// -----

func.func @gemm_batched_epilogue(%a: memref<2x4x8xf32>, %b: memref<2x8x16xf32>, %c: memref<2x4x16xf32>, %o: memref<4x16xf32>) {
  // expected-error @+1 {{'speir.gemm' op a batched product cannot carry an epilogue}}
  speir.gemm %a, %b into %c out(%o : memref<4x16xf32>) : memref<2x4x8xf32>, memref<2x8x16xf32> into memref<2x4x16xf32>
  return
}

// -----

func.func @gemm_no_c_rank(%a: memref<2x4x8xf32>, %b: memref<2x8x16xf32>, %o: memref<4x16xf32>) {
  // expected-error @+1 {{'speir.gemm' op without c expects 2-D a and b; got ranks 3, 3}}
  speir.gemm %a, %b acc_type(f32) out(%o : memref<4x16xf32>) : memref<2x4x8xf32>, memref<2x8x16xf32>
  return
}

// -----

func.func @gemm_no_c_k(%a: memref<4x8xf32>, %b: memref<9x16xf32>, %o: memref<4x16xf32>) {
  // expected-error @+1 {{'speir.gemm' op mismatched K of a and b: 8 vs 9}}
  speir.gemm %a, %b acc_type(f32) out(%o : memref<4x16xf32>) : memref<4x8xf32>, memref<9x16xf32>
  return
}

// -----

func.func @gemm_acc_type_unsupported(%a: memref<4x8xf32>, %b: memref<8x16xf32>, %o: memref<4x16xf32>) {
  // expected-error @+1 {{'speir.gemm' op unsupported element types ('f32', 'f32') -> 'i32'}}
  speir.gemm %a, %b acc_type(i32) out(%o : memref<4x16xf32>) : memref<4x8xf32>, memref<8x16xf32>
  return
}

// -----

func.func @gemm_bad_activation(%a: memref<4x8xf32>, %b: memref<8x16xf32>, %o: memref<4x16xf32>) {
  // expected-error @+1 {{expected}}
  speir.gemm %a, %b acc_type(f32) activation(tanh) out(%o : memref<4x16xf32>) : memref<4x8xf32>, memref<8x16xf32>
  return
}

// -----

// bf16 is a speir_gemm type only: the packed mmt4d kernels have no bf16.
func.func @mmt4d_bf16(%a: memref<1x1x8x1xbf16>, %b: memref<1x1x8x1xbf16>, %c: memref<1x1x8x8xf32>) {
  // expected-error @+1 {{'speir.mmt4d' op unsupported element types ('bf16', 'bf16') -> 'f32'; expected (f32, f32) -> f32, (f16, f16) -> f32/f16 or (i8, i8) -> i32}}
  speir.mmt4d %a, %b into %c : memref<1x1x8x1xbf16>, memref<1x1x8x1xbf16> into memref<1x1x8x8xf32>
  return
}

// -----

func.func @gemm_bf16_acc(%a: memref<2x8xbf16>, %b: memref<8x4xbf16>, %c: memref<2x4xbf16>) {
  // expected-error @+1 {{'speir.gemm' op unsupported element types ('bf16', 'bf16') -> 'bf16'; expected (f32, f32) -> f32, (f16, f16) -> f32/f16, (bf16, bf16) -> f32 or (i8, i8) -> i32}}
  speir.gemm %a, %b into %c : memref<2x8xbf16>, memref<8x4xbf16> into memref<2x4xbf16>
  return
}

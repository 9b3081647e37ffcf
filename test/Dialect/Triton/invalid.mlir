// RUN: spine-opt %s -split-input-file -verify-diagnostics

//===----------------------------------------------------------------------===//
// Types
//===----------------------------------------------------------------------===//

// expected-error @+1 {{unknown address space "shared"; known: "global", "constant", "descriptor"}}
tt.func @ptr_space(%p: !tt.ptr<f32, "shared">)

// -----

// expected-error @+1 {{!tt.ptr must point to an integer or float type, not 'tensor<4xf32>'}}
tt.func @ptr_to_tensor(%p: !tt.ptr<tensor<4xf32>>)

// -----

// expected-error @+1 {{!tt.ptr must point to an integer or float type, not '!tt.ptr<f32>'}}
tt.func @ptr_to_ptr(%p: !tt.ptr<!tt.ptr<f32>>)

// -----

// expected-error @+1 {{!tt.ptr address space must not be negative, got -1}}
tt.func @ptr_negative_space(%p: !tt.ptr<f32, -1>)

// -----

// expected-error @+1 {{!tt.tensordesc takes the block shape and element type directly (!tt.tensordesc<64x32xf16>), not a tensor type}}
tt.func @desc_of_tensor(%d: !tt.tensordesc<tensor<4xf32>>)

// -----

// expected-error @+1 {{!tt.tensordesc element type must be an integer or float type, not 'index'}}
tt.func @desc_index(%d: !tt.tensordesc<4xindex>)

// -----

// expected-error @+1 {{!tt.tensordesc block must have at least one dimension}}
tt.func @desc_rank0(%d: !tt.tensordesc<f32>)

// -----

// expected-error @+1 {{!tt.tensordesc block dimensions must be positive, got 0}}
tt.func @desc_empty(%d: !tt.tensordesc<0x4xf32>)

//===----------------------------------------------------------------------===//
// Traits shared by all ops
//===----------------------------------------------------------------------===//

// -----

tt.func @not_pow2(%x: f32) {
  // expected-error @+1 {{'tt.splat' op tensor 'tensor<3xf32>' has 3 elements, which is not a power of two}}
  %0 = tt.splat %x : f32 -> tensor<3xf32>
  tt.return
}

// -----

tt.func @too_big(%x: f32) {
  // expected-error @+1 {{'tt.splat' op tensor 'tensor<2048x1024xf32>' has 2097152 elements; the limit is 1048576}}
  %0 = tt.splat %x : f32 -> tensor<2048x1024xf32>
  tt.return
}

// -----

tt.func @encodings(%p: tensor<16x!tt.ptr<f32>, "a">, %o: tensor<16xi32, "b">) {
  // expected-error @+1 {{'tt.addptr' op tensor operands and results must have the same encoding, got "a" and "b"}}
  %0 = tt.addptr %p, %o : tensor<16x!tt.ptr<f32>, "a">, tensor<16xi32, "b">
  tt.return
}

// -----

tt.func @operand_encodings(%x: tensor<16xf32, "a">, %y: tensor<16xf32, "b">) {
  // expected-error @+1 {{'tt.reduce' op tensor operands must have the same encoding, got "a" and "b"}}
  %0:2 = "tt.reduce"(%x, %y) <{axis = 0 : i32}> ({
  ^bb0(%a: f32, %b: f32, %c: f32, %d: f32):
    tt.reduce.return %a, %b : f32, f32
  }) : (tensor<16xf32, "a">, tensor<16xf32, "b">) -> (f32, f32)
  tt.return
}

//===----------------------------------------------------------------------===//
// Casts
//===----------------------------------------------------------------------===//

// -----

tt.func @bitcast_ptr_int(%p: !tt.ptr<f32>) {
  // expected-error @+1 {{'tt.bitcast' op cannot cast between a pointer and a non-pointer ('!tt.ptr<f32>' to 'i64'); use tt.ptr_to_int or tt.int_to_ptr}}
  %0 = tt.bitcast %p : !tt.ptr<f32> -> i64
  tt.return
}

// -----

tt.func @bitcast_space(%p: !tt.ptr<f32>) {
  // expected-error @+1 {{'tt.bitcast' op cannot move a pointer from address space 1 to 4}}
  %0 = tt.bitcast %p : !tt.ptr<f32> -> !tt.ptr<f32, "constant">
  tt.return
}

// -----

tt.func @bitcast_width(%x: tensor<4xf32>) {
  // expected-error @+1 {{'tt.bitcast' op must keep the bit width, but 'f32' has 32 bits and 'f16' has 16}}
  %0 = tt.bitcast %x : tensor<4xf32> -> tensor<4xf16>
  tt.return
}

// -----

tt.func @fp_to_fp_rounding(%x: tensor<4xf32>) {
  // expected-error @+1 {{'tt.fp_to_fp' op narrowing conversion from 'f32' to 'f8E5M2' needs a rounding mode (rtne or rtz)}}
  %0 = tt.fp_to_fp %x : tensor<4xf32> -> tensor<4xf8E5M2>
  tt.return
}

//===----------------------------------------------------------------------===//
// Loads and stores
//===----------------------------------------------------------------------===//

// -----

tt.func @load_mask_shape(%p: tensor<16x!tt.ptr<f32>>, %m: tensor<8xi1>) {
  // expected-error @+1 {{'tt.load' op failed to verify that mask has the shape of ptr and i1 elements}}
  %0 = "tt.load"(%p, %m) <{operandSegmentSizes = array<i32: 1, 1, 0>}> : (tensor<16x!tt.ptr<f32>>, tensor<8xi1>) -> tensor<16xf32>
  tt.return
}

// -----

tt.func @load_other_type(%p: tensor<16x!tt.ptr<f32>>, %m: tensor<16xi1>, %o: tensor<16xf16>) {
  // expected-error @+1 {{'tt.load' op failed to verify that other has the type of the loaded value}}
  %0 = "tt.load"(%p, %m, %o) <{operandSegmentSizes = array<i32: 1, 1, 1>}> : (tensor<16x!tt.ptr<f32>>, tensor<16xi1>, tensor<16xf16>) -> tensor<16xf32>
  tt.return
}

// -----

tt.func @load_result_type(%p: tensor<16x!tt.ptr<f32>>) {
  // expected-error @+2 {{'tt.load' op failed to infer returned types}}
  // expected-error @+1 {{'tt.load' op inferred type(s) 'tensor<16xf32>' are incompatible with return type(s) of operation 'tensor<16xf16>'}}
  %0 = "tt.load"(%p) <{operandSegmentSizes = array<i32: 1, 0, 0>}> : (tensor<16x!tt.ptr<f32>>) -> tensor<16xf16>
  tt.return
}

// -----

tt.func @load_other_without_mask(%p: !tt.ptr<f32>, %o: f32) {
  // expected-error @+1 {{'tt.load' op 'other' is only meaningful with a mask}}
  %0 = "tt.load"(%p, %o) <{operandSegmentSizes = array<i32: 1, 0, 1>}> : (!tt.ptr<f32>, f32) -> f32
  tt.return
}

// -----

tt.func @store_value_type(%p: tensor<16x!tt.ptr<f32>>, %v: tensor<16xf16>) {
  // expected-error @+1 {{'tt.store' op failed to verify that value has the pointee type of ptr}}
  "tt.store"(%p, %v) : (tensor<16x!tt.ptr<f32>>, tensor<16xf16>) -> ()
  tt.return
}

// -----

tt.func @store_scalar_mask(%p: tensor<16x!tt.ptr<f32>>, %v: tensor<16xf32>, %m: i1) {
  // expected-error @+1 {{'tt.store' op failed to verify that mask has the shape of ptr and i1 elements}}
  "tt.store"(%p, %v, %m) : (tensor<16x!tt.ptr<f32>>, tensor<16xf32>, i1) -> ()
  tt.return
}

// -----

tt.func @addptr_shapes(%p: !tt.ptr<f32>, %o: tensor<16xi32>) {
  // expected-error @+1 {{'tt.addptr' op failed to verify that result type is the pointer operand's type}}
  %0 = "tt.addptr"(%p, %o) : (!tt.ptr<f32>, tensor<16xi32>) -> tensor<16x!tt.ptr<f32>>
  tt.return
}

//===----------------------------------------------------------------------===//
// Atomics
//===----------------------------------------------------------------------===//

// -----

tt.func @rmw_value(%p: !tt.ptr<i32>, %v: f32) {
  // expected-error @+1 {{'tt.atomic_rmw' op val must have type 'i32' to match the pointer operand, got 'f32'}}
  %0 = tt.atomic_rmw add, acq_rel, gpu, %p, %v : (!tt.ptr<i32>, f32) -> f32
  tt.return
}

// -----

tt.func @rmw_result(%p: !tt.ptr<i32>, %v: i32) {
  // expected-error @+1 {{'tt.atomic_rmw' op result must have type 'i32' to match the pointer operand, got 'i64'}}
  %0 = tt.atomic_rmw max, acq_rel, gpu, %p, %v : (!tt.ptr<i32>, i32) -> i64
  tt.return
}

// -----

tt.func @cas_cmp(%p: !tt.ptr<i32>, %c: i64, %v: i32) {
  // expected-error @+1 {{'tt.atomic_cas' op cmp must have type 'i32' to match the pointer operand, got 'i64'}}
  %0 = tt.atomic_cas acq_rel, gpu, %p, %c, %v : (!tt.ptr<i32>, i64, i32) -> i32
  tt.return
}

// -----

tt.func @atomic_load_sem(%p: !tt.ptr<i32>) {
  // expected-error @+1 {{'tt.atomic_load' op semantic must be acquire or relaxed, got release}}
  %0 = tt.atomic_load release, gpu, %p : (!tt.ptr<i32>) -> i32
  tt.return
}

// -----

tt.func @atomic_load_mask(%p: tensor<16x!tt.ptr<i32>>, %m: tensor<8xi1>) {
  // expected-error @+1 {{'tt.atomic_load' op mask must have type 'tensor<16xi1>' to match the pointer operand, got 'tensor<8xi1>'}}
  %0 = tt.atomic_load acquire, gpu, %p, %m : (tensor<16x!tt.ptr<i32>>, tensor<8xi1>) -> tensor<16xi32>
  tt.return
}

// -----

tt.func @atomic_store_sem(%p: !tt.ptr<i32>, %v: i32) {
  // expected-error @+1 {{'tt.atomic_store' op semantic must be release or relaxed, got acq_rel}}
  tt.atomic_store acq_rel, gpu, %p, %v : !tt.ptr<i32>
  tt.return
}

// -----

tt.func @atomic_poll_sem(%p: !tt.ptr<i32>, %v: i32) {
  // expected-error @+1 {{'tt.atomic_poll' op semantic must be acquire or relaxed, got release}}
  %0 = tt.atomic_poll release, gpu, %p, %v : !tt.ptr<i32>, i32 -> i1
  tt.return
}

// -----

tt.func @atomic_poll_expected(%p: !tt.ptr<i32>, %v: i64) {
  // expected-error @+1 {{'tt.atomic_poll' op expected must have type 'i32' to match the pointer operand, got 'i64'}}
  %0 = tt.atomic_poll acquire, gpu, %p, %v : !tt.ptr<i32>, i64 -> i1
  tt.return
}

//===----------------------------------------------------------------------===//
// Shape manipulation
//===----------------------------------------------------------------------===//

// -----

tt.func @splat_tensor(%x: tensor<4xf32>) {
  // expected-error @+1 {{'tt.splat' op source must be a scalar or a one-element tensor, got 'tensor<4xf32>'}}
  %0 = tt.splat %x : tensor<4xf32> -> tensor<16xf32>
  tt.return
}

// -----

tt.func @unsplat_many(%x: tensor<4xf32>) {
  // expected-error @+1 {{'tt.unsplat' op source must have exactly one element, got 'tensor<4xf32>'}}
  %0 = tt.unsplat %x : tensor<4xf32>
  tt.return
}

// -----

tt.func @expand_dims_axis(%x: tensor<16xf32>) {
  // expected-error @+2 {{'tt.expand_dims' axis 2 is out of range for a rank-1 source (expected 0 to 1)}}
  // expected-error @+1 {{'tt.expand_dims' op failed to infer returned types}}
  %0 = tt.expand_dims %x {axis = 2 : i32} : tensor<16xf32> -> tensor<16x1xf32>
  tt.return
}

// -----

tt.func @expand_dims_result(%x: tensor<16xf32>) {
  // expected-error @+2 {{'tt.expand_dims' op failed to infer returned types}}
  // expected-error @+1 {{'tt.expand_dims' op inferred type(s) 'tensor<1x16xf32>' are incompatible with return type(s) of operation 'tensor<16x1xf32>'}}
  %0 = tt.expand_dims %x {axis = 0 : i32} : tensor<16xf32> -> tensor<16x1xf32>
  tt.return
}

// -----

tt.func @reshape_count(%x: tensor<4x4xf32>) {
  // expected-error @+1 {{'tt.reshape' op must keep the number of elements, but 'tensor<4x4xf32>' has 16 and 'tensor<8xf32>' has 8}}
  %0 = tt.reshape %x : tensor<4x4xf32> -> tensor<8xf32>
  tt.return
}

// -----

tt.func @broadcast_rank(%x: tensor<4xf32>) {
  // expected-error @+1 {{'tt.broadcast' op must keep the rank, but broadcasts 4 to 4x4}}
  %0 = tt.broadcast %x : tensor<4xf32> -> tensor<4x4xf32>
  tt.return
}

// -----

tt.func @broadcast_dim(%x: tensor<2x1xf32>) {
  // expected-error @+1 {{'tt.broadcast' op can only grow dimensions of size 1, but dimension 0 goes from 2 to 4}}
  %0 = tt.broadcast %x : tensor<2x1xf32> -> tensor<4x4xf32>
  tt.return
}

// -----

tt.func @cat_count(%x: tensor<4xf32>) {
  // expected-error @+1 {{'tt.cat' op result must have the 8 elements of both operands, got 16}}
  %0 = tt.cat %x, %x : tensor<4xf32> -> tensor<16xf32>
  tt.return
}

// -----

tt.func @join_shape(%x: tensor<4xf32>) {
  // expected-error @+1 {{'tt.join' op result shape must be 4x2 (the operand shape and a last dimension of 2), got 2x4}}
  %0 = tt.join %x, %x : tensor<4xf32> -> tensor<2x4xf32>
  tt.return
}

// -----

tt.func @join_element(%x: tensor<4xf32>) {
  // expected-error @+1 {{'tt.join' op result element type must be 'f32', got 'f16'}}
  %0 = tt.join %x, %x : tensor<4xf32> -> tensor<4x2xf16>
  tt.return
}

// -----

tt.func @split_dim(%x: tensor<4x4xf32>) {
  // expected-error @+2 {{'tt.split' needs a source whose last dimension is 2, got 'tensor<4x4xf32>'}}
  // expected-error @+1 {{'tt.split' op failed to infer returned types}}
  %0:2 = tt.split %x : tensor<4x4xf32> -> tensor<4xf32>
  tt.return
}

// -----

tt.func @trans_size(%x: tensor<4x2xf32>) {
  // expected-error @+2 {{'tt.trans' order has 3 entries but the source has rank 2}}
  // expected-error @+1 {{'tt.trans' op failed to infer returned types}}
  %0 = tt.trans %x {order = array<i32: 2, 1, 0>} : tensor<4x2xf32> -> tensor<2x4xf32>
  tt.return
}

// -----

tt.func @trans_permutation(%x: tensor<4x2xf32>) {
  // expected-error @+2 {{'tt.trans' order must be a permutation of 0..1}}
  // expected-error @+1 {{'tt.trans' op failed to infer returned types}}
  %0 = tt.trans %x {order = array<i32: 0, 0>} : tensor<4x2xf32> -> tensor<4x2xf32>
  tt.return
}

//===----------------------------------------------------------------------===//
// Matrix products
//===----------------------------------------------------------------------===//

// -----

tt.func @dot_rank(%a: tensor<16xf32>, %c: tensor<16xf32>) {
  // expected-error @+1 {{'tt.dot' op operands must all be 2-D, or all 3-D with a leading batch dimension, got 16, 16 and 16}}
  %0 = tt.dot %a, %a, %c : tensor<16xf32> * tensor<16xf32> -> tensor<16xf32>
  tt.return
}

// -----

tt.func @dot_batch(%a: tensor<2x16x16xf32>, %b: tensor<4x16x16xf32>, %c: tensor<2x16x16xf32>) {
  // expected-error @+1 {{'tt.dot' op batch sizes differ: 2, 4 and 2}}
  %0 = tt.dot %a, %b, %c : tensor<2x16x16xf32> * tensor<4x16x16xf32> -> tensor<2x16x16xf32>
  tt.return
}

// -----

tt.func @dot_k(%a: tensor<16x8xf16>, %c: tensor<16x8xf32>) {
  // expected-error @+1 {{'tt.dot' op inner dimensions differ: a is 16x8 and b is 16x8}}
  %0 = tt.dot %a, %a, %c : tensor<16x8xf16> * tensor<16x8xf16> -> tensor<16x8xf32>
  tt.return
}

// -----

tt.func @dot_acc(%a: tensor<16x8xf16>, %b: tensor<8x32xf16>, %c: tensor<16x16xf32>) {
  // expected-error @+1 {{'tt.dot' op accumulator must be 16x32 (rows of a by columns of b), got 16x16}}
  %0 = tt.dot %a, %b, %c : tensor<16x8xf16> * tensor<8x32xf16> -> tensor<16x16xf32>
  tt.return
}

// -----

tt.func @dot_widths(%a: tensor<16x8xf16>, %b: tensor<8x16xf32>, %c: tensor<16x16xf32>) {
  // expected-error @+1 {{'tt.dot' op a and b elements must have the same bit width, got 'f16' and 'f32'}}
  %0 = tt.dot %a, %b, %c : tensor<16x8xf16> * tensor<8x16xf32> -> tensor<16x16xf32>
  tt.return
}

// -----

tt.func @dot_scaled_k(%a: tensor<32x32xi8>, %b: tensor<32x32xbf16>, %c: tensor<32x32xf32>) {
  // expected-error @+1 {{'tt.dot_scaled' op inner dimensions differ: a holds K = 64 values and b holds K = 32}}
  %0 = tt.dot_scaled %a, %b, %c lhs = e2m1 rhs = bf16 {fastMath = false} : tensor<32x32xi8> * tensor<32x32xbf16> -> tensor<32x32xf32>
  tt.return
}

// -----

tt.func @dot_scaled_acc(%a: tensor<16x64xi8>, %b: tensor<64x32xbf16>, %c: tensor<16x32xf32>) {
  // expected-error @+1 {{'tt.dot_scaled' op accumulator must be 32x32, got 16x32}}
  %0 = tt.dot_scaled %a, %b, %c lhs = e2m1 rhs = bf16 {fastMath = false, lhs_k_pack = false} : tensor<16x64xi8> * tensor<64x32xbf16> -> tensor<16x32xf32>
  tt.return
}

// -----

tt.func @dot_scaled_scale_rank(%a: tensor<32x64xf8E4M3FN>, %s: tensor<64xi8>, %b: tensor<64x32xf8E4M3FN>, %c: tensor<32x32xf32>) {
  // expected-error @+1 {{'tt.dot_scaled' op a_scale must have rank 2, got 'tensor<64xi8>'}}
  %0 = tt.dot_scaled %a scale %s, %b, %c lhs = e4m3 rhs = e4m3 {fastMath = false} : tensor<32x64xf8E4M3FN>, tensor<64xi8> * tensor<64x32xf8E4M3FN> -> tensor<32x32xf32>
  tt.return
}

// -----

tt.func @dot_scaled_scale_rows(%a: tensor<32x64xf8E4M3FN>, %b: tensor<64x32xf8E4M3FN>, %s: tensor<16x2xi8>, %c: tensor<32x32xf32>) {
  // expected-error @+1 {{'tt.dot_scaled' op b_scale must have 32 rows, got 'tensor<16x2xi8>'}}
  %0 = tt.dot_scaled %a, %b scale %s, %c lhs = e4m3 rhs = e4m3 {fastMath = false} : tensor<32x64xf8E4M3FN> * tensor<64x32xf8E4M3FN>, tensor<16x2xi8> -> tensor<32x32xf32>
  tt.return
}

// -----

tt.func @dot_scaled_group(%a: tensor<32x64xf8E4M3FN>, %s: tensor<32x8xi8>, %b: tensor<64x32xf8E4M3FN>, %c: tensor<32x32xf32>) {
  // expected-error @+1 {{'tt.dot_scaled' op a_scale must hold one scale per 16 or 32 values of K = 64, got 8 per row}}
  %0 = tt.dot_scaled %a scale %s, %b, %c lhs = e4m3 rhs = e4m3 {fastMath = false} : tensor<32x64xf8E4M3FN>, tensor<32x8xi8> * tensor<64x32xf8E4M3FN> -> tensor<32x32xf32>
  tt.return
}

// -----

tt.func @dot_scaled_groups_differ(%a: tensor<32x64xf8E4M3FN>, %sa: tensor<32x2xi8>, %b: tensor<64x32xf8E4M3FN>, %sb: tensor<32x4xi8>, %c: tensor<32x32xf32>) {
  // expected-error @+1 {{'tt.dot_scaled' op a_scale and b_scale use different group sizes (32 and 16)}}
  %0 = tt.dot_scaled %a scale %sa, %b scale %sb, %c lhs = e4m3 rhs = e4m3 {fastMath = false} : tensor<32x64xf8E4M3FN>, tensor<32x2xi8> * tensor<64x32xf8E4M3FN>, tensor<32x4xi8> -> tensor<32x32xf32>
  tt.return
}

//===----------------------------------------------------------------------===//
// Reduce, scan, map_elementwise
//===----------------------------------------------------------------------===//

// -----

tt.func @reduce_axis(%x: tensor<4x16xf32>) {
  // expected-error @+2 {{'tt.reduce' axis 2 is out of range for operand type 'tensor<4x16xf32>'}}
  // expected-error @+1 {{'tt.reduce' op failed to infer returned types}}
  %0 = "tt.reduce"(%x) <{axis = 2 : i32}> ({
  ^bb0(%a: f32, %b: f32):
    tt.reduce.return %a : f32
  }) : (tensor<4x16xf32>) -> tensor<4xf32>
  tt.return
}

// -----

tt.func @reduce_result(%x: tensor<4x16xf32>) {
  // expected-error @+2 {{'tt.reduce' op failed to infer returned types}}
  // expected-error @+1 {{'tt.reduce' op inferred type(s) 'tensor<16xf32>' are incompatible with return type(s) of operation 'tensor<4xf32>'}}
  %0 = "tt.reduce"(%x) <{axis = 0 : i32}> ({
  ^bb0(%a: f32, %b: f32):
    tt.reduce.return %a : f32
  }) : (tensor<4x16xf32>) -> tensor<4xf32>
  tt.return
}

// -----

tt.func @reduce_arg_count(%x: tensor<16xf32>) {
  // expected-error @+1 {{'tt.reduce' op combine region must take 2 arguments (two per operand), got 1}}
  %0 = "tt.reduce"(%x) <{axis = 0 : i32}> ({
  ^bb0(%a: f32):
    tt.reduce.return %a : f32
  }) : (tensor<16xf32>) -> f32
  tt.return
}

// -----

tt.func @reduce_arg_type(%x: tensor<16xf32>) {
  // expected-error @+1 {{'tt.reduce' op combine region argument #1 must be 'f32', got 'f16'}}
  %0 = "tt.reduce"(%x) <{axis = 0 : i32}> ({
  ^bb0(%a: f32, %b: f16):
    tt.reduce.return %a : f32
  }) : (tensor<16xf32>) -> f32
  tt.return
}

// -----

tt.func @reduce_terminator(%x: tensor<16xf32>) {
  // expected-error @+1 {{'tt.reduce' op combine region must end with tt.reduce.return}}
  %0 = "tt.reduce"(%x) <{axis = 0 : i32}> ({
  ^bb0(%a: f32, %b: f32):
    llvm.unreachable
  }) : (tensor<16xf32>) -> f32
  tt.return
}

// -----

tt.func @reduce_return_count(%x: tensor<16xf32>) {
  // expected-error @+1 {{'tt.reduce' op combine region must return 1 values, got 2}}
  %0 = "tt.reduce"(%x) <{axis = 0 : i32}> ({
  ^bb0(%a: f32, %b: f32):
    tt.reduce.return %a, %b : f32, f32
  }) : (tensor<16xf32>) -> f32
  tt.return
}

// -----

tt.func @scan_return_type(%x: tensor<16xi32>) {
  // expected-error @+1 {{'tt.scan' op combine region result #0 must be 'i32', got 'i64'}}
  %0 = "tt.scan"(%x) <{axis = 0 : i32, reverse = false}> ({
  ^bb0(%a: i32, %b: i32):
    %w = arith.extsi %a : i32 to i64
    tt.scan.return %w : i64
  }) : (tensor<16xi32>) -> tensor<16xi32>
  tt.return
}

// -----

tt.func @scan_axis(%x: tensor<16xi32>) {
  // expected-error @+2 {{'tt.scan' axis 1 is out of range for operand type 'tensor<16xi32>'}}
  // expected-error @+1 {{'tt.scan' op failed to infer returned types}}
  %0 = "tt.scan"(%x) <{axis = 1 : i32, reverse = false}> ({
  ^bb0(%a: i32, %b: i32):
    tt.scan.return %a : i32
  }) : (tensor<16xi32>) -> tensor<16xi32>
  tt.return
}

// -----

tt.func @map_pack(%x: tensor<16xf32>) {
  // expected-error @+1 {{'tt.map_elementwise' op pack must be a positive power of two, got 3}}
  %0 = "tt.map_elementwise"(%x) <{pack = 3 : i32}> ({
  ^bb0(%a: f32, %b: f32, %c: f32):
    tt.map_elementwise.return %a, %b, %c : f32, f32, f32
  }) : (tensor<16xf32>) -> tensor<16xf32>
  tt.return
}

// -----

// A pack of 2^31 (an I32Attr reads it unsigned): a power of two, but more
// elements than the operand has (the body's argument list would not fit).
tt.func @map_pack_too_large(%x: tensor<16xf32>) {
  // expected-error @+1 {{'tt.map_elementwise' op pack = 2147483648 exceeds the 16 elements of an operand}}
  %0 = "tt.map_elementwise"(%x) <{pack = 2147483648 : i32}> ({
  ^bb0(%a: f32):
    tt.map_elementwise.return %a : f32
  }) : (tensor<16xf32>) -> tensor<16xf32>
  tt.return
}

// -----

tt.func @map_no_body(%x: tensor<16xf32>) {
  // expected-error @+1 {{'tt.map_elementwise' op needs a body}}
  %0 = "tt.map_elementwise"(%x) <{pack = 1 : i32}> ({
  }) : (tensor<16xf32>) -> tensor<16xf32>
  tt.return
}

// -----

tt.func @map_args(%x: tensor<16xf32>, %i: tensor<16xi32>) {
  // expected-error @+1 {{'tt.map_elementwise' op body must take (f32, f32, i32, i32): pack = 2 elements of each operand}}
  %0 = "tt.map_elementwise"(%x, %i) <{pack = 2 : i32}> ({
  ^bb0(%a: f32, %b: i32, %c: f32, %d: i32):
    tt.map_elementwise.return %a, %c : f32, f32
  }) : (tensor<16xf32>, tensor<16xi32>) -> tensor<16xf32>
  tt.return
}

// -----

tt.func @map_return(%x: tensor<16xf32>) {
  %0 = "tt.map_elementwise"(%x) <{pack = 2 : i32}> ({
  ^bb0(%a: f32, %b: f32):
    // expected-error @+1 {{'tt.map_elementwise.return' op must return 2 values: pack = 2 elements of each result}}
    tt.map_elementwise.return %a : f32
  }) : (tensor<16xf32>) -> tensor<16xf32>
  tt.return
}

// -----

tt.func @map_store(%x: tensor<16xf32>, %p: !tt.ptr<f32>) {
  %0 = "tt.map_elementwise"(%x) <{pack = 1 : i32}> ({
  ^bb0(%a: f32):
    // expected-error @+1 {{'tt.store' op writes memory, which tt.map_elementwise bodies may not do}}
    tt.store %p, %a : !tt.ptr<f32>
    tt.map_elementwise.return %a : f32
  }) : (tensor<16xf32>) -> tensor<16xf32>
  tt.return
}

//===----------------------------------------------------------------------===//
// Other tensor ops
//===----------------------------------------------------------------------===//

// -----

tt.func @inline_asm_packed(%x: tensor<4xi32>) {
  // expected-error @+1 {{'tt.elementwise_inline_asm' op operands have 4 elements, not a multiple of packed_element = 8}}
  %0 = tt.elementwise_inline_asm "" {constraints = "=r,r", packed_element = 8 : i32, pure = true} %x : tensor<4xi32> -> tensor<4xi32>
  tt.return
}

// -----

tt.func @inline_asm_zero(%x: tensor<4xi32>) {
  // expected-error @+1 {{'tt.elementwise_inline_asm' op packed_element must be positive, got 0}}
  %0 = tt.elementwise_inline_asm "" {constraints = "=r,r", packed_element = 0 : i32, pure = true} %x : tensor<4xi32> -> tensor<4xi32>
  tt.return
}

// -----

tt.func @range_order() {
  // expected-error @+1 {{'tt.make_range' op start (16) must be less than end (0)}}
  %0 = tt.make_range {end = 0 : i32, start = 16 : i32} : tensor<16xi32>
  tt.return
}

// -----

tt.func @range_rank() {
  // expected-error @+1 {{'tt.make_range' op result must be 1-D, got 'tensor<2x8xi32>'}}
  %0 = tt.make_range {end = 16 : i32, start = 0 : i32} : tensor<2x8xi32>
  tt.return
}

// -----

tt.func @range_i64() {
  // expected-error @+1 {{'tt.make_range' op result elements must be i32, got 'i64'}}
  %0 = tt.make_range {end = 16 : i32, start = 0 : i32} : tensor<16xi64>
  tt.return
}

// -----

tt.func @range_count() {
  // expected-error @+1 {{'tt.make_range' op result must have end - start = 16 elements, got 32}}
  %0 = tt.make_range {end = 16 : i32, start = 0 : i32} : tensor<32xi32>
  tt.return
}

// -----

tt.func @histogram_rank(%x: tensor<16xi32>) {
  // expected-error @+1 {{'tt.histogram' op result must be 1-D (one count per bin), got 'tensor<4x4xi32>'}}
  %0 = tt.histogram %x : tensor<16xi32> -> tensor<4x4xi32>
  tt.return
}

// -----

tt.func @gather_rank(%x: tensor<4x16xf32>, %i: tensor<8xi32>) {
  // expected-error @+1 {{'tt.gather' op indices must have the source rank 2, got 'tensor<8xi32>'}}
  %0 = tt.gather %x[%i] {axis = 0 : i32} : (tensor<4x16xf32>, tensor<8xi32>) -> tensor<8xf32>
  tt.return
}

// -----

tt.func @gather_axis(%x: tensor<4x16xf32>, %i: tensor<4x8xi32>) {
  // expected-error @+1 {{'tt.gather' op axis 2 is out of range for a rank-2 source}}
  %0 = tt.gather %x[%i] {axis = 2 : i32} : (tensor<4x16xf32>, tensor<4x8xi32>) -> tensor<4x8xf32>
  tt.return
}

// -----

tt.func @gather_dims(%x: tensor<4x16xf32>, %i: tensor<4x8xi32>) {
  // expected-error @+1 {{'tt.gather' op indices dimension 1 (8) must match the source (16); only the gather axis may differ}}
  %0 = tt.gather %x[%i] {axis = 0 : i32} : (tensor<4x16xf32>, tensor<4x8xi32>) -> tensor<4x8xf32>
  tt.return
}

// -----

tt.func @print_signs(%x: tensor<16xi32>) {
  // expected-error @+1 {{'tt.print' op isSigned needs one entry per printed value (1), got 2}}
  tt.print "x: " {hex = false, isSigned = array<i32: 1, 1>} : %x : tensor<16xi32>
  tt.return
}

//===----------------------------------------------------------------------===//
// Tensor descriptors
//===----------------------------------------------------------------------===//

// -----

tt.func @desc_rank(%p: !tt.ptr<f32>, %m: i32, %s: i64) {
  // expected-error @+1 {{'tt.make_tensor_descriptor' op needs 2 sizes and strides for a rank-2 block, got 1}}
  %0 = tt.make_tensor_descriptor %p, [%m], [%s] : <f32>, <32x32xf32>
  tt.return
}

// -----

tt.func @desc_element(%p: !tt.ptr<f16>, %m: i32, %s: i64) {
  // expected-error @+1 {{'tt.make_tensor_descriptor' op base points to 'f16' but the descriptor holds 'f32'}}
  %0 = tt.make_tensor_descriptor %p, [%m, %m], [%s, %s] : <f16>, <32x32xf32>
  tt.return
}

// -----

tt.func @desc_load_element(%d: !tt.tensordesc<16x16xf32>, %i: i32) {
  // expected-error @+1 {{'tt.descriptor_load' op result element type must be 'f32' to match the descriptor, got 'f16'}}
  %0 = tt.descriptor_load %d[%i, %i] : !tt.tensordesc<16x16xf32> -> tensor<16x16xf16>
  tt.return
}

// -----

tt.func @desc_load_count(%d: !tt.tensordesc<16x16xf32>, %i: i32) {
  // expected-error @+1 {{'tt.descriptor_load' op result must have the 256 elements of the descriptor block, got 'tensor<16x8xf32>'}}
  %0 = tt.descriptor_load %d[%i, %i] : !tt.tensordesc<16x16xf32> -> tensor<16x8xf32>
  tt.return
}

// -----

tt.func @desc_store_offsets(%d: !tt.tensordesc<16x16xsi32>, %x: tensor<16x16xi32>, %i: i32) {
  // expected-error @+1 {{'tt.descriptor_store' op needs 2 offsets (one per block dimension), got 1}}
  tt.descriptor_store %d[%i], %x : !tt.tensordesc<16x16xsi32>, tensor<16x16xi32>
  tt.return
}

// -----

tt.func @desc_reduce_element(%d: !tt.tensordesc<16x16xsi32>, %x: tensor<16x16xi64>, %i: i32) {
  // expected-error @+1 {{'tt.descriptor_reduce' op stored tensor element type must be 'i32' to match the descriptor, got 'i64'}}
  tt.descriptor_reduce add, %d[%i, %i], %x : !tt.tensordesc<16x16xsi32>, tensor<16x16xi64>
  tt.return
}

// -----

tt.func @gather_block(%d: !tt.tensordesc<2x32xf32>, %r: tensor<8xi32>, %i: i32) {
  // expected-error @+1 {{'tt.descriptor_gather' op descriptor block must be one row (1xN), got 2x32}}
  %0 = tt.descriptor_gather %d[%r, %i] : (!tt.tensordesc<2x32xf32>, tensor<8xi32>, i32) -> tensor<8x32xf32>
  tt.return
}

// -----

tt.func @gather_offsets(%d: !tt.tensordesc<1x32xf32>, %r: tensor<2x4xi32>, %i: i32) {
  // expected-error @+1 {{'tt.descriptor_gather' op x_offsets must be 1-D, got 'tensor<2x4xi32>'}}
  %0 = tt.descriptor_gather %d[%r, %i] : (!tt.tensordesc<1x32xf32>, tensor<2x4xi32>, i32) -> tensor<8x32xf32>
  tt.return
}

// -----

tt.func @gather_tile(%d: !tt.tensordesc<1x32xf32>, %r: tensor<8xi32>, %i: i32) {
  // expected-error @+1 {{'tt.descriptor_gather' op tile must be 8x32 (one row per offset, the block's columns), got 'tensor<16x32xf32>'}}
  %0 = tt.descriptor_gather %d[%r, %i] : (!tt.tensordesc<1x32xf32>, tensor<8xi32>, i32) -> tensor<16x32xf32>
  tt.return
}

// -----

tt.func @scatter_element(%d: !tt.tensordesc<1x32xf32>, %r: tensor<8xi32>, %i: i32, %x: tensor<8x32xf16>) {
  // expected-error @+1 {{'tt.descriptor_scatter' op tile element type must be 'f32' to match the descriptor, got 'f16'}}
  tt.descriptor_scatter %d[%r, %i], %x : !tt.tensordesc<1x32xf32>, tensor<8xi32>, i32, tensor<8x32xf16>
  tt.return
}

//===----------------------------------------------------------------------===//
// Functions
//===----------------------------------------------------------------------===//

// -----

func.func private @not_tt(f32) -> f32
tt.func @call_func(%x: f32) {
  // expected-error @+1 {{'tt.call' op callee @not_tt is not a tt.func}}
  %0 = tt.call @not_tt(%x) : (f32) -> f32
  tt.return
}

// -----

tt.func private @callee(f32) -> f32
tt.func @call_operands(%x: i32) {
  // expected-error @+1 {{'tt.call' op operand types do not match @callee, which takes ('f32')}}
  %0 = tt.call @callee(%x) : (i32) -> f32
  tt.return
}

// -----

tt.func private @callee(f32) -> f32
tt.func @call_results(%x: f32) {
  // expected-error @+1 {{'tt.call' op result types do not match @callee, which returns ('f32')}}
  %0 = tt.call @callee(%x) : (f32) -> i32
  tt.return
}

// -----

tt.func @return_count(%x: f32) -> f32 {
  // expected-error @+1 {{'tt.return' op returns 0 values but @return_count returns 1}}
  tt.return
}

// -----

tt.func @return_type(%x: f32) -> i32 {
  // expected-error @+1 {{'tt.return' op value #0 has type 'f32' but @return_type returns 'i32'}}
  tt.return %x : f32
}

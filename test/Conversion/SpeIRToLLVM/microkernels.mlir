// RUN: spine-opt %s -split-input-file -convert-speir-to-llvm -verify-diagnostics | FileCheck %s

// speir.gemm: type code, flags, sizes and leading dimensions from the views.
// CHECK-LABEL: func @gemm
// CHECK-DAG: %[[TYPE:.*]] = arith.constant 0 : i32
// CHECK-DAG: %[[FLAGS:.*]] = arith.constant 4 : i32
// CHECK: %[[S:.*]] = llvm.call @speir_gemm(%[[TYPE]], %[[FLAGS]], %{{.*}}) : (i32, i32, i64, i64, i64, !llvm.ptr, i64, !llvm.ptr, i64, !llvm.ptr, i64) -> i32
// CHECK: scf.if
// CHECK-NEXT:   llvm.mlir.addressof @__speir_failure_message_
// CHECK-NEXT:   llvm.call @speir_report_failure(
func.func @gemm(%a: memref<4x8xf32>, %bt: memref<8x4xf32, strided<[1, 8]>>, %c: memref<4x4xf32>) {
  speir.gemm %a, %bt into %c : memref<4x8xf32>, memref<8x4xf32, strided<[1, 8]>> into memref<4x4xf32>
  return
}

// -----

// bf16 operands, f32 accumulator: SPEIR_GEMM_BF16_BF16_F32 = 7.
// CHECK-LABEL: func @gemm_bf16
// CHECK-DAG: %[[TYPE:.*]] = arith.constant 7 : i32
// CHECK: llvm.call @speir_gemm(%[[TYPE]], %{{.*}})
func.func @gemm_bf16(%a: memref<1x8xbf16>, %b: memref<8x4xbf16>, %c: memref<1x4xf32>) {
  speir.gemm %a, %b into %c : memref<1x8xbf16>, memref<8x4xbf16> into memref<1x4xf32>
  return
}

// -----

// Batched, accumulating int8 with an unsigned rhs (SPEIR_GEMM_S8_U8_S32 = 5).
// CHECK-LABEL: func @gemm_batched
// CHECK-DAG: %[[TYPE:.*]] = arith.constant 5 : i32
// CHECK-DAG: %[[FLAGS:.*]] = arith.constant 1 : i32
// CHECK: llvm.call @speir_gemm_batched(%[[TYPE]], %[[FLAGS]], %{{.*}})
func.func @gemm_batched(%a: memref<2x4x8xi8>, %b: memref<2x8x4xi8>, %c: memref<2x4x4xi32>) {
  speir.gemm %a, %b into %c accumulate rhs_unsigned : memref<2x4x8xi8>, memref<2x8x4xi8> into memref<2x4x4xi32>
  return
}

// -----

// CHECK-LABEL: func @mmt4d
// CHECK: llvm.call @speir_mmt4d(%{{.*}}, %c8_i64{{[_0-9]*}}, %c8_i64{{[_0-9]*}}, %c1_i64{{[_0-9]*}}) : (i32, i32, !llvm.ptr, i64, i64, !llvm.ptr, i64, i64, !llvm.ptr, i64, i64, i64, i64, i64, i64, i64, i64) -> i32
func.func @mmt4d(%a: memref<3x7x8x1xf32>, %b: memref<4x7x8x1xf32>, %c: memref<3x4x8x8xf32>) {
  speir.mmt4d %a, %b into %c : memref<3x7x8x1xf32>, memref<4x7x8x1xf32> into memref<3x4x8x8xf32>
  return
}

// -----

// Packing: the padding value travels through a stack slot; the rhs layout
// reads the source transposed (rows and strides swapped).
// CHECK-LABEL: func @pack
// CHECK: %[[SLOT:.*]] = llvm.alloca %{{.*}} x f32
// CHECK: builtin.unrealized_conversion_cast %arg0
// CHECK: llvm.store %{{.*}}, %[[SLOT]] : f32, !llvm.ptr
// CHECK: llvm.call @speir_pack_lhs(%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %[[SLOT]])
// CHECK: %[[NULL:.*]] = llvm.mlir.zero : !llvm.ptr
// CHECK: llvm.call @speir_pack_lhs({{.*}}, %[[NULL]])
// CHECK: llvm.call @speir_unpack_acc
func.func @pack(%a: memref<20x7xf32>, %pa: memref<3x7x8x1xf32>, %b: memref<7x30xf32>, %pb: memref<4x7x8x1xf32>,
                %pc: memref<3x4x8x8xf32>, %c: memref<20x30xf32>) {
  %pad = arith.constant 0.0 : f32
  speir.pack %a padding_value(%pad : f32) outer_dims_perm = [0, 1] inner_dims_pos = [0, 1] into %pa : memref<20x7xf32> -> memref<3x7x8x1xf32>
  speir.pack %b outer_dims_perm = [1, 0] inner_dims_pos = [1, 0] into %pb : memref<7x30xf32> -> memref<4x7x8x1xf32>
  speir.unpack %pc outer_dims_perm = [0, 1] inner_dims_pos = [0, 1] into %c : memref<3x4x8x8xf32> -> memref<20x30xf32>
  return
}

// -----

func.func @pack_mixed(%b: memref<16x16xf32>, %pb: memref<2x2x8x8xf32>) {
  // expected-error @+1 {{'speir.pack' op with outer_dims_perm different from inner_dims_pos has no runtime kernel}}
  speir.pack %b outer_dims_perm = [0, 1] inner_dims_pos = [1, 0] into %pb : memref<16x16xf32> -> memref<2x2x8x8xf32>
  return
}

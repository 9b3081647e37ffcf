// RUN: spine-opt %s -split-input-file -convert-speir-to-llvm | FileCheck %s

// A fused gemm without c: the speir_gemm_epilogue_t is a stack slot of the
// entry block, filled field by field (scale_kind, bias_kind, activation,
// out_type, scale, bias, residual, ldr, out, ldo), and c is null.
// CHECK-LABEL: func.func @bias_silu_f16
// CHECK:         %[[ONE:.*]] = llvm.mlir.constant(1 : i64) : i64
// CHECK:         %[[DESC:.*]] = llvm.alloca %[[ONE]] x !llvm.struct<(i32, i32, i32, i32, ptr, ptr, ptr, i64, ptr, i64)>
// CHECK-DAG:     %[[NULL:.*]] = llvm.mlir.zero : !llvm.ptr
// CHECK-DAG:     %[[PERCOL:.*]] = arith.constant 3 : i32
// CHECK-DAG:     %[[SILU:.*]] = arith.constant 2 : i32
// CHECK-DAG:     %[[F16:.*]] = arith.constant 1 : i32
// CHECK:         %[[F0:.*]] = llvm.getelementptr %[[DESC]][0, 0]
// CHECK-NEXT:    llvm.store %{{.*}}, %[[F0]] : i32, !llvm.ptr
// CHECK:         %[[F1:.*]] = llvm.getelementptr %[[DESC]][0, 1]
// CHECK-NEXT:    llvm.store %[[PERCOL]], %[[F1]] : i32, !llvm.ptr
// CHECK:         %[[F2:.*]] = llvm.getelementptr %[[DESC]][0, 2]
// CHECK-NEXT:    llvm.store %[[SILU]], %[[F2]] : i32, !llvm.ptr
// CHECK:         %[[F3:.*]] = llvm.getelementptr %[[DESC]][0, 3]
// CHECK-NEXT:    llvm.store %[[F16]], %[[F3]] : i32, !llvm.ptr
// CHECK:         %[[F4:.*]] = llvm.getelementptr %[[DESC]][0, 4]
// CHECK-NEXT:    llvm.store %[[NULL]], %[[F4]] : !llvm.ptr, !llvm.ptr
// CHECK-COUNT-5: llvm.getelementptr %[[DESC]]
// CHECK:         %[[S:.*]] = llvm.call @speir_gemm_fused(%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %[[NULL]], %{{.*}}, %[[DESC]]) : (i32, i32, i64, i64, i64, !llvm.ptr, i64, !llvm.ptr, i64, !llvm.ptr, i64, !llvm.ptr) -> i32
// CHECK:         scf.if
// CHECK-NEXT:           llvm.mlir.addressof @__speir_failure_message_
// CHECK-NEXT:           llvm.call @speir_report_failure(
func.func @bias_silu_f16(%a: memref<4x8xf32>, %b: memref<8x16xf32>, %bias: memref<16xf16>, %o: memref<4x16xf16, strided<[32, 1], offset: ?>>) {
  speir.gemm %a, %b acc_type(f32) bias(%bias : memref<16xf16>, per_col) activation(silu) out(%o : memref<4x16xf16, strided<[32, 1], offset: ?>>) : memref<4x8xf32>, memref<8x16xf32>
  return
}

// -----

// In place: c is passed and is the output; an int8 product with a per-row
// scale and residual; the type code follows the accumulator (S8_S8_S32 = 3),
// flags keep ACCUMULATE.
// CHECK-LABEL: func.func @dequant_in_place
// CHECK-DAG:     %[[TYPE:.*]] = arith.constant 3 : i32
// CHECK-DAG:     %[[PERROW:.*]] = arith.constant 2 : i32
// CHECK-DAG:     %[[FLAGS:.*]] = arith.constant 1 : i32
// CHECK:         llvm.store %[[PERROW]]
// CHECK:         llvm.call @speir_gemm_fused(%[[TYPE]], %[[FLAGS]],
func.func @dequant_in_place(%a: memref<4x8xi8>, %b: memref<8x16xi8>, %c: memref<4x16xf32>, %s: memref<4xf32>, %cf: memref<4x16xi32>, %r: memref<4x16xf32>) {
  speir.gemm %a, %b into %cf accumulate scale(%s : memref<4xf32>, per_row) residual(%r : memref<4x16xf32>) out(%c : memref<4x16xf32>) : memref<4x8xi8>, memref<8x16xi8> into memref<4x16xi32>
  return
}

// -----

// Inside a parallel region the descriptor is private to each point: its
// slot is in the outlined body's entry block.
// CHECK-LABEL: func.func private @in_parallel_parallel_0(
// CHECK:         llvm.alloca %{{.*}} x !llvm.struct<(i32, i32, i32, i32, ptr, ptr, ptr, i64, ptr, i64)>
// CHECK:         llvm.call @speir_gemm_fused
func.func @in_parallel(%a: memref<4x8xf32>, %b: memref<8x16xf32>, %o: memref<4x16xf32>, %n: index) {
  speir.parallel (%i) in (%n) {
    speir.gemm %a, %b acc_type(f32) activation(relu) out(%o : memref<4x16xf32>) : memref<4x8xf32>, memref<8x16xf32>
  }
  return
}

// The e2e epilogue kernels (test/e2e/kernels) fuse in the fast pipeline (by
// default, and with enable-epilogue-fusion=true), and with
// enable-epilogue-fusion=false keep the plain speir_gemm and its loop: the
// e2e suite runs both forms, so this pins that they differ.
// RUN: spine-opt %S/../e2e/kernels/matmul_bias_silu_decode.mlir --spine-triton-e2e-pipeline="enable-epilogue-fusion=true" | FileCheck %s --check-prefix=FUSED
// RUN: spine-opt %S/../e2e/kernels/matmul_bias_relu_residual_f16.mlir --spine-triton-e2e-pipeline="enable-epilogue-fusion=true" | FileCheck %s --check-prefix=FUSED
// RUN: spine-opt %S/../e2e/kernels/matmul_i8_dequant.mlir --spine-triton-e2e-pipeline="enable-epilogue-fusion=true" | FileCheck %s --check-prefix=FUSED
// RUN: spine-opt %S/../e2e/kernels/matmul_i8_dequant.mlir --spine-triton-e2e-pipeline | FileCheck %s --check-prefix=FUSED
// RUN: spine-opt %S/../e2e/kernels/matmul_bias_silu_decode.mlir --spine-triton-e2e-pipeline="enable-epilogue-fusion=false" | FileCheck %s --check-prefix=UNFUSED
// RUN: spine-opt %S/../e2e/kernels/matmul_i8_dequant.mlir --spine-triton-e2e-pipeline="enable-epilogue-fusion=false" | FileCheck %s --check-prefix=UNFUSED

// FUSED-NOT:  llvm.call @speir_gemm(
// FUSED:      llvm.call @speir_gemm_fused(
// FUSED-NOT:  llvm.call @speir_gemm(

// UNFUSED-NOT: @speir_gemm_fused
// UNFUSED:     llvm.call @speir_gemm(
// UNFUSED-NOT: @speir_gemm_fused

// The stages in between: the broadcast bias and the C temporary disappear
// (the dequant kernel's int32 C has no allocation left).
// RUN: spine-opt %S/../e2e/kernels/matmul_i8_dequant.mlir --spine-triton-e2e-pipeline="enable-epilogue-fusion=true" --mlir-print-ir-after=speir-fuse-gemm-epilogue -o /dev/null 2>&1 | FileCheck %s --check-prefix=DEQUANT
// DEQUANT:     speir.gemm {{.*}} acc_type(i32) scale({{.*}}, per_col) bias({{.*}}, per_col) out(
// DEQUANT-NOT: xi32>
// DEQUANT:     return
// RUN: spine-opt %S/../e2e/kernels/matmul_bias_silu_decode.mlir --spine-triton-e2e-pipeline="enable-epilogue-fusion=true" --mlir-print-ir-after=speir-fuse-gemm-epilogue -o /dev/null 2>&1 | FileCheck %s --check-prefix=SILU
// SILU-NOT:    linalg.broadcast
// SILU:        speir.gemm {{.*}} bias({{.*}}, per_col) activation(silu) out(
// SILU-NOT:    linalg.generic
// SILU:        return

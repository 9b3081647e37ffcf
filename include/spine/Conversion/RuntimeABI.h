#ifndef SPINE_CONVERSION_RUNTIMEABI_H
#define SPINE_CONVERSION_RUNTIMEABI_H

#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/IR/BuiltinOps.h"

namespace mlir::spine {

/// The runtime functions generated code calls, as (enumerator, C symbol).
/// Their C declarations in runtime/include/speir/abi.h are the only
/// definition of their types: RuntimeABI.cpp derives each LLVM function type
/// from the declaration's C type, so the two cannot disagree.
#define SPINE_RUNTIME_FUNCTIONS(X)                                             \
  X(MBarrierAlloc, spine_mbarrier_alloc)                                       \
  X(MBarrierRelease, spine_mbarrier_release)                                   \
  X(MBarrierArrive, speir_mbarrier_arrive)                                     \
  X(MBarrierWait, speir_mbarrier_wait)                                         \
  X(ParallelForConcurrent, speir_parallel_for_concurrent)                      \
  X(ParallelForRange, speir_parallel_for_range)                                \
  X(Conv2d, speir_conv2d)                                                      \
  X(Pool2d, speir_pool2d)                                                      \
  X(Gemm, speir_gemm)                                                          \
  X(GemmBatched, speir_gemm_batched)                                           \
  X(GemmFused, speir_gemm_fused)                                               \
  X(Mmt4d, speir_mmt4d)                                                        \
  X(PackLhs, speir_pack_lhs)                                                   \
  X(UnpackAcc, speir_unpack_acc)                                               \
  X(ReportFailure, speir_report_failure)

enum class RuntimeFn {
#define SPINE_RUNTIME_FN_ENUM(enumerator, symbol) enumerator,
  SPINE_RUNTIME_FUNCTIONS(SPINE_RUNTIME_FN_ENUM)
#undef SPINE_RUNTIME_FN_ENUM
};

/// speir_conv2d_desc_t is all int64_t: generated code passes it as an array
/// of this many fields, in declaration order (in_strides start at field 16,
/// filter_strides at 20, out_strides at 24).
constexpr int kConv2dDescFields = 28;

/// speir_gemm_epilogue_t as an LLVM struct, each field typed from its C
/// member (scale_kind, bias_kind, activation, out_type, scale, bias,
/// residual, ldr, out, ldo; RuntimeABI.cpp fails to build if abi.h changes
/// that list or its layout).
LLVM::LLVMStructType getGemmEpilogueType(MLIRContext *ctx);

StringRef getRuntimeFnName(RuntimeFn fn);
LLVM::LLVMFunctionType getRuntimeFnType(MLIRContext *ctx, RuntimeFn fn);

/// After a runtime call that returned `status` (i32) at the insertion point:
/// if it is non-zero, speir_report_failure(status, "<file:line:col>: <what>")
/// (the first file location in `loc`, when it has one) prints and aborts.
/// The message is an internal constant global of `module`, shared by equal
/// messages.
LogicalResult emitRuntimeStatusCheck(OpBuilder &builder, Location loc,
                                     Operation *module, Value status,
                                     StringRef what);

/// The module's declaration of `fn`, created at the module's start when
/// missing. Fails (with a diagnostic) when `module` already defines the name
/// with another type.
FailureOr<LLVM::LLVMFuncOp> getOrInsertRuntimeFn(Operation *module,
                                                 RuntimeFn fn);

} // namespace mlir::spine

#endif // SPINE_CONVERSION_RUNTIMEABI_H

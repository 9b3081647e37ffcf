#ifndef SPINE_CONVERSION_RUNTIMEABI_H
#define SPINE_CONVERSION_RUNTIMEABI_H

#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/IR/BuiltinOps.h"

namespace mlir::spine {

/// The runtime functions generated code calls. Their C declarations live in
/// runtime/include/speir/abi.h; RuntimeABI.cpp checks at compile time that
/// each LLVM signature below matches the C one.
enum class RuntimeFn {
  MBarrierAlloc,   // spine_mbarrier_alloc
  MBarrierRelease, // spine_mbarrier_release
  MBarrierArrive,  // speir_mbarrier_arrive
  MBarrierWait,    // speir_mbarrier_wait
  ParallelForConcurrent, // speir_parallel_for_concurrent
  ParallelForRange, // speir_parallel_for_range
  Conv2d,           // speir_conv2d
  Pool2d,           // speir_pool2d
  ScratchAlloc,    // speir_scratch_alloc
  ScratchFree,     // speir_scratch_free
  GetStreamThreads, // spine_get_stream_threads
  Gemm,             // speir_gemm
  GemmBatched,      // speir_gemm_batched
  GemmFused,        // speir_gemm_fused
  Mmt4d,            // speir_mmt4d
  PackLhs,          // speir_pack_lhs
  PackRhs,          // speir_pack_rhs
  UnpackAcc         // speir_unpack_acc
};

/// speir_conv2d_desc_t is all int64_t: generated code passes it as an array
/// of this many fields, in declaration order (in_strides start at field 16,
/// filter_strides at 20, out_strides at 24).
constexpr int kConv2dDescFields = 28;

/// speir_gemm_epilogue_t as an LLVM struct: scale_kind, bias_kind,
/// activation, out_type (i32); scale, bias, residual (ptr); ldr (i64); out
/// (ptr); ldo (i64). RuntimeABI.cpp checks the C layout against it.
LLVM::LLVMStructType getGemmEpilogueType(MLIRContext *ctx);

StringRef getRuntimeFnName(RuntimeFn fn);
LLVM::LLVMFunctionType getRuntimeFnType(MLIRContext *ctx, RuntimeFn fn);

/// The module's declaration of `fn`, created at the module's start when
/// missing. Fails (with a diagnostic) when `module` already defines the name
/// with another type.
FailureOr<LLVM::LLVMFuncOp> getOrInsertRuntimeFn(Operation *module,
                                                RuntimeFn fn);

} // namespace mlir::spine

#endif // SPINE_CONVERSION_RUNTIMEABI_H

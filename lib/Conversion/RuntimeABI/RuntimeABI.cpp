#include "spine/Conversion/RuntimeABI.h"

#include "speir/abi.h"

#include <cstddef>
#include <type_traits>

using namespace mlir;
using namespace mlir::spine;

// A change of a C signature in abi.h must fail this build until the LLVM
// type beside it is changed too.
#define SPINE_CHECK_ABI(name, ctype)                                           \
  static_assert(std::is_same_v<decltype(&::name), ctype>,                      \
                #name " changed in speir/abi.h: update RuntimeABI.cpp")
SPINE_CHECK_ABI(spine_mbarrier_alloc, void *(*)(int16_t, int16_t, int16_t, int16_t));
SPINE_CHECK_ABI(spine_mbarrier_release, void (*)(void *));
SPINE_CHECK_ABI(speir_mbarrier_arrive, void (*)(void *));
SPINE_CHECK_ABI(speir_mbarrier_wait, void (*)(void *, int16_t, int16_t));
SPINE_CHECK_ABI(speir_parallel_for_range,
                int32_t (*)(int64_t, int64_t, speir_parallel_range_fn, void *));
SPINE_CHECK_ABI(speir_parallel_for_concurrent,
                int32_t (*)(int32_t, const int64_t *, speir_parallel_body_fn, void *));
SPINE_CHECK_ABI(speir_scratch_alloc, void *(*)(int64_t, int64_t));
SPINE_CHECK_ABI(speir_scratch_free, void (*)(void *));
SPINE_CHECK_ABI(spine_get_stream_threads, int64_t (*)(void));
SPINE_CHECK_ABI(speir_gemm,
                int32_t (*)(int32_t, uint32_t, int64_t, int64_t, int64_t,
                            const void *, int64_t, const void *, int64_t,
                            void *, int64_t));
SPINE_CHECK_ABI(speir_gemm_batched,
                int32_t (*)(int32_t, uint32_t, int64_t, int64_t, int64_t,
                            int64_t, const void *, int64_t, int64_t,
                            const void *, int64_t, int64_t, void *, int64_t,
                            int64_t));
SPINE_CHECK_ABI(speir_gemm_fused,
                int32_t (*)(int32_t, uint32_t, int64_t, int64_t, int64_t,
                            const void *, int64_t, const void *, int64_t,
                            void *, int64_t, const speir_gemm_epilogue_t *));
SPINE_CHECK_ABI(speir_mmt4d,
                int32_t (*)(int32_t, uint32_t, const void *, int64_t, int64_t,
                            const void *, int64_t, int64_t, void *, int64_t,
                            int64_t, int64_t, int64_t, int64_t, int64_t,
                            int64_t, int64_t));
using PackFn = int32_t (*)(int32_t, const void *, int64_t, int64_t, int64_t,
                           int64_t, void *, int64_t, int64_t, int64_t, int64_t,
                           const void *);
SPINE_CHECK_ABI(speir_pack_lhs, PackFn);
SPINE_CHECK_ABI(speir_pack_rhs, PackFn);
SPINE_CHECK_ABI(speir_unpack_acc,
                int32_t (*)(int32_t, const void *, int64_t, int64_t, int64_t,
                            int64_t, void *, int64_t, int64_t, int64_t,
                            int64_t));
SPINE_CHECK_ABI(speir_conv2d,
                int32_t (*)(int32_t, uint32_t, const speir_conv2d_desc_t *,
                            const void *, const void *, void *));
SPINE_CHECK_ABI(speir_pool2d,
                int32_t (*)(int32_t, int32_t, uint32_t,
                            const speir_conv2d_desc_t *, const void *, void *));
// The descriptor is passed as an array of kConv2dDescFields int64 values.
static_assert(sizeof(speir_conv2d_desc_t) == kConv2dDescFields * sizeof(int64_t) &&
                  offsetof(speir_conv2d_desc_t, in_strides) == 16 * sizeof(int64_t) &&
                  offsetof(speir_conv2d_desc_t, filter_strides) == 20 * sizeof(int64_t) &&
                  offsetof(speir_conv2d_desc_t, out_strides) == 24 * sizeof(int64_t),
              "speir_conv2d_desc_t changed in speir/abi.h: update RuntimeABI.h");
// getGemmEpilogueType's fields, at the offsets LLVM gives them (natural
// alignment, as for the C struct on riscv64 and x86-64).
static_assert(offsetof(speir_gemm_epilogue_t, scale_kind) == 0 &&
                  offsetof(speir_gemm_epilogue_t, bias_kind) == 4 &&
                  offsetof(speir_gemm_epilogue_t, activation) == 8 &&
                  offsetof(speir_gemm_epilogue_t, out_type) == 12 &&
                  offsetof(speir_gemm_epilogue_t, scale) == 16 &&
                  offsetof(speir_gemm_epilogue_t, bias) == 24 &&
                  offsetof(speir_gemm_epilogue_t, residual) == 32 &&
                  offsetof(speir_gemm_epilogue_t, ldr) == 40 &&
                  offsetof(speir_gemm_epilogue_t, out) == 48 &&
                  offsetof(speir_gemm_epilogue_t, ldo) == 56 &&
                  sizeof(speir_gemm_epilogue_t) == 64,
              "speir_gemm_epilogue_t changed in speir/abi.h: update "
              "getGemmEpilogueType");
#undef SPINE_CHECK_ABI

LLVM::LLVMStructType mlir::spine::getGemmEpilogueType(MLIRContext *ctx) {
  Type i32 = IntegerType::get(ctx, 32);
  Type i64 = IntegerType::get(ctx, 64);
  Type ptr = LLVM::LLVMPointerType::get(ctx);
  return LLVM::LLVMStructType::getLiteral(
      ctx, {i32, i32, i32, i32, ptr, ptr, ptr, i64, ptr, i64});
}

StringRef mlir::spine::getRuntimeFnName(RuntimeFn fn) {
  switch (fn) {
  case RuntimeFn::MBarrierAlloc: return "spine_mbarrier_alloc";
  case RuntimeFn::MBarrierRelease: return "spine_mbarrier_release";
  case RuntimeFn::MBarrierArrive: return "speir_mbarrier_arrive";
  case RuntimeFn::MBarrierWait: return "speir_mbarrier_wait";
  case RuntimeFn::ParallelForConcurrent: return "speir_parallel_for_concurrent";
  case RuntimeFn::ParallelForRange: return "speir_parallel_for_range";
  case RuntimeFn::Conv2d: return "speir_conv2d";
  case RuntimeFn::Pool2d: return "speir_pool2d";
  case RuntimeFn::ScratchAlloc: return "speir_scratch_alloc";
  case RuntimeFn::ScratchFree: return "speir_scratch_free";
  case RuntimeFn::GetStreamThreads: return "spine_get_stream_threads";
  case RuntimeFn::Gemm: return "speir_gemm";
  case RuntimeFn::GemmBatched: return "speir_gemm_batched";
  case RuntimeFn::GemmFused: return "speir_gemm_fused";
  case RuntimeFn::Mmt4d: return "speir_mmt4d";
  case RuntimeFn::PackLhs: return "speir_pack_lhs";
  case RuntimeFn::PackRhs: return "speir_pack_rhs";
  case RuntimeFn::UnpackAcc: return "speir_unpack_acc";
  }
  llvm_unreachable("unknown runtime function");
}

LLVM::LLVMFunctionType mlir::spine::getRuntimeFnType(MLIRContext *ctx,
                                                     RuntimeFn fn) {
  Type ptr = LLVM::LLVMPointerType::get(ctx);
  Type voidTy = LLVM::LLVMVoidType::get(ctx);
  Type i16 = IntegerType::get(ctx, 16);
  Type i32 = IntegerType::get(ctx, 32);
  Type i64 = IntegerType::get(ctx, 64);
  switch (fn) {
  case RuntimeFn::MBarrierAlloc:
    return LLVM::LLVMFunctionType::get(ptr, {i16, i16, i16, i16});
  case RuntimeFn::MBarrierRelease:
  case RuntimeFn::MBarrierArrive:
  case RuntimeFn::ScratchFree:
    return LLVM::LLVMFunctionType::get(voidTy, {ptr});
  case RuntimeFn::MBarrierWait:
    return LLVM::LLVMFunctionType::get(voidTy, {ptr, i16, i16});
  case RuntimeFn::ParallelForConcurrent:
    return LLVM::LLVMFunctionType::get(i32, {i32, ptr, ptr, ptr});
  case RuntimeFn::ParallelForRange:
    return LLVM::LLVMFunctionType::get(i32, {i64, i64, ptr, ptr});
  case RuntimeFn::Conv2d:
    return LLVM::LLVMFunctionType::get(i32, {i32, i32, ptr, ptr, ptr, ptr});
  case RuntimeFn::Pool2d:
    return LLVM::LLVMFunctionType::get(i32, {i32, i32, i32, ptr, ptr, ptr});
  case RuntimeFn::ScratchAlloc:
    return LLVM::LLVMFunctionType::get(ptr, {i64, i64});
  case RuntimeFn::GetStreamThreads:
    return LLVM::LLVMFunctionType::get(i64, {});
  case RuntimeFn::Gemm:
    return LLVM::LLVMFunctionType::get(
        i32, {i32, i32, i64, i64, i64, ptr, i64, ptr, i64, ptr, i64});
  case RuntimeFn::GemmFused:
    return LLVM::LLVMFunctionType::get(
        i32, {i32, i32, i64, i64, i64, ptr, i64, ptr, i64, ptr, i64, ptr});
  case RuntimeFn::GemmBatched:
    return LLVM::LLVMFunctionType::get(i32, {i32, i32, i64, i64, i64, i64, ptr,
                                             i64, i64, ptr, i64, i64, ptr, i64,
                                             i64});
  case RuntimeFn::Mmt4d:
    return LLVM::LLVMFunctionType::get(i32, {i32, i32, ptr, i64, i64, ptr, i64,
                                             i64, ptr, i64, i64, i64, i64, i64,
                                             i64, i64, i64});
  case RuntimeFn::PackLhs:
  case RuntimeFn::PackRhs:
    return LLVM::LLVMFunctionType::get(
        i32, {i32, ptr, i64, i64, i64, i64, ptr, i64, i64, i64, i64, ptr});
  case RuntimeFn::UnpackAcc:
    return LLVM::LLVMFunctionType::get(
        i32, {i32, ptr, i64, i64, i64, i64, ptr, i64, i64, i64, i64});
  }
  llvm_unreachable("unknown runtime function");
}

FailureOr<LLVM::LLVMFuncOp> mlir::spine::getOrInsertRuntimeFn(Operation *module,
                                                             RuntimeFn fn) {
  MLIRContext *ctx = module->getContext();
  StringRef name = getRuntimeFnName(fn);
  LLVM::LLVMFunctionType type = getRuntimeFnType(ctx, fn);
  SymbolTable symbols(module);
  if (Operation *existing = symbols.lookup(name)) {
    auto func = dyn_cast<LLVM::LLVMFuncOp>(existing);
    if (func && func.getFunctionType() == type)
      return func;
    return existing->emitError("'")
           << name << "' is a runtime function of type " << type
           << " and cannot be redefined";
  }
  OpBuilder builder(ctx);
  builder.setInsertionPointToStart(&module->getRegion(0).front());
  auto func = LLVM::LLVMFuncOp::create(builder, module->getLoc(), name, type);
  return func;
}

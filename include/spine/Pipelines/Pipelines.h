#ifndef SPINE_PIPELINES_PIPELINES_H
#define SPINE_PIPELINES_PIPELINES_H

#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassOptions.h"

namespace mlir::spine {

/// Options shared by both pipelines, spelled as the frontend passes them:
/// --spine-triton-e2e-pipeline="enable-always-tls=1 enable-fuse-group=false".
struct SpinePipelineOptions : public PassPipelineOptions<SpinePipelineOptions> {
  PassOptions::Option<bool> enableAlwaysTls{
      *this, "enable-always-tls",
      llvm::cl::desc("Serve the kernel's temporary buffers (memref.alloc) from "
                     "the calling thread's scratch arena (speir_scratch_alloc) "
                     "instead of malloc; only valid when no buffer is shared "
                     "between threads, which is why the frontend turns it off "
                     "for bind_sub_block kernels"),
      llvm::cl::init(false)};
  PassOptions::Option<bool> enableFuseGroup{
      *this, "enable-fuse-group",
      llvm::cl::desc("Fuse producer-consumer chains of elementwise Linalg ops "
                     "into one op (one loop nest, no intermediate buffers) "
                     "before bufferization"),
      llvm::cl::init(false)};
  PassOptions::Option<bool> enableEpilogueFusion{
      *this, "enable-epilogue-fusion",
      llvm::cl::desc("Apply the elementwise Linalg that follows a GEMM as the "
                     "GEMM's epilogue (speir-fuse-gemm-epilogue, "
                     "speir_gemm_fused, whose vector epilogue costs less than "
                     "the separate vectorized loop)"),
      llvm::cl::init(true)};
  PassOptions::Option<bool> enableRaiseDotKLoop{
      *this, "enable-raise-dot-k-loop",
      llvm::cl::desc("Raise a TTIR tt.dot K loop whose loads advance by "
                     "BLOCK_K, unmasked along K, to one contraction over all "
                     "of K (spine-raise-dot-k-loop)"),
      llvm::cl::init(true)};
  PassOptions::Option<bool> enableOnlineSoftmax{
      *this, "enable-online-softmax",
      llvm::cl::desc("Compute the max and the sum of a softmax over a tile "
                     "too large to stay in cache between passes in one pass "
                     "over column blocks (speir-online-softmax): one pass "
                     "over the row fewer, one exponential per element more"),
      llvm::cl::init(false)};
  PassOptions::Option<int64_t> vectorRegisters{
      *this, "vector-registers",
      llvm::cl::desc("Vector registers per value (LMUL: 1, 2, 4 or 8) for "
                     "every vectorized Linalg op; 0 (the default) chooses "
                     "per op by register pressure "
                     "(speir-vectorize-linalg)"),
      llvm::cl::init(0)};
  PassOptions::Option<bool> vectorLengthAgnostic{
      *this, "vector-length-agnostic",
      llvm::cl::desc("Element-wise loops on scalable vectors: one binary "
                     "uses the whole vector register at any VLEN from the "
                     "target's up (riscv64 only; "
                     "speir-vectorize-linalg)"),
      llvm::cl::init(false)};
};

/// TTIR -> linalgdir (convert-triton-to-linalg, then element-wise ops on
/// tensors to linalg.generic); a module without tt.func passes unchanged.
void buildTTIRToLinalgPipeline(OpPassManager &pm);
/// The reference lowering: linalgdir -> scalar loops -> LLVM dialect.
void buildSpineRefPipeline(OpPassManager &pm,
                           const SpinePipelineOptions &options);
/// The optimizing lowering used by default.
void buildSpineE2EPipeline(OpPassManager &pm,
                           const SpinePipelineOptions &options);
/// Registers --spine-triton-e2e-pipeline and --spine-triton-e2e-ref-pipeline.
void registerSpinePipelines();

} // namespace mlir::spine

#endif // SPINE_PIPELINES_PIPELINES_H

#include "spine/Pipelines/Pipelines.h"

#include "spine/Conversion/Passes.h"
#include "spine/Dialect/SpeIR/Transforms/Passes.h"

#include "mlir/Conversion/Passes.h"
#include "mlir/Dialect/Bufferization/Pipelines/Passes.h"
#include "mlir/Dialect/Bufferization/Transforms/Passes.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/Passes.h"
#include "mlir/Dialect/MemRef/Transforms/Passes.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Transforms/Passes.h"

using namespace mlir;
using namespace mlir::spine;

/// Tensors -> memrefs. Kernel arguments are already (unranked) memrefs, so
/// function boundaries are left alone; temporaries get deallocations.
/// `hoistAllocs`: statically sized temporaries allocated in a loop body
/// (a Triton program's per-iteration tiles) are allocated once, before the
/// loop, instead of once per iteration.
static void addBufferization(OpPassManager &pm, bool hoistAllocs) {
  bufferization::OneShotBufferizePassOptions bufferizeOptions;
  bufferizeOptions.allowReturnAllocsFromLoops = true;
  pm.addPass(bufferization::createOneShotBufferizePass(bufferizeOptions));
  if (hoistAllocs)
    pm.addNestedPass<func::FuncOp>(
        bufferization::createBufferLoopHoistingPass());
  bufferization::BufferDeallocationPipelineOptions deallocOptions;
  bufferization::buildBufferDeallocationPipeline(pm, deallocOptions);
  pm.addPass(createConvertBufferizationToMemRefPass());
}

/// Loops, memrefs and scalars -> LLVM dialect. `scratchAllocs` routes
/// memref.alloc/dealloc to the runtime's per-thread scratch arena through
/// MLIR's generic allocation functions (see enable-always-tls).
static void addLowerToLLVM(OpPassManager &pm, bool scratchAllocs) {
  pm.addPass(spine::createConvertXSMTAsyncToLLVM());
  pm.addPass(spine::createConvertSpeIRToLLVM());
  pm.addPass(createConvertComplexToStandardPass());
  pm.addPass(spine::createExpandArithForLLVM());
  pm.addPass(memref::createExpandStridedMetadataPass());
  pm.addPass(createLowerAffinePass());
  pm.addPass(createSCFToControlFlowPass());
  FinalizeMemRefToLLVMConversionPassOptions memrefOptions;
  memrefOptions.useGenericFunctions = scratchAllocs;
  pm.addPass(createFinalizeMemRefToLLVMConversionPass(memrefOptions));
  // Math before vectors: what has no LLVM intrinsic becomes libm calls, on
  // vectors one element at a time (vector.extract/insert, lowered next).
  pm.addPass(createConvertMathToLLVMPass());
  pm.addPass(createConvertMathToLibmPass());
  // Vector reductions may reassociate: unordered RVV reductions (vfredusum)
  // instead of the sequential ordered form.
  ConvertVectorToLLVMPassOptions vectorOptions;
  vectorOptions.reassociateFPReductions = true;
  pm.addPass(createConvertVectorToLLVMPass(vectorOptions));
  pm.addPass(createArithToLLVMConversionPass());
  pm.addPass(createConvertIndexToLLVMPass());
  pm.addPass(createConvertFuncToLLVMPass());
  pm.addPass(createConvertControlFlowToLLVMPass());
  pm.addPass(createConvertComplexToLLVMPass());
  pm.addPass(createUBToLLVMConversionPass());
  pm.addPass(createReconcileUnrealizedCastsPass());
  pm.addPass(createCanonicalizerPass());
  pm.addPass(spine::createLegalizeBF16VectorMemory());
  pm.addPass(spine::createVerifyLLVMLowering());
}

void mlir::spine::buildTTIRToLinalgPipeline(OpPassManager &pm) {
  pm.addPass(spine::createConvertTritonToLinalg());
  pm.addPass(spine::createTTIRCleanup());
}

void mlir::spine::buildSpineRefPipeline(OpPassManager &pm,
                                        const SpinePipelineOptions &options) {
  // The options are accepted, and ignored: they choose optimizations, and
  // the reference stays with malloc and unfused loops.
  (void)options;
  buildTTIRToLinalgPipeline(pm);
  pm.addPass(speir::createSpeIRAttachTarget());
  // The frontend's loads read in place (semantics-preserving: see the pass).
  pm.addNestedPass<func::FuncOp>(speir::createSpeIRForwardLoads());
  pm.addNestedPass<func::FuncOp>(speir::createSpeIRDecomposeLinalg());
  addBufferization(pm, /*hoistAllocs=*/false);
  pm.addNestedPass<func::FuncOp>(speir::createSpeIRLowerCopies());
  pm.addPass(spine::createConvertSCFForallToSpeIR());
  pm.addNestedPass<func::FuncOp>(createConvertLinalgToLoopsPass());
  // The TTIR conversion's gathers and scatters are vector ops already (the
  // reference has no vectorizer of its own); transfers through strided
  // views need the same lowering as in the fast pipeline.
  pm.addPass(speir::createSpeIRLowerVectors());
  addLowerToLLVM(pm, /*scratchAllocs=*/false);
}

void mlir::spine::buildSpineE2EPipeline(OpPassManager &pm,
                                        const SpinePipelineOptions &options) {
  // Rows a wrapped load repeats that no store keeps (the tutorial matmul's
  // `% M` rows when BLOCK_M > M) are copied once, not gathered.
  pm.addPass(spine::createMarkUnobservedWraps());
  buildTTIRToLinalgPipeline(pm);
  // A tt.dot K loop as one contraction over K (decode GEMMs: one runtime
  // call per program, and its epilogue fusible like the linalgdir form).
  if (options.enableRaiseDotKLoop)
    pm.addNestedPass<func::FuncOp>(spine::createRaiseDotKLoop());
  // A masked store's contraction computes only the rows and columns stored
  // (a decode step's one row of a BLOCK_M block).
  pm.addNestedPass<func::FuncOp>(spine::createNarrowToStore());
  pm.addPass(speir::createSpeIRAttachTarget());
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());
  // Loads read in place, then transposed operands read through the matmul's
  // indexing maps (a forwarded N x K weight becomes a transposed view).
  pm.addNestedPass<func::FuncOp>(speir::createSpeIRForwardLoads());
  pm.addNestedPass<func::FuncOp>(speir::createSpeIRFoldTransposeIntoMatmul());
  if (options.enableFuseGroup)
    pm.addNestedPass<func::FuncOp>(spine::createFuseTritonElementwise());
  pm.addNestedPass<func::FuncOp>(spine::createConvertLinalgPackToSpeIR());
  pm.addNestedPass<func::FuncOp>(spine::createConvertLinalgConvToSpeIR());
  pm.addNestedPass<func::FuncOp>(speir::createSpeIRDecomposeLinalg());
  // Softmax over a tile too large to stay in cache between passes: max and
  // sum in one pass over column blocks (opt-in: see the option).
  if (options.enableOnlineSoftmax)
    pm.addNestedPass<func::FuncOp>(speir::createSpeIROnlineSoftmax());
  // Element-wise kernels compute into their output (or into an input that
  // dies) instead of a temporary that is then copied.
  pm.addNestedPass<func::FuncOp>(speir::createSpeIRDestinationPassing());
  pm.addPass(bufferization::createEmptyTensorEliminationPass());
  addBufferization(pm, /*hoistAllocs=*/true);
  pm.addNestedPass<func::FuncOp>(spine::createConvertLinalgToSpeIR());
  if (options.enableEpilogueFusion)
    pm.addNestedPass<func::FuncOp>(speir::createSpeIRFuseGemmEpilogue());
  pm.addNestedPass<func::FuncOp>(speir::createSpeIRLowerCopies());
  speir::SpeIRVectorizeLinalgOptions vectorizeOptions;
  vectorizeOptions.registersPerVector = options.vectorRegisters;
  vectorizeOptions.vectorLengthAgnostic = options.vectorLengthAgnostic;
  pm.addNestedPass<func::FuncOp>(
      speir::createSpeIRVectorizeLinalg(vectorizeOptions));
  pm.addPass(spine::createConvertSCFForallToSpeIR());
  pm.addNestedPass<func::FuncOp>(createConvertLinalgToLoopsPass());
  pm.addPass(createCanonicalizerPass());
  pm.addPass(speir::createSpeIRApproximateMath());
  pm.addPass(speir::createSpeIRLowerVectors());
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());
  addLowerToLLVM(pm, /*scratchAllocs=*/options.enableAlwaysTls);
}

void mlir::spine::registerSpinePipelines() {
  PassPipelineRegistration<>(
      "spine-ttir-to-linalg",
      "Lower Triton IR (the tt dialect) to the frontend's linalgdir form; "
      "both e2e pipelines start with it",
      buildTTIRToLinalgPipeline);
  PassPipelineRegistration<SpinePipelineOptions>(
      "spine-triton-e2e-pipeline",
      "Lower the Spine Triton frontend's Linalg to LLVM dialect for SpacemiT "
      "cores (optimizing)",
      buildSpineE2EPipeline);
  PassPipelineRegistration<SpinePipelineOptions>(
      "spine-triton-e2e-ref-pipeline",
      "Lower the Spine Triton frontend's Linalg to LLVM dialect with simple "
      "loops (the reference for differential testing)",
      buildSpineRefPipeline);
}

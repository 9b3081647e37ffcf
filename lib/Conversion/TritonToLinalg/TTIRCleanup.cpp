//===- TTIRCleanup.cpp - After the TTIR conversion: fusion and tidying ---===//

#include "spine/Conversion/Passes.h"

#include "mlir/Conversion/Passes.h"
#include "mlir/Dialect/Linalg/Passes.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"
#include "mlir/Transforms/Passes.h"

namespace mlir::spine {
#define GEN_PASS_DEF_TTIRCLEANUP
#define GEN_PASS_DEF_FUSETRITONELEMENTWISE
#include "spine/Conversion/Passes.h.inc"
} // namespace mlir::spine

using namespace mlir;

namespace {

/// A body of plain arithmetic (no memory accesses, no regions).
bool hasPlainBody(Operation *op) {
  auto linalgOp = dyn_cast_or_null<linalg::LinalgOp>(op);
  if (!linalgOp)
    return false;
  return llvm::all_of(
      linalgOp.getBlock()->without_terminator(), [](Operation &inner) {
        return inner.getNumRegions() == 0 && isMemoryEffectFree(&inner);
      });
}

struct FuseTritonElementwisePass
    : spine::impl::FuseTritonElementwiseBase<FuseTritonElementwisePass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    linalg::populateElementwiseOpsFusionPatterns(
        patterns, [](OpOperand *fused) {
          // A producer with several users is not duplicated into each
          // (that grows the IR exponentially along long chains).
          Operation *producer = fused->get().getDefiningOp();
          return producer && producer->hasOneUse() && hasPlainBody(producer) &&
                 hasPlainBody(fused->getOwner());
        });
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      return signalPassFailure();
    getOperation().walk(computeInPlace);
  }

  /// An element-wise op that writes a fresh tensor (tensor.empty) and
  /// never reads it writes into an input of the same type instead, so that
  /// bufferization can update that buffer in place (a loop's accumulator,
  /// `acc += x`) rather than allocate a new one; where the input is still
  /// needed afterwards, bufferization copies it, so this is always correct.
  static void computeInPlace(linalg::GenericOp op) {
    if (op.getNumDpsInits() != 1 || op.getNumReductionLoops() != 0 ||
        !op.getDpsInitOperand(0)->get().getDefiningOp<tensor::EmptyOp>() ||
        op.payloadUsesValueFromOperand(op.getDpsInitOperand(0)))
      return;
    OpOperand *init = op.getDpsInitOperand(0);
    AffineMap initMap = op.getMatchingIndexingMap(init);
    for (OpOperand *input : op.getDpsInputOperands()) {
      if (input->get().getType() != init->get().getType() ||
          op.getMatchingIndexingMap(input) != initMap)
        continue;
      init->set(input->get());
      return;
    }
  }
};

/// What follows the conversion of a TTIR module.
void buildTTIRCleanup(OpPassManager &pm) {
  pm.addPass(createLiftControlFlowToSCFPass());
  pm.addNestedPass<func::FuncOp>(createConvertElementwiseToLinalgPass());
  pm.addNestedPass<func::FuncOp>(spine::createFuseTritonElementwise());
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());
  pm.addPass(createControlFlowSinkPass());
}

struct TTIRCleanupPass : spine::impl::TTIRCleanupBase<TTIRCleanupPass> {
  void getDependentDialects(DialectRegistry &registry) const override {
    OpPassManager pm(ModuleOp::getOperationName());
    buildTTIRCleanup(pm);
    pm.getDependentDialects(registry);
  }

  void runOnOperation() override {
    ModuleOp module = getOperation();
    if (!module->removeAttr(spine::kFromTTIRAttrName))
      return;
    OpPassManager pm(ModuleOp::getOperationName());
    buildTTIRCleanup(pm);
    if (failed(runPipeline(pm, module)))
      signalPassFailure();
  }
};

} // namespace

#include "spine/Conversion/Passes.h"

#include "mlir/Dialect/LLVMIR/LLVMDialect.h"

namespace mlir::spine {
#define GEN_PASS_DEF_VERIFYLLVMLOWERING
#include "spine/Conversion/Passes.h.inc"
} // namespace mlir::spine

using namespace mlir;

namespace {

struct VerifyLLVMLoweringPass
    : public spine::impl::VerifyLLVMLoweringBase<VerifyLLVMLoweringPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    bool failedAny = false;
    module.walk([&](Operation *op) {
      if (op == module.getOperation() ||
          isa<LLVM::LLVMDialect>(op->getDialect()))
        return WalkResult::advance();
      op->emitError("'") << op->getName()
                         << "' is not supported here: no pass of the pipeline "
                            "lowered it to the LLVM dialect";
      failedAny = true;
      // One diagnostic per op kind and region is enough to act on.
      return WalkResult::skip();
    });
    if (failedAny)
      signalPassFailure();
  }
};

} // namespace

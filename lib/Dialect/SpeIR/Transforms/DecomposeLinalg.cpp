#include "spine/Dialect/SpeIR/Transforms/Passes.h"

#include "mlir/Dialect/Linalg/Transforms/Transforms.h"

namespace mlir::speir {
#define GEN_PASS_DEF_SPEIRDECOMPOSELINALG
#include "spine/Dialect/SpeIR/Transforms/Passes.h.inc"
} // namespace mlir::speir

using namespace mlir;

namespace {

LogicalResult decompose(IRRewriter &rewriter, Operation *op) {
  rewriter.setInsertionPoint(op);
  if (auto pack = dyn_cast<linalg::PackOp>(op))
    return linalg::lowerPack(rewriter, pack);
  if (auto unpack = dyn_cast<linalg::UnPackOp>(op))
    return linalg::lowerUnPack(rewriter, unpack);
  auto aggregate = cast<linalg::AggregatedOpInterface>(op);
  FailureOr<SmallVector<Value>> parts = aggregate.decomposeOperation(rewriter);
  if (failed(parts))
    return failure();
  rewriter.replaceOp(op, *parts);
  return success();
}

struct DecomposeLinalgPass
    : public speir::impl::SpeIRDecomposeLinalgBase<DecomposeLinalgPass> {
  void runOnOperation() override {
    IRRewriter rewriter(&getContext());
    SmallVector<Operation *> ops;
    getOperation().walk([&](Operation *op) {
      if (isa<linalg::PackOp, linalg::UnPackOp, linalg::AggregatedOpInterface>(
              op))
        ops.push_back(op);
    });
    for (Operation *op : ops) {
      if (failed(decompose(rewriter, op))) {
        op->emitError("cannot decompose '")
            << op->getName() << "' into simpler Linalg ops";
        return signalPassFailure();
      }
    }
  }
};

} // namespace

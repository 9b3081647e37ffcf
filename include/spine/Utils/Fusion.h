//===- Fusion.h - element-wise fusion shared by SpeIR passes ----*- C++ -*-===//
//
// Upstream's element-wise fusion of a producer generic into one reader, with
// the bookkeeping every caller needs around it.
//
//===----------------------------------------------------------------------===//

#ifndef SPINE_UTILS_FUSION_H
#define SPINE_UTILS_FUSION_H

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/IR/PatternMatch.h"

namespace mlir::spine {

/// Fuses the element-wise generic that defines `use`'s value into the
/// generic that reads it there: the reader's results are replaced by the
/// fused op's and the reader is erased, the producer too once nothing else
/// reads it. False, with the IR unchanged, when the two cannot fuse.
inline bool fuseElementwiseInto(RewriterBase &rewriter, OpOperand *use) {
  auto producer = use->get().getDefiningOp<linalg::GenericOp>();
  Operation *consumer = use->getOwner();
  if (!producer || !isa<linalg::GenericOp>(consumer) ||
      !linalg::areElementwiseOpsFusable(use))
    return false;
  OpBuilder::InsertionGuard guard(rewriter);
  rewriter.setInsertionPoint(consumer);
  FailureOr<linalg::ElementwiseOpFusionResult> fused =
      linalg::fuseElementwiseOps(rewriter, use);
  if (failed(fused))
    return false;
  for (auto [original, replacement] : fused->replacements)
    rewriter.replaceUsesWithIf(original, replacement, [&](OpOperand &other) {
      return other.getOwner() != producer.getOperation();
    });
  rewriter.eraseOp(consumer);
  if (producer->use_empty())
    rewriter.eraseOp(producer);
  return true;
}

} // namespace mlir::spine

#endif // SPINE_UTILS_FUSION_H

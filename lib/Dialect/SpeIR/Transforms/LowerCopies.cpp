#include "spine/Dialect/SpeIR/Transforms/Passes.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/WalkPatternRewriteDriver.h"

namespace mlir::speir {
#define GEN_PASS_DEF_SPEIRLOWERCOPIES
#include "spine/Dialect/SpeIR/Transforms/Passes.h.inc"
} // namespace mlir::speir

using namespace mlir;

namespace {

/// All dimensions of `type` in one group, when they collapse to one
/// contiguous run (an identity layout, or strides that make one).
std::optional<ReassociationIndices> wholeRun(Type type) {
  auto memref = dyn_cast<MemRefType>(type);
  // An empty buffer stays (0 x ? would collapse to a static 0 that the
  // collapse's verifier wants dynamic).
  if (!memref || memref.getRank() < 2 ||
      llvm::is_contained(memref.getShape(), 0))
    return std::nullopt;
  ReassociationIndices all =
      llvm::to_vector(llvm::seq<int64_t>(0, memref.getRank()));
  if (!memref::CollapseShapeOp::isGuaranteedCollapsible(memref, {all}))
    return std::nullopt;
  return all;
}

/// `operands` (a fill's scalar and buffer, a copy's source and target) as
/// flat runs when every buffer among them is one contiguous run of rank >= 2
/// and all have one element type (a copy that converts keeps its cast
/// attribute on the op as it is), else unchanged.
SmallVector<Value> flattened(PatternRewriter &rewriter, Location loc,
                             ValueRange operands) {
  Type elementType;
  for (Value value : operands) {
    auto memref = dyn_cast<MemRefType>(value.getType());
    if (!memref)
      continue;
    if (elementType && memref.getElementType() != elementType)
      return llvm::to_vector(operands);
    elementType = memref.getElementType();
  }
  SmallVector<std::optional<ReassociationIndices>> runs;
  for (Value value : operands) {
    if (!isa<MemRefType>(value.getType())) {
      runs.push_back(std::nullopt); // a fill's scalar
      continue;
    }
    runs.push_back(wholeRun(value.getType()));
    if (!runs.back())
      return llvm::to_vector(operands);
  }
  SmallVector<Value> flat;
  for (auto [value, run] : llvm::zip(operands, runs))
    flat.push_back(
        run ? memref::CollapseShapeOp::create(rewriter, loc, value, {*run})
            : value);
  return flat;
}

/// A fill or copy over contiguous buffers of rank >= 2 runs over one flat
/// run of elements: one vector loop instead of a loop nest whose innermost
/// loop pays its overhead and remainder once per row (a masked load's fill
/// of a 16 x 512 block, row by row 64 elements at a time, cost about 3,500
/// instructions at VLEN 256).
template <typename OpTy>
struct FlattenContiguous : public OpRewritePattern<OpTy> {
  using OpRewritePattern<OpTy>::OpRewritePattern;

  LogicalResult matchAndRewrite(OpTy op,
                                PatternRewriter &rewriter) const override {
    if (!op.hasPureBufferSemantics())
      return failure();
    SmallVector<Value> flat =
        flattened(rewriter, op.getLoc(), op->getOperands());
    if (ValueRange(flat) == op->getOperands())
      return failure();
    rewriter.replaceOpWithNewOp<OpTy>(op, flat[0], flat[1]);
    return success();
  }
};

/// memref.copy as linalg.copy (flat when both sides are contiguous).
struct MemRefCopyToLinalgCopy : public OpRewritePattern<memref::CopyOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(memref::CopyOp copy,
                                PatternRewriter &rewriter) const override {
    // Unranked copies have no loop form; leave them to the LLVM lowering.
    if (!isa<MemRefType>(copy.getSource().getType()) ||
        !isa<MemRefType>(copy.getTarget().getType()))
      return failure();
    SmallVector<Value> flat = flattened(rewriter, copy.getLoc(),
                                        {copy.getSource(), copy.getTarget()});
    rewriter.replaceOpWithNewOp<linalg::CopyOp>(copy, flat[0], flat[1]);
    return success();
  }
};

struct LowerCopiesPass
    : public speir::impl::SpeIRLowerCopiesBase<LowerCopiesPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<MemRefCopyToLinalgCopy, FlattenContiguous<linalg::FillOp>,
                 FlattenContiguous<linalg::CopyOp>>(&getContext());
    walkAndApplyPatterns(getOperation(), std::move(patterns));
  }
};

} // namespace

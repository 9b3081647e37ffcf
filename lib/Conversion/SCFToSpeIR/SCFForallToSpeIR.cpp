#include "spine/Conversion/Passes.h"
#include "spine/Dialect/SpeIR/IR/SpeIR.h"
#include "spine/Dialect/XSMTAsync/IR/XSMTAsync.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/DialectConversion.h"

namespace mlir::spine {
#define GEN_PASS_DEF_CONVERTSCFFORALLTOSPEIR
#include "spine/Conversion/Passes.h.inc"
} // namespace mlir::spine

using namespace mlir;

namespace {

/// Sub-blocks that arrive at or wait on mbarriers must all run at once.
bool synchronizesThroughBarriers(scf::ForallOp forall) {
  WalkResult result = forall.getBody()->walk([](Operation *op) {
    return isa<xsmt_async::MBarrierWaitOp, xsmt_async::MBarrierArriveOp>(op)
               ? WalkResult::interrupt()
               : WalkResult::advance();
  });
  return result.wasInterrupted();
}

/// Reports what keeps a forall from becoming a speir.parallel (checked for
/// every forall before the conversion starts, so the pattern cannot fail).
LogicalResult checkConvertible(scf::ForallOp forall) {
  if (forall.getNumResults() != 0)
    return forall.emitOpError("with results cannot become a speir.parallel; "
                              "bufferize it first");
  if (forall.getRank() < 1 || forall.getRank() > 3)
    return forall.emitOpError("of rank ")
           << forall.getRank()
           << " is not supported; speir.parallel takes 1-3 dimensions";
  for (OpFoldResult s : forall.getMixedStep())
    if (std::optional<int64_t> constant = getConstantIntValue(s);
        constant && *constant <= 0)
      return forall.emitOpError("step must be positive, got ") << *constant;
  return success();
}

/// Trip count of one dimension: ceildiv(ub - lb, step), never negative. A
/// dynamic step is divided by only where it is positive (no trap on a zero
/// step); a step <= 0 runs nothing.
Value tripCount(OpBuilder &b, Location loc, OpFoldResult lb, OpFoldResult ub,
                OpFoldResult step) {
  AffineExpr l, u, s;
  bindSymbols(b.getContext(), l, u, s);
  AffineMap tripMap = AffineMap::get(0, 3, (u - l).ceilDiv(s));
  Value stepPositive;
  if (!getConstantIntValue(step)) {
    Value dynamicStep = cast<Value>(step);
    Value zero = arith::ConstantIndexOp::create(b, loc, 0);
    Value one = arith::ConstantIndexOp::create(b, loc, 1);
    stepPositive = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::sgt,
                                         dynamicStep, zero);
    step = arith::SelectOp::create(b, loc, stepPositive, dynamicStep, one)
               .getResult();
  }
  OpFoldResult trip =
      affine::makeComposedFoldedAffineApply(b, loc, tripMap, {lb, ub, step});
  if (stepPositive) {
    Value zero = arith::ConstantIndexOp::create(b, loc, 0);
    Value count = getValueOrCreateConstantIndexOp(b, loc, trip);
    trip =
        arith::SelectOp::create(b, loc, stepPositive, count, zero).getResult();
  }
  Value tripValue = getValueOrCreateConstantIndexOp(b, loc, trip);
  std::optional<int64_t> constantTrip = getConstantIntValue(trip);
  if (constantTrip && *constantTrip >= 0)
    return tripValue;
  return arith::MaxSIOp::create(b, loc, tripValue,
                                arith::ConstantIndexOp::create(b, loc, 0));
}

/// scf.forall (bufferized) -> speir.parallel over its trip counts, the body
/// moved in, each induction variable recomputed as lb + i * step. Nested
/// foralls become nested regions.
struct ForallToParallel : OpConversionPattern<scf::ForallOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(scf::ForallOp forall, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = forall.getLoc();
    SmallVector<OpFoldResult> lbs = forall.getMixedLowerBound();
    SmallVector<OpFoldResult> steps = forall.getMixedStep();
    SmallVector<Value> trips;
    for (auto [l, u, s] : llvm::zip(lbs, forall.getMixedUpperBound(), steps))
      trips.push_back(tripCount(rewriter, loc, l, u, s));
    auto parallel = speir::ParallelOp::create(rewriter, loc, trips);
    if (synchronizesThroughBarriers(forall))
      parallel.setConcurrent(true);
    Block &body = parallel.getBody().front();
    rewriter.setInsertionPointToStart(&body);
    AffineExpr i, base, stride;
    bindDims(rewriter.getContext(), i);
    bindSymbols(rewriter.getContext(), base, stride);
    AffineMap ivMap = AffineMap::get(1, 2, base + i * stride);
    SmallVector<Value> ivs;
    for (auto [d, lb] : llvm::enumerate(lbs)) {
      OpFoldResult value = affine::makeComposedFoldedAffineApply(
          rewriter, loc, ivMap, {body.getArgument(d), lb, steps[d]});
      ivs.push_back(getValueOrCreateConstantIndexOp(rewriter, loc, value));
    }
    Block *source = forall.getBody();
    rewriter.eraseOp(source->getTerminator());
    rewriter.inlineBlockBefore(source, body.getTerminator(), ivs);
    rewriter.eraseOp(forall);
    return success();
  }
};

struct ConvertSCFForallToSpeIRPass
    : public spine::impl::ConvertSCFForallToSpeIRBase<
          ConvertSCFForallToSpeIRPass> {
  void runOnOperation() override {
    bool convertible = true;
    getOperation()->walk([&](scf::ForallOp forall) {
      convertible &= succeeded(checkConvertible(forall));
    });
    if (!convertible)
      return signalPassFailure();
    RewritePatternSet patterns(&getContext());
    patterns.add<ForallToParallel>(&getContext());
    ConversionTarget target(getContext());
    target.addIllegalOp<scf::ForallOp>();
    target.markUnknownOpDynamicallyLegal([](Operation *) { return true; });
    if (failed(applyPartialConversion(getOperation(), target,
                                      std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace

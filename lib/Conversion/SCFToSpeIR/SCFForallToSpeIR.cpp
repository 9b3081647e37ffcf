#include "spine/Conversion/Passes.h"
#include "spine/Dialect/SpeIR/IR/SpeIR.h"
#include "spine/Dialect/XSMTAsync/IR/XSMTAsync.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/PatternMatch.h"

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

LogicalResult convertForall(IRRewriter &rewriter, scf::ForallOp forall) {
  if (forall.getNumResults() != 0)
    return forall.emitOpError("with results cannot become a speir.parallel; "
                              "bufferize it first");
  if (forall.getRank() < 1 || forall.getRank() > 3)
    return forall.emitOpError("of rank ")
           << forall.getRank()
           << " is not supported; speir.parallel takes 1-3 dimensions";
  Location loc = forall.getLoc();
  rewriter.setInsertionPoint(forall);
  SmallVector<OpFoldResult> lbs = forall.getMixedLowerBound();
  SmallVector<OpFoldResult> ubs = forall.getMixedUpperBound();
  SmallVector<OpFoldResult> steps = forall.getMixedStep();
  for (OpFoldResult s : steps)
    if (std::optional<int64_t> constant = getConstantIntValue(s);
        constant && *constant <= 0)
      return forall.emitOpError("step must be positive, got ") << *constant;

  // Trip count per dimension: ceildiv(ub - lb, step), never negative. A
  // dynamic step is divided by only where it is positive (no trap on a zero
  // step); a step <= 0 runs nothing.
  AffineExpr lb, ub, step;
  bindSymbols(rewriter.getContext(), lb, ub, step);
  AffineMap tripMap = AffineMap::get(0, 3, (ub - lb).ceilDiv(step));
  SmallVector<Value> trips;
  for (auto [l, u, s] : llvm::zip(lbs, ubs, steps)) {
    Value stepPositive;
    if (!getConstantIntValue(s)) {
      Value dynamicStep = cast<Value>(s);
      Value zero = arith::ConstantIndexOp::create(rewriter, loc, 0);
      Value one = arith::ConstantIndexOp::create(rewriter, loc, 1);
      stepPositive = arith::CmpIOp::create(
          rewriter, loc, arith::CmpIPredicate::sgt, dynamicStep, zero);
      s = arith::SelectOp::create(rewriter, loc, stepPositive, dynamicStep, one)
              .getResult();
    }
    OpFoldResult trip = affine::makeComposedFoldedAffineApply(
        rewriter, loc, tripMap, {l, u, s});
    if (stepPositive) {
      Value zero = arith::ConstantIndexOp::create(rewriter, loc, 0);
      Value count = getValueOrCreateConstantIndexOp(rewriter, loc, trip);
      trip = arith::SelectOp::create(rewriter, loc, stepPositive, count, zero)
                 .getResult();
    }
    Value tripValue = getValueOrCreateConstantIndexOp(rewriter, loc, trip);
    std::optional<int64_t> constantTrip = getConstantIntValue(trip);
    if (constantTrip && *constantTrip >= 0) {
      trips.push_back(tripValue);
      continue;
    }
    Value zero = arith::ConstantIndexOp::create(rewriter, loc, 0);
    trips.push_back(arith::MaxSIOp::create(rewriter, loc, tripValue, zero));
  }

  auto parallel = speir::ParallelOp::create(rewriter, loc, trips);
  if (synchronizesThroughBarriers(forall))
    parallel.setConcurrent(true);
  Block &body = parallel.getBody().front();
  rewriter.setInsertionPointToStart(&body);
  AffineExpr i, base, stride;
  bindDims(rewriter.getContext(), i);
  bindSymbols(rewriter.getContext(), base, stride);
  AffineMap ivMap = AffineMap::get(1, 2, base + i * stride);
  IRMapping mapping;
  for (auto [d, iv] : llvm::enumerate(forall.getInductionVars())) {
    OpFoldResult value = affine::makeComposedFoldedAffineApply(
        rewriter, loc, ivMap, {body.getArgument(d), lbs[d], steps[d]});
    mapping.map(iv, getValueOrCreateConstantIndexOp(rewriter, loc, value));
  }
  for (Operation &op : forall.getBody()->without_terminator())
    rewriter.clone(op, mapping);
  rewriter.eraseOp(forall);
  return success();
}

struct ConvertSCFForallToSpeIRPass
    : public spine::impl::ConvertSCFForallToSpeIRBase<
          ConvertSCFForallToSpeIRPass> {
  void runOnOperation() override {
    IRRewriter rewriter(&getContext());
    // Post-order: nested foralls become nested parallel regions.
    WalkResult result = getOperation()->walk([&](scf::ForallOp forall) {
      return failed(convertForall(rewriter, forall)) ? WalkResult::interrupt()
                                                     : WalkResult::advance();
    });
    if (result.wasInterrupted())
      signalPassFailure();
  }
};

} // namespace

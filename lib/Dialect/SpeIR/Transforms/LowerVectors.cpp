#include "spine/Dialect/SpeIR/Transforms/Passes.h"

#include "mlir/Conversion/VectorToSCF/VectorToSCF.h"
#include "mlir/Dialect/Vector/Transforms/LoweringPatterns.h"
#include "mlir/Dialect/Vector/Transforms/VectorRewritePatterns.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::speir {
#define GEN_PASS_DEF_SPEIRLOWERVECTORS
#include "spine/Dialect/SpeIR/Transforms/Passes.h.inc"
} // namespace mlir::speir

using namespace mlir;

namespace {

/// The lowering below unrolls n-D vectors into one op per row. Vectors from
/// our own vectorizer are a few registers; a hand-written vector of a
/// million rows would take minutes and gigabytes to unroll, so it is
/// refused with a diagnostic instead.
constexpr int64_t kMaxUnrolledRows = 4096;

LogicalResult checkUnrollable(Operation *root) {
  WalkResult result = root->walk([](Operation *op) {
    for (Type type :
         llvm::concat<Type>(op->getOperandTypes(), op->getResultTypes())) {
      auto vector = dyn_cast<VectorType>(type);
      if (!vector || vector.getRank() < 2 || vector.isScalable())
        continue;
      int64_t rows = 1; // stops growing past the limit: no overflow
      for (int64_t dim : vector.getShape().drop_back())
        if (rows <= kMaxUnrolledRows)
          rows = dim > kMaxUnrolledRows ? dim : rows * dim;
      if (rows > kMaxUnrolledRows) {
        op->emitError() << "vector type " << vector << " has more than "
                        << kMaxUnrolledRows
                        << " rows; speir-lower-vectors unrolls vectors row "
                           "by row and does not take one this large";
        return WalkResult::interrupt();
      }
    }
    return WalkResult::advance();
  });
  return failure(result.wasInterrupted());
}

struct LowerVectorsPass
    : public speir::impl::SpeIRLowerVectorsBase<LowerVectorsPass> {
  void runOnOperation() override {
    MLIRContext *ctx = &getContext();
    if (failed(checkUnrollable(getOperation())))
      return signalPassFailure();
    // Stage 0: masks into the transfers they guard (vector.mask { read }
    // -> a masked read: the remainder tile of a scalable loop), drop the
    // unit dimensions tiling leaves (vector<1x16xf32> is one register) and
    // flatten contiguous transfers to 1-D.
    {
      RewritePatternSet patterns(ctx);
      vector::populateVectorMaskLoweringPatternsForSideEffectingOps(patterns);
      vector::populateCastAwayVectorLeadingOneDimPatterns(patterns);
      vector::populateVectorTransferDropUnitDimsPatterns(patterns);
      vector::populateDropUnitDimWithShapeCastPatterns(patterns);
      vector::populateFlattenVectorTransferPatterns(patterns);
      vector::populateVectorToVectorCanonicalizationPatterns(patterns);
      if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
        return signalPassFailure();
    }
    // Stage 1: high-level ops to 1-D forms.
    {
      RewritePatternSet patterns(ctx);
      vector::populateVectorToVectorCanonicalizationPatterns(patterns);
      vector::populateVectorMultiReductionLoweringPatterns(
          patterns, vector::VectorMultiReductionLowering::InnerReduction);
      vector::populateVectorContractLoweringPatterns(
          patterns, vector::VectorContractLowering::OuterProduct);
      vector::populateVectorOuterProductLoweringPatterns(patterns);
      vector::populateVectorTransposeLoweringPatterns(
          patterns, vector::VectorTransposeLowering::EltWise);
      vector::populateVectorBroadcastLoweringPatterns(patterns);
      vector::populateVectorMaskOpLoweringPatterns(patterns);
      vector::populateVectorShapeCastLoweringPatterns(patterns);
      vector::populateVectorTransferPermutationMapLoweringPatterns(patterns);
      populateVectorToSCFConversionPatterns(
          patterns, VectorTransferToSCFOptions().enableFullUnroll());
      if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
        return signalPassFailure();
    }
    // Stage 2: the remaining 1-D transfers to plain (masked) loads/stores;
    // single elements (0-d vectors, e.g. a broadcast operand read through a
    // non-unit stride) to scalar loads and stores, which need no stride 1.
    {
      RewritePatternSet patterns(ctx);
      vector::populateVectorTransferLoweringPatterns(patterns,
                                                     /*maxTransferRank=*/1);
      vector::populateScalarVectorTransferLoweringPatterns(
          patterns, /*benefit=*/1, /*allowMultipleUses=*/true);
      vector::populateVectorToVectorCanonicalizationPatterns(patterns);
      if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
        return signalPassFailure();
    }
  }
};

} // namespace

#include "spine/Dialect/SpeIR/Transforms/Passes.h"

#include "mlir/Dialect/Math/Transforms/Passes.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::speir {
#define GEN_PASS_DEF_SPEIRAPPROXIMATEMATH
#include "spine/Dialect/SpeIR/Transforms/Passes.h.inc"
} // namespace mlir::speir

using namespace mlir;

namespace {

struct ApproximateMathPass
    : public speir::impl::SpeIRApproximateMathBase<ApproximateMathPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    // f16 math is computed in f32, then approximated. Upstream's rsqrt
    // approximation emits AVX2 ops; rsqrt stays a sqrt and a division.
    auto approximated = [](StringRef name) {
      return name != "rsqrt" && name != "math.rsqrt";
    };
    populateMathF32ExpansionPatterns(patterns, approximated);
    populateMathPolynomialApproximationPatterns(patterns, approximated);
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace

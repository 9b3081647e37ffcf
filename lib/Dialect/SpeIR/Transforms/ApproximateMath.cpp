#include "spine/Dialect/SpeIR/Transforms/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Math/Transforms/Passes.h"
#include "mlir/IR/ImplicitLocOpBuilder.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::speir {
#define GEN_PASS_DEF_SPEIRAPPROXIMATEMATH
#include "spine/Dialect/SpeIR/Transforms/Passes.h.inc"
} // namespace mlir::speir

using namespace mlir;

namespace {

/// exp on f32 scalars and vectors, within 1 ulp for normal results (0.92 at
/// most over [-104, 89]), in 16 fused multiply-adds or adds and 9 integer or
/// select ops, none of them a rounding-mode change:
///   x clamped to [-104, 88.75] by ordered compare + select, so NaN passes
///     through; 88.75 > ln(FLT_MAX) overflows to +inf below, and exp(-104)
///     rounds to +0;
///   t = x * log2(e) + 1.5 * 2^23 rounds x / ln 2 to the nearest integer k
///     (in t's low mantissa bits), kf = t - 1.5 * 2^23;
///   r = x - kf * ln 2, in two steps (Cody-Waite: ln 2's high part has 9
///     significant bits, so kf * high is exact), |r| <= ln 2 / 2;
///   exp(r) by its degree-7 Taylor polynomial (truncation < 2^-27);
///   result = p * 2^(k >> 1) * 2^(k - (k >> 1)): two powers of two, each a
///     normal number for k in [-150, 128], so a subnormal result rounds once.
/// Upstream's polynomial approximation does the same in more instructions
/// (its floor is a rounding-mode change on RVV, its clamps mask triples).
struct ExpF32 : OpRewritePattern<math::ExpOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(math::ExpOp op,
                                PatternRewriter &rewriter) const override {
    Type type = op.getType();
    if (!getElementTypeOrSelf(type).isF32())
      return failure();
    ImplicitLocOpBuilder b(op.getLoc(), rewriter);
    auto shaped = dyn_cast<ShapedType>(type);
    Type intType = b.getI32Type();
    if (shaped)
      intType = shaped.clone(intType);
    auto splat = [&](TypedAttr scalar) -> Value {
      Attribute value = scalar;
      if (shaped)
        value = SplatElementsAttr::get(
            cast<ShapedType>(shaped.clone(scalar.getType())), scalar);
      return arith::ConstantOp::create(b, cast<TypedAttr>(value));
    };
    auto f = [&](float v) { return splat(b.getF32FloatAttr(v)); };
    auto i = [&](int32_t v) { return splat(b.getI32IntegerAttr(v)); };
    auto clamp = [&](Value v, arith::CmpFPredicate outside, float bound) {
      Value c = f(bound);
      return arith::SelectOp::create(b, arith::CmpFOp::create(b, outside, v, c),
                                     c, v)
          .getResult();
    };
    Value x = clamp(clamp(op.getOperand(), arith::CmpFPredicate::OLT, -104.0f),
                    arith::CmpFPredicate::OGT, 88.75f);
    Value magic = f(12582912.0f); // 1.5 * 2^23
    Value t = math::FmaOp::create(b, x, f(1.44269504088896341f), magic);
    Value kf = arith::SubFOp::create(b, t, magic);
    Value r = math::FmaOp::create(b, kf, f(-0.693359375f), x);
    r = math::FmaOp::create(b, kf, f(2.12194440e-4f), r);
    Value p = f(1.0f / 5040.0f);
    for (float c : {1.0f / 720.0f, 1.0f / 120.0f, 1.0f / 24.0f, 1.0f / 6.0f,
                    0.5f, 1.0f, 1.0f})
      p = math::FmaOp::create(b, p, r, f(c));
    // k from t's bits: 1.5 * 2^23 is 0x4B400000, and k sits below it.
    Value k = arith::SubIOp::create(b, arith::BitcastOp::create(b, intType, t),
                                    i(0x4B400000));
    Value kHalf = arith::ShRSIOp::create(b, k, i(1));
    Value kRest = arith::SubIOp::create(b, k, kHalf);
    auto pow2 = [&](Value e) -> Value {
      Value biased = arith::AddIOp::create(b, e, i(127));
      return arith::BitcastOp::create(b, type,
                                      arith::ShLIOp::create(b, biased, i(23)));
    };
    Value scaled = arith::MulFOp::create(b, p, pow2(kHalf));
    rewriter.replaceOp(op, arith::MulFOp::create(b, scaled, pow2(kRest)));
    return success();
  }
};

struct ApproximateMathPass
    : public speir::impl::SpeIRApproximateMathBase<ApproximateMathPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    // f16 math is computed in f32, then approximated. Upstream's rsqrt
    // approximation emits AVX2 ops; rsqrt stays a sqrt and a division.
    auto approximated = [](StringRef name) {
      return name != "rsqrt" && name != "math.rsqrt";
    };
    // f32 exp is ExpF32's, also where another approximation (tanh's
    // upstream expansion, f16 exp through f32) produces it.
    auto polynomial = [&](StringRef name) {
      return approximated(name) && name != "exp" && name != "math.exp";
    };
    patterns.add<ExpF32>(&getContext());
    populateMathF32ExpansionPatterns(patterns, approximated);
    populateMathPolynomialApproximationPatterns(patterns, polynomial);
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace

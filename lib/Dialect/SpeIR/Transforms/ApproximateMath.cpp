#include "spine/Dialect/SpeIR/Transforms/Passes.h"

#include <cmath>

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Math/Transforms/Passes.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/ImplicitLocOpBuilder.h"
#include "mlir/IR/Matchers.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::speir {
#define GEN_PASS_DEF_SPEIRAPPROXIMATEMATH
#include "spine/Dialect/SpeIR/Transforms/Passes.h.inc"
} // namespace mlir::speir

using namespace mlir;

namespace {

/// exp on f32 scalars and vectors, within 1 ulp for normal results (0.94 at
/// most over [-104, 89]), in 24 arithmetic ops, none of them a rounding-mode
/// change, and with no constant that a vector register must hold (all are
/// scalar operands of .vf/.vx/.vi instructions on RVV: splat constants would
/// spill at LMUL 8):
///   x >= -104 by ordered compare + select, so NaN passes through (exp(-104)
///     rounds to +0); x <= 88.75 (> ln(FLT_MAX)) only where k is formed,
///     so k is in [-150, 128] and larger x overflow through r;
///   t = x * log2(e) + M rounds x / ln 2 to an integer k: M = 1.5 * 2^23 +
///     254, so t's bits are 0x4B4000FE + k, kf = t - M;
///   r = x - kf * ln 2, in two steps (Cody-Waite: ln 2's high part has 9
///     significant bits, so kf * high is exact); |r| <= ln 2 / 2 + 2^-17
///     (x * log2(e) is rounded before the constant is added);
///   exp(r) by a degree-6 polynomial, 1 + r * (1 + r * h), where h, of
///     degree 4, is evaluated by Horner's rule as multiplies and adds of
///     scalar constants: only r and the running sum live, which at LMUL 8
///     (four register groups) saves spills;
///   the scale 2^k in two powers of two, each a normal number for k in
///     [-150, 128], so a subnormal result rounds once: a = bits(t) >> 1 is
///     0x25A0007F + (k >> 1), and a << 23 drops everything but the biased
///     exponent 127 + (k >> 1): s1 = 2^(k >> 1); likewise s2 from
///     bits(t) - a = 0x25A0007F + k - (k >> 1);
///   result = (r * (s1 * (1 + r * h)) + s1) * s2: s1 * (1 + r * h) is one
///     fma and rounds as 1 + r * h would, the next fma adds s1 * 1.
/// exp(-y) takes y's negation into the constants (sigmoid's exp(-x) needs
/// no negation op). Two context forms (see matchAndRewrite): one scale
/// where the exp is only added to constants >= 1, and a maxnum/minnum
/// bound where the argument's NaN reaches the result anyway. Upstream's
/// polynomial approximation does the same in more instructions (its floor is a
/// rounding-mode change on RVV, its clamps mask triples). A NaN in y reaches
/// every use of e = exp(+-y) through another operand: each use multiplies or
/// divides y by e, or combines e with a constant into a value whose uses do so
/// (silu's y / (1 + exp(-y))). Then exp's own NaN propagation is redundant.
bool nanReachesEveryUse(Value e, Value y, unsigned depth = 0) {
  if (depth > 4 || e.use_empty())
    return false;
  for (OpOperand &use : e.getUses()) {
    Operation *user = use.getOwner();
    if (!isa<arith::AddFOp, arith::SubFOp, arith::MulFOp, arith::DivFOp>(user))
      return false;
    Value other = user->getOperand(1 - use.getOperandNumber());
    if (other == y && isa<arith::MulFOp, arith::DivFOp>(user))
      continue;
    if (matchPattern(other, m_Constant()) &&
        nanReachesEveryUse(user->getResult(0), y, depth + 1))
      continue;
    return false;
  }
  return true;
}

/// Every use of e adds a constant of magnitude >= 1 to it (sigmoid's
/// 1 + exp(-x)): an e below 2^-24 then vanishes in the sum, so e needs no
/// subnormal results (see ExpF32).
bool onlyAddedToUnitOrLarger(Value e) {
  if (e.use_empty())
    return false;
  for (OpOperand &use : e.getUses()) {
    auto add = dyn_cast<arith::AddFOp>(use.getOwner());
    if (!add)
      return false;
    Attribute value;
    if (!matchPattern(add->getOperand(1 - use.getOperandNumber()),
                      m_Constant(&value)))
      return false;
    if (auto splat = dyn_cast<SplatElementsAttr>(value))
      value = splat.getSplatValue<Attribute>();
    auto c = dyn_cast<FloatAttr>(value);
    if (!c || !c.getValue().isFinite() || std::fabs(c.getValueAsDouble()) < 1.0)
      return false;
  }
  return true;
}

/// Constants of an f32 scalar or shaped type (splats for vectors), and the
/// i32 type of the same shape.
struct Splats {
  Splats(ImplicitLocOpBuilder &b, Type type)
      : b(b), shaped(dyn_cast<ShapedType>(type)) {}
  Type intType() {
    return shaped ? Type(shaped.clone(b.getI32Type())) : b.getI32Type();
  }
  Value splat(TypedAttr scalar) {
    Attribute value = scalar;
    if (shaped)
      value = SplatElementsAttr::get(
          cast<ShapedType>(shaped.clone(scalar.getType())), scalar);
    return arith::ConstantOp::create(b, cast<TypedAttr>(value));
  }
  Value f(float v) { return splat(b.getF32FloatAttr(v)); }
  Value i(int32_t v) { return splat(b.getI32IntegerAttr(v)); }
  /// `bound` where `v outside bound` holds (an ordered predicate: a NaN
  /// stays), else v: compare + select.
  Value clamp(Value v, arith::CmpFPredicate outside, float bound) {
    Value c = f(bound);
    return arith::SelectOp::create(b, arith::CmpFOp::create(b, outside, v, c),
                                   c, v)
        .getResult();
  }
  /// c[0] * v^n + ... + c[n] by Horner's rule as multiplies and adds: the
  /// constants stay scalar operands (.vf), none a vector register.
  Value horner(ArrayRef<float> c, Value v) {
    Value r = f(c.front());
    for (float k : c.drop_front())
      r = arith::AddFOp::create(b, arith::MulFOp::create(b, r, v), f(k));
    return r;
  }

  ImplicitLocOpBuilder &b;
  ShapedType shaped;
};

struct ExpF32 : OpRewritePattern<math::ExpOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(math::ExpOp op,
                                PatternRewriter &rewriter) const override {
    Type type = op.getType();
    if (!getElementTypeOrSelf(type).isF32())
      return failure();
    ImplicitLocOpBuilder b(op.getLoc(), rewriter);
    Splats constants(b, type);
    Type intType = constants.intType();
    auto f = [&](float v) { return constants.f(v); };
    auto i = [&](int32_t v) { return constants.i(v); };
    auto clamp = [&](Value v, arith::CmpFPredicate outside, float bound) {
      return constants.clamp(v, outside, bound);
    };
    // exp(sign * y): sign = -1 when the operand is a negation.
    Value y = op.getOperand();
    float sign = 1.0f;
    if (auto neg = y.getDefiningOp<arith::NegFOp>())
      y = neg.getOperand(), sign = -1.0f;
    // x >= -104 by compare + select (NaN passes into r); x <= 88.75 only
    // where k is formed (maxnum/minnum: NaN becomes the bound there, r
    // keeps it). r then grows with x above the bound, and so does exp(r) >=
    // 1 + r: 2^128 * exp(r) overflows to +inf as it must.
    // Where y's NaN reaches the result anyway (nanReachesEveryUse), the
    // bound is a maxnum / minnum: one vfmax.vf, and no mask register live
    // across the polynomial.
    // Where the result is only added to constants >= 1
    // (onlyAddedToUnitOrLarger), x >= -86 keeps k >= -124, one power of two
    // 2^(k-1) scales and a multiply by 2 ends: no subnormal results (below
    // 2^-123 both the exact and this exp vanish in the sum), k = 128 stays
    // finite until that multiply, which overflows exactly when 2^k * p
    // does. For x in [-86, 88.75] the bits are the two-scale form's:
    // scaling by powers of two commutes with the roundings. One register
    // group less is live (silu at LMUL 8 then needs no spill).
    const bool oneScale = onlyAddedToUnitOrLarger(op.getResult());
    const float lower = oneScale ? -86.0f : -104.0f;
    if (nanReachesEveryUse(op.getResult(), y))
      y = sign > 0 ? arith::MaxNumFOp::create(b, y, f(lower)).getResult()
                   : arith::MinNumFOp::create(b, y, f(-lower)).getResult();
    else
      y = clamp(
          y, sign > 0 ? arith::CmpFPredicate::OLT : arith::CmpFPredicate::OGT,
          sign * lower);
    Value yk = sign > 0
                   ? arith::MinNumFOp::create(b, y, f(88.75f)).getResult()
                   : arith::MaxNumFOp::create(b, y, f(-88.75f)).getResult();
    // 1.5 * 2^23 + 254 (two scales) or + 126 (one: bits(t) << 23 is then
    // the bits of 2^(k-1)).
    Value magic = f(oneScale ? 12583038.0f : 12583166.0f);
    Value t = arith::AddFOp::create(
        b, arith::MulFOp::create(b, yk, f(sign * 1.44269504088896341f)), magic);
    Value kf = arith::SubFOp::create(b, t, magic);
    // r = x - kf * ln2_high, as -(y + kf * ln2_high) when x = -y.
    Value r = math::FmaOp::create(b, kf, f(sign * -0.693359375f), y);
    if (sign < 0)
      r = arith::NegFOp::create(b, r);
    r = math::FmaOp::create(b, kf, f(2.12194440e-4f), r);
    // Horner steps as a multiply and an add: the constants stay scalars.
    // h(r) ~ (exp(r) - 1 - r) / r^2 = 1/2 + r/6 + r^2/24 + ..., degree 4,
    // fitted (minimax, weighted by r^2) on |r| <= ln 2 / 2: p is within
    // 3.2e-9 of exp(r) before rounding.
    Value h = arith::AddFOp::create(
        b, arith::MulFOp::create(b, r, f(0x1.6db416p-10f)), f(0x1.123b4ap-7f));
    for (float c : {0x1.55545ep-5f, 0x1.55548ep-3f, 0.5f})
      h = arith::AddFOp::create(b, arith::MulFOp::create(b, h, r), f(c));
    Value bits = arith::BitcastOp::create(b, intType, t);
    auto pow2 = [&](Value biased) -> Value {
      return arith::BitcastOp::create(b, type,
                                      arith::ShLIOp::create(b, biased, i(23)));
    };
    if (oneScale) {
      // (r * (s * (1 + r * h)) + s) * 2 with s = 2^(k-1).
      Value s = pow2(bits);
      Value q = math::FmaOp::create(b, arith::MulFOp::create(b, r, h), s, s);
      rewriter.replaceOp(op, arith::MulFOp::create(
                                 b, math::FmaOp::create(b, r, q, s), f(2.0f)));
      return success();
    }
    Value half = arith::ShRSIOp::create(b, bits, i(1));
    Value s1 = pow2(half);
    Value s2 = pow2(arith::SubIOp::create(b, bits, half));
    Value q = math::FmaOp::create(b, arith::MulFOp::create(b, r, h), s1, s1);
    rewriter.replaceOp(
        op, arith::MulFOp::create(b, math::FmaOp::create(b, r, q, s1), s2));
    return success();
  }
};

/// An odd function on f32 scalars and vectors as x P(x^2) / Q(x^2), x
/// clamped to [-bound, bound] by compare + select (beyond the bound the
/// function rounds to +-1, which the bound's value gives exactly; a NaN
/// passes the compares and every op after). Every constant is a scalar
/// operand (Horner's rule as multiplies and adds, none a vector register
/// held across the loop), one division. The coefficients and their check
/// are scripts/fit_math_f32.py's (a relative-error fit, rounded to f32 one
/// coefficient at a time with the rest refitted; the op sequence emulated
/// in f32 over 1.5 M points):
///   erf: degrees 6 and 4, bound 3.92, within 6.6 ulp (5 measured by e2e
///     `erf_sweep`), 27 ops. Upstream's is within 3.9 ulp but selects its
///     coefficients among three ranges: 18 vector constants, which spill
///     at any LMUL above 1. erf + y at VLEN 256: 0.64 instructions and 6.0
///     modeled X60 cycles per element at LMUL 8, upstream's 6.25 and 18.5
///     at its best LMUL (1); on the host 0.29 ns against 0.45.
///   tanh: degrees 4 and 4, bound 9.02, within 5.7 ulp (e2e `tanh_sweep`),
///     22 ops; upstream's also keeps x where |x| < 0.0004 (a mask live
///     across the polynomials; here P(0) = Q(0) = 1 gives x).
struct OddRational {
  float bound;
  ArrayRef<float> p, q; // highest degree first
};
constexpr float kErfP[] = {0x1.564274p-26f, -0x1.06c366p-19f, 0x1.297cd6p-13f,
                           0x1.e53792p-9f,  0x1.9e4e36p-5f,   0x1.997666p-3f,
                           0x1.20dd74p+0f};
constexpr float kErfQ[] = {0x1.f54538p-11f, 0x1.d6590cp-7f, 0x1.d70c26p-4f,
                           0x1.05628ep-1f, 1.0f};
constexpr float kTanhP[] = {0x1.c9a026p-27f, 0x1.595404p-16f, 0x1.c9f7c8p-9f,
                            0x1.12042ep-3f, 1.0f};
constexpr float kTanhQ[] = {0x1.a0b5d6p-21f, 0x1.584112p-12f, 0x1.a7dee2p-6f,
                            0x1.de5760p-2f, 1.0f};

template <typename MathOp> struct OddRationalF32 : OpRewritePattern<MathOp> {
  OddRationalF32(MLIRContext *context, OddRational form)
      : OpRewritePattern<MathOp>(context), form(form) {}

  LogicalResult matchAndRewrite(MathOp op,
                                PatternRewriter &rewriter) const override {
    Type type = op.getType();
    if (!getElementTypeOrSelf(type).isF32())
      return failure();
    ImplicitLocOpBuilder b(op.getLoc(), rewriter);
    Splats c(b, type);
    Value x =
        c.clamp(c.clamp(op.getOperand(), arith::CmpFPredicate::OGT, form.bound),
                arith::CmpFPredicate::OLT, -form.bound);
    Value t = arith::MulFOp::create(b, x, x);
    rewriter.replaceOpWithNewOp<arith::DivFOp>(
        op, arith::MulFOp::create(b, x, c.horner(form.p, t)),
        c.horner(form.q, t));
    return success();
  }

  OddRational form;
};

/// fptosi(clamp(roundeven(x))) with integral clamp bounds (quantization's
/// round, saturate, convert) becomes lrint(clamp'(x)): one conversion in the
/// current rounding mode (round-to-nearest-even: generated code never
/// changes it) instead of a rounding sequence and a truncating conversion.
///   - The clamps commute with the rounding: roundeven is monotone and keeps
///     integers, so max(roundeven(x), b) == roundeven(max(x, b)) for an
///     integral b (and min alike).
///   - maximumf/minimumf become maxnumf/minnumf: they differ only on NaN
///     and on the sign of zero, and fptosi of a NaN is poison either way.
/// Scalars and vectors with i32/i64 results; llvm.intr.lrint takes 1-D
/// vectors, so an N-D one is flattened around it (vector.shape_cast). Every
/// op of the chain must have no other user.
struct RoundThenConvert : OpRewritePattern<arith::FPToSIOp> {
  using OpRewritePattern::OpRewritePattern;

  static bool isIntegralConstant(Value v) {
    FloatAttr scalar;
    DenseFPElementsAttr splat;
    if (matchPattern(v, m_Constant(&splat)) && splat.isSplat())
      scalar = FloatAttr::get(splat.getElementType(),
                              splat.getSplatValue<APFloat>());
    else if (!matchPattern(v, m_Constant(&scalar)))
      return false;
    APFloat value = scalar.getValue();
    return value.isFinite() && value.isInteger();
  }

  LogicalResult matchAndRewrite(arith::FPToSIOp op,
                                PatternRewriter &rewriter) const override {
    Type result = op.getType();
    auto vector = dyn_cast<VectorType>(result);
    // A scalable vector flattens only when its last dimension alone is
    // scalable (vector<1x[16]xf32> -> vector<[16]xf32>).
    if ((vector && vector.isScalable() &&
         (llvm::count(vector.getScalableDims(), true) != 1 ||
          !vector.getScalableDims().back())) ||
        !getElementTypeOrSelf(result).isSignlessInteger() ||
        (getElementTypeOrSelf(result).getIntOrFloatBitWidth() != 32 &&
         getElementTypeOrSelf(result).getIntOrFloatBitWidth() != 64))
      return failure();
    Type element = getElementTypeOrSelf(op.getIn().getType());
    if (!element.isF32() && !element.isF64())
      return failure();
    // The clamps from the conversion inwards: (op, its bound).
    SmallVector<std::pair<Operation *, Value>> clamps;
    Value v = op.getIn();
    math::RoundEvenOp round;
    while (Operation *def = v.getDefiningOp()) {
      if (!def->hasOneUse())
        return failure();
      if ((round = dyn_cast<math::RoundEvenOp>(def)))
        break;
      if (!isa<arith::MaximumFOp, arith::MinimumFOp, arith::MaxNumFOp,
               arith::MinNumFOp>(def))
        return failure();
      Value lhs = def->getOperand(0), rhs = def->getOperand(1);
      if (isIntegralConstant(rhs))
        clamps.push_back({def, rhs}), v = lhs;
      else if (isIntegralConstant(lhs))
        clamps.push_back({def, lhs}), v = rhs;
      else
        return failure();
    }
    if (!round)
      return failure();
    Location loc = op.getLoc();
    Value x = round.getOperand();
    for (auto [clamp, bound] : llvm::reverse(clamps)) {
      if (isa<arith::MaximumFOp, arith::MaxNumFOp>(clamp))
        x = arith::MaxNumFOp::create(rewriter, loc, x, bound);
      else
        x = arith::MinNumFOp::create(rewriter, loc, x, bound);
    }
    if (!vector || vector.getRank() == 1) {
      rewriter.replaceOpWithNewOp<LLVM::LrintOp>(op, result, x);
      return success();
    }
    // The element count per vscale (getNumElements() refuses scalable
    // vectors).
    int64_t elements = ShapedType::getNumElements(vector.getShape());
    bool scalable = vector.isScalable();
    Value flat = vector::ShapeCastOp::create(
        rewriter, loc,
        VectorType::get({elements}, getElementTypeOrSelf(x.getType()),
                        {scalable}),
        x);
    Value converted = LLVM::LrintOp::create(
        rewriter, loc,
        VectorType::get({elements}, vector.getElementType(), {scalable}), flat);
    rewriter.replaceOpWithNewOp<vector::ShapeCastOp>(op, result, converted);
    return success();
  }
};

/// Upstream's polynomial approximations (log, sin, atan, erfc, ...; exp, erf
/// and tanh are ours above)
/// evaluate Horner steps as fma(x, p, c) with c a splat constant. RVV's fmas
/// take a scalar only as a multiplicand (vfmacc.vf, vfmadd.vf), so every
/// such c is a vector register, which LLVM hoists out of the loop and holds
/// across it: seven to eighteen registers per function, which at LMUL 4 and
/// 8 spill and are reloaded every iteration. A multiply and an add of the
/// scalar (vfadd.vf) keep the constant in a scalar register, one
/// instruction more per step; the polynomial rounds twice per step instead
/// of once (the approximations stay within a few ulp).
/// Only the fmas the approximations made are split: a kernel's own fma
/// (tl.fma) keeps its single rounding.
void splitConstantAddendFmas(Operation *root,
                             const llvm::DenseSet<Operation *> &kept) {
  SmallVector<math::FmaOp> split;
  root->walk([&](math::FmaOp fma) {
    if (kept.contains(fma) || !isa<VectorType>(fma.getType()))
      return;
    Attribute addend;
    if (matchPattern(fma.getC(), m_Constant(&addend)) &&
        !matchPattern(fma.getA(), m_Constant()) &&
        !matchPattern(fma.getB(), m_Constant()))
      split.push_back(fma);
  });
  for (math::FmaOp fma : split) {
    ImplicitLocOpBuilder b(fma.getLoc(), fma);
    Value product =
        arith::MulFOp::create(b, fma.getA(), fma.getB(), fma.getFastmathAttr());
    fma.replaceAllUsesWith(
        arith::AddFOp::create(b, product, fma.getC(), fma.getFastmathAttr())
            .getResult());
    fma.erase();
  }
}

struct ApproximateMathPass
    : public speir::impl::SpeIRApproximateMathBase<ApproximateMathPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    // f16 math is computed in f32, then approximated. Upstream's rsqrt
    // approximation emits AVX2 ops; rsqrt stays a sqrt and a division.
    auto approximated = [](StringRef name) {
      return name != "rsqrt" && name != "math.rsqrt";
    };
    // f32 exp, erf and tanh are ours (ExpF32, OddRationalF32), also where
    // another approximation (f16 math through f32) produces them.
    auto polynomial = [&](StringRef name) {
      return approximated(name) &&
             !llvm::is_contained(
                 {"exp", "math.exp", "erf", "math.erf", "tanh", "math.tanh"},
                 name);
    };
    patterns.add<ExpF32, RoundThenConvert>(&getContext());
    patterns.add<OddRationalF32<math::ErfOp>>(
        &getContext(), OddRational{0x1.f5c29p+1f, kErfP, kErfQ});
    patterns.add<OddRationalF32<math::TanhOp>>(
        &getContext(), OddRational{0x1.20a3d8p+3f, kTanhP, kTanhQ});
    populateMathF32ExpansionPatterns(patterns, approximated);
    populateMathPolynomialApproximationPatterns(patterns, polynomial);
    // The kernel's own fmas stay fused (a used op stays where it is; one
    // erased as dead could only hand its address to a new fma, which then
    // stays fused too).
    llvm::DenseSet<Operation *> kernelFmas;
    getOperation()->walk([&](math::FmaOp fma) { kernelFmas.insert(fma); });
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      return signalPassFailure();
    splitConstantAddendFmas(getOperation(), kernelFmas);
  }
};

} // namespace

//===- LinalgConvToSpeIR.cpp - Linalg convolutions to SpeIR window ops ----===//
//
// Runs on tensors so that a tensor.pad feeding the input can be folded into
// the op's padding attribute (after bufferization the pad would already be
// a copy into a fresh buffer).
//
//===----------------------------------------------------------------------===//

#include "spine/Conversion/Passes.h"
#include "spine/Dialect/SpeIR/IR/ContractionTypes.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "mlir/Transforms/WalkPatternRewriteDriver.h"

namespace mlir::spine {
#define GEN_PASS_DEF_CONVERTLINALGCONVTOSPEIR
#include "spine/Conversion/Passes.h.inc"
} // namespace mlir::spine

using namespace mlir;

namespace {

/// The reduction a window op performs, which decides its neutral value.
enum class Reduction { Sum, Max, Min };

/// True when `value` is a constant equal to the neutral element of
/// `reduction`: zero for sums (either sign for floats), -inf / +inf for
/// float max / min, and for an integer init (`isInit`) the type's smallest /
/// largest value. An integer max/min pad is never folded: a window entirely
/// in padding would give the pad value in Linalg but INT32_MIN/MAX in the
/// runtime.
bool isNeutral(Value value, Reduction reduction, bool isInit = false) {
  Attribute attr;
  if (!value || !matchPattern(value, m_Constant(&attr)))
    return false;
  if (auto f = dyn_cast<FloatAttr>(attr)) {
    const APFloat &v = f.getValue();
    switch (reduction) {
    case Reduction::Sum:
      return v.isZero();
    case Reduction::Max:
      return v.isInfinity() && v.isNegative();
    case Reduction::Min:
      return v.isInfinity() && !v.isNegative();
    }
  }
  if (auto i = dyn_cast<IntegerAttr>(attr)) {
    const APInt &v = i.getValue();
    switch (reduction) {
    case Reduction::Sum:
      return v.isZero();
    case Reduction::Max:
      return isInit && v.isMinSignedValue();
    case Reduction::Min:
      return isInit && v.isMaxSignedValue();
    }
  }
  return false;
}

/// The input with a foldable tensor.pad looked through, and the top/left
/// padding it contributed; {input, {0, 0}} when there is none to fold.
std::pair<Value, SmallVector<int64_t>> foldInputPad(Value input, bool nchw,
                                                    Reduction reduction) {
  SmallVector<int64_t> none = {0, 0};
  auto pad = input.getDefiningOp<tensor::PadOp>();
  if (!pad || pad.getNofold() ||
      !isNeutral(pad.getConstantPaddingValue(), reduction))
    return {input, none};
  ArrayRef<int64_t> low = pad.getStaticLow(), high = pad.getStaticHigh();
  if (low.size() != 4)
    return {input, none};
  int64_t spatial0 = nchw ? 2 : 1;
  for (int64_t d = 0; d < 4; ++d) {
    if (ShapedType::isDynamic(low[d]) || ShapedType::isDynamic(high[d]) ||
        low[d] < 0 || high[d] < 0)
      return {input, none};
    bool isSpatial = d == spatial0 || d == spatial0 + 1;
    if (!isSpatial && (low[d] != 0 || high[d] != 0))
      return {input, none};
  }
  return {pad.getSource(), {low[spatial0], low[spatial0 + 1]}};
}

/// The init with a neutral linalg.fill looked through (overwrite mode), or
/// the init itself (accumulate).
std::pair<Value, bool> foldInitFill(Value init, Reduction reduction) {
  if (auto fill = init.getDefiningOp<linalg::FillOp>())
    if (fill.hasPureTensorSemantics() &&
        isNeutral(fill.getInputs()[0], reduction, /*isInit=*/true))
      return {fill.getOutputs()[0], /*accumulate=*/false};
  return {init, /*accumulate=*/true};
}

SmallVector<int64_t> pairOf(DenseIntElementsAttr attr) {
  return llvm::to_vector(
      llvm::map_range(attr.getValues<int64_t>(), [](int64_t v) { return v; }));
}

/// Erases the producer of `value`, and then theirs, while nothing else uses
/// them: the pad and fill folded into the new op (and a pooling window's
/// tensor.empty). The single-walk driver leaves dead ops in place, and
/// bufferization would materialize them.
void eraseDeadProducers(RewriterBase &rewriter, Value value) {
  Operation *def = value.getDefiningOp();
  if (!def || !isOpTriviallyDead(def))
    return;
  SmallVector<Value> operands(def->getOperands());
  rewriter.eraseOp(def);
  for (Value operand : operands)
    eraseDeadProducers(rewriter, operand);
}

/// linalg conv / depthwise conv named op -> speir.conv2d.
template <typename ConvOp> struct ConvToSpeIR : OpRewritePattern<ConvOp> {
  ConvToSpeIR(MLIRContext *ctx, speir::ConvLayout layout)
      : OpRewritePattern<ConvOp>(ctx), layout(layout) {}

  LogicalResult matchAndRewrite(ConvOp op,
                                PatternRewriter &rewriter) const override {
    if (!op.hasPureTensorSemantics())
      return rewriter.notifyMatchFailure(op, "not on tensors");
    Value input = op.getInputs()[0], filter = op.getInputs()[1];
    Value init = op.getOutputs()[0];
    if (!speir::isSupportedContraction(
            speir::ContractionKernel::Tiled, getElementTypeOrSelf(input),
            getElementTypeOrSelf(filter), getElementTypeOrSelf(init)))
      return rewriter.notifyMatchFailure(op, "element types without a kernel");
    bool nchw = speir::stringifyEnum(layout).starts_with("nchw");
    auto [source, padding] = foldInputPad(input, nchw, Reduction::Sum);
    auto [dest, accumulate] = foldInitFill(init, Reduction::Sum);
    auto conv = speir::Conv2DOp::create(
        rewriter, op.getLoc(), TypeRange{init.getType()}, source, filter, dest,
        layout, rewriter.getDenseI64ArrayAttr(pairOf(op.getStrides())),
        rewriter.getDenseI64ArrayAttr(pairOf(op.getDilations())),
        rewriter.getDenseI64ArrayAttr(padding), accumulate);
    rewriter.replaceOp(op, conv.getResults());
    eraseDeadProducers(rewriter, input);
    eraseDeadProducers(rewriter, init);
    return success();
  }

  speir::ConvLayout layout;
};

/// linalg pooling named op -> speir.pool2d.
template <typename PoolOp> struct PoolToSpeIR : OpRewritePattern<PoolOp> {
  PoolToSpeIR(MLIRContext *ctx, speir::PoolKind kind, speir::PoolLayout layout,
              Reduction reduction)
      : OpRewritePattern<PoolOp>(ctx), kind(kind), layout(layout),
        reduction(reduction) {}

  LogicalResult matchAndRewrite(PoolOp op,
                                PatternRewriter &rewriter) const override {
    if (!op.hasPureTensorSemantics())
      return rewriter.notifyMatchFailure(op, "not on tensors");
    Value input = op.getInputs()[0], window = op.getInputs()[1];
    Value init = op.getOutputs()[0];
    auto windowType = dyn_cast<ShapedType>(window.getType());
    if (!windowType || windowType.getRank() != 2 ||
        !windowType.hasStaticShape())
      return rewriter.notifyMatchFailure(op, "window shape not static");
    if (!speir::isSupportedContraction(
            speir::ContractionKernel::Tiled, getElementTypeOrSelf(input),
            getElementTypeOrSelf(input), getElementTypeOrSelf(init)))
      return rewriter.notifyMatchFailure(op, "element types without a kernel");
    auto [source, padding] =
        foldInputPad(input, layout == speir::PoolLayout::nchw, reduction);
    auto [dest, accumulate] = foldInitFill(init, reduction);
    auto pool = speir::Pool2DOp::create(
        rewriter, op.getLoc(), TypeRange{init.getType()}, source, dest, kind,
        layout, rewriter.getDenseI64ArrayAttr(windowType.getShape()),
        rewriter.getDenseI64ArrayAttr(pairOf(op.getStrides())),
        rewriter.getDenseI64ArrayAttr(pairOf(op.getDilations())),
        rewriter.getDenseI64ArrayAttr(padding), accumulate);
    rewriter.replaceOp(op, pool.getResults());
    for (Value v : {input, window, init})
      eraseDeadProducers(rewriter, v);
    return success();
  }

  speir::PoolKind kind;
  speir::PoolLayout layout;
  Reduction reduction;
};

struct ConvertLinalgConvToSpeIRPass
    : public spine::impl::ConvertLinalgConvToSpeIRBase<
          ConvertLinalgConvToSpeIRPass> {
  void runOnOperation() override {
    MLIRContext *ctx = &getContext();
    RewritePatternSet patterns(ctx);
    patterns.add<ConvToSpeIR<linalg::Conv2DNhwcHwcfOp>>(
        ctx, speir::ConvLayout::nhwc_hwcf);
    patterns.add<ConvToSpeIR<linalg::Conv2DNchwFchwOp>>(
        ctx, speir::ConvLayout::nchw_fchw);
    patterns.add<ConvToSpeIR<linalg::Conv2DNhwcFhwcOp>>(
        ctx, speir::ConvLayout::nhwc_fhwc);
    patterns.add<ConvToSpeIR<linalg::DepthwiseConv2DNhwcHwcOp>>(
        ctx, speir::ConvLayout::nhwc_hwc);
    patterns.add<ConvToSpeIR<linalg::DepthwiseConv2DNchwChwOp>>(
        ctx, speir::ConvLayout::nchw_chw);
    patterns.add<PoolToSpeIR<linalg::PoolingNhwcMaxOp>>(
        ctx, speir::PoolKind::max, speir::PoolLayout::nhwc, Reduction::Max);
    patterns.add<PoolToSpeIR<linalg::PoolingNhwcMinOp>>(
        ctx, speir::PoolKind::min, speir::PoolLayout::nhwc, Reduction::Min);
    patterns.add<PoolToSpeIR<linalg::PoolingNhwcSumOp>>(
        ctx, speir::PoolKind::sum, speir::PoolLayout::nhwc, Reduction::Sum);
    patterns.add<PoolToSpeIR<linalg::PoolingNchwMaxOp>>(
        ctx, speir::PoolKind::max, speir::PoolLayout::nchw, Reduction::Max);
    patterns.add<PoolToSpeIR<linalg::PoolingNchwSumOp>>(
        ctx, speir::PoolKind::sum, speir::PoolLayout::nchw, Reduction::Sum);
    // One rewrite per op, in a single walk: nothing else is folded.
    walkAndApplyPatterns(getOperation(), std::move(patterns));
  }
};

} // namespace

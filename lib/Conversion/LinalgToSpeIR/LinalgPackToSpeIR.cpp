#include "spine/Conversion/Passes.h"
#include "spine/Dialect/SpeIR/IR/SpeIR.h"

#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/WalkPatternRewriteDriver.h"

namespace mlir::spine {
#define GEN_PASS_DEF_CONVERTLINALGPACKTOSPEIR
#include "spine/Conversion/Passes.h.inc"
} // namespace mlir::spine

using namespace mlir;

namespace {

/// The buffer behind `tensor`, in whatever layout bufferization gives it.
Value bufferOf(OpBuilder &b, Location loc, Value tensor) {
  auto type = cast<RankedTensorType>(tensor.getType());
  auto memrefType = MemRefType::get(
      type.getShape(), type.getElementType(),
      StridedLayoutAttr::get(
          b.getContext(), ShapedType::kDynamic,
          SmallVector<int64_t>(type.getRank(), ShapedType::kDynamic)));
  return bufferization::ToBufferOp::create(b, loc, memrefType, tensor,
                                           /*read_only=*/true);
}

/// A new buffer shaped like `like` (a tensor), dynamic sizes taken from it.
Value allocLike(OpBuilder &b, Location loc, Value like) {
  auto type = cast<RankedTensorType>(like.getType());
  SmallVector<Value> dynamicSizes;
  for (int64_t i = 0; i < type.getRank(); ++i)
    if (type.isDynamicDim(i))
      dynamicSizes.push_back(tensor::DimOp::create(b, loc, like, i));
  return memref::AllocOp::create(
      b, loc, MemRefType::get(type.getShape(), type.getElementType()),
      dynamicSizes);
}

SmallVector<int64_t> outerPermOrIdentity(ArrayRef<int64_t> perm) {
  return perm.empty() ? SmallVector<int64_t>{0, 1} : llvm::to_vector(perm);
}

/// The 2-D relayouts the runtime packs: static tiles, and tiles ordered like
/// the outer dimensions (plain or transposed).
template <typename OpTy> bool hasRuntimeKernel(OpTy op, int64_t matrixRank) {
  return matrixRank == 2 && op.hasPureTensorSemantics() &&
         llvm::none_of(op.getStaticInnerTiles(), ShapedType::isDynamic) &&
         ArrayRef<int64_t>(outerPermOrIdentity(op.getOuterDimsPerm())) ==
             op.getInnerDimsPos();
}

/// linalg.pack -> speir.pack and linalg.unpack -> speir.unpack, each into a
/// new buffer read back as a tensor.
template <typename OpTy> struct RelayoutToSpeIR : OpRewritePattern<OpTy> {
  using OpRewritePattern<OpTy>::OpRewritePattern;
  static constexpr bool isPack = std::is_same_v<OpTy, linalg::PackOp>;

  LogicalResult matchAndRewrite(OpTy op,
                                PatternRewriter &rewriter) const override {
    int64_t matrixRank =
        isPack ? op.getSourceType().getRank() : op.getDestType().getRank();
    if (!hasRuntimeKernel(op, matrixRank))
      return failure();
    Location loc = op.getLoc();
    Value source = bufferOf(rewriter, loc, op.getSource());
    Value dest = allocLike(rewriter, loc, op.getDest());
    DenseI64ArrayAttr outer = rewriter.getDenseI64ArrayAttr(
        outerPermOrIdentity(op.getOuterDimsPerm()));
    DenseI64ArrayAttr inner =
        rewriter.getDenseI64ArrayAttr(op.getInnerDimsPos());
    if constexpr (isPack)
      speir::PackOp::create(rewriter, loc, source, dest, op.getPaddingValue(),
                            outer, inner);
    else
      speir::UnpackOp::create(rewriter, loc, source, dest, outer, inner);
    rewriter.replaceOpWithNewOp<bufferization::ToTensorOp>(
        op, op.getDestType(), dest, /*restrict=*/true, /*writable=*/true);
    return success();
  }
};

struct ConvertLinalgPackToSpeIRPass
    : public spine::impl::ConvertLinalgPackToSpeIRBase<
          ConvertLinalgPackToSpeIRPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<RelayoutToSpeIR<linalg::PackOp>,
                 RelayoutToSpeIR<linalg::UnPackOp>>(&getContext());
    // One rewrite per op, in a single walk: nothing else is folded.
    walkAndApplyPatterns(getOperation(), std::move(patterns));
  }
};

} // namespace

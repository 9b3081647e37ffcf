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

/// linalg.pack -> speir.pack into a new buffer, read back as a tensor.
struct PackToSpeIR : OpRewritePattern<linalg::PackOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(linalg::PackOp pack,
                                PatternRewriter &rewriter) const override {
    if (!hasRuntimeKernel(pack, pack.getSourceType().getRank()))
      return failure();
    Location loc = pack.getLoc();
    Value source = bufferOf(rewriter, loc, pack.getSource());
    Value dest = allocLike(rewriter, loc, pack.getDest());
    speir::PackOp::create(
        rewriter, loc, source, dest, pack.getPaddingValue(),
        rewriter.getDenseI64ArrayAttr(
            outerPermOrIdentity(pack.getOuterDimsPerm())),
        rewriter.getDenseI64ArrayAttr(pack.getInnerDimsPos()));
    rewriter.replaceOpWithNewOp<bufferization::ToTensorOp>(
        pack, pack.getDestType(), dest, /*restrict=*/true, /*writable=*/true);
    return success();
  }
};

/// linalg.unpack -> speir.unpack into a new buffer, read back as a tensor.
struct UnpackToSpeIR : OpRewritePattern<linalg::UnPackOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(linalg::UnPackOp unpack,
                                PatternRewriter &rewriter) const override {
    if (!hasRuntimeKernel(unpack, unpack.getDestType().getRank()))
      return failure();
    Location loc = unpack.getLoc();
    Value source = bufferOf(rewriter, loc, unpack.getSource());
    Value dest = allocLike(rewriter, loc, unpack.getDest());
    speir::UnpackOp::create(
        rewriter, loc, source, dest,
        rewriter.getDenseI64ArrayAttr(
            outerPermOrIdentity(unpack.getOuterDimsPerm())),
        rewriter.getDenseI64ArrayAttr(unpack.getInnerDimsPos()));
    rewriter.replaceOpWithNewOp<bufferization::ToTensorOp>(
        unpack, unpack.getDestType(), dest, /*restrict=*/true,
        /*writable=*/true);
    return success();
  }
};

struct ConvertLinalgPackToSpeIRPass
    : public spine::impl::ConvertLinalgPackToSpeIRBase<
          ConvertLinalgPackToSpeIRPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<PackToSpeIR, UnpackToSpeIR>(&getContext());
    // One rewrite per op, in a single walk: nothing else is folded.
    walkAndApplyPatterns(getOperation(), std::move(patterns));
  }
};

} // namespace

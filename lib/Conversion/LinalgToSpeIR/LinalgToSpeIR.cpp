#include "spine/Conversion/Passes.h"
#include "spine/Dialect/SpeIR/IR/ContractionTypes.h"
#include "spine/Dialect/SpeIR/IR/SpeIR.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/IR/LinalgInterfaces.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/WalkPatternRewriteDriver.h"

namespace mlir::spine {
#define GEN_PASS_DEF_CONVERTLINALGTOSPEIR
#include "spine/Conversion/Passes.h.inc"
} // namespace mlir::spine

using namespace mlir;

namespace {

/// Signedness of the integer operands of a contraction.
struct Signedness {
  bool lhsUnsigned = false;
  bool rhsUnsigned = false;
};

/// A view the runtime's GEMM reads directly: unit stride in one of the two
/// innermost dimensions.
bool hasUnitStrideInLastTwo(Value memref) {
  auto type = cast<MemRefType>(memref.getType());
  SmallVector<int64_t> strides;
  int64_t offset;
  if (failed(type.getStridesAndOffset(strides, offset)))
    return false;
  unsigned r = strides.size();
  return strides[r - 1] == 1 || strides[r - 2] == 1;
}

/// For a linalg.generic: true when its body is `out + cast(a) * cast(b)`
/// (float or integer), recording which integer operands are zero-extended.
bool isMatmulBody(linalg::GenericOp op, Signedness &signedness) {
  Block &body = op.getRegion().front();
  auto yield = cast<linalg::YieldOp>(body.getTerminator());
  if (yield.getNumOperands() != 1)
    return false;
  Operation *add = yield.getOperand(0).getDefiningOp();
  if (!add || !isa<arith::AddFOp, arith::AddIOp>(add))
    return false;
  BlockArgument out = body.getArgument(2);
  Value product = add->getOperand(0) == out   ? add->getOperand(1)
                  : add->getOperand(1) == out ? add->getOperand(0)
                                              : Value();
  Operation *mul = product ? product.getDefiningOp() : nullptr;
  if (!mul || !isa<arith::MulFOp, arith::MulIOp>(mul))
    return false;
  // Each factor is a block argument, possibly extended.
  auto factorOf = [&](Value v, bool &isUnsigned) -> BlockArgument {
    isUnsigned = false;
    if (Operation *def = v.getDefiningOp()) {
      if (!isa<arith::ExtFOp, arith::ExtSIOp, arith::ExtUIOp>(def))
        return nullptr;
      isUnsigned = isa<arith::ExtUIOp>(def);
      v = def->getOperand(0);
    }
    return dyn_cast<BlockArgument>(v);
  };
  bool u0, u1;
  BlockArgument f0 = factorOf(mul->getOperand(0), u0);
  BlockArgument f1 = factorOf(mul->getOperand(1), u1);
  if (!f0 || !f1)
    return false;
  if (f0.getArgNumber() == 1 && f1.getArgNumber() == 0) {
    std::swap(f0, f1);
    std::swap(u0, u1);
  }
  if (f0.getArgNumber() != 0 || f1.getArgNumber() != 1)
    return false;
  signedness = {u0, u1};
  return true;
}

/// Which operands of a matmul-shaped op are stored transposed.
struct MatmulLayout {
  bool transposeA = false;
  bool transposeB = false;
};

/// (m, k) or (k, m), (k, n) or (n, k), and (m, n), with an optional leading
/// batch dimension: A and B may each be read transposed (e.g. linalg.matmul
/// with the maps of a transposed B, a weight stored N x K).
std::optional<MatmulLayout> matchMatmulMaps(linalg::LinalgOp op) {
  unsigned n = op.getNumLoops();
  if (n != 3 && n != 4)
    return std::nullopt;
  MLIRContext *ctx = op.getContext();
  SmallVector<AffineExpr> d;
  for (unsigned i = 0; i < n; ++i)
    d.push_back(getAffineDimExpr(i, ctx));
  unsigned b = n - 3; // index of m
  auto withBatch = [&](std::initializer_list<AffineExpr> exprs) {
    SmallVector<AffineExpr> all;
    if (n == 4)
      all.push_back(d[0]);
    all.append(exprs.begin(), exprs.end());
    return AffineMap::get(n, 0, all, ctx);
  };
  SmallVector<AffineMap> maps = op.getIndexingMapsArray();
  if (maps.size() != 3 || maps[2] != withBatch({d[b], d[b + 1]}))
    return std::nullopt;
  MatmulLayout layout;
  if (maps[0] == withBatch({d[b + 2], d[b]}))
    layout.transposeA = true;
  else if (maps[0] != withBatch({d[b], d[b + 2]}))
    return std::nullopt;
  if (maps[1] == withBatch({d[b + 1], d[b + 2]}))
    layout.transposeB = true;
  else if (maps[1] != withBatch({d[b + 2], d[b + 1]}))
    return std::nullopt;
  return layout;
}

/// `memref` with its two innermost dimensions swapped (a view, no copy).
Value transposeLastTwo(RewriterBase &rewriter, Location loc, Value memref) {
  unsigned rank = cast<MemRefType>(memref.getType()).getRank();
  SmallVector<unsigned> perm = llvm::to_vector(llvm::seq<unsigned>(0, rank));
  std::swap(perm[rank - 1], perm[rank - 2]);
  AffineMap map = AffineMap::getPermutationMap(perm, rewriter.getContext());
  return memref::TransposeOp::create(rewriter, loc, memref,
                                     AffineMapAttr::get(map));
}

/// A constant global whose every element is zero, read through get_global
/// (how bufferization materializes Triton's `tl.zeros` accumulator).
bool isZeroGlobal(Value memref) {
  auto get = memref.getDefiningOp<memref::GetGlobalOp>();
  if (!get)
    return false;
  auto global = SymbolTable::lookupNearestSymbolFrom<memref::GlobalOp>(
      get, get.getNameAttr());
  if (!global || !global.getConstant())
    return false;
  auto value =
      dyn_cast_or_null<DenseElementsAttr>(global.getConstantInitValue());
  if (!value || !value.isSplat())
    return false;
  Type element = value.getElementType();
  if (isa<FloatType>(element))
    return value.getSplatValue<APFloat>().isPosZero();
  return isa<IntegerType>(element) && value.getSplatValue<APInt>().isZero();
}

/// Turns `fill(0) -> c; contraction into c` (or a copy of an all-zero
/// constant into c) into overwrite mode: true when the op right before `op`
/// zeroes exactly `c` (it is then erased).
bool absorbZeroFill(Operation *op, Value c, RewriterBase &rewriter) {
  Operation *prev = op->getPrevNode();
  if (auto copy = dyn_cast_or_null<memref::CopyOp>(prev)) {
    if (copy.getTarget() != c || !isZeroGlobal(copy.getSource()))
      return false;
    rewriter.eraseOp(copy);
    return true;
  }
  auto fill = dyn_cast_or_null<linalg::FillOp>(prev);
  if (!fill || fill.getOutputs().front() != c)
    return false;
  Value value = fill.getInputs().front();
  if (!matchPattern(value, m_AnyZeroFloat()) && !matchPattern(value, m_Zero()))
    return false;
  rewriter.eraseOp(fill);
  return true;
}

template <typename OpTy> void setFlags(OpTy op, bool accumulate, Signedness s) {
  op.setAccumulate(accumulate);
  op.setLhsUnsigned(s.lhsUnsigned);
  op.setRhsUnsigned(s.rhsUnsigned);
}

/// Named ops carry their integer extension in a `cast` attribute.
Signedness castSignedness(linalg::LinalgOp op) {
  auto cast = op->getAttrOfType<linalg::TypeFnAttr>("cast");
  bool isUnsigned = cast && cast.getValue() == linalg::TypeFn::cast_unsigned;
  return {isUnsigned, isUnsigned};
}

bool isInnermostContiguous(Value memref) {
  auto type = cast<MemRefType>(memref.getType());
  SmallVector<int64_t> strides;
  int64_t offset;
  return succeeded(type.getStridesAndOffset(strides, offset)) &&
         strides.back() == 1;
}

/// The two inner tile dimensions are dense and row-major.
bool isInnerTileContiguous(MemRefType type) {
  SmallVector<int64_t> strides;
  int64_t offset;
  return succeeded(type.getStridesAndOffset(strides, offset)) &&
         strides[3] == 1 && strides[2] == type.getDimSize(3);
}

/// A 1-D memref of n elements as a 1 x n view.
Value asOneRow(RewriterBase &rewriter, Location loc, Value vector) {
  auto type = cast<MemRefType>(vector.getType());
  OpFoldResult size = memref::getMixedSize(rewriter, loc, vector, 0);
  return memref::ExpandShapeOp::create(
      rewriter, loc, ArrayRef<int64_t>{1, type.getDimSize(0)}, vector,
      ArrayRef<ReassociationIndices>{{0, 1}},
      ArrayRef<OpFoldResult>{rewriter.getIndexAttr(1), size});
}

/// linalg.mmt4d on buffers with static, dense, row-major inner tiles and
/// element types the runtime's tiled kernels take -> speir.mmt4d.
struct Mmt4dToSpeIR : OpRewritePattern<linalg::Mmt4DOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(linalg::Mmt4DOp op,
                                PatternRewriter &rewriter) const override {
    if (!op.hasPureBufferSemantics())
      return failure();
    Value lhs = op.getDpsInputs()[0], rhs = op.getDpsInputs()[1];
    Value acc = op.getDpsInits()[0];
    if (!speir::isSupportedContraction(speir::ContractionKernel::Tiled,
                                       getElementTypeOrSelf(lhs.getType()),
                                       getElementTypeOrSelf(rhs.getType()),
                                       getElementTypeOrSelf(acc.getType())))
      return failure();
    for (Value v : {lhs, rhs, acc}) {
      auto type = cast<MemRefType>(v.getType());
      if (type.isDynamicDim(2) || type.isDynamicDim(3) ||
          !isInnerTileContiguous(type))
        return failure();
    }
    bool overwrite = absorbZeroFill(op, acc, rewriter);
    auto newOp = speir::Mmt4dOp::create(rewriter, op.getLoc(), lhs, rhs, acc);
    setFlags(newOp, !overwrite, castSignedness(op));
    rewriter.eraseOp(op);
    return success();
  }
};

/// A matmul-shaped op on buffers (linalg.matmul, linalg.batch_matmul, or a
/// generic with matmul maps and an `out + a * b` body) whose views the
/// runtime's GEMM reads -> speir.gemm. A transposed operand is read in place
/// through a transposed view (the runtime's GEMM takes a view with unit
/// stride across its rows as transposed).
struct MatmulToSpeIR : OpInterfaceRewritePattern<linalg::LinalgOp> {
  using OpInterfaceRewritePattern::OpInterfaceRewritePattern;

  LogicalResult matchAndRewrite(linalg::LinalgOp op,
                                PatternRewriter &rewriter) const override {
    if (!op.hasPureBufferSemantics() || op.getNumDpsInputs() != 2 ||
        op.getNumDpsInits() != 1)
      return failure();
    std::optional<MatmulLayout> layout = matchMatmulMaps(op);
    if (!layout)
      return failure();
    Signedness s;
    if (auto generic = dyn_cast<linalg::GenericOp>(op.getOperation())) {
      if (!isMatmulBody(generic, s))
        return failure();
    } else if (isa<linalg::MatmulOp, linalg::BatchMatmulOp>(
                   op.getOperation())) {
      s = castSignedness(op);
    } else {
      return failure();
    }
    Value a = op.getDpsInputs()[0], b = op.getDpsInputs()[1];
    Value c = op.getDpsInits()[0];
    if (!speir::isSupportedContraction(speir::ContractionKernel::Gemm,
                                       getElementTypeOrSelf(a.getType()),
                                       getElementTypeOrSelf(b.getType()),
                                       getElementTypeOrSelf(c.getType())) ||
        !hasUnitStrideInLastTwo(a) || !hasUnitStrideInLastTwo(b) ||
        !isInnermostContiguous(c))
      return failure();
    bool overwrite = absorbZeroFill(op, c, rewriter);
    if (layout->transposeA)
      a = transposeLastTwo(rewriter, op.getLoc(), a);
    if (layout->transposeB)
      b = transposeLastTwo(rewriter, op.getLoc(), b);
    auto gemm = speir::GemmOp::create(rewriter, op.getLoc(), a, b, c);
    setFlags(gemm, !overwrite, s);
    rewriter.eraseOp(op);
    return success();
  }
};

/// y = A x (linalg.matvec, A: M x K) and y = x A (linalg.vecmat, A: K x N)
/// are GEMMs of one row, (1 x K) * (K x N): x and y become 1-row views, and
/// matvec's B is A read transposed (no copy). The runtime's skinny path
/// streams A once.
template <typename OpTy> struct MatvecToSpeIR : OpRewritePattern<OpTy> {
  using OpRewritePattern<OpTy>::OpRewritePattern;

  LogicalResult matchAndRewrite(OpTy op,
                                PatternRewriter &rewriter) const override {
    constexpr bool isMatvec = std::is_same_v<OpTy, linalg::MatvecOp>;
    if (!op.hasPureBufferSemantics())
      return failure();
    Value x = op.getDpsInputs()[isMatvec ? 1 : 0];
    Value a = op.getDpsInputs()[isMatvec ? 0 : 1];
    Value y = op.getDpsInits()[0];
    if (!speir::isSupportedContraction(speir::ContractionKernel::Gemm,
                                       getElementTypeOrSelf(x.getType()),
                                       getElementTypeOrSelf(a.getType()),
                                       getElementTypeOrSelf(y.getType())) ||
        !hasUnitStrideInLastTwo(a) || !isInnermostContiguous(x) ||
        !isInnermostContiguous(y))
      return failure();
    Location loc = op.getLoc();
    bool overwrite = absorbZeroFill(op, y, rewriter);
    Value lhs = asOneRow(rewriter, loc, x);
    Value rhs = isMatvec ? transposeLastTwo(rewriter, loc, a) : a;
    auto gemm = speir::GemmOp::create(rewriter, loc, lhs, rhs,
                                      asOneRow(rewriter, loc, y));
    setFlags(gemm, !overwrite, castSignedness(op));
    rewriter.eraseOp(op);
    return success();
  }
};

struct ConvertLinalgToSpeIRPass
    : public spine::impl::ConvertLinalgToSpeIRBase<ConvertLinalgToSpeIRPass> {
  void runOnOperation() override {
    MLIRContext *ctx = &getContext();
    RewritePatternSet patterns(ctx);
    patterns.add<Mmt4dToSpeIR, MatmulToSpeIR, MatvecToSpeIR<linalg::MatvecOp>,
                 MatvecToSpeIR<linalg::VecmatOp>>(ctx);
    // One rewrite per op, in a single walk: nothing else is folded.
    walkAndApplyPatterns(getOperation(), std::move(patterns));
  }
};

} // namespace

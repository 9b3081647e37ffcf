#include "spine/Dialect/SpeIR/Transforms/Passes.h"
#include "spine/Utils/Fusion.h"

#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/IR/Matchers.h"
#include "llvm/Support/Debug.h"

#define DEBUG_TYPE "speir-online-softmax"

namespace mlir::speir {
#define GEN_PASS_DEF_SPEIRONLINESOFTMAX
#include "spine/Dialect/SpeIR/Transforms/Passes.h.inc"
} // namespace mlir::speir

using namespace mlir;

namespace {

/// The combiner of a reduction of one tensor over its innermost dimension
/// into a tensor indexed by the other dimensions, whose body is one binary
/// op of the element and the accumulator; null for anything else.
Operation *innermostCombiner(linalg::LinalgOp op) {
  if (!op || !op.hasPureTensorSemantics() || op.getNumDpsInputs() != 1 ||
      op.getNumDpsInits() != 1 || op->getNumResults() != 1)
    return nullptr;
  unsigned rank = op.getNumLoops();
  if (rank == 0)
    return nullptr;
  SmallVector<utils::IteratorType> iterators = op.getIteratorTypesArray();
  for (unsigned i = 0; i < rank; ++i)
    if ((iterators[i] == utils::IteratorType::reduction) != (i == rank - 1))
      return nullptr;
  AffineMap identity =
      AffineMap::getMultiDimIdentityMap(rank, op->getContext());
  SmallVector<AffineMap> maps = op.getIndexingMapsArray();
  if (maps[0] != identity || maps[1] != identity.dropResult(rank - 1))
    return nullptr;
  Block *body = op.getBlock();
  if (!llvm::hasSingleElement(body->without_terminator()))
    return nullptr;
  Operation *combiner = &body->front();
  Operation *yield = body->getTerminator();
  if (yield->getNumOperands() != 1 || combiner->getNumResults() != 1 ||
      yield->getOperand(0) != combiner->getResult(0) ||
      combiner->getNumOperands() != 2 || combiner->getNumRegions() != 0)
    return nullptr;
  Value in = body->getArgument(0), acc = body->getArgument(1);
  Value lhs = combiner->getOperand(0), rhs = combiner->getOperand(1);
  if (!((lhs == in && rhs == acc) || (lhs == acc && rhs == in)))
    return nullptr;
  return combiner;
}

/// The ops of a softmax's statistics: max over the row, exp(x - max) (in
/// one generic, or the exp of a separate generic's x - max, as the TTIR
/// conversion leaves them), and the sum of the exponentials.
struct Softmax {
  linalg::LinalgOp max;
  Operation *maxCombiner; // the max's body: maxnumf or maximumf
  linalg::GenericOp exp;
  linalg::GenericOp difference; // x - max when not computed in `exp`
  linalg::LinalgOp sum;
  Value x;
};

/// An all-parallel generic over `rank` loops with one result, in `block`.
bool isElementwise(linalg::GenericOp op, unsigned rank, Block *block) {
  return op && op.hasPureTensorSemantics() && op.getNumLoops() == rank &&
         op.getNumParallelLoops() == rank && op->getNumResults() == 1 &&
         op->getBlock() == block;
}

/// The input operand of `op` whose payload argument is `value`, when it is
/// read through `map`.
OpOperand *inputThrough(linalg::GenericOp op, Value value, AffineMap map) {
  auto arg = dyn_cast<BlockArgument>(value);
  if (!arg || arg.getOwner() != op.getBlock() ||
      arg.getArgNumber() >= op.getNumDpsInputs())
    return nullptr;
  OpOperand *operand = op.getMatchingOpOperand(arg);
  return op.getMatchingIndexingMap(operand) == map ? operand : nullptr;
}

/// When `sub` (in `op`'s body) is x - m, x an input read element for
/// element and m a statistic of x's rows (an input broadcast along the
/// innermost dimension, or, for one row, tensor.extract of its only
/// element): x and the tensor of m.
std::optional<std::pair<Value, Value>> matchDifference(linalg::GenericOp op,
                                                       arith::SubFOp sub) {
  unsigned rank = op.getNumLoops();
  AffineMap identity = AffineMap::getMultiDimIdentityMap(rank, op.getContext());
  OpOperand *x = inputThrough(op, sub.getLhs(), identity);
  if (!x)
    return std::nullopt;
  if (OpOperand *m =
          inputThrough(op, sub.getRhs(), identity.dropResult(rank - 1)))
    return std::make_pair(x->get(), m->get());
  auto extract = sub.getRhs().getDefiningOp<tensor::ExtractOp>();
  if (extract && extract.getTensor().getType().getRank() == 0 &&
      !op->isAncestor(extract))
    return std::make_pair(x->get(), extract.getTensor());
  return std::nullopt;
}

/// The op that a payload yields, when the body is that op, the ops given
/// (none: the op reads the block arguments) and the yield.
template <typename OpTy> OpTy yieldedOp(linalg::GenericOp op, size_t bodyOps) {
  Block *body = op.getBlock();
  if (static_cast<size_t>(std::distance(body->begin(), body->end())) !=
      bodyOps + 1)
    return OpTy();
  auto yielded = body->getTerminator()->getOperand(0).getDefiningOp<OpTy>();
  return yielded && yielded->getBlock() == body ? yielded : OpTy();
}

/// When `sum` adds up exp(x - max(x)) along x's innermost dimension, the
/// ops (see the pass description).
std::optional<Softmax> matchSoftmax(linalg::LinalgOp sum) {
  if (!isa_and_nonnull<arith::AddFOp>(innermostCombiner(sum)))
    return std::nullopt;
  auto zeroFill =
      sum.getDpsInitOperand(0)->get().getDefiningOp<linalg::FillOp>();
  if (!zeroFill || !matchPattern(zeroFill.value(), m_AnyZeroFloat()))
    return std::nullopt;
  unsigned rank = sum.getNumLoops();
  Block *block = sum->getBlock();
  auto exp =
      sum.getDpsInputOperand(0)->get().getDefiningOp<linalg::GenericOp>();
  if (!isElementwise(exp, rank, block))
    return std::nullopt;

  // yield(exp(x - m)), or yield(exp(d)) with d from yield(x - m).
  std::optional<std::pair<Value, Value>> operands;
  linalg::GenericOp difference;
  if (auto expOp = yieldedOp<math::ExpOp>(exp, 2)) {
    if (auto sub = expOp.getOperand().getDefiningOp<arith::SubFOp>())
      operands = matchDifference(exp, sub);
  } else if (auto expOp = yieldedOp<math::ExpOp>(exp, 1)) {
    AffineMap identity =
        AffineMap::getMultiDimIdentityMap(rank, exp.getContext());
    if (OpOperand *d = inputThrough(exp, expOp.getOperand(), identity)) {
      difference = d->get().getDefiningOp<linalg::GenericOp>();
      if (isElementwise(difference, rank, block))
        if (auto sub = yieldedOp<arith::SubFOp>(difference, 1))
          operands = matchDifference(difference, sub);
    }
  }
  if (!operands)
    return std::nullopt;
  auto [x, max] = *operands;
  auto maxOp = max.getDefiningOp<linalg::LinalgOp>();
  Operation *maxCombiner = innermostCombiner(maxOp);
  if (!isa_and_nonnull<arith::MaxNumFOp, arith::MaximumFOp>(maxCombiner) ||
      maxOp.getDpsInputOperand(0)->get() != x || maxOp->getBlock() != block)
    return std::nullopt;
  return Softmax{maxOp, maxCombiner, exp, difference, sum, x};
}

/// A linalg.generic over `loops` dimensions (parallel but the reduced
/// `reduction`, if any) with the given maps.
linalg::GenericOp
buildGeneric(OpBuilder &b, Location loc, ValueRange inputs, ValueRange inits,
             ArrayRef<AffineMap> maps, unsigned loops,
             std::optional<unsigned> reduction,
             function_ref<void(OpBuilder &, Location, ValueRange)> body) {
  SmallVector<utils::IteratorType> iterators(loops,
                                             utils::IteratorType::parallel);
  if (reduction)
    iterators[*reduction] = utils::IteratorType::reduction;
  return linalg::GenericOp::create(b, loc, ValueRange(inits).getTypes(), inputs,
                                   inits, maps, iterators, body);
}

/// Erases `producer` if nothing reads it, or fuses it into its only
/// reader when that is an element-wise generic it can fuse into.
void fuseIntoOnlyReader(IRRewriter &rewriter, linalg::GenericOp producer) {
  if (producer->use_empty())
    rewriter.eraseOp(producer);
  else if (producer->hasOneUse())
    spine::fuseElementwiseInto(rewriter, &*producer->getUses().begin());
}

/// Replaces the max and sum of `softmax` by one loop over column blocks of
/// `blockColumns` carrying both (the pass description gives the recurrence).
void rewrite(IRRewriter &rewriter, Softmax softmax, int64_t blockColumns) {
  Location loc = softmax.sum.getLoc();
  auto xType = cast<RankedTensorType>(softmax.x.getType());
  auto statType = cast<RankedTensorType>(softmax.sum->getResult(0).getType());
  Type elem = xType.getElementType();
  unsigned rank = xType.getRank();
  int64_t columns = xType.getShape().back();
  MLIRContext *ctx = rewriter.getContext();
  AffineMap full = AffineMap::getMultiDimIdentityMap(rank, ctx);
  AffineMap row = full.dropResult(rank - 1);
  AffineMap stat = AffineMap::getMultiDimIdentityMap(rank - 1, ctx);

  // The loop replaces the max where it stands: the sum's readers follow it.
  rewriter.setInsertionPoint(softmax.max);
  auto floatType = cast<FloatType>(elem);
  Value zero = arith::ConstantOp::create(rewriter, loc,
                                         rewriter.getFloatAttr(elem, 0.0));
  Value ninf = arith::ConstantOp::create(
      rewriter, loc,
      rewriter.getFloatAttr(
          elem, APFloat::getInf(floatType.getFloatSemantics(), true)));
  auto emptyStat = [&](OpBuilder &b) -> Value {
    return tensor::EmptyOp::create(b, loc, statType.getShape(), elem);
  };
  auto filled = [&](OpBuilder &b, Value value) {
    return linalg::FillOp::create(b, loc, value, emptyStat(b)).getResult(0);
  };
  // max(lhs, rhs) as the original reduction combines.
  auto combineMax = [&](OpBuilder &b, Value element, Value acc) {
    IRMapping mapping;
    Block *body = softmax.max.getBlock();
    mapping.map(body->getArgument(0), element);
    mapping.map(body->getArgument(1), acc);
    return b.clone(*softmax.maxCombiner, mapping)->getResult(0);
  };

  Value lower = arith::ConstantIndexOp::create(rewriter, loc, 0);
  Value upper = arith::ConstantIndexOp::create(rewriter, loc, columns);
  Value step = arith::ConstantIndexOp::create(rewriter, loc, blockColumns);
  Value maxInit = softmax.max.getDpsInitOperand(0)->get();
  Value sumInit = filled(rewriter, zero);
  auto loop = scf::ForOp::create(
      rewriter, loc, lower, upper, step, ValueRange{maxInit, sumInit},
      [&](OpBuilder &b, Location loc, Value j, ValueRange carried) {
        Value m = carried[0], s = carried[1];
        OpFoldResult width = b.getIndexAttr(blockColumns);
        if (columns % blockColumns != 0) {
          AffineExpr d0 = b.getAffineDimExpr(0);
          width = affine::makeComposedFoldedAffineMin(
              b, loc,
              AffineMap::get(
                  1, 0, {b.getAffineConstantExpr(blockColumns), columns - d0},
                  ctx),
              {OpFoldResult(j)});
        }
        SmallVector<OpFoldResult> offsets(rank, b.getIndexAttr(0));
        offsets.back() = j;
        SmallVector<OpFoldResult> sizes;
        for (int64_t size : xType.getShape().drop_back())
          sizes.push_back(b.getIndexAttr(size));
        sizes.push_back(width);
        SmallVector<OpFoldResult> strides(rank, b.getIndexAttr(1));
        Value block = tensor::ExtractSliceOp::create(b, loc, softmax.x, offsets,
                                                     sizes, strides);

        // The block's max.
        Value blockMax =
            buildGeneric(b, loc, block, filled(b, ninf), {full, row}, rank,
                         rank - 1,
                         [&](OpBuilder &b, Location loc, ValueRange args) {
                           linalg::YieldOp::create(
                               b, loc, combineMax(b, args[0], args[1]));
                         })
                ->getResult(0);
        // m' = max(m, block max); the exponents' offset (m', or 0 where m'
        // is -inf); the old sum's scale exp(m - offset).
        linalg::GenericOp update = buildGeneric(
            b, loc, {m, blockMax}, {emptyStat(b), emptyStat(b), emptyStat(b)},
            {stat, stat, stat, stat, stat}, rank - 1, std::nullopt,
            [&](OpBuilder &b, Location loc, ValueRange args) {
              Value next = combineMax(b, args[1], args[0]);
              Value isNinf = arith::CmpFOp::create(
                  b, loc, arith::CmpFPredicate::OEQ, next, ninf);
              Value offset =
                  arith::SelectOp::create(b, loc, isNinf, zero, next);
              Value scale = math::ExpOp::create(
                  b, loc, arith::SubFOp::create(b, loc, args[0], offset));
              linalg::YieldOp::create(b, loc, ValueRange{next, offset, scale});
            });
        Value next = update->getResult(0), offset = update->getResult(1),
              scale = update->getResult(2);
        // The block's sum of exp(x - offset).
        Value blockSum =
            buildGeneric(
                b, loc, {block, offset}, filled(b, zero), {full, row, row},
                rank, rank - 1,
                [&](OpBuilder &b, Location loc, ValueRange args) {
                  Value e = math::ExpOp::create(
                      b, loc, arith::SubFOp::create(b, loc, args[0], args[1]));
                  linalg::YieldOp::create(
                      b, loc,
                      arith::AddFOp::create(b, loc, e, args[2]).getResult());
                })
                ->getResult(0);
        // s' = s * scale + block sum.
        Value nextSum =
            buildGeneric(b, loc, {s, scale, blockSum}, emptyStat(b),
                         {stat, stat, stat, stat}, rank - 1, std::nullopt,
                         [&](OpBuilder &b, Location loc, ValueRange args) {
                           Value scaled =
                               arith::MulFOp::create(b, loc, args[0], args[1]);
                           linalg::YieldOp::create(
                               b, loc,
                               arith::AddFOp::create(b, loc, scaled, args[2])
                                   .getResult());
                         })
                ->getResult(0);
        scf::YieldOp::create(b, loc, ValueRange{next, nextSum});
      });

  Operation *zeroFill = softmax.sum.getDpsInitOperand(0)->get().getDefiningOp();
  rewriter.replaceAllUsesWith(softmax.sum->getResult(0), loop.getResult(1));
  rewriter.eraseOp(softmax.sum);
  if (zeroFill->use_empty())
    rewriter.eraseOp(zeroFill);
  rewriter.replaceAllUsesWith(softmax.max->getResult(0), loop.getResult(0));
  rewriter.eraseOp(softmax.max);

  // exp(x - m) is now only normalized (or, in log_softmax, read by nothing):
  // computed where it is read instead of stored and read back; likewise a
  // separate x - m.
  fuseIntoOnlyReader(rewriter, softmax.exp);
  if (softmax.difference)
    fuseIntoOnlyReader(rewriter, softmax.difference);
}

struct OnlineSoftmaxPass
    : public speir::impl::SpeIROnlineSoftmaxBase<OnlineSoftmaxPass> {
  using Base::Base;

  void runOnOperation() override {
    if (minBytes < 0 || blockBytes <= 0) {
      getOperation().emitError("speir-online-softmax: min-bytes must not be "
                               "negative and block-bytes must be positive");
      return signalPassFailure();
    }
    SmallVector<Softmax> softmaxes;
    llvm::SmallPtrSet<Operation *, 4> maxima;
    getOperation().walk([&](linalg::LinalgOp op) {
      // A max that two sums share (never in a softmax) stays as it is.
      if (std::optional<Softmax> softmax = matchSoftmax(op))
        if (maxima.insert(softmax->max).second)
          softmaxes.push_back(*softmax);
    });
    IRRewriter rewriter(&getContext());
    for (Softmax &softmax : softmaxes) {
      auto xType = cast<RankedTensorType>(softmax.x.getType());
      if (!xType.hasStaticShape())
        continue;
      int64_t elementBytes =
          llvm::divideCeil(xType.getElementTypeBitWidth(), 8);
      int64_t columns = xType.getShape().back();
      int64_t rows = xType.getNumElements() / std::max<int64_t>(columns, 1);
      if (xType.getNumElements() * elementBytes < minBytes)
        continue;
      // Whole vectors of columns per block, at least 64 (a few vectors).
      int64_t blockColumns =
          std::max<int64_t>(64, blockBytes / (rows * elementBytes) / 64 * 64);
      if (blockColumns >= columns)
        continue;
      LLVM_DEBUG(llvm::dbgs() << "online softmax: " << softmax.sum.getLoc()
                              << ", blocks of " << blockColumns << "\n");
      rewrite(rewriter, softmax, blockColumns);
    }
  }
};

} // namespace

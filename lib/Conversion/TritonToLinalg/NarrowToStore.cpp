//===- NarrowToStore.cpp - compute a product only where it is stored ------===//
//
// A Triton program computes a whole BLOCK_M x BLOCK_N block and stores it
// under a mask (`offs_m < M`, `offs_n < N`). convert-triton-to-linalg
// versions such a store by the block's valid extent, known when the kernel
// runs:
//
//   scf.if %whole {
//     bufferization.materialize_in_destination %v in %dst
//   } else {
//     %s = tensor.extract_slice %v[0, 0] [%rows, %cols] [1, 1]
//     bufferization.materialize_in_destination %s in subview(%dst)[..][%rows,
//     %cols]
//   }
//
// When %v is a contraction followed by element-wise ops, the rows and
// columns outside the valid extent are computed and never stored: a decode
// step (M = 1) with BLOCK_M = 16 multiplies 16 rows for one. This pass keeps
// only the else branch (it stores the same elements when the block is
// whole) and bubbles its slice up through the element-wise ops and the
// contraction (upstream's bubble-up-extract-slice patterns), so they compute
// only the stored block; the contraction's operands become leading slices of
// the loads, which speir-forward-loads then reads in place.
//
// A value stored in several versions of the destination, or yielded by an
// scf.if (spine-raise-dot-k-loop's guard), keeps its stores (a whole block
// keeps its static store, not a dynamically sized copy): the contraction
// computes the stored slice, inserted into an empty block-shaped tensor.
//
//===----------------------------------------------------------------------===//

#include "spine/Conversion/Passes.h"
#include "spine/Utils/Slices.h"

#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/Tensor/Transforms/Transforms.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/IR/Dominance.h"
#include "mlir/IR/Matchers.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "mlir/Rewrite/PatternApplicator.h"
#include "mlir/Transforms/CSE.h"
#include "mlir/Transforms/RegionUtils.h"
#include "llvm/ADT/MapVector.h"

namespace mlir::spine {
#define GEN_PASS_DEF_NARROWTOSTORE
#include "spine/Conversion/Passes.h.inc"
} // namespace mlir::spine

using namespace mlir;

namespace {

/// `v` is a contraction's result, possibly through element-wise Linalg ops,
/// each value on the way read by one op only (the slice bubbles up through
/// such a chain).
bool fedByContraction(Value v, unsigned depth = 0) {
  // A branch that yields one (spine-raise-dot-k-loop's guarded product).
  if (auto ifOp = v.getDefiningOp<scf::IfOp>()) {
    if (!ifOp.elseBlock() || depth > 16)
      return false;
    unsigned i = cast<OpResult>(v).getResultNumber();
    return fedByContraction(ifOp.thenYield().getOperand(i), depth + 1) ||
           fedByContraction(ifOp.elseYield().getOperand(i), depth + 1);
  }
  auto op = v.getDefiningOp<linalg::LinalgOp>();
  if (!op || !op.hasPureTensorSemantics() || op->getNumResults() != 1 ||
      depth > 16)
    return false;
  if (isa<linalg::MatmulOp, linalg::BatchMatmulOp>(op))
    return true;
  if (op.getNumParallelLoops() != op.getNumLoops())
    return false;
  for (Value operand : op->getOperands()) {
    Operation *def = operand.getDefiningOp();
    if (!def || !isa<linalg::LinalgOp>(def))
      continue;
    if (llvm::any_of(operand.getUsers(),
                     [&](Operation *user) { return user != op; }))
      continue;
    if (fedByContraction(operand, depth + 1))
      return true;
  }
  return false;
}

/// The versioned masked store described above; returns the else branch's
/// slice of the stored value.
tensor::ExtractSliceOp matchVersionedStore(scf::IfOp ifOp) {
  if (ifOp->getNumResults() != 0 || !ifOp.elseBlock() ||
      ifOp.thenBlock()->getOperations().size() != 2)
    return {};
  auto whole = dyn_cast<bufferization::MaterializeInDestinationOp>(
      ifOp.thenBlock()->front());
  if (!whole || !whole.getWritable())
    return {};
  tensor::ExtractSliceOp slice;
  memref::SubViewOp dst;
  bufferization::MaterializeInDestinationOp part;
  for (Operation &op : ifOp.elseBlock()->without_terminator()) {
    if (auto s = dyn_cast<tensor::ExtractSliceOp>(op); s && !slice)
      slice = s;
    else if (auto d = dyn_cast<memref::SubViewOp>(op); d && !dst)
      dst = d;
    else if (auto m = dyn_cast<bufferization::MaterializeInDestinationOp>(op);
             m && !part)
      part = m;
    else
      return {};
  }
  if (!slice || !dst || !part || part.getSource() != slice.getResult() ||
      part.getDest() != dst.getResult() || !part.getWritable() ||
      slice.getSource() != whole.getSource() ||
      dst.getSource() != whole.getDest() ||
      slice.getType().getRank() != slice.getSourceType().getRank())
    return {};
  if (!spine::isLeadingBlock(slice) || !spine::isLeadingBlock(dst) ||
      slice.getMixedSizes() != dst.getMixedSizes())
    return {};
  // The then branch must store what the else branch stores: its condition
  // implies that every size of the slice is the whole dimension. The
  // condition is a conjunction of `cmpi eq size, dim` (one per size not
  // statically whole).
  SmallVector<Value> sizesSeen;
  SmallVector<Value> worklist{ifOp.getCondition()};
  while (!worklist.empty()) {
    Value c = worklist.pop_back_val();
    if (auto andOp = c.getDefiningOp<arith::AndIOp>()) {
      worklist.push_back(andOp.getLhs());
      worklist.push_back(andOp.getRhs());
      continue;
    }
    auto cmp = c.getDefiningOp<arith::CmpIOp>();
    if (!cmp || cmp.getPredicate() != arith::CmpIPredicate::eq)
      continue;
    for (auto [d, size] : llvm::enumerate(slice.getMixedSizes())) {
      auto v = dyn_cast<Value>(size);
      std::optional<int64_t> dim =
          getConstantIntValue(OpFoldResult(cmp.getRhs()));
      if (v && v == cmp.getLhs() && dim &&
          *dim == slice.getSourceType().getDimSize(d))
        sizesSeen.push_back(v);
    }
  }
  for (auto [d, size] : llvm::enumerate(slice.getMixedSizes())) {
    std::optional<int64_t> c = getConstantIntValue(size);
    if (c && *c == slice.getSourceType().getDimSize(d))
      continue;
    auto v = dyn_cast<Value>(size);
    if (!v || !llvm::is_contained(sizesSeen, v))
      return {};
  }
  return slice;
}

/// extract_slice of a splat constant: a fill of an empty tensor (the
/// contraction's initial value, sliced; dynamic sizes have no constant).
struct SliceOfSplatToFill : OpRewritePattern<tensor::ExtractSliceOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(tensor::ExtractSliceOp slice,
                                PatternRewriter &rewriter) const override {
    Attribute value;
    SplatElementsAttr splat;
    if (!matchPattern(slice.getSource(), m_Constant(&value)) ||
        !(splat = dyn_cast<SplatElementsAttr>(value)) ||
        slice.getType().getRank() != slice.getSourceType().getRank())
      return failure();
    Location loc = slice.getLoc();
    Value empty = tensor::EmptyOp::create(rewriter, loc, slice.getMixedSizes(),
                                          slice.getType().getElementType());
    Value scalar = arith::ConstantOp::create(
        rewriter, loc, cast<TypedAttr>(splat.getSplatValue<Attribute>()));
    Value fill =
        linalg::FillOp::create(rewriter, loc, scalar, empty).getResult(0);
    if (fill.getType() != slice.getType())
      fill = tensor::CastOp::create(rewriter, loc, slice.getType(), fill);
    rewriter.replaceOp(slice, fill);
    return success();
  }
};

/// Marks the Linalg ops the stored slice bubbles through (clones made by
/// the bubble-up pattern keep the mark).
constexpr llvm::StringLiteral kNarrowMark = "spine.narrow_to_store";

void markChain(Value v) {
  auto op = v.getDefiningOp<linalg::LinalgOp>();
  if (!op || op->hasAttr(kNarrowMark))
    return;
  op->setAttr(kNarrowMark, UnitAttr::get(op->getContext()));
  if (isa<linalg::MatmulOp, linalg::BatchMatmulOp>(op))
    return;
  for (Value operand : op->getOperands())
    markChain(operand);
}

struct NarrowToStorePass : spine::impl::NarrowToStoreBase<NarrowToStorePass> {
  void runOnOperation() override {
    // Per stored value, its versioned stores (one per stride version of the
    // destination, when it has several).
    llvm::MapVector<Value,
                    SmallVector<std::pair<scf::IfOp, tensor::ExtractSliceOp>>>
        storesOf;
    getOperation().walk([&](scf::IfOp ifOp) {
      if (tensor::ExtractSliceOp slice = matchVersionedStore(ifOp))
        storesOf[slice.getSource()].emplace_back(ifOp, slice);
    });
    IRRewriter ifRewriter(&getContext());
    bool narrowed = false;
    for (auto &[stored, stores] : storesOf) {
      // The stored value's only users are these stores, and every one
      // stores the same slice of it.
      auto inAStore = [&](Operation *user) {
        return llvm::any_of(stores, [&](auto &store) {
          return store.first->isProperAncestor(user);
        });
      };
      tensor::ExtractSliceOp first = stores.front().second;
      auto sameSlice = [&](auto &store) {
        tensor::ExtractSliceOp slice = store.second;
        return slice.getType() == first.getType() &&
               slice.getMixedOffsets() == first.getMixedOffsets() &&
               slice.getMixedSizes() == first.getMixedSizes() &&
               slice.getMixedStrides() == first.getMixedStrides();
      };
      if (!llvm::all_of(stored.getUsers(), inAStore) ||
          !llvm::all_of(stores, sameSlice) || !fedByContraction(stored))
        continue;
      if (stores.size() == 1 && !stored.getDefiningOp<scf::IfOp>()) {
        markChain(stored);
        narrowed = true;
        // The else branch, inlined before the if; the then branch goes.
        auto [ifOp, slice] = stores.front();
        Block *elseBlock = ifOp.elseBlock();
        ifRewriter.eraseOp(elseBlock->getTerminator());
        ifRewriter.inlineBlockBefore(elseBlock, ifOp);
        ifRewriter.eraseOp(ifOp);
        continue;
      }
      // Stored in several versions of the destination (its inner stride 1
      // or not), or yielded by a branch (spine-raise-dot-k-loop's guard):
      // the stores stay, a whole block keeping its static store, and the
      // product is computed only on the stored block, inserted into a
      // tensor of its shape (the rest is never stored). In a branch, the
      // one whose value a contraction computes.
      Value product = stored;
      Operation *anchor = nullptr;
      OpOperand *use = nullptr;
      if (auto ifOp = stored.getDefiningOp<scf::IfOp>()) {
        use = &ifOp.thenYield()->getOpOperand(
            cast<OpResult>(stored).getResultNumber());
        product = use->get();
        anchor = ifOp;
      } else {
        // Before the first of the stores (in the product's block).
        Block *block = stored.getParentBlock();
        for (auto &store : stores) {
          Operation *op = block->findAncestorOpInBlock(*store.first);
          if (op && (!anchor || op->isBeforeInBlock(anchor)))
            anchor = op;
        }
      }
      // The slice's sizes are computed before the anchor (all or nothing;
      // never when the anchor itself computes one).
      if (!anchor || !fedByContraction(product) ||
          failed(moveValueDefinitions(
              ifRewriter, first->getOperands().drop_front(), anchor)))
        continue;
      markChain(product);
      narrowed = true;
      if (use)
        ifRewriter.setInsertionPoint(use->getOwner());
      else
        ifRewriter.setInsertionPoint(anchor);
      Location loc = first.getLoc();
      auto type = cast<RankedTensorType>(product.getType());
      Value part = tensor::ExtractSliceOp::create(
          ifRewriter, loc, first.getType(), product, first.getMixedOffsets(),
          first.getMixedSizes(), first.getMixedStrides());
      Value shell = tensor::EmptyOp::create(ifRewriter, loc, type.getShape(),
                                            type.getElementType());
      Value whole = tensor::InsertSliceOp::create(
          ifRewriter, loc, part, shell, first.getMixedOffsets(),
          first.getMixedSizes(), first.getMixedStrides());
      if (use)
        use->set(whole);
      else
        product.replaceAllUsesExcept(whole, part.getDefiningOp());
    }
    if (!narrowed)
      return;
    // Slices of marked ops bubble up until none moves (a producer with
    // other users stops its slice). CSE between rounds merges identical
    // slices: an element-wise op that reads the product as input and as
    // init slices it twice, and bubbling wants a producer of one use.
    RewritePatternSet patterns(&getContext());
    linalg::populateBubbleUpExtractSliceOpPatterns(patterns);
    tensor::populateFoldTensorEmptyPatterns(patterns);
    patterns.add<SliceOfSplatToFill>(&getContext());
    FrozenRewritePatternSet frozen(std::move(patterns));
    PatternApplicator applicator(frozen);
    applicator.applyDefaultCostModel();
    PatternRewriter rewriter(&getContext());
    for (bool changed = true; changed;) {
      changed = false;
      SmallVector<tensor::ExtractSliceOp> slices;
      getOperation().walk([&](tensor::ExtractSliceOp slice) {
        Operation *src = slice.getSource().getDefiningOp();
        // Slices of the marked ops, and of a splat constant or an empty
        // tensor a bubbled op took as its initial value.
        bool initOfMarked =
            src && isa<arith::ConstantOp, tensor::EmptyOp>(src) &&
            llvm::any_of(slice->getUsers(), [](Operation *user) {
              return user->hasAttr(kNarrowMark);
            });
        if (src && (src->hasAttr(kNarrowMark) || initOfMarked))
          slices.push_back(slice);
      });
      for (tensor::ExtractSliceOp slice : slices) {
        rewriter.setInsertionPoint(slice);
        if (succeeded(applicator.matchAndRewrite(slice, rewriter)))
          changed = true;
      }
      // A bubbled slice's producer is dead once its last slice moved.
      SmallVector<Operation *> marked;
      getOperation().walk([&](linalg::LinalgOp op) {
        if (op->hasAttr(kNarrowMark))
          marked.push_back(op);
      });
      for (Operation *op : llvm::reverse(marked))
        if (op->use_empty())
          rewriter.eraseOp(op);
      bool merged = false;
      DominanceInfo dominance(getOperation()); // the round changed regions
      eliminateCommonSubExpressions(rewriter, dominance, getOperation(),
                                    &merged);
      changed |= merged;
    }
    getOperation().walk([](Operation *op) { op->removeAttr(kNarrowMark); });
  }
};

} // namespace

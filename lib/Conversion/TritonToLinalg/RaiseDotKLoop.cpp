//===- RaiseDotKLoop.cpp - A tt.dot K loop as one full-K contraction ------===//
//
// Triton's matmul walks K in BLOCK_K steps: every iteration loads an
// A block (BLOCK_M x BLOCK_K) and a B block (BLOCK_K x BLOCK_N) at offsets
// that advance by BLOCK_K along K, and accumulates their product. After
// convert-triton-to-linalg each load is an allocation filled by copies from
// a reinterpret_cast view (masked loads: a zero fill and a copy of the
// in-bounds part), and the product a linalg.matmul into the loop-carried
// accumulator. When nothing in the loop depends on the iteration but those
// offsets and a mask along K that keeps a prefix of each block, the loop is
// one contraction over all of K: this pass replaces the loop by its loads
// widened along K, an A panel (BLOCK_M x K_total) and a B panel (K_total x
// BLOCK_N) loaded with the loop's own masking, and one matmul of the panels
// into the accumulator's initial value. The runtime sees one GEMM per program
// instead of one per K step, and speir-forward-loads reads the panels in
// place (the K blocks of one program are adjacent in memory). A load the
// TTIR conversion versioned keeps the branch that widens; when that is the
// fast branch of a loop-invariant condition (the tutorial's wrapped rows,
// gathered when BLOCK_M > M), the raised form runs under that condition and
// the loop otherwise.
//
//===----------------------------------------------------------------------===//

#include "spine/Conversion/Passes.h"

#include "mlir/IR/IRMapping.h"
#include "mlir/IR/Matchers.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "mlir/Transforms/LoopInvariantCodeMotionUtils.h"

namespace mlir::spine {
#define GEN_PASS_DEF_RAISEDOTKLOOP
#include "spine/Conversion/Passes.h.inc"
} // namespace mlir::spine

using namespace mlir;

namespace {

Value stripCasts(Value v) {
  while (Operation *op = v.getDefiningOp()) {
    if (!isa<arith::IndexCastOp, arith::IndexCastUIOp, arith::ExtSIOp>(op))
      break;
    v = op->getOperand(0);
  }
  return v;
}

std::optional<int64_t> constantInt(Value v) {
  APInt value;
  if (matchPattern(stripCasts(v), m_ConstantInt(&value)))
    return value.getSExtValue();
  return std::nullopt;
}

/// `d` is `factor * stride` (index casts aside): a constant equal to the
/// product, or a muli of the stride's value and the constant factor.
bool isScaledStride(Value d, int64_t factor, OpFoldResult stride) {
  if (auto attr = dyn_cast<Attribute>(stride)) {
    auto c = constantInt(d);
    return c && *c == factor * cast<IntegerAttr>(attr).getInt();
  }
  Value s = stripCasts(cast<Value>(stride));
  if (auto c = constantInt(s)) {
    auto cd = constantInt(d);
    return cd && *cd == factor * *c;
  }
  if (factor == 1 && stripCasts(d) == s)
    return true;
  auto mul = stripCasts(d).getDefiningOp<arith::MulIOp>();
  if (!mul)
    return false;
  for (int i = 0; i < 2; ++i) {
    auto c = constantInt(mul->getOperand(1 - i));
    if (c && *c == factor && stripCasts(mul->getOperand(i)) == s)
      return true;
  }
  return false;
}

/// Rebuilds, before the loop, the loads of its body with their K extent
/// widened from BLOCK_K to the whole of K, and the matmul on them; fails
/// (the caller rolls back) on anything else in the loop.
class Raiser {
public:
  Raiser(scf::ForOp loop, OpBuilder &b) : loop(loop), b(b) {}

  LogicalResult run() {
    Block *body = loop.getBody();
    auto yield = cast<scf::YieldOp>(body->getTerminator());
    // The accumulator: an iter_arg whose only use is a matmul's init, whose
    // result is what the loop yields for it.
    linalg::MatmulOp mm;
    for (auto [i, arg] : llvm::enumerate(loop.getRegionIterArgs())) {
      if (!isa<RankedTensorType>(arg.getType()))
        continue;
      auto user = arg.hasOneUse()
                      ? dyn_cast<linalg::MatmulOp>(*arg.getUsers().begin())
                      : linalg::MatmulOp();
      if (!user || user->getBlock() != body || user.getDpsInits()[0] != arg ||
          yield.getOperand(i) != user.getResult(0))
        continue;
      if (mm)
        return failure(); // two accumulators: not the shape handled here
      mm = user;
      accIndex = i;
    }
    if (!mm || !mm.getResult(0).hasOneUse())
      return failure();
    SmallVector<AffineMap> defaults =
        linalg::MatmulOp::getDefaultIndexingMaps(loop.getContext());
    if (mm.getIndexingMapsArray() != defaults)
      return failure();
    auto aTensor =
        mm.getDpsInputs()[0].getDefiningOp<bufferization::ToTensorOp>();
    auto bTensor =
        mm.getDpsInputs()[1].getDefiningOp<bufferization::ToTensorOp>();
    if (!aTensor || !bTensor || aTensor->getBlock() != body ||
        bTensor->getBlock() != body)
      return failure();
    auto aAlloc = aTensor.getBuffer().getDefiningOp<memref::AllocOp>();
    auto bAlloc = bTensor.getBuffer().getDefiningOp<memref::AllocOp>();
    if (!aAlloc || !bAlloc || aAlloc->getBlock() != body ||
        bAlloc->getBlock() != body || !aAlloc.getType().hasStaticShape() ||
        !bAlloc.getType().hasStaticShape() || aAlloc.getType().getRank() != 2 ||
        bAlloc.getType().getRank() != 2)
      return failure();
    blockK = aAlloc.getType().getDimSize(1);
    if (blockK != bAlloc.getType().getDimSize(0))
      return failure();
    kDim[aAlloc.getResult()] = 1;
    kDim[bAlloc.getResult()] = 0;

    // The trip count, with a positive constant step.
    auto step = constantInt(loop.getStep());
    if (!step || *step <= 0)
      return failure();

    // Every other iter_arg is an offset advanced by BLOCK_K along K of the
    // view it places, and unused after the loop.
    for (auto [i, arg] : llvm::enumerate(loop.getRegionIterArgs())) {
      if (i == accIndex)
        continue;
      if (!loop.getResult(i).use_empty() || !arg.getType().isIndex())
        return failure();
      auto add = yield.getOperand(i).getDefiningOp<arith::AddIOp>();
      if (!add || add->getBlock() != body || !add->hasOneUse())
        return failure();
      Value advance = add.getLhs() == arg   ? add.getRhs()
                      : add.getRhs() == arg ? add.getLhs()
                                            : Value();
      if (!advance || !isDefinedOutside(advance))
        return failure();
      // Read as a view's offset, or as the base of one (a wrapped block's
      // second segment starts rows before it; a gather adds its indices):
      // rebuild() places each view it keeps.
      for (Operation *user : arg.getUsers())
        if (user != add && !isa<memref::ReinterpretCastOp, arith::AddIOp>(user))
          return failure();
      skipped.insert(add);
      offsetAdvance[arg] = advance;
      offsetInit[arg] = loop.getInitArgs()[i];
    }

    // K_total = max(ceildiv(ub - lb, step), 0) * BLOCK_K, before the loop.
    b.setInsertionPoint(loop);
    Location loc = loop.getLoc();
    auto toIndex = [&](Value v) -> Value {
      if (v.getType().isIndex())
        return v;
      return track(arith::IndexCastOp::create(b, loc, b.getIndexType(), v));
    };
    Value lb = toIndex(loop.getLowerBound()),
          ub = toIndex(loop.getUpperBound());
    Value stepV = track(arith::ConstantIndexOp::create(b, loc, *step));
    Value span = track(arith::SubIOp::create(b, loc, ub, lb));
    Value trips = track(arith::CeilDivSIOp::create(b, loc, span, stepV));
    Value zero = track(arith::ConstantIndexOp::create(b, loc, 0));
    trips = track(arith::MaxSIOp::create(b, loc, trips, zero));
    kTotal = track(arith::MulIOp::create(
        b, loc, trips, track(arith::ConstantIndexOp::create(b, loc, blockK))));
    if (failed(matchKMask(zero)))
      return failure();

    // The loads rebuilt before the loop with their K extent widened to
    // K_total (this fails on a mask along K, an iteration-dependent index,
    // any op that is not part of a load): one panel load of A (BLOCK_M x
    // K_total) and one of B (K_total x BLOCK_N), in the loop's own form
    // (masks, versioning), which speir-forward-loads then reads in place.
    for (Operation &op : body->without_terminator()) {
      if (&op == mm.getOperation() || skipped.contains(&op))
        continue;
      if (failed(rebuild(&op)))
        return failure();
    }
    Value panelA = map.lookupOrNull(aTensor.getResult());
    Value panelB = map.lookupOrNull(bTensor.getResult());
    if (!panelA || !panelB)
      return failure();
    IRMapping mapping;
    mapping.map(mm.getDpsInputs()[0], panelA);
    mapping.map(mm.getDpsInputs()[1], panelB);
    mapping.map(mm.getDpsInits()[0], loop.getInitArgs()[accIndex]);
    Operation *product = track(b.clone(*mm, mapping));
    if (guards.empty()) {
      loop.getResult(accIndex).replaceAllUsesWith(product->getResult(0));
      return success();
    }
    guardRaised(product->getResult(0));
    return success();
  }

  /// The raised form holds only under `guards` (versions kept for their
  /// fast branch): it went under an scf.if on them, the loop into its else.
  bool keepsLoop() const { return !guards.empty(); }

  /// Undoes a failed attempt.
  void rollback() { rollbackTo(0); }

private:
  /// Erases what was created after the first `mark` ops.
  void rollbackTo(size_t mark) {
    while (created.size() > mark) {
      Operation *op = created.pop_back_val();
      for (Value result : op->getResults())
        kDim.erase(result);
      op->erase();
    }
  }

  /// The tutorial's mask along K, `offs_k < K - k * BLOCK_K`, leaves each
  /// iteration's copies a K extent of clamp(K - k * BLOCK_K, 0, BLOCK_K):
  /// minsi(maxsi(X, 0), BLOCK_K) or minsi(X, BLOCK_K) (index casts aside),
  /// X = K - iv * BLOCK_K with a unit step or K - iv with a step of
  /// BLOCK_K, from 0, K defined outside the loop. Every block's valid part
  /// is a prefix of it, and the blocks after a partial one are empty, so
  /// across the widened panel the valid part is the prefix of
  /// clamp(K, 0, K_total) columns (kValid); the rest keeps the fill.
  /// Records such values (kSteps) and the arithmetic computing them from the
  /// induction variable (skipped: only rebuild()'s K-extent uses read them).
  LogicalResult matchKMask(Value zero) {
    auto lb = constantInt(loop.getLowerBound());
    auto step = constantInt(loop.getStep());
    if (!lb || *lb != 0 || !step)
      return success();
    Value iv = loop.getInductionVar();
    Value bound;
    for (Operation &op : loop.getBody()->without_terminator()) {
      auto min = dyn_cast<arith::MinSIOp>(op);
      if (!min)
        continue;
      for (int i = 0; i < 2; ++i) {
        auto c = constantInt(min->getOperand(1 - i));
        // A min of such an extent with BLOCK_K or more is the extent again
        // (a load masked along K and along M or N clamps it once more).
        if (c && *c >= blockK && kSteps.contains(min->getOperand(i))) {
          kSteps.insert(min.getResult());
          kChain.insert(min);
          break;
        }
        if (!c || *c != blockK)
          continue;
        Value x = min->getOperand(i);
        if (auto max = x.getDefiningOp<arith::MaxSIOp>()) {
          auto z0 = constantInt(max.getRhs()), z1 = constantInt(max.getLhs());
          x = z0 && *z0 == 0   ? max.getLhs()
              : z1 && *z1 == 0 ? max.getRhs()
                               : Value();
          if (!x)
            continue;
        }
        auto sub = stripCasts(x).getDefiningOp<arith::SubIOp>();
        if (!sub || !isDefinedOutside(sub.getLhs()))
          continue;
        Value done = stripCasts(sub.getRhs());
        bool matches = false;
        if (*step == blockK) {
          matches = done == iv;
        } else if (*step == 1) {
          if (auto mul = done.getDefiningOp<arith::MulIOp>())
            for (int j = 0; j < 2; ++j) {
              auto f = constantInt(mul->getOperand(1 - j));
              if (f && *f == blockK && stripCasts(mul->getOperand(j)) == iv)
                matches = true;
            }
        }
        if (!matches || (bound && bound != sub.getLhs()))
          continue;
        bound = sub.getLhs();
        kSteps.insert(min.getResult());
        // The arithmetic from the induction variable to the extent.
        SmallVector<Operation *> work{min};
        while (!work.empty()) {
          Operation *def = work.pop_back_val();
          if (!def || def->getBlock() != loop.getBody() ||
              !kChain.insert(def).second)
            continue;
          for (Value operand : def->getOperands())
            work.push_back(operand.getDefiningOp());
        }
      }
    }
    if (!bound)
      return success();
    Location loc = loop.getLoc();
    Value k = bound.getType().isIndex() ? bound
                                        : track(arith::IndexCastOp::create(
                                              b, loc, b.getIndexType(), bound));
    Value positive = track(arith::MaxSIOp::create(b, loc, k, zero));
    kValid = track(arith::MinSIOp::create(b, loc, positive, kTotal));
    return success();
  }

  /// The offset iter_arg an offset advances with: the offset itself, or an
  /// addend of it (the other addend, as in the loop, into `displacement`).
  /// Null for any other offset.
  Value advancingBase(Value offset, Value *displacement = nullptr) {
    if (offsetAdvance.count(offset))
      return offset;
    if (auto add = offset.getDefiningOp<arith::AddIOp>())
      for (int i = 0; i < 2; ++i)
        if (offsetAdvance.count(add->getOperand(i))) {
          if (displacement)
            *displacement = add->getOperand(1 - i);
          return add->getOperand(i);
        }
    return Value();
  }

  /// The K extent `size` of a copy in the widened panel: K_total for a whole
  /// block, kValid for the masked one, null otherwise.
  Value widenedExtent(OpFoldResult size) {
    if (getConstantIntValue(size) == blockK)
      return kTotal;
    if (auto v = dyn_cast<Value>(size); v && kSteps.contains(v))
      return kValid;
    return Value();
  }

  /// Puts the raised form (its ops before the loop, `product` its value)
  /// under an scf.if on the guards, the loop in its else branch.
  void guardRaised(Value product) {
    Location loc = loop.getLoc();
    SmallVector<Operation *> raised;
    for (Operation *op : created)
      if (op->getBlock() == loop->getBlock())
        raised.push_back(op);
    b.setInsertionPoint(loop);
    Value cond = guards.front();
    for (Value g : ArrayRef<Value>(guards).drop_front())
      cond = track(arith::AndIOp::create(b, loc, cond, g));
    auto guarded = track(scf::IfOp::create(b, loc, TypeRange{product.getType()},
                                           cond, /*withElseRegion=*/true));
    auto blockOf = [](Region &region) {
      return region.empty() ? &region.emplaceBlock() : &region.front();
    };
    Block *thenBlock = blockOf(guarded.getThenRegion());
    for (Operation *op : raised)
      op->moveBefore(thenBlock, thenBlock->end());
    b.setInsertionPointToEnd(thenBlock);
    scf::YieldOp::create(b, loc, product);
    Value result = loop.getResults()[accIndex];
    result.replaceAllUsesWith(guarded.getResult(0));
    Block *elseBlock = blockOf(guarded.getElseRegion());
    loop->moveBefore(elseBlock, elseBlock->end());
    b.setInsertionPointToEnd(elseBlock);
    scf::YieldOp::create(b, loc, result);
  }

  template <typename T> T track(T op) {
    created.push_back(op);
    return op;
  }
  Operation *track(Operation *op) {
    created.push_back(op);
    return op;
  }

  bool isDefinedOutside(Value v) {
    Operation *owner = v.getDefiningOp();
    if (!owner)
      owner = cast<BlockArgument>(v).getOwner()->getParentOp();
    return !loop->isAncestor(owner);
  }

  /// The rebuilt value of `v`: its new value when the loop defined it,
  /// itself when it comes from outside, null otherwise (the iteration, an
  /// iter_arg, or an op not rebuilt).
  Value get(Value v) {
    if (Value mapped = map.lookupOrNull(v))
      return mapped;
    return isDefinedOutside(v) ? v : Value();
  }

  std::optional<unsigned> kDimOf(Value v) {
    auto it = kDim.find(v);
    if (it == kDim.end())
      return std::nullopt;
    return it->second;
  }

  LogicalResult rebuild(Operation *op) {
    Location loc = op->getLoc();
    // The K extent's arithmetic: read by the K-extent uses below only.
    if (kChain.contains(op))
      return success();
    // An offset from a block's start: the views at it are placed below.
    if (isa<arith::AddIOp>(op) && advancingBase(op->getResult(0)))
      return success();
    // Whether an iteration's block is whole along K: whether the panel is.
    if (auto cmp = dyn_cast<arith::CmpIOp>(op)) {
      for (int i = 0; i < 2; ++i) {
        if (!kSteps.contains(cmp->getOperand(i)))
          continue;
        auto c = constantInt(cmp->getOperand(1 - i));
        if (!c || *c != blockK ||
            (cmp.getPredicate() != arith::CmpIPredicate::eq &&
             cmp.getPredicate() != arith::CmpIPredicate::ne))
          return failure();
        map.map(cmp.getResult(),
                track(arith::CmpIOp::create(b, loc, cmp.getPredicate(), kValid,
                                            kTotal))
                    .getResult());
        return success();
      }
    }
    if (auto alloc = dyn_cast<memref::AllocOp>(op)) {
      auto k = kDimOf(alloc.getResult());
      if (!k)
        return failure();
      SmallVector<int64_t> shape(alloc.getType().getShape());
      shape[*k] = ShapedType::kDynamic;
      auto type = MemRefType::get(shape, alloc.getType().getElementType());
      map.map(alloc.getResult(),
              track(memref::AllocOp::create(b, loc, type, ValueRange{kTotal},
                                            alloc.getAlignmentAttr()))
                  .getResult());
      return success();
    }
    if (auto view = dyn_cast<memref::ReinterpretCastOp>(op)) {
      // A view at an advancing offset (an offset iter_arg, or one plus a
      // displacement): K is the dimension whose stride times BLOCK_K is the
      // advance.
      if (view.getOffsets().size() != 1 || view.getType().getRank() != 2 ||
          !view.getType().hasStaticShape())
        return failure();
      Value displacement;
      Value base = advancingBase(view.getOffsets()[0], &displacement);
      if (!base || (displacement && !(displacement = get(displacement))))
        return failure();
      Value advance = offsetAdvance.lookup(base);
      Value source = get(view.getSource());
      if (!source)
        return failure();
      std::optional<unsigned> k;
      SmallVector<OpFoldResult> strides = view.getMixedStrides();
      for (unsigned d = 0; d < 2; ++d)
        if (view.getType().getDimSize(d) == blockK &&
            isScaledStride(advance, blockK, strides[d]))
          k = d;
      if (!k)
        return failure();
      SmallVector<OpFoldResult> newStrides;
      for (OpFoldResult s : strides) {
        if (auto v = dyn_cast<Value>(s)) {
          Value m = get(v);
          if (!m)
            return failure();
          newStrides.push_back(m);
        } else {
          newStrides.push_back(s);
        }
      }
      SmallVector<OpFoldResult> sizes = view.getMixedSizes();
      sizes[*k] = kTotal;
      SmallVector<int64_t> shape(view.getType().getShape());
      shape[*k] = ShapedType::kDynamic;
      auto type = MemRefType::get(shape, view.getType().getElementType(),
                                  view.getType().getLayout());
      Value init = offsetInit.lookup(base);
      if (displacement)
        init = track(arith::AddIOp::create(b, loc, init, displacement));
      auto newView = track(memref::ReinterpretCastOp::create(
          b, loc, type, source, init, sizes, newStrides));
      map.map(view.getResult(), newView.getResult());
      kDim[view.getResult()] = *k;
      return success();
    }
    if (auto sub = dyn_cast<memref::SubViewOp>(op)) {
      auto k = kDimOf(sub.getSource());
      Value source = get(sub.getSource());
      if (!k || !source || sub.getType().getRank() != 2)
        return failure();
      // The K extent whole: offset 0, size BLOCK_K, unit strides (a mask
      // along K would cut it).
      SmallVector<OpFoldResult> offsets, sizes, strides;
      for (auto [d, ofr] : llvm::enumerate(sub.getMixedOffsets())) {
        if (d == *k) {
          if (getConstantIntValue(ofr) != 0)
            return failure();
        }
        if (auto v = dyn_cast<Value>(ofr)) {
          Value m = get(v);
          if (!m)
            return failure();
          offsets.push_back(m);
        } else {
          offsets.push_back(ofr);
        }
      }
      for (auto [d, ofr] : llvm::enumerate(sub.getMixedSizes())) {
        if (d == *k) {
          Value extent = widenedExtent(ofr);
          if (!extent)
            return failure();
          sizes.push_back(extent);
          continue;
        }
        if (auto v = dyn_cast<Value>(ofr)) {
          Value m = get(v);
          if (!m)
            return failure();
          sizes.push_back(m);
        } else {
          sizes.push_back(ofr);
        }
      }
      for (OpFoldResult ofr : sub.getMixedStrides()) {
        if (getConstantIntValue(ofr) != 1)
          return failure();
        strides.push_back(ofr);
      }
      auto newSub = track(
          memref::SubViewOp::create(b, loc, source, offsets, sizes, strides));
      map.map(sub.getResult(), newSub.getResult());
      kDim[sub.getResult()] = *k;
      return success();
    }
    if (auto copy = dyn_cast<memref::CopyOp>(op)) {
      Value src = get(copy.getSource()), dst = get(copy.getTarget());
      if (!src || !dst || !kDimOf(copy.getSource()) ||
          !kDimOf(copy.getTarget()))
        return failure();
      track(memref::CopyOp::create(b, loc, src, dst));
      return success();
    }
    if (auto fill = dyn_cast<linalg::FillOp>(op)) {
      if (!fill.hasPureBufferSemantics())
        return failure();
      Value value = get(fill.getInputs()[0]), dst = get(fill.getOutputs()[0]);
      if (!value || !dst || !kDimOf(fill.getOutputs()[0]))
        return failure();
      track(linalg::FillOp::create(b, loc, ValueRange{value}, ValueRange{dst}));
      return success();
    }
    if (auto toTensor = dyn_cast<bufferization::ToTensorOp>(op)) {
      Value buffer = get(toTensor.getBuffer());
      if (!buffer || !kDimOf(toTensor.getBuffer()))
        return failure();
      Operation *clone = track(b.clone(*op));
      clone->setOperand(0, buffer);
      auto type = cast<RankedTensorType>(toTensor.getType());
      SmallVector<int64_t> shape(type.getShape());
      shape[*kDimOf(toTensor.getBuffer())] = ShapedType::kDynamic;
      clone->getResult(0).setType(
          RankedTensorType::get(shape, type.getElementType()));
      map.map(toTensor.getResult(), clone->getResult(0));
      return success();
    }
    if (auto ifOp = dyn_cast<scf::IfOp>(op))
      return rebuildIf(ifOp);
    // Arithmetic the loads compute (LICM left it in the loop only if it
    // depends on the iteration, which fails here).
    if (op->getNumRegions() == 0 && isMemoryEffectFree(op)) {
      IRMapping mapping;
      for (Value operand : op->getOperands()) {
        Value m = get(operand);
        if (!m)
          return failure();
        mapping.map(operand, m);
      }
      Operation *clone = track(b.clone(*op, mapping));
      for (auto [from, to] : llvm::zip(op->getResults(), clone->getResults()))
        map.map(from, to);
      return success();
    }
    return failure();
  }

  /// The ops of `block` rebuilt at the builder's position.
  LogicalResult rebuildBlock(Block *block) {
    for (Operation &inner : block->without_terminator())
      if (failed(rebuild(&inner)))
        return failure();
    return success();
  }

  /// An scf.if rebuilt whole; or, when one branch cannot be widened (a
  /// gather, a view whose K stride is only known to be 1 under the
  /// condition) and the if versions a load (kVersionAttrName), one branch
  /// in its place: the else branch, right for any condition, or the then
  /// branch, with its condition (loop-invariant) a guard of the raised form.
  LogicalResult rebuildIf(scf::IfOp ifOp) {
    if (ifOp.getNumResults() != 0)
      return failure();
    Location loc = ifOp.getLoc();
    size_t mark = created.size(), guardMark = guards.size();
    auto undo = [&] {
      rollbackTo(mark);
      guards.resize(guardMark);
    };
    if (Value cond = get(ifOp.getCondition())) {
      auto newIf =
          track(scf::IfOp::create(b, loc, cond, ifOp.elseBlock() != nullptr));
      OpBuilder::InsertionGuard guard(b);
      b.setInsertionPoint(newIf.thenBlock()->getTerminator());
      bool ok = succeeded(rebuildBlock(ifOp.thenBlock()));
      if (ok && ifOp.elseBlock()) {
        b.setInsertionPoint(newIf.elseBlock()->getTerminator());
        ok = succeeded(rebuildBlock(ifOp.elseBlock()));
      }
      if (ok)
        return success();
      undo();
    }
    if (!ifOp->hasAttr(spine::kVersionAttrName) || !ifOp.elseBlock())
      return failure();
    if (succeeded(rebuildBlock(ifOp.elseBlock())))
      return success();
    undo();
    if (!isDefinedOutside(ifOp.getCondition()) ||
        failed(rebuildBlock(ifOp.thenBlock())))
      return failure();
    guards.push_back(ifOp.getCondition());
    return success();
  }

  scf::ForOp loop;
  OpBuilder &b;
  int64_t blockK = 0;
  Value kTotal;
  IRMapping map;
  DenseMap<Value, unsigned> kDim;
  // The accumulator's iter_arg (and result) index.
  unsigned accIndex = 0;
  // Per offset iter_arg: its advance per iteration and its initial value.
  DenseMap<Value, Value> offsetAdvance;
  DenseMap<Value, Value> offsetInit;
  // The mask along K (matchKMask).
  Value kValid;
  DenseSet<Value> kSteps;
  DenseSet<Operation *> kChain;
  // Conditions of versions kept for their then branch alone.
  SmallVector<Value> guards;
  DenseSet<Operation *> skipped;
  SmallVector<Operation *> created;
};

struct RaiseDotKLoopPass : spine::impl::RaiseDotKLoopBase<RaiseDotKLoopPass> {
  void runOnOperation() override {
    SmallVector<scf::ForOp> loops;
    getOperation().walk([&](scf::ForOp loop) {
      if (llvm::any_of(loop.getBody()->getOperations(),
                       [](Operation &op) { return isa<linalg::MatmulOp>(op); }))
        loops.push_back(loop);
    });
    for (scf::ForOp loop : loops) {
      // The loads' index arithmetic that does not depend on the iteration
      // moves out first (only such arithmetic may stay in the raised form).
      moveLoopInvariantCode(cast<LoopLikeOpInterface>(loop.getOperation()));
      OpBuilder b(loop);
      Raiser raiser(loop, b);
      if (failed(raiser.run())) {
        raiser.rollback();
        continue;
      }
      if (!raiser.keepsLoop())
        loop.erase();
    }
  }
};

} // namespace

//===- MarkUnobservedWraps.cpp - rows past a wrap that no store keeps -----===//
//
// Triton's tutorial matmul wraps its rows, `offs_am = (pid_m * BLOCK_M +
// arange(BLOCK_M)) % M`, so that a block never reads past row M, and stores
// only `offs_cm < M` of the product with the unwrapped offsets. The rows of
// a block whose unwrapped index is M or more are loaded (from row 0 again,
// repeatedly when BLOCK_M > M), multiplied, and never stored. The TTIR
// conversion loads such rows as two segments while BLOCK_M <= M and by a
// gather otherwise: a decode step (M = 1) through the tutorial kernel
// gathered its A block every K step.
//
// This pass proves, per load, that those positions are never observed, and
// marks the load (kUnobservedWrapAttrName: the dimension); the conversion
// then copies the rows before the wrap and fills the rest. The proof, for a
// load whose pointer depends on exactly one tensor `arith.remsi %r, %m`
// (%m uniform), reaching the pointer along dimension d position by position:
//  - every use of the loaded value, transitively, keeps positions apart
//    along d: element-wise ops (no integer division), broadcasts of other
//    dimensions, expand_dims, loop-carried values, tt.dot's A along its rows
//    or B along its columns (and the accumulator), into the product's same
//    dimension;
//  - and ends as the value of a tt.store whose mask has a conjunct
//    `%r < %m` along d (the same %r and %m).
// No loaded value reaches an address, a mask, a reduction or a control
// decision, so a position whose unwrapped index is %m or more can hold
// anything.
//
//===----------------------------------------------------------------------===//

#include "spine/Conversion/Passes.h"
#include "spine/Dialect/Triton/IR/Triton.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/Matchers.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

namespace mlir::spine {
#define GEN_PASS_DEF_MARKUNOBSERVEDWRAPS
#include "spine/Conversion/Passes.h.inc"
} // namespace mlir::spine

using namespace mlir;
namespace tt = mlir::triton;

namespace {

/// `a` and `b` hold one value in every element, the same one: one scalar
/// splat twice, or equal splat constants.
bool sameUniform(Value a, Value b) {
  if (a == b)
    return true;
  auto sa = a.getDefiningOp<tt::SplatOp>(), sb = b.getDefiningOp<tt::SplatOp>();
  if (sa && sb)
    return sa.getSrc() == sb.getSrc();
  SplatElementsAttr ca, cb;
  return matchPattern(a, m_Constant(&ca)) && matchPattern(b, m_Constant(&cb)) &&
         ca.getSplatValue<Attribute>() == cb.getSplatValue<Attribute>();
}

bool isUniform(Value v) {
  SplatElementsAttr c;
  return v.getDefiningOp<tt::SplatOp>() || matchPattern(v, m_Constant(&c));
}

int64_t dimSize(Value v, int64_t d) {
  return cast<RankedTensorType>(v.getType()).getDimSize(d);
}

/// Element i of `e` along `d` is element i of the 1-D `r` (expand_dims and
/// broadcasts of the other dimensions in between).
bool indexes(Value e, Value r, int64_t d) {
  if (e == r)
    return d == 0;
  if (auto expand = e.getDefiningOp<tt::ExpandDimsOp>()) {
    int64_t axis = expand.getAxis();
    return d != axis && indexes(expand.getSrc(), r, d > axis ? d - 1 : d);
  }
  if (auto bcast = e.getDefiningOp<tt::BroadcastOp>())
    return dimSize(bcast.getSrc(), d) == dimSize(e, d) &&
           indexes(bcast.getSrc(), r, d);
  return false;
}

/// `mask` is false wherever r[i] >= m, i the position along `d`.
bool impliesBelow(Value mask, Value r, Value m, int64_t d) {
  if (auto andOp = mask.getDefiningOp<arith::AndIOp>())
    return impliesBelow(andOp.getLhs(), r, m, d) ||
           impliesBelow(andOp.getRhs(), r, m, d);
  if (auto bcast = mask.getDefiningOp<tt::BroadcastOp>())
    return dimSize(bcast.getSrc(), d) == dimSize(mask, d) &&
           impliesBelow(bcast.getSrc(), r, m, d);
  auto cmp = mask.getDefiningOp<arith::CmpIOp>();
  if (!cmp)
    return false;
  if (cmp.getPredicate() == arith::CmpIPredicate::slt)
    return indexes(cmp.getLhs(), r, d) && sameUniform(cmp.getRhs(), m);
  if (cmp.getPredicate() == arith::CmpIPredicate::sgt)
    return indexes(cmp.getRhs(), r, d) && sameUniform(cmp.getLhs(), m);
  return false;
}

/// A step of `followPositions`: the values a use of a tracked value carries
/// its positions into (with their dimension), or failure for a use it
/// cannot follow.
using PositionStep =
    function_ref<FailureOr<SmallVector<std::pair<Value, int64_t>>>(OpOperand &,
                                                                   int64_t)>;

/// Follows `from`'s positions along `dim` through every use, `step` by
/// `step`; failure when a step fails or positions meet across dimensions.
LogicalResult followPositions(Value from, int64_t dim, PositionStep step) {
  DenseMap<Value, int64_t> seen;
  SmallVector<std::pair<Value, int64_t>> work{{from, dim}};
  while (!work.empty()) {
    auto [v, d] = work.pop_back_val();
    auto [it, inserted] = seen.try_emplace(v, d);
    if (!inserted) {
      if (it->second != d)
        return failure(); // positions meet across dimensions
      continue;
    }
    if (seen.size() > 4096)
      return failure();
    for (OpOperand &use : v.getUses()) {
      auto next = step(use, d);
      if (failed(next))
        return failure();
      work.append(next->begin(), next->end());
    }
  }
  return success();
}

/// Where an element-wise or layout op carries position d of its operand;
/// nullopt when it does not keep positions apart.
std::optional<std::pair<Value, int64_t>> positional(OpOperand &use, int64_t d) {
  Operation *user = use.getOwner();
  if (auto expand = dyn_cast<tt::ExpandDimsOp>(user)) {
    int64_t axis = expand.getAxis();
    return std::make_pair(expand.getResult(), d >= axis ? d + 1 : d);
  }
  if (auto bcast = dyn_cast<tt::BroadcastOp>(user)) {
    if (dimSize(bcast.getSrc(), d) != dimSize(bcast.getResult(), d))
      return std::nullopt;
    return std::make_pair(bcast.getResult(), d);
  }
  if (user->getNumResults() != 1 || !isMemoryEffectFree(user) ||
      user->getNumRegions() != 0)
    return std::nullopt;
  if (!user->hasTrait<OpTrait::Elementwise>() &&
      !user->hasTrait<OpTrait::SameOperandsAndResultShape>())
    return std::nullopt;
  // An integer division or remainder traps on what an unobserved position
  // may hold.
  if (isa<arith::DivSIOp, arith::DivUIOp, arith::RemSIOp, arith::RemUIOp,
          arith::CeilDivSIOp, arith::CeilDivUIOp, arith::FloorDivSIOp>(user))
    return std::nullopt;
  auto type = dyn_cast<RankedTensorType>(user->getResult(0).getType());
  if (!type ||
      type.getShape() != cast<RankedTensorType>(use.get().getType()).getShape())
    return std::nullopt;
  return std::make_pair(user->getResult(0), d);
}

/// A loop-carried or branch-yielded value: the values it becomes.
std::optional<SmallVector<std::pair<Value, int64_t>>> carried(OpOperand &use,
                                                              int64_t d) {
  Operation *user = use.getOwner();
  SmallVector<std::pair<Value, int64_t>> out;
  if (auto loop = dyn_cast<scf::ForOp>(user)) {
    if (use.getOperandNumber() < loop.getNumControlOperands())
      return std::nullopt;
    unsigned i = use.getOperandNumber() - loop.getNumControlOperands();
    out.push_back({loop.getRegionIterArgs()[i], d});
    out.push_back({loop.getResult(i), d});
    return out;
  }
  if (auto yield = dyn_cast<scf::YieldOp>(user)) {
    unsigned i = use.getOperandNumber();
    Operation *parent = yield->getParentOp();
    if (auto loop = dyn_cast<scf::ForOp>(parent)) {
      out.push_back({loop.getRegionIterArgs()[i], d});
      out.push_back({loop.getResult(i), d});
      return out;
    }
    if (isa<scf::IfOp>(parent)) {
      out.push_back({parent->getResult(i), d});
      return out;
    }
  }
  return std::nullopt;
}

/// The one tensor remainder the address `ptr` is computed from (through
/// loop-carried values), or null when there is none or more than one.
arith::RemSIOp onlyRemainder(Value ptr) {
  SmallVector<Value> work{ptr};
  DenseSet<Value> seen;
  arith::RemSIOp found;
  while (!work.empty()) {
    Value v = work.pop_back_val();
    if (!seen.insert(v).second)
      continue;
    if (seen.size() > 4096)
      return {};
    if (auto arg = dyn_cast<BlockArgument>(v)) {
      auto loop = dyn_cast<scf::ForOp>(arg.getOwner()->getParentOp());
      if (!loop || arg.getArgNumber() == 0)
        continue; // a function argument, or an induction variable
      unsigned i = arg.getArgNumber() - 1;
      work.push_back(loop.getInitArgs()[i]);
      work.push_back(loop.getBody()->getTerminator()->getOperand(i));
      continue;
    }
    Operation *def = v.getDefiningOp();
    if (auto loop = dyn_cast<scf::ForOp>(def)) {
      unsigned i = cast<OpResult>(v).getResultNumber();
      work.push_back(loop.getInitArgs()[i]);
      work.push_back(loop.getBody()->getTerminator()->getOperand(i));
      continue;
    }
    if (def->getNumRegions() != 0)
      return {}; // an address chosen by a branch: not the form marked here
    if (isa<RankedTensorType>(v.getType()) &&
        isa<arith::RemSIOp, arith::RemUIOp>(def)) {
      auto rem = dyn_cast<arith::RemSIOp>(def);
      if (!rem || (found && found != rem))
        return {};
      found = rem;
    }
    for (Value operand : def->getOperands())
      work.push_back(operand);
  }
  return found;
}

/// The dimension along which `rem`'s positions reach `load`'s address.
std::optional<int64_t> wrappedDim(arith::RemSIOp rem, tt::LoadOp load) {
  std::optional<int64_t> dim;
  auto step =
      [&](OpOperand &use,
          int64_t d) -> FailureOr<SmallVector<std::pair<Value, int64_t>>> {
    SmallVector<std::pair<Value, int64_t>> out;
    if (use.getOwner() == load.getOperation()) {
      if (use.get() == load.getPtr()) {
        if (dim && *dim != d)
          return failure();
        dim = d;
      }
      return out;
    }
    if (auto next = positional(use, d))
      out.push_back(*next);
    else if (auto next = carried(use, d))
      out = *next;
    // Other uses (other loads' masks, other addresses) do not matter here.
    return out;
  };
  if (failed(followPositions(rem.getResult(), 0, step)))
    return std::nullopt;
  return dim;
}

/// `v` is computed inside `op` (in one of its regions).
bool definedIn(Value v, Operation *op) {
  Region *region = v.getParentRegion();
  return region && op->isAncestor(region->getParentOp());
}

/// The scalar a uniform tensor splats, or the tensor itself (a constant).
Value uniformSource(Value v) {
  if (auto splat = v.getDefiningOp<tt::SplatOp>())
    return splat.getSrc();
  return v;
}

/// Every use of `load`'s value keeps its positions along `dim` apart and
/// ends in stores whose masks are false where r[i] >= m.
bool onlyStoredBelow(tt::LoadOp load, int64_t dim, Value r, Value m) {
  auto step =
      [&](OpOperand &use,
          int64_t d) -> FailureOr<SmallVector<std::pair<Value, int64_t>>> {
    SmallVector<std::pair<Value, int64_t>> out;
    Operation *user = use.getOwner();
    if (auto store = dyn_cast<tt::StoreOp>(user)) {
      if (use.get() != store.getValue() || use.get() == store.getPtr() ||
          use.get() == store.getMask() || !store.getMask() ||
          !impliesBelow(store.getMask(), r, m, d))
        return failure();
      return out;
    }
    if (auto dot = dyn_cast<tt::DotOp>(user)) {
      unsigned i = use.getOperandNumber();
      // Row i of A reaches row i of the product, column j of B column j, a
      // batch the same batch; the accumulator's positions stay. A's
      // columns and B's rows (K) reach every product element.
      int64_t rank = cast<RankedTensorType>(dot.getType()).getRank();
      bool kept = i == 2 || d < rank - 2 || (i == 0 && d == rank - 2) ||
                  (i == 1 && d == rank - 1);
      if (!kept)
        return failure();
      out.push_back({dot.getResult(), d});
      return out;
    }
    if (auto next = positional(use, d)) {
      out.push_back(*next);
      return out;
    }
    if (auto next = carried(use, d)) {
      // A value carried into a loop's next iteration (or into its first
      // from outside) meets that iteration's stores: their masks bound the
      // same positions only if r and m do not change in the loop.
      for (auto [v, dim] : *next) {
        auto arg = dyn_cast<BlockArgument>(v);
        Operation *loop = arg ? arg.getOwner()->getParentOp() : nullptr;
        if (loop && (definedIn(r, loop) || definedIn(uniformSource(m), loop)))
          return failure();
      }
      return *next;
    }
    return failure();
  };
  return succeeded(followPositions(load.getResult(), dim, step));
}

struct MarkUnobservedWrapsPass
    : spine::impl::MarkUnobservedWrapsBase<MarkUnobservedWrapsPass> {
  void runOnOperation() override {
    getOperation().walk([&](tt::LoadOp load) {
      if (!isa<RankedTensorType>(load.getType()))
        return;
      arith::RemSIOp rem = onlyRemainder(load.getPtr());
      if (!rem || !isUniform(rem.getRhs()) ||
          cast<RankedTensorType>(rem.getType()).getRank() != 1)
        return;
      std::optional<int64_t> dim = wrappedDim(rem, load);
      if (!dim || !onlyStoredBelow(load, *dim, rem.getLhs(), rem.getRhs()))
        return;
      load->setAttr(
          spine::kUnobservedWrapAttrName,
          IntegerAttr::get(IntegerType::get(&getContext(), 64), *dim));
    });
  }
};

} // namespace

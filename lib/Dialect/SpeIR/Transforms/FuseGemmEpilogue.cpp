#include "spine/Dialect/SpeIR/Transforms/Passes.h"

#include "mlir/Dialect/Linalg/IR/LinalgInterfaces.h"
#include "mlir/IR/Dominance.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "mlir/Interfaces/ViewLikeInterface.h"

#include <cmath>

namespace mlir::speir {
#define GEN_PASS_DEF_SPEIRFUSEGEMMEPILOGUE
#include "spine/Dialect/SpeIR/Transforms/Passes.h.inc"
} // namespace mlir::speir

using namespace mlir;
using namespace mlir::speir;

namespace {

//===- Activations in the body of a linalg.generic ------------------------===//

bool isFloatConstant(Value v, double expected) {
  APFloat value(0.0);
  if (!matchPattern(v, m_ConstantFloat(&value)))
    return false;
  double d = value.convertToDouble();
  return std::abs(d - expected) <= 1e-6 * std::max(1.0, std::abs(expected));
}

/// The factors of a product tree of arith.mulf, in any association.
void collectFactors(Value v, SmallVectorImpl<Value> &factors) {
  if (auto mul = v.getDefiningOp<arith::MulFOp>()) {
    collectFactors(mul.getLhs(), factors);
    collectFactors(mul.getRhs(), factors);
    return;
  }
  factors.push_back(v);
}

/// True when the factors of `v` are exactly one match of each predicate.
bool isProductOf(Value v, ArrayRef<function_ref<bool(Value)>> predicates) {
  SmallVector<Value> factors;
  collectFactors(v, factors);
  if (factors.size() != predicates.size())
    return false;
  SmallVector<bool> used(factors.size(), false);
  // Small products: try each predicate on each unused factor in turn.
  std::function<bool(size_t)> assign = [&](size_t i) {
    if (i == predicates.size())
      return true;
    for (auto [j, f] : llvm::enumerate(factors)) {
      if (used[j] || !predicates[i](f))
        continue;
      used[j] = true;
      if (assign(i + 1))
        return true;
      used[j] = false;
    }
    return false;
  };
  return assign(0);
}

/// `v` is `lhs + rhs` (addf) with the operands matching in either order.
bool isSumOf(Value v, function_ref<bool(Value)> p0,
             function_ref<bool(Value)> p1) {
  auto add = v.getDefiningOp<arith::AddFOp>();
  return add && ((p0(add.getLhs()) && p1(add.getRhs())) ||
                 (p0(add.getRhs()) && p1(add.getLhs())));
}

auto isConst(double c) {
  return [c](Value v) { return isFloatConstant(v, c); };
}

/// -x as negf, 0 - x or x * -1.
bool isNegationOf(Value v, Value x) {
  if (auto neg = v.getDefiningOp<arith::NegFOp>())
    return neg.getOperand() == x;
  if (auto sub = v.getDefiningOp<arith::SubFOp>())
    return sub.getRhs() == x && isFloatConstant(sub.getLhs(), 0.0);
  auto isX = [x](Value f) { return f == x; };
  return isProductOf(v, {isX, isConst(-1.0)});
}

/// 1 + exp(-x)
bool isOnePlusExpNeg(Value v, Value x) {
  return isSumOf(v, isConst(1.0), [x](Value e) {
    auto exp = e.getDefiningOp<math::ExpOp>();
    return exp && isNegationOf(exp.getOperand(), x);
  });
}

bool isRelu(Value v, Value x) {
  auto isX = [x](Value u) { return u == x; };
  auto isZero = [](Value u) {
    return matchPattern(u, m_PosZeroFloat()) || matchPattern(u, m_Zero());
  };
  Operation *op = v.getDefiningOp();
  if (isa_and_nonnull<arith::MaximumFOp, arith::MaxNumFOp, arith::MaxSIOp>(op))
    return (isX(op->getOperand(0)) && isZero(op->getOperand(1))) ||
           (isX(op->getOperand(1)) && isZero(op->getOperand(0)));
  auto select = dyn_cast_or_null<arith::SelectOp>(op);
  if (!select)
    return false;
  auto cmp = select.getCondition().getDefiningOp<arith::CmpFOp>();
  if (!cmp || cmp.getLhs() != x || !isZero(cmp.getRhs()))
    return false;
  using P = arith::CmpFPredicate;
  P p = cmp.getPredicate();
  bool greater = p == P::OGT || p == P::OGE || p == P::UGT || p == P::UGE;
  bool less = p == P::OLT || p == P::OLE || p == P::ULT || p == P::ULE;
  return (greater && isX(select.getTrueValue()) &&
          isZero(select.getFalseValue())) ||
         (less && isZero(select.getTrueValue()) && isX(select.getFalseValue()));
}

bool isSilu(Value v, Value x) {
  if (auto div = v.getDefiningOp<arith::DivFOp>())
    if (div.getLhs() == x && isOnePlusExpNeg(div.getRhs(), x))
      return true;
  auto isX = [x](Value u) { return u == x; };
  auto isSigmoid = [x](Value u) {
    auto div = u.getDefiningOp<arith::DivFOp>();
    return div && isFloatConstant(div.getLhs(), 1.0) &&
           isOnePlusExpNeg(div.getRhs(), x);
  };
  return isProductOf(v, {isX, isSigmoid});
}

/// 0.5 * x * (1 + inner(...)), the shape shared by both gelu forms.
bool isHalfXTimesOnePlus(Value v, Value x, function_ref<bool(Value)> inner) {
  auto isX = [x](Value u) { return u == x; };
  auto onePlus = [&](Value u) { return isSumOf(u, isConst(1.0), inner); };
  return isProductOf(v, {isConst(0.5), isX, onePlus});
}

bool isGeluErf(Value v, Value x) {
  return isHalfXTimesOnePlus(v, x, [x](Value u) {
    auto erf = u.getDefiningOp<math::ErfOp>();
    if (!erf)
      return false;
    Value arg = erf.getOperand();
    auto isX = [x](Value w) { return w == x; };
    if (auto div = arg.getDefiningOp<arith::DivFOp>())
      return div.getLhs() == x && isFloatConstant(div.getRhs(), M_SQRT2);
    return isProductOf(arg, {isX, isConst(M_SQRT1_2)});
  });
}

bool isGeluTanh(Value v, Value x) {
  const double k0 = std::sqrt(2.0 / M_PI), k1 = 0.044715;
  return isHalfXTimesOnePlus(v, x, [&](Value u) {
    auto tanh = u.getDefiningOp<math::TanhOp>();
    if (!tanh)
      return false;
    auto isX = [x](Value w) { return w == x; };
    // k0 * (x + k1 * x^3)
    auto cubicTerm = [&](Value w) {
      return isProductOf(w, {isConst(k1), isX, isX, isX});
    };
    auto sum = [&](Value w) { return isSumOf(w, isX, cubicTerm); };
    return isProductOf(tanh.getOperand(), {isConst(k0), sum});
  });
}

/// The activation `v` applies to some value, which is returned in `input`.
std::optional<EpilogueActivation> matchActivation(Value v, Block &body,
                                                  Value &input) {
  // The candidates for the activation's input: the values the body defines
  // or receives.
  SmallVector<Value> candidates(body.getArguments().begin(),
                                body.getArguments().end());
  for (Operation &op : body.without_terminator())
    llvm::append_range(candidates, op.getResults());
  for (Value x : candidates) {
    if (x == v)
      continue;
    std::optional<EpilogueActivation> kind;
    if (isRelu(v, x))
      kind = EpilogueActivation::relu;
    else if (isa<FloatType>(x.getType()) && isSilu(v, x))
      kind = EpilogueActivation::silu;
    else if (isa<FloatType>(x.getType()) && isGeluErf(v, x))
      kind = EpilogueActivation::gelu_erf;
    else if (isa<FloatType>(x.getType()) && isGeluTanh(v, x))
      kind = EpilogueActivation::gelu_tanh;
    if (kind) {
      input = x;
      return kind;
    }
  }
  return std::nullopt;
}

//===- Operands of the epilogue -------------------------------------------===//

/// The buffer a view (subview, cast, ...) reads, followed to its root.
Value rootBuffer(Value v) {
  while (auto view = v.getDefiningOp<ViewLikeOpInterface>())
    v = view.getViewSource();
  return v;
}

/// A memref (not a scalar operand) whose innermost stride is 1.
bool hasUnitInnerStride(Value memref) {
  auto type = dyn_cast<MemRefType>(memref.getType());
  if (!type)
    return false;
  SmallVector<int64_t> strides;
  int64_t offset;
  return type.getRank() == 0 ||
         (succeeded(type.getStridesAndOffset(strides, offset)) &&
          strides.back() == 1);
}

/// A memref.alloc whose only users are `users` and memref.dealloc.
bool isPrivateAlloc(Value buffer, ArrayRef<Operation *> users) {
  if (!buffer.getDefiningOp<memref::AllocOp>())
    return false;
  return llvm::all_of(buffer.getUsers(), [&](Operation *user) {
    return isa<memref::DeallocOp>(user) || llvm::is_contained(users, user);
  });
}

/// True when an op strictly between `from` and `to` (same block) may write
/// or free the buffer `root` (with `reads`, also read it), or memory it
/// cannot name.
bool mayTouchBetween(Operation *from, Operation *to, Value root,
                     bool reads = false) {
  for (Operation *op = from->getNextNode(); op && op != to;
       op = op->getNextNode()) {
    if (isMemoryEffectFree(op))
      continue;
    auto iface = dyn_cast<MemoryEffectOpInterface>(op);
    if (!iface)
      return true;
    SmallVector<MemoryEffects::EffectInstance> effects;
    iface.getEffects(effects);
    for (const MemoryEffects::EffectInstance &e : effects) {
      if (!isa<MemoryEffects::Write, MemoryEffects::Free>(e.getEffect()) &&
          !(reads && isa<MemoryEffects::Read>(e.getEffect())))
        continue;
      if (!e.getValue() || rootBuffer(e.getValue()) == root)
        return true;
    }
  }
  return false;
}

/// What the fused op carries, and the ops that die with the fusion.
struct Epilogue {
  Value scale, bias, residual;
  std::optional<EpilogueBroadcast> scaleKind, biasKind;
  std::optional<EpilogueActivation> activation;
  bool convert = false;
  /// linalg.broadcast ops whose only reader was the generic.
  SmallVector<linalg::BroadcastOp> deadBroadcasts;

  /// The steps present, in the order they apply (0 scale, 1 bias,
  /// 2 activation, 3 residual, 4 convert).
  SmallVector<int> steps() const {
    const bool has[] = {bool(scale), bool(bias), activation.has_value(),
                        bool(residual), convert};
    SmallVector<int> present;
    for (int i = 0; i < 5; ++i)
      if (has[i])
        present.push_back(i);
    return present;
  }

  /// The epilogue a gemm already carries.
  static Epilogue of(GemmOp gemm) {
    Epilogue e;
    e.scale = gemm.getScale();
    e.bias = gemm.getBias();
    e.residual = gemm.getResidual();
    e.scaleKind = gemm.getScaleKind();
    e.biasKind = gemm.getBiasKind();
    e.activation = gemm.getActivation();
    return e;
  }

  /// `this` followed by `next`, or failure when `next` has a step that does
  /// not come strictly after all of this one's.
  FailureOr<Epilogue> then(const Epilogue &next) const {
    SmallVector<int> mine = steps(), theirs = next.steps();
    if (!mine.empty() && !theirs.empty() && theirs.front() <= mine.back())
      return failure();
    Epilogue merged = next;
    if (scale) {
      merged.scale = scale;
      merged.scaleKind = scaleKind;
    }
    if (bias) {
      merged.bias = bias;
      merged.biasKind = biasKind;
    }
    if (activation)
      merged.activation = activation;
    if (residual)
      merged.residual = residual;
    return merged;
  }
};

/// Matches the body of one elementwise generic against the epilogue steps.
class EpilogueMatcher {
public:
  EpilogueMatcher(linalg::GenericOp generic, unsigned accInput, Operation *gemm)
      : generic(generic), body(generic.getRegion().front()),
        accArg(body.getArgument(accInput)), gemm(gemm) {}

  /// Peels the steps off the yielded value, last first; succeeds when what
  /// remains is the accumulator.
  FailureOr<Epilogue> match() {
    Value v = cast<linalg::YieldOp>(body.getTerminator()).getOperand(0);
    bool intAcc = accArg.getType().isInteger(32);
    // The runtime rounds to nearest even, truncf's default.
    if (auto trunc = v.getDefiningOp<arith::TruncFOp>()) {
      std::optional<arith::RoundingMode> mode = trunc.getRoundingmode();
      if (trunc.getIn().getType().isF32() &&
          (!mode || *mode == arith::RoundingMode::to_nearest_even)) {
        v = trunc.getIn();
        result.convert = true;
      }
    }
    if (!(intAcc ? v.getType().isInteger(32) : v.getType().isF32()) &&
        !(intAcc && v.getType().isF32()))
      return failure();
    bool floatValue = v.getType().isF32();
    if (Value rest = peelAdd(v, [&](Value u) { return residualOperand(u); }))
      v = rest;
    Value actInput;
    if (auto kind = matchActivation(v, body, actInput)) {
      result.activation = kind;
      v = actInput;
    }
    if (Value rest = peelAdd(v, [&](Value u) { return biasOperand(u); }))
      v = rest;
    if (floatValue)
      if (Value rest = peelScale(v))
        v = rest;
    if (v == accArg)
      return result;
    auto toFloat = v.getDefiningOp<arith::SIToFPOp>();
    if (intAcc && result.scale && toFloat && toFloat.getIn() == accArg)
      return result;
    return failure();
  }

private:
  /// For v = x + y (float or integer) where `operand` accepts y (recording
  /// it), returns x.
  Value peelAdd(Value v, function_ref<bool(Value)> operand) {
    Operation *add = v.getDefiningOp();
    if (!isa_and_nonnull<arith::AddFOp, arith::AddIOp>(add))
      return nullptr;
    for (int i = 0; i < 2; ++i)
      if (operand(add->getOperand(1 - i)))
        return add->getOperand(i);
    return nullptr;
  }

  /// v = x * s with s a scale operand: returns x.
  Value peelScale(Value v) {
    auto mul = v.getDefiningOp<arith::MulFOp>();
    if (!mul)
      return nullptr;
    for (int i = 0; i < 2; ++i) {
      Value s = mul->getOperand(1 - i);
      auto kind = broadcastKind(s);
      if (kind && s.getType().isF32()) {
        result.scale = inputBuffer(s);
        result.scaleKind = kind;
        return mul->getOperand(i);
      }
    }
    return nullptr;
  }

  /// The generic's input buffer behind a block argument (null if `v` is
  /// not an input argument).
  Value inputBuffer(Value v) {
    auto arg = dyn_cast<BlockArgument>(v);
    if (!arg || arg.getOwner() != &body ||
        arg.getArgNumber() >= generic.getNumDpsInputs())
      return nullptr;
    return generic.getDpsInputs()[arg.getArgNumber()];
  }

  AffineMap mapOf(Value arg) {
    return generic.getMatchingIndexingMap(
        generic.getDpsInputOperand(cast<BlockArgument>(arg).getArgNumber()));
  }

  /// How a 0-D or 1-D input argument broadcasts over the M x N iteration
  /// space, from its indexing map.
  std::optional<EpilogueBroadcast> broadcastKind(Value v) {
    Value buffer = inputBuffer(v);
    if (!buffer || v == accArg || !hasUnitInnerStride(buffer))
      return std::nullopt;
    AffineMap map = mapOf(v);
    MLIRContext *ctx = generic.getContext();
    if (map.getNumResults() == 0)
      return EpilogueBroadcast::scalar;
    if (map.getNumResults() != 1)
      return std::nullopt;
    if (map.getResult(0) == getAffineDimExpr(0, ctx))
      return EpilogueBroadcast::per_row;
    if (map.getResult(0) == getAffineDimExpr(1, ctx))
      return EpilogueBroadcast::per_col;
    return std::nullopt;
  }

  /// Bias and residual may be widened from the output's element type.
  Value peelExtension(Value v) {
    if (auto ext = v.getDefiningOp<arith::ExtFOp>())
      return ext.getIn();
    return v;
  }

  bool biasOperand(Value v) {
    v = peelExtension(v);
    if (auto kind = broadcastKind(v)) {
      result.bias = inputBuffer(v);
      result.biasKind = kind;
      return true;
    }
    // An M x N buffer filled only by a broadcast of a 1-D buffer.
    Value buffer = inputBuffer(v);
    if (!buffer || v == accArg || !mapOf(v).isIdentity())
      return false;
    linalg::BroadcastOp broadcast;
    for (Operation *user : buffer.getUsers())
      if (auto b = dyn_cast<linalg::BroadcastOp>(user))
        if (b.getInit() == buffer)
          broadcast = b;
    if (!broadcast || broadcast->getBlock() != generic->getBlock() ||
        !broadcast->isBeforeInBlock(generic) ||
        !gemm->isBeforeInBlock(broadcast) ||
        !isPrivateAlloc(buffer, {broadcast, generic}))
      return false;
    // The fused op reads the source where the generic was: nothing in
    // between may change it.
    Value source = broadcast.getInput();
    if (mayTouchBetween(broadcast, generic, rootBuffer(source)))
      return false;
    ArrayRef<int64_t> dims = broadcast.getDimensions();
    if (cast<MemRefType>(source.getType()).getRank() != 1 || dims.size() != 1 ||
        !hasUnitInnerStride(source))
      return false;
    result.bias = source;
    result.biasKind =
        dims[0] == 0 ? EpilogueBroadcast::per_col : EpilogueBroadcast::per_row;
    result.deadBroadcasts.push_back(broadcast);
    return true;
  }

  bool residualOperand(Value v) {
    v = peelExtension(v);
    Value buffer = inputBuffer(v);
    if (!buffer || v == accArg || !mapOf(v).isIdentity() ||
        !hasUnitInnerStride(buffer))
      return false;
    // A broadcast bias is taken as the bias, not as a residual.
    for (Operation *user : buffer.getUsers())
      if (isa<linalg::BroadcastOp>(user))
        return false;
    result.residual = buffer;
    return true;
  }

  linalg::GenericOp generic;
  Block &body;
  BlockArgument accArg;
  Operation *gemm;
  Epilogue result;
};

//===- The rewrite --------------------------------------------------------===//

/// An op that may stay before the gemm once the gemm moves down to its
/// epilogue: it writes (or frees) none of the buffers the fused op reads or
/// writes (`gemmRoots`, followed to their roots) and does not read the
/// product. Effects on unnamed memory (calls) make it dependent; an op whose
/// effects are those of its regions (an scf.if, a loop) is judged by them.
bool isIndependent(Operation *op, ArrayRef<Value> gemmRoots,
                   Value productRoot) {
  if (isMemoryEffectFree(op))
    return true;
  // A region op without results and with only recursive effects (e.g. the
  // scf.if of a masked load after a TTIR K loop) is independent when
  // everything it holds is; nested Linalg ops are judged by their own
  // effects, and their pure bodies are visited too.
  if (op->hasTrait<OpTrait::HasRecursiveMemoryEffects>() &&
      !isa<linalg::LinalgOp>(op) && !isa<MemoryEffectOpInterface>(op)) {
    if (op->getNumResults() != 0)
      return false;
    WalkResult nested = op->walk([&](Operation *inner) {
      if (inner == op || inner->hasTrait<OpTrait::IsTerminator>())
        return WalkResult::advance();
      if (!isIndependent(inner, gemmRoots, productRoot))
        return WalkResult::interrupt();
      return WalkResult::advance();
    });
    return !nested.wasInterrupted();
  }
  auto iface = dyn_cast<MemoryEffectOpInterface>(op);
  if (!iface)
    return false;
  // Effects of nested ops: none allowed, except that a Linalg op's payload
  // (pure scalar code) is summarized by the op's own effects on operands.
  if (op->hasTrait<OpTrait::HasRecursiveMemoryEffects>()) {
    auto linalgOp = dyn_cast<linalg::LinalgOp>(op);
    if (!linalgOp || !llvm::all_of(linalgOp.getBlock()->without_terminator(),
                                   [](Operation &inner) {
                                     return isMemoryEffectFree(&inner);
                                   }))
      return false;
  }
  SmallVector<MemoryEffects::EffectInstance> effects;
  iface.getEffects(effects);
  return llvm::all_of(effects, [&](const MemoryEffects::EffectInstance &e) {
    Value value = e.getValue();
    if (!value)
      return false;
    if (isa<MemoryEffects::Allocate>(e.getEffect()))
      return true;
    Value root = rootBuffer(value);
    if (isa<MemoryEffects::Read>(e.getEffect()))
      return root != productRoot;
    return !llvm::is_contained(gemmRoots, root);
  });
}

/// The elementwise generic that consumes `c`, the gemm's product (its c, or
/// the output of the epilogue it already has), with the input position of
/// c; nothing in between touches the gemm's buffers.
std::optional<std::pair<linalg::GenericOp, unsigned>> findConsumer(GemmOp gemm,
                                                                   Value c) {
  SmallVector<Value> roots;
  for (Value operand : gemm->getOperands())
    roots.push_back(rootBuffer(operand));
  Value productRoot = rootBuffer(c);
  for (Operation *op = gemm->getNextNode(); op; op = op->getNextNode()) {
    if (auto generic = dyn_cast<linalg::GenericOp>(op)) {
      auto inputs = generic.getDpsInputs();
      auto it = llvm::find(inputs, c);
      if (it != inputs.end())
        return std::make_pair(
            generic, static_cast<unsigned>(std::distance(inputs.begin(), it)));
    }
    if (!isIndependent(op, roots, productRoot))
      return std::nullopt;
  }
  return std::nullopt;
}

/// The generic is a 2-D, all-parallel map reading c once through the
/// identity and writing one buffer through the identity.
bool isEpilogueShaped(linalg::GenericOp generic, unsigned accInput, Value c) {
  if (!generic.hasPureBufferSemantics() || generic.getNumLoops() != 2 ||
      generic.getNumParallelLoops() != 2 || generic.getNumDpsInits() != 1 ||
      llvm::count(generic.getDpsInputs(), c) != 1)
    return false;
  OpOperand *init = generic.getDpsInitOperand(0);
  if (!generic.getMatchingIndexingMap(init).isIdentity() ||
      !generic.getMatchingIndexingMap(generic.getDpsInputOperand(accInput))
           .isIdentity())
    return false;
  // The body reads the output only if it is c, which the chain never reads
  // through that argument: require it unused.
  return generic.getMatchingBlockArgument(init).use_empty() &&
         hasUnitInnerStride(init->get());
}

struct SpeIRFuseGemmEpiloguePass
    : public speir::impl::SpeIRFuseGemmEpilogueBase<SpeIRFuseGemmEpiloguePass> {
  void runOnOperation() override {
    // A gemm inside a Linalg op's body (not an input the pipeline makes)
    // is left alone: fusing the op it sits in would erase it.
    auto inLinalgBody = [](GemmOp gemm) {
      return gemm->getParentOfType<linalg::LinalgOp>() != nullptr;
    };
    SmallVector<GemmOp> gemms;
    getOperation().walk([&](GemmOp gemm) {
      if (!gemm.hasEpilogue() && gemm.getC() && !gemm.isBatched() &&
          !inLinalgBody(gemm))
        gemms.push_back(gemm);
    });
    IRRewriter rewriter(&getContext());
    // Each success consumes one generic; the next one in a chain may extend
    // the epilogue further.
    for (GemmOp gemm : gemms)
      while (succeeded(fuseNext(rewriter, gemm)))
        ;
    SmallVector<GemmOp> all;
    getOperation().walk([&](GemmOp gemm) {
      if (!inLinalgBody(gemm))
        all.push_back(gemm);
    });
    DominanceInfo dominance(getOperation());
    for (GemmOp gemm : all)
      (void)computeInDestination(rewriter, dominance, gemm);
  }

  /// A product computed into a private temporary that is then copied whole
  /// into its destination is computed there: `speir.gemm ... into %t`
  /// (with an epilogue, `... into %t ... out(%t)`) and `memref.copy %t, %d`
  /// become `speir.gemm ... into %d` (`... acc_type(..) ... out(%d)`: C is
  /// not materialized). The runtime writes %d while it still reads the
  /// operands, so %d's buffer must be none of theirs (distinct kernel
  /// arguments are distinct buffers, as for the epilogue's output above),
  /// and nothing between the two ops may read or write it.
  LogicalResult computeInDestination(IRRewriter &rewriter,
                                     DominanceInfo &dominance, GemmOp gemm) {
    Value c = gemm.getC();
    if (!c || gemm.getAccumulate() ||
        (gemm.hasEpilogue() && gemm.getOut() != c) || gemm.getResidual() == c)
      return failure();
    auto copies = llvm::filter_to_vector(c.getUsers(), [&](Operation *user) {
      auto copy = dyn_cast<memref::CopyOp>(user);
      return copy && copy.getSource() == c;
    });
    if (copies.size() != 1)
      return failure();
    auto copy = cast<memref::CopyOp>(copies.front());
    if (!isPrivateAlloc(c, {gemm, copy}) ||
        copy->getBlock() != gemm->getBlock() || !gemm->isBeforeInBlock(copy))
      return failure();
    Value dst = copy.getTarget();
    if (!dominance.properlyDominates(dst, gemm))
      return failure();
    Value dstRoot = rootBuffer(dst);
    for (Value operand : {gemm.getA(), gemm.getB(), gemm.getScale(),
                          gemm.getBias(), gemm.getResidual()})
      if (operand && rootBuffer(operand) == dstRoot)
        return failure();
    if (mayTouchBetween(gemm, copy, dstRoot, /*reads=*/true))
      return failure();

    rewriter.setInsertionPoint(gemm);
    const bool epilogue = gemm.hasEpilogue();
    auto moved = GemmOp::create(
        rewriter, gemm.getLoc(), gemm.getA(), gemm.getB(),
        epilogue ? Value() : dst, gemm.getScale(), gemm.getBias(),
        gemm.getResidual(), epilogue ? dst : Value(),
        epilogue ? TypeAttr::get(gemm.getAccElementType()) : TypeAttr(),
        gemm.getAccumulateAttr(), gemm.getLhsUnsignedAttr(),
        gemm.getRhsUnsignedAttr(), gemm.getScaleKindAttr(),
        gemm.getBiasKindAttr(), gemm.getActivationAttr());
    if (failed(keepIfValid(rewriter, moved)))
      return failure();
    rewriter.eraseOp(copy);
    rewriter.eraseOp(gemm);
    eraseWithBuffer(rewriter, c, nullptr);
    return success();
  }

  /// Folds the generic that consumes `gemm`'s product into its epilogue,
  /// replacing `gemm` by the fused op.
  LogicalResult fuseNext(IRRewriter &rewriter, GemmOp &gemm) {
    Value c = gemm.getC();
    // The product so far: c, or the output of the epilogue already there,
    // which must still hold the value type (no conversion yet).
    Value product = gemm.hasEpilogue() ? gemm.getOut() : c;
    Type acc = gemm.getAccElementType();
    Type valueType = getElementTypeOrSelf(product);
    if ((!acc.isF32() && !acc.isInteger(32)) ||
        (!valueType.isF32() && !valueType.isInteger(32)))
      return failure();
    auto consumer = findConsumer(gemm, product);
    if (!consumer)
      return failure();
    auto [generic, accInput] = *consumer;
    if (!isEpilogueShaped(generic, accInput, product))
      return failure();
    Value out = generic.getDpsInits()[0];
    // Without an in-place output, the product must be a temporary nobody
    // else reads: then it is not materialized at all (nor c, if it is c).
    bool dropProduct = out != product;
    if (dropProduct && !isPrivateAlloc(product, {gemm, generic}))
      return failure();
    bool dropC = c && dropProduct && product == c;
    if (dropC && gemm.getAccumulate())
      return failure();
    FailureOr<Epilogue> next = EpilogueMatcher(generic, accInput, gemm).match();
    if (failed(next))
      return failure();
    FailureOr<Epilogue> epilogue = Epilogue::of(gemm).then(*next);
    if (failed(epilogue))
      return failure();
    // The output must not be read by the product: out may only be c or
    // the residual among the operands.
    Value outRoot = rootBuffer(out);
    for (Value operand : {Value(gemm.getA()), Value(gemm.getB()),
                          epilogue->scale, epilogue->bias})
      if (operand && rootBuffer(operand) == outRoot)
        return failure();
    if (epilogue->residual && epilogue->residual != out &&
        rootBuffer(epilogue->residual) == outRoot)
      return failure();

    rewriter.setInsertionPoint(generic);
    MLIRContext *ctx = &getContext();
    auto broadcastAttr = [&](std::optional<EpilogueBroadcast> kind) {
      return kind ? EpilogueBroadcastAttr::get(ctx, *kind)
                  : EpilogueBroadcastAttr();
    };
    bool keepC = c && !dropC;
    auto fused = GemmOp::create(
        rewriter, gemm.getLoc(), gemm.getA(), gemm.getB(), keepC ? c : Value(),
        epilogue->scale, epilogue->bias, epilogue->residual, out,
        keepC ? TypeAttr() : TypeAttr::get(acc), gemm.getAccumulateAttr(),
        gemm.getLhsUnsignedAttr(), gemm.getRhsUnsignedAttr(),
        broadcastAttr(epilogue->scaleKind), broadcastAttr(epilogue->biasKind),
        epilogue->activation
            ? EpilogueActivationAttr::get(ctx, *epilogue->activation)
            : EpilogueActivationAttr());
    // The verifier holds the type rules of speir_gemm_fused (bias and
    // residual types, integer epilogues): a chain it rejects stays unfused.
    if (failed(keepIfValid(rewriter, fused)))
      return failure();
    rewriter.eraseOp(generic);
    rewriter.eraseOp(gemm);
    for (linalg::BroadcastOp broadcast : epilogue->deadBroadcasts)
      eraseWithBuffer(rewriter, broadcast.getInit(), broadcast);
    if (dropProduct)
      eraseWithBuffer(rewriter, product, nullptr);
    gemm = fused;
    return success();
  }

  /// Erases `op` and fails when the verifier rejects it (quietly: the
  /// rewrite that built it is then not made).
  static LogicalResult keepIfValid(IRRewriter &rewriter, GemmOp op) {
    LogicalResult valid = success();
    {
      ScopedDiagnosticHandler quiet(op->getContext(),
                                    [](Diagnostic &) { return success(); });
      valid = verify(op);
    }
    if (failed(valid))
      rewriter.eraseOp(op);
    return valid;
  }

  /// Erases `writer` (if any), then the allocation `buffer` and its
  /// deallocations, which are its only remaining users.
  static void eraseWithBuffer(IRRewriter &rewriter, Value buffer,
                              Operation *writer) {
    if (writer)
      rewriter.eraseOp(writer);
    for (Operation *user : llvm::make_early_inc_range(buffer.getUsers()))
      rewriter.eraseOp(user);
    rewriter.eraseOp(buffer.getDefiningOp());
  }
};

} // namespace

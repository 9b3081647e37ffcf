//===- TritonToLinalg.cpp - TTIR to the frontend's linalgdir form ---------===//
//
// One kernel at a time, the tt.func body is rebuilt as a func.func with the
// linalgdir ABI. Non-pointer values are translated op by op (tt shape ops to
// tensor/linalg, arith/math cloned); pointer values are never materialized
// but described by PtrState (PtrState.h), which loads, stores and atomics
// turn into memref views or element-wise accesses.
//
//===----------------------------------------------------------------------===//

#include "PtrState.h"

#include "spine/Conversion/Passes.h"
#include "spine/Dialect/Triton/IR/Triton.h"

#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/Transforms/InliningUtils.h"
#include "llvm/ADT/TypeSwitch.h"
#include "llvm/Support/SHA1.h"

namespace mlir::spine {
#define GEN_PASS_DEF_CONVERTTRITONTOLINALG
#include "spine/Conversion/Passes.h.inc"
} // namespace mlir::spine

using namespace mlir;
using namespace mlir::spine;
using namespace mlir::spine::tt_to_linalg;
namespace tt = mlir::triton;

namespace {

/// An integer tensor (or scalar) known to be scalar + sum_d index_d *
/// strides[d]; all values index-typed.
struct LinearOffsets {
  Value scalar;
  SmallVector<Value> strides;
  /// A wrapped dimension: its index enters as ((start + i) mod modulus)
  /// times strides[wrap.dim] (see PtrState.h).
  Wrap wrap;

  /// The same value at every index.
  bool isUniform() const {
    return !wrap && llvm::all_of(strides, [](Value v) {
      std::optional<int64_t> c = getConstantIntValue(v);
      return c && *c == 0;
    });
  }
};

/// The in-bounds box of a mask: element i is set iff lo[d] <= i_d < hi[d]
/// for every d. Index-typed, clamped to [0, size].
struct MaskBox {
  SmallVector<Value> lo, hi;
};

bool isPointerLike(Type type) {
  if (auto tensor = dyn_cast<RankedTensorType>(type))
    type = tensor.getElementType();
  return isa<tt::PointerType, tt::TensorDescType>(type);
}

/// The pointer forms of a list of values (loop-carried values, results):
/// none where a value is not a pointer.
using PtrStates = SmallVector<std::optional<PtrState>, 4>;

class KernelTranslator {
public:
  KernelTranslator(tt::FuncOp kernel, OpBuilder &builder)
      : kernel(kernel), b(builder) {}

  FailureOr<func::FuncOp> run();

private:
  tt::FuncOp kernel;
  OpBuilder &b;
  IRMapping map;
  DenseMap<Value, PtrState> ptrs;
  /// Descriptors whose out-of-bounds reads give NaN instead of zero.
  DenseSet<Value> paddingNan;
  Value gridArgs[3], pidArgs[3];
  unsigned stringCounter = 0;

  // ---- Small builders ------------------------------------------------------
  Value cIndex(Location loc, int64_t v) {
    return arith::ConstantIndexOp::create(b, loc, v);
  }
  Value toIndex(Location loc, Value v) {
    if (v.getType().isIndex())
      return v;
    return b.createOrFold<arith::IndexCastOp>(loc, b.getIndexType(), v);
  }
  Value add(Location loc, Value x, Value y) {
    return b.createOrFold<arith::AddIOp>(loc, x, y);
  }
  Value sub(Location loc, Value x, Value y) {
    return b.createOrFold<arith::SubIOp>(loc, x, y);
  }
  Value mul(Location loc, Value x, Value y) {
    return b.createOrFold<arith::MulIOp>(loc, x, y);
  }
  Value clamp(Location loc, Value v, int64_t size) {
    Value lo = b.createOrFold<arith::MaxSIOp>(loc, v, cIndex(loc, 0));
    return b.createOrFold<arith::MinSIOp>(loc, lo, cIndex(loc, size));
  }
  Value emptyTensor(Location loc, ArrayRef<int64_t> shape, Type elementType) {
    return tensor::EmptyOp::create(b, loc, shape, elementType);
  }
  Value fillTensor(Location loc, Value scalar, ArrayRef<int64_t> shape) {
    Value empty = emptyTensor(loc, shape, scalar.getType());
    return linalg::FillOp::create(b, loc, ValueRange{scalar}, ValueRange{empty})
        .getResult(0);
  }
  static bool isZero(Value v) {
    std::optional<int64_t> c = getConstantIntValue(v);
    return c && *c == 0;
  }
  static bool isOne(Value v) {
    std::optional<int64_t> c = getConstantIntValue(v);
    return c && *c == 1;
  }

  /// The translated value of a non-pointer `v`.
  FailureOr<Value> lookup(Operation *user, Value v) {
    if (Value mapped = map.lookupOrNull(v))
      return mapped;
    return user->emitError("value was not translated (a pointer used where "
                           "the TTIR conversion expects a non-pointer?)");
  }
  /// lookup() of each of `values`.
  FailureOr<SmallVector<Value>> lookupAll(Operation *user, ValueRange values) {
    SmallVector<Value> mapped;
    for (Value v : values) {
      FailureOr<Value> m = lookup(user, v);
      if (failed(m))
        return failure();
      mapped.push_back(*m);
    }
    return mapped;
  }
  /// lookup() of an optional operand: a null Value when it is absent.
  FailureOr<Value> lookupOptional(Operation *user, Value v) {
    if (!v)
      return Value();
    return lookup(user, v);
  }
  FailureOr<PtrState> lookupPtr(Operation *user, Value v) {
    auto it = ptrs.find(v);
    if (it != ptrs.end())
      return it->second;
    return user->emitError(
        "pointer operand has no known origin (only pointers derived from "
        "kernel arguments by tt.splat/tt.addptr/shape ops are supported)");
  }
  /// Each pointer `yield` carries around `loop` keeps the form it entered
  /// with (`states`).
  LogicalResult checkCarriedForms(Operation *loop, scf::YieldOp yield,
                                  ArrayRef<std::optional<PtrState>> states) {
    for (auto [v, state] : llvm::zip(yield.getOperands(), states)) {
      if (!state)
        continue;
      FailureOr<PtrState> yielded = lookupPtr(yield, v);
      if (failed(yielded))
        return failure();
      if (!yielded->isCompatible(*state))
        return loop->emitError(
            "a loop-carried pointer changes its form inside the loop "
            "(structured on entry, not at the yield, or another base): not "
            "supported");
    }
    return success();
  }
  /// lookupPtr() of each pointer among `values`; none for the others.
  FailureOr<PtrStates> lookupPtrStates(Operation *user, ValueRange values) {
    PtrStates states;
    for (Value v : values) {
      states.emplace_back();
      if (!isPointerLike(v.getType()))
        continue;
      FailureOr<PtrState> state = lookupPtr(user, v);
      if (failed(state))
        return failure();
      states.back() = *state;
    }
    return states;
  }

  // ---- Translation ---------------------------------------------------------
  LogicalResult translateBlock(Block &block);
  LogicalResult translateOp(Operation *op);
  LogicalResult translateFor(scf::ForOp op);
  LogicalResult translateIf(scf::IfOp op);
  LogicalResult translateWhile(scf::WhileOp op);
  LogicalResult translateYield(Operation *op, ValueRange operands);
  /// Values an scf terminator passes for `operands`, pointers expanded.
  FailureOr<SmallVector<Value>> expandValues(Operation *user,
                                             ValueRange operands);
  /// Types of expandValues(values) given pointer states for each pointer.
  SmallVector<Type> expandTypes(ValueRange values,
                                ArrayRef<std::optional<PtrState>> states);
  /// Binds `originals` to `expanded` (as expandValues made them).
  void bindExpanded(ValueRange originals,
                    ArrayRef<std::optional<PtrState>> states,
                    ValueRange expanded);

  // Shape ops on non-pointer tensors (shared by pointer Gather states).
  Value broadcastTensor(Location loc, Value src, RankedTensorType resultType);
  Value expandDimsTensor(Location loc, Value src, int64_t axis);
  Value transposeTensor(Location loc, Value src, ArrayRef<int32_t> order);
  Value reshapeTensor(Location loc, Value src, ArrayRef<int64_t> shape);

  // Pointers.
  LogicalResult translatePointerOp(Operation *op);
  FailureOr<LinearOffsets> analyzeOffsets(Value v, Location loc);
  std::optional<MaskBox> analyzeMask(Value mask, ArrayRef<int64_t> shape,
                                     Location loc);
  /// The i64 tensor of element offsets (from the base) of a tensor state.
  Value materializeOffsets(Location loc, const PtrState &state);
  /// The same pointers as element offsets (Gather).
  PtrState asGather(Location loc, const PtrState &state) {
    if (state.kind == PtrState::Kind::Gather)
      return state;
    PtrState gather = state;
    gather.offsets = materializeOffsets(loc, state);
    gather.kind = PtrState::Kind::Gather;
    gather.offset = Value();
    gather.strides.clear();
    gather.wrap = Wrap();
    return gather;
  }
  /// A strided view of the state's elements (Structured or Block).
  Value structuredView(Location loc, const PtrState &state);
  /// The base as a flat 1-D memref for element-wise accesses.
  Value flatBase(Location loc, const PtrState &state);
  /// The scalar `other` of a load (or none); fails when it is a tensor that
  /// is not a splat.
  std::optional<Value> splatScalarOf(Value original);
  /// Offsets and sizes of the sub-view a box selects.
  void boxSlice(Location loc, const MaskBox &box,
                SmallVectorImpl<OpFoldResult> &offsets,
                SmallVectorImpl<OpFoldResult> &sizes) {
    for (auto [lo, hi] : llvm::zip(box.lo, box.hi)) {
      offsets.push_back(lo);
      // hi is clamped to [0, size]; with lo = 0 it is the size itself.
      sizes.push_back(isZero(lo) ? hi
                                 : b.createOrFold<arith::MaxSIOp>(
                                       loc, sub(loc, hi, lo), cIndex(loc, 0)));
    }
  }
  /// An scf.if on `cond` built by the two callbacks (at the builder's
  /// position inside each branch); with a null `cond`, thenBody alone, in
  /// place. Every caller versions: elseBody is the general form, thenBody
  /// a faster one valid when `cond` holds (marked kVersionAttrName).
  void buildIfElse(Location loc, Value cond,
                   llvm::function_ref<void()> thenBody,
                   llvm::function_ref<void()> elseBody) {
    if (!cond) {
      thenBody();
      return;
    }
    auto ifOp = scf::IfOp::create(b, loc, cond, /*withElseRegion=*/true);
    ifOp->setAttr(kVersionAttrName, b.getUnitAttr());
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPointToStart(ifOp.thenBlock());
    thenBody();
    b.setInsertionPointToStart(ifOp.elseBlock());
    elseBody();
  }
  /// The box of every element of a `shape` tile.
  MaskBox wholeBox(Location loc, ArrayRef<int64_t> shape) {
    MaskBox box;
    for (int64_t size : shape) {
      box.lo.push_back(cIndex(loc, 0));
      box.hi.push_back(cIndex(loc, size));
    }
    return box;
  }
  /// Bounds of a loop nest over every element of a `shape` tile.
  void elementLoopBounds(Location loc, ArrayRef<int64_t> shape,
                         SmallVectorImpl<Value> &lbs,
                         SmallVectorImpl<Value> &ubs,
                         SmallVectorImpl<Value> &steps) {
    for (int64_t size : shape) {
      lbs.push_back(cIndex(loc, 0));
      ubs.push_back(cIndex(loc, size));
      steps.push_back(cIndex(loc, 1));
    }
  }
  /// i1 that holds when the box covers the whole tile; null when it does
  /// statically.
  Value boxCoversTile(Location loc, const MaskBox &box,
                      ArrayRef<int64_t> shape);
  /// Copies the box of `view` into `buffer` and `fill` into the rest; a box
  /// that covers the tile at run time takes a plain copy of static shape
  /// (the steady state of a K loop), the partial tile the masked one.
  void copyBox(Location loc, Value view, Value buffer, const MaskBox &box,
               Value fill, ArrayRef<int64_t> shape);
  /// Copies the box of `src` into the same box of `dst`.
  void copyBoxPart(Location loc, const MaskBox &box, Value src, Value dst) {
    SmallVector<OpFoldResult> offsets, sizes,
        strides(box.lo.size(), b.getIndexAttr(1));
    boxSlice(loc, box, offsets, sizes);
    Value from =
        memref::SubViewOp::create(b, loc, src, offsets, sizes, strides);
    Value to = memref::SubViewOp::create(b, loc, dst, offsets, sizes, strides);
    memref::CopyOp::create(b, loc, from, to);
  }
  /// Builds `body` for `state`, twice when its innermost stride is a kernel
  /// argument: once for a stride of 1 (a contiguous, vectorizable view;
  /// taken at run time when the argument is 1, as Triton's launches would
  /// have specialized it) and once for any stride.
  void withInnerStrideVersions(Location loc, const PtrState &state,
                               llvm::function_ref<void(const PtrState &)> body);
  /// Stores `value` into the box of `view`, versioned the same way.
  void storeBox(Location loc, Value value, Value view, const MaskBox &box,
                ArrayRef<int64_t> shape);
  /// The in-bounds box of a descriptor's block.
  MaskBox blockBox(Location loc, const PtrState &state);

  LogicalResult translateLoad(tt::LoadOp op);
  LogicalResult translateStore(tt::StoreOp op);
  LogicalResult translateAtomic(Operation *op);
  LogicalResult translateDescriptorLoad(tt::DescriptorLoadOp op);
  LogicalResult translateDescriptorStore(tt::DescriptorStoreOp op);
  /// The descriptor's state with its block moved to `indices`.
  FailureOr<PtrState> descriptorAt(Operation *op, Value desc,
                                   ValueRange indices);
  /// Lanes of the vector gathers and scatters of an access of `numElements`
  /// elements, or 0 where they are element by element: i1 elements (bytes
  /// in memory, packed bits in vectors) and tiles no vector width divides.
  int64_t gatherLanes(int64_t numElements, Type elementType, Value offsets);
  /// Runs `body` for every chunk of `lanes` elements of a tile of `shape`
  /// flattened, with the chunk's offsets, its mask (all lanes when there is
  /// no `mask`) and the chunk's start, threading `init` through.
  Value forEachChunk(Location loc, ArrayRef<int64_t> shape, int64_t lanes,
                     Value offsets, Value mask, Value init,
                     function_ref<Value(OpBuilder &, Location, Value offs,
                                        Value maskVec, Value start, Value acc)>
                         body);
  Value divideTowardZero(Location loc, Value a, Value divisor);
  Value powInteger(Location loc, Value x, Value n);
  /// arith.select between two pointers: one argument or the other (a
  /// scalar condition), or element-wise offsets into one argument.
  FailureOr<PtrState> selectPtr(Location loc, Value cond,
                                const PtrState &onTrue,
                                const PtrState &onFalse);
  Value gatherLoad(Location loc, const PtrState &state, Value mask, Value other,
                   RankedTensorType resultType);
  /// A load whose dimension wrap.dim wraps: while the block fits in the
  /// modulus (B <= m), two box copies (rows from (start mod m) up to the
  /// end, then from 0); otherwise the gather. When no position past the
  /// wrap is observed (`unobservedPastWrap`, kUnobservedWrapAttrName): while
  /// start >= 0, the rows before the wrap as a masked load, for any B.
  Value loadWrapped(Location loc, const PtrState &state,
                    const std::optional<MaskBox> &box,
                    std::optional<Value> fill, Value mask, Value other,
                    RankedTensorType resultType, bool unobservedPastWrap);
  void scatterStore(Location loc, const PtrState &state, Value value,
                    Value mask);

  // Compute ops.
  LogicalResult translateDot(tt::DotOp op);
  LogicalResult translateReduce(tt::ReduceOp op);
  LogicalResult translateScan(tt::ScanOp op);
  LogicalResult cloneCombiner(Region &region, ValueRange args,
                              SmallVectorImpl<Value> &results);
  LogicalResult translatePrint(tt::PrintOp op);
  LogicalResult translateAssert(tt::AssertOp op);
  Value stringConstant(Location loc, StringRef text);
  /// An internal llvm.func doing one `atomicrmw xor` or `cmpxchg` on an
  /// address: LLVM atomics called rather than inlined, since buffer
  /// deallocation rejects ops with unknown memory effects in func.func.
  LLVM::LLVMFuncOp atomicHelper(bool isXor, Type intType);
};

/// `element` as the scalar type of `like`'s shape: `element` itself for a
/// scalar, else a tensor or vector of `like`'s shape.
static Type withElementType(Type like, Type element) {
  if (auto shaped = dyn_cast<ShapedType>(like))
    return shaped.clone(element);
  return element;
}

/// A constant `element` in the shape of `like` (a scalar or a splat).
static Value splatConstant(OpBuilder &b, Location loc, Type like,
                           TypedAttr element) {
  if (auto shaped = dyn_cast<ShapedType>(like))
    return arith::ConstantOp::create(
        b, loc,
        DenseElementsAttr::get(shaped.clone(element.getType()), element));
  return arith::ConstantOp::create(b, loc, element);
}

/// An integer constant of `type` (a scalar or a splat).
static Value intConstant(OpBuilder &b, Location loc, Type type, APInt value) {
  return splatConstant(b, loc, type,
                       IntegerAttr::get(getElementTypeOrSelf(type), value));
}

/// The floats one ulp nearer zero than the nonzero floats `fp`: their bit
/// patterns minus one (an infinity becomes the largest finite float).
static Value stepTowardZero(OpBuilder &b, Location loc, Value fp) {
  Type type = fp.getType();
  unsigned width = getElementTypeOrSelf(type).getIntOrFloatBitWidth();
  Type bitsType = withElementType(type, b.getIntegerType(width));
  Value bits = arith::BitcastOp::create(b, loc, bitsType, fp);
  Value one = intConstant(b, loc, bitsType, APInt(width, 1));
  return arith::BitcastOp::create(b, loc, type,
                                  arith::SubIOp::create(b, loc, bits, one));
}

/// Integer division and remainder never trap: GPUs, for which Triton
/// kernels are written, return some value for a zero divisor, so kernels
/// divide in masked-off lanes freely (a zero `other`), while x86's division
/// faults on a zero divisor and on INT_MIN / -1 (and LLVM calls both
/// undefined). Such divisors become 1: the quotient of INT_MIN / -1 is then
/// INT_MIN (two's complement wrap-around) and the remainder 0, both right;
/// a division by zero gives the dividend, which no masked lane keeps.
/// Applied to the divisions the kernel computes, after the pointer analysis
/// (which reads `% M` and `// M` of the original offsets) is done with them.
static void guardDivision(Operation *op) {
  if (!isa<arith::DivSIOp, arith::DivUIOp, arith::RemSIOp, arith::RemUIOp,
           arith::CeilDivSIOp, arith::CeilDivUIOp, arith::FloorDivSIOp>(op))
    return;
  OpBuilder b(op);
  Location loc = op->getLoc();
  Value lhs = op->getOperand(0), rhs = op->getOperand(1);
  Type type = rhs.getType();
  unsigned width = getElementTypeOrSelf(type).getIntOrFloatBitWidth();
  if (matchPattern(rhs, m_Constant())) {
    APInt divisor;
    if (matchPattern(rhs, m_ConstantInt(&divisor)) && !divisor.isZero() &&
        !divisor.isAllOnes())
      return; // a constant that cannot fault
  }
  Value zero = intConstant(b, loc, type, APInt::getZero(width));
  Value one = intConstant(b, loc, type, APInt(width, 1));
  Value faults =
      arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq, rhs, zero);
  if (isa<arith::DivSIOp, arith::RemSIOp, arith::CeilDivSIOp,
          arith::FloorDivSIOp>(op)) {
    Value minusOne = intConstant(b, loc, type, APInt::getAllOnes(width));
    Value minValue = intConstant(b, loc, type, APInt::getSignedMinValue(width));
    Value overflows = arith::AndIOp::create(
        b, loc,
        arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq, rhs, minusOne),
        arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq, lhs, minValue));
    faults = arith::OrIOp::create(b, loc, faults, overflows);
  }
  op->setOperand(1, arith::SelectOp::create(b, loc, faults, one, rhs));
}

/// x ** n for an integer n (libdevice's powi): a constant exponent by
/// repeated squaring (gelu's x ** 3 is two multiplications), any other by
/// pow(x, float(n)), which is exact in sign for negative x (LLVM's pow,
/// libm's powf).
Value KernelTranslator::powInteger(Location loc, Value x, Value n) {
  APInt exponent;
  if (matchPattern(n, m_ConstantInt(&exponent)) &&
      std::abs(exponent.getSExtValue()) <= 64) {
    int64_t k = exponent.getSExtValue();
    auto floatType = cast<FloatType>(getElementTypeOrSelf(x));
    auto constant = [&](double v) {
      return splatConstant(b, loc, x.getType(), b.getFloatAttr(floatType, v));
    };
    Value result, square = x;
    for (int64_t bits = std::abs(k); bits; bits >>= 1) {
      if (bits & 1)
        result = result
                     ? arith::MulFOp::create(b, loc, result, square).getResult()
                     : square;
      if (bits > 1)
        square = arith::MulFOp::create(b, loc, square, square);
    }
    if (!result)
      return constant(1.0);
    return k < 0 ? arith::DivFOp::create(b, loc, constant(1.0), result)
                       .getResult()
                 : result;
  }
  Value power = arith::SIToFPOp::create(b, loc, x.getType(), n);
  return math::PowFOp::create(b, loc, x, power);
}

/// a / b rounded toward zero (libdevice's fdiv_rz): the nearest quotient q,
/// stepped one ulp toward zero when it rounded away from zero, which the
/// sign of the remainder a - q * b tells.
Value KernelTranslator::divideTowardZero(Location loc, Value a, Value divisor) {
  Type type = a.getType();
  auto floatType = cast<FloatType>(getElementTypeOrSelf(type));
  unsigned width = floatType.getWidth();
  auto constant = [&](Type like, TypedAttr value) {
    return splatConstant(b, loc, like, value);
  };
  Value q = arith::DivFOp::create(b, loc, a, divisor);
  // The remainder's sign: exactly in f64 for f32 and narrower (q * b is
  // exact there, and rounding keeps the difference's sign); by an fma for
  // f64.
  Value remainder, zero;
  if (width <= 32) {
    Type f64 = b.getF64Type();
    Type wide = withElementType(type, f64);
    auto extend = [&](Value v) {
      return arith::ExtFOp::create(b, loc, wide, v).getResult();
    };
    remainder = arith::SubFOp::create(
        b, loc, extend(a),
        arith::MulFOp::create(b, loc, extend(q), extend(divisor)));
    zero = constant(wide, b.getFloatAttr(f64, 0.0));
  } else {
    Value negQ = arith::NegFOp::create(b, loc, q);
    remainder = math::FmaOp::create(b, loc, negQ, divisor, a);
    zero = constant(type, b.getFloatAttr(floatType, 0.0));
  }
  Value qZero = constant(type, b.getFloatAttr(floatType, 0.0));
  Value qNegative =
      arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OLT, q, qZero);
  Value rNegative =
      arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OLT, remainder, zero);
  Value rNonZero =
      arith::CmpFOp::create(b, loc, arith::CmpFPredicate::ONE, remainder, zero);
  Value inf = constant(
      type, b.getFloatAttr(floatType,
                           APFloat::getInf(floatType.getFloatSemantics())));
  Value finite = arith::CmpFOp::create(b, loc, arith::CmpFPredicate::ONE,
                                       math::AbsFOp::create(b, loc, q), inf);
  // r = b * (a / b - q): q rounded away from zero when the signs of r, b
  // and q multiply to a negative.
  Value bNegative =
      arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OLT, divisor, qZero);
  Value signs = arith::XOrIOp::create(
      b, loc, arith::XOrIOp::create(b, loc, qNegative, rNegative), bNegative);
  Value away = arith::AndIOp::create(
      b, loc, arith::AndIOp::create(b, loc, rNonZero, signs), finite);
  return arith::SelectOp::create(b, loc, away, stepTowardZero(b, loc, q), q);
}

//===----------------------------------------------------------------------===//
// Kernel signature and body
//===----------------------------------------------------------------------===//

FailureOr<func::FuncOp> KernelTranslator::run() {
  MLIRContext *ctx = kernel.getContext();
  Location loc = kernel.getLoc();
  FunctionType oldType = kernel.getFunctionType();
  if (oldType.getNumResults() != 0)
    return kernel.emitError("a Triton kernel returning values is not "
                            "supported (only void kernels can be launched)");
  SmallVector<Type> argTypes;
  for (Type type : oldType.getInputs()) {
    if (auto ptr = dyn_cast<tt::PointerType>(type)) {
      if (isa<RankedTensorType>(ptr.getPointeeType()))
        return kernel.emitError("a block-pointer kernel argument is not "
                                "supported");
      argTypes.push_back(UnrankedMemRefType::get(ptr.getPointeeType(), 0));
    } else if (type.isIntOrIndexOrFloat()) {
      argTypes.push_back(type);
    } else {
      return kernel.emitError("unsupported kernel argument type ") << type;
    }
  }
  argTypes.append(6, IntegerType::get(ctx, 32));
  auto funcType = FunctionType::get(ctx, argTypes, {});
  auto func = func::FuncOp::create(b, loc, kernel.getSymName(), funcType);
  Block *entry = func.addEntryBlock();
  b.setInsertionPointToStart(entry);

  unsigned numOld = oldType.getNumInputs();
  for (int i = 0; i < 3; ++i) {
    gridArgs[i] = entry->getArgument(numOld + i);
    pidArgs[i] = entry->getArgument(numOld + 3 + i);
  }
  Block &oldEntry = kernel.getBody().front();
  for (auto [oldArg, newArg] :
       llvm::zip(oldEntry.getArguments(), entry->getArguments())) {
    if (auto ptr = dyn_cast<tt::PointerType>(oldArg.getType())) {
      PtrState state;
      state.kind = PtrState::Kind::Scalar;
      state.base = newArg;
      state.elementType = ptr.getPointeeType();
      state.offset = cIndex(loc, 0);
      ptrs[oldArg] = state;
    } else {
      map.map(oldArg, newArg);
    }
  }
  // Early returns arrive as cf.cond_br between blocks: the blocks are
  // rebuilt one for one (lift-cf-to-scf makes them structured later).
  Region &oldBody = kernel.getBody();
  for (Block &block : llvm::drop_begin(oldBody)) {
    if (llvm::any_of(block.getArgumentTypes(), isPointerLike))
      return kernel.emitError("a block argument of pointer type "
                              "(unstructured control flow over pointers) is "
                              "not supported");
    SmallVector<Location> locs;
    for (BlockArgument arg : block.getArguments())
      locs.push_back(arg.getLoc());
    Block *newBlock = new Block();
    func.getBody().push_back(newBlock);
    for (BlockArgument arg : block.getArguments())
      map.map(arg, newBlock->addArgument(arg.getType(), arg.getLoc()));
    map.map(&block, newBlock);
  }
  map.map(&oldEntry, entry);
  for (Block &block : oldBody) {
    b.setInsertionPointToEnd(map.lookup(&block));
    if (failed(translateBlock(block)))
      return failure();
    Operation *terminator = block.getTerminator();
    if (isa<tt::ReturnOp>(terminator)) {
      func::ReturnOp::create(b, terminator->getLoc());
      continue;
    }
    if (!isa<cf::BranchOp, cf::CondBranchOp>(terminator))
      return terminator->emitError("unsupported block terminator ")
             << terminator->getName();
    for (Value v : terminator->getOperands())
      if (!map.contains(v))
        return terminator->emitError("branch operand was not translated");
    b.clone(*terminator, map);
  }
  return func;
}

LogicalResult KernelTranslator::translateBlock(Block &block) {
  for (Operation &op : block.without_terminator())
    if (failed(translateOp(&op)))
      return failure();
  return success();
}

//===----------------------------------------------------------------------===//
// Structured control flow carrying pointers
//===----------------------------------------------------------------------===//

FailureOr<SmallVector<Value>>
KernelTranslator::expandValues(Operation *user, ValueRange operands) {
  SmallVector<Value> values;
  for (Value v : operands) {
    if (isPointerLike(v.getType())) {
      FailureOr<PtrState> state = lookupPtr(user, v);
      if (failed(state))
        return failure();
      llvm::append_range(values, state->dynamicValues());
    } else {
      FailureOr<Value> mapped = lookup(user, v);
      if (failed(mapped))
        return failure();
      values.push_back(*mapped);
    }
  }
  return values;
}

SmallVector<Type>
KernelTranslator::expandTypes(ValueRange values,
                              ArrayRef<std::optional<PtrState>> states) {
  SmallVector<Type> types;
  for (auto [v, state] : llvm::zip(values, states)) {
    if (state) {
      for (Value d : state->dynamicValues())
        types.push_back(d.getType());
    } else {
      types.push_back(v.getType());
    }
  }
  return types;
}

void KernelTranslator::bindExpanded(ValueRange originals,
                                    ArrayRef<std::optional<PtrState>> states,
                                    ValueRange expanded) {
  size_t at = 0;
  for (auto [v, state] : llvm::zip(originals, states)) {
    if (state) {
      size_t n = state->dynamicValues().size();
      ptrs[v] = state->withDynamicValues(expanded.slice(at, n));
      at += n;
    } else {
      map.map(v, expanded[at++]);
    }
  }
}

/// The predicate of `rhs pred' lhs` that holds where `lhs pred rhs` does.
static arith::CmpIPredicate swapOperands(arith::CmpIPredicate pred) {
  using P = arith::CmpIPredicate;
  static constexpr std::pair<P, P> kMirrored[] = {
      {P::slt, P::sgt}, {P::sle, P::sge}, {P::ult, P::ugt}, {P::ule, P::uge}};
  for (auto [a, b] : kMirrored) {
    if (pred == a)
      return b;
    if (pred == b)
      return a;
  }
  return pred; // eq, ne
}

LogicalResult KernelTranslator::translateFor(scf::ForOp op) {
  Location loc = op.getLoc();
  FailureOr<Value> lb = lookup(op, op.getLowerBound());
  FailureOr<Value> ub = lookup(op, op.getUpperBound());
  FailureOr<Value> step = lookup(op, op.getStep());
  if (failed(lb) || failed(ub) || failed(step))
    return failure();
  FailureOr<PtrStates> initStates = lookupPtrStates(op, op.getInitArgs());
  if (failed(initStates))
    return failure();
  PtrStates &states = *initStates;
  FailureOr<SmallVector<Value>> inits = expandValues(op, op.getInitArgs());
  if (failed(inits))
    return failure();
  auto newFor = scf::ForOp::create(b, loc, *lb, *ub, *step, *inits);
  newFor->setAttrs(op->getDiscardableAttrDictionary());
  Block *body = newFor.getBody();
  map.map(op.getInductionVar(), newFor.getInductionVar());
  bindExpanded(op.getRegionIterArgs(), states, newFor.getRegionIterArgs());

  OpBuilder::InsertionGuard guard(b);
  b.setInsertionPointToEnd(body);
  if (body->mightHaveTerminator())
    b.setInsertionPoint(body->getTerminator());
  if (failed(translateBlock(*op.getBody())))
    return failure();
  auto yield = cast<scf::YieldOp>(op.getBody()->getTerminator());
  if (failed(checkCarriedForms(op, yield, states)))
    return failure();
  FailureOr<SmallVector<Value>> yieldValues =
      expandValues(yield, yield.getOperands());
  if (failed(yieldValues))
    return failure();
  if (body->mightHaveTerminator())
    body->getTerminator()->erase();
  b.setInsertionPointToEnd(body);
  scf::YieldOp::create(b, yield.getLoc(), *yieldValues);
  b.setInsertionPointAfter(newFor);
  bindExpanded(op.getResults(), states, newFor.getResults());
  return success();
}

LogicalResult KernelTranslator::translateIf(scf::IfOp op) {
  Location loc = op.getLoc();
  FailureOr<Value> cond = lookup(op, op.getCondition());
  if (failed(cond))
    return failure();
  // Pointer results take their form from the yields, which are known only
  // once the branches are translated: translate them into a result-less
  // scf.if, then move them into one with the expanded result types.
  bool hasElse = !op.getElseRegion().empty();
  auto scratch = scf::IfOp::create(b, loc, TypeRange{}, *cond, hasElse);
  PtrStates states(op.getNumResults());
  // Results whose branches point into different kernel arguments (FlagGems'
  // cat: `if pid == 0: p = a elif ...`) carry the argument too.
  SmallVector<bool, 4> varyingBase(op.getNumResults(), false);
  SmallVector<std::pair<scf::YieldOp, Block *>, 2> yields;
  for (auto [region, dest] :
       {std::make_pair(&op.getThenRegion(), &scratch.getThenRegion()),
        std::make_pair(&op.getElseRegion(), &scratch.getElseRegion())}) {
    if (region->empty())
      continue;
    OpBuilder::InsertionGuard guard(b);
    Block *block = &dest->front();
    b.setInsertionPoint(block->getTerminator());
    if (failed(translateBlock(region->front())))
      return failure();
    auto yield = cast<scf::YieldOp>(region->front().getTerminator());
    for (auto [i, v] : llvm::enumerate(yield.getOperands())) {
      if (!isPointerLike(v.getType()))
        continue;
      FailureOr<PtrState> s = lookupPtr(yield, v);
      if (failed(s))
        return failure();
      if (!states[i])
        states[i] = *s;
      else if (states[i]->isCompatibleExceptBase(*s))
        varyingBase[i] = varyingBase[i] || states[i]->base != s->base;
      else
        return op.emitError("the branches of an scf.if yield pointers of "
                            "different forms: not supported");
    }
    yields.push_back({yield, block});
  }
  for (auto [yield, block] : yields) {
    SmallVector<Value> values;
    for (auto [i, v] : llvm::enumerate(yield.getOperands())) {
      if (!isPointerLike(v.getType())) {
        FailureOr<Value> mapped = lookup(yield, v);
        if (failed(mapped))
          return failure();
        values.push_back(*mapped);
        continue;
      }
      PtrState s = *lookupPtr(yield, v);
      s.carriesBase = varyingBase[i];
      llvm::append_range(values, s.dynamicValues());
    }
    OpBuilder::InsertionGuard guard(b);
    block->getTerminator()->erase();
    b.setInsertionPointToEnd(block);
    scf::YieldOp::create(b, yield.getLoc(), values);
  }
  for (auto [state, varies] : llvm::zip(states, varyingBase))
    if (state)
      state->carriesBase = varies;
  SmallVector<Type> types = expandTypes(op.getResults(), states);
  auto newIf = scf::IfOp::create(b, loc, types, *cond, hasElse);
  newIf.getThenRegion().takeBody(scratch.getThenRegion());
  if (hasElse)
    newIf.getElseRegion().takeBody(scratch.getElseRegion());
  scratch.erase();
  bindExpanded(op.getResults(), states, newIf.getResults());
  // Past the scf.if, its base result is just the pointer's argument.
  for (Value result : op.getResults())
    if (auto it = ptrs.find(result); it != ptrs.end())
      it->second.carriesBase = false;
  return success();
}

LogicalResult KernelTranslator::translateWhile(scf::WhileOp op) {
  Location loc = op.getLoc();
  FailureOr<PtrStates> initStatesOr = lookupPtrStates(op, op.getInits());
  if (failed(initStatesOr))
    return failure();
  PtrStates &initStates = *initStatesOr;
  // The after-region's arguments and the results have the condition's
  // operand types; pointers there keep the before-region's forms only when
  // the condition forwards the before arguments' pointers.
  PtrStates afterStates;
  for (Type type : ValueRange(op.getAfterArguments()).getTypes()) {
    if (isPointerLike(type))
      return op.emitError("an scf.while that passes pointers from its "
                          "condition to its body is not supported");
    afterStates.push_back(std::nullopt);
  }
  FailureOr<SmallVector<Value>> inits = expandValues(op, op.getInits());
  if (failed(inits))
    return failure();
  SmallVector<Type> beforeTypes = expandTypes(op.getInits(), initStates);
  SmallVector<Type> afterTypes(ValueRange(op.getAfterArguments()).getTypes());
  auto newWhile = scf::WhileOp::create(b, loc, afterTypes, *inits);
  Block *before = b.createBlock(&newWhile.getBefore(), {}, beforeTypes,
                                SmallVector<Location>(beforeTypes.size(), loc));
  bindExpanded(op.getBeforeArguments(), initStates, before->getArguments());
  {
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPointToEnd(before);
    if (failed(translateBlock(op.getBefore().front())))
      return failure();
    scf::ConditionOp cond = op.getConditionOp();
    FailureOr<Value> c = lookup(cond, cond.getCondition());
    FailureOr<SmallVector<Value>> args = expandValues(cond, cond.getArgs());
    if (failed(c) || failed(args))
      return failure();
    scf::ConditionOp::create(b, cond.getLoc(), *c, *args);
  }
  Block *after = b.createBlock(&newWhile.getAfter(), {}, afterTypes,
                               SmallVector<Location>(afterTypes.size(), loc));
  bindExpanded(op.getAfterArguments(), afterStates, after->getArguments());
  {
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPointToEnd(after);
    if (failed(translateBlock(op.getAfter().front())))
      return failure();
    auto yield = cast<scf::YieldOp>(op.getAfter().front().getTerminator());
    if (failed(checkCarriedForms(op, yield, initStates)))
      return failure();
    FailureOr<SmallVector<Value>> values =
        expandValues(yield, yield.getOperands());
    if (failed(values))
      return failure();
    scf::YieldOp::create(b, yield.getLoc(), *values);
  }
  b.setInsertionPointAfter(newWhile);
  bindExpanded(op.getResults(), afterStates, newWhile.getResults());
  return success();
}

//===----------------------------------------------------------------------===//
// Shape ops on tensors
//===----------------------------------------------------------------------===//

Value KernelTranslator::broadcastTensor(Location loc, Value src,
                                        RankedTensorType resultType) {
  auto srcType = cast<RankedTensorType>(src.getType());
  // Drop the size-1 dimensions that grow, then linalg.broadcast them back.
  SmallVector<int64_t> grown, keptShape;
  SmallVector<ReassociationIndices> reassociation;
  for (int64_t d = 0; d < srcType.getRank(); ++d) {
    if (srcType.getDimSize(d) == 1 && resultType.getDimSize(d) != 1) {
      grown.push_back(d);
      if (!reassociation.empty())
        reassociation.back().push_back(d);
      continue;
    }
    keptShape.push_back(srcType.getDimSize(d));
    reassociation.push_back({d});
  }
  if (grown.empty())
    return src;
  Value collapsed;
  if (keptShape.empty()) {
    collapsed = tensor::CollapseShapeOp::create(
        b, loc, RankedTensorType::get({}, srcType.getElementType()), src,
        ArrayRef<ReassociationIndices>{});
  } else {
    // Leading grown dimensions join the first kept dimension's group.
    int64_t leading = 0;
    while (leading < (int64_t)grown.size() && grown[leading] == leading)
      ++leading;
    for (int64_t i = leading - 1; i >= 0; --i)
      reassociation.front().insert(reassociation.front().begin(), i);
    collapsed = tensor::CollapseShapeOp::create(
        b, loc, RankedTensorType::get(keptShape, srcType.getElementType()), src,
        reassociation);
  }
  Value init =
      emptyTensor(loc, resultType.getShape(), resultType.getElementType());
  return linalg::BroadcastOp::create(b, loc, collapsed, init, grown)
      .getResult()
      .front();
}

Value KernelTranslator::expandDimsTensor(Location loc, Value src,
                                         int64_t axis) {
  auto srcType = cast<RankedTensorType>(src.getType());
  SmallVector<int64_t> shape(srcType.getShape());
  shape.insert(shape.begin() + axis, 1);
  auto resultType = RankedTensorType::get(shape, srcType.getElementType());
  if (srcType.getRank() == 0)
    return tensor::ExpandShapeOp::create(b, loc, resultType, src,
                                         ArrayRef<ReassociationIndices>{});
  // Source dimension d is result dimension d (d < axis) or d + 1; the new
  // unit dimension joins its neighbour's group.
  int64_t rank = srcType.getRank();
  SmallVector<ReassociationIndices> reassociation;
  for (int64_t d = 0; d < rank; ++d)
    reassociation.push_back({d < axis ? d : d + 1});
  if (axis < rank)
    reassociation[axis].insert(reassociation[axis].begin(), axis);
  else
    reassociation.back().push_back(axis);
  return tensor::ExpandShapeOp::create(b, loc, resultType, src, reassociation);
}

Value KernelTranslator::transposeTensor(Location loc, Value src,
                                        ArrayRef<int32_t> order) {
  auto srcType = cast<RankedTensorType>(src.getType());
  SmallVector<int64_t> perm(order.begin(), order.end());
  SmallVector<int64_t> shape;
  for (int64_t p : perm)
    shape.push_back(srcType.getDimSize(p));
  Value init = emptyTensor(loc, shape, srcType.getElementType());
  return linalg::TransposeOp::create(b, loc, src, init, perm)
      .getResult()
      .front();
}

Value KernelTranslator::reshapeTensor(Location loc, Value src,
                                      ArrayRef<int64_t> shape) {
  auto srcType = cast<RankedTensorType>(src.getType());
  if (srcType.getShape() == shape)
    return src;
  Type elementType = srcType.getElementType();
  int64_t count = srcType.getNumElements();
  Value flat = src;
  if (srcType.getRank() != 1) {
    SmallVector<ReassociationIndices> all(1);
    for (int64_t d = 0; d < srcType.getRank(); ++d)
      all[0].push_back(d);
    flat = tensor::CollapseShapeOp::create(
        b, loc, RankedTensorType::get({count}, elementType), src,
        srcType.getRank() == 0 ? ArrayRef<ReassociationIndices>{}
                               : ArrayRef<ReassociationIndices>(all));
  }
  if (shape.size() == 1)
    return flat;
  SmallVector<ReassociationIndices> all(1);
  for (int64_t d = 0; d < (int64_t)shape.size(); ++d)
    all[0].push_back(d);
  return tensor::ExpandShapeOp::create(
      b, loc, RankedTensorType::get(shape, elementType), flat,
      shape.empty() ? ArrayRef<ReassociationIndices>{}
                    : ArrayRef<ReassociationIndices>(all));
}

//===----------------------------------------------------------------------===//
// Pointer analysis
//===----------------------------------------------------------------------===//

FailureOr<LinearOffsets> KernelTranslator::analyzeOffsets(Value v,
                                                          Location loc) {
  auto type = dyn_cast<RankedTensorType>(v.getType());
  int64_t rank = type ? type.getRank() : 0;
  auto zeros = [&]() { return SmallVector<Value>(rank, cIndex(loc, 0)); };
  Operation *def = v.getDefiningOp();
  if (!type) {
    // A scalar offset: its translated value.
    Value mapped = map.lookupOrNull(v);
    if (!mapped)
      return failure();
    return LinearOffsets{toIndex(loc, mapped), {}};
  }
  if (!def)
    return failure();
  if (auto range = dyn_cast<tt::MakeRangeOp>(def))
    return LinearOffsets{cIndex(loc, range.getStart()), {cIndex(loc, 1)}};
  if (auto splat = dyn_cast<tt::SplatOp>(def)) {
    Value mapped = map.lookupOrNull(splat.getSrc());
    if (!mapped)
      return failure();
    return LinearOffsets{toIndex(loc, mapped), zeros()};
  }
  if (auto cst = dyn_cast<arith::ConstantOp>(def)) {
    auto dense = dyn_cast<SplatElementsAttr>(cst.getValue());
    if (!dense || !isa<IntegerType>(dense.getElementType()))
      return failure();
    return LinearOffsets{
        cIndex(loc, dense.getSplatValue<APInt>().getSExtValue()), zeros()};
  }
  if (auto bcast = dyn_cast<tt::BroadcastOp>(def)) {
    FailureOr<LinearOffsets> src = analyzeOffsets(bcast.getSrc(), loc);
    if (failed(src))
      return failure();
    auto srcType = cast<RankedTensorType>(bcast.getSrc().getType());
    for (int64_t d = 0; d < rank; ++d) {
      if (srcType.getDimSize(d) != 1 || type.getDimSize(d) == 1)
        continue;
      if (src->wrap.dim == d)
        return failure();
      src->strides[d] = cIndex(loc, 0);
    }
    return src;
  }
  if (auto expand = dyn_cast<tt::ExpandDimsOp>(def)) {
    FailureOr<LinearOffsets> src = analyzeOffsets(expand.getSrc(), loc);
    if (failed(src))
      return failure();
    int64_t axis = expand.getAxis();
    src->strides.insert(src->strides.begin() + axis, cIndex(loc, 0));
    if (src->wrap && src->wrap.dim >= axis)
      ++src->wrap.dim;
    return src;
  }
  if (auto trans = dyn_cast<tt::TransOp>(def)) {
    FailureOr<LinearOffsets> src = analyzeOffsets(trans.getSrc(), loc);
    if (failed(src))
      return failure();
    SmallVector<Value> strides;
    int64_t wrapDim = -1;
    for (auto [i, p] : llvm::enumerate(trans.getOrder())) {
      strides.push_back(src->strides[p]);
      if (src->wrap.dim == p)
        wrapDim = i;
    }
    src->strides = strides;
    src->wrap.dim = wrapDim;
    return src;
  }
  if (isa<arith::ExtSIOp, arith::ExtUIOp, arith::TruncIOp, arith::IndexCastOp>(
          def))
    return analyzeOffsets(def->getOperand(0), loc);
  if (isa<arith::AddIOp, arith::SubIOp, arith::MulIOp>(def)) {
    FailureOr<LinearOffsets> lhs = analyzeOffsets(def->getOperand(0), loc);
    if (failed(lhs))
      return failure();
    FailureOr<LinearOffsets> rhs = analyzeOffsets(def->getOperand(1), loc);
    if (failed(rhs))
      return failure();
    if (isa<arith::MulIOp>(def)) {
      if (!lhs->isUniform() && !rhs->isUniform())
        return failure();
      if (!lhs->isUniform())
        std::swap(lhs, rhs);
      // lhs is uniform: scale rhs.
      LinearOffsets result{mul(loc, lhs->scalar, rhs->scalar), {}, rhs->wrap};
      for (int64_t d = 0; d < rank; ++d)
        result.strides.push_back(mul(loc, lhs->scalar, rhs->strides[d]));
      return result;
    }
    bool isAdd = isa<arith::AddIOp>(def);
    auto combine = [&](Value x, Value y) {
      return isAdd ? add(loc, x, y) : sub(loc, x, y);
    };
    // At most one wrapped dimension, which the other side must not index
    // (a difference of wrapped offsets is not a wrap).
    if (lhs->wrap && rhs->wrap)
      return failure();
    if ((lhs->wrap && !isZero(rhs->strides[lhs->wrap.dim])) ||
        (rhs->wrap && (!isAdd || !isZero(lhs->strides[rhs->wrap.dim]))))
      return failure();
    LinearOffsets result{combine(lhs->scalar, rhs->scalar),
                         {},
                         lhs->wrap ? lhs->wrap : rhs->wrap};
    for (int64_t d = 0; d < rank; ++d)
      result.strides.push_back(combine(lhs->strides[d], rhs->strides[d]));
    return result;
  }
  if (isa<arith::RemSIOp, arith::RemUIOp>(def)) {
    // (s + i_d) % m along one dimension of stride 1, m uniform: a wrap.
    FailureOr<LinearOffsets> lhs = analyzeOffsets(def->getOperand(0), loc);
    if (failed(lhs) || lhs->wrap)
      return failure();
    FailureOr<LinearOffsets> rhs = analyzeOffsets(def->getOperand(1), loc);
    if (failed(rhs) || !rhs->isUniform())
      return failure();
    int64_t dim = -1;
    for (int64_t d = 0; d < rank; ++d) {
      if (isZero(lhs->strides[d]) || type.getDimSize(d) == 1)
        continue;
      if (!isOne(lhs->strides[d]) || dim >= 0)
        return failure();
      dim = d;
    }
    if (dim < 0)
      return failure();
    LinearOffsets result{cIndex(loc, 0), zeros()};
    result.strides[dim] = cIndex(loc, 1);
    result.wrap.dim = dim;
    result.wrap.start = lhs->scalar;
    result.wrap.modulus = rhs->scalar;
    result.wrap.isUnsigned = isa<arith::RemUIOp>(def);
    return result;
  }
  return failure();
}

Value KernelTranslator::materializeOffsets(Location loc,
                                           const PtrState &state) {
  if (state.kind == PtrState::Kind::Gather)
    return state.offsets;
  auto i64 = b.getI64Type();
  int64_t rank = state.rank();
  Value init = emptyTensor(loc, state.shape, i64);
  SmallVector<AffineMap> maps{b.getMultiDimIdentityMap(rank)};
  SmallVector<utils::IteratorType> iterators(rank,
                                             utils::IteratorType::parallel);
  SmallVector<Value> starts;
  if (state.kind == PtrState::Kind::Block)
    starts = state.blockOffsets;
  auto generic = linalg::GenericOp::create(
      b, loc, TypeRange{init.getType()}, ValueRange{}, ValueRange{init}, maps,
      iterators, [&](OpBuilder &nb, Location nloc, ValueRange) {
        Value off = state.offset;
        for (int64_t d = 0; d < rank; ++d) {
          Value i = linalg::IndexOp::create(nb, nloc, d);
          if (!starts.empty())
            i = arith::AddIOp::create(nb, nloc, i, starts[d]);
          if (state.wrap.dim == d) {
            i = arith::AddIOp::create(nb, nloc, i, state.wrap.start);
            i = state.wrap.isUnsigned
                    ? arith::RemUIOp::create(nb, nloc, i, state.wrap.modulus)
                          .getResult()
                    : arith::RemSIOp::create(nb, nloc, i, state.wrap.modulus)
                          .getResult();
          }
          off = arith::AddIOp::create(
              nb, nloc, off,
              arith::MulIOp::create(nb, nloc, i, state.strides[d]));
        }
        Value r = arith::IndexCastOp::create(nb, nloc, i64, off);
        linalg::YieldOp::create(nb, nloc, r);
      });
  return generic.getResult(0);
}

Value KernelTranslator::structuredView(Location loc, const PtrState &state) {
  Value offset = state.offset;
  if (state.kind == PtrState::Kind::Block)
    for (int64_t d = 0; d < state.rank(); ++d)
      offset =
          add(loc, offset, mul(loc, state.blockOffsets[d], state.strides[d]));
  SmallVector<OpFoldResult> sizes, strides;
  SmallVector<int64_t> staticStrides;
  for (int64_t d = 0; d < state.rank(); ++d) {
    sizes.push_back(b.getIndexAttr(state.shape[d]));
    std::optional<int64_t> c = getConstantIntValue(state.strides[d]);
    strides.push_back(c ? OpFoldResult(b.getIndexAttr(*c))
                        : OpFoldResult(state.strides[d]));
    staticStrides.push_back(c ? *c : ShapedType::kDynamic);
  }
  std::optional<int64_t> cOffset = getConstantIntValue(offset);
  auto layout = StridedLayoutAttr::get(
      b.getContext(), cOffset ? *cOffset : ShapedType::kDynamic, staticStrides);
  auto type = MemRefType::get(state.shape, state.elementType, layout);
  OpFoldResult ofr =
      cOffset ? OpFoldResult(b.getIndexAttr(*cOffset)) : OpFoldResult(offset);
  return memref::ReinterpretCastOp::create(b, loc, type, state.base, ofr, sizes,
                                           strides);
}

Value KernelTranslator::flatBase(Location loc, const PtrState &state) {
  // Element-wise accesses index the whole allocation from the base; the
  // view's size bounds nothing at run time.
  SmallVector<OpFoldResult> sizes{b.getIndexAttr(int64_t(1) << 40)};
  SmallVector<OpFoldResult> strides{b.getIndexAttr(1)};
  auto layout = StridedLayoutAttr::get(b.getContext(), 0, {1});
  auto type = MemRefType::get({int64_t(1) << 40}, state.elementType, layout);
  return memref::ReinterpretCastOp::create(b, loc, type, state.base,
                                           b.getIndexAttr(0), sizes, strides);
}

std::optional<MaskBox> KernelTranslator::analyzeMask(Value mask,
                                                     ArrayRef<int64_t> shape,
                                                     Location loc) {
  int64_t rank = shape.size();
  auto full = [&]() { return wholeBox(loc, shape); };
  Operation *def = mask.getDefiningOp();
  if (!def)
    return std::nullopt;
  if (auto cst = dyn_cast<arith::ConstantOp>(def)) {
    auto dense = dyn_cast<SplatElementsAttr>(cst.getValue());
    if (!dense || !dense.getElementType().isInteger(1))
      return std::nullopt;
    MaskBox box = full();
    if (!dense.getSplatValue<bool>() && rank > 0)
      box.hi[0] = cIndex(loc, 0);
    return box;
  }
  if (auto splat = dyn_cast<tt::SplatOp>(def)) {
    Value c = map.lookupOrNull(splat.getSrc());
    if (!c || rank == 0)
      return std::nullopt;
    MaskBox box = full();
    box.hi[0] = arith::SelectOp::create(b, loc, c, box.hi[0], cIndex(loc, 0));
    return box;
  }
  if (auto andi = dyn_cast<arith::AndIOp>(def)) {
    std::optional<MaskBox> lhs = analyzeMask(andi.getLhs(), shape, loc);
    if (!lhs)
      return std::nullopt;
    std::optional<MaskBox> rhs = analyzeMask(andi.getRhs(), shape, loc);
    if (!rhs)
      return std::nullopt;
    for (int64_t d = 0; d < rank; ++d) {
      lhs->lo[d] = b.createOrFold<arith::MaxSIOp>(loc, lhs->lo[d], rhs->lo[d]);
      lhs->hi[d] = b.createOrFold<arith::MinSIOp>(loc, lhs->hi[d], rhs->hi[d]);
    }
    return lhs;
  }
  if (auto bcast = dyn_cast<tt::BroadcastOp>(def)) {
    auto srcType = cast<RankedTensorType>(bcast.getSrc().getType());
    std::optional<MaskBox> src =
        analyzeMask(bcast.getSrc(), srcType.getShape(), loc);
    if (!src)
      return std::nullopt;
    for (int64_t d = 0; d < rank; ++d) {
      if (srcType.getDimSize(d) == 1 && shape[d] != 1) {
        // [lo, hi) within [0, 1): all or nothing along the grown dimension.
        Value set = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::slt,
                                          src->lo[d], src->hi[d]);
        src->lo[d] = cIndex(loc, 0);
        src->hi[d] = arith::SelectOp::create(b, loc, set, cIndex(loc, shape[d]),
                                             cIndex(loc, 0));
      }
    }
    return src;
  }
  if (auto expand = dyn_cast<tt::ExpandDimsOp>(def)) {
    auto srcType = cast<RankedTensorType>(expand.getSrc().getType());
    std::optional<MaskBox> src =
        analyzeMask(expand.getSrc(), srcType.getShape(), loc);
    if (!src)
      return std::nullopt;
    src->lo.insert(src->lo.begin() + expand.getAxis(), cIndex(loc, 0));
    src->hi.insert(src->hi.begin() + expand.getAxis(), cIndex(loc, 1));
    return src;
  }
  if (auto cmp = dyn_cast<arith::CmpIOp>(def)) {
    FailureOr<LinearOffsets> lhs = analyzeOffsets(cmp.getLhs(), loc);
    FailureOr<LinearOffsets> rhs = analyzeOffsets(cmp.getRhs(), loc);
    if (failed(lhs) || failed(rhs))
      return std::nullopt;
    arith::CmpIPredicate pred = cmp.getPredicate();
    if (lhs->wrap || rhs->wrap)
      return std::nullopt;
    auto uniform = [](const LinearOffsets &o) { return o.isUniform(); };
    if (!uniform(*rhs)) {
      if (!uniform(*lhs))
        return std::nullopt;
      std::swap(lhs, rhs);
      pred = swapOperands(pred);
    }
    // lhs = s + i_d (exactly one dimension of stride 1; size-1 dimensions
    // may have any stride), rhs uniform = bound.
    int64_t dim = -1;
    for (int64_t d = 0; d < rank; ++d) {
      if (shape[d] == 1 || isZero(lhs->strides[d]))
        continue;
      if (!isOne(lhs->strides[d]) || dim >= 0)
        return std::nullopt;
      dim = d;
    }
    Value bound = sub(loc, rhs->scalar, lhs->scalar);
    MaskBox box = full();
    if (dim < 0) {
      // Uniform comparison: all or nothing.
      Value zero = cIndex(loc, 0);
      Value c = arith::CmpIOp::create(b, loc, pred, zero, bound);
      if (rank == 0)
        return std::nullopt;
      box.hi[0] = arith::SelectOp::create(b, loc, c, box.hi[0], zero);
      return box;
    }
    Value one = cIndex(loc, 1);
    switch (pred) {
    case arith::CmpIPredicate::slt:
    case arith::CmpIPredicate::ult:
      box.hi[dim] = clamp(loc, bound, shape[dim]);
      break;
    case arith::CmpIPredicate::sle:
    case arith::CmpIPredicate::ule:
      box.hi[dim] = clamp(loc, add(loc, bound, one), shape[dim]);
      break;
    case arith::CmpIPredicate::sge:
    case arith::CmpIPredicate::uge:
      box.lo[dim] = clamp(loc, bound, shape[dim]);
      break;
    case arith::CmpIPredicate::sgt:
    case arith::CmpIPredicate::ugt:
      box.lo[dim] = clamp(loc, add(loc, bound, one), shape[dim]);
      break;
    default:
      return std::nullopt;
    }
    return box;
  }
  return std::nullopt;
}

Value KernelTranslator::boxCoversTile(Location loc, const MaskBox &box,
                                      ArrayRef<int64_t> shape) {
  Value all;
  for (auto [d, size] : llvm::enumerate(shape)) {
    std::optional<int64_t> hi = getConstantIntValue(box.hi[d]);
    if (isZero(box.lo[d]) && hi && *hi == size)
      continue;
    Value covers = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq,
                                         box.hi[d], cIndex(loc, size));
    if (!isZero(box.lo[d]))
      covers = arith::AndIOp::create(
          b, loc, covers,
          arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq, box.lo[d],
                                cIndex(loc, 0)));
    all = all ? arith::AndIOp::create(b, loc, all, covers).getResult() : covers;
  }
  return all;
}

void KernelTranslator::copyBox(Location loc, Value view, Value buffer,
                               const MaskBox &box, Value fill,
                               ArrayRef<int64_t> shape) {
  buildIfElse(
      loc, boxCoversTile(loc, box, shape),
      [&] { memref::CopyOp::create(b, loc, view, buffer); },
      [&] {
        linalg::FillOp::create(b, loc, ValueRange{fill}, ValueRange{buffer});
        copyBoxPart(loc, box, view, buffer);
      });
}

void KernelTranslator::withInnerStrideVersions(
    Location loc, const PtrState &state,
    llvm::function_ref<void(const PtrState &)> body) {
  if (state.rank() == 0 || getConstantIntValue(state.strides.back()) ||
      state.shape.back() == 1) {
    body(state);
    return;
  }
  Value unit = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq,
                                     state.strides.back(), cIndex(loc, 1));
  PtrState contiguous = state;
  contiguous.strides.back() = cIndex(loc, 1);
  buildIfElse(loc, unit, [&] { body(contiguous); }, [&] { body(state); });
}

void KernelTranslator::storeBox(Location loc, Value value, Value view,
                                const MaskBox &box, ArrayRef<int64_t> shape) {
  buildIfElse(
      loc, boxCoversTile(loc, box, shape),
      [&] {
        bufferization::MaterializeInDestinationOp::create(b, loc, value, view)
            .setWritable(true);
      },
      [&] {
        SmallVector<OpFoldResult> offsets, sizes,
            strides(shape.size(), b.getIndexAttr(1));
        boxSlice(loc, box, offsets, sizes);
        Value part = tensor::ExtractSliceOp::create(b, loc, value, offsets,
                                                    sizes, strides);
        Value dst =
            memref::SubViewOp::create(b, loc, view, offsets, sizes, strides);
        bufferization::MaterializeInDestinationOp::create(b, loc, part, dst)
            .setWritable(true);
      });
}

MaskBox KernelTranslator::blockBox(Location loc, const PtrState &state) {
  MaskBox box;
  for (int64_t d = 0; d < state.rank(); ++d) {
    Value negOff = sub(loc, cIndex(loc, 0), state.blockOffsets[d]);
    box.lo.push_back(clamp(loc, negOff, state.shape[d]));
    box.hi.push_back(clamp(
        loc, sub(loc, state.bounds[d], state.blockOffsets[d]), state.shape[d]));
  }
  return box;
}

std::optional<Value> KernelTranslator::splatScalarOf(Value original) {
  Operation *def = original.getDefiningOp();
  if (!def)
    return std::nullopt;
  if (auto splat = dyn_cast<tt::SplatOp>(def)) {
    if (Value v = map.lookupOrNull(splat.getSrc()))
      return v;
    return std::nullopt;
  }
  if (auto cst = dyn_cast<arith::ConstantOp>(def)) {
    auto dense = dyn_cast<SplatElementsAttr>(cst.getValue());
    if (!dense)
      return std::nullopt;
    return arith::ConstantOp::create(
               b, cst.getLoc(),
               cast<TypedAttr>(dense.getSplatValue<Attribute>()))
        .getResult();
  }
  return std::nullopt;
}

LogicalResult KernelTranslator::translatePointerOp(Operation *op) {
  Location loc = op->getLoc();
  if (auto splat = dyn_cast<tt::SplatOp>(op)) {
    FailureOr<PtrState> src = lookupPtr(op, splat.getSrc());
    if (failed(src))
      return failure();
    if (src->kind != PtrState::Kind::Scalar)
      return op->emitError("tt.splat of a tensor of pointers");
    PtrState state = *src;
    state.kind = PtrState::Kind::Structured;
    state.shape =
        llvm::to_vector(cast<RankedTensorType>(splat.getType()).getShape());
    state.strides.assign(state.shape.size(), cIndex(loc, 0));
    ptrs[splat.getResult()] = state;
    return success();
  }
  if (auto addptr = dyn_cast<tt::AddPtrOp>(op)) {
    FailureOr<PtrState> src = lookupPtr(op, addptr.getPtr());
    if (failed(src))
      return failure();
    PtrState state = *src;
    Value offset = addptr.getOffset();
    if (state.kind == PtrState::Kind::Scalar) {
      FailureOr<Value> mapped = lookup(op, offset);
      if (failed(mapped))
        return failure();
      state.offset = add(loc, state.offset, toIndex(loc, *mapped));
      ptrs[addptr.getResult()] = state;
      return success();
    }
    if (state.kind == PtrState::Kind::Block)
      return op->emitError("tt.addptr on a block pointer");
    if (state.kind == PtrState::Kind::Structured) {
      FailureOr<LinearOffsets> linear = analyzeOffsets(offset, loc);
      // One wrapped dimension at most, indexed by nothing else.
      bool combinable =
          succeeded(linear) && !(state.wrap && linear->wrap) &&
          !(linear->wrap && !isZero(state.strides[linear->wrap.dim])) &&
          !(state.wrap && !isZero(linear->strides[state.wrap.dim]));
      if (combinable) {
        state.offset = add(loc, state.offset, linear->scalar);
        for (int64_t d = 0; d < state.rank(); ++d)
          state.strides[d] = add(loc, state.strides[d], linear->strides[d]);
        if (linear->wrap)
          state.wrap = linear->wrap;
        ptrs[addptr.getResult()] = state;
        return success();
      }
    }
    // Arbitrary offsets: element-wise.
    FailureOr<Value> mapped = lookup(op, offset);
    if (failed(mapped))
      return failure();
    Value extra = *mapped;
    auto offsetType = cast<RankedTensorType>(extra.getType());
    if (!offsetType.getElementType().isInteger(64))
      extra = arith::ExtSIOp::create(
          b, loc, RankedTensorType::get(offsetType.getShape(), b.getI64Type()),
          extra);
    PtrState gather = asGather(loc, state);
    gather.offsets = arith::AddIOp::create(b, loc, gather.offsets, extra);
    ptrs[addptr.getResult()] = gather;
    return success();
  }
  if (auto bcast = dyn_cast<tt::BroadcastOp>(op)) {
    FailureOr<PtrState> src = lookupPtr(op, bcast.getSrc());
    if (failed(src))
      return failure();
    PtrState state = *src;
    auto resultType = cast<RankedTensorType>(bcast.getType());
    if (state.wrap && state.shape[state.wrap.dim] == 1 &&
        resultType.getDimSize(state.wrap.dim) != 1)
      state = asGather(loc, state);
    if (state.kind == PtrState::Kind::Gather) {
      state.offsets = broadcastTensor(
          loc, state.offsets,
          RankedTensorType::get(resultType.getShape(), b.getI64Type()));
    } else {
      for (int64_t d = 0; d < state.rank(); ++d)
        if (state.shape[d] == 1 && resultType.getDimSize(d) != 1)
          state.strides[d] = cIndex(loc, 0);
    }
    state.shape = llvm::to_vector(resultType.getShape());
    ptrs[bcast.getResult()] = state;
    return success();
  }
  if (auto expand = dyn_cast<tt::ExpandDimsOp>(op)) {
    FailureOr<PtrState> src = lookupPtr(op, expand.getSrc());
    if (failed(src))
      return failure();
    PtrState state = *src;
    int64_t axis = expand.getAxis();
    if (state.kind == PtrState::Kind::Gather)
      state.offsets = expandDimsTensor(loc, state.offsets, axis);
    else
      state.strides.insert(state.strides.begin() + axis, cIndex(loc, 0));
    if (state.wrap && state.wrap.dim >= axis)
      ++state.wrap.dim;
    state.shape.insert(state.shape.begin() + axis, 1);
    ptrs[expand.getResult()] = state;
    return success();
  }
  if (auto trans = dyn_cast<tt::TransOp>(op)) {
    FailureOr<PtrState> src = lookupPtr(op, trans.getSrc());
    if (failed(src))
      return failure();
    PtrState state = *src;
    ArrayRef<int32_t> order = trans.getOrder();
    if (state.kind == PtrState::Kind::Gather) {
      state.offsets = transposeTensor(loc, state.offsets, order);
    } else {
      SmallVector<Value> strides;
      int64_t wrapDim = -1;
      for (auto [i, p] : llvm::enumerate(order)) {
        strides.push_back(state.strides[p]);
        if (state.wrap.dim == p)
          wrapDim = i;
      }
      state.strides = strides;
      state.wrap.dim = wrapDim;
    }
    SmallVector<int64_t> shape;
    for (int32_t p : order)
      shape.push_back(src->shape[p]);
    state.shape = shape;
    ptrs[trans.getResult()] = state;
    return success();
  }
  if (auto reshape = dyn_cast<tt::ReshapeOp>(op)) {
    FailureOr<PtrState> src = lookupPtr(op, reshape.getSrc());
    if (failed(src))
      return failure();
    PtrState state = *src;
    auto shape = cast<RankedTensorType>(reshape.getType()).getShape();
    state = asGather(loc, state);
    state.offsets = reshapeTensor(loc, state.offsets, shape);
    state.shape = llvm::to_vector(shape);
    ptrs[reshape.getResult()] = state;
    return success();
  }
  if (auto make = dyn_cast<tt::MakeTensorDescOp>(op)) {
    FailureOr<PtrState> src = lookupPtr(op, make.getBase());
    if (failed(src))
      return failure();
    if (src->kind != PtrState::Kind::Scalar)
      return op->emitError("tt.make_tensor_descriptor of a tensor of pointers");
    PtrState state = *src;
    state.kind = PtrState::Kind::Block;
    RankedTensorType block = make.getType().getSignlessBlockType();
    state.shape = llvm::to_vector(block.getShape());
    for (auto [shapeV, strideV] :
         llvm::zip(make.getShape(), make.getStrides())) {
      FailureOr<Value> s = lookup(op, shapeV), st = lookup(op, strideV);
      if (failed(s) || failed(st))
        return failure();
      state.bounds.push_back(toIndex(loc, *s));
      state.strides.push_back(toIndex(loc, *st));
      state.blockOffsets.push_back(cIndex(loc, 0));
    }
    if (make.getPadding() == tt::PaddingOption::PAD_NAN)
      paddingNan.insert(make.getResult());
    ptrs[make.getResult()] = state;
    return success();
  }
  if (auto bitcast = dyn_cast<tt::BitcastOp>(op)) {
    FailureOr<PtrState> src = lookupPtr(op, bitcast.getSrc());
    if (failed(src))
      return failure();
    Type resultType = bitcast.getType();
    if (auto tensor = dyn_cast<RankedTensorType>(resultType))
      resultType = tensor.getElementType();
    Type pointee = cast<tt::PointerType>(resultType).getPointeeType();
    if (pointee.getIntOrFloatBitWidth() !=
            src->elementType.getIntOrFloatBitWidth() &&
        !(pointee.isInteger(8) && src->elementType.isInteger(1)))
      return op->emitError("pointer bitcast between element types of "
                           "different widths is not supported");
    PtrState state = *src;
    if (pointee != src->elementType) {
      // The kernel argument is re-declared with the new element type when
      // every use agrees; a mix of views of one argument is not supported.
      auto argType = cast<UnrankedMemRefType>(state.base.getType());
      if (argType.getElementType() != pointee) {
        auto arg = dyn_cast<BlockArgument>(state.base);
        if (!arg || llvm::any_of(ptrs, [&](auto &entry) {
              return entry.second.base == state.base &&
                     entry.second.elementType != state.elementType;
            }))
          return op->emitError("pointer bitcast of a pointer that is also "
                               "used with its original element type");
        arg.setType(UnrankedMemRefType::get(pointee, 0));
        auto func = cast<func::FuncOp>(arg.getOwner()->getParentOp());
        SmallVector<Type> inputs(func.getFunctionType().getInputs());
        inputs[arg.getArgNumber()] = arg.getType();
        func.setFunctionType(FunctionType::get(func.getContext(), inputs, {}));
        for (auto &entry : ptrs)
          if (entry.second.base == state.base)
            entry.second.elementType = pointee;
      }
      state.elementType = pointee;
    }
    ptrs[bitcast.getResult()] = state;
    return success();
  }
  if (auto select = dyn_cast<arith::SelectOp>(op)) {
    FailureOr<PtrState> onTrue = lookupPtr(op, select.getTrueValue());
    FailureOr<PtrState> onFalse = lookupPtr(op, select.getFalseValue());
    FailureOr<Value> cond = lookup(op, select.getCondition());
    if (failed(onTrue) || failed(onFalse) || failed(cond))
      return failure();
    FailureOr<PtrState> state = selectPtr(loc, *cond, *onTrue, *onFalse);
    if (failed(state))
      return op->emitError("arith.select between pointers of different "
                           "forms (different arguments or shapes under an "
                           "element-wise condition) is not supported");
    ptrs[select.getResult()] = *state;
    return success();
  }
  return op->emitError("unsupported operation on pointers: ") << op->getName();
}

FailureOr<PtrState> KernelTranslator::selectPtr(Location loc, Value cond,
                                                const PtrState &onTrue,
                                                const PtrState &onFalse) {
  if (onTrue.elementType != onFalse.elementType ||
      onTrue.shape != onFalse.shape)
    return failure();
  // Descriptor blocks carry bounds a select cannot merge.
  if (onTrue.kind == PtrState::Kind::Block ||
      onFalse.kind == PtrState::Kind::Block)
    return failure();
  bool sameBase = onTrue.base == onFalse.base;
  if (!isa<ShapedType>(cond.getType())) {
    // One condition for the whole pointer: pick the argument and each part.
    PtrState a = onTrue, bState = onFalse;
    if (a.kind != bState.kind || !(a.wrap == bState.wrap)) {
      if (a.kind == PtrState::Kind::Scalar ||
          bState.kind == PtrState::Kind::Scalar)
        return failure();
      // Different forms of one shape: both element-wise.
      a = asGather(loc, a);
      bState = asGather(loc, bState);
    }
    SmallVector<Value> picked;
    for (auto [t, f] :
         llvm::zip_equal(a.dynamicValues(), bState.dynamicValues()))
      picked.push_back(
          isEqualConstantIntOrValue(t, f)
              ? t
              : arith::SelectOp::create(b, loc, cond, t, f).getResult());
    PtrState state = a.withDynamicValues(picked);
    if (!sameBase)
      state.base = arith::SelectOp::create(b, loc, cond, a.base, bState.base);
    return state;
  }
  // An element-wise condition: element-wise offsets into one argument.
  if (!sameBase || onTrue.kind == PtrState::Kind::Scalar)
    return failure();
  PtrState state = asGather(loc, onTrue);
  state.offsets = arith::SelectOp::create(b, loc, cond, state.offsets,
                                          asGather(loc, onFalse).offsets);
  return state;
}

//===----------------------------------------------------------------------===//
// Loads, stores, atomics
//===----------------------------------------------------------------------===//

int64_t KernelTranslator::gatherLanes(int64_t numElements, Type elementType,
                                      Value offsets) {
  if (elementType.isInteger(1) || !elementType.isIntOrFloat())
    return 0;
  unsigned bits = std::max(
      elementType.getIntOrFloatBitWidth(),
      cast<RankedTensorType>(offsets.getType()).getElementTypeBitWidth());
  // 512 bits of data or offsets per gather: two registers of a VLEN-256
  // X60, LMUL 4 at VLEN 128.
  for (int64_t lanes = 512 / bits; lanes >= 4; lanes /= 2)
    if (numElements % lanes == 0)
      return lanes;
  return 0;
}

/// A tile flattened to one dimension (tensors are dense row-major).
static Value flattenTensor(OpBuilder &b, Location loc, Value tensor) {
  auto type = cast<RankedTensorType>(tensor.getType());
  if (type.getRank() == 1)
    return tensor;
  ReassociationIndices all;
  for (int64_t d = 0; d < type.getRank(); ++d)
    all.push_back(d);
  return tensor::CollapseShapeOp::create(b, loc, tensor,
                                         ArrayRef<ReassociationIndices>{all});
}

Value KernelTranslator::forEachChunk(
    Location loc, ArrayRef<int64_t> shape, int64_t lanes, Value offsets,
    Value mask, Value init,
    function_ref<Value(OpBuilder &, Location, Value, Value, Value, Value)>
        body) {
  int64_t n = ShapedType::getNumElements(shape);
  Value flatOffsets = flattenTensor(b, loc, offsets);
  // Masks are read as bytes: i1 buffers hold a byte per element, while a
  // vector<Nxi1> in memory is packed bits.
  Value flatMask;
  if (mask) {
    auto i8Type = RankedTensorType::get(shape, b.getI8Type());
    Value bytes = arith::ExtUIOp::create(b, loc, i8Type, mask);
    flatMask = flattenTensor(b, loc, bytes);
  }
  auto offsetType = cast<RankedTensorType>(flatOffsets.getType());
  auto offsetVecType = VectorType::get({lanes}, offsetType.getElementType());
  auto maskVecType = VectorType::get({lanes}, b.getI1Type());
  SmallVector<bool> inBounds{true};
  SmallVector<Value> iterArgs;
  if (init)
    iterArgs.push_back(init);
  auto loop = scf::ForOp::create(
      b, loc, cIndex(loc, 0), cIndex(loc, n), cIndex(loc, lanes), iterArgs,
      [&](OpBuilder &nb, Location nloc, Value start, ValueRange args) {
        Value offs = vector::TransferReadOp::create(
            nb, nloc, offsetVecType, flatOffsets, ValueRange{start},
            /*padding=*/std::nullopt, inBounds);
        Value maskVec;
        if (flatMask) {
          Value byteVec = vector::TransferReadOp::create(
              nb, nloc, VectorType::get({lanes}, nb.getI8Type()), flatMask,
              ValueRange{start}, /*padding=*/std::nullopt, inBounds);
          Value zeros = splatConstant(nb, nloc, byteVec.getType(),
                                      nb.getI8IntegerAttr(0));
          maskVec = arith::CmpIOp::create(nb, nloc, arith::CmpIPredicate::ne,
                                          byteVec, zeros);
        } else {
          maskVec = arith::ConstantOp::create(
              nb, nloc, DenseElementsAttr::get(maskVecType, true));
        }
        Value acc = args.empty() ? Value() : args.front();
        Value next = body(nb, nloc, offs, maskVec, start, acc);
        scf::YieldOp::create(nb, nloc, next ? ValueRange{next} : ValueRange{});
      });
  return init ? loop.getResult(0) : Value();
}

Value KernelTranslator::gatherLoad(Location loc, const PtrState &state,
                                   Value mask, Value other,
                                   RankedTensorType resultType) {
  int64_t rank = state.rank();
  Value offsets = materializeOffsets(loc, state);
  Value flat = flatBase(loc, state);
  Type elementType = state.elementType;
  if (int64_t lanes = gatherLanes(ShapedType::getNumElements(state.shape),
                                  elementType, offsets)) {
    // Vector gathers (RVV's indexed loads), `lanes` elements at a time.
    int64_t n = ShapedType::getNumElements(state.shape);
    auto vecType = VectorType::get({lanes}, elementType);
    Value flatOther = other ? flattenTensor(b, loc, other) : Value();
    Value init = emptyTensor(loc, {n}, elementType);
    Value zero = cIndex(loc, 0);
    Value gathered = forEachChunk(
        loc, state.shape, lanes, offsets, mask, init,
        [&](OpBuilder &nb, Location nloc, Value offs, Value maskVec,
            Value start, Value acc) -> Value {
          Value passThru =
              flatOther
                  ? vector::TransferReadOp::create(
                        nb, nloc, vecType, flatOther, ValueRange{start},
                        /*padding=*/std::nullopt, SmallVector<bool>{true})
                        .getResult()
                  : splatConstant(nb, nloc, vecType,
                                  cast<TypedAttr>(nb.getZeroAttr(elementType)));
          Value v = vector::GatherOp::create(nb, nloc, vecType, flat,
                                             ValueRange{zero}, offs, maskVec,
                                             passThru, IntegerAttr());
          return vector::TransferWriteOp::create(nb, nloc, v, acc,
                                                 ValueRange{start},
                                                 SmallVector<bool>{true})
              .getResult();
        });
    if (rank == 1)
      return gathered;
    ReassociationIndices all;
    for (int64_t d = 0; d < rank; ++d)
      all.push_back(d);
    return tensor::ExpandShapeOp::create(
        b, loc, RankedTensorType::get(state.shape, elementType), gathered,
        ArrayRef<ReassociationIndices>{all});
  }
  // Element by element.
  SmallVector<Value> inputs{offsets};
  if (mask)
    inputs.push_back(mask);
  if (other)
    inputs.push_back(other);
  Value init = emptyTensor(loc, state.shape, elementType);
  SmallVector<AffineMap> maps(inputs.size() + 1,
                              b.getMultiDimIdentityMap(rank));
  SmallVector<utils::IteratorType> iterators(rank,
                                             utils::IteratorType::parallel);
  auto generic = linalg::GenericOp::create(
      b, loc, TypeRange{init.getType()}, inputs, ValueRange{init}, maps,
      iterators, [&](OpBuilder &nb, Location nloc, ValueRange args) {
        Value index =
            arith::IndexCastOp::create(nb, nloc, nb.getIndexType(), args[0]);
        if (!mask) {
          Value v = memref::LoadOp::create(nb, nloc, flat, index);
          linalg::YieldOp::create(nb, nloc, v);
          return;
        }
        Value fallback = other ? args[2]
                               : arith::ConstantOp::create(
                                     nb, nloc, nb.getZeroAttr(elementType))
                                     .getResult();
        auto ifOp = scf::IfOp::create(
            nb, nloc, args[1],
            [&](OpBuilder &tb, Location tloc) {
              Value v = memref::LoadOp::create(tb, tloc, flat, index);
              scf::YieldOp::create(tb, tloc, v);
            },
            [&](OpBuilder &eb, Location eloc) {
              scf::YieldOp::create(eb, eloc, fallback);
            });
        linalg::YieldOp::create(nb, nloc, ifOp.getResult(0));
      });
  (void)resultType;
  return generic.getResult(0);
}

Value KernelTranslator::loadWrapped(Location loc, const PtrState &state,
                                    const std::optional<MaskBox> &box,
                                    std::optional<Value> fill, Value mask,
                                    Value other, RankedTensorType resultType,
                                    bool unobservedPastWrap) {
  const Wrap &wrap = state.wrap;
  int64_t dim = wrap.dim, size = state.shape[dim];
  Value zero = cIndex(loc, 0), blockSize = cIndex(loc, size);
  Value buffer = memref::AllocOp::create(
      b, loc, MemRefType::get(state.shape, state.elementType));
  auto gather = [&] {
    Value gathered = gatherLoad(loc, state, mask, other, resultType);
    bufferization::MaterializeInDestinationOp::create(b, loc, gathered, buffer)
        .setWritable(true);
  };
  auto toTensor = [&]() -> Value {
    return bufferization::ToTensorOp::create(
        b, loc, RankedTensorType::get(state.shape, state.elementType), buffer,
        /*restrict=*/true, /*writable=*/true);
  };
  if (unobservedPastWrap && !wrap.isUnsigned) {
    // Position i is observed only where start + i < m; with start >= 0 that
    // is row start + i itself: rows from start, masked to i < m - start
    // (the same bound as the store's mask), the rest filled.
    auto beforeWrap = [&] {
      PtrState plain = state;
      plain.wrap = Wrap();
      plain.offset =
          add(loc, plain.offset, mul(loc, wrap.start, plain.strides[dim]));
      MaskBox rows = box ? *box : wholeBox(loc, state.shape);
      Value count = clamp(loc, sub(loc, wrap.modulus, wrap.start), size);
      rows.hi[dim] =
          getConstantIntValue(rows.hi[dim]) == size
              ? count
              : b.createOrFold<arith::MinSIOp>(loc, rows.hi[dim], count);
      Value value = box ? *fill
                        : arith::ConstantOp::create(
                              b, loc, b.getZeroAttr(state.elementType))
                              .getResult();
      withInnerStrideVersions(loc, plain, [&](const PtrState &version) {
        copyBox(loc, structuredView(loc, version), buffer, rows, value,
                state.shape);
      });
    };
    Value startNonNegative = arith::CmpIOp::create(
        b, loc, arith::CmpIPredicate::sge, wrap.start, zero);
    buildIfElse(loc, startNonNegative, beforeWrap, gather);
    return toTensor();
  }
  Value first =
      wrap.isUnsigned
          ? b.createOrFold<arith::RemUIOp>(loc, wrap.start, wrap.modulus)
          : b.createOrFold<arith::RemSIOp>(loc, wrap.start, wrap.modulus);
  Value fits = arith::AndIOp::create(
      b, loc,
      arith::CmpIOp::create(b, loc, arith::CmpIPredicate::sge, first, zero),
      arith::CmpIOp::create(b, loc, arith::CmpIPredicate::sle, blockSize,
                            wrap.modulus));
  auto twoSegments = [&] {
    MaskBox whole = wholeBox(loc, state.shape);
    const MaskBox &inBox = box ? *box : whole;
    // Rows [0, firstLen) come from first.., the rest from 0..
    Value firstLen = b.createOrFold<arith::MinSIOp>(
        loc, blockSize, sub(loc, wrap.modulus, first));
    PtrState plain = state;
    plain.wrap = Wrap();
    // The usual case, no wrap inside the block and the whole box: one
    // static copy.
    Value noWrap = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq,
                                         firstLen, blockSize);
    if (Value covers = boxCoversTile(loc, inBox, state.shape))
      noWrap = arith::AndIOp::create(b, loc, noWrap, covers);
    auto oneCopy = [&] {
      withInnerStrideVersions(loc, plain, [&](const PtrState &version) {
        PtrState part = version;
        part.offset = add(loc, part.offset, mul(loc, first, part.strides[dim]));
        memref::CopyOp::create(b, loc, structuredView(loc, part), buffer);
      });
    };
    auto segmentCopies = [&] {
      if (box)
        linalg::FillOp::create(b, loc, ValueRange{*fill}, ValueRange{buffer});
      withInnerStrideVersions(loc, plain, [&](const PtrState &version) {
        for (int segment = 0; segment < 2; ++segment) {
          Value lo = segment == 0 ? inBox.lo[dim]
                                  : b.createOrFold<arith::MaxSIOp>(
                                        loc, inBox.lo[dim], firstLen);
          std::optional<int64_t> boxHi = getConstantIntValue(inBox.hi[dim]);
          bool wholeRows = boxHi && *boxHi == size;
          Value hi = segment == 1 ? inBox.hi[dim]
                     : wholeRows  ? firstLen
                                  : b.createOrFold<arith::MinSIOp>(
                                        loc, inBox.hi[dim], firstLen);
          // Element i of this segment is memory row i + shift.
          Value shift = segment == 0 ? first : sub(loc, zero, firstLen);
          PtrState part = version;
          part.offset =
              add(loc, part.offset, mul(loc, shift, part.strides[dim]));
          Value view = structuredView(loc, part);
          MaskBox partBox = inBox;
          partBox.lo[dim] = lo;
          // firstLen is at least 1 here (start mod m < m), so the first
          // segment's bounds are already ordered when it starts at 0.
          partBox.hi[dim] =
              isZero(lo) ? hi : b.createOrFold<arith::MaxSIOp>(loc, hi, lo);
          copyBoxPart(loc, partBox, view, buffer);
        }
      });
    };
    buildIfElse(loc, noWrap, oneCopy, segmentCopies);
  };
  buildIfElse(loc, fits, twoSegments, gather);
  return toTensor();
}

/// The address of element `index` of `flat` (a memref over the allocation
/// from its aligned base), for the accesses that have no memref form: LLVM
/// atomics and volatile loads.
static Value elementAddress(OpBuilder &b, Location loc, Value flat, Value index,
                            Type elementType) {
  Type i64 = b.getI64Type();
  Type ptrType = LLVM::LLVMPointerType::get(b.getContext());
  Value base = memref::ExtractAlignedPointerAsIndexOp::create(b, loc, flat);
  Value address = arith::IndexCastOp::create(b, loc, i64, base);
  Value ptr = LLVM::IntToPtrOp::create(b, loc, ptrType, address);
  Value offset = arith::IndexCastOp::create(b, loc, i64, index);
  return LLVM::GEPOp::create(b, loc, ptrType, elementType, ptr,
                             ArrayRef<LLVM::GEPArg>{offset});
}

LogicalResult KernelTranslator::translateLoad(tt::LoadOp op) {
  Location loc = op.getLoc();
  FailureOr<PtrState> stateOr = lookupPtr(op, op.getPtr());
  if (failed(stateOr))
    return failure();
  const PtrState &state = *stateOr;
  Value mask, other;
  FailureOr<Value> m = lookupOptional(op, op.getMask());
  if (failed(m))
    return failure();
  mask = *m;
  FailureOr<Value> o = lookupOptional(op, op.getOther());
  if (failed(o))
    return failure();
  other = *o;

  if (state.kind == PtrState::Kind::Scalar) {
    Value flat = flatBase(loc, state);
    // tt.load {isVolatile}: an llvm.load volatile of the element's address.
    // Kernels spin on such a load until another program stores a flag
    // (FlagGems' radix sort and look-back scans); a plain load is one LLVM
    // may hoist out of the spin loop.
    auto load = [&](OpBuilder &lb, Location lloc) -> Value {
      if (!op.getIsVolatile())
        return memref::LoadOp::create(lb, lloc, flat, state.offset);
      Value address =
          elementAddress(lb, lloc, flat, state.offset, state.elementType);
      return LLVM::LoadOp::create(lb, lloc, state.elementType, address,
                                  /*alignment=*/0, /*isVolatile=*/true);
    };
    if (!mask) {
      map.map(op.getResult(), load(b, loc));
      return success();
    }
    Value fallback = other ? other
                           : arith::ConstantOp::create(
                                 b, loc, b.getZeroAttr(state.elementType))
                                 .getResult();
    auto ifOp = scf::IfOp::create(
        b, loc, mask,
        [&](OpBuilder &tb, Location tloc) {
          scf::YieldOp::create(tb, tloc, load(tb, tloc));
        },
        [&](OpBuilder &eb, Location eloc) {
          scf::YieldOp::create(eb, eloc, fallback);
        });
    map.map(op.getResult(), ifOp.getResult(0));
    return success();
  }

  auto resultType = cast<RankedTensorType>(op.getType());
  std::optional<MaskBox> box;
  std::optional<Value> fill;
  bool structured = state.kind != PtrState::Kind::Gather;
  if (state.kind == PtrState::Kind::Block) {
    return op.emitError("tt.load of a block pointer (Triton 3.9 has tensor "
                        "descriptors instead)");
  } else if (structured && op.getMask()) {
    box = analyzeMask(op.getMask(), state.shape, loc);
    if (box) {
      if (op.getOther())
        fill = splatScalarOf(op.getOther());
      else
        fill =
            arith::ConstantOp::create(b, loc, b.getZeroAttr(state.elementType))
                .getResult();
      if (!fill)
        box.reset();
    }
    structured = box.has_value();
  }
  if (!structured) {
    map.map(op.getResult(), gatherLoad(loc, state, mask, other, resultType));
    return success();
  }
  if (state.wrap) {
    auto unobserved =
        op->getAttrOfType<IntegerAttr>(spine::kUnobservedWrapAttrName);
    map.map(op.getResult(),
            loadWrapped(loc, state, box, fill, mask, other, resultType,
                        unobserved && unobserved.getInt() == state.wrap.dim));
    return success();
  }

  auto allocType = MemRefType::get(state.shape, state.elementType);
  Value buffer = memref::AllocOp::create(b, loc, allocType);
  withInnerStrideVersions(loc, state, [&](const PtrState &version) {
    Value view = structuredView(loc, version);
    if (!box)
      memref::CopyOp::create(b, loc, view, buffer);
    else
      copyBox(loc, view, buffer, *box, *fill, state.shape);
  });
  Value loaded = bufferization::ToTensorOp::create(
      b, loc, RankedTensorType::get(state.shape, state.elementType), buffer,
      /*restrict=*/true, /*writable=*/true);
  map.map(op.getResult(), loaded);
  return success();
}

FailureOr<PtrState> KernelTranslator::descriptorAt(Operation *op, Value desc,
                                                   ValueRange indices) {
  FailureOr<PtrState> state = lookupPtr(op, desc);
  if (failed(state))
    return failure();
  for (auto [d, index] : llvm::enumerate(indices)) {
    FailureOr<Value> mapped = lookup(op, index);
    if (failed(mapped))
      return failure();
    state->blockOffsets[d] = toIndex(op->getLoc(), *mapped);
  }
  return state;
}

LogicalResult
KernelTranslator::translateDescriptorLoad(tt::DescriptorLoadOp op) {
  Location loc = op.getLoc();
  FailureOr<PtrState> state = descriptorAt(op, op.getDesc(), op.getIndices());
  if (failed(state))
    return failure();
  MaskBox box = blockBox(loc, *state);
  Type et = state->elementType;
  Value fill =
      paddingNan.contains(op.getDesc())
          ? arith::ConstantOp::create(
                b, loc,
                b.getFloatAttr(
                    et,
                    APFloat::getNaN(cast<FloatType>(et).getFloatSemantics())))
                .getResult()
          : arith::ConstantOp::create(b, loc, b.getZeroAttr(et)).getResult();
  Value view = structuredView(loc, *state);
  Value buffer = memref::AllocOp::create(
      b, loc, MemRefType::get(state->shape, state->elementType));
  copyBox(loc, view, buffer, box, fill, state->shape);
  Value loaded = bufferization::ToTensorOp::create(
      b, loc, RankedTensorType::get(state->shape, state->elementType), buffer,
      /*restrict=*/true, /*writable=*/true);
  map.map(op.getResult(), loaded);
  return success();
}

LogicalResult
KernelTranslator::translateDescriptorStore(tt::DescriptorStoreOp op) {
  Location loc = op.getLoc();
  FailureOr<PtrState> state = descriptorAt(op, op.getDesc(), op.getIndices());
  FailureOr<Value> value = lookup(op, op.getSrc());
  if (failed(state) || failed(value))
    return failure();
  MaskBox box = blockBox(loc, *state);
  storeBox(loc, *value, structuredView(loc, *state), box, state->shape);
  return success();
}

void KernelTranslator::scatterStore(Location loc, const PtrState &state,
                                    Value value, Value mask) {
  Value offsets = materializeOffsets(loc, state);
  Value flat = flatBase(loc, state);
  if (int64_t lanes = gatherLanes(ShapedType::getNumElements(state.shape),
                                  state.elementType, offsets)) {
    // Vector scatters (RVV's indexed stores), in element order: lanes store
    // from the lowest, chunks one after another, as the loops below do.
    auto vecType = VectorType::get({lanes}, state.elementType);
    Value flatValue = flattenTensor(b, loc, value);
    Value zero = cIndex(loc, 0);
    forEachChunk(loc, state.shape, lanes, offsets, mask, Value(),
                 [&](OpBuilder &nb, Location nloc, Value offs, Value maskVec,
                     Value start, Value) -> Value {
                   Value v = vector::TransferReadOp::create(
                       nb, nloc, vecType, flatValue, ValueRange{start},
                       /*padding=*/std::nullopt, SmallVector<bool>{true});
                   vector::ScatterOp::create(nb, nloc, Type(), flat,
                                             ValueRange{zero}, offs, maskVec, v,
                                             IntegerAttr());
                   return Value();
                 });
    return;
  }
  // One loop nest over the elements; the stored values are read from the
  // tensors, which bufferization turns into reads of their buffers.
  SmallVector<Value> lbs, ubs, steps;
  elementLoopBounds(loc, state.shape, lbs, ubs, steps);
  scf::buildLoopNest(
      b, loc, lbs, ubs, steps,
      [&](OpBuilder &nb, Location nloc, ValueRange ivs) {
        Value off = tensor::ExtractOp::create(nb, nloc, offsets, ivs);
        Value index =
            arith::IndexCastOp::create(nb, nloc, nb.getIndexType(), off);
        Value v = tensor::ExtractOp::create(nb, nloc, value, ivs);
        if (!mask) {
          memref::StoreOp::create(nb, nloc, v, flat, index);
          return;
        }
        Value m = tensor::ExtractOp::create(nb, nloc, mask, ivs);
        scf::IfOp::create(nb, nloc, m, [&](OpBuilder &tb, Location tloc) {
          memref::StoreOp::create(tb, tloc, v, flat, index);
          scf::YieldOp::create(tb, tloc);
        });
      });
}

LogicalResult KernelTranslator::translateStore(tt::StoreOp op) {
  Location loc = op.getLoc();
  FailureOr<PtrState> stateOr = lookupPtr(op, op.getPtr());
  FailureOr<Value> valueOr = lookup(op, op.getValue());
  if (failed(stateOr) || failed(valueOr))
    return failure();
  const PtrState &state = *stateOr;
  Value value = *valueOr;
  Value mask;
  FailureOr<Value> m = lookupOptional(op, op.getMask());
  if (failed(m))
    return failure();
  mask = *m;
  if (state.kind == PtrState::Kind::Scalar) {
    Value flat = flatBase(loc, state);
    if (!mask) {
      memref::StoreOp::create(b, loc, value, flat, state.offset);
      return success();
    }
    scf::IfOp::create(b, loc, mask, [&](OpBuilder &tb, Location tloc) {
      memref::StoreOp::create(tb, tloc, value, flat, state.offset);
      scf::YieldOp::create(tb, tloc);
    });
    return success();
  }
  std::optional<MaskBox> box;
  bool structured = state.kind != PtrState::Kind::Gather;
  if (state.kind == PtrState::Kind::Block) {
    return op.emitError("tt.store to a block pointer (Triton 3.9 has tensor "
                        "descriptors instead)");
  } else if (structured && op.getMask()) {
    box = analyzeMask(op.getMask(), state.shape, loc);
    structured = box.has_value();
  }
  if (!structured || state.wrap) {
    scatterStore(loc, state, value, mask);
    return success();
  }
  withInnerStrideVersions(loc, state, [&](const PtrState &version) {
    Value view = structuredView(loc, version);
    if (box)
      storeBox(loc, value, view, *box, state.shape);
    else
      bufferization::MaterializeInDestinationOp::create(b, loc, value, view)
          .setWritable(true);
  });
  return success();
}

LogicalResult KernelTranslator::translateAtomic(Operation *op) {
  Location loc = op->getLoc();
  auto rmw = dyn_cast<tt::AtomicRMWOp>(op);
  auto cas = dyn_cast<tt::AtomicCASOp>(op);
  Value ptr = rmw ? rmw.getPtr() : cas.getPtr();
  FailureOr<PtrState> stateOr = lookupPtr(op, ptr);
  if (failed(stateOr))
    return failure();
  const PtrState &state = *stateOr;
  if (state.kind == PtrState::Kind::Block)
    return op->emitError("atomics on block pointers are not supported");
  Value val, cmp, mask;
  {
    FailureOr<Value> v = lookup(op, rmw ? rmw.getVal() : cas.getVal());
    if (failed(v))
      return failure();
    val = *v;
    if (cas) {
      FailureOr<Value> c = lookup(op, cas.getCmp());
      if (failed(c))
        return failure();
      cmp = *c;
    }
    if (rmw && rmw.getMask()) {
      FailureOr<Value> m = lookup(op, rmw.getMask());
      if (failed(m))
        return failure();
      mask = *m;
    }
  }
  Type elementType = state.elementType;
  bool isFloat = isa<FloatType>(elementType);
  std::optional<arith::AtomicRMWKind> kind;
  bool isXor = false;
  if (rmw) {
    switch (rmw.getAtomicRmwOp()) {
    case tt::RMWOp::AND:
      kind = arith::AtomicRMWKind::andi;
      break;
    case tt::RMWOp::OR:
      kind = arith::AtomicRMWKind::ori;
      break;
    case tt::RMWOp::XOR:
      isXor = true;
      break;
    case tt::RMWOp::ADD:
      kind = arith::AtomicRMWKind::addi;
      break;
    case tt::RMWOp::FADD:
      kind = arith::AtomicRMWKind::addf;
      break;
    case tt::RMWOp::MAX:
      kind =
          isFloat ? arith::AtomicRMWKind::maximumf : arith::AtomicRMWKind::maxs;
      break;
    case tt::RMWOp::MIN:
      kind =
          isFloat ? arith::AtomicRMWKind::minimumf : arith::AtomicRMWKind::mins;
      break;
    case tt::RMWOp::UMAX:
      kind = arith::AtomicRMWKind::maxu;
      break;
    case tt::RMWOp::UMIN:
      kind = arith::AtomicRMWKind::minu;
      break;
    case tt::RMWOp::XCHG:
      kind = arith::AtomicRMWKind::assign;
      break;
    }
  }
  Value flat = flatBase(loc, state);
  // One atomic at element `index` with operands v (and c); returns the old
  // value.
  auto atomicAt = [&](OpBuilder &nb, Location nloc, Value index, Value v,
                      Value c) -> Value {
    if (kind)
      return memref::AtomicRMWOp::create(nb, nloc, *kind, v, flat,
                                         ValueRange{index})
          .getResult();
    // xor and compare-and-swap have no memref form without a region (which
    // buffer deallocation rejects): LLVM atomics on the element's address.
    Value address = elementAddress(nb, nloc, flat, index, elementType);
    Type intType = nb.getIntegerType(elementType.getIntOrFloatBitWidth());
    Value cmpBits =
        !c        ? Value()
        : isFloat ? arith::BitcastOp::create(nb, nloc, intType, c).getResult()
                  : c;
    Value valBits =
        isFloat ? arith::BitcastOp::create(nb, nloc, intType, v).getResult()
                : v;
    LLVM::LLVMFuncOp helper = atomicHelper(isXor, intType);
    SmallVector<Value> args{address};
    if (!isXor)
      args.push_back(cmpBits);
    args.push_back(valBits);
    Value old = LLVM::CallOp::create(nb, nloc, helper, args).getResult();
    return isFloat ? arith::BitcastOp::create(nb, nloc, elementType, old)
                         .getResult()
                   : old;
  };
  Value zero = arith::ConstantOp::create(b, loc, b.getZeroAttr(elementType));
  if (state.kind == PtrState::Kind::Scalar) {
    if (!mask) {
      map.map(op->getResult(0), atomicAt(b, loc, state.offset, val, cmp));
      return success();
    }
    auto ifOp = scf::IfOp::create(
        b, loc, mask,
        [&](OpBuilder &tb, Location tloc) {
          scf::YieldOp::create(tb, tloc,
                               atomicAt(tb, tloc, state.offset, val, cmp));
        },
        [&](OpBuilder &eb, Location eloc) {
          scf::YieldOp::create(eb, eloc, zero);
        });
    map.map(op->getResult(0), ifOp.getResult(0));
    return success();
  }
  Value offsets = materializeOffsets(loc, state);
  Value result = emptyTensor(loc, state.shape, elementType);
  SmallVector<Value> lbs, ubs, steps;
  elementLoopBounds(loc, state.shape, lbs, ubs, steps);
  scf::LoopNest nest = scf::buildLoopNest(
      b, loc, lbs, ubs, steps, ValueRange{result},
      [&](OpBuilder &nb, Location nloc, ValueRange ivs,
          ValueRange iterArgs) -> scf::ValueVector {
        Value off = tensor::ExtractOp::create(nb, nloc, offsets, ivs);
        Value index =
            arith::IndexCastOp::create(nb, nloc, nb.getIndexType(), off);
        Value v = tensor::ExtractOp::create(nb, nloc, val, ivs);
        Value c =
            cmp ? tensor::ExtractOp::create(nb, nloc, cmp, ivs).getResult()
                : Value();
        Value old;
        if (!mask) {
          old = atomicAt(nb, nloc, index, v, c);
        } else {
          Value m = tensor::ExtractOp::create(nb, nloc, mask, ivs);
          old = scf::IfOp::create(
                    nb, nloc, m,
                    [&](OpBuilder &tb, Location tloc) {
                      scf::YieldOp::create(tb, tloc,
                                           atomicAt(tb, tloc, index, v, c));
                    },
                    [&](OpBuilder &eb, Location eloc) {
                      scf::YieldOp::create(eb, eloc, zero);
                    })
                    .getResult(0);
        }
        Value inserted =
            tensor::InsertOp::create(nb, nloc, old, iterArgs[0], ivs);
        return {inserted};
      });
  map.map(op->getResult(0), nest.results.front());
  return success();
}

//===----------------------------------------------------------------------===//
// Compute ops
//===----------------------------------------------------------------------===//

LogicalResult KernelTranslator::translateDot(tt::DotOp op) {
  Location loc = op.getLoc();
  FailureOr<Value> a = lookup(op, op.getA()), bv = lookup(op, op.getB()),
                   c = lookup(op, op.getC());
  if (failed(a) || failed(bv) || failed(c))
    return failure();
  auto resultType = cast<RankedTensorType>(op.getType());
  Value result;
  if (resultType.getRank() == 2)
    result = linalg::MatmulOp::create(b, loc, TypeRange{resultType},
                                      ValueRange{*a, *bv}, ValueRange{*c})
                 .getResult(0);
  else if (resultType.getRank() == 3)
    result = linalg::BatchMatmulOp::create(b, loc, TypeRange{resultType},
                                           ValueRange{*a, *bv}, ValueRange{*c})
                 .getResult(0);
  else
    return op.emitError("tt.dot of rank ") << resultType.getRank();
  map.map(op.getResult(), result);
  return success();
}

LogicalResult KernelTranslator::cloneCombiner(Region &region, ValueRange args,
                                              SmallVectorImpl<Value> &results) {
  Block &block = region.front();
  IRMapping local;
  for (auto [arg, v] : llvm::zip(block.getArguments(), args))
    local.map(arg, v);
  // Values from outside the combiner (Triton hoists its constants out of
  // it): their translations, or the constants cloned in.
  auto mapOuterValue = [&](Value v) -> LogicalResult {
    if (local.contains(v) || v.getParentBlock() == &block)
      return success();
    if (map.contains(v)) {
      local.map(v, map.lookup(v));
      return success();
    }
    Operation *def = v.getDefiningOp();
    if (!def || !def->hasTrait<OpTrait::ConstantLike>())
      return failure();
    local.map(v, b.clone(*def)->getResult(0));
    return success();
  };
  for (Operation &inner : block.without_terminator()) {
    if (inner.getDialect() && isa<tt::TritonDialect>(inner.getDialect()))
      return inner.emitError("Triton op in a reduction or scan combiner is "
                             "not supported: ")
             << inner.getName();
    if (inner.getNumRegions() != 0)
      return inner.emitError("an op with regions in a combiner is not "
                             "supported");
    for (Value v : inner.getOperands())
      if (failed(mapOuterValue(v)))
        return inner.emitError("a combiner operand from outside the "
                               "combiner was not translated");
    b.clone(inner, local);
  }
  for (Value v : block.getTerminator()->getOperands()) {
    if (failed(mapOuterValue(v)))
      return block.getTerminator()->emitError(
          "a combiner result from outside the combiner was not translated");
    results.push_back(local.lookup(v));
  }
  return success();
}

/// The identity of a combiner that is one arith op on its two arguments.
static std::optional<TypedAttr> combinerIdentity(Region &region,
                                                 Type elementType) {
  Block &block = region.front();
  if (block.getNumArguments() != 2 ||
      !llvm::hasSingleElement(block.without_terminator()))
    return std::nullopt;
  Operation &op = block.front();
  if (op.getNumOperands() != 2 || op.getNumResults() != 1 ||
      block.getTerminator()->getOperand(0) != op.getResult(0))
    return std::nullopt;
  Builder b(region.getContext());
  if (auto ft = dyn_cast<FloatType>(elementType)) {
    const llvm::fltSemantics &sem = ft.getFloatSemantics();
    if (isa<arith::AddFOp>(op))
      return b.getFloatAttr(ft, APFloat::getZero(sem, /*Negative=*/true));
    if (isa<arith::MulFOp>(op))
      return b.getFloatAttr(ft, APFloat::getOne(sem));
    if (isa<arith::MaxNumFOp, arith::MaximumFOp>(op))
      return b.getFloatAttr(ft, APFloat::getInf(sem, /*Negative=*/true));
    if (isa<arith::MinNumFOp, arith::MinimumFOp>(op))
      return b.getFloatAttr(ft, APFloat::getInf(sem));
    return std::nullopt;
  }
  auto it = dyn_cast<IntegerType>(elementType);
  if (!it)
    return std::nullopt;
  unsigned w = it.getWidth();
  if (isa<arith::AddIOp, arith::OrIOp, arith::XOrIOp, arith::MaxUIOp>(op))
    return b.getIntegerAttr(it, APInt::getZero(w));
  if (isa<arith::MulIOp>(op))
    return b.getIntegerAttr(it, APInt(w, 1));
  if (isa<arith::AndIOp, arith::MinUIOp>(op))
    return b.getIntegerAttr(it, APInt::getAllOnes(w));
  if (isa<arith::MaxSIOp>(op))
    return b.getIntegerAttr(it, APInt::getSignedMinValue(w));
  if (isa<arith::MinSIOp>(op))
    return b.getIntegerAttr(it, APInt::getSignedMaxValue(w));
  return std::nullopt;
}

LogicalResult KernelTranslator::translateReduce(tt::ReduceOp op) {
  Location loc = op.getLoc();
  int64_t axis = op.getAxis();
  FailureOr<SmallVector<Value>> mapped = lookupAll(op, op.getSrcs());
  if (failed(mapped))
    return failure();
  SmallVector<Value> inputs = std::move(*mapped);
  auto srcType = cast<RankedTensorType>(inputs.front().getType());
  SmallVector<int64_t> outShape;
  for (int64_t d = 0; d < srcType.getRank(); ++d)
    if (d != axis)
      outShape.push_back(srcType.getDimSize(d));
  int64_t n = inputs.size();
  SmallVector<Value> inits;
  std::optional<TypedAttr> identity;
  if (n == 1)
    identity = combinerIdentity(op.getCombineOp(), srcType.getElementType());
  if (identity) {
    Value id = arith::ConstantOp::create(b, loc, *identity);
    inits.push_back(fillTensor(loc, id, outShape));
  } else {
    // No known identity: the first slice along the axis is the initial
    // value, and the rest is reduced into it (order preserved, so combiners
    // such as argmax's tie-breaking see the elements in order).
    int64_t size = srcType.getDimSize(axis);
    if (size == 0)
      return op.emitError("reduction over an empty axis without a known "
                          "identity");
    SmallVector<OpFoldResult> offsets(srcType.getRank(), b.getIndexAttr(0));
    SmallVector<OpFoldResult> sizes,
        strides(srcType.getRank(), b.getIndexAttr(1));
    for (int64_t d = 0; d < srcType.getRank(); ++d)
      sizes.push_back(b.getIndexAttr(d == axis ? 1 : srcType.getDimSize(d)));
    for (Value &input : inputs) {
      auto type = cast<RankedTensorType>(input.getType());
      auto sliceType = RankedTensorType::get(outShape, type.getElementType());
      Value first = tensor::ExtractSliceOp::create(b, loc, sliceType, input,
                                                   offsets, sizes, strides);
      // A fresh tensor the reduction may write.
      Value copy =
          linalg::CopyOp::create(
              b, loc, first, emptyTensor(loc, outShape, type.getElementType()))
              .getResult(0);
      inits.push_back(copy);
      SmallVector<OpFoldResult> restOffsets = offsets, restSizes = sizes;
      restOffsets[axis] = b.getIndexAttr(1);
      restSizes[axis] = b.getIndexAttr(size - 1);
      input = tensor::ExtractSliceOp::create(b, loc, input, restOffsets,
                                             restSizes, strides);
    }
  }
  LogicalResult status = success();
  auto reduce = linalg::ReduceOp::create(
      b, loc, inputs, inits, ArrayRef<int64_t>{axis},
      [&](OpBuilder &nb, Location nloc, ValueRange args) {
        // linalg.reduce's block is (inputs..., accumulators...); Triton's
        // combiner takes (accumulated..., new...).
        SmallVector<Value> combinerArgs(args.drop_front(n));
        llvm::append_range(combinerArgs, args.take_front(n));
        OpBuilder::InsertionGuard guard(b);
        b.setInsertionPoint(nb.getInsertionBlock(), nb.getInsertionPoint());
        SmallVector<Value> results;
        if (failed(cloneCombiner(op.getCombineOp(), combinerArgs, results))) {
          status = failure();
          results.assign(args.drop_front(n).begin(), args.drop_front(n).end());
        }
        linalg::YieldOp::create(b, nloc, results);
      });
  if (failed(status))
    return failure();
  for (auto [i, result] : llvm::enumerate(op.getResults())) {
    Value v = reduce.getResult(i);
    if (!isa<RankedTensorType>(result.getType()))
      v = tensor::ExtractOp::create(b, loc, v, ValueRange{});
    map.map(result, v);
  }
  return success();
}

LogicalResult KernelTranslator::translateScan(tt::ScanOp op) {
  Location loc = op.getLoc();
  int64_t axis = op.getAxis();
  bool reverse = op.getReverse();
  FailureOr<SmallVector<Value>> mapped = lookupAll(op, op.getSrcs());
  if (failed(mapped))
    return failure();
  SmallVector<Value> inputs = std::move(*mapped);
  auto srcType = cast<RankedTensorType>(inputs.front().getType());
  int64_t rank = srcType.getRank();
  int64_t size = srcType.getDimSize(axis);
  int64_t n = inputs.size();
  SmallVector<int64_t> sliceShape(srcType.getShape());
  sliceShape[axis] = 1;
  SmallVector<OpFoldResult> strides(rank, b.getIndexAttr(1));
  auto sliceAt = [&](OpBuilder &nb, Location nloc, Value t, Value pos) {
    SmallVector<OpFoldResult> offsets(rank, nb.getIndexAttr(0)), sizes;
    offsets[axis] = pos;
    for (int64_t d = 0; d < rank; ++d)
      sizes.push_back(nb.getIndexAttr(sliceShape[d]));
    return tensor::ExtractSliceOp::create(nb, nloc, t, offsets, sizes, strides)
        .getResult();
  };
  auto insertAt = [&](OpBuilder &nb, Location nloc, Value slice, Value t,
                      Value pos) {
    SmallVector<OpFoldResult> offsets(rank, nb.getIndexAttr(0)), sizes;
    offsets[axis] = pos;
    for (int64_t d = 0; d < rank; ++d)
      sizes.push_back(nb.getIndexAttr(sliceShape[d]));
    return tensor::InsertSliceOp::create(nb, nloc, slice, t, offsets, sizes,
                                         strides)
        .getResult();
  };
  if (size == 0) {
    for (auto [result, input] : llvm::zip(op.getResults(), inputs))
      map.map(result, input);
    return success();
  }
  // out[first] = x[first]; out[k] = combine(out[k -/+ 1], x[k]).
  Value firstPos = cIndex(loc, reverse ? size - 1 : 0);
  SmallVector<Value> outs, accs;
  for (Value input : inputs) {
    auto type = cast<RankedTensorType>(input.getType());
    Value out = emptyTensor(loc, type.getShape(), type.getElementType());
    Value first = sliceAt(b, loc, input, firstPos);
    outs.push_back(insertAt(b, loc, first, out, firstPos));
    accs.push_back(first);
  }
  SmallVector<Value> iterInits(outs);
  llvm::append_range(iterInits, accs);
  LogicalResult status = success();
  auto loop = scf::ForOp::create(
      b, loc, cIndex(loc, 1), cIndex(loc, size), cIndex(loc, 1), iterInits,
      [&](OpBuilder &nb, Location nloc, Value k, ValueRange iter) {
        Value pos = k;
        if (reverse)
          pos = arith::SubIOp::create(nb, nloc, cIndex(nloc, size - 1), k);
        SmallVector<Value> xs;
        for (Value input : inputs)
          xs.push_back(sliceAt(nb, nloc, input, pos));
        SmallVector<Value> sliceInits;
        SmallVector<Type> sliceTypes;
        for (Value x : xs) {
          auto t = cast<RankedTensorType>(x.getType());
          sliceInits.push_back(tensor::EmptyOp::create(nb, nloc, t.getShape(),
                                                       t.getElementType()));
          sliceTypes.push_back(t);
        }
        SmallVector<Value> genericIns(iter.drop_front(n));
        llvm::append_range(genericIns, xs);
        SmallVector<AffineMap> maps(2 * n + n, nb.getMultiDimIdentityMap(rank));
        SmallVector<utils::IteratorType> iterators(
            rank, utils::IteratorType::parallel);
        auto generic = linalg::GenericOp::create(
            nb, nloc, sliceTypes, genericIns, sliceInits, maps, iterators,
            [&](OpBuilder &gb, Location gloc, ValueRange args) {
              OpBuilder::InsertionGuard guard(b);
              b.setInsertionPoint(gb.getInsertionBlock(),
                                  gb.getInsertionPoint());
              SmallVector<Value> results;
              if (failed(cloneCombiner(op.getCombineOp(),
                                       args.take_front(2 * n), results))) {
                status = failure();
                results.assign(args.take_front(n).begin(),
                               args.take_front(n).end());
              }
              linalg::YieldOp::create(b, gloc, results);
            });
        SmallVector<Value> next;
        for (int64_t i = 0; i < n; ++i)
          next.push_back(
              insertAt(nb, nloc, generic.getResult(i), iter[i], pos));
        for (int64_t i = 0; i < n; ++i)
          next.push_back(generic.getResult(i));
        scf::YieldOp::create(nb, nloc, next);
      });
  if (failed(status))
    return failure();
  for (auto [i, result] : llvm::enumerate(op.getResults()))
    map.map(result, loop.getResult(i));
  return success();
}

Value KernelTranslator::stringConstant(Location loc, StringRef text) {
  auto module =
      b.getInsertionBlock()->getParentOp()->getParentOfType<ModuleOp>();
  std::string name = "spine_tt_str_" + std::to_string(stringCounter++) + "_" +
                     kernel.getSymName().str();
  {
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPointToStart(module.getBody());
    std::string data = text.str();
    data.push_back('\0');
    auto type = LLVM::LLVMArrayType::get(b.getI8Type(), data.size());
    LLVM::GlobalOp::create(b, loc, type, /*isConstant=*/true,
                           LLVM::Linkage::Internal, name,
                           b.getStringAttr(data));
  }
  return LLVM::AddressOfOp::create(
      b, loc, LLVM::LLVMPointerType::get(b.getContext()), name);
}

LLVM::LLVMFuncOp KernelTranslator::atomicHelper(bool isXor, Type intType) {
  auto module = kernel->getParentOfType<ModuleOp>();
  std::string name =
      (isXor ? "spine_tt_atomic_xor_i" : "spine_tt_atomic_cas_i") +
      std::to_string(intType.getIntOrFloatBitWidth());
  if (auto existing = module.lookupSymbol<LLVM::LLVMFuncOp>(name))
    return existing;
  OpBuilder::InsertionGuard guard(b);
  b.setInsertionPointToStart(module.getBody());
  Location loc = module.getLoc();
  auto ptrType = LLVM::LLVMPointerType::get(b.getContext());
  SmallVector<Type> params{ptrType, intType};
  if (!isXor)
    params.push_back(intType);
  auto func = LLVM::LLVMFuncOp::create(
      b, loc, name, LLVM::LLVMFunctionType::get(intType, params),
      LLVM::Linkage::Internal);
  Block *entry = func.addEntryBlock(b);
  b.setInsertionPointToStart(entry);
  Value old;
  if (isXor) {
    old = LLVM::AtomicRMWOp::create(
        b, loc, LLVM::AtomicBinOp::_xor, entry->getArgument(0),
        entry->getArgument(1), LLVM::AtomicOrdering::acq_rel);
  } else {
    auto pair = LLVM::AtomicCmpXchgOp::create(
        b, loc, entry->getArgument(0), entry->getArgument(1),
        entry->getArgument(2), LLVM::AtomicOrdering::acq_rel,
        LLVM::AtomicOrdering::monotonic);
    old = LLVM::ExtractValueOp::create(b, loc, pair, 0);
  }
  LLVM::ReturnOp::create(b, loc, old);
  return func;
}

static func::FuncOp declareFunc(ModuleOp module, OpBuilder &b, StringRef name,
                                FunctionType type) {
  if (auto existing = module.lookupSymbol<func::FuncOp>(name))
    return existing;
  OpBuilder::InsertionGuard guard(b);
  b.setInsertionPointToStart(module.getBody());
  auto func = func::FuncOp::create(b, module.getLoc(), name, type);
  func.setPrivate();
  return func;
}

LogicalResult KernelTranslator::translatePrint(tt::PrintOp op) {
  Location loc = op.getLoc();
  auto module = kernel->getParentOfType<ModuleOp>();
  // Triton hands over " name: "; the runtime adds the separator itself.
  StringRef name = op.getPrefix().trim();
  name.consume_back(":");
  Value prefix = stringConstant(loc, name.rtrim());
  auto i32 = b.getI32Type();
  for (Value arg : op.getArgs()) {
    FailureOr<Value> mapped = lookup(op, arg);
    if (failed(mapped))
      return failure();
    Value v = *mapped;
    auto tensorType = dyn_cast<RankedTensorType>(v.getType());
    Type elementType = tensorType ? tensorType.getElementType() : v.getType();
    if (!elementType.isIntOrFloat())
      return op.emitError("tt.print of ") << elementType;
    SmallVector<int64_t> shape = tensorType
                                     ? llvm::to_vector(tensorType.getShape())
                                     : SmallVector<int64_t>{};
    auto bufferType = MemRefType::get(shape, elementType);
    Value buffer = memref::AllocOp::create(b, loc, bufferType);
    if (tensorType) {
      bufferization::MaterializeInDestinationOp::create(b, loc, v, buffer)
          .setWritable(true);
    } else {
      memref::StoreOp::create(b, loc, v, buffer, ValueRange{});
    }
    auto unrankedType = UnrankedMemRefType::get(elementType, 0);
    Value unranked = memref::CastOp::create(b, loc, unrankedType, buffer);
    auto fnType = FunctionType::get(b.getContext(),
                                    {i32, i32, i32,
                                     LLVM::LLVMPointerType::get(b.getContext()),
                                     unrankedType, i32, i32, i32, i32},
                                    {i32});
    std::string name = "spine_print_unranked_memref";
    // One declaration per element type: the memref argument's type differs.
    func::FuncOp callee;
    for (auto f : module.getOps<func::FuncOp>())
      if (f.getSymName() == name)
        callee = f;
    if (callee && callee.getFunctionType() != fnType)
      return op.emitError("tt.print of tensors with different element types "
                          "in one module is not supported");
    callee = declareFunc(module, b, name, fnType);
    auto c = [&](int64_t x) {
      return arith::ConstantIntOp::create(b, loc, i32, x).getResult();
    };
    bool isInt = isa<IntegerType>(elementType);
    bool isSigned =
        isInt && !op.getIsSigned().empty() ? op.getIsSigned()[0] != 0 : isInt;
    func::CallOp::create(b, loc, callee,
                         ValueRange{pidArgs[0], pidArgs[1], pidArgs[2], prefix,
                                    unranked,
                                    c(elementType.getIntOrFloatBitWidth()),
                                    c(isInt), c(isSigned), c(op.getHex())});
  }
  return success();
}

LogicalResult KernelTranslator::translateAssert(tt::AssertOp op) {
  Location loc = op.getLoc();
  auto module = kernel->getParentOfType<ModuleOp>();
  FailureOr<Value> condOr = lookup(op, op.getCondition());
  if (failed(condOr))
    return failure();
  Value cond = *condOr;
  if (auto tensorType = dyn_cast<RankedTensorType>(cond.getType())) {
    // All elements must hold.
    Value init = fillTensor(
        loc, arith::ConstantIntOp::create(b, loc, b.getI1Type(), 1), {});
    SmallVector<int64_t> dims;
    for (int64_t d = 0; d < tensorType.getRank(); ++d)
      dims.push_back(d);
    Type elementType = tensorType.getElementType();
    if (!elementType.isInteger(1)) {
      Value zero =
          arith::ConstantOp::create(b, loc, b.getZeroAttr(elementType));
      Value zeros = fillTensor(loc, zero, tensorType.getShape());
      cond =
          arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ne, cond, zeros);
    }
    auto reduce = linalg::ReduceOp::create(
        b, loc, ValueRange{cond}, ValueRange{init}, dims,
        [&](OpBuilder &nb, Location nloc, ValueRange args) {
          Value r = arith::AndIOp::create(nb, nloc, args[0], args[1]);
          linalg::YieldOp::create(nb, nloc, r);
        });
    cond = tensor::ExtractOp::create(b, loc, reduce.getResult(0), ValueRange{});
  } else if (!cond.getType().isInteger(1)) {
    Value zero =
        arith::ConstantOp::create(b, loc, b.getZeroAttr(cond.getType()));
    cond = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ne, cond, zero);
  }
  std::string file = "unknown";
  int64_t line = 0;
  Location inner = loc;
  while (true) {
    if (auto named = dyn_cast<NameLoc>(inner)) {
      inner = named.getChildLoc();
      continue;
    }
    if (auto callsite = dyn_cast<CallSiteLoc>(inner)) {
      inner = callsite.getCallee();
      continue;
    }
    if (auto fused = dyn_cast<FusedLoc>(inner)) {
      if (fused.getLocations().empty())
        break;
      inner = fused.getLocations().front();
      continue;
    }
    break;
  }
  if (auto fileLoc = dyn_cast<FileLineColLoc>(inner)) {
    file = fileLoc.getFilename().str();
    line = fileLoc.getLine();
  }
  auto ptrType = LLVM::LLVMPointerType::get(b.getContext());
  auto i32 = b.getI32Type();
  auto fnType = FunctionType::get(
      b.getContext(), {i32, i32, i32, i32, ptrType, ptrType, i32, ptrType}, {});
  func::FuncOp callee = declareFunc(module, b, "spine_assert", fnType);
  Value condI32 = arith::ExtUIOp::create(b, loc, i32, cond);
  func::CallOp::create(
      b, loc, callee,
      ValueRange{pidArgs[0], pidArgs[1], pidArgs[2], condI32,
                 stringConstant(loc, op.getMessage()),
                 stringConstant(loc, file),
                 arith::ConstantIntOp::create(b, loc, i32, line),
                 stringConstant(loc, kernel.getSymName())});
  return success();
}

//===----------------------------------------------------------------------===//
// The op dispatcher
//===----------------------------------------------------------------------===//

LogicalResult KernelTranslator::translateOp(Operation *op) {
  Location loc = op->getLoc();
  if (auto forOp = dyn_cast<scf::ForOp>(op))
    return translateFor(forOp);
  if (auto ifOp = dyn_cast<scf::IfOp>(op))
    return translateIf(ifOp);
  if (auto whileOp = dyn_cast<scf::WhileOp>(op))
    return translateWhile(whileOp);

  // Ops that produce pointers.
  if (llvm::any_of(op->getResultTypes(), isPointerLike))
    return translatePointerOp(op);
  if (auto load = dyn_cast<tt::LoadOp>(op))
    return translateLoad(load);
  if (auto store = dyn_cast<tt::StoreOp>(op))
    return translateStore(store);
  if (isa<tt::AtomicRMWOp, tt::AtomicCASOp>(op))
    return translateAtomic(op);
  if (auto load = dyn_cast<tt::DescriptorLoadOp>(op))
    return translateDescriptorLoad(load);
  if (auto store = dyn_cast<tt::DescriptorStoreOp>(op))
    return translateDescriptorStore(store);

  auto operand = [&](unsigned i) -> FailureOr<Value> {
    return lookup(op, op->getOperand(i));
  };
  auto setResult = [&](Value v) {
    map.map(op->getResult(0), v);
    return success();
  };

  if (auto pid = dyn_cast<tt::GetProgramIdOp>(op))
    return setResult(pidArgs[pid.getAxisAsInt()]);
  if (auto num = dyn_cast<tt::GetNumProgramsOp>(op))
    return setResult(gridArgs[num.getAxisAsInt()]);
  if (auto range = dyn_cast<tt::MakeRangeOp>(op)) {
    auto type = cast<RankedTensorType>(range.getType());
    Value init = emptyTensor(loc, type.getShape(), type.getElementType());
    SmallVector<AffineMap> maps{b.getMultiDimIdentityMap(1)};
    int64_t start = range.getStart();
    auto generic = linalg::GenericOp::create(
        b, loc, TypeRange{type}, ValueRange{}, ValueRange{init}, maps,
        {utils::IteratorType::parallel},
        [&](OpBuilder &nb, Location nloc, ValueRange) {
          Value i = linalg::IndexOp::create(nb, nloc, 0);
          Value v =
              arith::IndexCastOp::create(nb, nloc, type.getElementType(), i);
          if (start != 0)
            v = arith::AddIOp::create(
                nb, nloc, v,
                arith::ConstantOp::create(
                    nb, nloc, nb.getIntegerAttr(type.getElementType(), start)));
          linalg::YieldOp::create(nb, nloc, v);
        });
    return setResult(generic.getResult(0));
  }
  if (auto splat = dyn_cast<tt::SplatOp>(op)) {
    FailureOr<Value> src = operand(0);
    if (failed(src))
      return failure();
    return setResult(fillTensor(
        loc, *src, cast<RankedTensorType>(splat.getType()).getShape()));
  }
  if (auto bcast = dyn_cast<tt::BroadcastOp>(op)) {
    FailureOr<Value> src = operand(0);
    if (failed(src))
      return failure();
    return setResult(
        broadcastTensor(loc, *src, cast<RankedTensorType>(bcast.getType())));
  }
  if (auto expand = dyn_cast<tt::ExpandDimsOp>(op)) {
    FailureOr<Value> src = operand(0);
    if (failed(src))
      return failure();
    return setResult(expandDimsTensor(loc, *src, expand.getAxis()));
  }
  if (auto trans = dyn_cast<tt::TransOp>(op)) {
    FailureOr<Value> src = operand(0);
    if (failed(src))
      return failure();
    return setResult(transposeTensor(loc, *src, trans.getOrder()));
  }
  if (auto reshape = dyn_cast<tt::ReshapeOp>(op)) {
    FailureOr<Value> src = operand(0);
    if (failed(src))
      return failure();
    return setResult(reshapeTensor(
        loc, *src, cast<RankedTensorType>(reshape.getType()).getShape()));
  }
  if (auto join = dyn_cast<tt::JoinOp>(op)) {
    FailureOr<Value> lhs = operand(0), rhs = operand(1);
    if (failed(lhs) || failed(rhs))
      return failure();
    auto type = cast<RankedTensorType>(join.getType());
    int64_t rank = type.getRank();
    Value out = emptyTensor(loc, type.getShape(), type.getElementType());
    SmallVector<OpFoldResult> sizes, strides(rank, b.getIndexAttr(1));
    for (int64_t d = 0; d < rank; ++d)
      sizes.push_back(b.getIndexAttr(d == rank - 1 ? 1 : type.getDimSize(d)));
    SmallVector<Value, 2> parts{*lhs, *rhs};
    for (auto [i, part] : llvm::enumerate(parts)) {
      Value expanded = expandDimsTensor(loc, part, rank - 1);
      SmallVector<OpFoldResult> offsets(rank, b.getIndexAttr(0));
      offsets[rank - 1] = b.getIndexAttr(i);
      out = tensor::InsertSliceOp::create(b, loc, expanded, out, offsets, sizes,
                                          strides);
    }
    return setResult(out);
  }
  if (auto split = dyn_cast<tt::SplitOp>(op)) {
    FailureOr<Value> src = operand(0);
    if (failed(src))
      return failure();
    auto type = cast<RankedTensorType>(split.getSrc().getType());
    int64_t rank = type.getRank();
    SmallVector<OpFoldResult> sizes, strides(rank, b.getIndexAttr(1));
    for (int64_t d = 0; d < rank; ++d)
      sizes.push_back(b.getIndexAttr(d == rank - 1 ? 1 : type.getDimSize(d)));
    for (int64_t i = 0; i < 2; ++i) {
      SmallVector<OpFoldResult> offsets(rank, b.getIndexAttr(0));
      offsets[rank - 1] = b.getIndexAttr(i);
      auto resultType = cast<RankedTensorType>(op->getResult(i).getType());
      Value part = tensor::ExtractSliceOp::create(b, loc, resultType, *src,
                                                  offsets, sizes, strides);
      map.map(op->getResult(i), part);
    }
    return success();
  }
  if (auto cat = dyn_cast<tt::CatOp>(op)) {
    FailureOr<Value> lhs = operand(0), rhs = operand(1);
    if (failed(lhs) || failed(rhs))
      return failure();
    auto type = cast<RankedTensorType>(cat.getType());
    Value out = emptyTensor(loc, type.getShape(), type.getElementType());
    int64_t rank = type.getRank();
    int64_t at = 0;
    SmallVector<Value, 2> parts{*lhs, *rhs};
    for (Value part : parts) {
      auto partType = cast<RankedTensorType>(part.getType());
      SmallVector<OpFoldResult> offsets(rank, b.getIndexAttr(0)), sizes,
          strides(rank, b.getIndexAttr(1));
      offsets[0] = b.getIndexAttr(at);
      for (int64_t d = 0; d < rank; ++d)
        sizes.push_back(b.getIndexAttr(partType.getDimSize(d)));
      out = tensor::InsertSliceOp::create(b, loc, part, out, offsets, sizes,
                                          strides);
      at += partType.getDimSize(0);
    }
    return setResult(out);
  }
  if (auto gather = dyn_cast<tt::GatherOp>(op)) {
    FailureOr<Value> src = operand(0), indices = operand(1);
    if (failed(src) || failed(indices))
      return failure();
    auto type = cast<RankedTensorType>(gather.getType());
    int64_t rank = type.getRank();
    int64_t axis = gather.getAxis();
    Value init = emptyTensor(loc, type.getShape(), type.getElementType());
    SmallVector<AffineMap> maps(2, b.getMultiDimIdentityMap(rank));
    SmallVector<utils::IteratorType> iterators(rank,
                                               utils::IteratorType::parallel);
    Value source = *src;
    auto generic = linalg::GenericOp::create(
        b, loc, TypeRange{type}, ValueRange{*indices}, ValueRange{init}, maps,
        iterators, [&](OpBuilder &nb, Location nloc, ValueRange args) {
          SmallVector<Value> ivs;
          for (int64_t d = 0; d < rank; ++d)
            ivs.push_back(linalg::IndexOp::create(nb, nloc, d));
          ivs[axis] =
              arith::IndexCastOp::create(nb, nloc, nb.getIndexType(), args[0]);
          Value v = tensor::ExtractOp::create(nb, nloc, source, ivs);
          linalg::YieldOp::create(nb, nloc, v);
        });
    return setResult(generic.getResult(0));
  }
  if (auto hist = dyn_cast<tt::HistogramOp>(op)) {
    FailureOr<Value> src = operand(0);
    if (failed(src))
      return failure();
    auto type = cast<RankedTensorType>(hist.getType());
    auto srcType = cast<RankedTensorType>((*src).getType());
    Value zero =
        arith::ConstantOp::create(b, loc, b.getZeroAttr(type.getElementType()));
    Value bins = fillTensor(loc, zero, type.getShape());
    Value srcV = *src;
    Value maskV;
    FailureOr<Value> m = lookupOptional(op, hist.getMask());
    if (failed(m))
      return failure();
    maskV = *m;
    auto loop = scf::ForOp::create(
        b, loc, cIndex(loc, 0), cIndex(loc, srcType.getDimSize(0)),
        cIndex(loc, 1), ValueRange{bins},
        [&](OpBuilder &nb, Location nloc, Value i, ValueRange iter) {
          Value x = tensor::ExtractOp::create(nb, nloc, srcV, ValueRange{i});
          Value bin =
              arith::IndexCastOp::create(nb, nloc, nb.getIndexType(), x);
          Value inRange = arith::AndIOp::create(
              nb, nloc,
              arith::CmpIOp::create(nb, nloc, arith::CmpIPredicate::sge, bin,
                                    cIndex(nloc, 0)),
              arith::CmpIOp::create(nb, nloc, arith::CmpIPredicate::slt, bin,
                                    cIndex(nloc, type.getDimSize(0))));
          if (maskV)
            inRange = arith::AndIOp::create(
                nb, nloc, inRange,
                tensor::ExtractOp::create(nb, nloc, maskV, ValueRange{i}));
          auto ifOp = scf::IfOp::create(
              nb, nloc, inRange,
              [&](OpBuilder &tb, Location tloc) {
                Value old = tensor::ExtractOp::create(tb, tloc, iter[0],
                                                      ValueRange{bin});
                Value one = arith::ConstantOp::create(
                    tb, tloc, tb.getIntegerAttr(type.getElementType(), 1));
                Value inc = arith::AddIOp::create(tb, tloc, old, one);
                Value next = tensor::InsertOp::create(tb, tloc, inc, iter[0],
                                                      ValueRange{bin});
                scf::YieldOp::create(tb, tloc, next);
              },
              [&](OpBuilder &eb, Location eloc) {
                scf::YieldOp::create(eb, eloc, iter[0]);
              });
          scf::YieldOp::create(nb, nloc, ifOp.getResult(0));
        });
    return setResult(loop.getResult(0));
  }
  if (auto dot = dyn_cast<tt::DotOp>(op))
    return translateDot(dot);
  if (auto reduce = dyn_cast<tt::ReduceOp>(op))
    return translateReduce(reduce);
  if (auto scan = dyn_cast<tt::ScanOp>(op))
    return translateScan(scan);
  if (auto print = dyn_cast<tt::PrintOp>(op))
    return translatePrint(print);
  if (auto assertOp = dyn_cast<tt::AssertOp>(op))
    return translateAssert(assertOp);

  // Element-wise tt ops: arith/math equivalents, left on tensors for
  // convert-elementwise-to-linalg.
  if (auto fp = dyn_cast<tt::FpToFpOp>(op)) {
    FailureOr<Value> src = operand(0);
    if (failed(src))
      return failure();
    Type from = getElementTypeOrSelf(*src),
         to = getElementTypeOrSelf(fp.getType());
    if (!isa<Float16Type, BFloat16Type, Float32Type, Float64Type>(from) ||
        !isa<Float16Type, BFloat16Type, Float32Type, Float64Type>(to))
      return op->emitError("tt.fp_to_fp between ")
             << from << " and " << to << " is not supported (fp8 types)";
    if (from.getIntOrFloatBitWidth() < to.getIntOrFloatBitWidth())
      return setResult(arith::ExtFOp::create(b, loc, fp.getType(), *src));
    Value rounded = arith::TruncFOp::create(b, loc, fp.getType(), *src);
    if (!fp.getRounding() || *fp.getRounding() != tt::RoundingMode::RTZ)
      return setResult(rounded);
    // Toward zero: where rounding to nearest went away from zero, step one
    // ulp back (the bit pattern minus one; inf becomes the largest finite).
    Value back = arith::ExtFOp::create(b, loc, (*src).getType(), rounded);
    Value awayFromZero = arith::CmpFOp::create(
        b, loc, arith::CmpFPredicate::OGT, math::AbsFOp::create(b, loc, back),
        math::AbsFOp::create(b, loc, *src));
    return setResult(arith::SelectOp::create(
        b, loc, awayFromZero, stepTowardZero(b, loc, rounded), rounded));
  }
  if (isa<tt::BitcastOp>(op)) {
    FailureOr<Value> src = operand(0);
    if (failed(src))
      return failure();
    return setResult(
        arith::BitcastOp::create(b, loc, op->getResult(0).getType(), *src));
  }
  if (auto clamp = dyn_cast<tt::ClampFOp>(op)) {
    FailureOr<Value> x = operand(0), lo = operand(1), hi = operand(2);
    if (failed(x) || failed(lo) || failed(hi))
      return failure();
    bool propagate = clamp.getPropagateNan() == tt::PropagateNan::ALL;
    Value v = propagate ? arith::MaximumFOp::create(b, loc, *x, *lo).getResult()
                        : arith::MaxNumFOp::create(b, loc, *x, *lo).getResult();
    v = propagate ? arith::MinimumFOp::create(b, loc, v, *hi).getResult()
                  : arith::MinNumFOp::create(b, loc, v, *hi).getResult();
    return setResult(v);
  }
  if (isa<tt::PreciseSqrtOp>(op)) {
    FailureOr<Value> x = operand(0);
    if (failed(x))
      return failure();
    return setResult(math::SqrtOp::create(b, loc, *x));
  }
  if (isa<tt::PreciseDivFOp>(op)) {
    FailureOr<Value> x = operand(0), y = operand(1);
    if (failed(x) || failed(y))
      return failure();
    return setResult(arith::DivFOp::create(b, loc, *x, *y));
  }
  if (isa<tt::MulhiUIOp>(op)) {
    FailureOr<Value> x = operand(0), y = operand(1);
    if (failed(x) || failed(y))
      return failure();
    Type type = op->getResult(0).getType();
    Type elementType = getElementTypeOrSelf(type);
    unsigned width = elementType.getIntOrFloatBitWidth();
    Type wide = withElementType(type, b.getIntegerType(2 * width));
    Value xw = arith::ExtUIOp::create(b, loc, wide, *x);
    Value yw = arith::ExtUIOp::create(b, loc, wide, *y);
    Value prod = arith::MulIOp::create(b, loc, xw, yw);
    Value shift = intConstant(b, loc, wide, APInt(2 * width, width));
    Value hi = arith::ShRUIOp::create(b, loc, prod, shift);
    return setResult(arith::TruncIOp::create(b, loc, type, hi));
  }
  if (auto ext = dyn_cast<tt::ExternElementwiseOp>(op)) {
    FailureOr<SmallVector<Value>> mapped = lookupAll(op, op->getOperands());
    if (failed(mapped))
      return failure();
    SmallVector<Value> args = std::move(*mapped);
    StringRef sym = ext.getSymbol();
    // libdevice / libm names: __nv_expf, __nv_exp, expf, exp ...
    StringRef name = sym;
    name.consume_front("__nv_");
    if (name.size() > 1 && name.ends_with("f") && args.size() >= 1 &&
        getElementTypeOrSelf(args[0]).isF32())
      name = name.drop_back();
    Type type = op->getResult(0).getType();
    // Classifications (libdevice's isnan, isinf, finite, signbit: int32 0/1
    // results) as comparisons, which vectorize.
    StringRef kind = llvm::StringSwitch<StringRef>(name)
                         .Cases({"isnan", "isnanf", "isnand"}, "isnan")
                         .Cases({"isinf", "isinff", "isinfd"}, "isinf")
                         .Cases({"finite", "finitef", "isfinited"}, "finite")
                         .Cases({"signbit", "signbitf", "signbitd"}, "signbit")
                         .Default("");
    if (!kind.empty() && args.size() == 1 &&
        isa<FloatType>(getElementTypeOrSelf(args[0])) &&
        getElementTypeOrSelf(type).isInteger(32)) {
      Value x = args[0];
      auto floatType = cast<FloatType>(getElementTypeOrSelf(x));
      Value bit;
      if (kind == "isnan") {
        bit = arith::CmpFOp::create(b, loc, arith::CmpFPredicate::UNO, x, x);
      } else if (kind == "signbit") {
        Type intElement = b.getIntegerType(floatType.getWidth());
        Value bits = arith::BitcastOp::create(
            b, loc, withElementType(x.getType(), intElement), x);
        bit = arith::CmpIOp::create(
            b, loc, arith::CmpIPredicate::slt, bits,
            splatConstant(b, loc, x.getType(),
                          b.getIntegerAttr(intElement, 0)));
      } else {
        Value inf = splatConstant(
            b, loc, x.getType(),
            b.getFloatAttr(floatType,
                           APFloat::getInf(floatType.getFloatSemantics())));
        Value magnitude = math::AbsFOp::create(b, loc, x);
        bit = arith::CmpFOp::create(b, loc,
                                    kind == "isinf" ? arith::CmpFPredicate::OEQ
                                                    : arith::CmpFPredicate::ONE,
                                    magnitude, inf);
      }
      return setResult(arith::ExtUIOp::create(b, loc, type, bit));
    }
    Operation *created = nullptr;
    auto unary = [&](auto tag) -> Operation * {
      using OpTy = decltype(tag);
      return OpTy::create(b, loc, args[0]).getOperation();
    };
    if (args.size() == 1) {
      created =
          llvm::StringSwitch<std::function<Operation *()>>(name)
              .Case("exp", [&] { return unary(math::ExpOp()); })
              .Case("exp2", [&] { return unary(math::Exp2Op()); })
              .Case("expm1", [&] { return unary(math::ExpM1Op()); })
              .Case("log", [&] { return unary(math::LogOp()); })
              .Case("log2", [&] { return unary(math::Log2Op()); })
              .Case("log10", [&] { return unary(math::Log10Op()); })
              .Case("log1p", [&] { return unary(math::Log1pOp()); })
              .Case("sqrt", [&] { return unary(math::SqrtOp()); })
              .Case("rsqrt", [&] { return unary(math::RsqrtOp()); })
              .Case("sin", [&] { return unary(math::SinOp()); })
              .Case("cos", [&] { return unary(math::CosOp()); })
              .Case("tan", [&] { return unary(math::TanOp()); })
              .Case("tanh", [&] { return unary(math::TanhOp()); })
              .Case("sinh", [&] { return unary(math::SinhOp()); })
              .Case("cosh", [&] { return unary(math::CoshOp()); })
              .Case("asin", [&] { return unary(math::AsinOp()); })
              .Case("acos", [&] { return unary(math::AcosOp()); })
              .Case("atan", [&] { return unary(math::AtanOp()); })
              .Case("erf", [&] { return unary(math::ErfOp()); })
              .Case("erfc", [&] { return unary(math::ErfcOp()); })
              .Case("asinh", [&] { return unary(math::AsinhOp()); })
              .Case("acosh", [&] { return unary(math::AcoshOp()); })
              .Case("atanh", [&] { return unary(math::AtanhOp()); })
              .Case("floor", [&] { return unary(math::FloorOp()); })
              .Case("ceil", [&] { return unary(math::CeilOp()); })
              .Case("trunc", [&] { return unary(math::TruncOp()); })
              .Case("round", [&] { return unary(math::RoundOp()); })
              .Case("rint", [&] { return unary(math::RoundEvenOp()); })
              .Case("nearbyint", [&] { return unary(math::RoundEvenOp()); })
              .Case("fabs", [&] { return unary(math::AbsFOp()); })
              .Case("cbrt", [&] { return unary(math::CbrtOp()); })
              .Default([] { return nullptr; })();
    } else if (args.size() == 2) {
      if (name == "pow" || name == "powf")
        created = math::PowFOp::create(b, loc, args[0], args[1]);
      else if (name == "atan2")
        created = math::Atan2Op::create(b, loc, args[0], args[1]);
      else if (name == "fmod")
        created = arith::RemFOp::create(b, loc, args[0], args[1]);
      else if (name == "fmax")
        created = arith::MaxNumFOp::create(b, loc, args[0], args[1]);
      else if (name == "fmin")
        created = arith::MinNumFOp::create(b, loc, args[0], args[1]);
      else if (name == "copysign")
        created = math::CopySignOp::create(b, loc, args[0], args[1]);
      else if ((name == "powi" || name == "powif") &&
               getElementTypeOrSelf(args[1]).isInteger(32))
        return setResult(powInteger(loc, args[0], args[1]));
      else if (name == "fdiv_rn" || name == "ddiv_rn")
        created = arith::DivFOp::create(b, loc, args[0], args[1]);
      else if (name == "fdiv_rz" || name == "ddiv_rz")
        return setResult(divideTowardZero(loc, args[0], args[1]));
      else if (name == "hypot")
        created = math::SqrtOp::create(
            b, loc,
            math::FmaOp::create(
                b, loc, args[0], args[0],
                arith::MulFOp::create(b, loc, args[1], args[1])));
    } else if (args.size() == 3 && name == "fma") {
      created = math::FmaOp::create(b, loc, args[0], args[1], args[2]);
    }
    if (!created || created->getResult(0).getType() != type) {
      if (created)
        created->erase();
      return op->emitError("tt.extern_elementwise of '")
             << sym << "' is not supported (no math-dialect equivalent)";
    }
    return setResult(created->getResult(0));
  }
  if (auto toInt = dyn_cast<tt::PtrToIntOp>(op)) {
    // A scalar pointer's address (kernels test optional arguments against
    // null: `if weight_ptr:`).
    FailureOr<PtrState> state = lookupPtr(op, toInt.getSrc());
    if (failed(state))
      return failure();
    if (state->kind != PtrState::Kind::Scalar)
      return op->emitError("tt.ptr_to_int of a tensor of pointers is not "
                           "supported");
    Value address = memref::ExtractAlignedPointerAsIndexOp::create(
        b, loc, flatBase(loc, *state));
    unsigned bytes =
        std::max<unsigned>(1, state->elementType.getIntOrFloatBitWidth() / 8);
    address = add(loc, address, mul(loc, state->offset, cIndex(loc, bytes)));
    return setResult(
        arith::IndexCastOp::create(b, loc, toInt.getType(), address));
  }
  if (op->getDialect() && isa<tt::TritonDialect>(op->getDialect()))
    return op->emitError("the TTIR conversion does not support ")
           << op->getName() << " yet";

  // Everything else (arith, math, ...) is cloned as it is.
  for (Value v : op->getOperands()) {
    if (isPointerLike(v.getType()))
      return op->emitError("unsupported use of a pointer by ") << op->getName();
    if (!map.contains(v))
      return op->emitError("operand was not translated");
  }
  if (op->getNumRegions() != 0)
    return op->emitError("the TTIR conversion does not support ")
           << op->getName() << " (an op with regions)";
  guardDivision(b.clone(*op, map));
  return success();
}

/// Inlines every call, `noinline = true` ones included: noinline only asks
/// Triton to keep a function out of line, while the pointer analysis needs a
/// callee's loads and stores in the kernel's terms. A callee of several
/// blocks (an early return) is inlined only straight into a function body,
/// where its branches stay legal until lift-cf-to-scf.
struct InlineAllCalls : public InlinerInterface {
  using InlinerInterface::InlinerInterface;
  bool isLegalToInline(Operation *, Operation *, bool) const final {
    return true;
  }
  bool isLegalToInline(Region *dest, Region *src, bool,
                       IRMapping &) const final {
    return src->hasOneBlock() || isa<tt::FuncOp>(dest->getParentOp());
  }
  bool isLegalToInline(Operation *, Region *, bool, IRMapping &) const final {
    return true;
  }
};

static void cloneCallee(OpBuilder &, Region *src, Block *inlineBlock,
                        Block *postInsertBlock, IRMapping &mapper,
                        bool shouldCloneInlinedRegion) {
  Region *insertRegion = inlineBlock->getParent();
  if (shouldCloneInlinedRegion) {
    src->cloneInto(insertRegion, postInsertBlock->getIterator(), mapper);
    return;
  }
  insertRegion->getBlocks().splice(postInsertBlock->getIterator(),
                                   src->getBlocks(), src->begin(), src->end());
}

/// Inlines all tt.call ops of `module` (callees calling others included),
/// then drops the private functions nothing calls any more.
static LogicalResult inlineTritonCalls(ModuleOp module) {
  // A chain of calls deeper than this is taken for a recursion, which
  // Triton does not allow either (direct ones are caught as such).
  constexpr int kMaxCallDepth = 32;
  InlineAllCalls interface(module.getContext());
  for (int depth = 0;; ++depth) {
    SmallVector<tt::CallOp> calls;
    module.walk([&](tt::CallOp call) { calls.push_back(call); });
    if (calls.empty())
      break;
    if (depth == kMaxCallDepth)
      return calls.front().emitError("recursive tt.call: calls nest deeper "
                                     "than ")
             << kMaxCallDepth << " levels";
    for (tt::CallOp call : calls) {
      auto callee = SymbolTable::lookupNearestSymbolFrom<tt::FuncOp>(
          call, call.getCalleeAttr());
      if (!callee || callee.isExternal())
        return call.emitError("call of '")
               << call.getCallee() << "', which has no body here";
      if (call->getParentOfType<tt::FuncOp>() == callee)
        return call.emitError("recursive tt.call of '")
               << call.getCallee() << "' (Triton functions cannot recurse)";
      if (failed(inlineCall(interface, cloneCallee, call, callee,
                            &callee.getBody())))
        return call.emitError("cannot inline the call of '")
               << call.getCallee()
               << "' here: a function with an early return is called "
                  "inside a loop or branch";
      call.erase();
    }
  }
  for (tt::FuncOp func :
       llvm::make_early_inc_range(module.getOps<tt::FuncOp>()))
    if (func.isPrivate() && SymbolTable::symbolKnownUseEmpty(func, module))
      func.erase();
  return success();
}

struct ConvertTritonToLinalgPass
    : spine::impl::ConvertTritonToLinalgBase<ConvertTritonToLinalgPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    if (module.getOps<tt::FuncOp>().empty())
      return;
    if (failed(inlineTritonCalls(module)))
      return signalPassFailure();
    SmallVector<tt::FuncOp> kernels(module.getOps<tt::FuncOp>());
    OpBuilder b(module.getContext());
    bool failedAny = false;
    for (tt::FuncOp kernel : kernels) {
      if (kernel.isExternal()) {
        kernel.emitError("external tt.func declarations are not supported");
        failedAny = true;
        continue;
      }
      b.setInsertionPoint(kernel);
      KernelTranslator translator(kernel, b);
      FailureOr<func::FuncOp> func = translator.run();
      if (failed(func)) {
        failedAny = true;
        continue;
      }
      kernel.erase();
    }
    if (failedAny)
      return signalPassFailure();
    module->setAttr(kFromTTIRAttrName, UnitAttr::get(module.getContext()));
    // Anything of the tt dialect left is a bug of this pass, never output.
    WalkResult leftover = module.walk([](Operation *op) {
      if (op->getDialect() && isa<tt::TritonDialect>(op->getDialect())) {
        op->emitError("internal error: left unconverted by "
                      "convert-triton-to-linalg");
        return WalkResult::interrupt();
      }
      return WalkResult::advance();
    });
    if (leftover.wasInterrupted())
      signalPassFailure();
  }
};

} // namespace

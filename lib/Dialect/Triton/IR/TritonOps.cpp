// Ops of the tt dialect: verifiers, type inference, builders and the few
// hand-written printers and parsers.

#include "spine/Dialect/Triton/IR/Triton.h"

#include <string>

#include "mlir/IR/Builders.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/IR/TypeUtilities.h"
#include "mlir/Interfaces/FunctionImplementation.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallBitVector.h"
#include "llvm/Support/MathExtras.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;
using namespace mlir::triton;

#define GET_OP_CLASSES
#include "spine/Dialect/Triton/IR/TritonOps.cpp.inc"

//===----------------------------------------------------------------------===//
// Helpers
//===----------------------------------------------------------------------===//

/// "16x8", the way a tensor type writes its shape ("scalar" for rank 0).
static std::string formatShape(ArrayRef<int64_t> shape) {
  if (shape.empty())
    return "scalar";
  std::string text;
  llvm::raw_string_ostream os(text);
  llvm::interleave(shape, os, "x");
  return text;
}

/// Integer types compare without their signedness (descriptor element types
/// may be signed, tensors never are).
static Type signless(Type type) {
  if (auto intType = dyn_cast<IntegerType>(type))
    return IntegerType::get(type.getContext(), intType.getWidth());
  return type;
}

/// Checks `actual` is `expected`, naming the operand in the error.
static LogicalResult expectType(Operation *op, StringRef what, Type actual,
                                Type expected) {
  if (actual == expected)
    return success();
  return op->emitOpError() << what << " must have type " << expected
                           << " to match the pointer operand, got " << actual;
}

//===----------------------------------------------------------------------===//
// Traits
//===----------------------------------------------------------------------===//

static LogicalResult checkTensorSize(Operation *op, Type type) {
  auto tensor = dyn_cast<RankedTensorType>(type);
  if (!tensor || !tensor.hasStaticShape())
    return success();
  int64_t count = tensor.getNumElements();
  if (count > kMaxTensorNumElements)
    return op->emitOpError()
           << "tensor " << type << " has " << count
           << " elements; the limit is " << kMaxTensorNumElements;
  if (!llvm::isPowerOf2_64(static_cast<uint64_t>(count)))
    return op->emitOpError() << "tensor " << type << " has " << count
                             << " elements, which is not a power of two";
  return success();
}

LogicalResult mlir::triton::OpTrait::impl::verifyTensorSize(Operation *op) {
  for (Type type : op->getOperandTypes())
    if (failed(checkTensorSize(op, type)))
      return failure();
  for (Type type : op->getResultTypes())
    if (failed(checkTensorSize(op, type)))
      return failure();
  return success();
}

static LogicalResult checkSameEncoding(Operation *op, TypeRange types,
                                       StringRef what) {
  Attribute first;
  for (Type type : types) {
    auto tensor = dyn_cast<RankedTensorType>(type);
    if (!tensor || !tensor.getEncoding())
      continue;
    if (!first)
      first = tensor.getEncoding();
    else if (tensor.getEncoding() != first)
      return op->emitOpError() << what << " must have the same encoding, got "
                               << first << " and " << tensor.getEncoding();
  }
  return success();
}

LogicalResult
mlir::triton::OpTrait::impl::verifySameOperandsEncoding(Operation *op) {
  return checkSameEncoding(op, op->getOperandTypes(), "tensor operands");
}

LogicalResult mlir::triton::OpTrait::impl::verifySameOperandsAndResultEncoding(
    Operation *op) {
  SmallVector<Type> types(op->getOperandTypes());
  llvm::append_range(types, op->getResultTypes());
  return checkSameEncoding(op, types, "tensor operands and results");
}

//===----------------------------------------------------------------------===//
// Casts
//===----------------------------------------------------------------------===//

LogicalResult BitcastOp::verify() {
  Type from = getElementTypeOrSelf(getSrc().getType());
  Type to = getElementTypeOrSelf(getType());
  auto fromPtr = dyn_cast<PointerType>(from);
  auto toPtr = dyn_cast<PointerType>(to);
  if (fromPtr || toPtr) {
    if (!fromPtr || !toPtr)
      return emitOpError() << "cannot cast between a pointer and a "
                              "non-pointer ("
                           << from << " to " << to
                           << "); use tt.ptr_to_int or tt.int_to_ptr";
    if (fromPtr.getAddressSpace() != toPtr.getAddressSpace())
      return emitOpError() << "cannot move a pointer from address space "
                           << fromPtr.getAddressSpace() << " to "
                           << toPtr.getAddressSpace();
    return success();
  }
  unsigned fromBits = from.getIntOrFloatBitWidth();
  unsigned toBits = to.getIntOrFloatBitWidth();
  if (fromBits != toBits)
    return emitOpError() << "must keep the bit width, but " << from << " has "
                         << fromBits << " bits and " << to << " has " << toBits;
  return success();
}

LogicalResult FpToFpOp::verify() {
  Type from = getElementTypeOrSelf(getSrc().getType());
  Type to = getElementTypeOrSelf(getType());
  if (to.getIntOrFloatBitWidth() < from.getIntOrFloatBitWidth() &&
      !getRounding())
    return emitOpError() << "narrowing conversion from " << from << " to " << to
                         << " needs a rounding mode (rtne or rtz)";
  return success();
}

//===----------------------------------------------------------------------===//
// Loads and stores
//===----------------------------------------------------------------------===//

void LoadOp::build(OpBuilder &builder, OperationState &state, Value ptr,
                   bool isVolatile) {
  build(builder, state, ptr, /*mask=*/Value(), /*other=*/Value(), isVolatile);
}

void LoadOp::build(OpBuilder &builder, OperationState &state, Value ptr,
                   Value mask, bool isVolatile) {
  build(builder, state, ptr, mask, /*other=*/Value(), isVolatile);
}

void LoadOp::build(OpBuilder &builder, OperationState &state, Value ptr,
                   Value mask, Value other, bool isVolatile) {
  build(builder, state, getPointeeType(ptr.getType()), ptr, mask, other,
        /*cachePolicy=*/Attribute(), isVolatile);
}

LogicalResult LoadOp::inferReturnTypes(MLIRContext *context,
                                       std::optional<Location> location,
                                       LoadOp::Adaptor adaptor,
                                       SmallVectorImpl<Type> &inferred) {
  inferred.push_back(getPointeeType(adaptor.getPtr().getType()));
  return success();
}

LogicalResult LoadOp::verify() {
  if (getOther() && !getMask())
    return emitOpError() << "'other' is only meaningful with a mask";
  return success();
}

void LoadOp::getEffects(
    SmallVectorImpl<SideEffects::EffectInstance<MemoryEffects::Effect>>
        &effects) {
  effects.emplace_back(MemoryEffects::Read::get(), &getPtrMutable(),
                       GlobalMemory::get());
  // A volatile load must stay where it is, and stay at all.
  if (getIsVolatile())
    effects.emplace_back(MemoryEffects::Write::get(), GlobalMemory::get());
}

template <typename OpTy> static CacheModifier cacheOf(OpTy op) {
  if (auto policy = dyn_cast_or_null<CachePolicyAttr>(op.getCachePolicyAttr()))
    return policy.getCacheModifier();
  return CacheModifier::NONE;
}

template <typename OpTy> static EvictionPolicy evictOf(OpTy op) {
  if (auto policy = dyn_cast_or_null<CachePolicyAttr>(op.getCachePolicyAttr()))
    return policy.getEvictionPolicy();
  return EvictionPolicy::NORMAL;
}

CacheModifier LoadOp::getCache() { return cacheOf(*this); }
EvictionPolicy LoadOp::getEvict() { return evictOf(*this); }
CacheModifier StoreOp::getCache() { return cacheOf(*this); }
EvictionPolicy StoreOp::getEvict() { return evictOf(*this); }

void StoreOp::build(OpBuilder &builder, OperationState &state, Value ptr,
                    Value value) {
  build(builder, state, ptr, value, /*mask=*/Value());
}

void StoreOp::build(OpBuilder &builder, OperationState &state, Value ptr,
                    Value value, Value mask) {
  build(builder, state, ptr, value, mask, /*cachePolicy=*/Attribute(),
        /*ignore_cta=*/false);
}

//===----------------------------------------------------------------------===//
// Atomics
//===----------------------------------------------------------------------===//

/// Shared checks of the atomic ops: `value` (if given) and the result (if
/// any) have the pointee type, `mask` (if given) its shape with i1 elements.
static LogicalResult verifyAtomic(Operation *op, Value ptr, Value value,
                                  Value mask, Type resultType,
                                  StringRef valueName) {
  Type pointee = getPointeeType(ptr.getType());
  if (value && failed(expectType(op, valueName, value.getType(), pointee)))
    return failure();
  if (mask &&
      failed(expectType(op, "mask", mask.getType(), getI1SameShape(pointee))))
    return failure();
  if (resultType && failed(expectType(op, "result", resultType, pointee)))
    return failure();
  return success();
}

LogicalResult AtomicRMWOp::verify() {
  return verifyAtomic(*this, getPtr(), getVal(), getMask(), getType(), "val");
}

LogicalResult AtomicCASOp::verify() {
  if (failed(
          verifyAtomic(*this, getPtr(), getCmp(), Value(), getType(), "cmp")))
    return failure();
  return verifyAtomic(*this, getPtr(), getVal(), Value(), Type(), "val");
}

static LogicalResult verifyLoadSemantic(Operation *op, MemSemantic sem) {
  if (sem == MemSemantic::ACQUIRE || sem == MemSemantic::RELAXED)
    return success();
  return op->emitOpError() << "semantic must be acquire or relaxed, got "
                           << stringifyMemSemantic(sem);
}

LogicalResult AtomicLoadOp::verify() {
  if (failed(verifyLoadSemantic(*this, getSem())))
    return failure();
  return verifyAtomic(*this, getPtr(), Value(), getMask(), Type(), "");
}

LogicalResult AtomicLoadOp::inferReturnTypes(MLIRContext *context,
                                             std::optional<Location> location,
                                             AtomicLoadOp::Adaptor adaptor,
                                             SmallVectorImpl<Type> &inferred) {
  inferred.push_back(getPointeeType(adaptor.getPtr().getType()));
  return success();
}

LogicalResult AtomicStoreOp::verify() {
  MemSemantic sem = getSem();
  if (sem != MemSemantic::RELEASE && sem != MemSemantic::RELAXED)
    return emitOpError() << "semantic must be release or relaxed, got "
                         << stringifyMemSemantic(sem);
  return success();
}

LogicalResult AtomicPollOp::verify() {
  if (failed(verifyLoadSemantic(*this, getSem())))
    return failure();
  return verifyAtomic(*this, getPtr(), getExpected(), Value(), Type(),
                      "expected");
}

LogicalResult AtomicPollOp::inferReturnTypes(MLIRContext *context,
                                             std::optional<Location> location,
                                             AtomicPollOp::Adaptor adaptor,
                                             SmallVectorImpl<Type> &inferred) {
  inferred.push_back(getI1SameShape(adaptor.getExpected().getType()));
  return success();
}

//===----------------------------------------------------------------------===//
// Shape manipulation
//===----------------------------------------------------------------------===//

LogicalResult SplatOp::verify() {
  if (auto tensor = dyn_cast<RankedTensorType>(getSrc().getType());
      tensor && tensor.getNumElements() != 1)
    return emitOpError() << "source must be a scalar or a one-element tensor, "
                            "got "
                         << tensor;
  return success();
}

LogicalResult UnsplatOp::verify() {
  if (getSrc().getType().getNumElements() != 1)
    return emitOpError() << "source must have exactly one element, got "
                         << getSrc().getType();
  return success();
}

LogicalResult UnsplatOp::inferReturnTypes(MLIRContext *context,
                                          std::optional<Location> location,
                                          UnsplatOp::Adaptor adaptor,
                                          SmallVectorImpl<Type> &inferred) {
  inferred.push_back(getElementTypeOrSelf(adaptor.getSrc().getType()));
  return success();
}

LogicalResult ExpandDimsOp::inferReturnTypes(MLIRContext *context,
                                             std::optional<Location> location,
                                             ExpandDimsOp::Adaptor adaptor,
                                             SmallVectorImpl<Type> &inferred) {
  auto src = dyn_cast<RankedTensorType>(adaptor.getSrc().getType());
  if (!src)
    return failure();
  int64_t axis = adaptor.getAxis();
  if (axis > src.getRank())
    return emitOptionalError(location, "'tt.expand_dims' axis ", axis,
                             " is out of range for a rank-", src.getRank(),
                             " source (expected 0 to ", src.getRank(), ")");
  SmallVector<int64_t> shape(src.getShape());
  shape.insert(shape.begin() + axis, 1);
  inferred.push_back(src.clone(shape));
  return success();
}

LogicalResult ReshapeOp::verify() {
  int64_t from = getSrc().getType().getNumElements();
  int64_t to = getType().getNumElements();
  if (from != to)
    return emitOpError() << "must keep the number of elements, but "
                         << getSrc().getType() << " has " << from << " and "
                         << getType() << " has " << to;
  return success();
}

std::optional<unsigned> ReshapeOp::getExpandDimsAxis() {
  ArrayRef<int64_t> from = getSrc().getType().getShape();
  ArrayRef<int64_t> to = getType().getShape();
  if (to.size() != from.size() + 1)
    return std::nullopt;
  for (unsigned axis = 0; axis < to.size(); ++axis)
    if (to[axis] == 1 && to.take_front(axis) == from.take_front(axis) &&
        to.drop_front(axis + 1) == from.drop_front(axis))
      return axis;
  return std::nullopt;
}

LogicalResult BroadcastOp::verify() {
  ArrayRef<int64_t> from = getSrc().getType().getShape();
  ArrayRef<int64_t> to = getType().getShape();
  if (from.size() != to.size())
    return emitOpError() << "must keep the rank, but broadcasts "
                         << formatShape(from) << " to " << formatShape(to);
  for (auto [dim, pair] : llvm::enumerate(llvm::zip_equal(from, to))) {
    auto [src, dst] = pair;
    if (src != 1 && src != dst)
      return emitOpError() << "can only grow dimensions of size 1, but "
                              "dimension "
                           << dim << " goes from " << src << " to " << dst;
  }
  return success();
}

LogicalResult CatOp::verify() {
  int64_t expected = 2 * getLhs().getType().getNumElements();
  int64_t actual = getType().getNumElements();
  if (actual != expected)
    return emitOpError() << "result must have the " << expected
                         << " elements of both operands, got " << actual;
  return success();
}

LogicalResult JoinOp::verify() {
  RankedTensorType src = getLhs().getType();
  SmallVector<int64_t> expected(src.getShape());
  expected.push_back(2);
  if (getType().getShape() != ArrayRef<int64_t>(expected))
    return emitOpError() << "result shape must be " << formatShape(expected)
                         << " (the operand shape and a last dimension of 2), "
                            "got "
                         << formatShape(getType().getShape());
  if (getType().getElementType() != src.getElementType())
    return emitOpError() << "result element type must be "
                         << src.getElementType() << ", got "
                         << getType().getElementType();
  return success();
}

LogicalResult SplitOp::inferReturnTypes(MLIRContext *context,
                                        std::optional<Location> location,
                                        SplitOp::Adaptor adaptor,
                                        SmallVectorImpl<Type> &inferred) {
  auto src = dyn_cast<RankedTensorType>(adaptor.getSrc().getType());
  if (!src)
    return failure();
  if (src.getRank() == 0 || src.getShape().back() != 2)
    return emitOptionalError(location,
                             "'tt.split' needs a source whose last "
                             "dimension is 2, got ",
                             src);
  Type half = src.clone(src.getShape().drop_back());
  inferred.append({half, half});
  return success();
}

void SplitOp::getAsmResultNames(OpAsmSetValueNameFn setNameFn) {
  setNameFn(getOutLHS(), "outLHS");
  setNameFn(getOutRHS(), "outRHS");
}

LogicalResult TransOp::inferReturnTypes(MLIRContext *context,
                                        std::optional<Location> location,
                                        TransOp::Adaptor adaptor,
                                        SmallVectorImpl<Type> &inferred) {
  auto src = dyn_cast<RankedTensorType>(adaptor.getSrc().getType());
  if (!src)
    return failure();
  ArrayRef<int32_t> order = adaptor.getOrder();
  int64_t rank = src.getRank();
  if (static_cast<int64_t>(order.size()) != rank)
    return emitOptionalError(location, "'tt.trans' order has ", order.size(),
                             " entries but the source has rank ", rank);
  llvm::SmallBitVector seen(rank);
  for (int32_t dim : order) {
    if (dim < 0 || dim >= rank || seen.test(dim))
      return emitOptionalError(location,
                               "'tt.trans' order must be a permutation of "
                               "0..",
                               rank - 1);
    seen.set(dim);
  }
  SmallVector<int64_t> shape;
  for (int32_t dim : order)
    shape.push_back(src.getDimSize(dim));
  inferred.push_back(src.clone(shape));
  return success();
}

//===----------------------------------------------------------------------===//
// Matrix products
//===----------------------------------------------------------------------===//

LogicalResult DotOp::inferReturnTypes(MLIRContext *context,
                                      std::optional<Location> location,
                                      DotOp::Adaptor adaptor,
                                      SmallVectorImpl<Type> &inferred) {
  inferred.push_back(adaptor.getC().getType());
  return success();
}

/// Ranks and batch dimension of a dot-like op: a, b and c are all 2-D, or
/// all 3-D with the same leading (batch) size.
static LogicalResult verifyDotRanks(Operation *op, RankedTensorType a,
                                    RankedTensorType b, RankedTensorType c) {
  int64_t rank = a.getRank();
  if ((rank != 2 && rank != 3) || b.getRank() != rank || c.getRank() != rank)
    return op->emitOpError()
           << "operands must all be 2-D, or all 3-D with a "
              "leading batch dimension, got "
           << formatShape(a.getShape()) << ", " << formatShape(b.getShape())
           << " and " << formatShape(c.getShape());
  if (rank == 3 && (a.getDimSize(0) != c.getDimSize(0) ||
                    b.getDimSize(0) != c.getDimSize(0)))
    return op->emitOpError()
           << "batch sizes differ: " << a.getDimSize(0) << ", "
           << b.getDimSize(0) << " and " << c.getDimSize(0);
  return success();
}

LogicalResult DotOp::verify() {
  RankedTensorType a = getA().getType(), b = getB().getType(),
                   c = getC().getType();
  if (failed(verifyDotRanks(*this, a, b, c)))
    return failure();
  int64_t rank = a.getRank();
  int64_t m = a.getDimSize(rank - 2), k = a.getDimSize(rank - 1);
  int64_t kb = b.getDimSize(rank - 2), n = b.getDimSize(rank - 1);
  if (k != kb)
    return emitOpError() << "inner dimensions differ: a is "
                         << formatShape(a.getShape()) << " and b is "
                         << formatShape(b.getShape());
  if (c.getDimSize(rank - 2) != m || c.getDimSize(rank - 1) != n)
    return emitOpError() << "accumulator must be " << m << "x" << n
                         << " (rows of a by columns of b), got "
                         << formatShape(c.getShape());
  unsigned aBits = a.getElementType().getIntOrFloatBitWidth();
  unsigned bBits = b.getElementType().getIntOrFloatBitWidth();
  if (aBits != bBits)
    return emitOpError() << "a and b elements must have the same bit width, "
                            "got "
                         << a.getElementType() << " and " << b.getElementType();
  return success();
}

LogicalResult DotScaledOp::verify() {
  auto a = cast<RankedTensorType>(getA().getType());
  auto b = cast<RankedTensorType>(getB().getType());
  RankedTensorType c = getC().getType();
  if (failed(verifyDotRanks(*this, a, b, c)))
    return failure();
  int64_t rank = a.getRank();
  // fp4 operands hold two values per i8, along K or (k_pack = false) along
  // M or N.
  bool aFp4 = getAElemType() == ScaleDotElemType::E2M1;
  bool bFp4 = getBElemType() == ScaleDotElemType::E2M1;
  int64_t m = a.getDimSize(rank - 2) * (aFp4 && !getLhsKPack() ? 2 : 1);
  int64_t k = a.getDimSize(rank - 1) * (aFp4 && getLhsKPack() ? 2 : 1);
  int64_t kb = b.getDimSize(rank - 2) * (bFp4 && getRhsKPack() ? 2 : 1);
  int64_t n = b.getDimSize(rank - 1) * (bFp4 && !getRhsKPack() ? 2 : 1);
  if (k != kb)
    return emitOpError() << "inner dimensions differ: a holds K = " << k
                         << " values and b holds K = " << kb;
  if (c.getDimSize(rank - 2) != m || c.getDimSize(rank - 1) != n)
    return emitOpError() << "accumulator must be " << m << "x" << n << ", got "
                         << formatShape(c.getShape());

  // Each scale tensor is [batch x] rows x (K / group), group 16 or 32; both
  // scales use the same group.
  int64_t group = 0;
  auto checkScale = [&](Value scale, int64_t rows,
                        StringRef name) -> LogicalResult {
    if (!scale)
      return success();
    auto type = cast<RankedTensorType>(scale.getType());
    if (type.getRank() != rank)
      return emitOpError() << name << " must have rank " << rank << ", got "
                           << type;
    if (type.getDimSize(rank - 2) != rows)
      return emitOpError() << name << " must have " << rows << " rows, got "
                           << type;
    int64_t perRow = type.getDimSize(rank - 1);
    if (perRow == 0 || k % perRow != 0 ||
        (k / perRow != 16 && k / perRow != 32))
      return emitOpError() << name
                           << " must hold one scale per 16 or 32 "
                              "values of K = "
                           << k << ", got " << perRow << " per row";
    if (group && group != k / perRow)
      return emitOpError() << "a_scale and b_scale use different group sizes ("
                           << group << " and " << k / perRow << ")";
    group = k / perRow;
    return success();
  };
  if (failed(checkScale(getAScale(), m, "a_scale")) ||
      failed(checkScale(getBScale(), n, "b_scale")))
    return failure();
  return success();
}

//===----------------------------------------------------------------------===//
// Reduce and scan
//===----------------------------------------------------------------------===//

static SmallVector<RankedTensorType> tensorTypesOf(ValueRange values) {
  SmallVector<RankedTensorType> types;
  for (Value value : values)
    types.push_back(cast<RankedTensorType>(value.getType()));
  return types;
}

static SmallVector<Type> elementTypesOf(ValueRange values) {
  SmallVector<Type> types;
  for (Value value : values)
    types.push_back(getElementTypeOrSelf(value.getType()));
  return types;
}

/// The axis must name a dimension of every (equally ranked) operand.
static LogicalResult checkAxis(std::optional<Location> location,
                               StringRef opName, ValueRange operands,
                               int64_t axis) {
  for (Value operand : operands) {
    auto type = dyn_cast<RankedTensorType>(operand.getType());
    if (!type)
      return failure();
    if (axis < 0 || axis >= type.getRank())
      return emitOptionalError(location, "'", opName, "' axis ", axis,
                               " is out of range for operand type ", type);
  }
  return success();
}

/// `type` without dimension `axis`; a scalar when that was the only one.
static Type reducedType(RankedTensorType type, int64_t axis) {
  if (type.getRank() == 1)
    return type.getElementType();
  SmallVector<int64_t> shape(type.getShape());
  shape.erase(shape.begin() + axis);
  return type.clone(shape);
}

LogicalResult ReduceOp::inferReturnTypes(MLIRContext *context,
                                         std::optional<Location> location,
                                         ReduceOp::Adaptor adaptor,
                                         SmallVectorImpl<Type> &inferred) {
  int64_t axis = adaptor.getAxis();
  if (failed(checkAxis(location, "tt.reduce", adaptor.getSrcs(), axis)))
    return failure();
  for (Value operand : adaptor.getSrcs())
    inferred.push_back(
        reducedType(cast<RankedTensorType>(operand.getType()), axis));
  return success();
}

void ReduceOp::build(OpBuilder &builder, OperationState &state, ValueRange srcs,
                     int axis) {
  SmallVector<Type> types;
  for (Value src : srcs)
    types.push_back(reducedType(cast<RankedTensorType>(src.getType()), axis));
  build(builder, state, types, srcs, axis);
}

SmallVector<RankedTensorType> ReduceOp::getInputTypes() {
  return tensorTypesOf(getSrcs());
}

SmallVector<Type> ReduceOp::getElementTypes() {
  return elementTypesOf(getSrcs());
}

Operation *ReduceOp::getSingleCombiner() {
  if (getSrcs().size() != 1 || getNumResults() != 1)
    return nullptr;
  Block &body = getCombineOp().front();
  Operation *ret = body.getTerminator();
  Operation *combiner = ret->getOperand(0).getDefiningOp();
  if (!combiner || combiner->getBlock() != &body ||
      combiner->getNumOperands() != 2 || combiner->getNumResults() != 1 ||
      combiner->getOperand(0) != body.getArgument(0) ||
      combiner->getOperand(1) != body.getArgument(1))
    return nullptr;
  return combiner;
}

/// The combining region takes 2N scalars (the element types of the N
/// operands, twice) and returns N of them through `ReturnTy`.
template <typename ReturnTy, typename OpTy>
static LogicalResult verifyCombineRegion(OpTy op) {
  SmallVector<Type> elements = op.getElementTypes();
  size_t count = elements.size();
  Block &body = op.getCombineOp().front();
  if (body.getNumArguments() != 2 * count)
    return op.emitOpError()
           << "combine region must take " << 2 * count
           << " arguments (two per operand), got " << body.getNumArguments();
  for (auto [index, arg] : llvm::enumerate(body.getArguments()))
    if (arg.getType() != elements[index % count])
      return op.emitOpError()
             << "combine region argument #" << index << " must be "
             << elements[index % count] << ", got " << arg.getType();
  auto ret = dyn_cast<ReturnTy>(body.getTerminator());
  if (!ret)
    return op.emitOpError()
           << "combine region must end with " << ReturnTy::getOperationName();
  if (ret->getNumOperands() != count)
    return op.emitOpError() << "combine region must return " << count
                            << " values, got " << ret->getNumOperands();
  for (auto [index, value] : llvm::enumerate(ret->getOperands()))
    if (value.getType() != elements[index])
      return op.emitOpError()
             << "combine region result #" << index << " must be "
             << elements[index] << ", got " << value.getType();
  return success();
}

LogicalResult ReduceOp::verifyRegions() {
  return verifyCombineRegion<ReduceReturnOp>(*this);
}

LogicalResult ScanOp::inferReturnTypes(MLIRContext *context,
                                       std::optional<Location> location,
                                       ScanOp::Adaptor adaptor,
                                       SmallVectorImpl<Type> &inferred) {
  if (failed(
          checkAxis(location, "tt.scan", adaptor.getSrcs(), adaptor.getAxis())))
    return failure();
  llvm::append_range(inferred, adaptor.getSrcs().getTypes());
  return success();
}

void ScanOp::build(OpBuilder &builder, OperationState &state, ValueRange srcs,
                   int axis, bool reverse) {
  build(builder, state, srcs.getTypes(), srcs, axis, reverse);
}

SmallVector<RankedTensorType> ScanOp::getInputTypes() {
  return tensorTypesOf(getSrcs());
}

SmallVector<Type> ScanOp::getElementTypes() {
  return elementTypesOf(getSrcs());
}

LogicalResult ScanOp::verifyRegions() {
  return verifyCombineRegion<ScanReturnOp>(*this);
}

//===----------------------------------------------------------------------===//
// map_elementwise
//===----------------------------------------------------------------------===//

/// [a, b] with pack 2 -> [a, a, b, b].
static SmallVector<Type> repeatEach(ArrayRef<Type> types, int64_t times) {
  SmallVector<Type> repeated;
  for (Type type : types)
    repeated.append(times, type);
  return repeated;
}

LogicalResult MapElementwiseOp::verify() {
  int64_t pack = getPack();
  if (pack < 1 || !llvm::isPowerOf2_64(pack))
    return emitOpError() << "pack must be a positive power of two, got "
                         << pack;
  // Each body call takes `pack` consecutive elements: no more than a
  // tensor holds (the body then has `pack` arguments per operand).
  for (Type type : getSrcs().getTypes())
    if (auto shaped = dyn_cast<ShapedType>(type);
        shaped && shaped.hasStaticShape() && shaped.getNumElements() < pack)
      return emitOpError() << "pack = " << pack << " exceeds the "
                           << shaped.getNumElements()
                           << " elements of an operand";
  return success();
}

LogicalResult MapElementwiseOp::verifyRegions() {
  Region &region = getScalarOp();
  if (region.empty())
    return emitOpError() << "needs a body";
  int64_t pack = getPack();
  SmallVector<Type> argTypes = repeatEach(elementTypesOf(getSrcs()), pack);
  Block &entry = region.front();
  if (entry.getArgumentTypes() != ArrayRef<Type>(argTypes)) {
    std::string expected;
    llvm::raw_string_ostream os(expected);
    llvm::interleaveComma(argTypes, os);
    return emitOpError() << "body must take (" << expected
                         << "): pack = " << pack << " elements of each operand";
  }
  SmallVector<Type> retTypes = repeatEach(elementTypesOf(getResult()), pack);
  WalkResult walk = region.walk([&](Operation *op) -> WalkResult {
    if (auto ret = dyn_cast<MapElementwiseReturnOp>(op);
        ret && ret.getOperandTypes() != TypeRange(retTypes)) {
      ret.emitOpError() << "must return " << retTypes.size()
                        << " values: pack = " << pack
                        << " elements of each result";
      return WalkResult::interrupt();
    }
    auto effects = dyn_cast<MemoryEffectOpInterface>(op);
    if (effects && effects.hasEffect<MemoryEffects::Write>()) {
      op->emitOpError() << "writes memory, which tt.map_elementwise bodies "
                           "may not do";
      return WalkResult::interrupt();
    }
    return WalkResult::advance();
  });
  return failure(walk.wasInterrupted());
}

//===----------------------------------------------------------------------===//
// External code
//===----------------------------------------------------------------------===//

template <typename OpTy>
static void impureEffects(
    OpTy op, SmallVectorImpl<SideEffects::EffectInstance<MemoryEffects::Effect>>
                 &effects) {
  if (op.getPure())
    return;
  effects.emplace_back(MemoryEffects::Read::get());
  effects.emplace_back(MemoryEffects::Write::get());
}

void ExternElementwiseOp::getEffects(
    SmallVectorImpl<SideEffects::EffectInstance<MemoryEffects::Effect>>
        &effects) {
  impureEffects(*this, effects);
}

Speculation::Speculatability ExternElementwiseOp::getSpeculatability() {
  return getPure() ? Speculation::Speculatable : Speculation::NotSpeculatable;
}

void ElementwiseInlineAsmOp::getEffects(
    SmallVectorImpl<SideEffects::EffectInstance<MemoryEffects::Effect>>
        &effects) {
  impureEffects(*this, effects);
}

Speculation::Speculatability ElementwiseInlineAsmOp::getSpeculatability() {
  return getPure() ? Speculation::Speculatable : Speculation::NotSpeculatable;
}

LogicalResult ElementwiseInlineAsmOp::verify() {
  int64_t packed = getPackedElement();
  if (packed < 1)
    return emitOpError() << "packed_element must be positive, got " << packed;
  // Scalars are one call; tensors split into groups of packed_element.
  auto tensor = getArgs().empty()
                    ? RankedTensorType()
                    : dyn_cast<RankedTensorType>(getArgs().front().getType());
  if (!tensor)
    return success();
  int64_t count = tensor.getNumElements();
  if (count % packed != 0)
    return emitOpError() << "operands have " << count
                         << " elements, not a multiple of packed_element = "
                         << packed;
  return success();
}

//===----------------------------------------------------------------------===//
// Other tensor ops
//===----------------------------------------------------------------------===//

LogicalResult MakeRangeOp::verify() {
  int64_t start = getStartAttr().getInt();
  int64_t end = getEndAttr().getInt();
  if (start >= end)
    return emitOpError() << "start (" << start << ") must be less than end ("
                         << end << ")";
  auto type = cast<RankedTensorType>(getType());
  if (type.getRank() != 1)
    return emitOpError() << "result must be 1-D, got " << type;
  if (!type.getElementType().isInteger(32))
    return emitOpError() << "result elements must be i32, got "
                         << type.getElementType();
  if (type.getDimSize(0) != end - start)
    return emitOpError() << "result must have end - start = " << end - start
                         << " elements, got " << type.getDimSize(0);
  return success();
}

LogicalResult HistogramOp::verify() {
  auto result = cast<RankedTensorType>(getType());
  if (result.getRank() != 1)
    return emitOpError() << "result must be 1-D (one count per bin), got "
                         << result;
  return success();
}

LogicalResult GatherOp::inferReturnTypes(MLIRContext *context,
                                         std::optional<Location> location,
                                         GatherOp::Adaptor adaptor,
                                         SmallVectorImpl<Type> &inferred) {
  auto src = dyn_cast<RankedTensorType>(adaptor.getSrc().getType());
  auto indices = dyn_cast<RankedTensorType>(adaptor.getIndices().getType());
  if (!src || !indices)
    return failure();
  inferred.push_back(indices.clone(src.getElementType()));
  return success();
}

LogicalResult GatherOp::verify() {
  RankedTensorType src = getSrc().getType();
  auto indices = cast<RankedTensorType>(getIndices().getType());
  int64_t rank = src.getRank();
  if (indices.getRank() != rank)
    return emitOpError() << "indices must have the source rank " << rank
                         << ", got " << indices;
  int64_t axis = getAxis();
  if (axis >= rank)
    return emitOpError() << "axis " << axis << " is out of range for a rank-"
                         << rank << " source";
  for (int64_t dim = 0; dim < rank; ++dim)
    if (dim != axis && indices.getDimSize(dim) != src.getDimSize(dim))
      return emitOpError() << "indices dimension " << dim << " ("
                           << indices.getDimSize(dim)
                           << ") must match the source (" << src.getDimSize(dim)
                           << "); only the gather axis may differ";
  return success();
}

LogicalResult PrintOp::verify() {
  if (getIsSigned().size() != getArgs().size())
    return emitOpError() << "isSigned needs one entry per printed value ("
                         << getArgs().size() << "), got "
                         << getIsSigned().size();
  return success();
}

//===----------------------------------------------------------------------===//
// Tensor descriptors
//===----------------------------------------------------------------------===//

LogicalResult MakeTensorDescOp::verify() {
  TensorDescType desc = getType();
  size_t rank = desc.getShape().size();
  if (getShape().size() != rank)
    return emitOpError() << "needs " << rank << " sizes and strides for a rank-"
                         << rank << " block, got " << getShape().size();
  Type pointee = getBase().getType().getPointeeType();
  if (signless(pointee) != signless(desc.getElementType()))
    return emitOpError() << "base points to " << pointee
                         << " but the descriptor holds "
                         << desc.getElementType();
  return success();
}

/// A block access moves desc's block: same element type (up to signedness),
/// same number of elements, one offset per block dimension.
static LogicalResult verifyBlockAccess(Operation *op, TensorDescType desc,
                                       Type tensorType, size_t numIndices,
                                       StringRef what) {
  RankedTensorType block = desc.getSignlessBlockType();
  auto tensor = cast<RankedTensorType>(tensorType);
  if (tensor.getElementType() != block.getElementType())
    return op->emitOpError()
           << what << " element type must be " << block.getElementType()
           << " to match the descriptor, got " << tensor.getElementType();
  if (tensor.getNumElements() != block.getNumElements())
    return op->emitOpError()
           << what << " must have the " << block.getNumElements()
           << " elements of the descriptor block, got " << tensor;
  if (numIndices != static_cast<size_t>(block.getRank()))
    return op->emitOpError()
           << "needs " << block.getRank()
           << " offsets (one per block dimension), got " << numIndices;
  return success();
}

LogicalResult DescriptorLoadOp::verify() {
  return verifyBlockAccess(*this, getDesc().getType(), getType(),
                           getIndices().size(), "result");
}

LogicalResult DescriptorStoreOp::verify() {
  return verifyBlockAccess(*this, getDesc().getType(), getSrc().getType(),
                           getIndices().size(), "stored tensor");
}

LogicalResult DescriptorReduceOp::verify() {
  return verifyBlockAccess(*this, getDesc().getType(), getSrc().getType(),
                           getIndices().size(), "stored tensor");
}

/// Row gathers and scatters: a one-row 2-D block, 1-D row offsets, and a 2-D
/// tile with one row per offset and the block's columns.
static LogicalResult verifyRowAccess(Operation *op, TensorDescType desc,
                                     Value xOffsets, Type tileType) {
  RankedTensorType block = desc.getSignlessBlockType();
  if (block.getRank() != 2 || block.getDimSize(0) != 1)
    return op->emitOpError() << "descriptor block must be one row (1xN), got "
                             << formatShape(block.getShape());
  auto rows = cast<RankedTensorType>(xOffsets.getType());
  if (rows.getRank() != 1)
    return op->emitOpError() << "x_offsets must be 1-D, got " << rows;
  auto tile = cast<RankedTensorType>(tileType);
  if (tile.getRank() != 2 || tile.getDimSize(0) != rows.getDimSize(0) ||
      tile.getDimSize(1) != block.getDimSize(1))
    return op->emitOpError() << "tile must be " << rows.getDimSize(0) << "x"
                             << block.getDimSize(1)
                             << " (one row per offset, the block's columns), "
                                "got "
                             << tile;
  if (tile.getElementType() != block.getElementType())
    return op->emitOpError()
           << "tile element type must be " << block.getElementType()
           << " to match the descriptor, got " << tile.getElementType();
  return success();
}

LogicalResult DescriptorGatherOp::verify() {
  return verifyRowAccess(*this, getDesc().getType(), getXOffsets(), getType());
}

LogicalResult DescriptorScatterOp::verify() {
  return verifyRowAccess(*this, getDesc().getType(), getXOffsets(),
                         getSrc().getType());
}

//===----------------------------------------------------------------------===//
// Functions
//===----------------------------------------------------------------------===//

LogicalResult CallOp::verifySymbolUses(SymbolTableCollection &symbolTable) {
  FlatSymbolRefAttr callee = getCalleeAttr();
  auto fn = symbolTable.lookupNearestSymbolFrom<FuncOp>(*this, callee);
  if (!fn)
    return emitOpError() << "callee " << callee << " is not a tt.func";
  FunctionType type = fn.getFunctionType();
  if (TypeRange(type.getInputs()) != getOperandTypes())
    return emitOpError() << "operand types do not match " << callee
                         << ", which takes (" << type.getInputs() << ")";
  if (TypeRange(type.getResults()) != getResultTypes())
    return emitOpError() << "result types do not match " << callee
                         << ", which returns (" << type.getResults() << ")";
  return success();
}

void FuncOp::build(OpBuilder &builder, OperationState &state, StringRef name,
                   FunctionType type, ArrayRef<NamedAttribute> attrs,
                   ArrayRef<DictionaryAttr> argAttrs) {
  state.addAttribute(SymbolTable::getSymbolAttrName(),
                     builder.getStringAttr(name));
  state.addAttribute(getFunctionTypeAttrName(state.name), TypeAttr::get(type));
  state.attributes.append(attrs.begin(), attrs.end());
  state.addRegion();
  if (argAttrs.empty())
    return;
  assert(type.getNumInputs() == argAttrs.size());
  call_interface_impl::addArgAndResultAttrs(
      builder, state, argAttrs, /*resultAttrs=*/{},
      getArgAttrsAttrName(state.name), getResAttrsAttrName(state.name));
}

ParseResult FuncOp::parse(OpAsmParser &parser, OperationState &result) {
  auto makeType = [](Builder &builder, ArrayRef<Type> inputs,
                     ArrayRef<Type> results,
                     function_interface_impl::VariadicFlag, std::string &) {
    return builder.getFunctionType(inputs, results);
  };
  return function_interface_impl::parseFunctionOp(
      parser, result, /*allowVariadic=*/false,
      getFunctionTypeAttrName(result.name), makeType,
      getArgAttrsAttrName(result.name), getResAttrsAttrName(result.name));
}

void FuncOp::print(OpAsmPrinter &printer) {
  function_interface_impl::printFunctionOp(
      printer, *this, /*isVariadic=*/false, getFunctionTypeAttrName(),
      getArgAttrsAttrName(), getResAttrsAttrName());
}

LogicalResult ReturnOp::verify() {
  auto fn = cast<FuncOp>((*this)->getParentOp());
  ArrayRef<Type> results = fn.getFunctionType().getResults();
  if (getSrcs().size() != results.size())
    return emitOpError() << "returns " << getSrcs().size() << " values but @"
                         << fn.getName() << " returns " << results.size();
  for (auto [index, pair] :
       llvm::enumerate(llvm::zip_equal(getSrcs().getTypes(), results))) {
    auto [actual, expected] = pair;
    if (actual != expected)
      return emitOpError() << "value #" << index << " has type " << actual
                           << " but @" << fn.getName() << " returns "
                           << expected;
  }
  return success();
}

#include "spine/Dialect/SpeIR/IR/ContractionTypes.h"
#include "spine/Dialect/SpeIR/IR/SpeIR.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/IR/TypeUtilities.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringSwitch.h"

using namespace mlir;
using namespace mlir::speir;

//===- ParallelOp ---------------------------------------------------------===//

void ParallelOp::build(OpBuilder &builder, OperationState &result,
                       ValueRange upperBounds) {
  result.addOperands(upperBounds);
  Region *body = result.addRegion();
  Block *block = new Block();
  body->push_back(block);
  for (Value ub : upperBounds)
    block->addArgument(builder.getIndexType(), ub.getLoc());
  OpBuilder::InsertionGuard guard(builder);
  builder.setInsertionPointToEnd(block);
  YieldOp::create(builder, result.location);
}

ParseResult ParallelOp::parse(OpAsmParser &parser, OperationState &result) {
  SmallVector<OpAsmParser::Argument> ivs;
  SmallVector<OpAsmParser::UnresolvedOperand> upperBounds;
  Type index = parser.getBuilder().getIndexType();
  if (parser.parseArgumentList(ivs, OpAsmParser::Delimiter::Paren) ||
      parser.parseKeyword("in") ||
      parser.parseOperandList(upperBounds, OpAsmParser::Delimiter::Paren) ||
      parser.resolveOperands(upperBounds, index, result.operands))
    return failure();
  for (OpAsmParser::Argument &iv : ivs)
    iv.type = index;
  if (succeeded(parser.parseOptionalKeyword("concurrent")))
    result.addAttribute(getConcurrentAttrName(result.name),
                        parser.getBuilder().getUnitAttr());
  Region *body = result.addRegion();
  if (parser.parseRegion(*body, ivs))
    return failure();
  ParallelOp::ensureTerminator(*body, parser.getBuilder(), result.location);
  return parser.parseOptionalAttrDict(result.attributes);
}

void ParallelOp::print(OpAsmPrinter &p) {
  p << " (";
  llvm::interleaveComma(getInductionVars(), p,
                        [&](BlockArgument iv) { p.printOperand(iv); });
  p << ") in (" << getUpperBounds() << ") ";
  if (getConcurrent())
    p << "concurrent ";
  p.printRegion(getBody(), /*printEntryBlockArgs=*/false,
                /*printBlockTerminators=*/false);
  p.printOptionalAttrDict((*this)->getAttrs(),
                          /*elidedAttrs=*/{getConcurrentAttrName()});
}

LogicalResult ParallelOp::verify() {
  unsigned rank = getRank();
  if (rank < 1 || rank > 3)
    return emitOpError("expects a 1-3-D grid, got ") << rank << " dimensions";
  Block &body = getBody().front();
  if (body.getNumArguments() != rank)
    return emitOpError("expects ")
           << rank << " induction variables, got " << body.getNumArguments();
  for (BlockArgument iv : body.getArguments())
    if (!iv.getType().isIndex())
      return emitOpError("induction variables must be of index type");
  return success();
}

//===- Shared checks ------------------------------------------------------===//

/// Two dimension sizes that must agree: fine when either is dynamic.
static bool compatibleDims(int64_t a, int64_t b) {
  return ShapedType::isDynamic(a) || ShapedType::isDynamic(b) || a == b;
}

static LogicalResult verifyPermutation(Operation *op, StringRef name,
                                       ArrayRef<int64_t> perm) {
  if (perm.size() != 2 ||
      !((perm[0] == 0 && perm[1] == 1) || (perm[0] == 1 && perm[1] == 0)))
    return op->emitOpError() << name << " must be a permutation of [0, 1]";
  return success();
}

/// Checks the tiled (4-D) shape against the matrix (2-D) shape of a pack or
/// unpack: tile sizes are static and tile counts cover the matrix.
static LogicalResult verifyPackedShape(Operation *op, MemRefType matrix,
                                       MemRefType packed,
                                       ArrayRef<int64_t> outerDimsPerm,
                                       ArrayRef<int64_t> innerDimsPos) {
  if (failed(verifyPermutation(op, "outer_dims_perm", outerDimsPerm)) ||
      failed(verifyPermutation(op, "inner_dims_pos", innerDimsPos)))
    return failure();
  if (matrix.getElementType() != packed.getElementType())
    return op->emitOpError("matrix and packed element types differ: ")
           << matrix.getElementType() << " vs " << packed.getElementType();
  ArrayRef<int64_t> tiled = packed.getShape();
  for (int i = 0; i < 2; ++i) {
    int64_t tile = tiled[2 + i];
    if (ShapedType::isDynamic(tile) || tile <= 0)
      return op->emitOpError("inner tile sizes must be static and positive, "
                             "packed dimension ")
             << 2 + i << " is "
             << (ShapedType::isDynamic(tile) ? "dynamic" : "not positive");
  }
  // tileOfDim[d] = inner tile size applied to matrix dimension d.
  int64_t tileOfDim[2];
  tileOfDim[innerDimsPos[0]] = tiled[2];
  tileOfDim[innerDimsPos[1]] = tiled[3];
  for (int i = 0; i < 2; ++i) {
    int64_t dim = outerDimsPerm[i];
    int64_t size = matrix.getDimSize(dim);
    if (ShapedType::isDynamic(size))
      continue;
    int64_t expected = llvm::divideCeil(size, tileOfDim[dim]);
    if (!compatibleDims(tiled[i], expected))
      return op->emitOpError("packed outer dimension ")
             << i << " is " << tiled[i] << " but matrix dimension " << dim
             << " (" << size << ") needs " << expected << " tiles of "
             << tileOfDim[dim];
  }
  return success();
}

//===- Mmt4dOp ------------------------------------------------------------===//

/// The element types the runtime's `kernel` serves.
static LogicalResult verifyContractionTypes(Operation *op,
                                            ContractionKernel kernel, Type lhs,
                                            Type rhs, Type acc,
                                            bool anyUnsigned) {
  if (!isSupportedContraction(kernel, lhs, rhs, acc))
    return op->emitOpError("unsupported element types (")
           << lhs << ", " << rhs << ") -> " << acc << "; expected "
           << describeSupportedContractions(kernel);
  if (anyUnsigned && !lhs.isInteger(8))
    return op->emitOpError(
        "lhs_unsigned/rhs_unsigned apply to integer operands only");
  return success();
}

LogicalResult Mmt4dOp::verify() {
  auto lhs = cast<MemRefType>(getLhs().getType());
  auto rhs = cast<MemRefType>(getRhs().getType());
  auto acc = cast<MemRefType>(getAcc().getType());
  if (failed(verifyContractionTypes(*this, ContractionKernel::Tiled,
                                    lhs.getElementType(), rhs.getElementType(),
                                    acc.getElementType(),
                                    getLhsUnsigned() || getRhsUnsigned())))
    return failure();
  for (auto [name, type] : {std::pair<StringRef, MemRefType>{"lhs", lhs},
                            {"rhs", rhs},
                            {"acc", acc}})
    for (int i = 2; i < 4; ++i)
      if (type.isDynamicDim(i))
        return emitOpError()
               << name << " inner tile dimension " << i << " must be static";
  auto dims = [](MemRefType t) { return t.getShape(); };
  ArrayRef<int64_t> l = dims(lhs), r = dims(rhs), a = dims(acc);
  struct Check {
    int64_t x, y;
    const char *what;
  };
  const Check checks[] = {
      {l[0], a[0], "M1 of lhs and acc"}, {r[0], a[1], "N1 of rhs and acc"},
      {l[1], r[1], "K1 of lhs and rhs"}, {l[2], a[2], "M0 of lhs and acc"},
      {r[2], a[3], "N0 of rhs and acc"}, {l[3], r[3], "K0 of lhs and rhs"}};
  for (const Check &c : checks)
    if (!compatibleDims(c.x, c.y))
      return emitOpError("mismatched ")
             << c.what << ": " << c.x << " vs " << c.y;
  return success();
}

//===- GemmOp -------------------------------------------------------------===//

Type GemmOp::getAccElementType() {
  if (Value c = getC())
    return getElementTypeOrSelf(c.getType());
  return getAccTypeAttr() ? getAccTypeAttr().getValue() : Type();
}

/// The operand shapes of a plain (batched) product.
static LogicalResult verifyGemmShapes(GemmOp op, MemRefType a, MemRefType b,
                                      MemRefType c) {
  int64_t rank = a.getRank();
  if ((rank != 2 && rank != 3) || b.getRank() != rank || c.getRank() != rank)
    return op.emitOpError("expects operands of rank 2, or 3 when batched, "
                          "all the same; got ")
           << a.getRank() << ", " << b.getRank() << ", " << c.getRank();
  int64_t o = rank - 2;
  ArrayRef<int64_t> sa = a.getShape(), sb = b.getShape(), sc = c.getShape();
  struct Check {
    int64_t x, y;
    const char *what;
  };
  SmallVector<Check> checks = {{sa[o], sc[o], "M of a and c"},
                               {sb[o + 1], sc[o + 1], "N of b and c"},
                               {sa[o + 1], sb[o], "K of a and b"}};
  if (rank == 3) {
    checks.push_back({sa[0], sc[0], "batch of a and c"});
    checks.push_back({sb[0], sc[0], "batch of b and c"});
  }
  for (const Check &check : checks)
    if (!compatibleDims(check.x, check.y))
      return op.emitOpError("mismatched ")
             << check.what << ": " << check.x << " vs " << check.y;
  return success();
}

/// True when `type`'s innermost stride is statically 1.
static bool hasUnitInnerStride(MemRefType type) {
  SmallVector<int64_t> strides;
  int64_t offset;
  return type.getRank() == 0 ||
         (succeeded(type.getStridesAndOffset(strides, offset)) &&
          strides.back() == 1);
}

/// A scale or bias operand: its broadcast kind fixes its shape (a scalar is
/// rank 0 or one element, per_row has M elements, per_col N).
static LogicalResult
verifyBroadcastOperand(GemmOp op, StringRef name, Value operand,
                       std::optional<EpilogueBroadcast> kind, int64_t m,
                       int64_t n) {
  if (!operand && !kind)
    return success();
  if (!operand || !kind)
    return op.emitOpError()
           << name << " and " << name << "_kind must be given together";
  auto type = cast<MemRefType>(operand.getType());
  if (type.getRank() > 1)
    return op.emitOpError() << name << " must be 0-D or 1-D, got " << type;
  if (!hasUnitInnerStride(type))
    return op.emitOpError() << name << " must have unit stride, got " << type;
  int64_t size = type.getRank() == 0 ? 1 : type.getDimSize(0);
  int64_t expected = *kind == EpilogueBroadcast::scalar    ? 1
                     : *kind == EpilogueBroadcast::per_row ? m
                                                           : n;
  if (!compatibleDims(size, expected))
    return op.emitOpError()
           << name << " of kind " << stringifyEpilogueBroadcast(*kind)
           << " must have " << expected << " elements, got " << size;
  return success();
}

/// A 2-D M x N epilogue matrix (residual, out) with unit inner stride.
static LogicalResult verifyEpilogueMatrix(GemmOp op, StringRef name,
                                          Value operand, int64_t m, int64_t n) {
  auto type = cast<MemRefType>(operand.getType());
  if (type.getRank() != 2)
    return op.emitOpError() << name << " must be 2-D, got " << type;
  if (!compatibleDims(type.getDimSize(0), m) ||
      !compatibleDims(type.getDimSize(1), n))
    return op.emitOpError() << name << " must be " << m << " x " << n
                            << " (M x N), got " << type;
  if (!hasUnitInnerStride(type))
    return op.emitOpError()
           << name << " needs a unit innermost stride, got " << type;
  return success();
}

static bool isEpilogueOutputType(Type t) {
  return t.isF32() || t.isF16() || t.isBF16() || t.isInteger(32) ||
         t.isInteger(8);
}

/// The epilogue's operands and attributes agree with each other and with
/// the value-type rules of speir_gemm_fused (runtime/include/speir/abi.h).
static LogicalResult verifyEpilogue(GemmOp op, Type acc, int64_t m, int64_t n) {
  bool anyStep = op.getScale() || op.getBias() || op.getResidual() ||
                 op.getActivation() || op.getScaleKind() || op.getBiasKind();
  if (!op.getOut()) {
    if (anyStep)
      return op.emitOpError("an epilogue needs an 'out' operand");
    return success();
  }
  if (op.isBatched())
    return op.emitOpError("a batched product cannot carry an epilogue");
  if (failed(verifyBroadcastOperand(op, "scale", op.getScale(),
                                    op.getScaleKind(), m, n)) ||
      failed(verifyBroadcastOperand(op, "bias", op.getBias(), op.getBiasKind(),
                                    m, n)) ||
      failed(verifyEpilogueMatrix(op, "out", op.getOut(), m, n)) ||
      (op.getResidual() &&
       failed(verifyEpilogueMatrix(op, "residual", op.getResidual(), m, n))))
    return failure();
  Type outType = getElementTypeOrSelf(op.getOut().getType());
  if (!isEpilogueOutputType(outType))
    return op.emitOpError("epilogue output element type must be f32, f16, "
                          "bf16, i32 or i8, got ")
           << outType;
  if (op.getScale() && !getElementTypeOrSelf(op.getScale()).isF32())
    return op.emitOpError("scale must have f32 elements, got ")
           << getElementTypeOrSelf(op.getScale());
  bool floatValue = isa<FloatType>(acc) || op.getScale();
  if (!floatValue) {
    if (op.getActivation() && *op.getActivation() != EpilogueActivation::relu)
      return op.emitOpError("activation ")
             << stringifyEpilogueActivation(*op.getActivation())
             << " needs a float value type (a float accumulator or a scale)";
    if (!outType.isInteger(32) && !outType.isInteger(8))
      return op.emitOpError("an integer epilogue (i32 accumulator, no scale) "
                            "writes i32 or i8, not ")
             << outType;
  } else if (outType.isInteger(32)) {
    return op.emitOpError("a float epilogue value cannot be written as i32");
  }
  Type biasType = floatValue ? outType : IntegerType::get(op.getContext(), 32);
  if (op.getBias() && getElementTypeOrSelf(op.getBias()) != biasType)
    return op.emitOpError("bias must have ")
           << biasType << " elements, got "
           << getElementTypeOrSelf(op.getBias());
  if (op.getResidual() && getElementTypeOrSelf(op.getResidual()) != outType)
    return op.emitOpError("residual must have the output's element type ")
           << outType << ", got " << getElementTypeOrSelf(op.getResidual());
  if (op.getC() && op.getOut() == op.getC() &&
      getElementTypeOrSelf(op.getC()) != outType)
    return op.emitOpError("out may be c only with c's element type");
  return success();
}

LogicalResult GemmOp::verify() {
  auto a = cast<MemRefType>(getA().getType());
  auto b = cast<MemRefType>(getB().getType());
  Value c = getC();
  if (c && getAccTypeAttr())
    return emitOpError("takes either c or acc_type, not both");
  if (!c) {
    if (!getAccTypeAttr())
      return emitOpError("needs c or acc_type");
    if (!getOut())
      return emitOpError("without c needs an epilogue 'out' operand");
    if (getAccumulate())
      return emitOpError("cannot accumulate without c");
  }
  Type acc = getAccElementType();
  if (failed(verifyContractionTypes(*this, ContractionKernel::Gemm,
                                    a.getElementType(), b.getElementType(), acc,
                                    getLhsUnsigned() || getRhsUnsigned())))
    return failure();
  int64_t m, n;
  if (c) {
    if (failed(verifyGemmShapes(*this, a, b, cast<MemRefType>(c.getType()))))
      return failure();
  } else {
    if (a.getRank() != 2 || b.getRank() != 2)
      return emitOpError("without c expects 2-D a and b; got ranks ")
             << a.getRank() << ", " << b.getRank();
    if (!compatibleDims(a.getDimSize(1), b.getDimSize(0)))
      return emitOpError("mismatched K of a and b: ")
             << a.getDimSize(1) << " vs " << b.getDimSize(0);
  }
  int64_t r = a.getRank();
  m = a.getDimSize(r - 2);
  n = b.getDimSize(r - 1);
  return verifyEpilogue(*this, acc, m, n);
}

//===- PackOp / UnpackOp --------------------------------------------------===//

LogicalResult PackOp::verify() {
  auto source = cast<MemRefType>(getSource().getType());
  auto dest = cast<MemRefType>(getDest().getType());
  if (Value pad = getPaddingValue())
    if (pad.getType() != source.getElementType())
      return emitOpError("padding value type ")
             << pad.getType() << " differs from element type "
             << source.getElementType();
  return verifyPackedShape(*this, source, dest, getOuterDimsPerm(),
                           getInnerDimsPos());
}

LogicalResult UnpackOp::verify() {
  return verifyPackedShape(*this, cast<MemRefType>(getDest().getType()),
                           cast<MemRefType>(getSource().getType()),
                           getOuterDimsPerm(), getInnerDimsPos());
}

//===- Enum attributes printed as quoted strings --------------------------===//
//
// speir.conv2d "nhwc_hwcf" and speir.pool2d "max" "nhwc": the enum names in
// quotes, as the ops have always been written.

namespace {
/// What a diagnostic calls each enum, and its last value.
template <typename EnumT> struct QuotedEnumInfo;
template <> struct QuotedEnumInfo<ConvLayout> {
  static constexpr const char *noun = "layout";
  static constexpr uint64_t last = getMaxEnumValForConvLayout();
};
template <> struct QuotedEnumInfo<PoolLayout> {
  static constexpr const char *noun = "layout";
  static constexpr uint64_t last = getMaxEnumValForPoolLayout();
};
template <> struct QuotedEnumInfo<PoolKind> {
  static constexpr const char *noun = "kind";
  static constexpr uint64_t last = getMaxEnumValForPoolKind();
};
} // namespace

template <typename EnumAttrT>
static ParseResult parseQuotedEnum(OpAsmParser &parser, EnumAttrT &attr) {
  using EnumT = typename EnumAttrT::ValueType;
  SMLoc loc = parser.getCurrentLocation();
  std::string name;
  if (parser.parseString(&name))
    return failure();
  std::optional<EnumT> value = symbolizeEnum<EnumT>(name);
  if (!value) {
    InFlightDiagnostic diag = parser.emitError(loc)
                              << "unknown " << QuotedEnumInfo<EnumT>::noun
                              << " \"" << name << "\"; expected ";
    constexpr uint64_t last = QuotedEnumInfo<EnumT>::last;
    for (uint64_t i = 0; i <= last; ++i)
      diag << (i == 0      ? ""
               : i == last ? " or "
                           : ", ")
           << stringifyEnum(static_cast<EnumT>(i));
    return diag;
  }
  attr = EnumAttrT::get(parser.getContext(), *value);
  return success();
}

template <typename EnumAttrT>
static void printQuotedEnum(OpAsmPrinter &printer, Operation *,
                            EnumAttrT attr) {
  printer << '"' << stringifyEnum(attr.getValue()) << '"';
}

#define GET_OP_CLASSES
#include "spine/Dialect/SpeIR/IR/SpeIROps.cpp.inc"

//===- Conv2DOp / Pool2DOp ------------------------------------------------===//

/// Checks shared by the window ops: tensor or memref operands (not mixed),
/// one result exactly on tensors, attribute arities and ranges.
static LogicalResult verifyWindowOp(Operation *op, ValueRange operands,
                                    ArrayRef<int64_t> strides,
                                    ArrayRef<int64_t> dilations,
                                    ArrayRef<int64_t> padding) {
  bool tensors = isa<RankedTensorType>(operands.front().getType());
  for (Value v : operands) {
    if (tensors ? !isa<RankedTensorType>(v.getType())
                : !isa<MemRefType>(v.getType()))
      return op->emitOpError(
          "expects all operands to be ranked tensors or all memrefs");
  }
  Type initType = operands.back().getType();
  if (tensors &&
      (op->getNumResults() != 1 || op->getResult(0).getType() != initType))
    return op->emitOpError("on tensors returns one value of the init's type ")
           << initType;
  if (!tensors && op->getNumResults() != 0)
    return op->emitOpError("on memrefs has no results");
  auto checkPair = [&](StringRef name, ArrayRef<int64_t> values,
                       int64_t min) -> LogicalResult {
    if (values.size() != 2)
      return op->emitOpError()
             << name << " needs 2 values, got " << values.size();
    for (int64_t v : values)
      if (v < min)
        return op->emitOpError()
               << name << " must be >= " << min << ", got " << v;
    return success();
  };
  if (failed(checkPair("strides", strides, 1)) ||
      failed(checkPair("dilations", dilations, 1)) ||
      failed(checkPair("padding", padding, 0)))
    return failure();
  return success();
}

static LogicalResult checkDims(Operation *op,
                               ArrayRef<std::pair<int64_t, int64_t>> pairs,
                               ArrayRef<StringRef> what) {
  for (auto [pair, name] : llvm::zip(pairs, what))
    if (!compatibleDims(pair.first, pair.second))
      return op->emitOpError("mismatched ")
             << name << ": " << pair.first << " vs " << pair.second;
  return success();
}

template <typename OpTy>
static void addWindowEffects(
    OpTy op, SmallVectorImpl<SideEffects::EffectInstance<MemoryEffects::Effect>>
                 &effects) {
  for (OpOperand &operand : op->getOpOperands()) {
    if (!isa<MemRefType>(operand.get().getType()))
      continue;
    effects.emplace_back(MemoryEffects::Read::get(), &operand,
                         SideEffects::DefaultResource::get());
    if (op.isDpsInit(&operand))
      effects.emplace_back(MemoryEffects::Write::get(), &operand,
                           SideEffects::DefaultResource::get());
  }
}

Conv2DOp::LayoutDims Conv2DOp::getLayoutDims(ConvLayout layout) {
  constexpr std::array<int, 4> nhwc = {0, 1, 2, 3}, nchw = {0, 2, 3, 1};
  switch (layout) {
  case ConvLayout::nhwc_hwcf:
    return {nhwc, {0, 1, 2, 3}};
  case ConvLayout::nchw_fchw:
    return {nchw, {2, 3, 1, 0}};
  case ConvLayout::nhwc_fhwc:
    return {nhwc, {1, 2, 3, 0}};
  case ConvLayout::nhwc_hwc:
    return {nhwc, {0, 1, -1, 2}};
  case ConvLayout::nchw_chw:
    return {nchw, {1, 2, -1, 0}};
  }
  llvm_unreachable("unknown convolution layout");
}

LogicalResult Conv2DOp::verify() {
  if (failed(verifyWindowOp(*this, getOperands(), getStrides(), getDilations(),
                            getPadding())))
    return failure();
  StringRef layout = stringifyEnum(getLayout());
  const LayoutDims dims = getLayoutDims(getLayout());
  auto in = cast<ShapedType>(getInput().getType());
  auto filter = cast<ShapedType>(getFilter().getType());
  auto init = cast<ShapedType>(getInit().getType());
  const bool depthwise = dims.filter[2] < 0;
  int64_t filterRank = depthwise ? 3 : 4;
  if (in.getRank() != 4 || init.getRank() != 4 ||
      filter.getRank() != filterRank)
    return emitOpError("layout ")
           << layout << " expects input and init of rank 4 and a filter of "
           << "rank " << filterRank;
  Type ti = in.getElementType(), tf = filter.getElementType(),
       to = init.getElementType();
  if (!isSupportedContraction(ContractionKernel::Tiled, ti, tf, to))
    return emitOpError("unsupported element types (")
           << ti << ", " << tf << ") -> " << to << "; expected "
           << describeSupportedContractions(ContractionKernel::Tiled);
  ArrayRef<int64_t> x = in.getShape(), w = filter.getShape(),
                    y = init.getShape();
  const std::array<int, 4> &io = dims.io, &f = dims.filter;
  // Depthwise filters carry the channels in their f dimension.
  if (depthwise)
    return checkDims(
        *this,
        {{x[io[0]], y[io[0]]}, {x[io[3]], w[f[3]]}, {x[io[3]], y[io[3]]}},
        {"batch", "filter channels", "output channels"});
  return checkDims(
      *this, {{x[io[0]], y[io[0]]}, {x[io[3]], w[f[2]]}, {w[f[3]], y[io[3]]}},
      {"batch", "input channels", "output channels"});
}

void Conv2DOp::getEffects(
    SmallVectorImpl<SideEffects::EffectInstance<MemoryEffects::Effect>>
        &effects) {
  addWindowEffects(*this, effects);
}

LogicalResult Pool2DOp::verify() {
  if (failed(verifyWindowOp(*this, getOperands(), getStrides(), getDilations(),
                            getPadding())))
    return failure();
  ArrayRef<int64_t> window = getWindow();
  if (window.size() != 2 || window[0] < 1 || window[1] < 1)
    return emitOpError("window needs 2 sizes >= 1");
  auto in = cast<ShapedType>(getInput().getType());
  auto init = cast<ShapedType>(getInit().getType());
  if (in.getRank() != 4 || init.getRank() != 4)
    return emitOpError("expects input and init of rank 4");
  Type ti = in.getElementType(), to = init.getElementType();
  if (!isSupportedContraction(ContractionKernel::Tiled, ti, ti, to))
    return emitOpError("unsupported element types ")
           << ti << " -> " << to << "; expected "
           << describeSupportedContractions(ContractionKernel::Tiled,
                                            /*unary=*/true);
  int c = getLayout() == PoolLayout::nhwc ? 3 : 1;
  return checkDims(*this,
                   {{in.getShape()[0], init.getShape()[0]},
                    {in.getShape()[c], init.getShape()[c]}},
                   {"batch", "channels"});
}

void Pool2DOp::getEffects(
    SmallVectorImpl<SideEffects::EffectInstance<MemoryEffects::Effect>>
        &effects) {
  addWindowEffects(*this, effects);
}

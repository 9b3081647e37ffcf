#include "spine/Conversion/Passes.h"
#include "spine/Conversion/RuntimeABI.h"
#include "spine/Dialect/SpeIR/IR/ContractionTypes.h"
#include "spine/Dialect/SpeIR/IR/SpeIR.h"

#include "mlir/Conversion/LLVMCommon/MemRefBuilder.h"
#include "mlir/Conversion/LLVMCommon/Pattern.h"
#include "mlir/Conversion/LLVMCommon/TypeConverter.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/Interfaces/FunctionInterfaces.h"
#include "mlir/Transforms/DialectConversion.h"
#include "mlir/Transforms/RegionUtils.h"
#include "speir/abi.h"

namespace mlir::spine {
#define GEN_PASS_DEF_CONVERTSPEIRTOLLVM
#include "spine/Conversion/Passes.h.inc"
} // namespace mlir::spine

using namespace mlir;
using namespace mlir::spine;

namespace {

/// The first block of the closest enclosing function or parallel body: where
/// per-invocation stack slots go, so that a slot made for an inner region is
/// private to each point of an outer one.
Block &getAllocaBlock(Operation *op) {
  Operation *scope = op->getParentOp();
  while (!isa<FunctionOpInterface, speir::ParallelOp>(scope))
    scope = scope->getParentOp();
  return scope->getRegion(0).front();
}

Value createStackSlot(OpBuilder &builder, Operation *user, Type elementType,
                      int64_t count) {
  OpBuilder::InsertionGuard guard(builder);
  builder.setInsertionPointToStart(&getAllocaBlock(user));
  Location loc = user->getLoc();
  Value n = LLVM::ConstantOp::create(builder, loc, builder.getI64Type(),
                                     builder.getI64IntegerAttr(count));
  return LLVM::AllocaOp::create(
      builder, loc, LLVM::LLVMPointerType::get(builder.getContext()),
      elementType, n);
}

/// `value` seen as `type`; the casts fold away once the surrounding code is
/// in the LLVM dialect.
Value castIfNeeded(OpBuilder &builder, Location loc, Type type, Value value) {
  if (value.getType() == type)
    return value;
  return UnrealizedConversionCastOp::create(builder, loc, type, value)
      .getResult(0);
}

/// A memref as the runtime sees it: a pointer to its first element, sizes
/// and strides in elements (as i64), read from its LLVM descriptor; what
/// the type knows is a constant.
struct RuntimeView {
  Value ptr;
  SmallVector<Value> sizes;
  SmallVector<Value> strides;
};

Value i32Const(OpBuilder &b, Location loc, int64_t v) {
  return arith::ConstantIntOp::create(b, loc, b.getI32Type(), v);
}
Value i64Const(OpBuilder &b, Location loc, int64_t v) {
  return arith::ConstantIntOp::create(b, loc, b.getI64Type(), v);
}

RuntimeView describe(OpBuilder &b, Location loc, MemRefType type,
                     Value descriptor) {
  MemRefDescriptor desc(descriptor);
  auto [strides, offset] = type.getStridesAndOffset();
  RuntimeView view;
  view.ptr = desc.alignedPtr(b, loc);
  if (offset != 0) {
    Value off = ShapedType::isDynamic(offset) ? desc.offset(b, loc)
                                              : i64Const(b, loc, offset);
    view.ptr =
        LLVM::GEPOp::create(b, loc, view.ptr.getType(), type.getElementType(),
                            view.ptr, ArrayRef<LLVM::GEPArg>{off});
  }
  for (unsigned d = 0, e = type.getRank(); d < e; ++d) {
    view.sizes.push_back(type.isDynamicDim(d)
                             ? desc.size(b, loc, d)
                             : i64Const(b, loc, type.getDimSize(d)));
    view.strides.push_back(ShapedType::isDynamic(strides[d])
                               ? desc.stride(b, loc, d)
                               : i64Const(b, loc, strides[d]));
  }
  return view;
}

/// The runtime's speir_gemm_type_t code of an op's element types (pooling
/// names its types with the same codes: input = lhs = rhs, output = acc), or
/// an error on the op.
FailureOr<int32_t> runtimeTypeCode(Operation *op, Type lhs, Type rhs, Type acc,
                                   bool lhsUnsigned = false,
                                   bool rhsUnsigned = false) {
  auto kernel = isa<speir::GemmOp>(op) ? speir::ContractionKernel::Gemm
                                       : speir::ContractionKernel::Tiled;
  if (std::optional<int32_t> code = speir::getContractionTypeCode(
          kernel, lhs, rhs, acc, lhsUnsigned, rhsUnsigned))
    return *code;
  return op->emitOpError("has no runtime kernel for these element types");
}

/// Static strides of `type` (kDynamic where unknown); empty if not strided.
SmallVector<int64_t> staticStrides(Value memref) {
  SmallVector<int64_t> strides;
  int64_t offset;
  if (failed(cast<MemRefType>(memref.getType())
                 .getStridesAndOffset(strides, offset)))
    strides.clear();
  return strides;
}

// The ODS enums of the epilogue carry the C values of speir/abi.h.
static_assert(static_cast<int32_t>(speir::EpilogueBroadcast::scalar) ==
                      SPEIR_EPILOGUE_SCALAR &&
                  static_cast<int32_t>(speir::EpilogueBroadcast::per_row) ==
                      SPEIR_EPILOGUE_PER_ROW &&
                  static_cast<int32_t>(speir::EpilogueBroadcast::per_col) ==
                      SPEIR_EPILOGUE_PER_COL,
              "speir_epilogue_broadcast_t changed: update SpeIRAttrs.td");
static_assert(static_cast<int32_t>(speir::EpilogueActivation::relu) ==
                      SPEIR_EPILOGUE_ACT_RELU &&
                  static_cast<int32_t>(speir::EpilogueActivation::silu) ==
                      SPEIR_EPILOGUE_ACT_SILU &&
                  static_cast<int32_t>(speir::EpilogueActivation::gelu_tanh) ==
                      SPEIR_EPILOGUE_ACT_GELU_TANH &&
                  static_cast<int32_t>(speir::EpilogueActivation::gelu_erf) ==
                      SPEIR_EPILOGUE_ACT_GELU_ERF,
              "speir_epilogue_activation_t changed: update SpeIRAttrs.td");

/// speir_epilogue_type_t of an epilogue's output element type (the verifier
/// admits no other).
int32_t epilogueTypeCode(Type t) {
  if (t.isF16())
    return SPEIR_EPILOGUE_F16;
  if (t.isBF16())
    return SPEIR_EPILOGUE_BF16;
  if (t.isInteger(32))
    return SPEIR_EPILOGUE_S32;
  if (t.isInteger(8))
    return SPEIR_EPILOGUE_S8;
  return SPEIR_EPILOGUE_F32;
}

/// Whether a GEMM operand is read transposed: row-major needs a unit stride
/// in its innermost dimension; transposed (where `mayTranspose`) one in the
/// second-innermost. Anything else is an error on `op`.
FailureOr<bool> readsTransposed(speir::GemmOp op, Value operand,
                                bool mayTranspose) {
  SmallVector<int64_t> strides = staticStrides(operand);
  unsigned r = strides.size();
  if (r >= 2 && strides[r - 1] == 1)
    return false;
  if (r >= 2 && strides[r - 2] == 1 && mayTranspose)
    return true;
  return op.emitOpError("operand needs a unit stride in its innermost "
                        "dimension");
}

/// The runtime packs with matching outer and inner orders: [0,1]/[0,1]
/// reads the matrix as is (false), [1,0]/[1,0] reads it transposed (true).
template <typename OpTy> FailureOr<bool> packReadsTransposed(OpTy op) {
  if (op.getOuterDimsPerm() != op.getInnerDimsPos())
    return op.emitOpError("with outer_dims_perm different from "
                          "inner_dims_pos has no runtime kernel");
  return op.getInnerDimsPos()[0] == 1;
}

/// The runtime type code of a contraction, convolution or pooling op's
/// element types (pooling reads input = lhs = rhs), or an error on the op.
FailureOr<int32_t> runtimeTypeCodeOf(Operation *op) {
  auto element = [](Value v) { return getElementTypeOrSelf(v); };
  if (auto gemm = dyn_cast<speir::GemmOp>(op))
    return runtimeTypeCode(op, element(gemm.getA()), element(gemm.getB()),
                           gemm.getAccElementType(), gemm.getLhsUnsigned(),
                           gemm.getRhsUnsigned());
  if (auto mmt4d = dyn_cast<speir::Mmt4dOp>(op))
    return runtimeTypeCode(op, element(mmt4d.getLhs()), element(mmt4d.getRhs()),
                           element(mmt4d.getAcc()), mmt4d.getLhsUnsigned(),
                           mmt4d.getRhsUnsigned());
  if (auto conv = dyn_cast<speir::Conv2DOp>(op))
    return runtimeTypeCode(op, element(conv.getInput()),
                           element(conv.getFilter()), element(conv.getInit()));
  auto pool = cast<speir::Pool2DOp>(op);
  return runtimeTypeCode(op, element(pool.getInput()), element(pool.getInput()),
                         element(pool.getInit()));
}

/// Reports (on the op) what keeps an op from its runtime call, before the
/// conversion starts: the patterns below then cannot fail.
LogicalResult checkLowerable(Operation *op) {
  if (auto pack = dyn_cast<speir::PackOp>(op))
    return packReadsTransposed(pack);
  if (auto unpack = dyn_cast<speir::UnpackOp>(op))
    return packReadsTransposed(unpack);
  if (!isa<speir::GemmOp, speir::Mmt4dOp, speir::Conv2DOp, speir::Pool2DOp>(op))
    return success();
  if (failed(runtimeTypeCodeOf(op)))
    return failure();
  auto gemm = dyn_cast<speir::GemmOp>(op);
  if (!gemm)
    return success();
  if (failed(readsTransposed(gemm, gemm.getA(), true)) ||
      failed(readsTransposed(gemm, gemm.getB(), true)))
    return failure();
  if (!gemm.hasEpilogue() && failed(readsTransposed(gemm, gemm.getC(), false)))
    return failure();
  return success();
}

/// Calls `fn` with `args` in place of `op`, reports a non-zero status
/// (location, `fn` and `op`; the report aborts), and erases `op`.
LogicalResult replaceWithRuntimeCall(ConversionPatternRewriter &rewriter,
                                     Operation *op, RuntimeFn fn,
                                     ValueRange args) {
  Operation *module = op->getParentOfType<ModuleOp>();
  FailureOr<LLVM::LLVMFuncOp> callee = getOrInsertRuntimeFn(module, fn);
  if (failed(callee))
    return failure();
  Location loc = op->getLoc();
  Value status = LLVM::CallOp::create(rewriter, loc, *callee, args).getResult();
  if (failed(emitRuntimeStatusCheck(
          rewriter, loc, module, status,
          (getRuntimeFnName(fn) + " failed for " + op->getName().getStringRef())
              .str())))
    return failure();
  rewriter.eraseOp(op);
  return success();
}

/// The base of the op patterns: the runtime view of a memref operand.
template <typename OpTy>
struct RuntimeCallPattern : ConvertOpToLLVMPattern<OpTy> {
  using ConvertOpToLLVMPattern<OpTy>::ConvertOpToLLVMPattern;

  static RuntimeView view(OpBuilder &b, Location loc, Value original,
                          Value converted) {
    return describe(b, loc, cast<MemRefType>(original.getType()), converted);
  }
};

/// The leading dimension of a matrix stored with `rows` lines of `cols`
/// elements at stride `ld`: with one line the stride means nothing (a view
/// may carry any, e.g. 1), and the runtime wants ldc >= N (A and B may take
/// any ld >= 0: 0 repeats a line, as a broadcast view does).
Value lineStride(OpBuilder &b, Location loc, Value ld, Value rows, Value cols) {
  Value single = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq, rows,
                                       i64Const(b, loc, 1));
  Value widened = arith::MaxSIOp::create(b, loc, ld, cols);
  return arith::SelectOp::create(b, loc, single, widened, ld);
}

/// speir.gemm → speir_gemm / speir_gemm_batched, or, with an epilogue,
/// speir_gemm_fused with a speir_gemm_epilogue_t built in a stack slot of the
/// entry block (the verifier guarantees unit inner strides of c, out and
/// residual, and the operand shapes).
struct GemmLowering : RuntimeCallPattern<speir::GemmOp> {
  using RuntimeCallPattern::RuntimeCallPattern;

  LogicalResult
  matchAndRewrite(speir::GemmOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    FailureOr<int32_t> type = runtimeTypeCodeOf(op);
    FailureOr<bool> transA = readsTransposed(op, op.getA(), true);
    FailureOr<bool> transB = readsTransposed(op, op.getB(), true);
    if (failed(type) || failed(transA) || failed(transB))
      return failure();
    unsigned r = op.getA().getType().getRank();
    uint32_t flags = (op.getAccumulate() ? SPEIR_GEMM_ACCUMULATE : 0) |
                     (*transA ? SPEIR_GEMM_TRANSPOSE_A : 0) |
                     (*transB ? SPEIR_GEMM_TRANSPOSE_B : 0);
    // The leading dimension: the stride of the dimension that is not unit.
    auto leading = [&](const RuntimeView &v, bool transposed) {
      unsigned line = transposed ? r - 1 : r - 2, other = 2 * r - 3 - line;
      return lineStride(rewriter, loc, v.strides[line], v.sizes[line],
                        v.sizes[other]);
    };
    RuntimeView a = view(rewriter, loc, op.getA(), adaptor.getA());
    RuntimeView b = view(rewriter, loc, op.getB(), adaptor.getB());
    Value lda = leading(a, *transA), ldb = leading(b, *transB);
    Value k = a.sizes[r - 1];
    Value typeValue = i32Const(rewriter, loc, *type);
    Value flagsValue = i32Const(rewriter, loc, flags);
    if (op.hasEpilogue())
      return lowerFused(
          op, adaptor, rewriter,
          {typeValue, flagsValue, Value(), Value(), k, a.ptr, lda, b.ptr, ldb});
    RuntimeView c = view(rewriter, loc, op.getC(), adaptor.getC());
    Value ldc = leading(c, false);
    Value m = c.sizes[r - 2], n = c.sizes[r - 1];
    if (r == 2)
      return replaceWithRuntimeCall(
          rewriter, op, RuntimeFn::Gemm,
          {typeValue, flagsValue, m, n, k, a.ptr, lda, b.ptr, ldb, c.ptr, ldc});
    return replaceWithRuntimeCall(rewriter, op, RuntimeFn::GemmBatched,
                                  {typeValue, flagsValue, c.sizes[0], m, n, k,
                                   a.ptr, lda, a.strides[0], b.ptr, ldb,
                                   b.strides[0], c.ptr, ldc, c.strides[0]});
  }

  /// `args`: type, flags, (M, N: filled here from out), K, a, lda, b, ldb.
  LogicalResult lowerFused(speir::GemmOp op, OpAdaptor adaptor,
                           ConversionPatternRewriter &rewriter,
                           SmallVector<Value> args) const {
    Location loc = op.getLoc();
    MLIRContext *ctx = op.getContext();
    Type ptr = LLVM::LLVMPointerType::get(ctx);
    Value null = LLVM::ZeroOp::create(rewriter, loc, ptr);
    Value zero = i64Const(rewriter, loc, 0);
    // The pointer and row stride of an optional operand (null and 0).
    auto optional = [&](Value original,
                        Value converted) -> std::pair<Value, Value> {
      if (!original)
        return {null, zero};
      RuntimeView v = view(rewriter, loc, original, converted);
      return {v.ptr, v.strides[0]};
    };
    auto kindOf = [&](std::optional<speir::EpilogueBroadcast> kind) {
      return i32Const(rewriter, loc,
                      kind ? static_cast<int32_t>(*kind) : SPEIR_EPILOGUE_NONE);
    };
    RuntimeView out = view(rewriter, loc, op.getOut(), adaptor.getOut());
    auto [residual, ldr] = optional(op.getResidual(), adaptor.getResidual());
    auto [c, ldc] = optional(op.getC(), adaptor.getC());
    std::optional<speir::EpilogueActivation> act = op.getActivation();
    SmallVector<Value> fields = {
        kindOf(op.getScaleKind()),
        kindOf(op.getBiasKind()),
        i32Const(rewriter, loc,
                 act ? static_cast<int32_t>(*act) : SPEIR_EPILOGUE_ACT_NONE),
        i32Const(rewriter, loc,
                 epilogueTypeCode(getElementTypeOrSelf(op.getOut()))),
        optional(op.getScale(), adaptor.getScale()).first,
        optional(op.getBias(), adaptor.getBias()).first,
        residual,
        ldr,
        out.ptr,
        out.strides[0]};
    LLVM::LLVMStructType descType = getGemmEpilogueType(ctx);
    Value desc = createStackSlot(rewriter, op, descType, 1);
    for (auto [i, v] : llvm::enumerate(fields)) {
      Value slot = LLVM::GEPOp::create(
          rewriter, loc, ptr, descType, desc,
          ArrayRef<LLVM::GEPArg>{0, static_cast<int32_t>(i)});
      LLVM::StoreOp::create(rewriter, loc, v, slot);
    }
    args[2] = out.sizes[0];
    args[3] = out.sizes[1];
    args.append({c, ldc, desc});
    return replaceWithRuntimeCall(rewriter, op, RuntimeFn::GemmFused, args);
  }
};

/// speir.mmt4d → speir_mmt4d (outer strides of the three tiled operands,
/// the tile sizes from the types).
struct Mmt4dLowering : RuntimeCallPattern<speir::Mmt4dOp> {
  using RuntimeCallPattern::RuntimeCallPattern;

  LogicalResult
  matchAndRewrite(speir::Mmt4dOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    FailureOr<int32_t> type = runtimeTypeCodeOf(op);
    if (failed(type))
      return failure();
    RuntimeView lhs = view(rewriter, loc, op.getLhs(), adaptor.getLhs());
    RuntimeView rhs = view(rewriter, loc, op.getRhs(), adaptor.getRhs());
    RuntimeView acc = view(rewriter, loc, op.getAcc(), adaptor.getAcc());
    uint32_t flags = op.getAccumulate() ? SPEIR_GEMM_ACCUMULATE : 0;
    return replaceWithRuntimeCall(
        rewriter, op, RuntimeFn::Mmt4d,
        {i32Const(rewriter, loc, *type), i32Const(rewriter, loc, flags),
         lhs.ptr, lhs.strides[0], lhs.strides[1], rhs.ptr, rhs.strides[0],
         rhs.strides[1], acc.ptr, acc.strides[0], acc.strides[1], lhs.sizes[0],
         rhs.sizes[0], lhs.sizes[1], lhs.sizes[2], rhs.sizes[2], lhs.sizes[3]});
  }
};

/// speir.pack → speir_pack_lhs(bytes, matrix, tiles, padding) and
/// speir.unpack → speir_unpack_acc(bytes, tiles, matrix): pack writes
/// tiles[o0][o1][i0][i1] = X[o0*T0+i0][o1*T1+i1], unpack the reverse. X is
/// the matrix or its transpose (its rows and columns, and their strides,
/// swapped); the tiles are given by their outer strides and tile sizes.
/// Pack's padding value travels through a stack slot.
template <typename OpTy> struct RelayoutLowering : RuntimeCallPattern<OpTy> {
  using RuntimeCallPattern<OpTy>::RuntimeCallPattern;
  using OpAdaptor = typename OpTy::Adaptor;
  static constexpr bool isPack = std::is_same_v<OpTy, speir::PackOp>;

  LogicalResult
  matchAndRewrite(OpTy op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    FailureOr<bool> transposed = packReadsTransposed(op);
    if (failed(transposed))
      return failure();
    Location loc = op.getLoc();
    auto [matrixValue, matrixDesc, tilesValue, tilesDesc] =
        isPack ? std::make_tuple(op.getSource(), adaptor.getSource(),
                                 op.getDest(), adaptor.getDest())
               : std::make_tuple(op.getDest(), adaptor.getDest(),
                                 op.getSource(), adaptor.getSource());
    RuntimeView m = this->view(rewriter, loc, matrixValue, matrixDesc);
    RuntimeView t = this->view(rewriter, loc, tilesValue, tilesDesc);
    unsigned i = *transposed ? 1 : 0, j = 1 - i;
    Type element = getElementTypeOrSelf(tilesValue);
    SmallVector<Value> args = {
        i32Const(rewriter, loc, element.getIntOrFloatBitWidth() / 8)};
    SmallVector<Value> matrix = {m.ptr, m.sizes[i], m.sizes[j], m.strides[i],
                                 m.strides[j]};
    SmallVector<Value> tiles = {t.ptr, t.strides[0], t.strides[1], t.sizes[2],
                                t.sizes[3]};
    if constexpr (!isPack) {
      llvm::append_range(args, tiles);
      llvm::append_range(args, matrix);
      return replaceWithRuntimeCall(rewriter, op, RuntimeFn::UnpackAcc, args);
    } else {
      llvm::append_range(args, matrix);
      llvm::append_range(args, tiles);
      Value padding;
      if (Value pad = adaptor.getPaddingValue()) {
        padding = createStackSlot(rewriter, op, element, 1);
        LLVM::StoreOp::create(rewriter, loc, pad, padding);
      } else {
        padding = LLVM::ZeroOp::create(
            rewriter, loc, LLVM::LLVMPointerType::get(rewriter.getContext()));
      }
      args.push_back(padding);
      return replaceWithRuntimeCall(rewriter, op, RuntimeFn::PackLhs, args);
    }
  }
};

/// A speir_conv2d_desc_t on the stack (kConv2dDescFields i64 values).
/// Logical dimension orders: input/output (n, y, x, c), filter
/// (ky, kx, c, f); -1 in filterDims marks a dimension the filter does not
/// have (depthwise: the one channel of a group, stride 0).
Value buildConv2dDesc(OpBuilder &b, Operation *op, const RuntimeView &in,
                      const RuntimeView *w, const RuntimeView &out,
                      ArrayRef<int> ioDims, ArrayRef<int> filterDims,
                      ArrayRef<int64_t> window, ArrayRef<int64_t> strides,
                      ArrayRef<int64_t> dilations, ArrayRef<int64_t> padding) {
  Location loc = op->getLoc();
  Type i64 = b.getI64Type();
  Type ptr = LLVM::LLVMPointerType::get(b.getContext());
  Value zero = i64Const(b, loc, 0), one = i64Const(b, loc, 1);
  auto filterDim = [&](const SmallVector<Value> &of, int logical) {
    int d = filterDims[logical];
    return d < 0 ? zero : of[d];
  };
  SmallVector<Value> fields = {in.sizes[ioDims[0]],  in.sizes[ioDims[1]],
                               in.sizes[ioDims[2]],  in.sizes[ioDims[3]],
                               out.sizes[ioDims[1]], out.sizes[ioDims[2]],
                               out.sizes[ioDims[3]]};
  if (w) {
    fields.push_back(filterDim(w->sizes, 0));
    fields.push_back(filterDim(w->sizes, 1));
  } else {
    fields.push_back(i64Const(b, loc, window[0]));
    fields.push_back(i64Const(b, loc, window[1]));
  }
  for (ArrayRef<int64_t> pair : {strides, dilations, padding})
    for (int64_t v : pair)
      fields.push_back(i64Const(b, loc, v));
  // groups: the channels for a depthwise filter (no channel-in-group
  // dimension), else 1 (pooling has no filter). Zero channels are one
  // (empty) group: the runtime takes groups >= 1.
  const bool depthwise = !filterDims.empty() && filterDims[2] < 0;
  fields.push_back(
      depthwise ? arith::MaxUIOp::create(b, loc, in.sizes[ioDims[3]], one)
                : one);
  for (int d : ioDims)
    fields.push_back(in.strides[d]);
  for (int l = 0; l < 4; ++l)
    fields.push_back(w ? filterDim(w->strides, l) : zero);
  for (int d : ioDims)
    fields.push_back(out.strides[d]);
  assert(fields.size() == static_cast<size_t>(kConv2dDescFields));
  Value desc = createStackSlot(b, op, i64, kConv2dDescFields);
  for (auto [i, v] : llvm::enumerate(fields)) {
    Value slot =
        LLVM::GEPOp::create(b, loc, ptr, i64, desc,
                            ArrayRef<LLVM::GEPArg>{static_cast<int32_t>(i)});
    LLVM::StoreOp::create(b, loc, v, slot);
  }
  return desc;
}

/// speir.conv2d → speir_conv2d(type, flags, desc, input, filter, output).
struct Conv2DLowering : RuntimeCallPattern<speir::Conv2DOp> {
  using RuntimeCallPattern::RuntimeCallPattern;

  LogicalResult
  matchAndRewrite(speir::Conv2DOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    FailureOr<int32_t> type = runtimeTypeCodeOf(op);
    if (failed(type))
      return failure();
    const speir::Conv2DOp::LayoutDims dims =
        speir::Conv2DOp::getLayoutDims(op.getLayout());
    RuntimeView in = view(rewriter, loc, op.getInput(), adaptor.getInput());
    RuntimeView filter =
        view(rewriter, loc, op.getFilter(), adaptor.getFilter());
    RuntimeView out = view(rewriter, loc, op.getInit(), adaptor.getInit());
    Value desc = buildConv2dDesc(rewriter, op, in, &filter, out, dims.io,
                                 dims.filter, {}, op.getStrides(),
                                 op.getDilations(), op.getPadding());
    uint32_t flags = op.getAccumulate() ? SPEIR_GEMM_ACCUMULATE : 0;
    return replaceWithRuntimeCall(rewriter, op, RuntimeFn::Conv2d,
                                  {i32Const(rewriter, loc, *type),
                                   i32Const(rewriter, loc, flags), desc, in.ptr,
                                   filter.ptr, out.ptr});
  }
};

/// speir.pool2d → speir_pool2d(type, kind, flags, desc, input, output).
struct Pool2DLowering : RuntimeCallPattern<speir::Pool2DOp> {
  using RuntimeCallPattern::RuntimeCallPattern;

  LogicalResult
  matchAndRewrite(speir::Pool2DOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    FailureOr<int32_t> type = runtimeTypeCodeOf(op);
    if (failed(type))
      return failure();
    static_assert(int(speir::PoolKind::max) == SPEIR_POOL_MAX &&
                      int(speir::PoolKind::min) == SPEIR_POOL_MIN &&
                      int(speir::PoolKind::sum) == SPEIR_POOL_SUM,
                  "speir::PoolKind follows speir_pool_kind_t");
    SmallVector<int> ioDims = op.isNchw() ? SmallVector<int>{0, 2, 3, 1}
                                          : SmallVector<int>{0, 1, 2, 3};
    RuntimeView inView = view(rewriter, loc, op.getInput(), adaptor.getInput());
    RuntimeView outView = view(rewriter, loc, op.getInit(), adaptor.getInit());
    Value desc = buildConv2dDesc(rewriter, op, inView, nullptr, outView, ioDims,
                                 {}, op.getWindow(), op.getStrides(),
                                 op.getDilations(), op.getPadding());
    uint32_t flags = op.getAccumulate() ? SPEIR_GEMM_ACCUMULATE : 0;
    return replaceWithRuntimeCall(
        rewriter, op, RuntimeFn::Pool2d,
        {i32Const(rewriter, loc, *type),
         i32Const(rewriter, loc, static_cast<int32_t>(op.getKind())),
         i32Const(rewriter, loc, flags), desc, inView.ptr, outView.ptr});
  }
};

/// Outlines one speir.parallel into a private function and replaces it with
/// the runtime's dispatch call. Concurrent regions keep one call per point
/// (speir_parallel_for_concurrent: every point on a thread of its own):
/// `void name(ptr ctx, ptr ivs)`. Other regions become one call per chunk
/// (speir_parallel_for_range), `void name(ptr ctx, i64 begin, i64 end)`,
/// whose body loops over its range of the row-major linearized grid.
class ParallelOutliner {
public:
  ParallelOutliner(speir::ParallelOp op, const LLVMTypeConverter &converter)
      : op(op), loc(op.getLoc()), perPoint(op.getConcurrent()),
        ptr(LLVM::LLVMPointerType::get(op.getContext())),
        i64(IntegerType::get(op.getContext(), 64)), converter(converter) {}

  LogicalResult run(llvm::StringMap<unsigned> &outlinedCount) {
    if (failed(collectCaptures()))
      return failure();
    func::FuncOp body = createBodyFunction(outlinedCount);
    OpBuilder builder = loadCaptures(body);
    if (perPoint)
      mapPointIndices(builder, body.getArgument(1));
    else
      builder = openRangeLoop(builder, body);
    cloneBody(builder);
    return replaceWithDispatch(body);
  }

private:
  /// The values the body uses from above, and, for a range, the grid's
  /// extents but the outermost (delinearization needs them), with their
  /// LLVM types: the fields of the ctx struct.
  LogicalResult collectCaptures() {
    llvm::SetVector<Value> used;
    getUsedValuesDefinedAbove(op.getBody(), used);
    // Constants are cloned into the body instead (a scalable vector splat
    // could not be a field of the ctx struct at all).
    for (Value v : used) {
      Operation *def = v.getDefiningOp();
      if (def && def->hasTrait<OpTrait::ConstantLike>() &&
          def->getNumOperands() == 0 && def->getNumRegions() == 0)
        constants.insert(def);
      else
        captures.insert(v);
    }
    if (!perPoint)
      for (Value ub : op.getUpperBounds().drop_front())
        captures.insert(ub);
    for (Value v : captures) {
      Type t = converter.convertType(v.getType());
      auto vector = dyn_cast<VectorType>(v.getType());
      if (!t || (vector && vector.isScalable()))
        return op.emitOpError("cannot pass a value of type ")
               << v.getType() << " into the parallel body";
      fieldTypes.push_back(t);
    }
    ctxType = LLVM::LLVMStructType::getLiteral(op.getContext(), fieldTypes);
    return success();
  }

  /// `<parent>_parallel_<n>`, private, after the parent's top-level op.
  func::FuncOp createBodyFunction(llvm::StringMap<unsigned> &outlinedCount) {
    auto parent = op->getParentOfType<FunctionOpInterface>();
    Operation *topLevel = parent;
    while (!isa<ModuleOp>(topLevel->getParentOp()))
      topLevel = topLevel->getParentOp();
    std::string name = (parent.getName() + "_parallel_" +
                        Twine(outlinedCount[parent.getName()]++))
                           .str();
    OpBuilder builder(topLevel);
    builder.setInsertionPointAfter(topLevel);
    bodyType = perPoint ? builder.getFunctionType({ptr, ptr}, {})
                        : builder.getFunctionType({ptr, i64, i64}, {});
    auto body = func::FuncOp::create(builder, loc, name, bodyType);
    body.setPrivate();
    body.addEntryBlock();
    return body;
  }

  /// Loads each capture from the ctx struct at the body's entry; returns a
  /// builder after them.
  OpBuilder loadCaptures(func::FuncOp body) {
    Block *entry = &body.front();
    OpBuilder builder = OpBuilder::atBlockBegin(entry);
    for (auto [i, v] : llvm::enumerate(captures)) {
      Value field = LLVM::GEPOp::create(
          builder, loc, ptr, ctxType, entry->getArgument(0),
          ArrayRef<LLVM::GEPArg>{0, static_cast<int32_t>(i)});
      Value loaded = LLVM::LoadOp::create(builder, loc, fieldTypes[i], field);
      mapping.map(v, castIfNeeded(builder, loc, v.getType(), loaded));
    }
    for (Operation *constant : constants)
      builder.clone(*constant, mapping);
    func::ReturnOp::create(builder, loc);
    builder.setInsertionPoint(entry->getTerminator());
    return builder;
  }

  /// Per point: the induction variables from the `ivs` array.
  void mapPointIndices(OpBuilder &builder, Value ivs) {
    for (auto [d, iv] : llvm::enumerate(op.getInductionVars())) {
      Value slot =
          LLVM::GEPOp::create(builder, loc, ptr, i64, ivs,
                              ArrayRef<LLVM::GEPArg>{static_cast<int32_t>(d)});
      Value value = LLVM::LoadOp::create(builder, loc, i64, slot);
      mapping.map(iv, arith::IndexCastOp::create(
                          builder, loc, builder.getIndexType(), value));
    }
  }

  /// Per range: an scf.for over [begin, end) whose induction variable is
  /// delinearized row-major into the grid's (the last dimension varies
  /// fastest); returns a builder in the loop's body. Stack slots of regions
  /// nested in this one go to the entry block, not the loop (an alloca per
  /// iteration would grow the stack with the chunk): points of one call run
  /// one after another, so they can share.
  OpBuilder openRangeLoop(OpBuilder builder, func::FuncOp body) {
    Type index = builder.getIndexType();
    Value begin =
        arith::IndexCastOp::create(builder, loc, index, body.getArgument(1));
    Value end =
        arith::IndexCastOp::create(builder, loc, index, body.getArgument(2));
    Value one = arith::ConstantIndexOp::create(builder, loc, 1);
    for (Operation &inner : op.getBody().front().without_terminator()) {
      auto alloca = dyn_cast<LLVM::AllocaOp>(inner);
      if (!alloca)
        continue;
      Operation *size = alloca.getArraySize().getDefiningOp();
      if (!isa_and_nonnull<LLVM::ConstantOp>(size) ||
          size->getBlock() != alloca->getBlock())
        continue;
      if (!mapping.contains(size->getResult(0)))
        builder.clone(*size, mapping);
      builder.clone(inner, mapping);
      hoisted.insert(&inner);
    }
    auto loop = scf::ForOp::create(builder, loc, begin, end, one);
    builder.setInsertionPointToStart(loop.getBody());
    Value rest = loop.getInductionVar();
    for (int d = op.getRank() - 1; d >= 1; --d) {
      Value extent = mapping.lookup(op.getUpperBounds()[d]);
      mapping.map(op.getInductionVars()[d],
                  arith::RemUIOp::create(builder, loc, rest, extent));
      rest = arith::DivUIOp::create(builder, loc, rest, extent);
    }
    mapping.map(op.getInductionVars()[0], rest);
    return builder;
  }

  /// The region's ops, but the hoisted slots and the constants already
  /// cloned with them.
  void cloneBody(OpBuilder &builder) {
    for (Operation &inner : op.getBody().front().without_terminator())
      if (!hoisted.contains(&inner) && !(isa<LLVM::ConstantOp>(inner) &&
                                         mapping.contains(inner.getResult(0))))
        builder.clone(inner, mapping);
  }

  /// The grid's volume as i64, or -1 when an extent is negative (the
  /// runtime rejects it, and the status check reports it) instead of a
  /// product of negatives.
  Value gridVolume(OpBuilder &builder) {
    Value zero = arith::ConstantIndexOp::create(builder, loc, 0);
    Value volume = op.getUpperBounds().front();
    Value negative = arith::CmpIOp::create(
        builder, loc, arith::CmpIPredicate::slt, volume, zero);
    for (Value ub : op.getUpperBounds().drop_front()) {
      volume = arith::MulIOp::create(builder, loc, volume, ub);
      negative = arith::OrIOp::create(
          builder, loc, negative,
          arith::CmpIOp::create(builder, loc, arith::CmpIPredicate::slt, ub,
                                zero));
    }
    Value n = arith::SelectOp::create(
        builder, loc, negative,
        arith::ConstantIndexOp::create(builder, loc, -1), volume);
    return arith::IndexCastOp::create(builder, loc, i64, n);
  }

  /// The call site: fills ctx (and, per point, the sizes), calls the
  /// runtime, checks its status, and erases the region.
  LogicalResult replaceWithDispatch(func::FuncOp body) {
    OpBuilder builder(op);
    Value ctxSlot = createStackSlot(builder, op, ctxType, 1);
    for (auto [i, v] : llvm::enumerate(captures)) {
      Value converted = castIfNeeded(builder, loc, fieldTypes[i], v);
      Value field = LLVM::GEPOp::create(
          builder, loc, ptr, ctxType, ctxSlot,
          ArrayRef<LLVM::GEPArg>{0, static_cast<int32_t>(i)});
      LLVM::StoreOp::create(builder, loc, converted, field);
    }
    Value fnRef = func::ConstantOp::create(builder, loc, bodyType,
                                           SymbolRefAttr::get(body));
    Value fnPtr = UnrealizedConversionCastOp::create(builder, loc, ptr, fnRef)
                      .getResult(0);
    RuntimeFn dispatch = perPoint ? RuntimeFn::ParallelForConcurrent
                                  : RuntimeFn::ParallelForRange;
    Operation *module = op->getParentOfType<ModuleOp>();
    FailureOr<LLVM::LLVMFuncOp> parallelFor =
        getOrInsertRuntimeFn(module, dispatch);
    if (failed(parallelFor))
      return failure();
    SmallVector<Value, 4> args;
    if (perPoint) {
      Value sizes = createStackSlot(builder, op, i64, op.getRank());
      for (auto [d, ub] : llvm::enumerate(op.getUpperBounds())) {
        Value size = arith::IndexCastOp::create(builder, loc, i64, ub);
        Value slot = LLVM::GEPOp::create(
            builder, loc, ptr, i64, sizes,
            ArrayRef<LLVM::GEPArg>{static_cast<int32_t>(d)});
        LLVM::StoreOp::create(builder, loc, size, slot);
      }
      args = {arith::ConstantIntOp::create(builder, loc, builder.getI32Type(),
                                           op.getRank()),
              sizes};
    } else {
      args = {gridVolume(builder),
              arith::ConstantIntOp::create(builder, loc, i64, 0)};
    }
    args.append({fnPtr, ctxSlot});
    Value status =
        LLVM::CallOp::create(builder, loc, *parallelFor, args).getResult();
    if (failed(emitRuntimeStatusCheck(builder, loc, module, status,
                                      (getRuntimeFnName(dispatch) +
                                       " failed for " +
                                       op->getName().getStringRef())
                                          .str())))
      return failure();
    op.erase();
    return success();
  }

  speir::ParallelOp op;
  Location loc;
  const bool perPoint;
  Type ptr, i64;
  const LLVMTypeConverter &converter;
  llvm::SetVector<Value> captures;
  /// Constants the body uses from above, cloned into it.
  llvm::SetVector<Operation *> constants;
  SmallVector<Type> fieldTypes;
  LLVM::LLVMStructType ctxType;
  FunctionType bodyType;
  IRMapping mapping;
  /// The stack slots openRangeLoop moved to the body's entry.
  llvm::SmallPtrSet<Operation *, 4> hoisted;
};

struct ConvertSpeIRToLLVMPass
    : public spine::impl::ConvertSpeIRToLLVMBase<ConvertSpeIRToLLVMPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    LLVMTypeConverter typeConverter(&getContext());
    llvm::StringMap<unsigned> outlinedCount;
    // Post-order: inner regions are outlined before the ones around them.
    WalkResult result = module.walk([&](speir::ParallelOp op) {
      return failed(ParallelOutliner(op, typeConverter).run(outlinedCount))
                 ? WalkResult::interrupt()
                 : WalkResult::advance();
    });
    if (result.wasInterrupted())
      return signalPassFailure();
    // Every op that cannot become its runtime call is reported, each once,
    // before any is converted.
    bool lowerable = true;
    module.walk([&](Operation *op) {
      if (isa<speir::SpeIRDialect>(op->getDialect()))
        lowerable &= succeeded(checkLowerable(op));
    });
    if (!lowerable)
      return signalPassFailure();
    RewritePatternSet patterns(&getContext());
    patterns
        .add<GemmLowering, Mmt4dLowering, RelayoutLowering<speir::PackOp>,
             RelayoutLowering<speir::UnpackOp>, Conv2DLowering, Pool2DLowering>(
            typeConverter);
    ConversionTarget target(getContext());
    target.addIllegalOp<speir::GemmOp, speir::Mmt4dOp, speir::PackOp,
                        speir::UnpackOp, speir::Conv2DOp, speir::Pool2DOp>();
    target.markUnknownOpDynamicallyLegal([](Operation *) { return true; });
    if (failed(applyPartialConversion(module, target, std::move(patterns))))
      return signalPassFailure();
    module->removeAttr(speir::SpeIRDialect::kTargetAttrName);
  }
};

} // namespace

#include "spine/Conversion/Passes.h"
#include "spine/Conversion/RuntimeABI.h"
#include "spine/Dialect/SpeIR/IR/ContractionTypes.h"
#include "spine/Dialect/SpeIR/IR/SpeIR.h"

#include "mlir/Conversion/LLVMCommon/TypeConverter.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/Interfaces/FunctionInterfaces.h"
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
/// and strides in elements (as i64).
struct RuntimeView {
  Value ptr;
  SmallVector<Value> sizes;
  SmallVector<Value> strides;
};

RuntimeView describe(OpBuilder &b, Location loc, Value memref) {
  auto type = cast<MemRefType>(memref.getType());
  Type i64 = b.getI64Type();
  auto metadata = memref::ExtractStridedMetadataOp::create(b, loc, memref);
  Value base = memref::ExtractAlignedPointerAsIndexOp::create(
      b, loc, b.getIndexType(), memref);
  Value baseInt = arith::IndexCastOp::create(b, loc, i64, base);
  Value basePtr = LLVM::IntToPtrOp::create(
      b, loc, LLVM::LLVMPointerType::get(b.getContext()), baseInt);
  Value offset = arith::IndexCastOp::create(b, loc, i64, metadata.getOffset());
  RuntimeView view;
  view.ptr =
      LLVM::GEPOp::create(b, loc, basePtr.getType(), type.getElementType(),
                          basePtr, ArrayRef<LLVM::GEPArg>{offset});
  for (Value v : metadata.getSizes())
    view.sizes.push_back(arith::IndexCastOp::create(b, loc, i64, v));
  for (Value v : metadata.getStrides())
    view.strides.push_back(arith::IndexCastOp::create(b, loc, i64, v));
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

Value i32Const(OpBuilder &b, Location loc, int64_t v) {
  return arith::ConstantIntOp::create(b, loc, b.getI32Type(), v);
}
Value i64Const(OpBuilder &b, Location loc, int64_t v) {
  return arith::ConstantIntOp::create(b, loc, b.getI64Type(), v);
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

struct ConvertSpeIRToLLVMPass
    : public spine::impl::ConvertSpeIRToLLVMBase<ConvertSpeIRToLLVMPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    LLVMTypeConverter typeConverter(&getContext());
    llvm::StringMap<unsigned> outlinedCount;
    // Post-order: inner regions are outlined before the ones around them.
    WalkResult result = module.walk([&](speir::ParallelOp op) {
      return failed(outlineParallel(op, typeConverter, outlinedCount))
                 ? WalkResult::interrupt()
                 : WalkResult::advance();
    });
    if (result.wasInterrupted())
      return signalPassFailure();
    result = module.walk([&](Operation *op) {
      LogicalResult lowered = success();
      if (auto gemm = dyn_cast<speir::GemmOp>(op))
        lowered = lowerGemm(gemm);
      else if (auto mmt4d = dyn_cast<speir::Mmt4dOp>(op))
        lowered = lowerMmt4d(mmt4d);
      else if (auto pack = dyn_cast<speir::PackOp>(op))
        lowered = lowerPack(pack);
      else if (auto unpack = dyn_cast<speir::UnpackOp>(op))
        lowered = lowerUnpack(unpack);
      else if (auto conv = dyn_cast<speir::Conv2DOp>(op))
        lowered = lowerConv2d(conv);
      else if (auto pool = dyn_cast<speir::Pool2DOp>(op))
        lowered = lowerPool2d(pool);
      return failed(lowered) ? WalkResult::interrupt() : WalkResult::advance();
    });
    if (result.wasInterrupted())
      return signalPassFailure();
    module->removeAttr(speir::SpeIRDialect::kTargetAttrName);
  }

  /// Calls `fn` with `args` before `op`, reports the failure (location, `fn`
  /// and `op`, the status; then aborts) if it returns a non-zero status, and
  /// erases `op`.
  LogicalResult callAndCheck(Operation *op, RuntimeFn fn, ValueRange args) {
    FailureOr<LLVM::LLVMFuncOp> callee =
        getOrInsertRuntimeFn(getOperation(), fn);
    if (failed(callee))
      return failure();
    OpBuilder b(op);
    Location loc = op->getLoc();
    Value status = LLVM::CallOp::create(b, loc, *callee, args).getResult();
    if (failed(emitRuntimeStatusCheck(b, loc, getOperation(), status,
                                      (getRuntimeFnName(fn) + " failed for " +
                                       op->getName().getStringRef())
                                          .str())))
      return failure();
    op->erase();
    return success();
  }

  LogicalResult lowerGemm(speir::GemmOp op) {
    OpBuilder b(op);
    Location loc = op.getLoc();
    FailureOr<int32_t> type = runtimeTypeCode(
        op, getElementTypeOrSelf(op.getA()), getElementTypeOrSelf(op.getB()),
        op.getAccElementType(), op.getLhsUnsigned(), op.getRhsUnsigned());
    if (failed(type))
      return failure();
    unsigned r = cast<MemRefType>(op.getA().getType()).getRank();
    uint32_t flags = op.getAccumulate() ? SPEIR_GEMM_ACCUMULATE : 0;
    // Row-major, or (unit stride in the other dimension) transposed.
    // The leading dimension of a matrix stored with `rows` lines of `cols`
    // elements at stride `ld`: with one line the stride means nothing (a
    // view may carry any, e.g. 1), and the runtime wants ldc >= N (A and B
    // may take any ld >= 0: 0 repeats a line, as a broadcast view does).
    auto lineStride = [&](Value ld, Value rows, Value cols) -> Value {
      Value one = i64Const(b, loc, 1);
      Value single =
          arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq, rows, one);
      Value widened = arith::MaxSIOp::create(b, loc, ld, cols);
      return arith::SelectOp::create(b, loc, single, widened, ld);
    };
    auto leading = [&](Value v, RuntimeView &view,
                       uint32_t transposeFlag) -> FailureOr<Value> {
      SmallVector<int64_t> strides = staticStrides(v);
      if (!strides.empty() && strides[r - 1] == 1)
        return lineStride(view.strides[r - 2], view.sizes[r - 2],
                          view.sizes[r - 1]);
      if (!strides.empty() && strides[r - 2] == 1 && transposeFlag) {
        flags |= transposeFlag;
        return lineStride(view.strides[r - 1], view.sizes[r - 1],
                          view.sizes[r - 2]);
      }
      return op
          .emitOpError("operand needs a unit stride in its innermost "
                       "dimension")
          .operator LogicalResult();
    };
    RuntimeView a = describe(b, loc, op.getA());
    RuntimeView bv = describe(b, loc, op.getB());
    FailureOr<Value> lda = leading(op.getA(), a, SPEIR_GEMM_TRANSPOSE_A);
    FailureOr<Value> ldb = leading(op.getB(), bv, SPEIR_GEMM_TRANSPOSE_B);
    if (failed(lda) || failed(ldb))
      return failure();
    Value k = a.sizes[r - 1];
    Value typeValue = i32Const(b, loc, *type);
    if (op.hasEpilogue())
      return lowerFusedGemm(b, op, typeValue, flags, a, *lda, bv, *ldb, k);
    RuntimeView c = describe(b, loc, op.getC());
    FailureOr<Value> ldc = leading(op.getC(), c, 0);
    if (failed(ldc))
      return failure();
    Value m = c.sizes[r - 2], n = c.sizes[r - 1];
    Value flagsValue = i32Const(b, loc, flags);
    if (r == 2)
      return callAndCheck(op, RuntimeFn::Gemm,
                          {typeValue, flagsValue, m, n, k, a.ptr, *lda, bv.ptr,
                           *ldb, c.ptr, *ldc});
    return callAndCheck(op, RuntimeFn::GemmBatched,
                        {typeValue, flagsValue, c.sizes[0], m, n, k, a.ptr,
                         *lda, a.strides[0], bv.ptr, *ldb, bv.strides[0], c.ptr,
                         *ldc, c.strides[0]});
  }

  /// speir_gemm_fused with a speir_gemm_epilogue_t built in a stack slot of
  /// the entry block (the verifier guarantees unit inner strides of c, out
  /// and residual, and the operand shapes).
  LogicalResult lowerFusedGemm(OpBuilder &b, speir::GemmOp op, Value typeValue,
                               uint32_t flags, const RuntimeView &a, Value lda,
                               const RuntimeView &bv, Value ldb, Value k) {
    Location loc = op.getLoc();
    MLIRContext *ctx = op.getContext();
    Type ptr = LLVM::LLVMPointerType::get(ctx);
    Value null = LLVM::ZeroOp::create(b, loc, ptr);
    Value zero = i64Const(b, loc, 0);
    auto pointerOf = [&](Value memref) {
      return memref ? describe(b, loc, memref).ptr : null;
    };
    auto kindOf = [&](std::optional<speir::EpilogueBroadcast> kind) {
      return i32Const(b, loc,
                      kind ? static_cast<int32_t>(*kind) : SPEIR_EPILOGUE_NONE);
    };
    RuntimeView out = describe(b, loc, op.getOut());
    Value ldr = zero, residual = null;
    if (Value res = op.getResidual()) {
      RuntimeView view = describe(b, loc, res);
      residual = view.ptr;
      ldr = view.strides[0];
    }
    Value c = null, ldc = zero;
    if (Value cv = op.getC()) {
      RuntimeView view = describe(b, loc, cv);
      c = view.ptr;
      ldc = view.strides[0];
    }
    std::optional<speir::EpilogueActivation> act = op.getActivation();
    SmallVector<Value> fields = {
        kindOf(op.getScaleKind()),
        kindOf(op.getBiasKind()),
        i32Const(b, loc,
                 act ? static_cast<int32_t>(*act) : SPEIR_EPILOGUE_ACT_NONE),
        i32Const(b, loc, epilogueTypeCode(getElementTypeOrSelf(op.getOut()))),
        pointerOf(op.getScale()),
        pointerOf(op.getBias()),
        residual,
        ldr,
        out.ptr,
        out.strides[0]};
    LLVM::LLVMStructType descType = getGemmEpilogueType(ctx);
    Value desc = createStackSlot(b, op, descType, 1);
    for (auto [i, v] : llvm::enumerate(fields)) {
      Value slot = LLVM::GEPOp::create(
          b, loc, ptr, descType, desc,
          ArrayRef<LLVM::GEPArg>{0, static_cast<int32_t>(i)});
      LLVM::StoreOp::create(b, loc, v, slot);
    }
    return callAndCheck(op, RuntimeFn::GemmFused,
                        {typeValue, i32Const(b, loc, flags), out.sizes[0],
                         out.sizes[1], k, a.ptr, lda, bv.ptr, ldb, c, ldc,
                         desc});
  }

  LogicalResult lowerMmt4d(speir::Mmt4dOp op) {
    OpBuilder b(op);
    Location loc = op.getLoc();
    auto lhsType = cast<MemRefType>(op.getLhs().getType());
    FailureOr<int32_t> type = runtimeTypeCode(
        op, getElementTypeOrSelf(op.getLhs()),
        getElementTypeOrSelf(op.getRhs()), getElementTypeOrSelf(op.getAcc()),
        op.getLhsUnsigned(), op.getRhsUnsigned());
    if (failed(type))
      return failure();
    RuntimeView lhs = describe(b, loc, op.getLhs());
    RuntimeView rhs = describe(b, loc, op.getRhs());
    RuntimeView acc = describe(b, loc, op.getAcc());
    uint32_t flags = op.getAccumulate() ? SPEIR_GEMM_ACCUMULATE : 0;
    return callAndCheck(
        op, RuntimeFn::Mmt4d,
        {i32Const(b, loc, *type), i32Const(b, loc, flags), lhs.ptr,
         lhs.strides[0], lhs.strides[1], rhs.ptr, rhs.strides[0],
         rhs.strides[1], acc.ptr, acc.strides[0], acc.strides[1], lhs.sizes[0],
         rhs.sizes[0], lhs.sizes[1], i64Const(b, loc, lhsType.getDimSize(2)),
         i64Const(b, loc,
                  cast<MemRefType>(op.getRhs().getType()).getDimSize(2)),
         i64Const(b, loc, lhsType.getDimSize(3))});
  }

  /// The runtime packs with matching outer and inner orders: [0,1]/[0,1]
  /// reads the matrix as is (false), [1,0]/[1,0] reads it transposed (true).
  template <typename OpTy> static FailureOr<bool> readsTransposed(OpTy op) {
    if (op.getOuterDimsPerm() != op.getInnerDimsPos())
      return op.emitOpError("with outer_dims_perm different from "
                            "inner_dims_pos has no runtime kernel");
    return op.getInnerDimsPos()[0] == 1;
  }

  LogicalResult lowerPack(speir::PackOp op) {
    FailureOr<bool> transposed = readsTransposed(op);
    if (failed(transposed))
      return failure();
    OpBuilder b(op);
    Location loc = op.getLoc();
    auto destType = cast<MemRefType>(op.getDest().getType());
    Type element = destType.getElementType();
    RuntimeView src = describe(b, loc, op.getSource());
    RuntimeView dst = describe(b, loc, op.getDest());
    Value padding;
    Type ptr = LLVM::LLVMPointerType::get(b.getContext());
    if (Value pad = op.getPaddingValue()) {
      padding = createStackSlot(b, op, element, 1);
      LLVM::StoreOp::create(b, loc, pad, padding);
    } else {
      padding = LLVM::ZeroOp::create(b, loc, ptr);
    }
    // speir_pack_lhs: dst[o0][o1][i0][i1] = X[o0*T0+i0][o1*T1+i1], X the
    // source, or its transpose (swap rows/cols and their strides).
    unsigned i = *transposed ? 1 : 0, j = 1 - i;
    Value elemBytes = i32Const(b, loc, element.getIntOrFloatBitWidth() / 8);
    return callAndCheck(op, RuntimeFn::PackLhs,
                        {elemBytes, src.ptr, src.sizes[i], src.sizes[j],
                         src.strides[i], src.strides[j], dst.ptr,
                         dst.strides[0], dst.strides[1],
                         i64Const(b, loc, destType.getDimSize(2)),
                         i64Const(b, loc, destType.getDimSize(3)), padding});
  }

  LogicalResult lowerUnpack(speir::UnpackOp op) {
    FailureOr<bool> transposed = readsTransposed(op);
    if (failed(transposed))
      return failure();
    OpBuilder b(op);
    Location loc = op.getLoc();
    auto srcType = cast<MemRefType>(op.getSource().getType());
    RuntimeView src = describe(b, loc, op.getSource());
    RuntimeView dst = describe(b, loc, op.getDest());
    unsigned i = *transposed ? 1 : 0, j = 1 - i;
    Value elemBytes =
        i32Const(b, loc, srcType.getElementType().getIntOrFloatBitWidth() / 8);
    return callAndCheck(op, RuntimeFn::UnpackAcc,
                        {elemBytes, src.ptr, src.strides[0], src.strides[1],
                         i64Const(b, loc, srcType.getDimSize(2)),
                         i64Const(b, loc, srcType.getDimSize(3)), dst.ptr,
                         dst.sizes[i], dst.sizes[j], dst.strides[i],
                         dst.strides[j]});
  }

  /// A speir_conv2d_desc_t on the stack (kConv2dDescFields i64 values).
  /// Logical dimension orders: input/output (n, y, x, c), filter
  /// (ky, kx, c, f); -1 in filterDims marks a dimension the filter does not
  /// have (depthwise: the one channel of a group, stride 0).
  Value buildConv2dDesc(OpBuilder &b, Operation *op, const RuntimeView &in,
                        const RuntimeView *w, const RuntimeView &out,
                        ArrayRef<int> ioDims, ArrayRef<int> filterDims,
                        ArrayRef<int64_t> window, ArrayRef<int64_t> strides,
                        ArrayRef<int64_t> dilations,
                        ArrayRef<int64_t> padding) {
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

  LogicalResult lowerConv2d(speir::Conv2DOp op) {
    OpBuilder b(op);
    Location loc = op.getLoc();
    FailureOr<int32_t> type =
        runtimeTypeCode(op, getElementTypeOrSelf(op.getInput()),
                        getElementTypeOrSelf(op.getFilter()),
                        getElementTypeOrSelf(op.getInit()));
    if (failed(type))
      return failure();
    const speir::Conv2DOp::LayoutDims dims =
        speir::Conv2DOp::getLayoutDims(op.getLayout());
    RuntimeView in = describe(b, loc, op.getInput());
    RuntimeView filter = describe(b, loc, op.getFilter());
    RuntimeView out = describe(b, loc, op.getInit());
    Value desc =
        buildConv2dDesc(b, op, in, &filter, out, dims.io, dims.filter, {},
                        op.getStrides(), op.getDilations(), op.getPadding());
    uint32_t flags = op.getAccumulate() ? SPEIR_GEMM_ACCUMULATE : 0;
    return callAndCheck(op, RuntimeFn::Conv2d,
                        {i32Const(b, loc, *type), i32Const(b, loc, flags), desc,
                         in.ptr, filter.ptr, out.ptr});
  }

  LogicalResult lowerPool2d(speir::Pool2DOp op) {
    OpBuilder b(op);
    Location loc = op.getLoc();
    Type in = getElementTypeOrSelf(op.getInput());
    Type out = getElementTypeOrSelf(op.getInit());
    FailureOr<int32_t> type = runtimeTypeCode(op, in, in, out);
    if (failed(type))
      return failure();
    static_assert(int(speir::PoolKind::max) == SPEIR_POOL_MAX &&
                      int(speir::PoolKind::min) == SPEIR_POOL_MIN &&
                      int(speir::PoolKind::sum) == SPEIR_POOL_SUM,
                  "speir::PoolKind follows speir_pool_kind_t");
    int32_t kindCode = static_cast<int32_t>(op.getKind());
    SmallVector<int> ioDims = op.isNchw() ? SmallVector<int>{0, 2, 3, 1}
                                          : SmallVector<int>{0, 1, 2, 3};
    RuntimeView inView = describe(b, loc, op.getInput());
    RuntimeView outView = describe(b, loc, op.getInit());
    Value desc = buildConv2dDesc(b, op, inView, nullptr, outView, ioDims, {},
                                 op.getWindow(), op.getStrides(),
                                 op.getDilations(), op.getPadding());
    uint32_t flags = op.getAccumulate() ? SPEIR_GEMM_ACCUMULATE : 0;
    return callAndCheck(op, RuntimeFn::Pool2d,
                        {i32Const(b, loc, *type), i32Const(b, loc, kindCode),
                         i32Const(b, loc, flags), desc, inView.ptr,
                         outView.ptr});
  }

  LogicalResult outlineParallel(speir::ParallelOp op,
                                const LLVMTypeConverter &typeConverter,
                                llvm::StringMap<unsigned> &outlinedCount) {
    MLIRContext *ctx = op.getContext();
    Location loc = op.getLoc();
    Type ptr = LLVM::LLVMPointerType::get(ctx);
    Type i64 = IntegerType::get(ctx, 64);

    // Concurrent regions keep one call per point (speir_parallel_for_
    // concurrent: every point on a thread of its own). Other regions become
    // one call per chunk (speir_parallel_for_range): the body loops over its
    // range of the row-major linearized grid itself.
    const bool perPoint = op.getConcurrent();
    llvm::SetVector<Value> captures;
    getUsedValuesDefinedAbove(op.getBody(), captures);
    // Delinearizing a range needs every extent but the outermost.
    if (!perPoint)
      for (Value ub : op.getUpperBounds().drop_front())
        captures.insert(ub);
    SmallVector<Type> fieldTypes;
    for (Value v : captures) {
      Type t = typeConverter.convertType(v.getType());
      if (!t)
        return op.emitOpError("cannot pass a value of type ")
               << v.getType() << " into the parallel body";
      fieldTypes.push_back(t);
    }
    auto ctxType = LLVM::LLVMStructType::getLiteral(ctx, fieldTypes);

    // The outlined body: void name(ptr ctx, ptr ivs) per point, or
    // void name(ptr ctx, i64 begin, i64 end) per range.
    auto parent = op->getParentOfType<FunctionOpInterface>();
    Operation *topLevel = parent;
    while (!isa<ModuleOp>(topLevel->getParentOp()))
      topLevel = topLevel->getParentOp();
    std::string name = (parent.getName() + "_parallel_" +
                        Twine(outlinedCount[parent.getName()]++))
                           .str();
    OpBuilder builder(topLevel);
    builder.setInsertionPointAfter(topLevel);
    auto bodyType = perPoint ? builder.getFunctionType({ptr, ptr}, {})
                             : builder.getFunctionType({ptr, i64, i64}, {});
    auto body = func::FuncOp::create(builder, loc, name, bodyType);
    body.setPrivate();
    Block *entry = body.addEntryBlock();
    builder.setInsertionPointToStart(entry);
    IRMapping mapping;
    llvm::SmallPtrSet<Operation *, 4> hoisted;
    for (auto [i, v] : llvm::enumerate(captures)) {
      Value field = LLVM::GEPOp::create(
          builder, loc, ptr, ctxType, entry->getArgument(0),
          ArrayRef<LLVM::GEPArg>{0, static_cast<int32_t>(i)});
      Value loaded = LLVM::LoadOp::create(builder, loc, fieldTypes[i], field);
      mapping.map(v, castIfNeeded(builder, loc, v.getType(), loaded));
    }
    if (perPoint) {
      for (auto [d, iv] : llvm::enumerate(op.getInductionVars())) {
        Value slot = LLVM::GEPOp::create(
            builder, loc, ptr, i64, entry->getArgument(1),
            ArrayRef<LLVM::GEPArg>{static_cast<int32_t>(d)});
        Value value = LLVM::LoadOp::create(builder, loc, i64, slot);
        mapping.map(iv, arith::IndexCastOp::create(
                            builder, loc, builder.getIndexType(), value));
      }
    } else {
      Type index = builder.getIndexType();
      Value begin = arith::IndexCastOp::create(builder, loc, index,
                                               entry->getArgument(1));
      Value end = arith::IndexCastOp::create(builder, loc, index,
                                             entry->getArgument(2));
      Value one = arith::ConstantIndexOp::create(builder, loc, 1);
      // Stack slots of regions nested in this one go to the entry block, not
      // the loop (an alloca per iteration would grow the stack with the
      // chunk): points of one call run one after another, so they can share.
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
      // Row-major delinearization: the last dimension varies fastest.
      Value rest = loop.getInductionVar();
      for (int d = op.getRank() - 1; d >= 1; --d) {
        Value extent = mapping.lookup(op.getUpperBounds()[d]);
        mapping.map(op.getInductionVars()[d],
                    arith::RemUIOp::create(builder, loc, rest, extent));
        rest = arith::DivUIOp::create(builder, loc, rest, extent);
      }
      mapping.map(op.getInductionVars()[0], rest);
    }
    for (Operation &inner : op.getBody().front().without_terminator())
      if (!hoisted.contains(&inner) && !(isa<LLVM::ConstantOp>(inner) &&
                                         mapping.contains(inner.getResult(0))))
        builder.clone(inner, mapping);
    builder.setInsertionPointToEnd(entry);
    func::ReturnOp::create(builder, loc);

    // The call site: fill ctx (and sizes), call the runtime, check its status.
    builder.setInsertionPoint(op);
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
    FailureOr<LLVM::LLVMFuncOp> parallelFor =
        getOrInsertRuntimeFn(getOperation(), dispatch);
    if (failed(parallelFor))
      return failure();
    Value status;
    if (perPoint) {
      Value sizes = createStackSlot(builder, op, i64, op.getRank());
      for (auto [d, ub] : llvm::enumerate(op.getUpperBounds())) {
        Value size = arith::IndexCastOp::create(builder, loc, i64, ub);
        Value slot = LLVM::GEPOp::create(
            builder, loc, ptr, i64, sizes,
            ArrayRef<LLVM::GEPArg>{static_cast<int32_t>(d)});
        LLVM::StoreOp::create(builder, loc, size, slot);
      }
      Value rank = arith::ConstantIntOp::create(
          builder, loc, builder.getI32Type(), op.getRank());
      status = LLVM::CallOp::create(builder, loc, *parallelFor,
                                    ValueRange{rank, sizes, fnPtr, ctxSlot})
                   .getResult();
    } else {
      // A negative extent becomes n = -1, which the runtime rejects (the
      // assert below then fires) instead of a product of negatives.
      Value zeroIndex = arith::ConstantIndexOp::create(builder, loc, 0);
      Value volume = op.getUpperBounds().front();
      Value negative = arith::CmpIOp::create(
          builder, loc, arith::CmpIPredicate::slt, volume, zeroIndex);
      for (Value ub : op.getUpperBounds().drop_front()) {
        volume = arith::MulIOp::create(builder, loc, volume, ub);
        negative = arith::OrIOp::create(
            builder, loc, negative,
            arith::CmpIOp::create(builder, loc, arith::CmpIPredicate::slt, ub,
                                  zeroIndex));
      }
      Value n = arith::SelectOp::create(
          builder, loc, negative,
          arith::ConstantIndexOp::create(builder, loc, -1), volume);
      n = arith::IndexCastOp::create(builder, loc, i64, n);
      Value grain = arith::ConstantIntOp::create(builder, loc, i64, 0);
      status = LLVM::CallOp::create(builder, loc, *parallelFor,
                                    ValueRange{n, grain, fnPtr, ctxSlot})
                   .getResult();
    }
    Operation *module = op->getParentOfType<ModuleOp>();
    if (failed(emitRuntimeStatusCheck(builder, loc, module, status,
                                      (getRuntimeFnName(dispatch) +
                                       " failed for " +
                                       op->getName().getStringRef())
                                          .str())))
      return failure();
    op.erase();
    return success();
  }
};

} // namespace

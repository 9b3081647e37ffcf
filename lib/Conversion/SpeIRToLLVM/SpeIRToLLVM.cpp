#include "spine/Conversion/Passes.h"
#include "spine/Conversion/RuntimeABI.h"
#include "spine/Dialect/SpeIR/IR/SpeIR.h"

#include "mlir/Conversion/LLVMCommon/TypeConverter.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/ControlFlow/IR/ControlFlow.h"
#include "mlir/Dialect/ControlFlow/IR/ControlFlowOps.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/Interfaces/FunctionInterfaces.h"
#include "mlir/Transforms/RegionUtils.h"

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
  return LLVM::AllocaOp::create(builder, loc,
                                LLVM::LLVMPointerType::get(builder.getContext()),
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
    module->removeAttr(speir::SpeIRDialect::kTargetAttrName);
  }

  LogicalResult outlineParallel(speir::ParallelOp op,
                                const LLVMTypeConverter &typeConverter,
                                llvm::StringMap<unsigned> &outlinedCount) {
    MLIRContext *ctx = op.getContext();
    Location loc = op.getLoc();
    Type ptr = LLVM::LLVMPointerType::get(ctx);
    Type i64 = IntegerType::get(ctx, 64);

    llvm::SetVector<Value> captures;
    getUsedValuesDefinedAbove(op.getBody(), captures);
    SmallVector<Type> fieldTypes;
    for (Value v : captures) {
      Type t = typeConverter.convertType(v.getType());
      if (!t)
        return op.emitOpError("cannot pass a value of type ")
               << v.getType() << " into the parallel body";
      fieldTypes.push_back(t);
    }
    auto ctxType = LLVM::LLVMStructType::getLiteral(ctx, fieldTypes);

    // The outlined body: void name(ptr ctx, ptr ivs).
    auto parent = op->getParentOfType<FunctionOpInterface>();
    Operation *topLevel = parent;
    while (!isa<ModuleOp>(topLevel->getParentOp()))
      topLevel = topLevel->getParentOp();
    std::string name = (parent.getName() + "_parallel_" +
                        Twine(outlinedCount[parent.getName()]++))
                           .str();
    OpBuilder builder(topLevel);
    builder.setInsertionPointAfter(topLevel);
    auto bodyType = builder.getFunctionType({ptr, ptr}, {});
    auto body = func::FuncOp::create(builder, loc, name, bodyType);
    body.setPrivate();
    Block *entry = body.addEntryBlock();
    builder.setInsertionPointToStart(entry);
    IRMapping mapping;
    for (auto [i, v] : llvm::enumerate(captures)) {
      Value field = LLVM::GEPOp::create(
          builder, loc, ptr, ctxType, entry->getArgument(0),
          ArrayRef<LLVM::GEPArg>{0, static_cast<int32_t>(i)});
      Value loaded = LLVM::LoadOp::create(builder, loc, fieldTypes[i], field);
      mapping.map(v, castIfNeeded(builder, loc, v.getType(), loaded));
    }
    for (auto [d, iv] : llvm::enumerate(op.getInductionVars())) {
      Value slot = LLVM::GEPOp::create(
          builder, loc, ptr, i64, entry->getArgument(1),
          ArrayRef<LLVM::GEPArg>{static_cast<int32_t>(d)});
      Value value = LLVM::LoadOp::create(builder, loc, i64, slot);
      mapping.map(iv, arith::IndexCastOp::create(builder, loc,
                                                 builder.getIndexType(), value));
    }
    for (Operation &inner : op.getBody().front().without_terminator())
      builder.clone(inner, mapping);
    func::ReturnOp::create(builder, loc);

    // The call site: fill ctx and sizes, call the runtime, check its status.
    builder.setInsertionPoint(op);
    Value ctxSlot = createStackSlot(builder, op, ctxType, 1);
    for (auto [i, v] : llvm::enumerate(captures)) {
      Value converted = castIfNeeded(builder, loc, fieldTypes[i], v);
      Value field = LLVM::GEPOp::create(
          builder, loc, ptr, ctxType, ctxSlot,
          ArrayRef<LLVM::GEPArg>{0, static_cast<int32_t>(i)});
      LLVM::StoreOp::create(builder, loc, converted, field);
    }
    Value sizes = createStackSlot(builder, op, i64, op.getRank());
    for (auto [d, ub] : llvm::enumerate(op.getUpperBounds())) {
      Value size = arith::IndexCastOp::create(builder, loc, i64, ub);
      Value slot = LLVM::GEPOp::create(builder, loc, ptr, i64, sizes,
                                       ArrayRef<LLVM::GEPArg>{static_cast<int32_t>(d)});
      LLVM::StoreOp::create(builder, loc, size, slot);
    }
    Value fnRef = func::ConstantOp::create(builder, loc, bodyType,
                                           SymbolRefAttr::get(body));
    Value fnPtr =
        UnrealizedConversionCastOp::create(builder, loc, ptr, fnRef).getResult(0);
    FailureOr<LLVM::LLVMFuncOp> parallelFor =
        getOrInsertRuntimeFn(getOperation(), RuntimeFn::ParallelFor);
    if (failed(parallelFor))
      return failure();
    Value rank = arith::ConstantIntOp::create(builder, loc, builder.getI32Type(),
                                             op.getRank());
    Value status = LLVM::CallOp::create(builder, loc, *parallelFor,
                                        ValueRange{rank, sizes, fnPtr, ctxSlot})
                       .getResult();
    Value zero =
        arith::ConstantIntOp::create(builder, loc, builder.getI32Type(), 0);
    Value ok = arith::CmpIOp::create(builder, loc, arith::CmpIPredicate::eq,
                                     status, zero);
    cf::AssertOp::create(builder, loc, ok,
                         "speir_parallel_for failed (invalid grid)");
    op.erase();
    return success();
  }
};

} // namespace

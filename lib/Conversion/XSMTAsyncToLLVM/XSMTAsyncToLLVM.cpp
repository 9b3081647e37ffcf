#include "spine/Conversion/Passes.h"
#include "spine/Conversion/RuntimeABI.h"
#include "spine/Dialect/XSMTAsync/IR/XSMTAsync.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"

namespace mlir::spine {
#define GEN_PASS_DEF_CONVERTXSMTASYNCTOLLVM
#include "spine/Conversion/Passes.h.inc"
} // namespace mlir::spine

using namespace mlir;
using namespace mlir::spine;

namespace {

/// Number of trailing i32 grid arguments of a frontend kernel:
/// gridX, gridY, gridZ, pidX, pidY, pidZ.
constexpr unsigned kGridArgs = 6;

struct ConvertXSMTAsyncToLLVMPass
    : public spine::impl::ConvertXSMTAsyncToLLVMBase<
          ConvertXSMTAsyncToLLVMPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    IRRewriter rewriter(&getContext());
    WalkResult result = module.walk([&](Operation *op) {
      if (op->getDialect() &&
          isa<xsmt_async::XSMTAsyncDialect>(op->getDialect()))
        return failed(lower(rewriter, op)) ? WalkResult::interrupt()
                                           : WalkResult::advance();
      return WalkResult::advance();
    });
    if (result.wasInterrupted())
      signalPassFailure();
  }

  LogicalResult lower(IRRewriter &rewriter, Operation *op) {
    rewriter.setInsertionPoint(op);
    Location loc = op->getLoc();
    Type ptr = LLVM::LLVMPointerType::get(op->getContext());
    Type i64 = rewriter.getI64Type();
    auto toPtr = [&](Value handle) {
      return LLVM::IntToPtrOp::create(rewriter, loc, ptr, handle).getResult();
    };
    auto call = [&](RuntimeFn fn, ValueRange args) -> FailureOr<LLVM::CallOp> {
      FailureOr<LLVM::LLVMFuncOp> callee =
          getOrInsertRuntimeFn(getOperation(), fn);
      if (failed(callee))
        return failure();
      return LLVM::CallOp::create(rewriter, loc, *callee, args);
    };

    if (auto alloc = dyn_cast<xsmt_async::MBarrierAllocOp>(op)) {
      FailureOr<LLVM::CallOp> c = call(
          RuntimeFn::MBarrierAlloc, {alloc.getParity(), alloc.getArrCount(),
                                     alloc.getTxCount(), alloc.getExCount()});
      if (failed(c))
        return failure();
      rewriter.replaceOpWithNewOp<LLVM::PtrToIntOp>(op, i64, c->getResult());
      return success();
    }
    if (auto release = dyn_cast<xsmt_async::MBarrierReleaseOp>(op)) {
      if (failed(
              call(RuntimeFn::MBarrierRelease, {toPtr(release.getMbarrier())})))
        return failure();
      rewriter.eraseOp(op);
      return success();
    }
    if (auto arrive = dyn_cast<xsmt_async::MBarrierArriveOp>(op)) {
      if (failed(
              call(RuntimeFn::MBarrierArrive, {toPtr(arrive.getMbarrier())})))
        return failure();
      rewriter.eraseOp(op);
      return success();
    }
    if (auto wait = dyn_cast<xsmt_async::MBarrierWaitOp>(op)) {
      if (failed(call(RuntimeFn::MBarrierWait,
                      {toPtr(wait.getMbarrier()), wait.getParity(),
                       wait.getArrCount()})))
        return failure();
      rewriter.eraseOp(op);
      return success();
    }
    if (auto grid = dyn_cast<xsmt_async::GridOp>(op))
      return lowerGrid(rewriter, grid);
    return op->emitError("no lowering for this xsmt_async op");
  }

  /// program_id(axis) is the kernel's pid argument for that axis.
  LogicalResult lowerGrid(IRRewriter &rewriter, xsmt_async::GridOp grid) {
    auto func = grid->getParentOfType<func::FuncOp>();
    unsigned n = func ? func.getNumArguments() : 0;
    if (!func || n < kGridArgs ||
        !llvm::all_of(
            func.getArgumentTypes().take_back(kGridArgs),
            [](Type t) { return t.isInteger(32); }))
      return grid.emitOpError("must be inside a kernel whose last six "
                              "arguments are the i32 grid and program ids");
    Location loc = grid.getLoc();
    Type i64 = rewriter.getI64Type();
    SmallVector<Value, 3> pids;
    for (unsigned axis = 0; axis < 3; ++axis)
      pids.push_back(arith::ExtSIOp::create(rewriter, loc, i64,
                                            func.getArgument(n - 3 + axis)));
    // Constant axes select directly; others pick at run time.
    APInt constantAxis;
    if (matchPattern(grid.getAxis(), m_ConstantInt(&constantAxis))) {
      rewriter.replaceOp(grid, pids[constantAxis.getZExtValue()]);
      return success();
    }
    Value axis = grid.getAxis();
    auto isAxis = [&](int64_t k) {
      Value c = arith::ConstantIntOp::create(rewriter, loc, i64, k);
      return arith::CmpIOp::create(rewriter, loc, arith::CmpIPredicate::eq,
                                   axis, c);
    };
    Value yz =
        arith::SelectOp::create(rewriter, loc, isAxis(1), pids[1], pids[2]);
    rewriter.replaceOpWithNewOp<arith::SelectOp>(grid, isAxis(0), pids[0], yz);
    return success();
  }
};

} // namespace

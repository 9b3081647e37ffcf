//===- ExpandArith.cpp - arith ops the LLVM lowering cannot take ----------===//
//
// Upstream's arith-expand rewrites, besides the divisions with rounding and
// bf16 conversions that convert-arith-to-llvm has no lowering for, every
// float minimum and maximum into compares and selects. For f32 and f64 that
// throws away one-instruction lowerings: llvm.maxnum is one vfmax/fmax on
// RISC-V, llvm.maximum three, where the compare/select form takes five. So
// this pass expands only what must be expanded and leaves f32/f64 min/max
// to convert-arith-to-llvm's intrinsics. f16 and bf16 min/max are still
// expanded (their promotion would need a conversion back that riscv64's
// libgcc 12 lacks for bf16).
//
//===----------------------------------------------------------------------===//

#include "spine/Conversion/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Transforms/Passes.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/Transforms/DialectConversion.h"

namespace mlir::spine {
#define GEN_PASS_DEF_EXPANDARITHFORLLVM
#include "spine/Conversion/Passes.h.inc"
} // namespace mlir::spine

using namespace mlir;

namespace {

bool hasF32OrF64Elements(Operation *op) {
  Type element = getElementTypeOrSelf(op->getResult(0).getType());
  return element.isF32() || element.isF64();
}

struct ExpandArithForLLVMPass
    : public spine::impl::ExpandArithForLLVMBase<ExpandArithForLLVMPass> {
  void runOnOperation() override {
    MLIRContext *context = &getContext();
    RewritePatternSet patterns(context);
    arith::populateArithExpandOpsPatterns(patterns);
    arith::populateExpandBFloat16Patterns(patterns);

    ConversionTarget target(*context);
    target.addLegalDialect<arith::ArithDialect, vector::VectorDialect>();
    target.addIllegalOp<arith::CeilDivSIOp, arith::CeilDivUIOp,
                        arith::FloorDivSIOp, arith::ScalingExtFOp,
                        arith::ScalingTruncFOp>();
    target.addDynamicallyLegalOp<arith::MaximumFOp, arith::MinimumFOp,
                                 arith::MaxNumFOp, arith::MinNumFOp>(
        hasF32OrF64Elements);
    // bf16 <-> f32 as integer arithmetic: no __truncsfbf2 libcall, which
    // riscv64 libgcc 12 does not have.
    target.addDynamicallyLegalOp<arith::ExtFOp>([](arith::ExtFOp op) {
      return !(getElementTypeOrSelf(op.getIn().getType()).isBF16() &&
               getElementTypeOrSelf(op.getType()).isF32());
    });
    target.addDynamicallyLegalOp<arith::TruncFOp>([](arith::TruncFOp op) {
      return !(getElementTypeOrSelf(op.getIn().getType()).isF32() &&
               getElementTypeOrSelf(op.getType()).isBF16());
    });
    if (failed(applyPartialConversion(getOperation(), target,
                                      std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace

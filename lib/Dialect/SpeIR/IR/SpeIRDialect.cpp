#include "spine/Dialect/SpeIR/IR/SpeIR.h"

#include "mlir/Dialect/Bufferization/IR/BufferizableOpInterface.h"
#include "mlir/Dialect/Bufferization/IR/DstBufferizableOpInterfaceImpl.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectImplementation.h"
#include "llvm/ADT/TypeSwitch.h"
#include "llvm/Support/MathExtras.h"

using namespace mlir;
using namespace mlir::speir;

#include "spine/Dialect/SpeIR/IR/SpeIROpsDialect.cpp.inc"

#include "spine/Dialect/SpeIR/IR/SpeIREnums.cpp.inc"

#define GET_ATTRDEF_CLASSES
#include "spine/Dialect/SpeIR/IR/SpeIRAttrs.cpp.inc"

namespace {
/// The window ops bufferize like linalg ops: operands become their buffers,
/// the result is the init's buffer.
template <typename OpTy>
struct WindowOpBufferization
    : bufferization::DstBufferizableOpInterfaceExternalModel<
          WindowOpBufferization<OpTy>, OpTy> {
  /// Without `accumulate` the init is only written: a copy of its old
  /// contents is never needed.
  bool bufferizesToMemoryRead(Operation *op, OpOperand &operand,
                              const bufferization::AnalysisState &state) const {
    auto window = cast<OpTy>(op);
    return !window.isDpsInit(&operand) || window.getAccumulate();
  }

  LogicalResult bufferize(Operation *op, RewriterBase &rewriter,
                          const bufferization::BufferizationOptions &options,
                          bufferization::BufferizationState &state) const {
    SmallVector<Value> buffers;
    for (Value operand : op->getOperands()) {
      FailureOr<Value> buffer =
          bufferization::getBuffer(rewriter, operand, options, state);
      if (failed(buffer))
        return failure();
      buffers.push_back(*buffer);
    }
    rewriter.setInsertionPoint(op);
    OperationState memrefForm(op->getLoc(), op->getName(), buffers, TypeRange{},
                              op->getAttrs());
    rewriter.create(memrefForm);
    bufferization::replaceOpWithBufferizedValues(rewriter, op, buffers.back());
    return success();
  }
};
} // namespace

void SpeIRDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "spine/Dialect/SpeIR/IR/SpeIROps.cpp.inc"
      >();
  addAttributes<
#define GET_ATTRDEF_LIST
#include "spine/Dialect/SpeIR/IR/SpeIRAttrs.cpp.inc"
      >();
  Conv2DOp::attachInterface<WindowOpBufferization<Conv2DOp>>(*getContext());
  Pool2DOp::attachInterface<WindowOpBufferization<Pool2DOp>>(*getContext());
}

LogicalResult TargetAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                                 StringAttr cpu, uint32_t archId,
                                 StringAttr llvmCpu, StringAttr llvmFeatures,
                                 uint32_t vlen, uint32_t ime,
                                 uint32_t numThreads) {
  if (!cpu || cpu.getValue().empty())
    return emitError() << "target cpu must not be empty";
  if (!llvmCpu || llvmCpu.getValue().empty())
    return emitError() << "target llvm_cpu must not be empty";
  if (archId > 0xFFFF)
    return emitError() << "arch_id must fit in 16 bits, got " << archId;
  if (vlen < 64 || vlen > 65536 || !llvm::isPowerOf2_32(vlen))
    return emitError() << "vlen must be a power of two in [64, 65536], got "
                       << vlen;
  if (ime > 2)
    return emitError() << "ime must be 0, 1 or 2, got " << ime;
  if (numThreads == 0)
    return emitError() << "num_threads must be at least 1";
  return success();
}

TargetAttr mlir::speir::getTarget(Operation *module) {
  return module->getAttrOfType<TargetAttr>(SpeIRDialect::kTargetAttrName);
}

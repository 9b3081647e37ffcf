#include "spine/Dialect/XSMTAsync/IR/XSMTAsync.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/OpImplementation.h"

using namespace mlir;
using namespace mlir::xsmt_async;

#include "spine/Dialect/XSMTAsync/IR/XSMTAsyncOpsDialect.cpp.inc"

void XSMTAsyncDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "spine/Dialect/XSMTAsync/IR/XSMTAsyncOps.cpp.inc"
      >();
}

/// Checks `value` against [lo, hi] when it is a constant; values only known
/// at run time are checked by the runtime.
static LogicalResult checkConstantRange(Operation *op, Value value,
                                        StringRef name, int64_t lo,
                                        int64_t hi) {
  APInt constant;
  if (!matchPattern(value, m_ConstantInt(&constant)))
    return success();
  int64_t v = constant.getSExtValue();
  if (v < lo || v > hi)
    return op->emitOpError()
           << name << " must be in [" << lo << ", " << hi << "], got " << v;
  return success();
}

LogicalResult MBarrierAllocOp::verify() {
  return success(
      succeeded(checkConstantRange(*this, getParity(), "parity", 0, 1)) &&
      succeeded(checkConstantRange(*this, getArrCount(), "arrive count", 1,
                                   INT16_MAX)) &&
      succeeded(checkConstantRange(*this, getTxCount(), "transaction count", 0,
                                   INT16_MAX)) &&
      succeeded(checkConstantRange(*this, getExCount(), "expected count", 0,
                                   INT16_MAX)));
}

LogicalResult MBarrierWaitOp::verify() {
  return success(
      succeeded(checkConstantRange(*this, getParity(), "parity", 0, 1)) &&
      succeeded(checkConstantRange(*this, getArrCount(), "arrive count", 1,
                                   INT16_MAX)));
}

LogicalResult GridOp::verify() {
  return checkConstantRange(*this, getAxis(), "axis", 0, 2);
}

#define GET_OP_CLASSES
#include "spine/Dialect/XSMTAsync/IR/XSMTAsyncOps.cpp.inc"

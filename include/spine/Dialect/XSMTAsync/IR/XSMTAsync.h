#ifndef SPINE_DIALECT_XSMTASYNC_IR_XSMTASYNC_H
#define SPINE_DIALECT_XSMTASYNC_IR_XSMTASYNC_H

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/Dialect.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#include "spine/Dialect/XSMTAsync/IR/XSMTAsyncOpsDialect.h.inc"

#define GET_OP_CLASSES
#include "spine/Dialect/XSMTAsync/IR/XSMTAsyncOps.h.inc"

#endif // SPINE_DIALECT_XSMTASYNC_IR_XSMTASYNC_H

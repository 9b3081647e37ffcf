#ifndef SPINE_DIALECT_SPEIR_IR_SPEIR_H
#define SPINE_DIALECT_SPEIR_IR_SPEIR_H

#include <array>
#include <optional>

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Dialect.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/Interfaces/ControlFlowInterfaces.h"
#include "mlir/Interfaces/DestinationStyleOpInterface.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#include "spine/Dialect/SpeIR/IR/SpeIREnums.h.inc"
#include "spine/Dialect/SpeIR/IR/SpeIROpsDialect.h.inc"

#define GET_ATTRDEF_CLASSES
#include "spine/Dialect/SpeIR/IR/SpeIRAttrs.h.inc"

#define GET_OP_CLASSES
#include "spine/Dialect/SpeIR/IR/SpeIROps.h.inc"

namespace mlir::speir {
/// The #speir.target attached to `module`, or null.
TargetAttr getTarget(Operation *module);
} // namespace mlir::speir

#endif // SPINE_DIALECT_SPEIR_IR_SPEIR_H

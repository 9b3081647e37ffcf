#ifndef SPINE_DIALECT_SPEIR_TRANSFORMS_PASSES_H
#define SPINE_DIALECT_SPEIR_TRANSFORMS_PASSES_H

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"
#include "spine/Dialect/SpeIR/IR/SpeIR.h"

namespace mlir::speir {
#define GEN_PASS_DECL
#include "spine/Dialect/SpeIR/Transforms/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "spine/Dialect/SpeIR/Transforms/Passes.h.inc"
} // namespace mlir::speir

#endif // SPINE_DIALECT_SPEIR_TRANSFORMS_PASSES_H

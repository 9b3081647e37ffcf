#ifndef SPINE_DIALECT_SPEIR_TRANSFORMS_PASSES_H
#define SPINE_DIALECT_SPEIR_TRANSFORMS_PASSES_H

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
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

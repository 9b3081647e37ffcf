#ifndef SPINE_CONVERSION_PASSES_H
#define SPINE_CONVERSION_PASSES_H

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/ControlFlow/IR/ControlFlow.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"
#include "spine/Dialect/SpeIR/IR/SpeIR.h"

namespace mlir::spine {
/// The unit attribute convert-triton-to-linalg puts on a module it converted
/// (spine-ttir-cleanup's cue).
inline constexpr llvm::StringLiteral kFromTTIRAttrName = "spine.from_ttir";
/// The unit attribute convert-triton-to-linalg puts on the scf.if that
/// versions a load or a store: its else branch alone is right for every
/// value of the condition, the then branch a faster form that is right when
/// the condition holds (spine-raise-dot-k-loop keeps one branch on that).
inline constexpr llvm::StringLiteral kVersionAttrName = "spine.version";
/// The integer attribute spine-mark-unobserved-wraps puts on a tt.load whose
/// address wraps (`(start + i) % m`) along the dimension it names: no
/// position i with start + i >= m of the loaded value is ever stored or
/// otherwise observed (convert-triton-to-linalg loads them as it likes).
inline constexpr llvm::StringLiteral kUnobservedWrapAttrName =
    "spine.unobserved_wrap";

#define GEN_PASS_DECL
#include "spine/Conversion/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "spine/Conversion/Passes.h.inc"
} // namespace mlir::spine

#endif // SPINE_CONVERSION_PASSES_H

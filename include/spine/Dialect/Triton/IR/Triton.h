// The `tt` (Triton IR) dialect: dialect, types, enums, attributes and ops.
// Also brings in the dialects TTIR is written with (arith, cf, math, scf).

#ifndef SPINE_DIALECT_TRITON_IR_TRITON_H
#define SPINE_DIALECT_TRITON_IR_TRITON_H

#include <cstdint>
#include <optional>

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/ControlFlow/IR/ControlFlow.h"
#include "mlir/Dialect/ControlFlow/IR/ControlFlowOps.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Dialect.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/Interfaces/CallInterfaces.h"
#include "mlir/Interfaces/ControlFlowInterfaces.h"
#include "mlir/Interfaces/FunctionInterfaces.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#include "spine/Dialect/Triton/IR/TritonDialect.h.inc"
#include "spine/Dialect/Triton/IR/TritonEnums.h.inc"

#define GET_ATTRDEF_CLASSES
#include "spine/Dialect/Triton/IR/TritonAttrs.h.inc"

#define GET_TYPEDEF_CLASSES
#include "spine/Dialect/Triton/IR/TritonTypes.h.inc"

namespace mlir::triton {

/// The memory that pointers and tensor descriptors reach; side effects of
/// loads, stores and atomics are on this resource.
struct GlobalMemory : public SideEffects::Resource::Base<GlobalMemory> {
  StringRef getName() final { return "<GlobalMemory>"; }
};

/// `!tt.ptr<T>` -> T; `tensor<...x!tt.ptr<T>>` -> `tensor<...xT>`; any other
/// type is returned unchanged.
Type getPointeeType(Type type);
/// `T` -> i1; `tensor<...xT>` -> `tensor<...xi1>` (same encoding).
Type getI1SameShape(Type type);
/// `T` -> i32; `tensor<...xT>` -> `tensor<...xi32>` (same encoding).
Type getI32SameShape(Type type);
/// `T` -> `!tt.ptr<T>`; `tensor<...xT>` -> `tensor<...x!tt.ptr<T>>`.
Type getPointerTypeSameShape(Type type, int addressSpace = 1);
/// `!tt.ptr<type, addressSpace>`.
Type getPointerType(Type type, int addressSpace = 1);
/// The address space of a pointer or of a tensor of pointers; 1 otherwise.
int getAddressSpace(Type type);
/// Bit width of the (scalar) pointee of a pointer or tensor of pointers.
unsigned getPointeeBitWidth(Type type);
/// True for `!tt.ptr` and tensors of `!tt.ptr`.
bool isPtrLike(Type type);

namespace OpTrait {
namespace impl {
LogicalResult verifyTensorSize(Operation *op);
LogicalResult verifySameOperandsEncoding(Operation *op);
LogicalResult verifySameOperandsAndResultEncoding(Operation *op);
} // namespace impl

/// Every ranked tensor operand or result has a power-of-two number of
/// elements, at most kMaxTensorNumElements.
template <typename ConcreteType>
class TensorSizeTrait
    : public mlir::OpTrait::TraitBase<ConcreteType, TensorSizeTrait> {
public:
  static LogicalResult verifyTrait(Operation *op) {
    return impl::verifyTensorSize(op);
  }
};

/// Tensor operands that have an encoding have the same one.
template <typename ConcreteType>
class SameOperandsEncoding
    : public mlir::OpTrait::TraitBase<ConcreteType, SameOperandsEncoding> {
public:
  static LogicalResult verifyTrait(Operation *op) {
    return impl::verifySameOperandsEncoding(op);
  }
};

/// Tensor operands and results that have an encoding have the same one.
template <typename ConcreteType>
class SameOperandsAndResultEncoding
    : public mlir::OpTrait::TraitBase<ConcreteType,
                                      SameOperandsAndResultEncoding> {
public:
  static LogicalResult verifyTrait(Operation *op) {
    return impl::verifySameOperandsAndResultEncoding(op);
  }
};
} // namespace OpTrait

/// Largest tensor (in elements) a TTIR op may take or produce.
inline constexpr int64_t kMaxTensorNumElements = int64_t(1) << 20;

} // namespace mlir::triton

#define GET_OP_CLASSES
#include "spine/Dialect/Triton/IR/TritonOps.h.inc"

#endif // SPINE_DIALECT_TRITON_IR_TRITON_H

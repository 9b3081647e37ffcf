//===- PtrState.h - What a Triton pointer value points at -------*- C++ -*-===//
//
// The TTIR -> Linalg conversion never materializes pointers. Each pointer
// value (scalar, tensor of pointers, block pointer) is described by a
// PtrState over the kernel argument it derives from; loads and stores turn
// the state into memref views (structured) or element-wise accesses
// (gather/scatter).
//
//===----------------------------------------------------------------------===//
#ifndef SPINE_LIB_CONVERSION_TRITONTOLINALG_PTRSTATE_H
#define SPINE_LIB_CONVERSION_TRITONTOLINALG_PTRSTATE_H

#include "mlir/IR/Value.h"
#include "mlir/IR/ValueRange.h"
#include "llvm/ADT/SmallVector.h"

namespace mlir::spine::tt_to_linalg {

/// One dimension whose index wraps: it enters the offset as
/// ((start + i) mod modulus) * stride instead of i * stride (Triton's
/// `(pid * BLOCK + tl.arange(0, BLOCK)) % M`, which keeps the loads of the
/// last block in bounds). start and modulus are index-typed.
struct Wrap {
  int64_t dim = -1;
  Value start, modulus;
  bool isUnsigned = false;
  explicit operator bool() const { return dim >= 0; }
  bool operator==(const Wrap &other) const {
    return dim == other.dim && isUnsigned == other.isUnsigned;
  }
};

struct PtrState {
  enum class Kind {
    /// A scalar `!tt.ptr<T>`: base + offset.
    Scalar,
    /// A tensor of pointers: base + offset + sum_d index_d * strides[d].
    Structured,
    /// A tensor of pointers with arbitrary element offsets: base +
    /// offsets[i...] (an i64 tensor of the pointer tensor's shape).
    Gather,
    /// A block pointer (tt.make_tensor_ptr): element (i_0..i_n) is at
    /// base + offset + sum_d (blockOffsets[d] + i_d) * strides[d], and is in
    /// bounds when 0 <= blockOffsets[d] + i_d < bounds[d].
    Block,
  };

  Kind kind = Kind::Scalar;
  /// The kernel argument, a `memref<*xT>`.
  Value base;
  /// Element type pointed at.
  Type elementType;
  /// Shape of the pointer tensor (of the block, for block pointers).
  llvm::SmallVector<int64_t> shape;
  /// Index-typed; Scalar, Structured and Block.
  Value offset;
  /// Index-typed, one per dimension; Structured and Block.
  llvm::SmallVector<Value> strides;
  /// Structured only: a wrapped dimension (its stride is strides[wrap.dim]).
  Wrap wrap;
  /// Gather only.
  Value offsets;
  /// Block only: index-typed, one per dimension.
  llvm::SmallVector<Value> blockOffsets, bounds;

  /// The argument is one of several (the results of an scf.if whose
  /// branches yield pointers into different arguments): the base is then
  /// carried too, first among the dynamic values.
  bool carriesBase = false;
  int64_t rank() const { return shape.size(); }

  /// The values that change from one loop iteration to the next (what a
  /// loop carries for this pointer), in a fixed order.
  llvm::SmallVector<Value> dynamicValues() const {
    llvm::SmallVector<Value> values;
    if (carriesBase)
      values.push_back(base);
    switch (kind) {
    case Kind::Scalar:
      values.push_back(offset);
      break;
    case Kind::Structured:
      values.push_back(offset);
      values.append(strides.begin(), strides.end());
      if (wrap) {
        values.push_back(wrap.start);
        values.push_back(wrap.modulus);
      }
      break;
    case Kind::Gather:
      values.push_back(offsets);
      break;
    case Kind::Block:
      values.push_back(offset);
      values.append(blockOffsets.begin(), blockOffsets.end());
      values.append(strides.begin(), strides.end());
      values.append(bounds.begin(), bounds.end());
      break;
    }
    return values;
  }

  /// This state's kind, base and shape with `values` (as dynamicValues()
  /// orders them) in place of the dynamic parts.
  PtrState withDynamicValues(ValueRange values) const {
    PtrState state = *this;
    auto take = [&](size_t &at, size_t count) {
      llvm::SmallVector<Value> out(values.begin() + at,
                                   values.begin() + at + count);
      at += count;
      return out;
    };
    size_t at = 0;
    if (carriesBase)
      state.base = values[at++];
    switch (kind) {
    case Kind::Scalar:
      state.offset = values[at++];
      break;
    case Kind::Structured:
      state.offset = values[at++];
      state.strides = take(at, rank());
      if (wrap) {
        state.wrap.start = values[at++];
        state.wrap.modulus = values[at++];
      }
      break;
    case Kind::Gather:
      state.offsets = values[at++];
      break;
    case Kind::Block:
      state.offset = values[at++];
      state.blockOffsets = take(at, rank());
      state.strides = take(at, rank());
      state.bounds = take(at, rank());
      break;
    }
    return state;
  }

  /// Same kind, base, element type and shape: two states a loop can carry
  /// through the same values.
  bool isCompatible(const PtrState &other) const {
    return base == other.base && isCompatibleExceptBase(other);
  }
  bool isCompatibleExceptBase(const PtrState &other) const {
    return kind == other.kind && elementType == other.elementType &&
           shape == other.shape && wrap == other.wrap;
  }
};

} // namespace mlir::spine::tt_to_linalg

#endif // SPINE_LIB_CONVERSION_TRITONTOLINALG_PTRSTATE_H

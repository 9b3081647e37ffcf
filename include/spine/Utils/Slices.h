//===- Slices.h - shared checks on slices and subviews ----------*- C++ -*-===//
//
// Checks the Triton-to-Linalg and SpeIR passes share on the offset / size /
// stride ops (tensor.extract_slice, memref.subview).
//
//===----------------------------------------------------------------------===//

#ifndef SPINE_UTILS_SLICES_H
#define SPINE_UTILS_SLICES_H

#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/Interfaces/ViewLikeInterface.h"

namespace mlir::spine {

/// Offsets all 0 and strides all 1: the op takes the leading block of its
/// source (its sizes say how much of it).
inline bool isLeadingBlock(OffsetSizeAndStrideOpInterface op) {
  return llvm::all_of(op.getMixedOffsets(), isZeroInteger) &&
         llvm::all_of(op.getMixedStrides(), isOneInteger);
}

} // namespace mlir::spine

#endif // SPINE_UTILS_SLICES_H

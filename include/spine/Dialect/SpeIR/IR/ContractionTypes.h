//===- ContractionTypes.h - The element types the runtime serves -*- C++
//-*-===//
//
// The one table of element types the runtime's contraction kernels serve
// (speir.gemm, speir.mmt4d, speir.conv2d, and speir.pool2d with input = lhs
// = rhs and output = acc), each row naming its speir_gemm_type_t code from
// runtime/include/speir/abi.h and the kernels that have it. The verifiers, the
// Linalg-to-SpeIR patterns and the lowering to runtime calls all read it:
// supporting a new type is one row in ContractionTypes.cpp.
//
//===----------------------------------------------------------------------===//

#ifndef SPINE_DIALECT_SPEIR_IR_CONTRACTIONTYPES_H
#define SPINE_DIALECT_SPEIR_IR_CONTRACTIONTYPES_H

#include "mlir/IR/Types.h"

#include <cstdint>
#include <optional>
#include <string>

namespace mlir::speir {

/// Which runtime kernels an op runs on: speir_gemm (speir.gemm), or the
/// packed tile kernels (speir.mmt4d, speir.conv2d, speir.pool2d), which
/// serve fewer types.
enum class ContractionKernel { Gemm, Tiled };

/// The runtime's speir_gemm_type_t for (lhs, rhs) -> acc with the integer
/// operands' signedness, or std::nullopt when `kernel` does not serve it.
std::optional<int32_t> getContractionTypeCode(ContractionKernel kernel,
                                              Type lhs, Type rhs, Type acc,
                                              bool lhsUnsigned = false,
                                              bool rhsUnsigned = false);

inline bool isSupportedContraction(ContractionKernel kernel, Type lhs, Type rhs,
                                   Type acc) {
  return getContractionTypeCode(kernel, lhs, rhs, acc).has_value();
}

/// The types `kernel` serves, for diagnostics, from the table: "(f32, f32)
/// -> f32, (f16, f16) -> f32/f16 or (i8, i8) -> i32", or with `unary`
/// (pooling) "f32 -> f32, f16 -> f32/f16 or i8 -> i32".
std::string describeSupportedContractions(ContractionKernel kernel,
                                          bool unary = false);

} // namespace mlir::speir

#endif // SPINE_DIALECT_SPEIR_IR_CONTRACTIONTYPES_H

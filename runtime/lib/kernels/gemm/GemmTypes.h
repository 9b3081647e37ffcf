// Element types of the GEMM layer and their sizes; the one mapping from the
// ABI's speir_gemm_type_t to what the kernels need to know.
#ifndef SPEIR_KERNELS_GEMM_GEMMTYPES_H
#define SPEIR_KERNELS_GEMM_GEMMTYPES_H

#include <cstdint>

#include "speir/abi.h"

namespace speir::gemm {

enum class GemmType : int32_t {
  F32F32F32 = SPEIR_GEMM_F32_F32_F32,
  F16F16F32 = SPEIR_GEMM_F16_F16_F32,
  F16F16F16 = SPEIR_GEMM_F16_F16_F16,
  S8S8S32 = SPEIR_GEMM_S8_S8_S32,
  U8U8S32 = SPEIR_GEMM_U8_U8_S32,
  S8U8S32 = SPEIR_GEMM_S8_U8_S32,
  U8S8S32 = SPEIR_GEMM_U8_S8_S32,
  BF16BF16F32 = SPEIR_GEMM_BF16_BF16_F32,
};

constexpr int kNumGemmTypes = 8;

inline bool isValidGemmType(int32_t type) {
  return type >= 0 && type < kNumGemmTypes;
}

inline int lhsElemBytes(GemmType t) {
  switch (t) {
  case GemmType::F32F32F32:
    return 4;
  case GemmType::F16F16F32:
  case GemmType::F16F16F16:
  case GemmType::BF16BF16F32:
    return 2;
  default:
    return 1;
  }
}
inline int rhsElemBytes(GemmType t) { return lhsElemBytes(t); }
inline int accElemBytes(GemmType t) { return t == GemmType::F16F16F16 ? 2 : 4; }
inline bool isInt8Type(GemmType t) { return lhsElemBytes(t) == 1; }

// Convolution and pooling have kernels for every type but bf16.
inline bool isValidConvType(int32_t type) {
  return isValidGemmType(type) && type != SPEIR_GEMM_BF16_BF16_F32;
}

} // namespace speir::gemm

#endif

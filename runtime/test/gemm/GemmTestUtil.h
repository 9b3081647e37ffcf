// Shared helpers for the GEMM tests: random operands per type, a naive
// reference in double / int64, and the error bound each type is checked to.
#ifndef SPEIR_TEST_GEMM_GEMMTESTUTIL_H
#define SPEIR_TEST_GEMM_GEMMTESTUTIL_H

#include <cmath>
#include <cstdint>
#include <cstring>
#include <gtest/gtest.h>
#include <random>
#include <string>
#include <vector>

#include "kernels/gemm/Half.h"
#include "speir/abi.h"

namespace speir::gemm::test {

inline int lhsBytes(int32_t t) {
  return t == SPEIR_GEMM_F32_F32_F32 ? 4
         : (t == SPEIR_GEMM_F16_F16_F32 || t == SPEIR_GEMM_F16_F16_F16 ||
            t == SPEIR_GEMM_BF16_BF16_F32)
             ? 2
             : 1;
}
inline int accBytes(int32_t t) { return t == SPEIR_GEMM_F16_F16_F16 ? 2 : 4; }
inline bool isInt(int32_t t) {
  return t >= SPEIR_GEMM_S8_S8_S32 && t <= SPEIR_GEMM_U8_S8_S32;
}
inline bool lhsSigned(int32_t t) {
  return t == SPEIR_GEMM_S8_S8_S32 || t == SPEIR_GEMM_S8_U8_S32;
}
inline bool rhsSigned(int32_t t) {
  return t == SPEIR_GEMM_S8_S8_S32 || t == SPEIR_GEMM_U8_S8_S32;
}
inline const char *typeName(int32_t t) {
  static const char *names[] = {"f32",  "f16f32", "f16f16", "s8s8",
                                "u8u8", "s8u8",   "u8s8",   "bf16f32"};
  return names[t];
}

// Every speir_gemm_type, for INSTANTIATE_TEST_SUITE_P over the types.
inline auto allGemmTypes() {
  return testing::Values(SPEIR_GEMM_F32_F32_F32, SPEIR_GEMM_F16_F16_F32,
                         SPEIR_GEMM_F16_F16_F16, SPEIR_GEMM_S8_S8_S32,
                         SPEIR_GEMM_U8_U8_S32, SPEIR_GEMM_S8_U8_S32,
                         SPEIR_GEMM_U8_S8_S32, SPEIR_GEMM_BF16_BF16_F32);
}
// The types convolution and pooling take (all but bf16).
inline auto allConvTypes() {
  return testing::Values(SPEIR_GEMM_F32_F32_F32, SPEIR_GEMM_F16_F16_F32,
                         SPEIR_GEMM_F16_F16_F16, SPEIR_GEMM_S8_S8_S32,
                         SPEIR_GEMM_U8_U8_S32, SPEIR_GEMM_S8_U8_S32,
                         SPEIR_GEMM_U8_S8_S32);
}
inline std::string
gemmTypeParamName(const testing::TestParamInfo<int32_t> &info) {
  return typeName(info.param);
}

// A matrix of raw elements of `bytes` each, with a value view as double.
struct Buffer {
  int bytes = 4;
  int kind = 0; // 0 f32, 1 f16, 2 s8, 3 u8, 4 s32, 5 bf16
  std::vector<unsigned char> raw;

  Buffer(int kind_, size_t count) : kind(kind_) {
    bytes = kind == 0 || kind == 4 ? 4 : kind == 1 || kind == 5 ? 2 : 1;
    raw.assign(count * bytes, 0);
  }
  size_t size() const { return raw.size() / bytes; }
  void *data() { return raw.data(); }
  double get(size_t i) const {
    switch (kind) {
    case 0: {
      float f;
      std::memcpy(&f, &raw[i * 4], 4);
      return f;
    }
    case 1: {
      uint16_t h;
      std::memcpy(&h, &raw[i * 2], 2);
      return halfToFloat(h);
    }
    case 2:
      return int8_t(raw[i]);
    case 3:
      return raw[i];
    case 5: {
      uint16_t h;
      std::memcpy(&h, &raw[i * 2], 2);
      return bf16ToFloat(h);
    }
    default: {
      int32_t v;
      std::memcpy(&v, &raw[i * 4], 4);
      return v;
    }
    }
  }
  void set(size_t i, double v) {
    switch (kind) {
    case 0: {
      float f = float(v);
      std::memcpy(&raw[i * 4], &f, 4);
      break;
    }
    case 1: {
      uint16_t h = floatToHalf(float(v));
      std::memcpy(&raw[i * 2], &h, 2);
      break;
    }
    case 2:
    case 3:
      raw[i] = uint8_t(int(v));
      break;
    case 5: {
      uint16_t h = floatToBf16(float(v));
      std::memcpy(&raw[i * 2], &h, 2);
      break;
    }
    default: {
      int32_t x = int32_t(v);
      std::memcpy(&raw[i * 4], &x, 4);
    }
    }
  }
};

inline int lhsKind(int32_t t) {
  if (t == SPEIR_GEMM_F32_F32_F32)
    return 0;
  if (t == SPEIR_GEMM_BF16_BF16_F32)
    return 5;
  if (!isInt(t))
    return 1;
  return lhsSigned(t) ? 2 : 3;
}
inline int rhsKind(int32_t t) {
  if (t == SPEIR_GEMM_F32_F32_F32)
    return 0;
  if (t == SPEIR_GEMM_BF16_BF16_F32)
    return 5;
  if (!isInt(t))
    return 1;
  return rhsSigned(t) ? 2 : 3;
}
inline int accKind(int32_t t) {
  return t == SPEIR_GEMM_F16_F16_F16 ? 1 : isInt(t) ? 4 : 0;
}
// The Buffer kind of an epilogue's output type (speir_epilogue_type_t).
inline int outKind(int32_t outType) {
  switch (outType) {
  case SPEIR_EPILOGUE_F32:
    return 0;
  case SPEIR_EPILOGUE_F16:
    return 1;
  case SPEIR_EPILOGUE_BF16:
    return 5;
  case SPEIR_EPILOGUE_S32:
    return 4;
  default:
    return 2;
  }
}

// Integers include the extremes (-128, 127, 0, 255) often, so overflow in a
// narrower intermediate would show.
inline void fillRandom(Buffer &b, std::mt19937 &rng) {
  std::uniform_real_distribution<double> real(-1.0, 1.0);
  std::uniform_int_distribution<int> pick(0, 3);
  for (size_t i = 0; i < b.size(); ++i) {
    switch (b.kind) {
    case 0:
    case 1:
    case 5:
      b.set(i, real(rng));
      break;
    case 2: {
      static const int ext[] = {-128, 127, -128, 127};
      int r = pick(rng);
      b.set(i, r < 2 ? ext[r + pick(rng) % 2]
                     : std::uniform_int_distribution<int>(-128, 127)(rng));
      break;
    }
    case 3: {
      int r = pick(rng);
      b.set(i, r == 0   ? 255
               : r == 1 ? 0
                        : std::uniform_int_distribution<int>(0, 255)(rng));
      break;
    }
    default:
      b.set(i, std::uniform_int_distribution<int>(-100000, 100000)(rng));
    }
  }
}

// Allowed |got - ref| for one element; sumAbs = sum over k of |a*b|.
// f32 / f16->f32: each of the K additions may round (2^-24 relative), with
// or without fused multiply-add. f16 output adds one rounding to half
// precision (2^-11 relative) plus half's smallest subnormal. Integers: exact.
inline double tolerance(int32_t t, int64_t k, double sumAbs, double ref) {
  if (isInt(t))
    return 0;
  double tol = 2.0 * double(k + 2) * std::ldexp(sumAbs, -24);
  if (t == SPEIR_GEMM_F16_F16_F16)
    tol += std::ldexp(std::fabs(ref), -11) + std::ldexp(1.0, -24);
  return tol;
}

} // namespace speir::gemm::test

#endif

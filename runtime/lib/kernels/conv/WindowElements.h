// Element codecs of the portable window-row kernels (Depthwise.cpp,
// Pool2d.cpp): the stored type T, the accumulator type Acc, and get / put
// between them (f16 widens to f32 and rounds once on the way back).
#ifndef SPEIR_KERNELS_CONV_WINDOWELEMENTS_H
#define SPEIR_KERNELS_CONV_WINDOWELEMENTS_H

#include <cstdint>

#include "kernels/gemm/Half.h"

namespace speir::conv::elements {

struct F32 {
  using T = float;
  using Acc = float;
  static float get(float v) { return v; }
  static float put(float v) { return v; }
};
struct F16 {
  using T = uint16_t;
  using Acc = float;
  static float get(uint16_t v) { return gemm::halfToFloat(v); }
  static uint16_t put(float v) { return gemm::floatToHalf(v); }
};
struct S8 {
  using T = int8_t;
  using Acc = int32_t;
  static int32_t get(int8_t v) { return v; }
};
struct U8 {
  using T = uint8_t;
  using Acc = int32_t;
  static int32_t get(uint8_t v) { return v; }
};
struct S32 {
  using T = int32_t;
  using Acc = int32_t;
  static int32_t get(int32_t v) { return v; }
  static int32_t put(int32_t v) { return v; }
};

// Channels (NHWC) or output columns (NCHW) a portable kernel handles per
// block: a local accumulator array the compiler keeps in vector registers
// or L1.
constexpr int64_t kBlock = 64;

} // namespace speir::conv::elements

#endif // SPEIR_KERNELS_CONV_WINDOWELEMENTS_H

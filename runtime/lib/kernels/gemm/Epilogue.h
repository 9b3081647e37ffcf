// The epilogue of speir_gemm_fused (abi.h): scale, bias, activation,
// residual, convert, applied by the GEMM drivers to a block of accumulators
// while it is still in L1 (right after the tile or skinny kernel produced
// it), never as a second pass over C.
#ifndef SPEIR_KERNELS_GEMM_EPILOGUE_H
#define SPEIR_KERNELS_GEMM_EPILOGUE_H

#include <cstdint>

#include "kernels/gemm/GemmTypes.h"
#include "kernels/gemm/Half.h"
#include "speir/abi.h"

namespace speir::gemm {

// A validated speir_gemm_epilogue_t.
struct Epilogue {
  int32_t scaleKind, biasKind, activation, outType;
  const float *scale;
  const void *bias;
  const char *residual;
  int64_t ldr;
  char *out;
  int64_t ldo;
  // The value type V is int32 (integer accumulator, no scale), else f32.
  bool intValue;
};

int epilogueElemBytes(int32_t outType);

// Element i of a bias or residual stored as `outType`, as an f32 value (the
// scalar loads of the portable code and of the vector kernels' edges).
inline float loadEpilogueOperand(int32_t outType, const void *p, int64_t i) {
  switch (outType) {
  case SPEIR_EPILOGUE_F32:
    return static_cast<const float *>(p)[i];
  case SPEIR_EPILOGUE_F16:
    return halfToFloat(static_cast<const uint16_t *>(p)[i]);
  case SPEIR_EPILOGUE_BF16:
    return bf16ToFloat(static_cast<const uint16_t *>(p)[i]);
  case SPEIR_EPILOGUE_S32:
    return float(static_cast<const int32_t *>(p)[i]);
  default:
    return float(static_cast<const int8_t *>(p)[i]);
  }
}

// Checks `e` against the GEMM it follows (type, m x n, c/ldc, ACCUMULATE)
// and fills *out. Returns SPEIR_OK or SPEIR_ERROR_INVALID_ARGUMENT.
int32_t validateEpilogue(const speir_gemm_epilogue_t &e, GemmType type,
                         int64_t m, int64_t n, const void *c, int64_t ldc,
                         bool accumulate, Epilogue *out);

// How a block of accumulators is stored: f32, f16 bits or int32. An f32
// block of an f16-output GEMM is rounded to f16 first (roundToHalf), so the
// result equals speir_gemm's f16 C followed by the epilogue.
struct AccBlock {
  enum Kind { F32, F16, S32 } kind;
  bool roundToHalf;
  const void *data;
  int64_t stride; // elements between rows
};

// Applies the epilogue to C's rows [row0, row0 + rows) x columns
// [col0, col0 + cols), whose accumulators are `acc` (its element (0, 0) is
// C's (row0, col0)).
// The vector kernel of this machine when it handles the combination,
// else the portable code.
void applyEpilogue(const Epilogue &e, const AccBlock &acc, int64_t row0,
                   int64_t rows, int64_t col0, int64_t cols);

// The portable code: 64-element chunks, one loop per step (the reference
// the vector kernels are tested against, and their fallback). Exported for
// the tests, as is vectorEpilogue.
__attribute__((visibility("default"))) void
applyEpiloguePortable(const Epilogue &e, const AccBlock &acc, int64_t row0,
                      int64_t rows, int64_t col0, int64_t cols);

// A vector kernel: every step fused in one pass over each row segment,
// straight from the accumulators to `out`. Returns false, having written
// nothing, for a combination it does not handle (f16 accumulators, the
// GELU activations), which the portable code then runs.
using EpilogueRowsFn = bool (*)(const Epilogue &e, const AccBlock &acc,
                                int64_t row0, int64_t rows, int64_t col0,
                                int64_t cols);
bool applyEpilogueRvv(const Epilogue &e, const AccBlock &acc, int64_t row0,
                      int64_t rows, int64_t col0, int64_t cols);
bool applyEpilogueAvx2(const Epilogue &e, const AccBlock &acc, int64_t row0,
                       int64_t rows, int64_t col0, int64_t cols);
// The vector kernel applyEpilogue uses on this machine (SPINE_GEMM_KERNEL and
// the CPU's features decide, once), or null.
__attribute__((visibility("default"))) EpilogueRowsFn vectorEpilogue();

} // namespace speir::gemm

#endif

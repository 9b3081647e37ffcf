// One GEMM as the drivers see it (speir_gemm's arguments, validated):
// C (m x n, row stride ldc) = [C +] A * B with A(i, p) at
// a[i * aStrideM + p * aStrideK] and B(p, j) at b[p * bStrideK + j * bStrideN]
// (elements; one of each pair of strides is 1).
#ifndef SPEIR_KERNELS_GEMM_GEMMPROBLEM_H
#define SPEIR_KERNELS_GEMM_GEMMPROBLEM_H

#include <cstdint>

#include "kernels/gemm/GemmTypes.h"

namespace speir::gemm {

struct GemmProblem {
  GemmType type;
  bool accumulate;
  bool singleThread;
  int64_t m, n, k;
  const char *a;
  int64_t aStrideM, aStrideK;
  const char *b;
  int64_t bStrideK, bStrideN;
  char *c; // may be null for a fused GEMM without ACCUMULATE
  int64_t ldc;
};

} // namespace speir::gemm

#endif

// Compiled with -mavx2 -mfma; selected only when the CPU reports both.
// GCC/clang vector extensions; one intrinsic for the broadcast, which must
// be a load uop (a register broadcast competes with the FMA pipes on Zen).
#include "kernels/gemm/ukernels/x86_64/Mmt4dX86.h"

#include <immintrin.h>

#include <cstring>

namespace speir::gemm {
namespace {
typedef float v8f __attribute__((vector_size(32)));

inline v8f load8(const float *p) {
  v8f v;
  std::memcpy(&v, p, sizeof v);
  return v;
}
inline void store8(float *p, v8f v) { std::memcpy(p, &v, sizeof v); }
} // namespace

bool hostHasAvx2Fma() {
  return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
}

void mmt4dTileF32Avx2(const Mmt4dTileParams &p) {
  // Named accumulators, not an array: GCC 12 keeps an array of vectors in
  // memory and spills it every iteration.
  float *const c = static_cast<float *>(p.acc);
  const float *a = static_cast<const float *>(p.lhs);
  const float *b = static_cast<const float *>(p.rhs);
  const int64_t ldc = p.accStrideRow, sa = p.lhsStrideK1, sb = p.rhsStrideK1;
  const int64_t k1 = p.k1;
  v8f c00{}, c01{}, c10{}, c11{}, c20{}, c21{}, c30{}, c31{}, c40{}, c41{},
      c50{}, c51{};
  if (p.accumulate) {
    c00 = load8(c), c01 = load8(c + 8);
    c10 = load8(c + ldc), c11 = load8(c + ldc + 8);
    c20 = load8(c + 2 * ldc), c21 = load8(c + 2 * ldc + 8);
    c30 = load8(c + 3 * ldc), c31 = load8(c + 3 * ldc + 8);
    c40 = load8(c + 4 * ldc), c41 = load8(c + 4 * ldc + 8);
    c50 = load8(c + 5 * ldc), c51 = load8(c + 5 * ldc + 8);
  }
  for (int64_t k = 0; k < k1; ++k) {
    const v8f b0 = load8(b), b1 = load8(b + 8);
    v8f av;
    av = v8f(_mm256_broadcast_ss(a + 0));
    c00 += av * b0, c01 += av * b1;
    av = v8f(_mm256_broadcast_ss(a + 1));
    c10 += av * b0, c11 += av * b1;
    av = v8f(_mm256_broadcast_ss(a + 2));
    c20 += av * b0, c21 += av * b1;
    av = v8f(_mm256_broadcast_ss(a + 3));
    c30 += av * b0, c31 += av * b1;
    av = v8f(_mm256_broadcast_ss(a + 4));
    c40 += av * b0, c41 += av * b1;
    av = v8f(_mm256_broadcast_ss(a + 5));
    c50 += av * b0, c51 += av * b1;
    a += sa;
    b += sb;
  }
  store8(c, c00), store8(c + 8, c01);
  store8(c + ldc, c10), store8(c + ldc + 8, c11);
  store8(c + 2 * ldc, c20), store8(c + 2 * ldc + 8, c21);
  store8(c + 3 * ldc, c30), store8(c + 3 * ldc + 8, c31);
  store8(c + 4 * ldc, c40), store8(c + 4 * ldc + 8, c41);
  store8(c + 5 * ldc, c50), store8(c + 5 * ldc + 8, c51);
}

} // namespace speir::gemm

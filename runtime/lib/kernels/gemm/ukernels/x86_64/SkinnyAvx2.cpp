// The portable skinny kernels compiled for AVX2 + FMA + F16C (this file
// only; TileTable checks the CPU first). The vectorizer turns the column
// loops into 8-lane FMAs; f16 rows convert with vcvtph2ps.
#include <immintrin.h>

#include <cmath>
#include <cstdint>

namespace speir::gemm {
namespace {
inline void f16RowF16c(const uint16_t *s, float *d, int64_t n) {
  int64_t i = 0;
  for (; i + 8 <= n; i += 8)
    _mm256_storeu_ps(d + i, _mm256_cvtph_ps(_mm_loadu_si128(
                                reinterpret_cast<const __m128i *>(s + i))));
  for (; i < n; ++i)
    d[i] = _cvtsh_ss(s[i]);
}

inline float hsum(__m256 v) {
  __m128 x = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
  x = _mm_add_ps(x, _mm_movehl_ps(x, x));
  x = _mm_add_ss(x, _mm_movehdup_ps(x));
  return _mm_cvtss_f32(x);
}

// Two rows of A against two rows of B, 16 k per trip: 8 loads feed 8 FMAs
// into 8 accumulators (enough to cover the FMA latency on two ports).
inline void dot2x2F32(const float *a0, const float *a1, const float *b0,
                      const float *b1, int64_t k, float *s) {
  __m256 c[8];
  for (auto &v : c)
    v = _mm256_setzero_ps();
  int64_t i = 0;
  for (; i + 16 <= k; i += 16) {
    const __m256 x0 = _mm256_loadu_ps(a0 + i), x1 = _mm256_loadu_ps(a0 + i + 8);
    const __m256 y0 = _mm256_loadu_ps(a1 + i), y1 = _mm256_loadu_ps(a1 + i + 8);
    const __m256 u0 = _mm256_loadu_ps(b0 + i), u1 = _mm256_loadu_ps(b0 + i + 8);
    const __m256 v0 = _mm256_loadu_ps(b1 + i), v1 = _mm256_loadu_ps(b1 + i + 8);
    c[0] = _mm256_fmadd_ps(x0, u0, c[0]);
    c[1] = _mm256_fmadd_ps(x1, u1, c[1]);
    c[2] = _mm256_fmadd_ps(x0, v0, c[2]);
    c[3] = _mm256_fmadd_ps(x1, v1, c[3]);
    c[4] = _mm256_fmadd_ps(y0, u0, c[4]);
    c[5] = _mm256_fmadd_ps(y1, u1, c[5]);
    c[6] = _mm256_fmadd_ps(y0, v0, c[6]);
    c[7] = _mm256_fmadd_ps(y1, v1, c[7]);
  }
  float r[4];
  for (int o = 0; o < 4; ++o)
    r[o] = hsum(_mm256_add_ps(c[2 * o], c[2 * o + 1]));
  for (; i < k; ++i) {
    r[0] = std::fma(a0[i], b0[i], r[0]);
    r[1] = std::fma(a0[i], b1[i], r[1]);
    r[2] = std::fma(a1[i], b0[i], r[2]);
    r[3] = std::fma(a1[i], b1[i], r[3]);
  }
  for (int o = 0; o < 4; ++o)
    s[o] += r[o];
}
} // namespace
} // namespace speir::gemm

#define SPEIR_SKINNY_NS skinny_avx2
#define SPEIR_SKINNY_DOT2X2_F32 ::speir::gemm::dot2x2F32
#define SPEIR_SKINNY_F16_ROW ::speir::gemm::f16RowF16c
#include "kernels/gemm/ukernels/SkinnyKernelsImpl.h"
#include "kernels/gemm/ukernels/x86_64/Mmt4dX86.h"

namespace speir::gemm {

SkinnyKernels avx2SkinnyKernels(GemmType type) {
  return skinny_avx2::portableSkinnyKernels(type, KernelIsa::Avx2);
}

} // namespace speir::gemm

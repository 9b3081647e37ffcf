// f16 x f16 -> f32 (or f16) tiles, 6 x 16 x 1, AVX2 + FMA + F16C. Compiled
// with -mavx2 -mfma -mf16c; selected only when the CPU reports all three.
//
// The f32 kernel's shape (12 ymm accumulators) with operands converted by
// F16C: the rhs row of 16 halves by two vcvtph2ps per k, the lhs once per
// call into a small f32 stack buffer, so the six broadcasts per k are plain
// loads (vbroadcastss m32). Conversions f16 -> f32 are exact; products are
// summed in f32 in ascending k order, and an f16 accumulator is rounded once,
// at the end (vcvtps2ph, round to nearest even).
#include "kernels/gemm/ukernels/x86_64/Mmt4dX86.h"

#include <immintrin.h>

#include <cstring>

namespace speir::gemm {
namespace {

constexpr int kM0 = kF16Avx2M0;
constexpr int64_t kChunkK1 = 256; // k tiles converted per pass: 6 KiB on stack

inline __m256 halves8(const uint16_t *p) {
  return _mm256_cvtph_ps(_mm_loadu_si128(reinterpret_cast<const __m128i *>(p)));
}

inline float halfToFloatF16c(uint16_t h) {
  return _mm_cvtss_f32(_mm_cvtph_ps(_mm_cvtsi32_si128(h)));
}

// dst[k][m] = float(lhs tile k, row m) for k1 tiles.
void convertLhs(const uint16_t *a, int64_t sa, int64_t k1, float *dst) {
  if (sa == kM0) {
    // Dense: one run of k1 * 6 halves, 8 at a time.
    const int64_t n = k1 * kM0;
    int64_t i = 0;
    for (; i + 8 <= n; i += 8)
      _mm256_storeu_ps(dst + i, halves8(a + i));
    for (; i < n; ++i)
      dst[i] = halfToFloatF16c(a[i]);
    return;
  }
  for (int64_t k = 0; k < k1; ++k)
    for (int m = 0; m < kM0; ++m)
      dst[k * kM0 + m] = halfToFloatF16c(a[k * sa + m]);
}

// How the accumulator tile is read and written: f32, or f16 rounded once.
struct F32Out {
  using T = float;
  static __m256 load(const float *p) { return _mm256_loadu_ps(p); }
  static void store(float *p, __m256 v) { _mm256_storeu_ps(p, v); }
};
struct F16Out {
  using T = uint16_t;
  static __m256 load(const uint16_t *p) { return halves8(p); }
  static void store(uint16_t *p, __m256 v) {
    _mm_storeu_si128(reinterpret_cast<__m128i *>(p),
                     _mm256_cvtps_ph(v, _MM_FROUND_TO_NEAREST_INT));
  }
};

template <class Out> void tile(const Mmt4dTileParams &p) {
  using T = typename Out::T;
  T *const c = static_cast<T *>(p.acc);
  const uint16_t *a = static_cast<const uint16_t *>(p.lhs);
  const uint16_t *b = static_cast<const uint16_t *>(p.rhs);
  const int64_t ldc = p.accStrideRow, sa = p.lhsStrideK1, sb = p.rhsStrideK1;
  // Named accumulators (see Mmt4dF32Avx2.cpp).
  __m256 c00, c01, c10, c11, c20, c21, c30, c31, c40, c41, c50, c51;
  if (p.accumulate) {
    c00 = Out::load(c), c01 = Out::load(c + 8);
    c10 = Out::load(c + ldc), c11 = Out::load(c + ldc + 8);
    c20 = Out::load(c + 2 * ldc), c21 = Out::load(c + 2 * ldc + 8);
    c30 = Out::load(c + 3 * ldc), c31 = Out::load(c + 3 * ldc + 8);
    c40 = Out::load(c + 4 * ldc), c41 = Out::load(c + 4 * ldc + 8);
    c50 = Out::load(c + 5 * ldc), c51 = Out::load(c + 5 * ldc + 8);
  } else {
    c00 = c01 = c10 = c11 = c20 = c21 = c30 = c31 = c40 = c41 = c50 = c51 =
        _mm256_setzero_ps();
  }
  alignas(32) float lhs32[kChunkK1 * kM0];
  for (int64_t k0 = 0; k0 < p.k1; k0 += kChunkK1) {
    const int64_t kn = p.k1 - k0 < kChunkK1 ? p.k1 - k0 : kChunkK1;
    convertLhs(a + k0 * sa, sa, kn, lhs32);
    const float *ap = lhs32;
    for (int64_t k = 0; k < kn; ++k, ap += kM0, b += sb) {
      const __m256 b0 = halves8(b), b1 = halves8(b + 8);
      __m256 av;
      av = _mm256_broadcast_ss(ap + 0);
      c00 = _mm256_fmadd_ps(av, b0, c00), c01 = _mm256_fmadd_ps(av, b1, c01);
      av = _mm256_broadcast_ss(ap + 1);
      c10 = _mm256_fmadd_ps(av, b0, c10), c11 = _mm256_fmadd_ps(av, b1, c11);
      av = _mm256_broadcast_ss(ap + 2);
      c20 = _mm256_fmadd_ps(av, b0, c20), c21 = _mm256_fmadd_ps(av, b1, c21);
      av = _mm256_broadcast_ss(ap + 3);
      c30 = _mm256_fmadd_ps(av, b0, c30), c31 = _mm256_fmadd_ps(av, b1, c31);
      av = _mm256_broadcast_ss(ap + 4);
      c40 = _mm256_fmadd_ps(av, b0, c40), c41 = _mm256_fmadd_ps(av, b1, c41);
      av = _mm256_broadcast_ss(ap + 5);
      c50 = _mm256_fmadd_ps(av, b0, c50), c51 = _mm256_fmadd_ps(av, b1, c51);
    }
  }
  Out::store(c, c00), Out::store(c + 8, c01);
  Out::store(c + ldc, c10), Out::store(c + ldc + 8, c11);
  Out::store(c + 2 * ldc, c20), Out::store(c + 2 * ldc + 8, c21);
  Out::store(c + 3 * ldc, c30), Out::store(c + 3 * ldc + 8, c31);
  Out::store(c + 4 * ldc, c40), Out::store(c + 4 * ldc + 8, c41);
  Out::store(c + 5 * ldc, c50), Out::store(c + 5 * ldc + 8, c51);
}

} // namespace

bool hostHasF16c() { return __builtin_cpu_supports("f16c"); }

void mmt4dTileF16F32Avx2(const Mmt4dTileParams &p) { tile<F32Out>(p); }
void mmt4dTileF16F16Avx2(const Mmt4dTileParams &p) { tile<F16Out>(p); }

} // namespace speir::gemm

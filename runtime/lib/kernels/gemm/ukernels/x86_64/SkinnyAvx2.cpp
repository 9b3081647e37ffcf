// The portable skinny kernels compiled for AVX2 + FMA + F16C (this file
// only; TileTable checks the CPU first). The vectorizer turns the column
// loops into 8-lane FMAs; f16 rows convert with vcvtph2ps.
#include <immintrin.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <type_traits>

#include "kernels/gemm/Half.h"

namespace speir::gemm {
namespace {
// B's elements as f32: eight lanes from memory, and one.
struct F32Elems {
  using T = float;
  static __m256 load8(const float *p) { return _mm256_loadu_ps(p); }
  static float one(const float *p) { return *p; }
};
struct F16Elems {
  using T = uint16_t;
  static __m256 load8(const uint16_t *p) {
    return _mm256_cvtph_ps(
        _mm_loadu_si128(reinterpret_cast<const __m128i *>(p)));
  }
  static float one(const uint16_t *p) { return _cvtsh_ss(*p); }
};
struct BF16Elems {
  using T = uint16_t;
  static __m256 load8(const uint16_t *p) {
    const __m256i w = _mm256_cvtepu16_epi32(
        _mm_loadu_si128(reinterpret_cast<const __m128i *>(p)));
    return _mm256_castsi256_ps(_mm256_slli_epi32(w, 16));
  }
  static float one(const uint16_t *p) { return bf16ToFloat(*p); }
};

inline void f16RowF16c(const uint16_t *s, float *d, int64_t n) {
  int64_t i = 0;
  for (; i + 8 <= n; i += 8)
    _mm256_storeu_ps(d + i, F16Elems::load8(s + i));
  for (; i < n; ++i)
    d[i] = F16Elems::one(s + i);
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

namespace {

// f32, row-major B, R rows of C (R <= 6) x 16 columns in 2R accumulator
// registers over kc rows of B: a k costs two loads of B's row, R broadcasts
// of A and 2R FMAs (the portable kernel reloads and stores C every four
// rows of B and loads B once per row of C, so it is load-bound at M >= 4).
// Each element sums its products in ascending k with fused multiply-adds,
// as the portable kernel does, so both give the same bits.
template <int R>
void tileF32(const SkinnyParams &p, int64_t kc, const float *a, const float *b,
             float *c) {
  __m256 v[R][2];
  for (int r = 0; r < R; ++r) {
    v[r][0] = _mm256_loadu_ps(c + r * p.accStride);
    v[r][1] = _mm256_loadu_ps(c + r * p.accStride + 8);
  }
  for (int64_t k = 0; k < kc; ++k, b += p.ldb) {
    const __m256 b0 = _mm256_loadu_ps(b), b1 = _mm256_loadu_ps(b + 8);
    for (int r = 0; r < R; ++r) {
      const __m256 x = _mm256_broadcast_ss(a + r * p.lda + k);
      v[r][0] = _mm256_fmadd_ps(x, b0, v[r][0]);
      v[r][1] = _mm256_fmadd_ps(x, b1, v[r][1]);
    }
  }
  for (int r = 0; r < R; ++r) {
    _mm256_storeu_ps(c + r * p.accStride, v[r][0]);
    _mm256_storeu_ps(c + r * p.accStride + 8, v[r][1]);
  }
}

// One row of C (a GEMV), row-major B of f32, f16 or bf16 elements (A is
// f32 already): eight rows of B per pass over C's block, 16 columns in two
// registers, so C is loaded and stored once per eight rows (the portable
// kernel: once per four) and B streams in long contiguous runs, halves
// widened in registers (the portable kernel converts them into a buffer
// first). Ascending k with fused multiply-adds, the portable kernel's
// order, so both give the same bits.
template <class E> void gemvRowMajor(const SkinnyParams &p) {
  using T = typename E::T;
  zeroAccBlock<float>(p);
  auto *c = static_cast<float *>(p.acc);
  const auto *a = static_cast<const float *>(p.a);
  const auto *b = static_cast<const T *>(p.b);
  const int64_t n16 = p.n / 16 * 16;
  int64_t k0 = 0;
  for (; k0 + 8 <= p.k; k0 += 8) {
    __m256 x[8];
    const T *row[8];
    for (int r = 0; r < 8; ++r) {
      x[r] = _mm256_broadcast_ss(a + k0 + r);
      row[r] = b + (k0 + r) * p.ldb;
    }
    for (int64_t j = 0; j < n16; j += 16) {
      __m256 v0 = _mm256_loadu_ps(c + j), v1 = _mm256_loadu_ps(c + j + 8);
      for (int r = 0; r < 8; ++r) {
        v0 = _mm256_fmadd_ps(x[r], E::load8(row[r] + j), v0);
        v1 = _mm256_fmadd_ps(x[r], E::load8(row[r] + j + 8), v1);
      }
      _mm256_storeu_ps(c + j, v0);
      _mm256_storeu_ps(c + j + 8, v1);
    }
    for (int64_t j = n16; j < p.n; ++j) {
      float s = c[j];
      for (int r = 0; r < 8; ++r)
        s = std::fma(a[k0 + r], E::one(row[r] + j), s);
      c[j] = s;
    }
  }
  for (; k0 < p.k; ++k0) {
    const __m256 x = _mm256_broadcast_ss(a + k0);
    const T *row = b + k0 * p.ldb;
    int64_t j = 0;
    for (; j + 8 <= p.n; j += 8)
      _mm256_storeu_ps(
          c + j, _mm256_fmadd_ps(x, E::load8(row + j), _mm256_loadu_ps(c + j)));
    for (; j < p.n; ++j)
      c[j] = std::fma(a[k0], E::one(row + j), c[j]);
  }
}

// One row of C against row-major int8 (or uint8) B: A's int32 elements are
// int8 / uint8 values, so a pair of rows of B widened to 16 bits and
// interleaved meets A's pair (a[k], a[k+1]) in one vpmaddwd (no product or
// pair sum leaves int32). Eight rows of B per pass over C's block, 16
// columns: accumulators hold columns 0-3, 8-11 and 4-7, 12-15 (the unpacks
// work within 128-bit lanes) and are put back in order at the store. Integer
// sums wrap, so any order gives the portable kernel's bits.
template <bool SignedB> __m256i widen16(const void *p) {
  const __m128i v = _mm_loadu_si128(static_cast<const __m128i *>(p));
  return SignedB ? _mm256_cvtepi8_epi16(v) : _mm256_cvtepu8_epi16(v);
}

template <bool SignedB> void gemvRowMajorI8(const SkinnyParams &p) {
  using B = std::conditional_t<SignedB, int8_t, uint8_t>;
  zeroAccBlock<int32_t>(p);
  auto *c = static_cast<int32_t *>(p.acc);
  const auto *a = static_cast<const int32_t *>(p.a);
  const auto *b = static_cast<const B *>(p.b);
  const int64_t n16 = p.n / 16 * 16;
  auto pairOf = [](int32_t lo, int32_t hi) {
    return _mm256_set1_epi32(
        int32_t(uint32_t(uint16_t(lo)) | (uint32_t(uint16_t(hi)) << 16)));
  };
  auto scalarRows = [&](int64_t k0, int rows) {
    for (int64_t j = n16; j < p.n; ++j) {
      uint32_t s = uint32_t(c[j]);
      for (int r = 0; r < rows; ++r)
        s += uint32_t(a[k0 + r]) * uint32_t(int32_t(b[(k0 + r) * p.ldb + j]));
      c[j] = int32_t(s);
    }
  };
  int64_t k0 = 0;
  for (; k0 + 8 <= p.k; k0 += 8) {
    __m256i x[4];
    const B *row[8];
    for (int q = 0; q < 4; ++q)
      x[q] = pairOf(a[k0 + 2 * q], a[k0 + 2 * q + 1]);
    for (int r = 0; r < 8; ++r)
      row[r] = b + (k0 + r) * p.ldb;
    for (int64_t j = 0; j < n16; j += 16) {
      __m256i lo = _mm256_setzero_si256(), hi = _mm256_setzero_si256();
      for (int q = 0; q < 4; ++q) {
        const __m256i u = widen16<SignedB>(row[2 * q] + j),
                      v = widen16<SignedB>(row[2 * q + 1] + j);
        lo = _mm256_add_epi32(
            lo, _mm256_madd_epi16(_mm256_unpacklo_epi16(u, v), x[q]));
        hi = _mm256_add_epi32(
            hi, _mm256_madd_epi16(_mm256_unpackhi_epi16(u, v), x[q]));
      }
      auto *c0 = reinterpret_cast<__m256i *>(c + j);
      auto *c1 = reinterpret_cast<__m256i *>(c + j + 8);
      _mm256_storeu_si256(
          c0, _mm256_add_epi32(_mm256_loadu_si256(c0),
                               _mm256_permute2x128_si256(lo, hi, 0x20)));
      _mm256_storeu_si256(
          c1, _mm256_add_epi32(_mm256_loadu_si256(c1),
                               _mm256_permute2x128_si256(lo, hi, 0x31)));
    }
    scalarRows(k0, 8);
  }
  // The last k % 8 rows, every column.
  for (; k0 < p.k; ++k0)
    for (int64_t j = 0; j < p.n; ++j)
      c[j] = int32_t(uint32_t(c[j]) +
                     uint32_t(a[k0]) * uint32_t(int32_t(b[k0 * p.ldb + j])));
}

// One row of C in a block wider than 64 columns takes a GEMV kernel.
bool isWideGemv(const SkinnyParams &p) { return p.m == 1 && p.n > 64; }

// Half-precision and int8 B, row-major: the GEMV kernel for one row of C,
// the portable kernel for more.
template <SkinnyFn Gemv, SkinnyFn Portable>
void gemvOrPortable(const SkinnyParams &p) {
  if (isWideGemv(p))
    return Gemv(p);
  Portable(p);
}

// Blocks of kc rows of B (a block of at most 16 KiB stays in L1 while the
// row tiles of C pass over it; at M = 16, n = 256, kc 8..256 measured on the
// EPYC host, 16 best), within them column tiles of 16; the last n % 16 columns
// take the portable kernel. Rows of B are still summed in ascending k.
// In a block wider than 64 columns, one row of C takes gemvRowMajor and two to
// seven rows the portable kernel: both stream B's rows contiguously (this
// kernel reached 8 GFLOPS at M = 1 against their 10-12 at N = 4096; at
// M = 4 the portable one and this were within the noise). Narrow blocks (a
// Triton program's BLOCK_N) stay here: the portable kernel reloads C every
// four rows of B.
void rowMajorF32(const SkinnyParams &p) {
  if (isWideGemv(p))
    return gemvRowMajor<F32Elems>(p);
  if (p.m < 8 && p.n > 64)
    return skinny_avx2::SkinnyF32::rowMajor(p);
  // 16 rows of B per block at the widths M >= 8 gets (n >= 256); a narrow
  // block keeps 16 KiB of B (e.g. 128 rows of 32 columns).
  const int64_t kc =
      std::clamp<int64_t>(4096 / std::max<int64_t>(p.n, 1), 16, 256);
  auto *acc = static_cast<float *>(p.acc);
  const auto *a = static_cast<const float *>(p.a);
  const auto *b = static_cast<const float *>(p.b);
  zeroAccBlock<float>(p);
  using TileFn = void (*)(const SkinnyParams &, int64_t, const float *,
                          const float *, float *);
  static constexpr TileFn kTiles[] = {tileF32<1>, tileF32<2>, tileF32<3>,
                                      tileF32<4>, tileF32<5>, tileF32<6>};
  const int64_t n16 = p.n / 16 * 16;
  for (int64_t k0 = 0; k0 < p.k; k0 += kc) {
    const int64_t kb = std::min(kc, p.k - k0);
    for (int64_t j0 = 0; j0 < n16; j0 += 16)
      for (int64_t i0 = 0; i0 < p.m; i0 += 6) {
        const float *ai = a + i0 * p.lda + k0;
        const float *bk = b + k0 * p.ldb + j0;
        float *ci = acc + i0 * p.accStride + j0;
        kTiles[std::min<int64_t>(6, p.m - i0) - 1](p, kb, ai, bk, ci);
      }
  }
  if (n16 < p.n) {
    SkinnyParams rest = p;
    rest.b = b + n16;
    rest.acc = acc + n16;
    rest.n = p.n - n16;
    rest.accumulate = true; // zeroed above, or C's values
    skinny_avx2::SkinnyF32::rowMajor(rest);
  }
}

// f32, transposed B (its rows are C's columns): R rows of A against C rows
// of B, R x C accumulators of eight lanes along K, so each load of A or B
// feeds C or R FMAs (the portable pairs load one vector per FMA, and a
// single row of A runs as a pair with itself); one horizontal sum per
// output, then the k % 8 tail in scalar FMAs.
template <int R, int C>
void dotTileF32(const SkinnyParams &p, const float *a, const float *b,
                float *acc) {
  __m256 v[R][C];
  for (int r = 0; r < R; ++r)
    for (int c = 0; c < C; ++c)
      v[r][c] = _mm256_setzero_ps();
  int64_t k = 0;
  for (; k + 8 <= p.k; k += 8) {
    __m256 x[R];
    for (int r = 0; r < R; ++r)
      x[r] = _mm256_loadu_ps(a + r * p.lda + k);
    for (int c = 0; c < C; ++c) {
      const __m256 y = _mm256_loadu_ps(b + c * p.ldb + k);
      for (int r = 0; r < R; ++r)
        v[r][c] = _mm256_fmadd_ps(x[r], y, v[r][c]);
    }
  }
  for (int r = 0; r < R; ++r)
    for (int c = 0; c < C; ++c) {
      float s = hsum(v[r][c]);
      for (int64_t t = k; t < p.k; ++t)
        s = std::fma(a[r * p.lda + t], b[c * p.ldb + t], s);
      acc[r * p.accStride + c] += s;
    }
}

template <int R> void dotRowsF32(const SkinnyParams &p, int64_t i0) {
  const auto *a = static_cast<const float *>(p.a) + i0 * p.lda;
  const auto *b = static_cast<const float *>(p.b);
  float *acc = static_cast<float *>(p.acc) + i0 * p.accStride;
  int64_t j = 0;
  // One row of A: eight rows of B at a time (a GEMV streams B once).
  if constexpr (R == 1)
    for (; j + 8 <= p.n; j += 8)
      dotTileF32<1, 8>(p, a, b + j * p.ldb, acc + j);
  for (; j + 4 <= p.n; j += 4)
    dotTileF32<R, 4>(p, a, b + j * p.ldb, acc + j);
  for (; j < p.n; ++j)
    dotTileF32<R, 1>(p, a, b + j * p.ldb, acc + j);
}

void dotF32(const SkinnyParams &p) {
  zeroAccBlock<float>(p);
  int64_t i = 0;
  for (; i + 3 <= p.m; i += 3)
    dotRowsF32<3>(p, i);
  if (p.m - i == 2)
    dotRowsF32<2>(p, i);
  else if (p.m - i == 1)
    dotRowsF32<1>(p, i);
}

} // namespace

SkinnyKernels avx2SkinnyKernels(GemmType type) {
  SkinnyKernels k = skinny_avx2::portableSkinnyKernels(type, KernelIsa::Avx2);
  switch (type) {
  case GemmType::F32F32F32:
    k.rowMajor = rowMajorF32;
    k.dot = dotF32;
    break;
  case GemmType::F16F16F32:
  case GemmType::F16F16F16:
    k.rowMajor = gemvOrPortable<gemvRowMajor<F16Elems>,
                                skinny_avx2::SkinnyF16::rowMajor>;
    break;
  case GemmType::BF16BF16F32:
    k.rowMajor = gemvOrPortable<gemvRowMajor<BF16Elems>,
                                skinny_avx2::SkinnyBF16::rowMajor>;
    break;
  case GemmType::S8S8S32:
  case GemmType::U8S8S32:
    k.rowMajor =
        gemvOrPortable<gemvRowMajorI8<true>, skinny_avx2::SkinnyS8::rowMajor>;
    break;
  case GemmType::U8U8S32:
  case GemmType::S8U8S32:
    k.rowMajor =
        gemvOrPortable<gemvRowMajorI8<false>, skinny_avx2::SkinnyU8::rowMajor>;
    break;
  }
  return k;
}

} // namespace speir::gemm

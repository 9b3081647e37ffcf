// int8 x int8 -> int32 tiles, 6 x 16 x 2, AVX2. Compiled with -mavx2;
// selected only when the CPU reports AVX2.
//
// vpmaddwd multiplies int16 pairs and adds each pair into one int32: with
// both operands extended to int16 with their own signedness (sign- or
// zero-extension), a pair of 8-bit products is exact in any of the four
// signedness combinations (|a*b| <= 255*255, two of them fit an int32 easily),
// so K0 = 2 and every product is exact; sums wrap like the other kernels.
//
// Per k tile: rhs 16 columns x 2 k = 32 bytes, extended to two ymm of 8
// (column, k pair) int16 pairs; for each of the 6 rows one broadcast int16
// pair, one vpmaddwd and one vpaddd per ymm of accumulators (12 ymm).
// The lhs is extended to int16 once per call into a small stack buffer, so
// the broadcasts in the k loop are plain loads (vpbroadcastd m32) that keep
// the shuffle port free for the rhs extension.
#include "kernels/gemm/ukernels/x86_64/Mmt4dX86.h"

#include <immintrin.h>

#include <cstring>

namespace speir::gemm {
namespace {

constexpr int kM0 = kI8Avx2M0, kK0 = kI8Avx2K0;
constexpr int64_t kChunkK1 = 256; // k tiles extended per pass: 6 KiB on stack

template <bool kSigned> inline __m256i extend16(__m128i v) {
  return kSigned ? _mm256_cvtepi8_epi16(v) : _mm256_cvtepu8_epi16(v);
}

template <bool kSigned> inline int16_t extend1(const void *p) {
  uint8_t u;
  std::memcpy(&u, p, 1);
  return kSigned ? int16_t(int8_t(u)) : int16_t(u);
}

// dst[k][m][kk] = int16(lhs tile k, row m, column kk) for k1 tiles.
template <bool kSigned>
void extendLhs(const int8_t *a, int64_t sa, int64_t k1, int16_t *dst) {
  constexpr int64_t kTile = kM0 * kK0;
  if (sa == kTile) {
    // Dense: one run of k1 * 12 bytes, 16 at a time.
    const int64_t n = k1 * kTile;
    int64_t i = 0;
    for (; i + 16 <= n; i += 16)
      _mm256_storeu_si256(reinterpret_cast<__m256i *>(dst + i),
                          extend16<kSigned>(_mm_loadu_si128(
                              reinterpret_cast<const __m128i *>(a + i))));
    for (; i < n; ++i)
      dst[i] = extend1<kSigned>(a + i);
    return;
  }
  for (int64_t k = 0; k < k1; ++k)
    for (int64_t i = 0; i < kTile; ++i)
      dst[k * kTile + i] = extend1<kSigned>(a + k * sa + i);
}

inline __m256i bcastPair(const int16_t *p) {
  int32_t v;
  std::memcpy(&v, p, 4);
  return _mm256_set1_epi32(v);
}

inline __m256i loadC(const int32_t *p) {
  return _mm256_loadu_si256(reinterpret_cast<const __m256i *>(p));
}
inline void storeC(int32_t *p, __m256i v) {
  _mm256_storeu_si256(reinterpret_cast<__m256i *>(p), v);
}

template <bool kLhsSigned, bool kRhsSigned>
void tile(const Mmt4dTileParams &p) {
  int32_t *const c = static_cast<int32_t *>(p.acc);
  const int8_t *a = static_cast<const int8_t *>(p.lhs);
  const int8_t *b = static_cast<const int8_t *>(p.rhs);
  const int64_t ldc = p.accStrideRow, sa = p.lhsStrideK1, sb = p.rhsStrideK1;
  // Named accumulators (see Mmt4dF32Avx2.cpp).
  __m256i c00, c01, c10, c11, c20, c21, c30, c31, c40, c41, c50, c51;
  if (p.accumulate) {
    c00 = loadC(c), c01 = loadC(c + 8);
    c10 = loadC(c + ldc), c11 = loadC(c + ldc + 8);
    c20 = loadC(c + 2 * ldc), c21 = loadC(c + 2 * ldc + 8);
    c30 = loadC(c + 3 * ldc), c31 = loadC(c + 3 * ldc + 8);
    c40 = loadC(c + 4 * ldc), c41 = loadC(c + 4 * ldc + 8);
    c50 = loadC(c + 5 * ldc), c51 = loadC(c + 5 * ldc + 8);
  } else {
    c00 = c01 = c10 = c11 = c20 = c21 = c30 = c31 = c40 = c41 = c50 = c51 =
        _mm256_setzero_si256();
  }
  alignas(32) int16_t lhs16[kChunkK1 * kM0 * kK0];
  for (int64_t k0 = 0; k0 < p.k1; k0 += kChunkK1) {
    const int64_t kn = p.k1 - k0 < kChunkK1 ? p.k1 - k0 : kChunkK1;
    extendLhs<kLhsSigned>(a + k0 * sa, sa, kn, lhs16);
    const int16_t *ap = lhs16;
    for (int64_t k = 0; k < kn; ++k, ap += kM0 * kK0, b += sb) {
      const __m256i b0 = extend16<kRhsSigned>(
          _mm_loadu_si128(reinterpret_cast<const __m128i *>(b)));
      const __m256i b1 = extend16<kRhsSigned>(
          _mm_loadu_si128(reinterpret_cast<const __m128i *>(b + 16)));
      __m256i av;
      av = bcastPair(ap + 0);
      c00 = _mm256_add_epi32(c00, _mm256_madd_epi16(av, b0));
      c01 = _mm256_add_epi32(c01, _mm256_madd_epi16(av, b1));
      av = bcastPair(ap + 2);
      c10 = _mm256_add_epi32(c10, _mm256_madd_epi16(av, b0));
      c11 = _mm256_add_epi32(c11, _mm256_madd_epi16(av, b1));
      av = bcastPair(ap + 4);
      c20 = _mm256_add_epi32(c20, _mm256_madd_epi16(av, b0));
      c21 = _mm256_add_epi32(c21, _mm256_madd_epi16(av, b1));
      av = bcastPair(ap + 6);
      c30 = _mm256_add_epi32(c30, _mm256_madd_epi16(av, b0));
      c31 = _mm256_add_epi32(c31, _mm256_madd_epi16(av, b1));
      av = bcastPair(ap + 8);
      c40 = _mm256_add_epi32(c40, _mm256_madd_epi16(av, b0));
      c41 = _mm256_add_epi32(c41, _mm256_madd_epi16(av, b1));
      av = bcastPair(ap + 10);
      c50 = _mm256_add_epi32(c50, _mm256_madd_epi16(av, b0));
      c51 = _mm256_add_epi32(c51, _mm256_madd_epi16(av, b1));
    }
  }
  storeC(c, c00), storeC(c + 8, c01);
  storeC(c + ldc, c10), storeC(c + ldc + 8, c11);
  storeC(c + 2 * ldc, c20), storeC(c + 2 * ldc + 8, c21);
  storeC(c + 3 * ldc, c30), storeC(c + 3 * ldc + 8, c31);
  storeC(c + 4 * ldc, c40), storeC(c + 4 * ldc + 8, c41);
  storeC(c + 5 * ldc, c50), storeC(c + 5 * ldc + 8, c51);
}

} // namespace

Mmt4dTileFn i8Avx2TileKernel(GemmType type) {
  switch (type) {
  case GemmType::S8S8S32:
    return tile<true, true>;
  case GemmType::U8U8S32:
    return tile<false, false>;
  case GemmType::S8U8S32:
    return tile<true, false>;
  case GemmType::U8S8S32:
    return tile<false, true>;
  default:
    return nullptr;
  }
}

} // namespace speir::gemm

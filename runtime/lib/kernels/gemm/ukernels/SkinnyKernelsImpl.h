// The portable skinny kernels (see Skinny.h), written for the compiler's
// vectorizer: one source compiled once per target flag set (generic, and on
// x86-64 again with AVX2/FMA/F16C). The includer defines SPEIR_SKINNY_NS to
// a namespace of its own, so the instantiations of each copy stay distinct.
// A is already in the accumulator type; B rows are converted to it once per
// column chunk (never once per row of C).
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <type_traits>

#include "kernels/gemm/Half.h"
#include "kernels/gemm/Skinny.h"

namespace speir::gemm::SPEIR_SKINNY_NS {

struct F32Ops {
  using Acc = float;
  static Acc mac(Acc c, Acc a, Acc b) { return c + a * b; }
};
// Integer sums wrap (uint32) as every other int8 kernel's do.
struct I32Ops {
  using Acc = int32_t;
  static Acc mac(Acc c, Acc a, Acc b) {
    return int32_t(uint32_t(c) + uint32_t(a) * uint32_t(b));
  }
};

// Rhs element -> accumulator element, for a row segment. SPEIR_SKINNY_F16_ROW
// lets a target supply a faster f16 conversion (F16C).
template <class Rhs> struct RowConvert;
template <> struct RowConvert<float> {
  static void run(const float *s, float *d, int64_t n) {
    std::memcpy(d, s, size_t(n) * 4);
  }
};
struct F16Row {
  static void run(const uint16_t *s, float *d, int64_t n) {
#ifdef SPEIR_SKINNY_F16_ROW
    SPEIR_SKINNY_F16_ROW(s, d, n);
#else
    for (int64_t i = 0; i < n; ++i)
      d[i] = halfToFloat(s[i]);
#endif
  }
};
struct BF16Row {
  static void run(const uint16_t *s, float *d, int64_t n) {
    for (int64_t i = 0; i < n; ++i) {
      const uint32_t bits = uint32_t(s[i]) << 16;
      std::memcpy(&d[i], &bits, 4);
    }
  }
};
template <class Int8> struct I8Row {
  static void run(const Int8 *s, int32_t *d, int64_t n) {
    for (int64_t i = 0; i < n; ++i)
      d[i] = s[i];
  }
};

// Ops: the arithmetic; Rhs: B's element type; Conv: Rhs row -> Acc row.
template <class Ops, class Rhs, class Conv> struct Skinny {
  using Acc = typename Ops::Acc;
  // B is used in place when it already has the accumulator type.
  static constexpr bool kDirect = std::is_same_v<Rhs, Acc>;
  // Converted column chunks: 4 rows of B in 4 KiB each.
  static constexpr int64_t kChunk = 256;

  static void update4(Acc *__restrict c, Acc a0, Acc a1, Acc a2, Acc a3,
                      const Acc *__restrict b0, const Acc *__restrict b1,
                      const Acc *__restrict b2, const Acc *__restrict b3,
                      int64_t w) {
    for (int64_t j = 0; j < w; ++j)
      c[j] = Ops::mac(
          Ops::mac(Ops::mac(Ops::mac(c[j], a0, b0[j]), a1, b1[j]), a2, b2[j]),
          a3, b3[j]);
  }
  static void update1(Acc *__restrict c, Acc a0, const Acc *__restrict b0,
                      int64_t w) {
    for (int64_t j = 0; j < w; ++j)
      c[j] = Ops::mac(c[j], a0, b0[j]);
  }

  static void rowMajor(const SkinnyParams &p) {
    auto *acc = static_cast<Acc *>(p.acc);
    const auto *a = static_cast<const Acc *>(p.a);
    const auto *b = static_cast<const Rhs *>(p.b);
    zeroAccBlock<Acc>(p);
    alignas(64) Acc tmp[kDirect ? 1 : 4 * kChunk];
    const int64_t chunk = kDirect ? p.n : kChunk;
    for (int64_t j0 = 0; j0 < p.n; j0 += chunk) {
      const int64_t w = std::min(chunk, p.n - j0);
      auto row = [&](int64_t kk, int slot) -> const Acc * {
        if constexpr (kDirect) {
          (void)slot;
          return b + kk * p.ldb + j0;
        } else {
          Conv::run(b + kk * p.ldb + j0, tmp + slot * kChunk, w);
          return tmp + slot * kChunk;
        }
      };
      int64_t k = 0;
      for (; k + 4 <= p.k; k += 4) {
        const Acc *b0 = row(k, 0), *b1 = row(k + 1, 1), *b2 = row(k + 2, 2),
                  *b3 = row(k + 3, 3);
        for (int64_t i = 0; i < p.m; ++i) {
          const Acc *ai = a + i * p.lda + k;
          update4(acc + i * p.accStride + j0, ai[0], ai[1], ai[2], ai[3], b0,
                  b1, b2, b3, w);
        }
      }
      for (; k < p.k; ++k) {
        const Acc *b0 = row(k, 0);
        for (int64_t i = 0; i < p.m; ++i)
          update1(acc + i * p.accStride + j0, a[i * p.lda + k], b0, w);
      }
    }
  }

  // s[2 * r + c] += dot(a_r, b_c) over k, for two rows of A and two rows
  // of B (four outputs share each load). Lane-parallel partial sums (the
  // vectorizer's lanes), reduced once; a target may supply the f32 form
  // (SPEIR_SKINNY_DOT2X2_F32).
  static constexpr int kLanes = 16;
  static void dot2x2(const Acc *__restrict a0, const Acc *__restrict a1,
                     const Acc *__restrict b0, const Acc *__restrict b1,
                     int64_t k, Acc *s) {
#ifdef SPEIR_SKINNY_DOT2X2_F32
    if constexpr (std::is_same_v<Acc, float>) {
      SPEIR_SKINNY_DOT2X2_F32(a0, a1, b0, b1, k, s);
      return;
    }
#endif
    Acc p[4][kLanes] = {};
    int64_t i = 0;
    for (; i + kLanes <= k; i += kLanes)
      for (int l = 0; l < kLanes; ++l) {
        p[0][l] = Ops::mac(p[0][l], a0[i + l], b0[i + l]);
        p[1][l] = Ops::mac(p[1][l], a0[i + l], b1[i + l]);
        p[2][l] = Ops::mac(p[2][l], a1[i + l], b0[i + l]);
        p[3][l] = Ops::mac(p[3][l], a1[i + l], b1[i + l]);
      }
    Acc r[4] = {};
    for (int o = 0; o < 4; ++o)
      for (int l = 0; l < kLanes; ++l)
        r[o] = Ops::mac(r[o], p[o][l], Acc(1));
    for (; i < k; ++i) {
      r[0] = Ops::mac(r[0], a0[i], b0[i]);
      r[1] = Ops::mac(r[1], a0[i], b1[i]);
      r[2] = Ops::mac(r[2], a1[i], b0[i]);
      r[3] = Ops::mac(r[3], a1[i], b1[i]);
    }
    for (int o = 0; o < 4; ++o)
      s[o] = Ops::mac(s[o], r[o], Acc(1));
  }

  static void dot(const SkinnyParams &p) {
    auto *acc = static_cast<Acc *>(p.acc);
    const auto *a = static_cast<const Acc *>(p.a);
    const auto *b = static_cast<const Rhs *>(p.b);
    constexpr int64_t kDotChunk = 1024;
    alignas(64) Acc tmp[kDirect ? 1 : 2 * kDotChunk];
    zeroAccBlock<Acc>(p);
    // Pairs of columns and rows; an odd one pairs with itself (its second
    // result is dropped), so every output sees the same arithmetic.
    for (int64_t j = 0; j < p.n; j += 2) {
      const int64_t j1 = std::min(j + 1, p.n - 1);
      const Rhs *bj0 = b + j * p.ldb, *bj1 = b + j1 * p.ldb;
      const int64_t chunk = kDirect ? p.k : kDotChunk;
      for (int64_t k0 = 0; k0 < p.k; k0 += chunk) {
        const int64_t w = std::min(chunk, p.k - k0);
        const Acc *c0, *c1;
        if constexpr (kDirect) {
          c0 = bj0 + k0, c1 = bj1 + k0;
        } else {
          Conv::run(bj0 + k0, tmp, w);
          Conv::run(bj1 + k0, tmp + kDotChunk, w);
          c0 = tmp, c1 = tmp + kDotChunk;
        }
        for (int64_t i = 0; i < p.m; i += 2) {
          const int64_t i1 = std::min(i + 1, p.m - 1);
          Acc s[4] = {acc[i * p.accStride + j], acc[i * p.accStride + j1],
                      acc[i1 * p.accStride + j], acc[i1 * p.accStride + j1]};
          dot2x2(a + i * p.lda + k0, a + i1 * p.lda + k0, c0, c1, w, s);
          acc[i * p.accStride + j] = s[0];
          acc[i * p.accStride + j1] = s[1];
          acc[i1 * p.accStride + j] = s[2];
          acc[i1 * p.accStride + j1] = s[3];
        }
      }
    }
  }
};

using SkinnyF32 = Skinny<F32Ops, float, RowConvert<float>>;
using SkinnyF16 = Skinny<F32Ops, uint16_t, F16Row>;
using SkinnyBF16 = Skinny<F32Ops, uint16_t, BF16Row>;
using SkinnyS8 = Skinny<I32Ops, int8_t, I8Row<int8_t>>;
using SkinnyU8 = Skinny<I32Ops, uint8_t, I8Row<uint8_t>>;

inline SkinnyKernels portableSkinnyKernels(GemmType type, KernelIsa isa) {
  switch (type) {
  case GemmType::F32F32F32:
    return {isa, SkinnyF32::rowMajor, SkinnyF32::dot};
  case GemmType::F16F16F32:
  case GemmType::F16F16F16:
    return {isa, SkinnyF16::rowMajor, SkinnyF16::dot};
  case GemmType::BF16BF16F32:
    return {isa, SkinnyBF16::rowMajor, SkinnyBF16::dot};
  case GemmType::S8S8S32:
  case GemmType::U8S8S32:
    return {isa, SkinnyS8::rowMajor, SkinnyS8::dot};
  case GemmType::U8U8S32:
  case GemmType::S8U8S32:
    return {isa, SkinnyU8::rowMajor, SkinnyU8::dot};
  }
  return {isa, nullptr, nullptr};
}

} // namespace speir::gemm::SPEIR_SKINNY_NS

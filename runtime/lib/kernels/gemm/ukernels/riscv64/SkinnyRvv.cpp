// RVV skinny kernels (see Skinny.h), VLEN-agnostic: vsetvli per column
// chunk, LMUL 8 so one instruction covers VLEN/4 columns (64 at VLEN 256).
//   row-major B: four rows of B per pass over C's block (acc load, four
//     loads of B + four vfmacc.vf / vwmacc.vx, acc store), so a GEMV costs
//     about 3 instructions per k per VLEN/4 MACs.
//   transposed B (f32): two columns per pass over A, vfmacc.vv into two m8
//     partial-sum vectors (tail-undisturbed), one reduction per output.
// int8 runs at vtype e16,m4 throughout: the e8 loads (EMUL 2), the
// extension to e16 and the widening vwmacc.vx into e32,m8 accumulators share
// one SEW/LMUL ratio, so no vsetvli between them. int16 x int16 products of
// int8 / uint8 values are exact; int32 sums wrap. f16 has no kernel here:
// qemu 7.2 runs no Zvfh, so the portable kernel serves it.
#include <riscv_vector.h>

#include <cstring>

#include "kernels/gemm/ukernels/riscv64/Mmt4dRiscv64.h"

namespace speir::gemm {
namespace {

template <class T> void zeroAcc(const SkinnyParams &p) {
  if (p.accumulate)
    return;
  auto *acc = static_cast<T *>(p.acc);
  for (int64_t i = 0; i < p.m; ++i)
    std::memset(acc + i * p.accStride, 0, size_t(p.n) * sizeof(T));
}

// f32 B row segments, or bf16 ones widened (bf16 is f32's top half).
template <bool kBf16>
inline vfloat32m8_t loadRow(const void *b, int64_t off, size_t vl) {
  if constexpr (kBf16) {
    vuint16m4_t h = __riscv_vle16_v_u16m4(
        static_cast<const uint16_t *>(b) + off, vl);
    vuint32m8_t w = __riscv_vsll_vx_u32m8(__riscv_vzext_vf2_u32m8(h, vl), 16,
                                          vl);
    return __riscv_vreinterpret_v_u32m8_f32m8(w);
  } else {
    return __riscv_vle32_v_f32m8(static_cast<const float *>(b) + off, vl);
  }
}

template <bool kBf16> void rowMajorFloat(const SkinnyParams &p) {
  zeroAcc<float>(p);
  auto *acc = static_cast<float *>(p.acc);
  const auto *a = static_cast<const float *>(p.a);
  const int64_t eb = kBf16 ? 2 : 4;
  const char *b = static_cast<const char *>(p.b);
  int64_t k = 0;
  for (; k + 4 <= p.k; k += 4) {
    const char *b0 = b + k * p.ldb * eb, *b1 = b0 + p.ldb * eb,
               *b2 = b1 + p.ldb * eb, *b3 = b2 + p.ldb * eb;
    for (int64_t i = 0; i < p.m; ++i) {
      const float *ai = a + i * p.lda + k;
      const float a0 = ai[0], a1 = ai[1], a2 = ai[2], a3 = ai[3];
      float *c = acc + i * p.accStride;
      for (int64_t j = 0; j < p.n;) {
        const size_t vl = __riscv_vsetvl_e32m8(size_t(p.n - j));
        vfloat32m8_t v = __riscv_vle32_v_f32m8(c + j, vl);
        v = __riscv_vfmacc_vf_f32m8(v, a0, loadRow<kBf16>(b0, j, vl), vl);
        v = __riscv_vfmacc_vf_f32m8(v, a1, loadRow<kBf16>(b1, j, vl), vl);
        v = __riscv_vfmacc_vf_f32m8(v, a2, loadRow<kBf16>(b2, j, vl), vl);
        v = __riscv_vfmacc_vf_f32m8(v, a3, loadRow<kBf16>(b3, j, vl), vl);
        __riscv_vse32_v_f32m8(c + j, v, vl);
        j += int64_t(vl);
      }
    }
  }
  for (; k < p.k; ++k) {
    const char *b0 = b + k * p.ldb * eb;
    for (int64_t i = 0; i < p.m; ++i) {
      const float a0 = a[i * p.lda + k];
      float *c = acc + i * p.accStride;
      for (int64_t j = 0; j < p.n;) {
        const size_t vl = __riscv_vsetvl_e32m8(size_t(p.n - j));
        vfloat32m8_t v = __riscv_vle32_v_f32m8(c + j, vl);
        v = __riscv_vfmacc_vf_f32m8(v, a0, loadRow<kBf16>(b0, j, vl), vl);
        __riscv_vse32_v_f32m8(c + j, v, vl);
        j += int64_t(vl);
      }
    }
  }
}

// An int8 row segment extended to int16 (vl <= VLMAX(e16, m4)).
template <bool kSigned>
inline vint16m4_t loadRowI8(const void *b, int64_t off, size_t vl) {
  if constexpr (kSigned)
    return __riscv_vsext_vf2_i16m4(
        __riscv_vle8_v_i8m2(static_cast<const int8_t *>(b) + off, vl), vl);
  else
    return __riscv_vreinterpret_v_u16m4_i16m4(__riscv_vzext_vf2_u16m4(
        __riscv_vle8_v_u8m2(static_cast<const uint8_t *>(b) + off, vl), vl));
}

template <bool kSigned> void rowMajorI8(const SkinnyParams &p) {
  zeroAcc<int32_t>(p);
  auto *acc = static_cast<int32_t *>(p.acc);
  const auto *a = static_cast<const int32_t *>(p.a);
  const auto *b = static_cast<const char *>(p.b);
  int64_t k = 0;
  for (; k + 4 <= p.k; k += 4) {
    const char *b0 = b + k * p.ldb, *b1 = b0 + p.ldb, *b2 = b1 + p.ldb,
               *b3 = b2 + p.ldb;
    for (int64_t i = 0; i < p.m; ++i) {
      const int32_t *ai = a + i * p.lda + k;
      const int16_t a0 = int16_t(ai[0]), a1 = int16_t(ai[1]),
                    a2 = int16_t(ai[2]), a3 = int16_t(ai[3]);
      int32_t *c = acc + i * p.accStride;
      for (int64_t j = 0; j < p.n;) {
        const size_t vl = __riscv_vsetvl_e16m4(size_t(p.n - j));
        vint32m8_t v = __riscv_vle32_v_i32m8(c + j, vl);
        v = __riscv_vwmacc_vx_i32m8(v, a0, loadRowI8<kSigned>(b0, j, vl), vl);
        v = __riscv_vwmacc_vx_i32m8(v, a1, loadRowI8<kSigned>(b1, j, vl), vl);
        v = __riscv_vwmacc_vx_i32m8(v, a2, loadRowI8<kSigned>(b2, j, vl), vl);
        v = __riscv_vwmacc_vx_i32m8(v, a3, loadRowI8<kSigned>(b3, j, vl), vl);
        __riscv_vse32_v_i32m8(c + j, v, vl);
        j += int64_t(vl);
      }
    }
  }
  for (; k < p.k; ++k) {
    const char *b0 = b + k * p.ldb;
    for (int64_t i = 0; i < p.m; ++i) {
      const int16_t a0 = int16_t(a[i * p.lda + k]);
      int32_t *c = acc + i * p.accStride;
      for (int64_t j = 0; j < p.n;) {
        const size_t vl = __riscv_vsetvl_e16m4(size_t(p.n - j));
        vint32m8_t v = __riscv_vle32_v_i32m8(c + j, vl);
        v = __riscv_vwmacc_vx_i32m8(v, a0, loadRowI8<kSigned>(b0, j, vl), vl);
        __riscv_vse32_v_i32m8(c + j, v, vl);
        j += int64_t(vl);
      }
    }
  }
}

// The sum of all lanes of the partial sums (lanes past the last vl hold
// their earlier sums, or zero).
inline float reduceAll(vfloat32m8_t v) {
  const size_t vlmax = __riscv_vsetvlmax_e32m8();
  return __riscv_vfmv_f_s_f32m1_f32(__riscv_vfredusum_vs_f32m8_f32m1(
      v, __riscv_vfmv_s_f_f32m1(0.0f, 1), vlmax));
}

void dotF32(const SkinnyParams &p) {
  zeroAcc<float>(p);
  auto *acc = static_cast<float *>(p.acc);
  const auto *a = static_cast<const float *>(p.a);
  const auto *b = static_cast<const float *>(p.b);
  const size_t vlmax = __riscv_vsetvlmax_e32m8();
  int64_t j = 0;
  for (; j + 2 <= p.n; j += 2) {
    const float *b0 = b + j * p.ldb, *b1 = b0 + p.ldb;
    for (int64_t i = 0; i < p.m; ++i) {
      const float *ai = a + i * p.lda;
      vfloat32m8_t s0 = __riscv_vfmv_v_f_f32m8(0.0f, vlmax);
      vfloat32m8_t s1 = __riscv_vfmv_v_f_f32m8(0.0f, vlmax);
      for (int64_t k = 0; k < p.k;) {
        const size_t vl = __riscv_vsetvl_e32m8(size_t(p.k - k));
        const vfloat32m8_t va = __riscv_vle32_v_f32m8(ai + k, vl);
        s0 = __riscv_vfmacc_vv_f32m8_tu(s0, va,
                                        __riscv_vle32_v_f32m8(b0 + k, vl), vl);
        s1 = __riscv_vfmacc_vv_f32m8_tu(s1, va,
                                        __riscv_vle32_v_f32m8(b1 + k, vl), vl);
        k += int64_t(vl);
      }
      acc[i * p.accStride + j] += reduceAll(s0);
      acc[i * p.accStride + j + 1] += reduceAll(s1);
    }
  }
  for (; j < p.n; ++j) {
    const float *b0 = b + j * p.ldb;
    for (int64_t i = 0; i < p.m; ++i) {
      const float *ai = a + i * p.lda;
      vfloat32m8_t s0 = __riscv_vfmv_v_f_f32m8(0.0f, vlmax);
      for (int64_t k = 0; k < p.k;) {
        const size_t vl = __riscv_vsetvl_e32m8(size_t(p.k - k));
        s0 = __riscv_vfmacc_vv_f32m8_tu(s0, __riscv_vle32_v_f32m8(ai + k, vl),
                                        __riscv_vle32_v_f32m8(b0 + k, vl), vl);
        k += int64_t(vl);
      }
      acc[i * p.accStride + j] += reduceAll(s0);
    }
  }
}

} // namespace

SkinnyKernels rvvSkinnyKernels(GemmType type) {
  switch (type) {
  case GemmType::F32F32F32:
    return {KernelIsa::Rvv, rowMajorFloat<false>, dotF32};
  case GemmType::BF16BF16F32:
    return {KernelIsa::Rvv, rowMajorFloat<true>, nullptr};
  case GemmType::S8S8S32:
  case GemmType::U8S8S32:
    return {KernelIsa::Rvv, rowMajorI8<true>, nullptr};
  case GemmType::U8U8S32:
  case GemmType::S8U8S32:
    return {KernelIsa::Rvv, rowMajorI8<false>, nullptr};
  default:
    return {KernelIsa::Rvv, nullptr, nullptr};
  }
}

} // namespace speir::gemm

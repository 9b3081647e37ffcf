// f16 x f16 tiles, 7 x VLMAX(e32m4) x 1: the rhs row is loaded as f16 (m2)
// and widened inside vfwmacc.vf into f32 m4 accumulators (Zvfh). The f16
// output form converts once, at the tile's load and store.
#include <riscv_vector.h>

#include "kernels/gemm/ukernels/riscv64/Mmt4dRiscv64.h"

namespace speir::gemm {
namespace {

template <bool kF16Out>
inline vfloat32m4_t loadAcc(const void *c, int64_t row, int64_t ldc,
                            size_t vl) {
  if constexpr (kF16Out)
    return __riscv_vfwcvt_f_f_v_f32m4(
        __riscv_vle16_v_f16m2(static_cast<const _Float16 *>(c) + row * ldc, vl),
        vl);
  else
    return __riscv_vle32_v_f32m4(static_cast<const float *>(c) + row * ldc,
                                 vl);
}

template <bool kF16Out>
inline void storeAcc(void *c, int64_t row, int64_t ldc, vfloat32m4_t v,
                     size_t vl) {
  if constexpr (kF16Out)
    __riscv_vse16_v_f16m2(static_cast<_Float16 *>(c) + row * ldc,
                          __riscv_vfncvt_f_f_w_f16m2(v, vl), vl);
  else
    __riscv_vse32_v_f32m4(static_cast<float *>(c) + row * ldc, v, vl);
}

template <bool kF16Out> void tile(const Mmt4dTileParams &p) {
  const size_t vl = __riscv_vsetvlmax_e32m4();
  const _Float16 *a = static_cast<const _Float16 *>(p.lhs);
  const _Float16 *b = static_cast<const _Float16 *>(p.rhs);
  const int64_t ldc = p.accStrideRow, sa = p.lhsStrideK1, sb = p.rhsStrideK1;
  vfloat32m4_t c0, c1, c2, c3, c4, c5, c6;
  if (p.accumulate) {
    c0 = loadAcc<kF16Out>(p.acc, 0, ldc, vl);
    c1 = loadAcc<kF16Out>(p.acc, 1, ldc, vl);
    c2 = loadAcc<kF16Out>(p.acc, 2, ldc, vl);
    c3 = loadAcc<kF16Out>(p.acc, 3, ldc, vl);
    c4 = loadAcc<kF16Out>(p.acc, 4, ldc, vl);
    c5 = loadAcc<kF16Out>(p.acc, 5, ldc, vl);
    c6 = loadAcc<kF16Out>(p.acc, 6, ldc, vl);
  } else {
    c0 = c1 = c2 = c3 = c4 = c5 = c6 = __riscv_vfmv_v_f_f32m4(0.0f, vl);
  }
  for (int64_t k = 0; k < p.k1; ++k) {
    vfloat16m2_t bv = __riscv_vle16_v_f16m2(b, vl);
    c0 = __riscv_vfwmacc_vf_f32m4(c0, a[0], bv, vl);
    c1 = __riscv_vfwmacc_vf_f32m4(c1, a[1], bv, vl);
    c2 = __riscv_vfwmacc_vf_f32m4(c2, a[2], bv, vl);
    c3 = __riscv_vfwmacc_vf_f32m4(c3, a[3], bv, vl);
    c4 = __riscv_vfwmacc_vf_f32m4(c4, a[4], bv, vl);
    c5 = __riscv_vfwmacc_vf_f32m4(c5, a[5], bv, vl);
    c6 = __riscv_vfwmacc_vf_f32m4(c6, a[6], bv, vl);
    a += sa;
    b += sb;
  }
  storeAcc<kF16Out>(p.acc, 0, ldc, c0, vl);
  storeAcc<kF16Out>(p.acc, 1, ldc, c1, vl);
  storeAcc<kF16Out>(p.acc, 2, ldc, c2, vl);
  storeAcc<kF16Out>(p.acc, 3, ldc, c3, vl);
  storeAcc<kF16Out>(p.acc, 4, ldc, c4, vl);
  storeAcc<kF16Out>(p.acc, 5, ldc, c5, vl);
  storeAcc<kF16Out>(p.acc, 6, ldc, c6, vl);
}

} // namespace

void mmt4dTileF16F32Rvv(const Mmt4dTileParams &p) { tile<false>(p); }
void mmt4dTileF16F16Rvv(const Mmt4dTileParams &p) { tile<true>(p); }

} // namespace speir::gemm

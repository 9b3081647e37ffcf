// f32 7 x VLMAX(e32m4) x 1 tile: per k, one rhs row load and seven
// vfmacc.vf with lhs scalars. LMUL 4 keeps the instruction count per flop low;
// the X60 model charges 4 cycles per m4 vfmacc, the same rate as four m1 ops.
#include <riscv_vector.h>

#include "kernels/gemm/ukernels/riscv64/Mmt4dRiscv64.h"

namespace speir::gemm {

void mmt4dTileF32Rvv(const Mmt4dTileParams &p) {
  const size_t vl = __riscv_vsetvlmax_e32m4();
  float *c = static_cast<float *>(p.acc);
  const float *a = static_cast<const float *>(p.lhs);
  const float *b = static_cast<const float *>(p.rhs);
  const int64_t ldc = p.accStrideRow, sa = p.lhsStrideK1, sb = p.rhsStrideK1;
  vfloat32m4_t c0, c1, c2, c3, c4, c5, c6;
  if (p.accumulate) {
    c0 = __riscv_vle32_v_f32m4(c, vl);
    c1 = __riscv_vle32_v_f32m4(c + ldc, vl);
    c2 = __riscv_vle32_v_f32m4(c + 2 * ldc, vl);
    c3 = __riscv_vle32_v_f32m4(c + 3 * ldc, vl);
    c4 = __riscv_vle32_v_f32m4(c + 4 * ldc, vl);
    c5 = __riscv_vle32_v_f32m4(c + 5 * ldc, vl);
    c6 = __riscv_vle32_v_f32m4(c + 6 * ldc, vl);
  } else {
    c0 = c1 = c2 = c3 = c4 = c5 = c6 = __riscv_vfmv_v_f_f32m4(0.0f, vl);
  }
  for (int64_t k = 0; k < p.k1; ++k) {
    vfloat32m4_t bv = __riscv_vle32_v_f32m4(b, vl);
    c0 = __riscv_vfmacc_vf_f32m4(c0, a[0], bv, vl);
    c1 = __riscv_vfmacc_vf_f32m4(c1, a[1], bv, vl);
    c2 = __riscv_vfmacc_vf_f32m4(c2, a[2], bv, vl);
    c3 = __riscv_vfmacc_vf_f32m4(c3, a[3], bv, vl);
    c4 = __riscv_vfmacc_vf_f32m4(c4, a[4], bv, vl);
    c5 = __riscv_vfmacc_vf_f32m4(c5, a[5], bv, vl);
    c6 = __riscv_vfmacc_vf_f32m4(c6, a[6], bv, vl);
    a += sa;
    b += sb;
  }
  __riscv_vse32_v_f32m4(c, c0, vl);
  __riscv_vse32_v_f32m4(c + ldc, c1, vl);
  __riscv_vse32_v_f32m4(c + 2 * ldc, c2, vl);
  __riscv_vse32_v_f32m4(c + 3 * ldc, c3, vl);
  __riscv_vse32_v_f32m4(c + 4 * ldc, c4, vl);
  __riscv_vse32_v_f32m4(c + 5 * ldc, c5, vl);
  __riscv_vse32_v_f32m4(c + 6 * ldc, c6, vl);
}

} // namespace speir::gemm

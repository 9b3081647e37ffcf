// int8 x int8 -> int32 tiles for cores without IME, 7 x VLMAX(e32m4) x 1.
// Each operand is extended to int16 with its own signedness, then
// vwmacc.vx (int16 x int16 -> int32) accumulates exactly: 255 * 255 and
// -128 * -128 both fit in int32 products, never in an int16 intermediate.
#include <riscv_vector.h>

#include <type_traits>

#include "kernels/gemm/ukernels/riscv64/Mmt4dRiscv64.h"

namespace speir::gemm {
namespace {

template <bool kSigned> inline vint16m2_t loadRhsRow(const void *b, size_t vl) {
  if constexpr (kSigned)
    return __riscv_vsext_vf2_i16m2(
        __riscv_vle8_v_i8m1(static_cast<const int8_t *>(b), vl), vl);
  else
    return __riscv_vreinterpret_v_u16m2_i16m2(__riscv_vzext_vf2_u16m2(
        __riscv_vle8_v_u8m1(static_cast<const uint8_t *>(b), vl), vl));
}

template <bool kLhsSigned, bool kRhsSigned>
void tile(const Mmt4dTileParams &p) {
  using Lhs = std::conditional_t<kLhsSigned, int8_t, uint8_t>;
  const size_t vl = __riscv_vsetvlmax_e32m4();
  int32_t *c = static_cast<int32_t *>(p.acc);
  const Lhs *a = static_cast<const Lhs *>(p.lhs);
  const int8_t *b = static_cast<const int8_t *>(p.rhs);
  const int64_t ldc = p.accStrideRow, sa = p.lhsStrideK1, sb = p.rhsStrideK1;
  vint32m4_t c0, c1, c2, c3, c4, c5, c6;
  if (p.accumulate) {
    c0 = __riscv_vle32_v_i32m4(c, vl);
    c1 = __riscv_vle32_v_i32m4(c + ldc, vl);
    c2 = __riscv_vle32_v_i32m4(c + 2 * ldc, vl);
    c3 = __riscv_vle32_v_i32m4(c + 3 * ldc, vl);
    c4 = __riscv_vle32_v_i32m4(c + 4 * ldc, vl);
    c5 = __riscv_vle32_v_i32m4(c + 5 * ldc, vl);
    c6 = __riscv_vle32_v_i32m4(c + 6 * ldc, vl);
  } else {
    c0 = c1 = c2 = c3 = c4 = c5 = c6 = __riscv_vmv_v_x_i32m4(0, vl);
  }
  for (int64_t k = 0; k < p.k1; ++k) {
    vint16m2_t bv = loadRhsRow<kRhsSigned>(b, vl);
    c0 = __riscv_vwmacc_vx_i32m4(c0, int16_t(a[0]), bv, vl);
    c1 = __riscv_vwmacc_vx_i32m4(c1, int16_t(a[1]), bv, vl);
    c2 = __riscv_vwmacc_vx_i32m4(c2, int16_t(a[2]), bv, vl);
    c3 = __riscv_vwmacc_vx_i32m4(c3, int16_t(a[3]), bv, vl);
    c4 = __riscv_vwmacc_vx_i32m4(c4, int16_t(a[4]), bv, vl);
    c5 = __riscv_vwmacc_vx_i32m4(c5, int16_t(a[5]), bv, vl);
    c6 = __riscv_vwmacc_vx_i32m4(c6, int16_t(a[6]), bv, vl);
    a += sa;
    b += sb;
  }
  __riscv_vse32_v_i32m4(c, c0, vl);
  __riscv_vse32_v_i32m4(c + ldc, c1, vl);
  __riscv_vse32_v_i32m4(c + 2 * ldc, c2, vl);
  __riscv_vse32_v_i32m4(c + 3 * ldc, c3, vl);
  __riscv_vse32_v_i32m4(c + 4 * ldc, c4, vl);
  __riscv_vse32_v_i32m4(c + 5 * ldc, c5, vl);
  __riscv_vse32_v_i32m4(c + 6 * ldc, c6, vl);
}

} // namespace

void mmt4dTileS8S8Rvv(const Mmt4dTileParams &p) { tile<true, true>(p); }
void mmt4dTileU8U8Rvv(const Mmt4dTileParams &p) { tile<false, false>(p); }
void mmt4dTileS8U8Rvv(const Mmt4dTileParams &p) { tile<true, false>(p); }
void mmt4dTileU8S8Rvv(const Mmt4dTileParams &p) { tile<false, true>(p); }

} // namespace speir::gemm

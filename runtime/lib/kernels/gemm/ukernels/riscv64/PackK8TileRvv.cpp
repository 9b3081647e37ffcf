// Packs one full int8 tile with 8 columns (the IME layout's K0 = 8) with
// segment loads/stores: a few instructions per tile instead of a scalar
// copy per byte. Byte elements, so no alignment requirement.
#include <riscv_vector.h>

#include "kernels/gemm/ukernels/riscv64/Mmt4dRiscv64.h"

namespace speir::gemm {

void packInt8TileK8Rvv(const uint8_t *src, int64_t sr, int64_t sc,
                       int64_t tile0, uint8_t *dst) {
  const size_t vl = size_t(tile0);
  if (sc == 1) {
    // Rows are 8 contiguous bytes: one strided 8-field segment load gathers
    // all rows, a unit-stride segment store writes them back to back.
    vuint8m1x8_t t = __riscv_vlsseg8e8_v_u8m1x8(src, sr, vl);
    __riscv_vsseg8e8_v_u8m1x8(dst, t, vl);
    return;
  }
  // Transposed source (rows contiguous): column c is one unit-stride load;
  // the segment store interleaves the 8 columns into rows.
  vuint8m1x8_t t = __riscv_vcreate_v_u8m1x8(
      __riscv_vlse8_v_u8m1(src + 0 * sc, sr, vl),
      __riscv_vlse8_v_u8m1(src + 1 * sc, sr, vl),
      __riscv_vlse8_v_u8m1(src + 2 * sc, sr, vl),
      __riscv_vlse8_v_u8m1(src + 3 * sc, sr, vl),
      __riscv_vlse8_v_u8m1(src + 4 * sc, sr, vl),
      __riscv_vlse8_v_u8m1(src + 5 * sc, sr, vl),
      __riscv_vlse8_v_u8m1(src + 6 * sc, sr, vl),
      __riscv_vlse8_v_u8m1(src + 7 * sc, sr, vl));
  __riscv_vsseg8e8_v_u8m1x8(dst, t, vl);
}

} // namespace speir::gemm

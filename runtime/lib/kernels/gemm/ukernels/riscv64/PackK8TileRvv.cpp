// Packs a row of full int8 tiles with 8 columns (the IME layout's K0 = 8)
// with segment loads/stores: a few instructions per tile instead of a scalar
// copy per byte, and one call per panel. Byte elements: no alignment needs.
#include <riscv_vector.h>

#include "kernels/gemm/ukernels/riscv64/Mmt4dRiscv64.h"

namespace speir::gemm {

void packInt8PanelK8Rvv(const uint8_t *src, int64_t sr, int64_t sc,
                        int64_t tile0, int64_t tiles, uint8_t *dst,
                        int64_t dstStride) {
  const size_t vl = size_t(tile0);
  if (sc == 1) {
    // Rows are 8 contiguous bytes: one strided 8-field segment load gathers
    // all rows of a tile, a unit-stride segment store writes them back to
    // back.
    for (int64_t t = 0; t < tiles; ++t, src += 8, dst += dstStride)
      __riscv_vsseg8e8_v_u8m1x8(dst, __riscv_vlsseg8e8_v_u8m1x8(src, sr, vl),
                                vl);
    return;
  }
  // Transposed source: column c of a tile is one strided load; the segment
  // store interleaves the 8 columns into rows.
  for (int64_t t = 0; t < tiles; ++t, src += 8 * sc, dst += dstStride) {
    vuint8m1x8_t v =
        __riscv_vcreate_v_u8m1x8(__riscv_vlse8_v_u8m1(src + 0 * sc, sr, vl),
                                 __riscv_vlse8_v_u8m1(src + 1 * sc, sr, vl),
                                 __riscv_vlse8_v_u8m1(src + 2 * sc, sr, vl),
                                 __riscv_vlse8_v_u8m1(src + 3 * sc, sr, vl),
                                 __riscv_vlse8_v_u8m1(src + 4 * sc, sr, vl),
                                 __riscv_vlse8_v_u8m1(src + 5 * sc, sr, vl),
                                 __riscv_vlse8_v_u8m1(src + 6 * sc, sr, vl),
                                 __riscv_vlse8_v_u8m1(src + 7 * sc, sr, vl));
    __riscv_vsseg8e8_v_u8m1x8(dst, v, vl);
  }
}

} // namespace speir::gemm

// The K0 = 1 im2col transpose with RVV segment stores: M0 rows of channels
// (one per output pixel, contiguous in NHWC) become M0-wide columns of the
// lhs tile. vssseg<M0> writes field r of every segment from register r, i.e.
// exactly tile[k * M0 + r] = row_r[k], so per VLMAX channels the whole
// transpose is M0 loads and one store (LMUL 1, as NF * LMUL <= 8 requires).
#include "kernels/conv/ukernels/riscv64/Im2colPackRvv.h"

#include <riscv_vector.h>

#include <utility>

namespace speir::conv {
namespace {

#define SPEIR_DEFINE_TRANSPOSE(SEW, NF)                                        \
  template <size_t... I>                                                       \
  void transpose##SEW##x##NF(const uint##SEW##_t *const *rows, int64_t len,    \
                             uint##SEW##_t *d, std::index_sequence<I...>) {    \
    for (int64_t i = 0; i < len;) {                                            \
      const size_t vl = __riscv_vsetvl_e##SEW##m1(size_t(len - i));            \
      vuint##SEW##m1x##NF##_t t = __riscv_vundefined_u##SEW##m1x##NF();        \
      ((t = __riscv_vset(t, I,                                                 \
                         __riscv_vle##SEW##_v_u##SEW##m1(rows[I] + i, vl))),   \
       ...);                                                                   \
      __riscv_vsseg##NF##e##SEW(d + i * NF, t, vl);                            \
      i += int64_t(vl);                                                        \
    }                                                                          \
  }

#define SPEIR_DEFINE_TRANSPOSES(SEW)                                           \
  SPEIR_DEFINE_TRANSPOSE(SEW, 6)                                               \
  SPEIR_DEFINE_TRANSPOSE(SEW, 7)                                               \
  SPEIR_DEFINE_TRANSPOSE(SEW, 8)                                               \
  bool transpose##SEW(const uint##SEW##_t *const *rows, int m0, int64_t len,   \
                      uint##SEW##_t *d) {                                      \
    switch (m0) {                                                              \
    case 6:                                                                    \
      transpose##SEW##x6(rows, len, d, std::make_index_sequence<6>());         \
      return true;                                                             \
    case 7:                                                                    \
      transpose##SEW##x7(rows, len, d, std::make_index_sequence<7>());         \
      return true;                                                             \
    case 8:                                                                    \
      transpose##SEW##x8(rows, len, d, std::make_index_sequence<8>());         \
      return true;                                                             \
    default:                                                                   \
      return false;                                                            \
    }                                                                          \
  }

SPEIR_DEFINE_TRANSPOSES(32)
SPEIR_DEFINE_TRANSPOSES(16)
SPEIR_DEFINE_TRANSPOSES(8)

} // namespace

void gatherPiecesK8Rvv(const uint8_t *base, int64_t rowStride, int m0,
                       int64_t pieces, uint8_t *d) {
  const size_t vl = __riscv_vsetvl_e64m4(size_t(m0));
  for (int64_t q = 0; q < pieces; ++q) {
    vuint64m4_t v = __riscv_vlse64_v_u64m4(
        reinterpret_cast<const uint64_t *>(base + q * 8), rowStride, vl);
    __riscv_vse64_v_u64m4(reinterpret_cast<uint64_t *>(d + q * m0 * 8), v, vl);
  }
}

bool transposeRowsRvv(const uint32_t *const *rows, int m0, int64_t len,
                      uint32_t *d) {
  return transpose32(rows, m0, len, d);
}
bool transposeRowsRvv(const uint16_t *const *rows, int m0, int64_t len,
                      uint16_t *d) {
  return transpose16(rows, m0, len, d);
}
bool transposeRowsRvv(const uint8_t *const *rows, int m0, int64_t len,
                      uint8_t *d) {
  return transpose8(rows, m0, len, d);
}

} // namespace speir::conv

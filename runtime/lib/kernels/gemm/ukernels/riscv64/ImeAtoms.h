// The IME accumulator layout shared by the IME tile kernels (GEMM's
// Mmt4dI8Ime.cpp and convolution's ImeSlideTile.cpp): a 4 x 16 int32 block
// of C lives as four 4 x 4 atoms in registers v(base + 2j + h), and one
// vrgatherei16 over the m8 group turns it into row-major rows.
#ifndef SPEIR_KERNELS_GEMM_UKERNELS_RISCV64_IMEATOMS_H
#define SPEIR_KERNELS_GEMM_UKERNELS_RISCV64_IMEATOMS_H

#include <cstdint>

namespace speir::gemm {

// Gather indices, e32 elements of one m8 group (8 accumulator registers, one
// 4-row block): row-major element 16r + col comes from register 2j + h,
// element 4i' + c, where col = 4j + c and r = 2h + i'.
struct AtomsToRowsIndex {
  alignas(64) uint16_t v[64];
  constexpr AtomsToRowsIndex() : v() {
    for (int r = 0; r < 4; ++r)
      for (int col = 0; col < 16; ++col) {
        const int j = col / 4, c = col % 4, h = r / 2, i = r % 2;
        v[16 * r + col] = uint16_t(8 * (2 * j + h) + 4 * i + c);
      }
  }
};
inline constexpr AtomsToRowsIndex kAtomsToRows;

} // namespace speir::gemm

#endif // SPEIR_KERNELS_GEMM_UKERNELS_RISCV64_IMEATOMS_H

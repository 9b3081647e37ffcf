// RVV pieces of the im2col packing (Im2colPack.cpp), riscv64 with V only.
#ifndef SPEIR_KERNELS_CONV_UKERNELS_RISCV64_IM2COLPACKRVV_H
#define SPEIR_KERNELS_CONV_UKERNELS_RISCV64_IM2COLPACKRVV_H

#include <cstdint>

namespace speir::conv {

// d[i * m0 + r] = rows[r][i] for r < m0, i < len: m0 contiguous rows
// interleaved into a K0 = 1 lhs tile. Served for m0 in 6..8 (the RVV and
// generic tile heights) with one unit-stride load per row and one segment
// store per VLMAX columns; returns false for other m0 (caller loops).
bool transposeRowsRvv(const uint32_t *const *rows, int m0, int64_t len,
                      uint32_t *d);
bool transposeRowsRvv(const uint16_t *const *rows, int m0, int64_t len,
                      uint16_t *d);
bool transposeRowsRvv(const uint8_t *const *rows, int m0, int64_t len,
                      uint8_t *d);

// K0 = 8 int8 (IME) tiles from equally spaced rows: for q < pieces,
// d[q * m0 * 8 + r * 8 + j] = base[r * rowStride + q * 8 + j] (r < m0 <= 16,
// j < 8): one strided 64-bit load and one unit-stride store per K0 tile.
void gatherPiecesK8Rvv(const uint8_t *base, int64_t rowStride, int m0,
                       int64_t pieces, uint8_t *d);

} // namespace speir::conv

#endif // SPEIR_KERNELS_CONV_UKERNELS_RISCV64_IM2COLPACKRVV_H

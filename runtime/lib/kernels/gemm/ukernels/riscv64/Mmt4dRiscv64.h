// RISC-V tile kernels; only built for riscv64 with V.
//   RVV (any VLEN): M0 = 6 (f32) or 7 rows held as scalars, N0 = VLMAX(e32, m4)
//   columns
//     (32 at VLEN 256, 16 at VLEN 128), K0 = 1; 7 m4 accumulators + one m4
//     rhs row = all 32 registers. One vfmacc.vf / vfwmacc.vf / vwmacc.vx per
//     row per k.
//   IME (XSMTVDot, VLEN 256): M0 = 8, N0 = 16, K0 = 8: a 2 x 4 grid of
//     4x4x8 vmadot atoms, 8 accumulator pairs in v16-v31, four k tiles of
//     operands per two whole-register loads (see Mmt4dI8Ime.cpp).
#ifndef SPEIR_KERNELS_GEMM_UKERNELS_RISCV64_MMT4DRISCV64_H
#define SPEIR_KERNELS_GEMM_UKERNELS_RISCV64_MMT4DRISCV64_H

#include "kernels/gemm/GemmTypes.h"
#include "kernels/gemm/Mmt4dTileKernel.h"
#include "kernels/gemm/Skinny.h"

namespace speir::gemm {

// f32 uses 6 rows (two rhs rows in flight); f16 and int8 use 7.
constexpr int kRvvF32M0 = 6;
constexpr int kRvvM0 = 7;
int rvvVlenBits();
int rvvTileN0();
Mmt4dTileFn rvvTileKernel(GemmType type);

void mmt4dTileF32Rvv(const Mmt4dTileParams &p);
void mmt4dTileF16F32Rvv(const Mmt4dTileParams &p);
void mmt4dTileF16F16Rvv(const Mmt4dTileParams &p);
void mmt4dTileS8S8Rvv(const Mmt4dTileParams &p);
void mmt4dTileU8U8Rvv(const Mmt4dTileParams &p);
void mmt4dTileS8U8Rvv(const Mmt4dTileParams &p);
void mmt4dTileU8S8Rvv(const Mmt4dTileParams &p);

// Skinny kernels (SkinnyRvv.cpp): f32, bf16 and int8 row-major, f32 dot;
// null where the portable kernel serves.
SkinnyKernels rvvSkinnyKernels(GemmType type);

constexpr int kImeM0 = 8;
constexpr int kImeN0 = 16;
constexpr int kImeK0 = 8;
// Only for the four int8 types; null otherwise.
Mmt4dTileFn imeTileKernel(GemmType type);
Mmt4dTileColumnFn imeTileColumnKernel(GemmType type);

// Packs `tiles` consecutive full tile0 x 8 int8 tiles (tile0 <= VLEN/8)
// of the strided source (tile t starts 8 columns after tile t-1) into dst,
// each row-major, tile t at dst + t * dstStride. For K0 = 8 layouts.
void packInt8PanelK8Rvv(const uint8_t *src, int64_t sr, int64_t sc,
                        int64_t tile0, int64_t tiles, uint8_t *dst,
                        int64_t dstStride);

} // namespace speir::gemm

#endif

// Host (x86-64) tile kernels; only built for x86-64.
#ifndef SPEIR_KERNELS_GEMM_UKERNELS_X86_64_MMT4DX86_H
#define SPEIR_KERNELS_GEMM_UKERNELS_X86_64_MMT4DX86_H

#include "kernels/gemm/GemmTypes.h"
#include "kernels/gemm/Mmt4dTileKernel.h"
#include "kernels/gemm/Skinny.h"

namespace speir::gemm {

// f32, M0 = 6, N0 = 16, K0 = 1: 12 ymm accumulators, the classic AVX2 shape
// (two FMA ports need >= 10 independent accumulators to hide latency).
constexpr int kF32Avx2M0 = 6;
constexpr int kF32Avx2N0 = 16;
bool hostHasAvx2Fma();
void mmt4dTileF32Avx2(const Mmt4dTileParams &p);

// f16 -> f32 and f16 -> f16, 6 x 16 x 1 (AVX2 + FMA + F16C): the f32 shape
// with F16C conversions; f32 accumulation, an f16 tile rounded once.
constexpr int kF16Avx2M0 = 6;
constexpr int kF16Avx2N0 = 16;
bool hostHasF16c();
void mmt4dTileF16F32Avx2(const Mmt4dTileParams &p);
void mmt4dTileF16F16Avx2(const Mmt4dTileParams &p);

// The four int8 types -> int32, 6 x 16 x 2 (AVX2): vpmaddwd on operands
// extended to int16, so K0 = 2 (one int16 pair per int32 lane).
constexpr int kI8Avx2M0 = 6;
constexpr int kI8Avx2N0 = 16;
constexpr int kI8Avx2K0 = 2;
// Only for the four int8 types; null otherwise.
Mmt4dTileFn i8Avx2TileKernel(GemmType type);

// Skinny kernels (SkinnyAvx2.cpp): every type, both layouts; needs AVX2,
// FMA and F16C.
SkinnyKernels avx2SkinnyKernels(GemmType type);

} // namespace speir::gemm

#endif

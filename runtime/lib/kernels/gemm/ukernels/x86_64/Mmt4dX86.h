// Host (x86-64) tile kernels; only built for x86-64.
#ifndef SPEIR_KERNELS_GEMM_UKERNELS_X86_64_MMT4DX86_H
#define SPEIR_KERNELS_GEMM_UKERNELS_X86_64_MMT4DX86_H

#include "kernels/gemm/Mmt4dTileKernel.h"

namespace speir::gemm {

// f32, M0 = 6, N0 = 16, K0 = 1: 12 ymm accumulators, the classic AVX2 shape
// (two FMA ports need >= 10 independent accumulators to hide latency).
constexpr int kF32Avx2M0 = 6;
constexpr int kF32Avx2N0 = 16;
bool hostHasAvx2Fma();
void mmt4dTileF32Avx2(const Mmt4dTileParams &p);

} // namespace speir::gemm

#endif

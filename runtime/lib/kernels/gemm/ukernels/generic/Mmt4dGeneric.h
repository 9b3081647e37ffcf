// Portable C++ tile kernels: any (M0, N0, K0) for every type, plus a
// fixed-size instantiation the compiler can vectorize. They are the
// fallback everywhere and the reference the fast kernels are tested against.
#ifndef SPEIR_KERNELS_GEMM_UKERNELS_GENERIC_MMT4DGENERIC_H
#define SPEIR_KERNELS_GEMM_UKERNELS_GENERIC_MMT4DGENERIC_H

#include "kernels/gemm/GemmTypes.h"
#include "kernels/gemm/Mmt4dTileKernel.h"

namespace speir::gemm {

constexpr int kGenericFixedM0 = 8;
constexpr int kGenericFixedN0 = 16;
constexpr int kGenericFixedK0 = 1;

// Serves any tile shape.
Mmt4dTileFn genericTileKernel(GemmType type);
// Serves only kGenericFixedM0 x kGenericFixedN0 x kGenericFixedK0.
Mmt4dTileFn genericFixedTileKernel(GemmType type);

} // namespace speir::gemm

#endif

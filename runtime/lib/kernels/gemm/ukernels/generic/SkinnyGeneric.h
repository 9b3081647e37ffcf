#ifndef SPEIR_KERNELS_GEMM_UKERNELS_GENERIC_SKINNYGENERIC_H
#define SPEIR_KERNELS_GEMM_UKERNELS_GENERIC_SKINNYGENERIC_H

#include "kernels/gemm/Skinny.h"

namespace speir::gemm {

// Every type; both layouts.
SkinnyKernels genericSkinnyKernels(GemmType type);

} // namespace speir::gemm

#endif

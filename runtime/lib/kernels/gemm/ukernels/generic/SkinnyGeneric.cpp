// The portable skinny kernels at the build's baseline flags: the fallback
// for every type, and the reference the ISA kernels are tested against.
#define SPEIR_SKINNY_NS skinny_generic
#include "kernels/gemm/ukernels/generic/SkinnyGeneric.h"
#include "kernels/gemm/ukernels/SkinnyKernelsImpl.h"

namespace speir::gemm {

SkinnyKernels genericSkinnyKernels(GemmType type) {
  return skinny_generic::portableSkinnyKernels(type, KernelIsa::Generic);
}

} // namespace speir::gemm

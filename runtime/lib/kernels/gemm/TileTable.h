// Which tile kernel serves which (type, M0, N0, K0), chosen at run time from
// the detected core (IREE-ukernel style).
// SPINE_GEMM_KERNEL=generic|avx2|rvv|ime restricts the choice to one ISA, for
// tests; shapes that ISA does not serve fall back to the generic kernel.
#ifndef SPEIR_KERNELS_GEMM_TILETABLE_H
#define SPEIR_KERNELS_GEMM_TILETABLE_H

#include <vector>

#include "kernels/gemm/GemmTypes.h"
#include "kernels/gemm/Mmt4dTileKernel.h"

namespace speir::gemm {

enum class KernelIsa : uint8_t { Generic, Avx2, Rvv, Ime };

const char *kernelIsaName(KernelIsa isa);

struct TileKernel {
  GemmType type;
  KernelIsa isa;
  int32_t m0, n0, k0;
  Mmt4dTileFn fn;
  // Several tiles down M per call; null when the kernel has only `fn`.
  Mmt4dTileColumnFn columnFn = nullptr;
  // IME instructions trap on cores without IME: run only on CoreSet::Ime.
  bool needsImeCore() const { return isa == KernelIsa::Ime; }
};

// Every kernel this build and this core can run, best first within a type.
// Excludes the any-shape generic kernel (see tileKernelFor).
const std::vector<TileKernel> &availableTileKernels();

// The kernel the GEMM driver uses for `type` (honours SPINE_GEMM_KERNEL).
__attribute__((visibility("default"))) TileKernel
preferredTileKernel(GemmType type);

// SPINE_GEMM_KERNEL is read once; tests and benchmarks that change it in
// the process call this after setenv / unsetenv.
__attribute__((visibility("default"))) void reloadIsaOverride();

// Whether SPINE_GEMM_KERNEL lets kernels of `isa` run (generic always).
bool isaAllowed(KernelIsa isa);

// The kernel serving exactly this tile, else the any-shape generic kernel.
TileKernel tileKernelFor(GemmType type, int64_t m0, int64_t n0, int64_t k0);

} // namespace speir::gemm

#endif

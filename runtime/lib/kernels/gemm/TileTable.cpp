#include "kernels/gemm/TileTable.h"

#include <cstdlib>
#include <cstring>

#include "arch/CpuInfo.h"
#include "kernels/gemm/ukernels/generic/Mmt4dGeneric.h"
#if defined(__x86_64__)
#include "kernels/gemm/ukernels/x86_64/Mmt4dX86.h"
#endif
#if defined(__riscv) && defined(__riscv_vector)
#include "kernels/gemm/ukernels/riscv64/Mmt4dRiscv64.h"
#endif

namespace speir::gemm {
namespace {

constexpr GemmType kAllTypes[] = {GemmType::F32F32F32, GemmType::F16F16F32,
                                  GemmType::F16F16F16, GemmType::S8S8S32,
                                  GemmType::U8U8S32,   GemmType::S8U8S32,
                                  GemmType::U8S8S32,   GemmType::BF16BF16F32};

std::vector<TileKernel> buildTable() {
  std::vector<TileKernel> table;
#if defined(__riscv) && defined(__riscv_vector)
  const auto &cpu = rt::cpuInfo();
  // The IME kernels assume X60's 4x4x8 atom, i.e. VLEN 256.
  if (cpu.ime_version >= 1 && rvvVlenBits() == 256) {
    for (GemmType t : {GemmType::S8S8S32, GemmType::U8U8S32, GemmType::S8U8S32,
                       GemmType::U8S8S32})
      table.push_back({t, KernelIsa::Ime, kImeM0, kImeN0, kImeK0,
                       imeTileKernel(t), imeTileColumnKernel(t)});
  }
  const int n0 = rvvTileN0();
  for (GemmType t : kAllTypes)
    if (rvvTileKernel(t))
      table.push_back({t, KernelIsa::Rvv,
                       t == GemmType::F32F32F32 ? kRvvF32M0 : kRvvM0, n0, 1,
                       rvvTileKernel(t)});
#endif
#if defined(__x86_64__)
  if (hostHasAvx2Fma()) {
    table.push_back({GemmType::F32F32F32, KernelIsa::Avx2, kF32Avx2M0,
                     kF32Avx2N0, 1, mmt4dTileF32Avx2});
    if (hostHasF16c()) {
      table.push_back({GemmType::F16F16F32, KernelIsa::Avx2, kF16Avx2M0,
                       kF16Avx2N0, 1, mmt4dTileF16F32Avx2});
      table.push_back({GemmType::F16F16F16, KernelIsa::Avx2, kF16Avx2M0,
                       kF16Avx2N0, 1, mmt4dTileF16F16Avx2});
    }
    for (GemmType t : {GemmType::S8S8S32, GemmType::U8U8S32, GemmType::S8U8S32,
                       GemmType::U8S8S32})
      table.push_back({t, KernelIsa::Avx2, kI8Avx2M0, kI8Avx2N0, kI8Avx2K0,
                       i8Avx2TileKernel(t)});
  }
#endif
  for (GemmType t : kAllTypes)
    table.push_back({t, KernelIsa::Generic, kGenericFixedM0, kGenericFixedN0,
                     kGenericFixedK0, genericFixedTileKernel(t)});
  return table;
}

// SPINE_GEMM_KERNEL, read once: the GEMM drivers consult it several times
// per call, and getenv scans the whole environment (about a thousand
// instructions per GEMM call with a shell's environment).
struct IsaOverride {
  bool set = false;
  KernelIsa isa = KernelIsa::Generic;
};

IsaOverride readIsaOverride() {
  IsaOverride o;
  const char *env = std::getenv("SPINE_GEMM_KERNEL");
  if (!env || !*env)
    return o;
  for (KernelIsa k :
       {KernelIsa::Generic, KernelIsa::Avx2, KernelIsa::Rvv, KernelIsa::Ime})
    if (std::strcmp(env, kernelIsaName(k)) == 0) {
      o.set = true;
      o.isa = k;
    }
  return o;
}

IsaOverride &isaOverride() {
  static IsaOverride o = readIsaOverride();
  return o;
}

// Returns true and sets *isa when SPINE_GEMM_KERNEL names an ISA.
bool envIsaOverride(KernelIsa *isa) {
  const IsaOverride &o = isaOverride();
  if (o.set)
    *isa = o.isa;
  return o.set;
}

bool allowed(const TileKernel &k) {
  KernelIsa only;
  if (!envIsaOverride(&only))
    return true;
  return k.isa == only || k.isa == KernelIsa::Generic;
}

} // namespace

const char *kernelIsaName(KernelIsa isa) {
  switch (isa) {
  case KernelIsa::Generic:
    return "generic";
  case KernelIsa::Avx2:
    return "avx2";
  case KernelIsa::Rvv:
    return "rvv";
  case KernelIsa::Ime:
    return "ime";
  }
  return "?";
}

const std::vector<TileKernel> &availableTileKernels() {
  static const std::vector<TileKernel> table = buildTable();
  return table;
}

TileKernel preferredTileKernel(GemmType type) {
  KernelIsa only;
  bool restricted = envIsaOverride(&only);
  for (const TileKernel &k : availableTileKernels())
    if (k.type == type && (!restricted || k.isa == only))
      return k;
  // The requested ISA does not serve this type: the generic fixed tile does.
  for (const TileKernel &k : availableTileKernels())
    if (k.type == type && k.isa == KernelIsa::Generic)
      return k;
  return {type,
          KernelIsa::Generic,
          kGenericFixedM0,
          kGenericFixedN0,
          kGenericFixedK0,
          genericFixedTileKernel(type)};
}

void reloadIsaOverride() { isaOverride() = readIsaOverride(); }

bool isaAllowed(KernelIsa isa) {
  KernelIsa only;
  return isa == KernelIsa::Generic || !envIsaOverride(&only) || isa == only;
}

TileKernel tileKernelFor(GemmType type, int64_t m0, int64_t n0, int64_t k0) {
  for (const TileKernel &k : availableTileKernels())
    if (k.type == type && k.m0 == m0 && k.n0 == n0 && k.k0 == k0 && allowed(k))
      return k;
  return {type,        KernelIsa::Generic, int32_t(m0),
          int32_t(n0), int32_t(k0),        genericTileKernel(type)};
}

} // namespace speir::gemm

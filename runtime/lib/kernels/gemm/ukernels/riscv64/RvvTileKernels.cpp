#include <riscv_vector.h>

#include "kernels/gemm/ukernels/riscv64/Mmt4dRiscv64.h"

namespace speir::gemm {

int rvvVlenBits() { return int(__riscv_vlenb() * 8); }

int rvvTileN0() { return int(__riscv_vsetvlmax_e32m4()); }

Mmt4dTileFn rvvTileKernel(GemmType type) {
  switch (type) {
  case GemmType::F32F32F32:
    return mmt4dTileF32Rvv;
  case GemmType::F16F16F32:
    return mmt4dTileF16F32Rvv;
  case GemmType::F16F16F16:
    return mmt4dTileF16F16Rvv;
  case GemmType::S8S8S32:
    return mmt4dTileS8S8Rvv;
  case GemmType::U8U8S32:
    return mmt4dTileU8U8Rvv;
  case GemmType::S8U8S32:
    return mmt4dTileS8U8Rvv;
  case GemmType::U8S8S32:
    return mmt4dTileU8S8Rvv;
  }
  return nullptr;
}

} // namespace speir::gemm

// The microkernel contract, one for every ISA and type: compute one M0 x N0
// accumulator tile from K1 packed lhs tiles (M0 x K0) and K1 packed rhs tiles
// (N0 x K0, i.e. transposed). The caller (mmt4d entry or GEMM driver) owns
// blocking, packing and threading; the kernel owns registers and this tile.
#ifndef SPEIR_KERNELS_GEMM_MMT4DTILEKERNEL_H
#define SPEIR_KERNELS_GEMM_MMT4DTILEKERNEL_H

#include <cstdint>

namespace speir::gemm {

struct Mmt4dTileParams {
  const void *lhs;
  const void *rhs;
  void *acc;
  int64_t lhsStrideK1;  // elements between consecutive K1 lhs tiles
  int64_t rhsStrideK1;  // elements between consecutive K1 rhs tiles
  int64_t accStrideRow; // elements between rows of the accumulator tile
  int64_t k1;
  int32_t m0, n0, k0;
  // Start from the tile's current contents; otherwise from zero (and the
  // tile is not read). Products are always summed in ascending k order.
  bool accumulate;
};

using Mmt4dTileFn = void (*)(const Mmt4dTileParams &);

// Optional second entry of a kernel: `m1` tiles down M in one call, sharing
// the rhs tiles of `tile` (lhs panels lhsStrideM1 elements apart, accumulator
// tiles accStrideM1 elements apart). Exactly the results of m1 calls of the
// tile entry; it saves the per-call setup, which for IME tiles is a large
// part of the instructions that are not vmadots.
struct Mmt4dTileColumnParams {
  Mmt4dTileParams tile; // the first tile
  int64_t m1;
  int64_t lhsStrideM1;
  int64_t accStrideM1;
};

using Mmt4dTileColumnFn = void (*)(const Mmt4dTileColumnParams &);

} // namespace speir::gemm

#endif

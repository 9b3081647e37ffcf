// speir_mmt4d: validates, picks the tile kernel for (type, M0, N0, K0) and
// runs it over the M1 x N1 accumulator tiles, in parallel when worthwhile.
#include <cstdint>

#include "kernels/gemm/GemmTypes.h"
#include "kernels/gemm/TileTable.h"
#include "speir/abi.h"
#include "threading/Parallel.h"

namespace speir::gemm {
namespace {

struct Mmt4dProblem {
  TileKernel kernel;
  const char *lhs;
  const char *rhs;
  char *acc;
  int64_t lhsStrideM1, lhsStrideK1, rhsStrideN1, rhsStrideK1;
  int64_t accStrideM1, accStrideN1;
  int64_t n1, k1;
  int lhsBytes, rhsBytes, accBytes;
  bool accumulate;
};

void runTiles(void *ctx, int64_t begin, int64_t end) {
  const auto &p = *static_cast<const Mmt4dProblem *>(ctx);
  Mmt4dTileParams t;
  t.lhsStrideK1 = p.lhsStrideK1;
  t.rhsStrideK1 = p.rhsStrideK1;
  t.accStrideRow = p.kernel.n0;
  t.k1 = p.k1;
  t.m0 = p.kernel.m0;
  t.n0 = p.kernel.n0;
  t.k0 = p.kernel.k0;
  t.accumulate = p.accumulate;
  for (int64_t i = begin; i < end; ++i) {
    const int64_t m = i / p.n1, n = i % p.n1;
    t.lhs = p.lhs + m * p.lhsStrideM1 * p.lhsBytes;
    t.rhs = p.rhs + n * p.rhsStrideN1 * p.rhsBytes;
    t.acc = p.acc + (m * p.accStrideM1 + n * p.accStrideN1) * p.accBytes;
    p.kernel.fn(t);
  }
}

bool validTile(int64_t t) { return t >= 1 && t <= 4096; }

} // namespace
} // namespace speir::gemm

using namespace speir::gemm;

extern "C" {

SPEIR_EXPORT int32_t speir_mmt4d_preferred_tile(int32_t type, int64_t *m0,
                                                int64_t *n0, int64_t *k0) {
  if (!isValidGemmType(type) || !m0 || !n0 || !k0)
    return SPEIR_ERROR_INVALID_ARGUMENT;
  TileKernel k = preferredTileKernel(GemmType(type));
  *m0 = k.m0;
  *n0 = k.n0;
  *k0 = k.k0;
  return SPEIR_OK;
}

SPEIR_EXPORT const char *speir_mmt4d_kernel_name(int32_t type, int64_t m0,
                                                 int64_t n0, int64_t k0) {
  if (!isValidGemmType(type) || !validTile(m0) || !validTile(n0) ||
      !validTile(k0))
    return nullptr;
  return kernelIsaName(tileKernelFor(GemmType(type), m0, n0, k0).isa);
}

SPEIR_EXPORT int32_t speir_mmt4d(int32_t type, uint32_t flags,
                                 const void *lhs, int64_t lhs_stride_m1,
                                 int64_t lhs_stride_k1, const void *rhs,
                                 int64_t rhs_stride_n1, int64_t rhs_stride_k1,
                                 void *acc, int64_t acc_stride_m1,
                                 int64_t acc_stride_n1, int64_t m1, int64_t n1,
                                 int64_t k1, int64_t m0, int64_t n0,
                                 int64_t k0) {
  if (!isValidGemmType(type) ||
      (flags & ~uint32_t(SPEIR_GEMM_ACCUMULATE | SPEIR_GEMM_SINGLE_THREAD)) ||
      m1 < 0 || n1 < 0 || k1 < 0 || !validTile(m0) || !validTile(n0) ||
      !validTile(k0))
    return SPEIR_ERROR_INVALID_ARGUMENT;
  if (m1 == 0 || n1 == 0)
    return SPEIR_OK;
  if (!acc || (k1 > 0 && (!lhs || !rhs)))
    return SPEIR_ERROR_INVALID_ARGUMENT;

  const GemmType t = GemmType(type);
  Mmt4dProblem p;
  p.kernel = tileKernelFor(t, m0, n0, k0);
  p.lhs = static_cast<const char *>(lhs);
  p.rhs = static_cast<const char *>(rhs);
  p.acc = static_cast<char *>(acc);
  p.lhsStrideM1 = lhs_stride_m1;
  p.lhsStrideK1 = lhs_stride_k1;
  p.rhsStrideN1 = rhs_stride_n1;
  p.rhsStrideK1 = rhs_stride_k1;
  p.accStrideM1 = acc_stride_m1;
  p.accStrideN1 = acc_stride_n1;
  p.n1 = n1;
  p.k1 = k1;
  p.lhsBytes = lhsElemBytes(t);
  p.rhsBytes = rhsElemBytes(t);
  p.accBytes = accElemBytes(t);
  p.accumulate = flags & SPEIR_GEMM_ACCUMULATE;

  const int64_t tiles = m1 * n1;
  const int64_t macsPerTile = k1 * m0 * n0 * k0;
  // About 64K MACs per task keeps dispatch overhead (~1 us) below ~5%.
  const int64_t grain = macsPerTile > 0 ? 1 + (int64_t(1) << 16) / macsPerTile
                                        : tiles;
  const auto cores = p.kernel.needsImeCore() ? speir::rt::CoreSet::Ime
                                             : speir::rt::CoreSet::Any;
  if ((flags & SPEIR_GEMM_SINGLE_THREAD) || grain >= tiles) {
    runTiles(&p, 0, tiles);
    return SPEIR_OK;
  }
  return speir::rt::parallelFor(tiles, grain, cores, runTiles, &p);
}

} // extern "C"

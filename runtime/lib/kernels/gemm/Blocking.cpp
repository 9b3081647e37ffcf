#include "kernels/gemm/Blocking.h"

#include <algorithm>

namespace speir::gemm {
namespace {
int64_t roundDownTo(int64_t v, int64_t m) { return std::max(m, v / m * m); }
} // namespace

Blocking chooseBlockingForKc(const TileKernel &kernel, const CacheSizes &caches,
                             int64_t kc) {
  const int64_t l2 = caches.l2 > 0 ? caches.l2 : 256 << 10;
  const int64_t llc = caches.l3 > 0 ? caches.l3 : l2;
  const int64_t lhsBytes = lhsElemBytes(kernel.type);
  const int64_t rhsBytes = rhsElemBytes(kernel.type);
  Blocking b;
  b.kc = std::max<int64_t>(kernel.k0, (kc + kernel.k0 - 1) / kernel.k0 *
                                          kernel.k0);
  b.mc = roundDownTo(std::min<int64_t>(l2 / 2 / (b.kc * lhsBytes), 1024),
                     kernel.m0);
  b.nc = roundDownTo(std::min<int64_t>(llc / 2 / (b.kc * rhsBytes), 4096),
                     kernel.n0);
  return b;
}

Blocking chooseBlocking(const TileKernel &kernel, const CacheSizes &caches) {
  const int64_t l1 = caches.l1d > 0 ? caches.l1d : 32 << 10;
  const int64_t rhsBytes = rhsElemBytes(kernel.type);
  return chooseBlockingForKc(
      kernel, caches,
      roundDownTo(std::min<int64_t>(l1 / 2 / (kernel.n0 * rhsBytes), 1024),
                  kernel.k0));
}

} // namespace speir::gemm

#include "kernels/gemm/Blocking.h"
#include "kernels/Tuning.h"

#include <algorithm>

namespace speir::gemm {
namespace {
int64_t roundDownTo(int64_t v, int64_t m) { return std::max(m, v / m * m); }
} // namespace

Blocking chooseBlockingForKc(const TileKernel &kernel, const CacheSizes &caches,
                             int64_t kc) {
  const int64_t l2 = caches.l2 > 0 ? caches.l2 : kTuning.defaultL2Bytes;
  const int64_t llc = caches.l3 > 0 ? caches.l3 : l2;
  const int64_t lhsBytes = lhsElemBytes(kernel.type);
  const int64_t rhsBytes = rhsElemBytes(kernel.type);
  Blocking b;
  b.kc = std::max<int64_t>(kernel.k0,
                           (kc + kernel.k0 - 1) / kernel.k0 * kernel.k0);
  b.mc = roundDownTo(
      std::min<int64_t>(l2 / 2 / (b.kc * lhsBytes), kTuning.maxMc), kernel.m0);
  b.nc = roundDownTo(
      std::min<int64_t>(llc / 2 / (b.kc * rhsBytes), kTuning.maxNc), kernel.n0);
  return b;
}

Blocking chooseBlocking(const TileKernel &kernel, const CacheSizes &caches) {
  const int64_t l1 = caches.l1d > 0 ? caches.l1d : kTuning.defaultL1dBytes;
  const int64_t rhsBytes = rhsElemBytes(kernel.type);
  return chooseBlockingForKc(
      kernel, caches,
      roundDownTo(
          std::min<int64_t>(l1 / 2 / (kernel.n0 * rhsBytes), kTuning.maxKc),
          kernel.k0));
}

int64_t chooseRowBlock(int64_t m, int64_t mc, int64_t m0, int threads,
                       bool rhsInPlace) {
  const int64_t mBlocks = (m + mc - 1) / mc;
  if (threads <= 1 || mBlocks >= 4 * threads || rhsInPlace)
    return mc;
  const int64_t want = (mBlocks + threads - 1) / threads * threads;
  return std::max<int64_t>(m0, ((m + want - 1) / want + m0 - 1) / m0 * m0);
}

int64_t chooseColumnGroups(int64_t mBlocks, int64_t nPanels, int threads) {
  if (threads <= 1 || mBlocks <= 0 || nPanels <= 1)
    return 1;
  // Efficiency of a split: tasks over the thread-rounds they take.
  auto efficiency = [&](int64_t groups) {
    const int64_t perGroup = (nPanels + groups - 1) / groups;
    groups = (nPanels + perGroup - 1) / perGroup;
    const int64_t tasks = mBlocks * groups;
    const int64_t rounds = (tasks + threads - 1) / threads;
    // Panels run per thread-round vs the longest thread's: uneven groups
    // (a short last one) count at their real size.
    const double work = double(mBlocks) * nPanels;
    return work / (double(rounds) * threads * perGroup);
  };
  const int64_t most = std::min<int64_t>(
      nPanels, std::max<int64_t>(4, (4 * threads + mBlocks - 1) / mBlocks));
  int64_t best = 1;
  double bestEfficiency = efficiency(1);
  for (int64_t groups = 2; groups <= most; ++groups) {
    const double e = efficiency(groups);
    // A split must gain more than 2% to be worth narrower panels.
    if (e > bestEfficiency + 0.02) {
      best = groups;
      bestEfficiency = e;
    }
  }
  return best;
}

} // namespace speir::gemm

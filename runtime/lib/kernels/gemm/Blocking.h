// BLIS cache blocking: KC so a KC x N0 rhs micro-panel fills half of L1,
// MC so an MC x KC lhs block fills half of (this core's share of) L2, NC so a
// KC x NC rhs block fills half of the last-level cache.
#ifndef SPEIR_KERNELS_GEMM_BLOCKING_H
#define SPEIR_KERNELS_GEMM_BLOCKING_H

#include <cstdint>

#include "kernels/gemm/GemmTypes.h"
#include "kernels/gemm/TileTable.h"

namespace speir::gemm {

struct Blocking {
  int64_t mc, nc, kc; // multiples of M0, N0 and K0
};

struct CacheSizes {
  int64_t l1d, l2, l3; // bytes; 0 = unknown
};

Blocking chooseBlocking(const TileKernel &kernel, const CacheSizes &caches);

// MC and NC as above for a given KC (rounded up to K0): for callers that
// must not split K, e.g. an f16 accumulator rounded once per tile.
Blocking chooseBlockingForKc(const TileKernel &kernel, const CacheSizes &caches,
                             int64_t kc);

// How many column groups to split each MC row block's NC panels into, so
// that mBlocks x groups tasks keep `threads` threads busy: the fewest groups
// (largest column panels) whose task count divides evenly over the threads,
// or the most even split of up to 4 groups (or 4 tasks per thread) when
// none does. 1 thread
// or enough whole rounds of row blocks: 1.
__attribute__((visibility("default"))) int64_t
chooseColumnGroups(int64_t mBlocks, int64_t nPanels, int threads);

// Rows per lhs block (a multiple of M0) on `threads` threads, from the
// cache blocking's `mc`: few blocks are evened out over a multiple of the
// thread count (blocks of 252 + 4 rows, or 3 blocks on 2 threads, would
// leave a thread idle for much of the call), unless B is read in place,
// where every row block would stream all of B again and a few panels seldom
// split evenly (M = 16 in 6-row panels: 12 + 4 rows, one thread with twice
// the other's work): there all rows stay one block and the columns are
// split (chooseColumnGroups). No result depends on the blocking.
__attribute__((visibility("default"))) int64_t
chooseRowBlock(int64_t m, int64_t mc, int64_t m0, int threads, bool rhsInPlace);

} // namespace speir::gemm

#endif

// Row-major iteration over a rank-1..3 grid given as a linear range, shared
// by speir_parallel_for and the launcher's stream dispatches.
#ifndef SPEIR_RUNTIME_THREADING_GRIDINDEX_H
#define SPEIR_RUNTIME_THREADING_GRIDINDEX_H

#include <cstdint>

namespace speir::rt {

// Product of sizes[0..rank), or -1 when a size is negative or it overflows.
inline int64_t gridVolume(int rank, const int64_t *sizes) {
  int64_t volume = 1;
  for (int d = 0; d < rank; ++d) {
    if (sizes[d] < 0)
      return -1;
    if (sizes[d] != 0 && volume > INT64_MAX / sizes[d])
      return -1;
    volume *= sizes[d];
  }
  return volume;
}

// Calls visit(ivs) for linear indices [begin, end) of the grid, last
// dimension fastest; one division per range, not per point.
template <int kMaxRank, typename Visit>
inline void forEachGridPoint(int rank, const int64_t *sizes, int64_t begin,
                             int64_t end, Visit &&visit) {
  int64_t ivs[kMaxRank];
  int64_t rest = begin;
  for (int d = rank - 1; d >= 0; --d) {
    ivs[d] = rest % sizes[d];
    rest /= sizes[d];
  }
  for (int64_t i = begin; i < end; ++i) {
    visit(static_cast<const int64_t *>(ivs));
    for (int d = rank - 1; d >= 0; --d) {
      if (++ivs[d] < sizes[d])
        break;
      ivs[d] = 0;
    }
  }
}

} // namespace speir::rt

#endif // SPEIR_RUNTIME_THREADING_GRIDINDEX_H

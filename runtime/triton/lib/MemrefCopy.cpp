// memrefCopy, as MLIR's finalize-memref-to-llvm calls it for copies between
// non-identity layouts. Written here so kernels need no MLIR runtime library.
#include "spine_triton/spine_triton_runtime.h"

#include "StridedDescriptor.h"

#include <cstring>
#include <vector>

namespace {
using spine::triton::StridedDescriptorView;

bool isContiguous(const StridedDescriptorView &view) {
  int64_t expected = 1;
  for (int64_t d = view.rank - 1; d >= 0; --d) {
    if (view.sizes[d] != 1 && view.strides[d] != expected)
      return false;
    expected *= view.sizes[d];
  }
  return true;
}
} // namespace

extern "C" void memrefCopy(int64_t element_size, spine_unranked_memref_t *src,
                           spine_unranked_memref_t *dst) {
  if (!src || !dst || element_size <= 0 || src->rank != dst->rank ||
      src->rank < 0)
    return;
  StridedDescriptorView from(src->rank, src->descriptor);
  StridedDescriptorView to(dst->rank, dst->descriptor);
  int64_t count = from.numElements();
  if (count <= 0)
    return;
  char *fromBase = from.aligned + from.offset * element_size;
  char *toBase = to.aligned + to.offset * element_size;
  if (isContiguous(from) && isContiguous(to)) {
    std::memmove(toBase, fromBase, count * element_size);
    return;
  }
  // Odometer over the index space; both offsets move together.
  int64_t rank = from.rank;
  std::vector<int64_t> index(rank, 0);
  int64_t fromOffset = 0, toOffset = 0;
  for (int64_t n = 0; n < count; ++n) {
    std::memcpy(toBase + toOffset * element_size,
                fromBase + fromOffset * element_size, element_size);
    for (int64_t d = rank - 1; d >= 0; --d) {
      if (++index[d] < from.sizes[d]) {
        fromOffset += from.strides[d];
        toOffset += to.strides[d];
        break;
      }
      fromOffset -= (from.sizes[d] - 1) * from.strides[d];
      toOffset -= (to.sizes[d] - 1) * to.strides[d];
      index[d] = 0;
    }
  }
}

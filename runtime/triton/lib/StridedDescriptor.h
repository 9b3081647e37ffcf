// Read-only view of a strided memref descriptor as LLVM lays it out:
// {allocated, aligned, offset, sizes[rank], strides[rank]}, all 8 bytes.
#ifndef SPINE_TRITON_STRIDED_DESCRIPTOR_H
#define SPINE_TRITON_STRIDED_DESCRIPTOR_H

#include <cstdint>

namespace spine::triton {

constexpr int64_t kMaxPrintedRank = 16;

struct StridedDescriptorView {
  char *aligned = nullptr;
  int64_t offset = 0;
  int64_t rank = 0;
  const int64_t *sizes = nullptr;
  const int64_t *strides = nullptr;

  StridedDescriptorView(int64_t rank, const void *descriptor) : rank(rank) {
    auto *pointers = static_cast<char *const *>(descriptor);
    auto *words = static_cast<const int64_t *>(descriptor);
    aligned = pointers[1];
    offset = words[2];
    sizes = words + 3;
    strides = words + 3 + rank;
  }

  int64_t numElements() const {
    int64_t n = 1;
    for (int64_t d = 0; d < rank; ++d)
      n *= sizes[d];
    return n;
  }
};

} // namespace spine::triton

#endif // SPINE_TRITON_STRIDED_DESCRIPTOR_H

// A grow-only aligned heap buffer: kept by a thread (thread_local) for one
// purpose, such as packed GEMM panels or a packed convolution filter, so
// repeated calls pay for allocation and first-touch page faults once.
#ifndef SPEIR_RUNTIME_MEMORY_GROWBUFFER_H
#define SPEIR_RUNTIME_MEMORY_GROWBUFFER_H

#include <cstddef>

#include "memory/AlignedAlloc.h"

namespace speir::rt {

class GrowBuffer {
public:
  GrowBuffer() = default;
  GrowBuffer(const GrowBuffer &) = delete;
  GrowBuffer &operator=(const GrowBuffer &) = delete;
  ~GrowBuffer() { alignedFree(data_); }

  // At least `bytes` bytes, 64-byte aligned (contents not kept when it
  // grows); nullptr when the allocation fails.
  void *get(size_t bytes) {
    if (bytes > size_) {
      alignedFree(data_);
      size_ = (bytes + 4095) & ~size_t(4095);
      data_ = alignedAlloc(size_, 64);
      if (!data_)
        size_ = 0;
    }
    return data_;
  }

private:
  void *data_ = nullptr;
  size_t size_ = 0;
};

} // namespace speir::rt

#endif // SPEIR_RUNTIME_MEMORY_GROWBUFFER_H

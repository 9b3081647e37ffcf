#include "memory/AlignedAlloc.h"

#include <cstdlib>

#if defined(SPEIR_HAVE_MIMALLOC)
#include <mimalloc.h>
#endif

namespace speir::rt {

void *alignedAlloc(size_t bytes, size_t alignment) {
  if (alignment == 0 || (alignment & (alignment - 1)) != 0)
    return nullptr;
  if (alignment < sizeof(void *))
    alignment = sizeof(void *);
  if (bytes == 0)
    bytes = 1;
#if defined(SPEIR_HAVE_MIMALLOC)
  return mi_malloc_aligned(bytes, alignment);
#else
  void *ptr = nullptr;
  return posix_memalign(&ptr, alignment, bytes) == 0 ? ptr : nullptr;
#endif
}

void alignedFree(void *ptr) {
#if defined(SPEIR_HAVE_MIMALLOC)
  mi_free(ptr);
#else
  std::free(ptr);
#endif
}

const char *alignedAllocatorName() {
#if defined(SPEIR_HAVE_MIMALLOC)
  return "mimalloc";
#else
  return "libc";
#endif
}

} // namespace speir::rt

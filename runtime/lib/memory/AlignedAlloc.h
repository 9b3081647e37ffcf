// Aligned heap memory for runtime buffers (packed GEMM panels, barriers):
// mimalloc when the build found it, else posix_memalign.
#ifndef SPEIR_RUNTIME_MEMORY_ALIGNEDALLOC_H
#define SPEIR_RUNTIME_MEMORY_ALIGNEDALLOC_H

#include <cstddef>

// Default visibility: the runtime tests link these from the shared library.
#pragma GCC visibility push(default)
namespace speir::rt {

// alignment: a power of two (smaller than pointer size is rounded up).
// Returns nullptr on failure or a bad alignment; bytes == 0 gives a unique
// pointer that must still be freed.
void *alignedAlloc(size_t bytes, size_t alignment);
void alignedFree(void *ptr);
// "mimalloc" or "libc": which allocator this build uses.
const char *alignedAllocatorName();

} // namespace speir::rt
#pragma GCC visibility pop

#endif // SPEIR_RUNTIME_MEMORY_ALIGNEDALLOC_H

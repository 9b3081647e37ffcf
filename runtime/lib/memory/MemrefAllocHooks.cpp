// The allocation functions MLIR's memref-to-LLVM lowering calls when asked
// for "generic" allocation functions; spine-opt asks for them under
// enable-always-tls=1, so a kernel's temporary buffers come from the calling
// thread's scratch arena instead of malloc.
#include "speir/abi.h"

extern "C" {

SPEIR_EXPORT void *_mlir_memref_to_llvm_alloc(uint64_t size) {
  return speir_scratch_alloc(static_cast<int64_t>(size), 0);
}

SPEIR_EXPORT void *_mlir_memref_to_llvm_aligned_alloc(uint64_t alignment,
                                                      uint64_t size) {
  return speir_scratch_alloc(static_cast<int64_t>(size),
                             static_cast<int64_t>(alignment));
}

SPEIR_EXPORT void _mlir_memref_to_llvm_free(void *ptr) {
  speir_scratch_free(ptr);
}

} // extern "C"

// Internal parallel-for for runtime kernels (GEMM, packing): runs fn over
// [0, n) on the runtime's thread pool, the calling thread participating.
// Every range starts at a multiple of `grain` and spans whole multiples of
// it, except the range ending at n. Nested calls (from inside fn) run inline
// on the calling thread, or on the caller's stream if idle; never deadlock.
#ifndef SPEIR_RUNTIME_THREADING_PARALLEL_H
#define SPEIR_RUNTIME_THREADING_PARALLEL_H

#include <cstdint>
#include <type_traits>

// Default visibility: the runtime tests link these from the shared library.
#pragma GCC visibility push(default)
namespace speir::rt {

// Which cores a parallel region may use. Ime restricts it to the threads of
// the IME clusters (K1: cluster 0, cores 0-3), pinned to those cores where
// affinity can be set; where the core has no IME it runs as Any.
enum class CoreSet { Any, Ime };

using RangeFn = void (*)(void *ctx, int64_t begin, int64_t end);

// Returns SPEIR_OK, or SPEIR_ERROR_INVALID_ARGUMENT for a null fn, n < 0 or
// grain < 0 (grain 0 = the runtime picks). n == 0 runs nothing.
int32_t parallelFor(int64_t n, int64_t grain, CoreSet cores, RangeFn fn,
                    void *ctx);

// Threads a parallelFor over `cores` called from here would use (1 where it
// would run inline, e.g. nested in another parallel region).
int numThreads(CoreSet cores);

// True when CoreSet::Ime work runs on threads pinned to IME cores; false
// when they are unpinned (or there is no IME and it runs as Any).
bool imeCoresEnforced();

template <typename Body>
int32_t parallelFor(int64_t n, int64_t grain, CoreSet cores, Body &&body) {
  using BodyT = std::remove_reference_t<Body>;
  return parallelFor(
      n, grain, cores,
      [](void *ctx, int64_t begin, int64_t end) {
        (*static_cast<BodyT *>(ctx))(begin, end);
      },
      const_cast<void *>(static_cast<const void *>(&body)));
}

} // namespace speir::rt
#pragma GCC visibility pop

#endif // SPEIR_RUNTIME_THREADING_PARALLEL_H

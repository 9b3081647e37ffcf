// speir_parallel_for_concurrent: every point of the grid runs at the same
// time on a thread of its own, which bodies that synchronize with each other
// through mbarriers (the frontend's bind_sub_block regions) need. A pool with
// fewer workers than points would deadlock them, so the points beyond the
// caller get dedicated threads.
#include "profiling/Trace.h"
#include "speir/abi.h"
#include "threading/GridIndex.h"

#include <thread>
#include <vector>

namespace {
// A region that needs more co-running threads than this is a bug in the
// kernel, not something to honour by spawning thousands of threads.
constexpr int64_t kMaxConcurrentPoints = 1024;
} // namespace

extern "C" int32_t speir_parallel_for_concurrent(int32_t rank,
                                                 const int64_t *sizes,
                                                 speir_parallel_body_fn body,
                                                 void *ctx) {
  if (rank < 1 || rank > 3 || !sizes || !body)
    return SPEIR_ERROR_INVALID_ARGUMENT;
  const int64_t volume = speir::rt::gridVolume(rank, sizes);
  if (volume < 0 || volume > kMaxConcurrentPoints)
    return SPEIR_ERROR_INVALID_ARGUMENT;
  if (volume == 0)
    return SPEIR_OK;
  const speir::rt::TraceScope trace("parallel_for_concurrent", volume);
  auto runPoint = [&](int64_t linear) {
    speir::rt::forEachGridPoint<3>(rank, sizes, linear, linear + 1,
                                   [&](const int64_t *ivs) { body(ctx, ivs); });
  };
  std::vector<std::thread> threads;
  threads.reserve(static_cast<size_t>(volume - 1));
  for (int64_t i = 1; i < volume; ++i)
    threads.emplace_back(runPoint, i);
  runPoint(0);
  for (std::thread &t : threads)
    t.join();
  return SPEIR_OK;
}

#include <type_traits>

#include "profiling/Trace.h"
#include "speir/abi.h"
#include "threading/GridIndex.h"
#include "threading/Parallel.h"

namespace {

struct ParallelForContext {
  int32_t rank;
  int64_t sizes[3];
  speir_parallel_body_fn body;
  void *ctx;
};

void runGridRange(void *opaque, int64_t begin, int64_t end) {
  const auto &job = *static_cast<const ParallelForContext *>(opaque);
  if (job.rank == 1) {
    for (int64_t i = begin; i < end; ++i)
      job.body(job.ctx, &i);
    return;
  }
  speir::rt::forEachGridPoint<3>(
      job.rank, job.sizes, begin, end,
      [&](const int64_t *ivs) { job.body(job.ctx, ivs); });
}

} // namespace

extern "C" int32_t speir_parallel_for(int32_t rank, const int64_t *sizes,
                                      speir_parallel_body_fn body, void *ctx) {
  if (rank < 1 || rank > 3 || !sizes || !body)
    return SPEIR_ERROR_INVALID_ARGUMENT;
  const int64_t volume = speir::rt::gridVolume(rank, sizes);
  if (volume < 0)
    return SPEIR_ERROR_INVALID_ARGUMENT;
  if (volume == 0)
    return SPEIR_OK;
  ParallelForContext job{rank, {1, 1, 1}, body, ctx};
  for (int d = 0; d < rank; ++d)
    job.sizes[d] = sizes[d];
  const speir::rt::TraceScope trace("parallel_for", volume);
  return speir::rt::parallelFor(volume, 1, speir::rt::CoreSet::Any,
                                runGridRange, &job);
}

extern "C" int32_t speir_parallel_for_range(int64_t n, int64_t grain,
                                            speir_parallel_range_fn body,
                                            void *ctx) {
  static_assert(std::is_same_v<speir_parallel_range_fn, speir::rt::RangeFn>,
                "the C range body is the internal RangeFn");
  if (!body || n < 0 || grain < 0)
    return SPEIR_ERROR_INVALID_ARGUMENT;
  if (n == 0)
    return SPEIR_OK;
  const speir::rt::TraceScope trace("parallel_for_range", n);
  return speir::rt::parallelFor(n, grain, speir::rt::CoreSet::Any, body, ctx);
}

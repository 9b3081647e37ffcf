#include "threading/Parallel.h"

#include "speir/abi.h"
#include "threading/StreamRegistry.h"

namespace speir::rt {
namespace {

// Any: the current thread's stream inside a multi-stream dispatch, else the
// whole machine. Ime: the pinned IME team where it exists.
ThreadTeam *teamFor(CoreSet cores) {
  StreamRegistry &registry = StreamRegistry::instance();
  if (cores == CoreSet::Ime)
    if (ThreadTeam *ime = registry.imeTeam())
      return ime;
  if (Stream *stream = currentThreadStream())
    return stream->team;
  // Nested inside some other team's job: the other threads are busy.
  if (insideParallelRegion())
    return nullptr;
  return &registry.machineTeam();
}

} // namespace

int32_t parallelFor(int64_t n, int64_t grain, CoreSet cores, RangeFn fn,
                    void *ctx) {
  if (!fn || n < 0 || grain < 0)
    return SPEIR_ERROR_INVALID_ARGUMENT;
  if (cores != CoreSet::Any && cores != CoreSet::Ime)
    return SPEIR_ERROR_INVALID_ARGUMENT;
  if (n == 0)
    return SPEIR_OK;
  if (ThreadTeam *team = teamFor(cores))
    team->run(n, grain, defaultSchedule(), fn, ctx);
  else
    fn(ctx, 0, n);
  return SPEIR_OK;
}

int numThreads(CoreSet cores) {
  // The team a parallelFor from here would use; 1 where it would run inline.
  ThreadTeam *team = teamFor(cores);
  if (!team || team->running())
    return 1;
  return team->participants();
}

bool imeCoresEnforced() { return StreamRegistry::instance().imePinned(); }

} // namespace speir::rt

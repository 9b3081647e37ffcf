// speir_parallel_for_concurrent: every point of the grid runs at the same
// time on a thread of its own, which bodies that synchronize with each other
// through mbarriers (the frontend's bind_sub_block regions) need. A pool with
// fewer workers than points would deadlock them, so the points run on a
// cached team with a worker for every point beyond the caller's; when that
// team is busy (nested or concurrent regions) they get threads of their own.
#include "profiling/Trace.h"
#include "speir/abi.h"
#include "threading/GridIndex.h"
#include "threading/ThreadTeam.h"

#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace {
// A region that needs more co-running threads than this is a bug in the
// kernel, not something to honour by spawning thousands of threads.
constexpr int64_t kMaxConcurrentPoints = 1024;
// Regions up to this many points reuse cached teams (sizes 2, 4, ..., 64).
constexpr int kMaxPooledPoints = 64;

// Never destroyed, like the stream registry: workers outlive exit.
speir::rt::ThreadTeam *concurrentTeamFor(int64_t points) {
  static std::mutex mutex;
  static auto *teams =
      new std::vector<std::unique_ptr<speir::rt::ThreadTeam>>();
  int sizeClass = 0;
  while ((int64_t{2} << sizeClass) < points)
    ++sizeClass;
  std::lock_guard<std::mutex> lock(mutex);
  if (teams->size() <= static_cast<size_t>(sizeClass))
    teams->resize(sizeClass + 1);
  auto &team = (*teams)[sizeClass];
  if (!team)
    team = std::make_unique<speir::rt::ThreadTeam>(
        std::vector<int>((size_t{2} << sizeClass) - 1, -1), true);
  return team.get();
}

struct GridBody {
  int32_t rank;
  const int64_t *sizes;
  speir_parallel_body_fn body;
  void *ctx;
};

void runGridPoints(void *opaque, int64_t begin, int64_t end) {
  const auto &grid = *static_cast<const GridBody *>(opaque);
  speir::rt::forEachGridPoint<3>(
      grid.rank, grid.sizes, begin, end,
      [&](const int64_t *ivs) { grid.body(grid.ctx, ivs); });
}
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
  GridBody grid{rank, sizes, body, ctx};
  if (volume == 1) {
    runGridPoints(&grid, 0, 1);
    return SPEIR_OK;
  }
  if (volume <= kMaxPooledPoints &&
      concurrentTeamFor(volume)->tryRunConcurrent(volume, runGridPoints, &grid))
    return SPEIR_OK;
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

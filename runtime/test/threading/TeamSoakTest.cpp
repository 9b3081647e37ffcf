// Soak: many dispatches from several caller threads at once, each body
// dispatching again (nested), on the machine team and on every stream, with
// the team oversubscribed (CTest runs it with 16 and 64 threads on however
// few cores, spinning and parking at once). Every dispatch must cover its
// range exactly once and return; a lost wake-up or a livelock hangs the test
// (CTest's timeout fails it). SPINE_SOAK_DISPATCHES sets the total (default
// 20000 for CI; `SPINE_SOAK_DISPATCHES=1000000 TeamSoakTest` is the million-
// dispatch soak).
#include <atomic>
#include <cstdlib>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "speir/abi.h"
#include "speir/spine_runtime.h"
#include "threading/Parallel.h"
#include "threading/StreamRegistry.h"

namespace {

struct Tally {
  std::atomic<int64_t> points{0};
  std::atomic<int64_t> nested{0};
};

void nestedBody(void *ctx, int64_t begin, int64_t end) {
  static_cast<Tally *>(ctx)->nested.fetch_add(end - begin,
                                              std::memory_order_relaxed);
}

void outerBody(void *ctx, int64_t begin, int64_t end) {
  auto *tally = static_cast<Tally *>(ctx);
  tally->points.fetch_add(end - begin, std::memory_order_relaxed);
  // Some dispatches carry work, so that workers claim shares rather than
  // the caller running every share before they wake.
  if (begin % 4 == 1)
    for (volatile int spin = 0; spin < 300 * static_cast<int>(end - begin);
         ++spin) {
    }
  // Nested: inline on this thread, or on its stream if that one is idle.
  if (begin % 3 == 0)
    speir_parallel_for_range(5, 1, nestedBody, ctx);
}

TEST(TeamSoak, ConcurrentNestedDispatchesAllComplete) {
  const char *text = std::getenv("SPINE_SOAK_DISPATCHES");
  const int64_t total = text ? std::atoll(text) : 20000;
  auto &registry = speir::rt::StreamRegistry::instance();
  const int callers = 4;
  std::vector<std::thread> threads;
  std::atomic<int64_t> expectedPoints{0}, dispatched{0};
  std::vector<Tally> tallies(callers);
  for (int c = 0; c < callers; ++c)
    threads.emplace_back([&, c] {
      // Callers 1.. borrow streams where there are several: dispatches then
      // run on that stream's team, concurrently with the machine team.
      speir::rt::Stream *stream = nullptr;
      if (c > 0 && registry.numStreams() > 1) {
        stream = &registry.stream(c % registry.numStreams());
        if (!stream->tryBorrow())
          stream = nullptr;
        else
          speir::rt::setCurrentThreadStream(stream);
      }
      for (int64_t i = c; i < total; i += callers) {
        const int64_t n = 1 + (i * 7919) % 300;
        ASSERT_EQ(speir_parallel_for_range(n, i % 5, outerBody, &tallies[c]),
                  SPEIR_OK);
        expectedPoints.fetch_add(n, std::memory_order_relaxed);
        dispatched.fetch_add(1, std::memory_order_relaxed);
      }
      if (stream) {
        speir::rt::setCurrentThreadStream(nullptr);
        stream->borrowed.store(false, std::memory_order_release);
      }
    });
  for (auto &thread : threads)
    thread.join();
  int64_t points = 0, nested = 0;
  for (auto &tally : tallies) {
    points += tally.points.load();
    nested += tally.nested.load();
  }
  EXPECT_EQ(dispatched.load(), total);
  EXPECT_EQ(points, expectedPoints.load());
  EXPECT_EQ(nested % 5, 0);
  EXPECT_GT(nested, 0);
}

} // namespace

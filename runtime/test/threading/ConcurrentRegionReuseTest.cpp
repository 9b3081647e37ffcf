// speir_parallel_for_concurrent on its cached teams: reused many times,
// nested (the busy team falls back to threads of their own), and from
// several caller threads at once. Every region meets at an mbarrier, which
// completes only if all its points really run at the same time.
#include <atomic>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "speir/abi.h"
#include "threading/ThreadTeam.h"

namespace {

struct Meeting {
  void *barrier = nullptr;
  std::atomic<int> met{0};
  int64_t innerPoints = 0; // > 0: each point also runs a nested region
};

void meetOnce(void *opaque, const int64_t *) {
  auto &m = *static_cast<Meeting *>(opaque);
  speir_mbarrier_arrive(m.barrier);
  speir_mbarrier_wait(m.barrier, 0, 0);
  m.met.fetch_add(1);
}

bool meetingRegion(int64_t points) {
  Meeting m;
  m.barrier = spine_mbarrier_alloc(0, static_cast<int16_t>(points), 0, 0);
  bool ok =
      m.barrier &&
      speir_parallel_for_concurrent(1, &points, meetOnce, &m) == SPEIR_OK &&
      m.met.load() == points;
  spine_mbarrier_release(m.barrier);
  return ok;
}

TEST(ConcurrentRegionReuse, ThousandsOfRegionsOnTheCachedTeams) {
  for (int i = 0; i < 2000; ++i)
    ASSERT_TRUE(meetingRegion(2 + i % 7)) << "region " << i;
}

void meetThenNest(void *opaque, const int64_t *) {
  auto &m = *static_cast<Meeting *>(opaque);
  speir_mbarrier_arrive(m.barrier);
  speir_mbarrier_wait(m.barrier, 0, 0);
  if (meetingRegion(m.innerPoints))
    m.met.fetch_add(1);
}

TEST(ConcurrentRegionReuse, NestedRegionsEachMeet) {
  for (int i = 0; i < 20; ++i) {
    Meeting outer;
    int64_t points = 3;
    outer.innerPoints = 4;
    outer.barrier = spine_mbarrier_alloc(0, 3, 0, 0);
    ASSERT_EQ(speir_parallel_for_concurrent(1, &points, meetThenNest, &outer),
              SPEIR_OK);
    EXPECT_EQ(outer.met.load(), 3);
    spine_mbarrier_release(outer.barrier);
  }
}

TEST(ConcurrentRegionReuse, SeveralCallerThreadsAtOnce) {
  std::atomic<int> failures{0};
  std::vector<std::thread> callers;
  for (int c = 0; c < 3; ++c)
    callers.emplace_back([&] {
      for (int i = 0; i < 200; ++i)
        if (!meetingRegion(4))
          failures.fetch_add(1);
    });
  for (std::thread &caller : callers)
    caller.join();
  EXPECT_EQ(failures.load(), 0);
}

TEST(ConcurrentRegionReuse, TeamRefusesMorePointsThanThreads) {
  speir::rt::ThreadTeam team(std::vector<int>(2, -1), true);
  EXPECT_FALSE(
      team.tryRunConcurrent(4, [](void *, int64_t, int64_t) {}, nullptr));
  std::atomic<int> ran{0};
  EXPECT_TRUE(team.tryRunConcurrent(
      3,
      [](void *ctx, int64_t, int64_t) {
        static_cast<std::atomic<int> *>(ctx)->fetch_add(1);
      },
      &ran));
  EXPECT_EQ(ran.load(), 3);
}

} // namespace

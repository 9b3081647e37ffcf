// ThreadTeam directly: both schedules, with and without the caller taking
// part, uneven bodies (so shares are stolen or helped), many jobs.
#include <atomic>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "threading/ThreadTeam.h"

namespace {

using speir::rt::Schedule;
using speir::rt::ThreadTeam;

struct Coverage {
  std::vector<std::atomic<int>> hits;
  explicit Coverage(int64_t n) : hits(static_cast<size_t>(n)) {}
  static void run(void *ctx, int64_t begin, int64_t end) {
    auto *self = static_cast<Coverage *>(ctx);
    for (int64_t i = begin; i < end; ++i) {
      // Uneven work: every 7th index spins a little.
      if (i % 7 == 0)
        for (volatile int k = 0; k < 200; ++k) {
        }
      self->hits[i].fetch_add(1, std::memory_order_relaxed);
    }
  }
};

void expectJobsCoverEveryIndexOnce(ThreadTeam &team, Schedule schedule) {
  for (int job = 0; job < 3000; ++job) {
    const int64_t n = 1 + (job * 37) % 301;
    Coverage coverage(n);
    team.run(n, job % 3, schedule, Coverage::run, &coverage);
    for (int64_t i = 0; i < n; ++i)
      ASSERT_EQ(coverage.hits[i].load(), 1)
          << "job " << job << " n " << n << " i " << i;
  }
}

TEST(ThreadTeam, CallerParticipatingBothSchedules) {
  ThreadTeam team(std::vector<int>(3, -1), true);
  EXPECT_EQ(team.participants(), 4);
  expectJobsCoverEveryIndexOnce(team, Schedule::Dynamic);
  expectJobsCoverEveryIndexOnce(team, Schedule::Static);
}

TEST(ThreadTeam, CallerOnlyWaitsBothSchedules) {
  ThreadTeam team(std::vector<int>(3, -1), false);
  EXPECT_EQ(team.participants(), 3);
  expectJobsCoverEveryIndexOnce(team, Schedule::Dynamic);
  expectJobsCoverEveryIndexOnce(team, Schedule::Static);
}

TEST(ThreadTeam, MaxParticipantsStillCoversTheRange) {
  ThreadTeam team(std::vector<int>(3, -1), true);
  for (int job = 0; job < 200; ++job) {
    Coverage coverage(64);
    team.run(64, 1, Schedule::Dynamic, Coverage::run, &coverage,
             /*max_participants=*/2);
    for (int i = 0; i < 64; ++i)
      ASSERT_EQ(coverage.hits[i].load(), 1);
  }
}

TEST(ThreadTeam, ATeamWithoutWorkersRunsInline) {
  ThreadTeam team(std::vector<int>{}, false);
  EXPECT_EQ(team.participants(), 1);
  Coverage coverage(100);
  const std::thread::id caller = std::this_thread::get_id();
  std::atomic<int> elsewhere{0};
  struct Ctx {
    Coverage *coverage;
    std::thread::id caller;
    std::atomic<int> *elsewhere;
  } ctx{&coverage, caller, &elsewhere};
  team.run(
      100, 1, Schedule::Dynamic,
      [](void *opaque, int64_t begin, int64_t end) {
        auto *c = static_cast<Ctx *>(opaque);
        if (std::this_thread::get_id() != c->caller)
          c->elsewhere->fetch_add(1);
        Coverage::run(c->coverage, begin, end);
      },
      &ctx);
  EXPECT_EQ(elsewhere.load(), 0);
  for (int i = 0; i < 100; ++i)
    ASSERT_EQ(coverage.hits[i].load(), 1);
}

TEST(ThreadTeam, DestroyedTeamJoinsParkedAndSpinningWorkers) {
  for (int round = 0; round < 20; ++round) {
    ThreadTeam team(std::vector<int>(2, -1), round % 2 == 0);
    Coverage coverage(10);
    team.run(10, 1, Schedule::Dynamic, Coverage::run, &coverage);
    for (int i = 0; i < 10; ++i)
      ASSERT_EQ(coverage.hits[i].load(), 1);
  }
}

} // namespace

namespace {

TEST(ThreadTeam, AThrowingBodyLeavesTheTeamUsable) {
  ThreadTeam team(std::vector<int>(1, -1), true);
  static std::thread::id caller;
  caller = std::this_thread::get_id();
  bool caught = false;
  try {
    // Throws only on the caller: an exception escaping a worker terminates.
    team.run(
        1000, 1, Schedule::Dynamic,
        [](void *, int64_t, int64_t) {
          if (std::this_thread::get_id() == caller)
            throw 42;
        },
        nullptr);
  } catch (int) {
    caught = true;
  }
  EXPECT_FALSE(team.running());
  Coverage coverage(500);
  team.run(500, 1, Schedule::Dynamic, Coverage::run, &coverage);
  for (int i = 0; i < 500; ++i)
    ASSERT_EQ(coverage.hits[i].load(), 1);
  if (!caught)
    GTEST_SKIP() << "the worker ran every range, so nothing was thrown";
}

} // namespace

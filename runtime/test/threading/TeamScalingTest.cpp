// Teams of 1 to 64 threads (oversubscribed on small machines): every index
// runs once whatever the team size, cap or schedule; the dispatch tree stays
// logarithmic; cluster sub-teams keep a capped job on the caller's cluster;
// concurrent jobs get every participant at once even with 64 threads on 2
// cores; and, under a simulated K1 (SPINE_ARCH_ID=0x503C), the machine team
// is two clusters of four and CoreSet::Ime work runs only on cluster-0 threads.
#include <atomic>
#include <cmath>
#include <cstdlib>
#include <mutex>
#include <sched.h>
#include <set>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "arch/CpuInfo.h"
#include "speir/abi.h"
#include "threading/Parallel.h"
#include "threading/StreamRegistry.h"
#include "threading/ThreadTeam.h"

namespace {

using speir::rt::Schedule;
using speir::rt::ThreadTeam;

struct Coverage {
  std::vector<std::atomic<int>> hits;
  explicit Coverage(int64_t n) : hits(static_cast<size_t>(n)) {}
  static void run(void *ctx, int64_t begin, int64_t end) {
    auto *self = static_cast<Coverage *>(ctx);
    for (int64_t i = begin; i < end; ++i)
      self->hits[i].fetch_add(1, std::memory_order_relaxed);
  }
};

void expectCoverage(ThreadTeam &team, int jobs, Schedule schedule, int cap) {
  for (int job = 0; job < jobs; ++job) {
    const int64_t n = 1 + (job * 53) % 197;
    Coverage coverage(n);
    team.run(n, job % 4, schedule, Coverage::run, &coverage, cap);
    for (int64_t i = 0; i < n; ++i)
      ASSERT_EQ(coverage.hits[i].load(), 1)
          << "job " << job << " n " << n << " i " << i;
  }
}

TEST(TeamScaling, EveryTeamSizeCoversEveryIndexOnce) {
  for (int threads : {1, 2, 3, 4, 5, 8, 9, 16, 17, 33, 64})
    for (bool callerParticipates : {true, false}) {
      const int workers = callerParticipates ? threads - 1 : threads;
      ThreadTeam team(std::vector<int>(workers, -1), callerParticipates);
      ASSERT_EQ(team.participants(), std::max(threads, 1));
      expectCoverage(team, 60, Schedule::Static, 0);
      expectCoverage(team, 30, Schedule::Dynamic, 0);
      expectCoverage(team, 30, Schedule::Static, 1 + threads / 3);
      EXPECT_FALSE(team.running());
    }
}

// The chain of hand-offs grows with log4 of the team, not with the team.
TEST(TeamScaling, TheDispatchTreeIsLogarithmic) {
  for (int threads : {2, 4, 5, 16, 17, 64}) {
    ThreadTeam team(std::vector<int>(threads - 1, -1), true);
    const int bound =
        static_cast<int>(std::ceil(std::log(threads) / std::log(4.0)));
    EXPECT_LE(team.treeDepth(), std::max(bound, 1)) << threads << " threads";
    EXPECT_LE(team.rootFanOut(), 4) << threads << " threads";
  }
  ThreadTeam k1(std::vector<int>(7, -1), true, {}, {0, 0, 0, 0, 1, 1, 1, 1});
  EXPECT_EQ(k1.treeDepth(), 2);
  EXPECT_EQ(k1.rootFanOut(), 4); // three cluster-0 workers + cluster 1's root
}

// A job capped at a cluster's size runs on the caller's cluster only.
TEST(TeamScaling, ACappedJobStaysOnTheCallersCluster) {
  const std::vector<int> clusters = {0, 0, 0, 0, 1, 1, 1, 1};
  ThreadTeam team(
      std::vector<int>(7, -1), true,
      [&](int worker) {
        speir::rt::setCurrentThreadCluster(clusters[worker + 1]);
      },
      clusters);
  speir::rt::setCurrentThreadCluster(0);
  std::atomic<int> elsewhere{0}, ranges{0};
  struct Ctx {
    std::atomic<int> *elsewhere, *ranges;
  } ctx{&elsewhere, &ranges};
  for (int job = 0; job < 500; ++job)
    team.run(
        64, 1, Schedule::Static,
        [](void *opaque, int64_t, int64_t) {
          auto *c = static_cast<Ctx *>(opaque);
          c->ranges->fetch_add(1);
          if (speir::rt::currentThreadCluster() != 0)
            c->elsewhere->fetch_add(1);
        },
        &ctx, /*max_participants=*/4);
  speir::rt::setCurrentThreadCluster(-1);
  EXPECT_EQ(ranges.load(), 500 * 4);
  EXPECT_EQ(elsewhere.load(), 0);
}

// Concurrent jobs: every index on its own thread at once (the body waits for
// all of them), with up to 64 threads on however few cores.
TEST(TeamScaling, ConcurrentJobsGetEveryParticipantAtOnce) {
  for (int threads : {2, 16, 64}) {
    ThreadTeam team(std::vector<int>(threads - 1, -1), true);
    for (int round = 0; round < 5; ++round) {
      struct Ctx {
        std::atomic<int> arrived{0};
        std::mutex mutex;
        std::set<std::thread::id> ids;
        int n = 0;
      } ctx;
      ctx.n = threads;
      ASSERT_TRUE(team.tryRunConcurrent(
          threads,
          [](void *opaque, int64_t, int64_t) {
            auto *c = static_cast<Ctx *>(opaque);
            {
              std::lock_guard<std::mutex> lock(c->mutex);
              c->ids.insert(std::this_thread::get_id());
            }
            c->arrived.fetch_add(1);
            while (c->arrived.load() < c->n)
              sched_yield();
          },
          &ctx));
      EXPECT_EQ(static_cast<int>(ctx.ids.size()), threads);
    }
  }
}

TEST(TeamScaling, LogicalClustersFollowTheCoreTable) {
  using speir::rt::logicalCluster;
  for (int slot = 0; slot < 8; ++slot)
    EXPECT_EQ(logicalCluster(slot, -1, 2, 4), slot / 4);
  EXPECT_EQ(logicalCluster(9, -1, 2, 4), 0); // oversubscribed slots wrap
  EXPECT_EQ(logicalCluster(5, -1, 1, 4), 0);
  EXPECT_EQ(logicalCluster(5, -1, 2, 0), 0);
}

// Under SPINE_ARCH_ID=0x503C with 8 threads (CTest variant): the machine
// team's slots are two clusters of four, and IME work runs only on
// cluster-0 threads, pinned or not.
TEST(TeamScaling, SimulatedK1RunsImeWorkOnClusterZeroOnly) {
  const char *arch = std::getenv("SPINE_ARCH_ID");
  const char *threads = std::getenv("SPINE_NUM_THREADS");
  if (!arch || std::string(arch) != "0x503C" || !threads ||
      std::string(threads) != "8")
    GTEST_SKIP()
        << "needs SPINE_ARCH_ID=0x503C SPINE_NUM_THREADS=8 (CTest variant)";
  auto &registry = speir::rt::StreamRegistry::instance();
  EXPECT_EQ(registry.slotClusters(),
            (std::vector<int>{0, 0, 0, 0, 1, 1, 1, 1}));
  EXPECT_EQ(registry.machineTeam().treeDepth(), 2);
  ASSERT_NE(registry.imeTeam(), nullptr);
  EXPECT_LE(speir::rt::numThreads(speir::rt::CoreSet::Ime), 4);
  std::atomic<int> runs{0}, elsewhere{0}, onCaller{0};
  const std::thread::id caller = std::this_thread::get_id();
  for (int job = 0; job < 200; ++job)
    ASSERT_EQ(speir::rt::parallelFor(256, 1, speir::rt::CoreSet::Ime,
                                     [&](int64_t, int64_t) {
                                       runs.fetch_add(1);
                                       if (speir::rt::currentThreadCluster() !=
                                           0)
                                         elsewhere.fetch_add(1);
                                       if (std::this_thread::get_id() == caller)
                                         onCaller.fetch_add(1);
                                     }),
              SPEIR_OK);
  EXPECT_GT(runs.load(), 0);
  EXPECT_EQ(elsewhere.load(), 0);
  EXPECT_EQ(onCaller.load(), 0); // the caller's core is unknown: it only waits
  // Any work uses both clusters' threads.
  std::atomic<int> clusterOne{0};
  for (int job = 0; job < 200 && clusterOne.load() == 0; ++job)
    speir::rt::parallelFor(8, 1, speir::rt::CoreSet::Any,
                           [&](int64_t, int64_t) {
                             if (speir::rt::currentThreadCluster() == 1)
                               clusterOne.fetch_add(1);
                             for (volatile int spin = 0; spin < 20000; ++spin) {
                             }
                           });
  EXPECT_GT(clusterOne.load(), 0);
}

} // namespace

// speir::rt::parallelFor, the internal API the GEMM driver builds on.
#include <atomic>
#include <cstdlib>
#include <sched.h>
#include <vector>

#include <gtest/gtest.h>

#include "arch/CpuInfo.h"
#include "speir/abi.h"
#include "threading/Parallel.h"

namespace {

using speir::rt::CoreSet;

void coverOnce(int64_t n, int64_t grain, CoreSet cores) {
  std::vector<std::atomic<int>> hits(static_cast<size_t>(n));
  std::atomic<int> badRanges{0};
  ASSERT_EQ(speir::rt::parallelFor(
                n, grain, cores,
                [&](int64_t begin, int64_t end) {
                  if (begin < 0 || end > n || begin >= end)
                    badRanges.fetch_add(1);
                  // Whole multiples of grain, except at n.
                  const int64_t g = grain > 0 ? grain : 1;
                  if (begin % g != 0 || (end != n && end % g != 0))
                    badRanges.fetch_add(1);
                  for (int64_t i = begin; i < end && i < n; ++i)
                    hits[i].fetch_add(1, std::memory_order_relaxed);
                }),
            SPEIR_OK);
  EXPECT_EQ(badRanges.load(), 0);
  for (int64_t i = 0; i < n; ++i)
    ASSERT_EQ(hits[i].load(), 1)
        << "n=" << n << " grain=" << grain << " i=" << i;
}

TEST(InternalParallel, CoversEveryIndexOnceForAnyGrain) {
  for (CoreSet cores : {CoreSet::Any, CoreSet::Ime})
    for (int64_t n : {0, 1, 2, 3, 7, 64, 1000, 10007})
      for (int64_t grain : {0, 1, 3, 64, 100000})
        coverOnce(n, grain, cores);
}

TEST(InternalParallel, InvalidArgumentsAreRejected) {
  auto fn = [](void *, int64_t, int64_t) {};
  EXPECT_EQ(speir::rt::parallelFor(10, 1, CoreSet::Any, nullptr, nullptr),
            SPEIR_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(speir::rt::parallelFor(-1, 1, CoreSet::Any, fn, nullptr),
            SPEIR_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(speir::rt::parallelFor(10, -1, CoreSet::Any, fn, nullptr),
            SPEIR_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(speir::rt::parallelFor(10, 1, static_cast<CoreSet>(7), fn, nullptr),
            SPEIR_ERROR_INVALID_ARGUMENT);
}

TEST(InternalParallel, ThreadCountsArePositive) {
  EXPECT_GE(speir::rt::numThreads(CoreSet::Any), 1);
  EXPECT_GE(speir::rt::numThreads(CoreSet::Ime), 1);
  EXPECT_LE(speir::rt::numThreads(CoreSet::Ime),
            speir::rt::numThreads(CoreSet::Any) + 64);
}

TEST(InternalParallel, NestedThreadCountIsOne) {
  std::atomic<int> nestedMax{0};
  ASSERT_EQ(speir::rt::parallelFor(
                8, 1, CoreSet::Any,
                [&](int64_t, int64_t) {
                  int n = speir::rt::numThreads(CoreSet::Any);
                  int seen = nestedMax.load();
                  while (n > seen &&
                         !nestedMax.compare_exchange_weak(seen, n)) {
                  }
                }),
            SPEIR_OK);
  EXPECT_EQ(nestedMax.load(), 1);
}

TEST(InternalParallel, NestedCallsRunInline) {
  std::atomic<int64_t> total{0};
  ASSERT_EQ(speir::rt::parallelFor(16, 1, CoreSet::Any,
                                   [&](int64_t begin, int64_t end) {
                                     for (int64_t i = begin; i < end; ++i)
                                       speir::rt::parallelFor(
                                           100, 7, CoreSet::Any,
                                           [&](int64_t b, int64_t e) {
                                             total.fetch_add(e - b);
                                           });
                                   }),
            SPEIR_OK);
  EXPECT_EQ(total.load(), 1600);
}

// With IME cores known (SPINE_ARCH_ID=0x503C) and affinity available, Ime
// work must only run on threads confined to IME cores.
TEST(InternalParallel, ImeWorkRunsOnlyOnImeCores) {
  const uint64_t imeMask = speir::rt::cpuInfo().ime_core_mask;
  if (imeMask == 0)
    GTEST_SKIP() << "no IME cores on this (possibly overridden) arch";
  std::atomic<int> outside{0}, runs{0};
  ASSERT_EQ(
      speir::rt::parallelFor(64, 1, CoreSet::Ime,
                             [&](int64_t, int64_t) {
                               runs.fetch_add(1);
                               cpu_set_t set;
                               CPU_ZERO(&set);
                               if (sched_getaffinity(0, sizeof(set), &set) != 0)
                                 return;
                               for (int cpu = 0; cpu < CPU_SETSIZE; ++cpu)
                                 if (CPU_ISSET(cpu, &set) &&
                                     (cpu >= 64 || !(imeMask & (1ull << cpu))))
                                   outside.fetch_add(1);
                             }),
      SPEIR_OK);
  EXPECT_GT(runs.load(), 0);
  // Where affinity is unavailable the runtime falls back to Any.
  if (!speir::rt::imeCoresEnforced())
    GTEST_SKIP() << "IME cores could not be pinned here; Ime ran as Any";
  EXPECT_EQ(outside.load(), 0);
}

} // namespace

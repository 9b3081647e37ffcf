// speir_parallel_for, the entry point generated code calls.
#include <atomic>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "speir/abi.h"

namespace {

struct GridCounts {
  int64_t sizes[3];
  int32_t rank;
  std::vector<std::atomic<int>> hits;
  std::atomic<int> outOfRange{0};

  GridCounts(int32_t r, int64_t s0, int64_t s1 = 1, int64_t s2 = 1)
      : sizes{s0, s1, s2}, rank(r), hits(static_cast<size_t>(s0 * s1 * s2)) {}

  static void body(void *ctx, const int64_t *ivs) {
    auto *self = static_cast<GridCounts *>(ctx);
    int64_t linear = 0;
    for (int d = 0; d < self->rank; ++d) {
      if (ivs[d] < 0 || ivs[d] >= self->sizes[d]) {
        self->outOfRange.fetch_add(1);
        return;
      }
      linear = linear * self->sizes[d] + ivs[d];
    }
    self->hits[linear].fetch_add(1, std::memory_order_relaxed);
  }

  void expectEachPointOnce() {
    EXPECT_EQ(outOfRange.load(), 0);
    for (size_t i = 0; i < hits.size(); ++i)
      ASSERT_EQ(hits[i].load(), 1) << "point " << i;
  }
};

const int64_t kSizes[] = {0, 1, 2, 3, 5, 7, 13, 31, 97, 1009, 4099};

TEST(ParallelFor, Rank1EverySizeRunsEachPointOnce) {
  for (int64_t n : kSizes) {
    GridCounts grid(1, n);
    ASSERT_EQ(speir_parallel_for(1, grid.sizes, GridCounts::body, &grid),
              SPEIR_OK);
    grid.expectEachPointOnce();
  }
}

TEST(ParallelFor, Rank2EverySizeRunsEachPointOnce) {
  for (int64_t a : {0, 1, 3, 7, 64})
    for (int64_t b : {0, 1, 2, 13, 97}) {
      GridCounts grid(2, a, b);
      ASSERT_EQ(speir_parallel_for(2, grid.sizes, GridCounts::body, &grid),
                SPEIR_OK);
      grid.expectEachPointOnce();
    }
}

TEST(ParallelFor, Rank3EverySizeRunsEachPointOnce) {
  for (int64_t a : {0, 1, 5, 17})
    for (int64_t b : {1, 3, 11})
      for (int64_t c : {0, 1, 2, 31}) {
        GridCounts grid(3, a, b, c);
        ASSERT_EQ(speir_parallel_for(3, grid.sizes, GridCounts::body, &grid),
                  SPEIR_OK);
        grid.expectEachPointOnce();
      }
}

// speir_parallel_for_range: disjoint ranges covering [0, n), starting at
// multiples of the grain.
struct RangeCounts {
  int64_t n, grain;
  std::vector<std::atomic<int>> hits;
  std::atomic<int> badRanges{0};
  std::atomic<int> calls{0};

  RangeCounts(int64_t n, int64_t grain)
      : n(n), grain(grain), hits(static_cast<size_t>(n)) {}

  static void body(void *ctx, int64_t begin, int64_t end) {
    auto *self = static_cast<RangeCounts *>(ctx);
    self->calls.fetch_add(1, std::memory_order_relaxed);
    if (begin < 0 || end > self->n || begin >= end ||
        (self->grain > 0 && begin % self->grain != 0)) {
      self->badRanges.fetch_add(1);
      return;
    }
    for (int64_t i = begin; i < end; ++i)
      self->hits[i].fetch_add(1, std::memory_order_relaxed);
  }
};

TEST(ParallelForRange, EverySizeAndGrainCoversEachIndexOnce) {
  for (int64_t n : kSizes)
    for (int64_t grain : {0, 1, 3, 64, 5000}) {
      RangeCounts counts(n, grain);
      ASSERT_EQ(speir_parallel_for_range(n, grain, RangeCounts::body, &counts),
                SPEIR_OK);
      EXPECT_EQ(counts.badRanges.load(), 0) << "n " << n << " grain " << grain;
      for (int64_t i = 0; i < n; ++i)
        ASSERT_EQ(counts.hits[i].load(), 1)
            << "n " << n << " grain " << grain << " index " << i;
      if (n == 0)
        EXPECT_EQ(counts.calls.load(), 0);
      // A chunk per call, not a call per index.
      if (n >= 1000)
        EXPECT_LT(counts.calls.load(), n / 8)
            << "n " << n << " grain " << grain;
    }
}

void rangeNeverCalled(void *ctx, int64_t, int64_t) {
  static_cast<std::atomic<int> *>(ctx)->fetch_add(1);
}

TEST(ParallelForRange, InvalidArgumentsReturnErrorsAndRunNothing) {
  std::atomic<int> calls{0};
  EXPECT_EQ(speir_parallel_for_range(8, 0, nullptr, &calls),
            SPEIR_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(speir_parallel_for_range(-1, 0, rangeNeverCalled, &calls),
            SPEIR_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(speir_parallel_for_range(8, -2, rangeNeverCalled, &calls),
            SPEIR_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(speir_parallel_for_range(0, 0, rangeNeverCalled, &calls), SPEIR_OK);
  EXPECT_EQ(calls.load(), 0);
}

void rangeInner(void *ctx, int64_t begin, int64_t end) {
  static_cast<std::atomic<int64_t> *>(ctx)->fetch_add(
      end - begin, std::memory_order_relaxed);
}

void rangeOuter(void *ctx, int64_t begin, int64_t end) {
  for (int64_t i = begin; i < end; ++i)
    if (speir_parallel_for_range(63, 0, rangeInner, ctx) != SPEIR_OK)
      static_cast<std::atomic<int64_t> *>(ctx)->fetch_add(1 << 30);
}

TEST(ParallelForRange, NestedDispatchCompletesWithoutDeadlock) {
  std::atomic<int64_t> inner{0};
  ASSERT_EQ(speir_parallel_for_range(37, 0, rangeOuter, &inner), SPEIR_OK);
  EXPECT_EQ(inner.load(), 37 * 63);
}

void neverCalled(void *ctx, const int64_t *) {
  static_cast<std::atomic<int> *>(ctx)->fetch_add(1);
}

TEST(ParallelFor, InvalidArgumentsReturnErrorsAndRunNothing) {
  std::atomic<int> calls{0};
  const int64_t ok[3] = {4, 4, 4};
  EXPECT_EQ(speir_parallel_for(1, ok, nullptr, &calls),
            SPEIR_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(speir_parallel_for(1, nullptr, neverCalled, &calls),
            SPEIR_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(speir_parallel_for(0, ok, neverCalled, &calls),
            SPEIR_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(speir_parallel_for(4, ok, neverCalled, &calls),
            SPEIR_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(speir_parallel_for(-1, ok, neverCalled, &calls),
            SPEIR_ERROR_INVALID_ARGUMENT);
  const int64_t negative[3] = {4, -1, 4};
  EXPECT_EQ(speir_parallel_for(3, negative, neverCalled, &calls),
            SPEIR_ERROR_INVALID_ARGUMENT);
  const int64_t overflow[3] = {INT64_MAX / 2, 3, 1};
  EXPECT_EQ(speir_parallel_for(2, overflow, neverCalled, &calls),
            SPEIR_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(calls.load(), 0);
}

TEST(ParallelFor, StatusStringsNameEveryCode) {
  EXPECT_STREQ(speir_status_string(SPEIR_OK), "SPEIR_OK");
  EXPECT_STREQ(speir_status_string(SPEIR_ERROR_INVALID_ARGUMENT),
               "SPEIR_ERROR_INVALID_ARGUMENT");
  EXPECT_STREQ(speir_status_string(SPEIR_ERROR_OUT_OF_MEMORY),
               "SPEIR_ERROR_OUT_OF_MEMORY");
  EXPECT_STREQ(speir_status_string(SPEIR_ERROR_UNSUPPORTED),
               "SPEIR_ERROR_UNSUPPORTED");
  EXPECT_STREQ(speir_status_string(SPEIR_ERROR_INTERNAL),
               "SPEIR_ERROR_INTERNAL");
  EXPECT_STREQ(speir_status_string(12345), "SPEIR_ERROR_UNKNOWN_STATUS");
}

struct NestedContext {
  std::atomic<int64_t> inner{0};
  std::atomic<int> failures{0};
};

void innerBody(void *ctx, const int64_t *) {
  static_cast<NestedContext *>(ctx)->inner.fetch_add(1,
                                                     std::memory_order_relaxed);
}

void outerBody(void *ctx, const int64_t *) {
  auto *nested = static_cast<NestedContext *>(ctx);
  const int64_t sizes[2] = {7, 9};
  if (speir_parallel_for(2, sizes, innerBody, ctx) != SPEIR_OK)
    nested->failures.fetch_add(1);
}

TEST(ParallelFor, NestedDispatchCompletesWithoutDeadlock) {
  NestedContext nested;
  const int64_t sizes[1] = {37};
  ASSERT_EQ(speir_parallel_for(1, sizes, outerBody, &nested), SPEIR_OK);
  EXPECT_EQ(nested.failures.load(), 0);
  EXPECT_EQ(nested.inner.load(), 37 * 7 * 9);
}

void addIndex(void *ctx, const int64_t *ivs) {
  static_cast<std::atomic<int64_t> *>(ctx)->fetch_add(
      ivs[0] + 1, std::memory_order_relaxed);
}

TEST(ParallelFor, HundredThousandBackToBackDispatches) {
  std::atomic<int64_t> sum{0};
  const int kDispatches = 100000;
  const int64_t sizes[1] = {4};
  for (int i = 0; i < kDispatches; ++i)
    ASSERT_EQ(speir_parallel_for(1, sizes, addIndex, &sum), SPEIR_OK);
  EXPECT_EQ(sum.load(), int64_t{kDispatches} * (1 + 2 + 3 + 4));
}

TEST(ParallelFor, SeveralCallerThreadsDispatchConcurrently) {
  const int kCallers = 4, kDispatches = 300;
  std::vector<std::atomic<int64_t>> sums(kCallers);
  std::vector<std::thread> callers;
  for (int c = 0; c < kCallers; ++c)
    callers.emplace_back([&, c] {
      const int64_t sizes[2] = {3, 11};
      for (int i = 0; i < kDispatches; ++i)
        speir_parallel_for(2, sizes, addIndex, &sums[c]);
    });
  for (std::thread &caller : callers)
    caller.join();
  // ivs[0] + 1 over a 3x11 grid: 11 * (1 + 2 + 3) per dispatch.
  for (int c = 0; c < kCallers; ++c)
    EXPECT_EQ(sums[c].load(), int64_t{kDispatches} * 66) << "caller " << c;
}

} // namespace

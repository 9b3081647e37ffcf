#include "speir/abi.h"

#include <gtest/gtest.h>

#include <atomic>
#include <cstdint>
#include <vector>

namespace {

struct MeetingPoint {
  void *barrier;
  std::vector<std::atomic<int>> visits;
  std::atomic<int64_t> waitedFor{0};
  explicit MeetingPoint(int64_t n) : visits(static_cast<size_t>(n)) {}
};

// Each point arrives, then waits for the phase to complete: only possible
// when every point of the grid runs at the same time.
void meet(void *opaque, const int64_t *ivs) {
  auto &m = *static_cast<MeetingPoint *>(opaque);
  m.visits[static_cast<size_t>(ivs[0])].fetch_add(1);
  speir_mbarrier_arrive(m.barrier);
  speir_mbarrier_wait(m.barrier, /*parity=*/0, /*arrive_count=*/0);
  m.waitedFor.fetch_add(1);
}

TEST(ConcurrentParallelFor, AllPointsCoRunSoBarriersComplete) {
  // More points than this machine has cores: a pool-backed loop would hang.
  for (int64_t n : {1, 2, 5, 16}) {
    MeetingPoint m(n);
    m.barrier = spine_mbarrier_alloc(0, static_cast<int16_t>(n), 0,
                                     static_cast<int16_t>(n));
    ASSERT_NE(m.barrier, nullptr);
    ASSERT_EQ(speir_parallel_for_concurrent(1, &n, meet, &m), SPEIR_OK);
    for (auto &v : m.visits)
      EXPECT_EQ(v.load(), 1);
    EXPECT_EQ(m.waitedFor.load(), n);
    spine_mbarrier_release(m.barrier);
  }
}

void countPoint(void *opaque, const int64_t *ivs) {
  auto &grid = *static_cast<std::vector<std::atomic<int>> *>(opaque);
  grid[static_cast<size_t>(ivs[0] * 12 + ivs[1] * 4 + ivs[2])].fetch_add(1);
}

TEST(ConcurrentParallelFor, EveryPointOfA3DGridRunsOnce) {
  std::vector<std::atomic<int>> grid(2 * 3 * 4);
  const int64_t sizes[3] = {2, 3, 4};
  ASSERT_EQ(speir_parallel_for_concurrent(3, sizes, countPoint, &grid),
            SPEIR_OK);
  for (auto &v : grid)
    EXPECT_EQ(v.load(), 1);
}

TEST(ConcurrentParallelFor, RejectsInvalidArguments) {
  int64_t n = 4, negative = -1, tooMany = 4096, zero = 0;
  EXPECT_EQ(speir_parallel_for_concurrent(0, &n, countPoint, nullptr),
            SPEIR_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(speir_parallel_for_concurrent(1, nullptr, countPoint, nullptr),
            SPEIR_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(speir_parallel_for_concurrent(1, &n, nullptr, nullptr),
            SPEIR_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(speir_parallel_for_concurrent(1, &negative, countPoint, nullptr),
            SPEIR_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(speir_parallel_for_concurrent(1, &tooMany, countPoint, nullptr),
            SPEIR_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(speir_parallel_for_concurrent(1, &zero, countPoint, nullptr),
            SPEIR_OK);
}

} // namespace

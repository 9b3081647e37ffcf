// The mbarrier protocol (lowering of xsmt_async): a phase completes after
// `arrive` arrivals and flips the parity waiters compare against.
#include <atomic>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "speir/abi.h"

namespace {

TEST(MBarrier, InvalidArgumentsGiveNullAndNullIsHarmless) {
  EXPECT_EQ(spine_mbarrier_alloc(2, 1, 0, 0), nullptr);
  EXPECT_EQ(spine_mbarrier_alloc(-1, 1, 0, 0), nullptr);
  EXPECT_EQ(spine_mbarrier_alloc(0, 0, 0, 0), nullptr);
  EXPECT_EQ(spine_mbarrier_alloc(0, -3, 0, 0), nullptr);
  EXPECT_EQ(spine_mbarrier_alloc(0, 1, -1, 0), nullptr);
  EXPECT_EQ(spine_mbarrier_alloc(0, 1, 0, -1), nullptr);
  speir_mbarrier_arrive(nullptr);
  speir_mbarrier_wait(nullptr, 0, 1);
  spine_mbarrier_release(nullptr);
}

TEST(MBarrier, ParityFlipsAfterArriveCountArrivals) {
  void *barrier = spine_mbarrier_alloc(0, 2, 0, 1);
  ASSERT_NE(barrier, nullptr);
  // Current parity is 0, so waiting for phase parity 1 returns at once.
  speir_mbarrier_wait(barrier, 1, 2);
  speir_mbarrier_arrive(barrier);
  // One of two arrivals: the parity-0 phase has not completed yet, which a
  // waiter on another thread must observe as blocking.
  std::atomic<bool> released{false};
  std::thread waiter([&] {
    speir_mbarrier_wait(barrier, 0, 2);
    released.store(true);
  });
  speir_mbarrier_arrive(barrier);
  waiter.join();
  EXPECT_TRUE(released.load());
  // Now parity is 1: waiting on 1 would block, waiting on 0 returns.
  speir_mbarrier_wait(barrier, 0, 2);
  spine_mbarrier_release(barrier);
}

TEST(MBarrier, InitialFlagSetsTheStartingParity) {
  void *barrier = spine_mbarrier_alloc(1, 1, 0, 1);
  ASSERT_NE(barrier, nullptr);
  speir_mbarrier_wait(barrier, 0, 1); // current parity 1 != 0
  speir_mbarrier_arrive(barrier);
  speir_mbarrier_wait(barrier, 1, 1); // completed: parity back to 0
  spine_mbarrier_release(barrier);
}

// Producers each write their slot then arrive; after the wait the consumer
// must see every write of that phase. Two barriers ping-pong for many phases.
TEST(MBarrier, WaitOrdersAfterEveryArrivalsWrites) {
  const int kProducers = 3, kPhases = 2000;
  void *full = spine_mbarrier_alloc(0, kProducers, 0, 1);
  void *empty = spine_mbarrier_alloc(0, 1, 0, kProducers);
  ASSERT_NE(full, nullptr);
  ASSERT_NE(empty, nullptr);
  std::vector<int64_t> slots(kProducers, -1);
  std::vector<std::thread> producers;
  for (int p = 0; p < kProducers; ++p)
    producers.emplace_back([&, p] {
      for (int phase = 0; phase < kPhases; ++phase) {
        if (phase > 0)
          speir_mbarrier_wait(empty, static_cast<int16_t>((phase - 1) & 1), 1);
        slots[p] = int64_t{phase} * 100 + p;
        speir_mbarrier_arrive(full);
      }
    });
  int mismatches = 0;
  for (int phase = 0; phase < kPhases; ++phase) {
    speir_mbarrier_wait(full, static_cast<int16_t>(phase & 1), kProducers);
    for (int p = 0; p < kProducers; ++p)
      if (slots[p] != int64_t{phase} * 100 + p)
        ++mismatches;
    speir_mbarrier_arrive(empty);
  }
  for (std::thread &producer : producers)
    producer.join();
  EXPECT_EQ(mismatches, 0);
  spine_mbarrier_release(full);
  spine_mbarrier_release(empty);
}

} // namespace

// How H threads become S streams of T, from topology and environment.
#include <gtest/gtest.h>

#include "threading/StreamRegistry.h"

namespace {

using speir::rt::computeThreadLayout;

TEST(ThreadLayout, K1IsTwoStreamsOfOneClusterEachAndPinned) {
  auto layout = computeThreadLayout(8, 4, true, nullptr, nullptr, nullptr);
  EXPECT_EQ(layout.total_threads, 8);
  EXPECT_EQ(layout.stream_threads, 4);
  EXPECT_EQ(layout.num_streams, 2);
  EXPECT_TRUE(layout.pin);
}

TEST(ThreadLayout, UnknownHostIsOneStreamUnpinned) {
  auto layout = computeThreadLayout(2, 0, false, nullptr, nullptr, nullptr);
  EXPECT_EQ(layout.total_threads, 2);
  EXPECT_EQ(layout.stream_threads, 2);
  EXPECT_EQ(layout.num_streams, 1);
  EXPECT_FALSE(layout.pin);
}

TEST(ThreadLayout, EnvironmentOverridesAndBadValuesAreIgnored) {
  auto fewer = computeThreadLayout(8, 4, true, "2", nullptr, nullptr);
  EXPECT_EQ(fewer.total_threads, 2);
  EXPECT_EQ(fewer.stream_threads, 2);
  EXPECT_EQ(fewer.num_streams, 1);
  auto more = computeThreadLayout(2, 4, true, "8", nullptr, nullptr);
  EXPECT_EQ(more.num_streams, 2);
  EXPECT_FALSE(more.pin); // 8 threads on 2 CPUs: never stack pinned threads
  auto custom = computeThreadLayout(8, 4, true, nullptr, "2", "0");
  EXPECT_EQ(custom.stream_threads, 2);
  EXPECT_EQ(custom.num_streams, 4);
  EXPECT_FALSE(custom.pin);
  auto pinned = computeThreadLayout(4, 0, false, nullptr, nullptr, "1");
  EXPECT_TRUE(pinned.pin);
  for (const char *junk : {"", "0", "-3", "abc", "4x", "100000"}) {
    auto layout = computeThreadLayout(6, 0, false, junk, junk, nullptr);
    EXPECT_EQ(layout.total_threads, 6) << junk;
    EXPECT_EQ(layout.stream_threads, 6) << junk;
  }
  // Streams never hold more threads than exist.
  auto capped = computeThreadLayout(3, 4, true, nullptr, nullptr, nullptr);
  EXPECT_EQ(capped.stream_threads, 3);
  EXPECT_EQ(capped.num_streams, 1);
}

} // namespace

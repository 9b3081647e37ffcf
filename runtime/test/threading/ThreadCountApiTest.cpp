// speir_set_num_threads: honoured before the pool exists, refused after.
// Its own binary, because the first parallel call builds the pool.
#include <atomic>

#include <gtest/gtest.h>

#include "speir/abi.h"

namespace {

void count(void *ctx, const int64_t *) {
  static_cast<std::atomic<int> *>(ctx)->fetch_add(1);
}

TEST(ThreadCountApi, SetBeforeFirstUseThenRefused) {
  EXPECT_EQ(speir_set_num_threads(0), SPEIR_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(speir_set_num_threads(-4), SPEIR_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(speir_set_num_threads(5000), SPEIR_ERROR_INVALID_ARGUMENT);
  ASSERT_EQ(speir_set_num_threads(3), SPEIR_OK);
  // No SpacemiT topology is known here (no SPINE_ARCH_ID), so one stream
  // holds all three threads.
  EXPECT_EQ(spine_get_stream_threads(), 3);
  std::atomic<int> runs{0};
  const int64_t sizes[2] = {9, 7};
  ASSERT_EQ(speir_parallel_for(2, sizes, count, &runs), SPEIR_OK);
  EXPECT_EQ(runs.load(), 63);
  EXPECT_EQ(speir_set_num_threads(2), SPEIR_ERROR_UNSUPPORTED);
  EXPECT_EQ(spine_get_stream_threads(), 3);
}

} // namespace

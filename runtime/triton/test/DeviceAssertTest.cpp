#include "spine_triton/spine_triton_runtime.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <string>

namespace {

TEST(DeviceAssert, TrueConditionIsSilent) {
  testing::internal::CaptureStderr();
  spine_assert(0, 0, 0, true, "x > 0", "k.py", 3, "kernel");
  EXPECT_EQ(testing::internal::GetCapturedStderr(), "");
  EXPECT_EQ(spine_assert_failure_count(), 0);
}

TEST(DeviceAssertDeathTest, OnlyBitZeroIsTheCondition) {
  // Bits above bit 0 of an i1 argument are undefined: 0xfe is false.
  EXPECT_DEATH(spine_assert(0, 0, 0, 0xfe, "c", "f", 1, "g"),
               "Assertion `c` failed");
  spine_assert(0, 0, 0, 0xff, "c", "f", 1, "g");
}

TEST(DeviceAssertDeathTest, FalseConditionAbortsWithLocation) {
  EXPECT_DEATH(
      spine_assert(2, 1, 0, false, "x > 0", "k.py", 17, "add_kernel"),
      "k.py:17: add_kernel: block: \\[2, 1, 0\\] Assertion `x > 0` failed.");
}

TEST(DeviceAssert, NonFatalModeCountsFailures) {
  setenv("SPINE_TRITON_ASSERT_NONFATAL", "1", 1);
  int64_t before = spine_assert_failure_count();
  testing::internal::CaptureStderr();
  spine_assert(0, 0, 0, false, nullptr, nullptr, 0, nullptr);
  spine_assert(0, 0, 0, false, "m", "f", 1, "g");
  std::string err = testing::internal::GetCapturedStderr();
  unsetenv("SPINE_TRITON_ASSERT_NONFATAL");
  EXPECT_EQ(spine_assert_failure_count(), before + 2);
  EXPECT_NE(
      err.find("<unknown>:0: <unknown>: block: [0, 0, 0] Assertion `` failed."),
      std::string::npos);
  EXPECT_NE(err.find("f:1: g: block: [0, 0, 0] Assertion `m` failed."),
            std::string::npos);
}

TEST(DeviceAssert, LastFailureIsKeptForTheLauncher) {
  setenv("SPINE_TRITON_ASSERT_NONFATAL", "1", 1);
  testing::internal::CaptureStderr();
  spine_assert(4, 0, 1, false, "x < limit", "kernels.py", 12, "check");
  testing::internal::GetCapturedStderr();
  unsetenv("SPINE_TRITON_ASSERT_NONFATAL");
  const std::string expected =
      "kernels.py:12: check: block: [4, 0, 1] Assertion `x < limit` failed.";
  char buffer[128];
  EXPECT_EQ(spine_assert_last_failure(buffer, sizeof(buffer)),
            static_cast<int64_t>(expected.size()));
  EXPECT_EQ(std::string(buffer), expected);
  char small[11];
  EXPECT_EQ(spine_assert_last_failure(small, sizeof(small)),
            static_cast<int64_t>(expected.size()));
  EXPECT_EQ(std::string(small), expected.substr(0, 10));
  EXPECT_EQ(spine_assert_last_failure(nullptr, 0),
            static_cast<int64_t>(expected.size()));
}

} // namespace

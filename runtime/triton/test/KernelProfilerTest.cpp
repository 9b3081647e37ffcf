#include "spine_triton/spine_triton_runtime.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace {

class KernelProfiler : public testing::Test {
protected:
  void SetUp() override { proton_reset(); }
  void TearDown() override { proton_reset(); }
};

TEST_F(KernelProfiler, ClockIsMonotonicAndHasARate) {
  int64_t a = spine_profiler_now();
  std::this_thread::sleep_for(std::chrono::milliseconds(2));
  int64_t b = spine_profiler_now();
  EXPECT_GT(b, a);
  EXPECT_GT(spine_profiler_ticks_per_second(), 0);
  // 2 ms must read as at least 1 ms of ticks at the reported rate.
  EXPECT_GE((b - a) * 1000, spine_profiler_ticks_per_second());
}

TEST_F(KernelProfiler, EnterExitRecordsOneScopeNamedWithTheGrid) {
  proton_enter_kernel("add_kernel", 4, 2, 1);
  std::this_thread::sleep_for(std::chrono::milliseconds(1));
  proton_exit_kernel("add_kernel", 4, 2, 1);
  ASSERT_EQ(proton_num_completed_scopes(), 1);
  const char *name = nullptr;
  int64_t ticks = -1;
  ASSERT_EQ(proton_get_completed_scope(0, &name, &ticks), 0);
  EXPECT_STREQ(name, "add_kernel[4,2,1]");
  EXPECT_GE(ticks * 1000, spine_profiler_ticks_per_second() / 2);
  EXPECT_EQ(proton_get_completed_scope(1, &name, &ticks), -1);
  EXPECT_EQ(proton_get_completed_scope(-1, &name, &ticks), -1);
}

TEST_F(KernelProfiler, UnmatchedExitIsDroppedAndNestedScopesPair) {
  proton_exit_kernel("never_entered", 1, 1, 1);
  EXPECT_EQ(proton_num_completed_scopes(), 0);
  proton_record("outer", 100, 1);
  proton_record("inner", 110, 1);
  proton_record("inner", 150, 0);
  proton_record("outer", 200, 0);
  ASSERT_EQ(proton_num_completed_scopes(), 2);
  const char *name;
  int64_t ticks;
  proton_get_completed_scope(0, &name, &ticks);
  EXPECT_STREQ(name, "inner");
  EXPECT_EQ(ticks, 40);
  proton_get_completed_scope(1, &name, &ticks);
  EXPECT_STREQ(name, "outer");
  EXPECT_EQ(ticks, 100);
}

TEST_F(KernelProfiler, ScopesArePerThread) {
  // Both threads open the same name; each close pairs with its own open.
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([t] {
      proton_record("k", 1000 * t, 1);
      proton_record("k", 1000 * t + 10 + t, 0);
    });
  for (auto &thread : threads)
    thread.join();
  ASSERT_EQ(proton_num_completed_scopes(), 4);
  int64_t sum = 0;
  for (int i = 0; i < 4; ++i) {
    int64_t ticks;
    proton_get_completed_scope(i, nullptr, &ticks);
    sum += ticks;
  }
  EXPECT_EQ(sum, 10 + 11 + 12 + 13);
}

TEST_F(KernelProfiler, ChromeTraceListsCompletedScopes) {
  proton_record("a\"b", 0, 1);
  proton_record("a\"b", 1000, 0);
  proton_record("open", 0, 1);
  std::string path = testing::TempDir() + "spine_profile_test.json";
  ASSERT_EQ(proton_dump_chrome_trace(path.c_str()), 0);
  std::ifstream file(path);
  std::stringstream text;
  text << file.rdbuf();
  std::string json = text.str();
  EXPECT_NE(json.find("\"traceEvents\""), std::string::npos);
  EXPECT_NE(json.find("\"name\": \"a\\\"b\""), std::string::npos) << json;
  EXPECT_EQ(json.find("\"open\""), std::string::npos) << json;
  EXPECT_EQ(proton_dump_chrome_trace("/nonexistent-dir/x.json"), -1);
  std::remove(path.c_str());
}

TEST_F(KernelProfiler, SummaryNamesEachScope) {
  proton_record("gemm[1,1,1]", 0, 1);
  proton_record("gemm[1,1,1]", 5, 0);
  testing::internal::CaptureStdout();
  proton_dump();
  std::string out = testing::internal::GetCapturedStdout();
  EXPECT_NE(out.find("gemm[1,1,1]"), std::string::npos) << out;
}

} // namespace

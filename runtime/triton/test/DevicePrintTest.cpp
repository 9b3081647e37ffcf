#include "spine_triton/spine_triton_runtime.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <thread>
#include <vector>

namespace {

template <int Rank> struct Descriptor {
  void *allocated;
  void *aligned;
  int64_t offset;
  int64_t sizes[Rank];
  int64_t strides[Rank];
};

std::string printToString(int64_t rank, const void *descriptor, int32_t type,
                          int64_t *printed = nullptr) {
  testing::internal::CaptureStdout();
  int64_t n = spine_print_unranked_memref(1, 2, 3, "x", rank, descriptor, type);
  if (printed)
    *printed = n;
  return testing::internal::GetCapturedStdout();
}

TEST(DevicePrint, RowMajorMatrix) {
  float data[6] = {1, 2, 3, 4, 5, 6.5f};
  Descriptor<2> d{data, data, 0, {2, 3}, {3, 1}};
  int64_t printed = 0;
  EXPECT_EQ(printToString(2, &d, SPINE_ELEMENT_F32, &printed),
            "pid (1, 2, 3) x: rank=2 sizes=[2, 3] strides=[3, 1] [[1, 2, 3], [4, 5, 6.5]]\n");
  EXPECT_EQ(printed, 6);
}

TEST(DevicePrint, OffsetAndTransposedStrides) {
  int32_t data[7] = {99, 1, 2, 3, 4, 5, 6}; // offset 1 skips the 99
  Descriptor<2> d{data, data, 1, {3, 2}, {1, 3}};
  EXPECT_EQ(printToString(2, &d, SPINE_ELEMENT_I32),
            "pid (1, 2, 3) x: rank=2 sizes=[3, 2] strides=[1, 3] [[1, 4], [2, 5], [3, 6]]\n");
}

TEST(DevicePrint, RankZeroIsOneElement) {
  int64_t value = -42;
  struct {
    void *allocated, *aligned;
    int64_t offset;
  } d{&value, &value, 0};
  EXPECT_EQ(printToString(0, &d, SPINE_ELEMENT_I64),
            "pid (1, 2, 3) x: rank=0 sizes=[] strides=[] -42\n");
}

TEST(DevicePrint, HalfBfloatAndUnsigned) {
  uint16_t half[3] = {0x3C00, 0xC000, 0x3555}; // 1, -2, ~0.333
  Descriptor<1> dh{half, half, 0, {3}, {1}};
  EXPECT_EQ(printToString(1, &dh, SPINE_ELEMENT_F16),
            "pid (1, 2, 3) x: rank=1 sizes=[3] strides=[1] [1, -2, 0.333252]\n");
  uint16_t bf16[2] = {0x3F80, 0xC0A0}; // 1, -5
  Descriptor<1> db{bf16, bf16, 0, {2}, {1}};
  EXPECT_EQ(printToString(1, &db, SPINE_ELEMENT_BF16),
            "pid (1, 2, 3) x: rank=1 sizes=[2] strides=[1] [1, -5]\n");
  uint8_t bytes[2] = {255, 7};
  Descriptor<1> du{bytes, bytes, 0, {2}, {1}};
  EXPECT_EQ(printToString(1, &du, SPINE_ELEMENT_U8),
            "pid (1, 2, 3) x: rank=1 sizes=[2] strides=[1] [255, 7]\n");
}

TEST(DevicePrint, InvalidArgumentsReadNothing) {
  int64_t printed = 0;
  std::string out = printToString(2, nullptr, SPINE_ELEMENT_F32, &printed);
  EXPECT_EQ(printed, -1);
  EXPECT_NE(out.find("<invalid memref"), std::string::npos);
  float data[1] = {0};
  Descriptor<1> d{data, data, 0, {1}, {1}};
  EXPECT_EQ(spine_print_unranked_memref(0, 0, 0, "", 1, &d, 1234), -1);
  EXPECT_EQ(spine_print_unranked_memref(0, 0, 0, "", -1, &d, SPINE_ELEMENT_F32), -1);
  Descriptor<1> negative{data, data, 0, {-3}, {1}};
  EXPECT_EQ(spine_print_unranked_memref(0, 0, 0, "", 1, &negative, SPINE_ELEMENT_F32), -1);
}

TEST(DevicePrint, Scalars) {
  testing::internal::CaptureStdout();
  spine_print_i64(0, 1, 0, "n", -5, false);
  spine_print_i64(0, 1, 0, "u", -1, true);
  spine_print_f64(4, 0, 0, "f", 0.25);
  EXPECT_EQ(testing::internal::GetCapturedStdout(),
            "pid (0, 1, 0) n: -5\npid (0, 1, 0) u: 18446744073709551615\n"
            "pid (4, 0, 0) f: 0.25\n");
}

TEST(DevicePrint, ConcurrentPrintsKeepWholeLines) {
  constexpr int kThreads = 4, kPrints = 200;
  int32_t data[4] = {10, 20, 30, 40};
  Descriptor<1> d{data, data, 0, {4}, {1}};
  testing::internal::CaptureStdout();
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPrints; ++i)
        spine_print_unranked_memref(t, 0, 0, "v", 1, &d, SPINE_ELEMENT_I32);
    });
  for (auto &thread : threads)
    thread.join();
  std::string out = testing::internal::GetCapturedStdout();
  size_t lines = 0, start = 0;
  for (size_t end; (end = out.find('\n', start)) != std::string::npos; start = end + 1) {
    std::string line = out.substr(start, end - start);
    EXPECT_NE(line.find("v: rank=1 sizes=[4] strides=[1] [10, 20, 30, 40]"), std::string::npos)
        << line;
    ++lines;
  }
  EXPECT_EQ(lines, size_t(kThreads * kPrints));
}

} // namespace

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

struct Element {
  int32_t bitWidth, isInteger, isSigned, asHex;
};
constexpr Element kF32{32, 0, 0, 0}, kF16{16, 0, 0, 0}, kF64{64, 0, 0, 0},
    kI32{32, 1, 1, 0}, kI64{64, 1, 1, 0}, kU8{8, 1, 0, 0}, kI8{8, 1, 1, 0},
    kI1{1, 1, 0, 0};

std::string printToString(int64_t rank, const void *descriptor, Element e,
                          int32_t *printed = nullptr) {
  testing::internal::CaptureStdout();
  int32_t n =
      spine_print_unranked_memref(1, 2, 3, "x", rank, descriptor, e.bitWidth,
                                  e.isInteger, e.isSigned, e.asHex);
  if (printed)
    *printed = n;
  return testing::internal::GetCapturedStdout();
}

TEST(DevicePrint, RowMajorMatrix) {
  float data[6] = {1, 2, 3, 4, 5, 6.5f};
  Descriptor<2> d{data, data, 0, {2, 3}, {3, 1}};
  int32_t printed = 0;
  EXPECT_EQ(printToString(2, &d, kF32, &printed),
            "(1, 2, 3) x: rank=2 sizes=[2, 3] [[1, 2, 3], [4, 5, 6.5]]\n");
  EXPECT_EQ(printed, 6);
}

TEST(DevicePrint, OffsetAndTransposedStrides) {
  int32_t data[7] = {99, 1, 2, 3, 4, -5, 6}; // offset 1 skips the 99
  Descriptor<2> d{data, data, 1, {3, 2}, {1, 3}};
  EXPECT_EQ(printToString(2, &d, kI32),
            "(1, 2, 3) x: rank=2 sizes=[3, 2] [[1, 4], [2, -5], [3, 6]]\n");
}

TEST(DevicePrint, RankZeroIsOneElement) {
  int64_t value = -42;
  struct {
    void *allocated, *aligned;
    int64_t offset;
  } d{&value, &value, 0};
  EXPECT_EQ(printToString(0, &d, kI64), "(1, 2, 3) x: rank=0 sizes=[] -42\n");
}

TEST(DevicePrint, WidthsKindsAndSignedness) {
  uint16_t half[3] = {0x3C00, 0xC000, 0x3555}; // 1, -2, ~0.333
  Descriptor<1> dh{half, half, 0, {3}, {1}};
  EXPECT_EQ(printToString(1, &dh, kF16),
            "(1, 2, 3) x: rank=1 sizes=[3] [1, -2, 0.333252]\n");
  uint8_t bytes[2] = {255, 7};
  Descriptor<1> db{bytes, bytes, 0, {2}, {1}};
  EXPECT_EQ(printToString(1, &db, kU8),
            "(1, 2, 3) x: rank=1 sizes=[2] [255, 7]\n");
  EXPECT_EQ(printToString(1, &db, kI8),
            "(1, 2, 3) x: rank=1 sizes=[2] [-1, 7]\n");
  uint8_t bools[3] = {1, 0, 1};
  Descriptor<1> dbool{bools, bools, 0, {3}, {1}};
  EXPECT_EQ(printToString(1, &dbool, kI1),
            "(1, 2, 3) x: rank=1 sizes=[3] [1, 0, 1]\n");
  double doubles[1] = {0.1};
  Descriptor<1> dd{doubles, doubles, 0, {1}, {1}};
  EXPECT_EQ(printToString(1, &dd, kF64),
            "(1, 2, 3) x: rank=1 sizes=[1] [0.10000000000000001]\n");
}

TEST(DevicePrint, Hex) {
  int16_t data[2] = {-1, 0x2a};
  Descriptor<1> d{data, data, 0, {2}, {1}};
  EXPECT_EQ(printToString(1, &d, Element{16, 1, 1, 1}),
            "(1, 2, 3) x: rank=1 sizes=[2] [0xffff, 0x002a]\n");
  float f[1] = {1.0f};
  Descriptor<1> df{f, f, 0, {1}, {1}};
  EXPECT_EQ(printToString(1, &df, Element{32, 0, 0, 1}),
            "(1, 2, 3) x: rank=1 sizes=[1] [0x3f800000]\n");
}

TEST(DevicePrint, InvalidArgumentsReadNothing) {
  int32_t printed = 0;
  std::string out = printToString(2, nullptr, kF32, &printed);
  EXPECT_EQ(printed, -1);
  EXPECT_NE(out.find("<invalid memref"), std::string::npos);
  float data[1] = {0};
  Descriptor<1> d{data, data, 0, {1}, {1}};
  testing::internal::CaptureStdout();
  EXPECT_EQ(spine_print_unranked_memref(0, 0, 0, "", 1, &d, 24, 0, 0, 0),
            -1); // no 24-bit float
  EXPECT_EQ(spine_print_unranked_memref(0, 0, 0, "", 1, &d, 12, 1, 1, 0), -1);
  EXPECT_EQ(spine_print_unranked_memref(0, 0, 0, "", -1, &d, 32, 0, 0, 0), -1);
  Descriptor<1> negative{data, data, 0, {-3}, {1}};
  EXPECT_EQ(spine_print_unranked_memref(0, 0, 0, "", 1, &negative, 32, 0, 0, 0),
            -1);
  testing::internal::GetCapturedStdout();
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
        spine_print_unranked_memref(t, 0, 0, "v", 1, &d, 32, 1, 1, 0);
    });
  for (auto &thread : threads)
    thread.join();
  std::string out = testing::internal::GetCapturedStdout();
  size_t lines = 0, start = 0;
  for (size_t end; (end = out.find('\n', start)) != std::string::npos;
       start = end + 1) {
    std::string line = out.substr(start, end - start);
    EXPECT_NE(line.find("v: rank=1 sizes=[4] [10, 20, 30, 40]"),
              std::string::npos)
        << line;
    ++lines;
  }
  EXPECT_EQ(lines, size_t(kThreads * kPrints));
}

} // namespace

#include "spine_triton/spine_triton_runtime.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <numeric>
#include <vector>

namespace {

template <int Rank> struct Descriptor {
  void *allocated;
  void *aligned;
  int64_t offset;
  int64_t sizes[Rank];
  int64_t strides[Rank];
};

TEST(MemrefCopy, ContiguousToContiguous) {
  std::vector<float> src(12), dst(12, -1);
  std::iota(src.begin(), src.end(), 0.0f);
  Descriptor<2> s{src.data(), src.data(), 0, {3, 4}, {4, 1}};
  Descriptor<2> d{dst.data(), dst.data(), 0, {3, 4}, {4, 1}};
  spine_unranked_memref_t us{2, &s}, ud{2, &d};
  memrefCopy(sizeof(float), &us, &ud);
  EXPECT_EQ(src, dst);
}

TEST(MemrefCopy, StridedSubviewIntoTransposedLayout) {
  // src: the 2x3 block at (1, 1) of a 4x5 matrix; dst: a column-major 2x3.
  std::vector<int32_t> matrix(20);
  std::iota(matrix.begin(), matrix.end(), 0);
  std::vector<int32_t> dst(6, -1);
  Descriptor<2> s{matrix.data(), matrix.data(), 6, {2, 3}, {5, 1}};
  Descriptor<2> d{dst.data(), dst.data(), 0, {2, 3}, {1, 2}};
  spine_unranked_memref_t us{2, &s}, ud{2, &d};
  memrefCopy(sizeof(int32_t), &us, &ud);
  // dst[i + 2*j] = matrix[(1+i)*5 + 1+j]
  EXPECT_EQ(dst, (std::vector<int32_t>{6, 11, 7, 12, 8, 13}));
}

TEST(MemrefCopy, ThreeDimensionsWithBroadcastStride) {
  std::vector<int16_t> src = {1, 2, 3, 4};
  std::vector<int16_t> dst(2 * 3 * 2, 0);
  // src viewed as 2x3x2 with stride 0 in the middle dimension.
  Descriptor<3> s{src.data(), src.data(), 0, {2, 3, 2}, {2, 0, 1}};
  Descriptor<3> d{dst.data(), dst.data(), 0, {2, 3, 2}, {6, 2, 1}};
  spine_unranked_memref_t us{3, &s}, ud{3, &d};
  memrefCopy(sizeof(int16_t), &us, &ud);
  EXPECT_EQ(dst, (std::vector<int16_t>{1, 2, 1, 2, 1, 2, 3, 4, 3, 4, 3, 4}));
}

TEST(MemrefCopy, RankZeroAndEmptyAndMismatchedRanks) {
  double a = 3.5, b = 0;
  struct {
    void *allocated, *aligned;
    int64_t offset;
  } s{&a, &a, 0}, d{&b, &b, 0};
  spine_unranked_memref_t us{0, &s}, ud{0, &d};
  memrefCopy(sizeof(double), &us, &ud);
  EXPECT_EQ(b, 3.5);

  float x = 1, y = 2;
  Descriptor<1> empty{&x, &x, 0, {0}, {1}}, target{&y, &y, 0, {0}, {1}};
  spine_unranked_memref_t ue{1, &empty}, ut{1, &target};
  memrefCopy(sizeof(float), &ue, &ut);
  EXPECT_EQ(y, 2);
  spine_unranked_memref_t mismatched{0, &s};
  memrefCopy(sizeof(float), &ue, &mismatched); // ignored, no crash
  memrefCopy(sizeof(float), nullptr, &ut);
  EXPECT_EQ(y, 2);
}

} // namespace

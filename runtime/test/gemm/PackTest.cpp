// speir_pack_lhs / _rhs / _acc and speir_unpack_acc against the layout
// formulas in abi.h, for every element size, odd strides and padding values.
#include <gtest/gtest.h>

#include <random>
#include <thread>
#include <vector>

#include "kernels/Tuning.h"
#include "kernels/gemm/Pack.h"
#include "speir/abi.h"
#include "threading/Parallel.h"

namespace {

// Returns src(r, c) for the matrix given by base + strides (elements).
template <class T>
T at(const std::vector<T> &v, int64_t base, int64_t sr, int64_t sc, int64_t r,
     int64_t c) {
  return v[size_t(base + r * sr + c * sc)];
}

template <class T> void checkAllPacks(uint32_t seed) {
  std::mt19937 rng(seed);
  auto rnd = [&](int lo, int hi) {
    return int64_t(std::uniform_int_distribution<int>(lo, hi)(rng));
  };
  for (int iter = 0; iter < 60; ++iter) {
    const int64_t rows = rnd(1, 23), cols = rnd(1, 23);
    const int64_t t0 = rnd(1, 9), t1 = rnd(1, 9);
    // Layout of the source: row-major, column-major, or with gaps.
    const int layout = int(iter % 3);
    int64_t sr, sc;
    if (layout == 0) {
      sr = cols + rnd(0, 3);
      sc = 1;
    } else if (layout == 1) {
      sr = 1;
      sc = rows + rnd(0, 3);
    } else {
      sr = 2 * (cols + 1);
      sc = 2;
    }
    std::vector<T> src(size_t(rows * sr + cols * sc + 8));
    for (auto &x : src)
      x = T(rng());
    const T pad = T(0x5a5a5a5a);
    const int64_t r1n = (rows + t0 - 1) / t0, c1n = (cols + t1 - 1) / t1;
    const int64_t so1 = t0 * t1 + rnd(0, 2), so0 = c1n * so1 + rnd(0, 2);
    std::vector<T> dst(size_t(r1n * so0 + 4), T(0));
    SCOPED_TRACE(testing::Message()
                 << "rows=" << rows << " cols=" << cols << " tile=" << t0 << "x"
                 << t1 << " layout=" << layout);

    // lhs / acc: dst[r1][c1][r0][c0] = src(r1*t0 + r0, c1*t1 + c0).
    ASSERT_EQ(speir_pack_lhs(sizeof(T), src.data(), rows, cols, sr, sc,
                             dst.data(), so0, so1, t0, t1, &pad),
              SPEIR_OK);
    for (int64_t r = 0; r < r1n * t0; ++r)
      for (int64_t c = 0; c < c1n * t1; ++c) {
        T got = dst[size_t((r / t0) * so0 + (c / t1) * so1 + (r % t0) * t1 +
                           c % t1)];
        T want = r < rows && c < cols ? at(src, 0, sr, sc, r, c) : pad;
        ASSERT_EQ(got, want) << "lhs r=" << r << " c=" << c;
      }
    std::vector<T> back(size_t(rows * sr + cols * sc + 8), T(0));
    ASSERT_EQ(speir_unpack_acc(sizeof(T), dst.data(), so0, so1, t0, t1,
                               back.data(), rows, cols, sr, sc),
              SPEIR_OK);
    for (int64_t r = 0; r < rows; ++r)
      for (int64_t c = 0; c < cols; ++c)
        ASSERT_EQ(at(back, 0, sr, sc, r, c), at(src, 0, sr, sc, r, c));

    std::vector<T> dacc(dst.size(), T(0));
    ASSERT_EQ(speir_pack_acc(sizeof(T), src.data(), rows, cols, sr, sc,
                             dacc.data(), so0, so1, t0, t1, &pad),
              SPEIR_OK);
    EXPECT_EQ(dacc, dst);

    // rhs: src is B (rows = K, cols = N); dst[n1][k1][n0][k0] = B(k, n).
    const int64_t n1n = (cols + t0 - 1) / t0, k1n = (rows + t1 - 1) / t1;
    const int64_t ro1 = t0 * t1, ro0 = k1n * ro1;
    std::vector<T> rdst(size_t(n1n * ro0), T(0));
    ASSERT_EQ(speir_pack_rhs(sizeof(T), src.data(), rows, cols, sr, sc,
                             rdst.data(), ro0, ro1, t0, t1, nullptr),
              SPEIR_OK);
    for (int64_t n = 0; n < n1n * t0; ++n)
      for (int64_t k = 0; k < k1n * t1; ++k) {
        T got = rdst[size_t((n / t0) * ro0 + (k / t1) * ro1 + (n % t0) * t1 +
                            k % t1)];
        T want = k < rows && n < cols ? at(src, 0, sr, sc, k, n) : T(0);
        ASSERT_EQ(got, want) << "rhs n=" << n << " k=" << k;
      }
  }
}

TEST(Pack, Bytes1) { checkAllPacks<uint8_t>(1); }
TEST(Pack, Bytes2) { checkAllPacks<uint16_t>(2); }
TEST(Pack, Bytes4) { checkAllPacks<uint32_t>(3); }

// Above kTuning.parallelPackMinBytes the entry points split the copy over the
// thread pool by row tiles; the result must be the same layout.
template <class T> void checkLargePack(uint32_t seed) {
  if (std::thread::hardware_concurrency() >= 2)
    ASSERT_GE(speir::rt::numThreads(speir::rt::CoreSet::Any), 2);
  std::mt19937 rng(seed);
  const int64_t rows = 1030, cols = 1100;
  ASSERT_GE(rows * cols * int64_t(sizeof(T)),
            speir::kTuning.parallelPackMinBytes);
  const T pad = T(0x5a5a5a5a);
  struct Shape {
    int64_t t0, t1;
    bool transposed;
  };
  for (const Shape &sh :
       {Shape{8, 16, false}, Shape{7, 1, true}, Shape{12, 8, true}}) {
    SCOPED_TRACE(testing::Message() << "tile=" << sh.t0 << "x" << sh.t1
                                    << " transposed=" << sh.transposed);
    const int64_t sr = sh.transposed ? 1 : cols + 3;
    const int64_t sc = sh.transposed ? rows + 5 : 1;
    std::vector<T> src(size_t(rows * sr + cols * sc));
    for (auto &x : src)
      x = T(rng());
    const int64_t r1n = (rows + sh.t0 - 1) / sh.t0,
                  c1n = (cols + sh.t1 - 1) / sh.t1;
    const int64_t so1 = sh.t0 * sh.t1, so0 = c1n * so1;
    std::vector<T> dst(size_t(r1n * so0));
    ASSERT_EQ(speir_pack_lhs(sizeof(T), src.data(), rows, cols, sr, sc,
                             dst.data(), so0, so1, sh.t0, sh.t1, &pad),
              SPEIR_OK);
    for (int64_t r = 0; r < r1n * sh.t0; ++r)
      for (int64_t c = 0; c < c1n * sh.t1; ++c) {
        T got = dst[size_t((r / sh.t0) * so0 + (c / sh.t1) * so1 +
                           (r % sh.t0) * sh.t1 + c % sh.t1)];
        T want = r < rows && c < cols ? at(src, 0, sr, sc, r, c) : pad;
        ASSERT_EQ(got, want) << "r=" << r << " c=" << c;
      }
    std::vector<T> back(src.size(), T(0));
    ASSERT_EQ(speir_unpack_acc(sizeof(T), dst.data(), so0, so1, sh.t0, sh.t1,
                               back.data(), rows, cols, sr, sc),
              SPEIR_OK);
    for (int64_t r = 0; r < rows; ++r)
      for (int64_t c = 0; c < cols; ++c)
        ASSERT_EQ(at(back, 0, sr, sc, r, c), at(src, 0, sr, sc, r, c));
  }
}

TEST(Pack, LargeBytes1PackInParallel) { checkLargePack<uint8_t>(11); }
TEST(Pack, LargeBytes2PackInParallel) { checkLargePack<uint16_t>(12); }
TEST(Pack, LargeBytes4PackInParallel) { checkLargePack<uint32_t>(13); }

TEST(Pack, RejectsInvalidArguments) {
  float buf[16] = {};
  EXPECT_EQ(speir_pack_lhs(3, buf, 2, 2, 2, 1, buf, 4, 4, 2, 2, nullptr),
            SPEIR_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(speir_pack_lhs(4, buf, 2, 2, 2, 1, buf, 4, 4, 0, 2, nullptr),
            SPEIR_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(speir_pack_rhs(4, nullptr, 2, 2, 2, 1, buf, 4, 4, 2, 2, nullptr),
            SPEIR_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(speir_pack_acc(4, buf, -1, 2, 2, 1, buf, 4, 4, 2, 2, nullptr),
            SPEIR_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(speir_unpack_acc(4, buf, 4, 4, 2, 2, nullptr, 2, 2, 2, 1),
            SPEIR_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(
      speir_pack_lhs(4, nullptr, 0, 5, 2, 1, nullptr, 4, 4, 2, 2, nullptr),
      SPEIR_OK);
}

} // namespace

namespace {

TEST(Pack, RejectsSizesThatOverflow) {
  uint32_t src[16] = {}, dst[64] = {};
  const int64_t huge = int64_t(1) << 62;
  // The source's span: (rows - 1) * |row stride| ...
  EXPECT_EQ(speir_pack_lhs(4, src, 2, 2, huge, 1, dst, 4, 2, 2, 2, nullptr),
            SPEIR_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(speir_pack_rhs(4, src, 2, 2, 1, -huge, dst, 4, 2, 2, 2, nullptr),
            SPEIR_ERROR_INVALID_ARGUMENT);
  // ... and the tiles': (outer tiles - 1) * |outer stride| + a tile.
  EXPECT_EQ(speir_pack_acc(4, src, 4, 2, 2, 1, dst, huge, 4, 2, 2, nullptr),
            SPEIR_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(speir_unpack_acc(4, src, 4, INT64_MIN, 2, 2, dst, 2, 4, 4, 1),
            SPEIR_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(speir_unpack_acc(4, src, 4, 4, 2, 2, dst, 2, 2, huge, 1),
            SPEIR_ERROR_INVALID_ARGUMENT);
  // One tile needs no outer stride at all.
  EXPECT_EQ(speir_pack_lhs(4, src, 2, 2, 2, 1, dst, huge, huge, 2, 2, nullptr),
            SPEIR_OK);
}

} // namespace

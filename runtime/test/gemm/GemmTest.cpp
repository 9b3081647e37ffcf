// speir_gemm / speir_gemm_batched against a naive reference: every type,
// transposes, padded leading dimensions, accumulate vs overwrite, shapes with
// 1, primes and tails; threaded results bit-identical to single-threaded.
#include <gtest/gtest.h>

#include <array>
#include <cstdlib>

#include "GemmTestUtil.h"
#include "kernels/gemm/TileTable.h"

namespace speir::gemm::test {
namespace {

struct GemmCase {
  int32_t type;
  int64_t m, n, k;
  bool ta, tb, accumulate;
  int64_t pad; // extra elements per row of A, B and C
  uint32_t seed;
};

struct GemmData {
  Buffer a, b, c0;
  int64_t lda, ldb, ldc;
};

GemmData makeData(const GemmCase &c) {
  std::mt19937 rng(c.seed);
  const int64_t aRows = c.ta ? c.k : c.m, aCols = c.ta ? c.m : c.k;
  const int64_t bRows = c.tb ? c.n : c.k, bCols = c.tb ? c.k : c.n;
  GemmData d{Buffer(lhsKind(c.type), size_t(aRows * (aCols + c.pad) + 1)),
             Buffer(rhsKind(c.type), size_t(bRows * (bCols + c.pad) + 1)),
             Buffer(accKind(c.type), size_t(c.m * (c.n + c.pad) + 1)),
             aCols + c.pad,
             bCols + c.pad,
             c.n + c.pad};
  fillRandom(d.a, rng);
  fillRandom(d.b, rng);
  fillRandom(d.c0, rng);
  return d;
}

uint32_t flagsOf(const GemmCase &c) {
  return (c.ta ? SPEIR_GEMM_TRANSPOSE_A : 0) |
         (c.tb ? SPEIR_GEMM_TRANSPOSE_B : 0) |
         (c.accumulate ? SPEIR_GEMM_ACCUMULATE : 0);
}

void checkAgainstReference(const GemmCase &c, GemmData &d, const Buffer &out) {
  int bad = 0;
  for (int64_t i = 0; i < c.m && bad < 5; ++i)
    for (int64_t j = 0; j < c.n && bad < 5; ++j) {
      double ref = c.accumulate ? d.c0.get(i * d.ldc + j) : 0.0,
             sumAbs = std::fabs(ref);
      int64_t iref = c.accumulate ? int64_t(d.c0.get(i * d.ldc + j)) : 0;
      for (int64_t p = 0; p < c.k; ++p) {
        double av = d.a.get(c.ta ? p * d.lda + i : i * d.lda + p);
        double bv = d.b.get(c.tb ? j * d.ldb + p : p * d.ldb + j);
        ref += av * bv;
        sumAbs += std::fabs(av * bv);
        iref += int64_t(av * bv);
      }
      const double got = out.get(i * d.ldc + j);
      const bool ok = isInt(c.type) ? got == double(int32_t(uint32_t(iref)))
                                    : std::fabs(got - ref) <=
                                          tolerance(c.type, c.k, sumAbs, ref);
      if (!ok) {
        ++bad;
        ADD_FAILURE() << "(" << i << "," << j << ") got " << got << " want "
                      << (isInt(c.type) ? double(int32_t(uint32_t(iref)))
                                        : ref);
      }
    }
  // Padding columns of C are never written.
  for (int64_t i = 0; i < c.m; ++i)
    for (int64_t j = c.n; j < d.ldc; ++j)
      ASSERT_EQ(out.get(i * d.ldc + j), d.c0.get(i * d.ldc + j));
}

void runCase(const GemmCase &c) {
  SCOPED_TRACE(testing::Message()
               << typeName(c.type) << " M=" << c.m << " N=" << c.n
               << " K=" << c.k << " ta=" << c.ta << " tb=" << c.tb
               << " acc=" << c.accumulate << " pad=" << c.pad);
  GemmData d = makeData(c);
  Buffer out = d.c0;
  ASSERT_EQ(speir_gemm(c.type, flagsOf(c), c.m, c.n, c.k, d.a.data(), d.lda,
                       d.b.data(), d.ldb, out.data(), d.ldc),
            SPEIR_OK);
  checkAgainstReference(c, d, out);
}

class GemmTypeTest : public testing::TestWithParam<int32_t> {};

TEST_P(GemmTypeTest, RandomShapesMatchReference) {
  const int32_t type = GetParam();
  const int64_t shapes[][3] = {{1, 1, 1},
                               {1, 37, 19},
                               {17, 1, 5},
                               {5, 3, 1},
                               {13, 29, 31},
                               {64, 48, 40},
                               {33, 65, 129},
                               {97, 41, 300},
                               {2, 200, 67},
                               // K beyond the host kernels' 256-k-tile
                               // chunks of converted lhs.
                               {9, 21, 600}};
  uint32_t seed = 99 + type;
  for (const auto &s : shapes)
    for (int variant = 0; variant < 4; ++variant)
      runCase({type, s[0], s[1], s[2], (variant & 1) != 0, (variant & 2) != 0,
               ((seed + variant) & 1) != 0, variant == 3 ? 5 : variant,
               seed++});
}

// Threads never change results: every C element is summed by one thread in
// ascending k order.
TEST_P(GemmTypeTest, ThreadedBitIdenticalToSingleThreaded) {
  const int32_t type = GetParam();
  for (const auto &s :
       {std::array<int64_t, 3>{96, 80, 70}, std::array<int64_t, 3>{3, 517, 260},
        std::array<int64_t, 3>{131, 67, 250}}) {
    GemmCase c{type, s[0], s[1], s[2], false, true, true, 1, 7u + type};
    GemmData d = makeData(c);
    Buffer single = d.c0, multi = d.c0;
    ASSERT_EQ(speir_gemm(type, flagsOf(c) | SPEIR_GEMM_SINGLE_THREAD, c.m, c.n,
                         c.k, d.a.data(), d.lda, d.b.data(), d.ldb,
                         single.data(), d.ldc),
              SPEIR_OK);
    ASSERT_EQ(speir_gemm(type, flagsOf(c), c.m, c.n, c.k, d.a.data(), d.lda,
                         d.b.data(), d.ldb, multi.data(), d.ldc),
              SPEIR_OK);
    EXPECT_EQ(single.raw, multi.raw) << "M=" << c.m;
    checkAgainstReference(c, d, multi);
  }
}

TEST_P(GemmTypeTest, BatchedMatchesReference) {
  const int32_t type = GetParam();
  const int64_t batch = 5, m = 9, n = 21, k = 17;
  GemmCase c{type, m, n, k, false, false, true, 0, 5u + type};
  std::vector<GemmData> parts;
  for (int64_t i = 0; i < batch; ++i) {
    c.seed += 1;
    parts.push_back(makeData(c));
  }
  // Pack the batch contiguously, with stride = one matrix + a gap of 3.
  auto gather = [&](auto member, int64_t each) {
    Buffer all((parts[0].*member).kind, size_t(batch * (each + 3)));
    for (int64_t i = 0; i < batch; ++i)
      std::memcpy(&all.raw[size_t(i * (each + 3) * all.bytes)],
                  (parts[i].*member).raw.data(), size_t(each * all.bytes));
    return all;
  };
  Buffer a = gather(&GemmData::a, m * k), b = gather(&GemmData::b, k * n),
         cc = gather(&GemmData::c0, m * n);
  ASSERT_EQ(speir_gemm_batched(type, SPEIR_GEMM_ACCUMULATE, batch, m, n, k,
                               a.data(), k, m * k + 3, b.data(), n, k * n + 3,
                               cc.data(), n, m * n + 3),
            SPEIR_OK);
  for (int64_t i = 0; i < batch; ++i) {
    Buffer out(cc.kind, size_t(m * n + 1));
    std::memcpy(out.raw.data(), &cc.raw[size_t(i * (m * n + 3) * cc.bytes)],
                size_t(m * n * cc.bytes));
    checkAgainstReference(c, parts[size_t(i)], out);
  }
}

// A and B are read only: a leading dimension of 0 repeats one line (a
// broadcast view, e.g. Triton's `rm % M` rows with M = 1 read in place) and
// one below the line length overlaps lines. Shapes reach the skinny, in-place
// and packed paths, plain and transposed.
TEST_P(GemmTypeTest, ReadOnlyOperandsMayRepeatOrOverlapLines) {
  const int32_t type = GetParam();
  const int64_t shapes[][3] = {{1, 37, 19},  {4, 4, 4},     {3, 128, 128},
                               {16, 64, 40}, {33, 65, 129}, {97, 41, 300}};
  uint32_t seed = 300 + type;
  for (const auto &s : shapes)
    for (int variant = 0; variant < 4; ++variant)
      for (auto [lda, ldb] :
           {std::pair<int64_t, int64_t>{0, -1}, {-1, 0}, {1, 0}, {0, 1}}) {
        GemmCase c{type,
                   s[0],
                   s[1],
                   s[2],
                   (variant & 1) != 0,
                   (variant & 2) != 0,
                   (seed & 1) != 0,
                   0,
                   seed++};
        GemmData d = makeData(c);
        if (lda >= 0)
          d.lda = lda;
        if (ldb >= 0)
          d.ldb = ldb;
        SCOPED_TRACE(testing::Message()
                     << typeName(type) << " M=" << c.m << " N=" << c.n
                     << " K=" << c.k << " ta=" << c.ta << " tb=" << c.tb
                     << " lda=" << d.lda << " ldb=" << d.ldb);
        Buffer out = d.c0;
        ASSERT_EQ(speir_gemm(type, flagsOf(c), c.m, c.n, c.k, d.a.data(), d.lda,
                             d.b.data(), d.ldb, out.data(), d.ldc),
                  SPEIR_OK);
        checkAgainstReference(c, d, out);
      }
}

INSTANTIATE_TEST_SUITE_P(AllTypes, GemmTypeTest, allGemmTypes(),
                         gemmTypeParamName);

// The generic kernels through the whole driver (the default run above uses
// the fastest kernel of this build).
TEST(Gemm, GenericKernelFamilyMatchesReference) {
  setenv("SPINE_GEMM_KERNEL", "generic", 1);
  reloadIsaOverride();
  for (int32_t type : {SPEIR_GEMM_F32_F32_F32, SPEIR_GEMM_S8_U8_S32})
    runCase({type, 23, 19, 45, true, false, true, 2, 3u});
  unsetenv("SPINE_GEMM_KERNEL");
  reloadIsaOverride();
}

// An f16 accumulator is the f16 -> f32 GEMM of the same operands started from
// the widened C, rounded once: bit for bit, with K longer than any K block
// the f32 path uses and with threads.
TEST(Gemm, F16OutputIsF32AccumulationRoundedOnce) {
  const int64_t m = 37, n = 45, k = 1100;
  GemmCase c{SPEIR_GEMM_F16_F16_F16, m, n, k, false, false, true, 0, 21u};
  GemmData d = makeData(c);
  std::vector<float> c32(size_t(m * n));
  const auto *c16 = reinterpret_cast<const uint16_t *>(d.c0.raw.data());
  for (size_t i = 0; i < c32.size(); ++i)
    c32[i] = halfToFloat(c16[i]);
  Buffer out = d.c0;
  ASSERT_EQ(speir_gemm(SPEIR_GEMM_F16_F16_F16, SPEIR_GEMM_ACCUMULATE, m, n, k,
                       d.a.data(), d.lda, d.b.data(), d.ldb, out.data(), n),
            SPEIR_OK);
  ASSERT_EQ(speir_gemm(SPEIR_GEMM_F16_F16_F32, SPEIR_GEMM_ACCUMULATE, m, n, k,
                       d.a.data(), d.lda, d.b.data(), d.ldb, c32.data(), n),
            SPEIR_OK);
  const auto *got = reinterpret_cast<const uint16_t *>(out.raw.data());
  for (size_t i = 0; i < c32.size(); ++i)
    ASSERT_EQ(got[i], floatToHalf(c32[i])) << "element " << i;
  checkAgainstReference(c, d, out);
}

TEST(Gemm, ZeroKOverwriteStoresZeros) {
  float c[6] = {1, 2, 3, 4, 5, 6};
  ASSERT_EQ(speir_gemm(SPEIR_GEMM_F32_F32_F32, 0, 2, 2, 0, nullptr, 1, nullptr,
                       2, c, 3),
            SPEIR_OK);
  EXPECT_EQ(c[0], 0.0f);
  EXPECT_EQ(c[4], 0.0f);
  EXPECT_EQ(c[2], 3.0f); // padding column untouched
}

TEST(Gemm, RejectsInvalidArguments) {
  float buf[64] = {};
  EXPECT_EQ(speir_gemm(9, 0, 2, 2, 2, buf, 2, buf, 2, buf, 2),
            SPEIR_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(speir_gemm(0, 1u << 9, 2, 2, 2, buf, 2, buf, 2, buf, 2),
            SPEIR_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(speir_gemm(0, 0, 2, 2, 3, buf, -1, buf, 2, buf, 2),
            SPEIR_ERROR_INVALID_ARGUMENT); // lda < 0
  EXPECT_EQ(
      speir_gemm(0, SPEIR_GEMM_TRANSPOSE_B, 2, 2, 3, buf, 3, buf, -3, buf, 2),
      SPEIR_ERROR_INVALID_ARGUMENT); // ldb < 0
  EXPECT_EQ(speir_gemm(0, 0, 2, 4, 2, buf, 2, buf, 4, buf, 3),
            SPEIR_ERROR_INVALID_ARGUMENT); // ldc < N
  EXPECT_EQ(speir_gemm(0, 0, 2, 2, 2, nullptr, 2, buf, 2, buf, 2),
            SPEIR_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(
      speir_gemm_batched(0, 0, -1, 2, 2, 2, buf, 2, 4, buf, 2, 4, buf, 2, 4),
      SPEIR_ERROR_INVALID_ARGUMENT);
}

// Sizes whose MAC count or byte spans overflow int64 are rejected before any
// pointer arithmetic (issue 16: m = n = 2^62 used to segfault).
TEST(Gemm, RejectsSizesThatOverflow) {
  float buf[64] = {};
  const int64_t huge = int64_t(1) << 62;
  EXPECT_EQ(speir_gemm(SPEIR_GEMM_F32_F32_F32, 0, huge, huge, 1, buf, 1, buf,
                       huge, buf, huge),
            SPEIR_ERROR_INVALID_ARGUMENT); // m * n * k
  EXPECT_EQ(
      speir_gemm(SPEIR_GEMM_F32_F32_F32, 0, 2, 2, 2, buf, huge, buf, 2, buf, 2),
      SPEIR_ERROR_INVALID_ARGUMENT); // A's bytes: lda * 4
  EXPECT_EQ(
      speir_gemm(SPEIR_GEMM_F32_F32_F32, 0, 2, 2, 2, buf, 2, buf, 2, buf, huge),
      SPEIR_ERROR_INVALID_ARGUMENT); // C's bytes
  EXPECT_EQ(speir_gemm(SPEIR_GEMM_F32_F32_F32, SPEIR_GEMM_TRANSPOSE_B, 2, 3, 2,
                       buf, 2, buf, huge / 2, buf, 3),
            SPEIR_ERROR_INVALID_ARGUMENT); // B^T's bytes
  EXPECT_EQ(speir_gemm_batched(SPEIR_GEMM_F32_F32_F32, 0, 3, 2, 2, 2, buf, 2,
                               huge, buf, 2, 4, buf, 2, 4),
            SPEIR_ERROR_INVALID_ARGUMENT); // the last batch's A offset
}

} // namespace
} // namespace speir::gemm::test

// speir_mmt4d through the ABI: pack with speir_pack_*, multiply, unpack, and
// compare with a naive reference, for every type, every kernel family this
// build can select (SPINE_GEMM_KERNEL), and many tile shapes.
#include <gtest/gtest.h>

#include <cstdlib>
#include <set>
#include <tuple>

#include "GemmTestUtil.h"
#include "kernels/gemm/TileTable.h"

#if defined(__riscv)
#include <riscv_vector.h>
#endif

namespace speir::gemm::test {
namespace {

struct Tile {
  int64_t m0, n0, k0;
  bool operator<(const Tile &o) const {
    return std::tie(m0, n0, k0) < std::tie(o.m0, o.n0, o.k0);
  }
};

class KernelEnv {
public:
  explicit KernelEnv(const char *isa) {
    if (isa)
      setenv("SPINE_GEMM_KERNEL", isa, 1);
    else
      unsetenv("SPINE_GEMM_KERNEL");
    reloadIsaOverride();
  }
  ~KernelEnv() {
    unsetenv("SPINE_GEMM_KERNEL");
    reloadIsaOverride();
  }
};

const char *kIsas[] = {"generic", "avx2", "rvv", "ime"};

// Kernel families that serve `type` here, found through the ABI.
std::vector<const char *> isasServing(int32_t type) {
  std::vector<const char *> out;
  for (const char *isa : kIsas) {
    KernelEnv env(isa);
    int64_t m0, n0, k0;
    EXPECT_EQ(speir_mmt4d_preferred_tile(type, &m0, &n0, &k0), SPEIR_OK);
    const char *name = speir_mmt4d_kernel_name(type, m0, n0, k0);
    if (name && std::string(name) == isa)
      out.push_back(isa);
  }
  return out;
}

struct Mmt4dCase {
  int32_t type;
  int64_t m, n, k;
  Tile tile;
  bool accumulate;
  bool stridedOuter;
  uint32_t seed;
  // Pass lhs_stride_k1 = 0 (every K1 step reads the first lhs tile); A is
  // made periodic in k with period K0 so the reference still holds.
  bool zeroLhsK1Stride = false;
};

void checkMmt4d(const Mmt4dCase &c) {
  SCOPED_TRACE(testing::Message()
               << typeName(c.type) << " M=" << c.m << " N=" << c.n
               << " K=" << c.k << " tile=" << c.tile.m0 << "x" << c.tile.n0
               << "x" << c.tile.k0 << " acc=" << c.accumulate
               << " strided=" << c.stridedOuter);
  std::mt19937 rng(c.seed);
  const int64_t M0 = c.tile.m0, N0 = c.tile.n0, K0 = c.tile.k0;
  const int64_t M1 = (c.m + M0 - 1) / M0, N1 = (c.n + N0 - 1) / N0,
                K1 = (c.k + K0 - 1) / K0;
  const int64_t pad = c.stridedOuter ? 3 : 0;
  // A and B as row-major matrices with padded leading dimensions.
  const int64_t lda = c.k + pad, ldb = c.n + pad, ldc = c.n + pad;
  Buffer a(lhsKind(c.type), size_t(c.m * lda + 1));
  Buffer b(rhsKind(c.type), size_t(c.k * ldb + 1));
  Buffer c0(accKind(c.type), size_t(c.m * ldc + 1));
  fillRandom(a, rng);
  fillRandom(b, rng);
  fillRandom(c0, rng);
  if (c.zeroLhsK1Stride)
    for (int64_t i = 0; i < c.m; ++i)
      for (int64_t p = K0; p < c.k; ++p)
        std::memcpy(&a.raw[size_t((i * lda + p) * a.bytes)],
                    &a.raw[size_t((i * lda + p % K0) * a.bytes)],
                    size_t(a.bytes));

  const int64_t lK1 = M0 * K0 + pad, lM1 = K1 * lK1 + pad;
  const int64_t rK1 = N0 * K0 + pad, rN1 = K1 * rK1 + pad;
  const int64_t aN1 = M0 * N0 + pad, aM1 = N1 * aN1 + pad;
  Buffer pa(a.kind, size_t(M1 * lM1 + 1)), pb(b.kind, size_t(N1 * rN1 + 1));
  Buffer pc(c0.kind, size_t(M1 * aM1 + 1));
  ASSERT_EQ(speir_pack_lhs(a.bytes, a.data(), c.m, c.k, lda, 1, pa.data(), lM1,
                           lK1, M0, K0, nullptr),
            SPEIR_OK);
  ASSERT_EQ(speir_pack_rhs(b.bytes, b.data(), c.k, c.n, ldb, 1, pb.data(), rN1,
                           rK1, N0, K0, nullptr),
            SPEIR_OK);
  if (c.accumulate) {
    ASSERT_EQ(speir_pack_acc(c0.bytes, c0.data(), c.m, c.n, ldc, 1, pc.data(),
                             aM1, aN1, M0, N0, nullptr),
              SPEIR_OK);
  } else {
    // Overwrite must not read the accumulator: fill it with NaN bits.
    std::fill(pc.raw.begin(), pc.raw.end(), 0xff);
  }
  ASSERT_EQ(speir_mmt4d(c.type, c.accumulate ? SPEIR_GEMM_ACCUMULATE : 0,
                        pa.data(), lM1, c.zeroLhsK1Stride ? 0 : lK1, pb.data(),
                        rN1, rK1, pc.data(), aM1, aN1, M1, N1, K1, M0, N0, K0),
            SPEIR_OK);
  Buffer out(c0.kind, size_t(c.m * ldc + 1));
  ASSERT_EQ(speir_unpack_acc(out.bytes, pc.data(), aM1, aN1, M0, N0, out.data(),
                             c.m, c.n, ldc, 1),
            SPEIR_OK);

  int bad = 0;
  for (int64_t i = 0; i < c.m && bad < 5; ++i)
    for (int64_t j = 0; j < c.n && bad < 5; ++j) {
      double ref = c.accumulate ? c0.get(i * ldc + j) : 0.0,
             sumAbs = std::fabs(ref);
      int64_t iref = c.accumulate ? int64_t(c0.get(i * ldc + j)) : 0;
      for (int64_t p = 0; p < c.k; ++p) {
        double prod = a.get(i * lda + p) * b.get(p * ldb + j);
        ref += prod;
        sumAbs += std::fabs(prod);
        iref += int64_t(prod);
      }
      const double got = out.get(i * ldc + j);
      if (isInt(c.type)) {
        if (got != double(int32_t(uint32_t(iref)))) {
          ++bad;
          ADD_FAILURE() << "(" << i << "," << j << ") got " << got << " want "
                        << int32_t(uint32_t(iref));
        }
      } else if (!(std::fabs(got - ref) <=
                   tolerance(c.type, c.k, sumAbs, ref))) {
        ++bad;
        ADD_FAILURE() << "(" << i << "," << j << ") got " << got << " want "
                      << ref;
      }
    }
}

std::vector<Tile> tilesToTry(int32_t type) {
  std::set<Tile> tiles = {{1, 1, 1},
                          {2, 3, 1},
                          {3, 5, 7},
                          {8, 8, 4},
                          {4, 16, 8},
                          {5, 1, 13},
                          {16, 4, 2},
                          {12, 16, 8},
                          {8, 16, 8},
                          {6, 16, 1},
                          {8, 16, 1},
                          {7, 32, 1},
                          {7, 16, 1},
                          // Decode tiles (a few rows, K0 = 1): skinny kernels.
                          {1, 16, 1},
                          {1, 64, 1},
                          {4, 33, 1}};
  for (const char *isa : kIsas) {
    KernelEnv env(isa);
    int64_t m0, n0, k0;
    if (speir_mmt4d_preferred_tile(type, &m0, &n0, &k0) == SPEIR_OK)
      tiles.insert({m0, n0, k0});
  }
  return {tiles.begin(), tiles.end()};
}

class Mmt4dTypeTest : public testing::TestWithParam<int32_t> {};

TEST_P(Mmt4dTypeTest, EveryKernelFamilyAndTileMatchesReference) {
  const int32_t type = GetParam();
  uint32_t seed = 1234 + type;
  for (const char *isa : isasServing(type)) {
    KernelEnv env(isa);
    SCOPED_TRACE(isa);
    for (const Tile &t : tilesToTry(type)) {
      // Shapes: exact multiples, tails in each dimension, size 1, primes.
      const int64_t shapes[][3] = {{t.m0 * 2, t.n0 * 2, t.k0 * 3},
                                   {1, 1, 1},
                                   {t.m0 + 1, t.n0 * 2 - 1, t.k0 * 2 + 1},
                                   {13, 7, 29},
                                   {2 * t.m0 + 3, t.n0 + 5, 37}};
      for (const auto &s : shapes)
        for (bool acc : {false, true})
          checkMmt4d({type, s[0], s[1], s[2], t, acc, (seed % 2) == 0, seed++});
    }
  }
}

INSTANTIATE_TEST_SUITE_P(AllTypes, Mmt4dTypeTest, allGemmTypes(),
                         gemmTypeParamName);

TEST(Mmt4d, ZeroLhsK1StrideReusesOneTileInEveryKernel) {
  uint32_t seed = 77;
  for (int32_t type = SPEIR_GEMM_F32_F32_F32; type <= SPEIR_GEMM_BF16_BF16_F32;
       ++type)
    for (const char *isa : isasServing(type)) {
      KernelEnv env(isa);
      int64_t m0, n0, k0;
      ASSERT_EQ(speir_mmt4d_preferred_tile(type, &m0, &n0, &k0), SPEIR_OK);
      Mmt4dCase c{type, m0 + 1, n0, 5 * k0, {m0, n0, k0}, true, false, seed++};
      c.zeroLhsK1Stride = true;
      SCOPED_TRACE(isa);
      checkMmt4d(c);
    }
}

TEST(Mmt4d, ZeroK1OverwriteStoresZeros) {
  float acc[4] = {1, 2, 3, 4};
  ASSERT_EQ(speir_mmt4d(SPEIR_GEMM_F32_F32_F32, 0, nullptr, 0, 0, nullptr, 0, 0,
                        acc, 4, 4, 1, 1, 0, 2, 2, 1),
            SPEIR_OK);
  for (float v : acc)
    EXPECT_EQ(v, 0.0f);
}

TEST(Mmt4d, RejectsInvalidArguments) {
  float buf[16] = {};
  EXPECT_EQ(
      speir_mmt4d(99, 0, buf, 1, 1, buf, 1, 1, buf, 1, 1, 1, 1, 1, 1, 1, 1),
      SPEIR_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(speir_mmt4d(0, 1u << 7, buf, 1, 1, buf, 1, 1, buf, 1, 1, 1, 1, 1, 1,
                        1, 1),
            SPEIR_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(
      speir_mmt4d(0, 0, buf, 1, 1, buf, 1, 1, buf, 1, 1, 1, 1, 1, 0, 1, 1),
      SPEIR_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(
      speir_mmt4d(0, 0, nullptr, 1, 1, buf, 1, 1, buf, 1, 1, 1, 1, 1, 1, 1, 1),
      SPEIR_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(
      speir_mmt4d(0, 0, buf, 1, 1, buf, 1, 1, buf, 1, 1, -1, 1, 1, 1, 1, 1),
      SPEIR_ERROR_INVALID_ARGUMENT);
  int64_t m0, n0, k0;
  EXPECT_EQ(speir_mmt4d_preferred_tile(8, &m0, &n0, &k0),
            SPEIR_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(speir_mmt4d_kernel_name(0, 0, 1, 1), nullptr);
}

TEST(Mmt4d, RejectsSizesThatOverflow) {
  float buf[64] = {};
  const int64_t huge = int64_t(1) << 62;
  // m1 * n1 tiles.
  EXPECT_EQ(speir_mmt4d(0, 0, buf, 0, 0, buf, 0, 0, buf, 0, 0, huge, huge, 1, 1,
                        1, 1),
            SPEIR_ERROR_INVALID_ARGUMENT);
  // k1 * m0 * n0 * k0 MACs (all strides 0: no span to overflow).
  EXPECT_EQ(
      speir_mmt4d(0, 0, buf, 0, 0, buf, 0, 0, buf, 0, 0, 1, 1, huge, 2, 2, 2),
      SPEIR_ERROR_INVALID_ARGUMENT);
  // Each operand's bytes: (count - 1) * |stride| + inner tile, times 4.
  EXPECT_EQ(
      speir_mmt4d(0, 0, buf, huge, 1, buf, 1, 1, buf, 1, 1, 2, 1, 1, 1, 1, 1),
      SPEIR_ERROR_INVALID_ARGUMENT); // lhs m1 stride
  EXPECT_EQ(
      speir_mmt4d(0, 0, buf, 1, 1, buf, 1, -huge, buf, 1, 1, 1, 1, 2, 1, 1, 1),
      SPEIR_ERROR_INVALID_ARGUMENT); // rhs k1 stride, negative
  EXPECT_EQ(speir_mmt4d(0, 0, buf, 1, 1, buf, 1, 1, buf, 1, INT64_MIN, 1, 2, 1,
                        1, 1, 1),
            SPEIR_ERROR_INVALID_ARGUMENT); // acc n1 stride
  // The same strides with a single tile span nothing beyond it: accepted.
  EXPECT_EQ(speir_mmt4d(0, 0, buf, huge, huge, buf, huge, huge, buf, huge, huge,
                        1, 1, 1, 2, 2, 2),
            SPEIR_OK);
}

// What the runtime must select on this build and (emulated) core.
TEST(KernelSelection, PreferredKernelsMatchTheDetectedCore) {
  unsetenv("SPINE_GEMM_KERNEL");
  reloadIsaOverride();
  int64_t m0, n0, k0;
  ASSERT_EQ(speir_mmt4d_preferred_tile(SPEIR_GEMM_F32_F32_F32, &m0, &n0, &k0),
            SPEIR_OK);
  const std::string f32 =
      speir_mmt4d_kernel_name(SPEIR_GEMM_F32_F32_F32, m0, n0, k0);
#if defined(__riscv)
  EXPECT_EQ(f32, "rvv");
  EXPECT_EQ(k0, 1);
  ASSERT_EQ(speir_mmt4d_preferred_tile(SPEIR_GEMM_S8_S8_S32, &m0, &n0, &k0),
            SPEIR_OK);
  const std::string s8 =
      speir_mmt4d_kernel_name(SPEIR_GEMM_S8_S8_S32, m0, n0, k0);
  // SPINE_EXPECT_IME=1: the (emulated) core has IME; the IME kernels assume
  // X60's VLEN 256 and must not be chosen at any other VLEN.
  const char *expectIme = std::getenv("SPINE_EXPECT_IME");
  if (expectIme && std::string(expectIme) == "1" && __riscv_vlenb() == 32) {
    EXPECT_EQ(s8, "ime");
    EXPECT_EQ(m0, 8);
    EXPECT_EQ(n0, 16);
    EXPECT_EQ(k0, 8);
  } else {
    EXPECT_EQ(s8, "rvv");
  }
#elif defined(__x86_64__)
  if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) {
    EXPECT_EQ(f32, "avx2");
    EXPECT_EQ(m0, 6);
    EXPECT_EQ(n0, 16);
    // Every type has an AVX2 kernel (f16 also needs F16C).
    for (int32_t type = SPEIR_GEMM_F32_F32_F32; type <= SPEIR_GEMM_U8_S8_S32;
         ++type) {
      const bool f16 =
          type == SPEIR_GEMM_F16_F16_F32 || type == SPEIR_GEMM_F16_F16_F16;
      if (f16 && !__builtin_cpu_supports("f16c"))
        continue;
      ASSERT_EQ(speir_mmt4d_preferred_tile(type, &m0, &n0, &k0), SPEIR_OK);
      EXPECT_STREQ(speir_mmt4d_kernel_name(type, m0, n0, k0), "avx2")
          << typeName(type);
      EXPECT_EQ(k0, f16 || type == SPEIR_GEMM_F32_F32_F32 ? 1 : 2);
    }
  }
#endif
  setenv("SPINE_GEMM_KERNEL", "generic", 1);
  reloadIsaOverride();
  ASSERT_EQ(speir_mmt4d_preferred_tile(SPEIR_GEMM_F32_F32_F32, &m0, &n0, &k0),
            SPEIR_OK);
  EXPECT_STREQ(speir_mmt4d_kernel_name(SPEIR_GEMM_F32_F32_F32, m0, n0, k0),
               "generic");
  unsetenv("SPINE_GEMM_KERNEL");
  reloadIsaOverride();
}

} // namespace
} // namespace speir::gemm::test

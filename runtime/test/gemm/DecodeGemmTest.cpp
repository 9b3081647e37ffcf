// LLM decode shapes (issue 14): the skinny path and speir_gemm_fused.
// Every type x layout (A, B normal or transposed) at M in {1, 2, 3, 4, 7,
// 16, 17} with odd N and K, on the skinny path, the packed path and the
// path the cost model picks, against a scalar reference; every epilogue
// component against speir_gemm followed by the epilogue's scalar formulas;
// thread counts (CTest variants with SPINE_NUM_THREADS) against
// SINGLE_THREAD, bit for bit; argument validation.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <functional>
#include <limits>
#include <sstream>

#include "GemmTestUtil.h"
#include "kernels/gemm/GemmProblem.h"
#include "kernels/gemm/Skinny.h"
#include "kernels/gemm/TileTable.h"

namespace speir::gemm::test {
namespace {

constexpr int64_t kMs[] = {1, 2, 3, 4, 7, 16, 17};

// Which path speir_gemm takes: the cost model's choice, or forced.
struct PathEnv {
  explicit PathEnv(const char *v) {
    if (v)
      setenv("SPINE_GEMM_SKINNY", v, 1);
    else
      unsetenv("SPINE_GEMM_SKINNY");
    reloadSkinnyOverride();
  }
  ~PathEnv() {
    unsetenv("SPINE_GEMM_SKINNY");
    reloadSkinnyOverride();
  }
};

struct Problem {
  int32_t type;
  int64_t m, n, k;
  bool ta, tb, accumulate;
  Buffer a, b, c0;
  int64_t lda, ldb, ldc;

  Problem(int32_t t, int64_t m_, int64_t n_, int64_t k_, bool ta_, bool tb_,
          bool acc, uint32_t seed)
      : type(t), m(m_), n(n_), k(k_), ta(ta_), tb(tb_), accumulate(acc),
        a(lhsKind(t), size_t((ta_ ? k_ : m_) * ((ta_ ? m_ : k_) + 1) + 1)),
        b(rhsKind(t), size_t((tb_ ? n_ : k_) * ((tb_ ? k_ : n_) + 2) + 1)),
        c0(accKind(t), size_t(m_ * (n_ + 3) + 1)), lda((ta_ ? m_ : k_) + 1),
        ldb((tb_ ? k_ : n_) + 2), ldc(n_ + 3) {
    std::mt19937 rng(seed);
    fillRandom(a, rng);
    fillRandom(b, rng);
    fillRandom(c0, rng);
  }
  uint32_t flags() const {
    return (ta ? SPEIR_GEMM_TRANSPOSE_A : 0) |
           (tb ? SPEIR_GEMM_TRANSPOSE_B : 0) |
           (accumulate ? SPEIR_GEMM_ACCUMULATE : 0);
  }
  int32_t gemm(Buffer &c, uint32_t extra = 0) {
    return speir_gemm(type, flags() | extra, m, n, k, a.data(), lda, b.data(),
                      ldb, c.data(), ldc);
  }
};

std::string describe(const Problem &p) {
  std::ostringstream s;
  s << typeName(p.type) << " M=" << p.m << " N=" << p.n << " K=" << p.k
    << " ta=" << p.ta << " tb=" << p.tb << " acc=" << p.accumulate;
  return s.str();
}

void checkGemm(const Problem &p, const Buffer &out) {
  int bad = 0;
  for (int64_t i = 0; i < p.m && bad < 5; ++i)
    for (int64_t j = 0; j < p.n && bad < 5; ++j) {
      double ref = p.accumulate ? p.c0.get(i * p.ldc + j) : 0.0;
      double sumAbs = std::fabs(ref);
      int64_t iref = p.accumulate ? int64_t(p.c0.get(i * p.ldc + j)) : 0;
      for (int64_t q = 0; q < p.k; ++q) {
        const double av = p.a.get(p.ta ? q * p.lda + i : i * p.lda + q);
        const double bv = p.b.get(p.tb ? j * p.ldb + q : q * p.ldb + j);
        ref += av * bv;
        sumAbs += std::fabs(av * bv);
        iref += int64_t(av * bv);
      }
      const double got = out.get(i * p.ldc + j);
      const double want = isInt(p.type) ? double(int32_t(uint32_t(iref))) : ref;
      const bool ok = isInt(p.type) ? got == want
                                    : std::fabs(got - ref) <=
                                          tolerance(p.type, p.k, sumAbs, ref);
      if (!ok) {
        ++bad;
        ADD_FAILURE() << "(" << i << "," << j << ") got " << got << " want "
                      << want;
      }
    }
  for (int64_t i = 0; i < p.m; ++i)
    for (int64_t j = p.n; j < p.ldc; ++j)
      ASSERT_EQ(out.get(i * p.ldc + j), p.c0.get(i * p.ldc + j));
}

class DecodeTypeTest : public testing::TestWithParam<int32_t> {};

TEST_P(DecodeTypeTest, SkinnyAndPackedMatchReference) {
  const int32_t type = GetParam();
  uint32_t seed = 1000 + 17 * uint32_t(type);
  for (const char *path : {"1", "0", (const char *)nullptr})
    for (int layout = 0; layout < 4; ++layout)
      for (int64_t m : kMs) {
        PathEnv env(path);
        Problem p(type, m, 37, 29, layout & 1, layout & 2, seed & 1, seed);
        ++seed;
        SCOPED_TRACE(describe(p) + " skinny=" + (path ? path : "auto"));
        Buffer out = p.c0;
        ASSERT_EQ(p.gemm(out), SPEIR_OK);
        checkGemm(p, out);
      }
}

// Longer K and N than one column block or converted chunk of the kernels
// (row-major blocks of up to 2048 columns, 256-column and 1024-k chunks).
TEST_P(DecodeTypeTest, SkinnyLongRowsMatchReference) {
  const int32_t type = GetParam();
  PathEnv env("1");
  uint32_t seed = 2000 + uint32_t(type);
  for (int layout : {0, 2})
    for (int64_t m : {1, 3}) {
      // Row-major: N across blocks and chunks; dot: K across chunks.
      const int64_t n = layout ? 37 : 2085, k = layout ? 1031 : 67;
      Problem p(type, m, n, k, m == 3, layout & 2, m == 1, seed++);
      SCOPED_TRACE(describe(p));
      Buffer out = p.c0;
      ASSERT_EQ(p.gemm(out), SPEIR_OK);
      checkGemm(p, out);
    }
}

// Row-major B no wider than one register group (64 f32 columns at VLEN 256,
// 32 at VLEN 128: a Triton program's BLOCK_N), where the RVV kernel keeps
// each row's accumulator in registers over all of K, and the widths around
// those limits; odd K exercises the kernel's last single row.
TEST_P(DecodeTypeTest, SkinnyNarrowRowsMatchReference) {
  const int32_t type = GetParam();
  PathEnv env("1");
  uint32_t seed = 3000 + uint32_t(type);
  for (int64_t n : {1, 16, 31, 32, 33, 63, 64, 65})
    for (int64_t m : {1, 2, 5})
      for (bool accumulate : {false, true}) {
        Problem p(type, m, n, 101, m == 2, false, accumulate, seed++);
        SCOPED_TRACE(describe(p));
        Buffer out = p.c0;
        ASSERT_EQ(p.gemm(out), SPEIR_OK);
        checkGemm(p, out);
      }
}

// ---- epilogues ----------------------------------------------------------

struct EpiSpec {
  int32_t scaleKind = SPEIR_EPILOGUE_NONE, biasKind = SPEIR_EPILOGUE_NONE,
          act = SPEIR_EPILOGUE_ACT_NONE, outType = SPEIR_EPILOGUE_F32;
  bool residual = false, outIsC = false;
  bool residualRepeatsRow = false; // ldr = 0: one residual row for all rows
};

std::string describe(const EpiSpec &e) {
  std::ostringstream s;
  s << "scale=" << e.scaleKind << " bias=" << e.biasKind << " act=" << e.act
    << " out=" << e.outType << " residual=" << e.residual
    << " outIsC=" << e.outIsC << " ldr0=" << e.residualRepeatsRow;
  return s.str();
}

// The epilogue's formulas, one element at a time, in the order abi.h gives.
struct ScalarEpilogue {
  const EpiSpec &e;
  bool intValue;
  const Buffer &scale, &bias, &residual;
  int64_t ldr;

  double value(int64_t i, int64_t j, double acc, bool accIsInt) const {
    auto pick = [&](int32_t kind, int64_t row, int64_t col) {
      return kind == SPEIR_EPILOGUE_PER_ROW   ? row
             : kind == SPEIR_EPILOGUE_PER_COL ? col
                                              : 0;
    };
    if (intValue) {
      uint32_t v = uint32_t(int32_t(acc));
      if (e.biasKind)
        v += uint32_t(int32_t(bias.get(size_t(pick(e.biasKind, i, j)))));
      if (e.act == SPEIR_EPILOGUE_ACT_RELU)
        v = int32_t(v) < 0 ? 0 : v;
      if (e.residual)
        v += uint32_t(int32_t(residual.get(size_t(i * ldr + j))));
      return int32_t(v);
    }
    float v = accIsInt ? float(int32_t(acc)) : float(acc);
    if (e.scaleKind)
      v = v * float(scale.get(size_t(pick(e.scaleKind, i, j))));
    if (e.biasKind)
      v = v + float(bias.get(size_t(pick(e.biasKind, i, j))));
    switch (e.act) {
    case SPEIR_EPILOGUE_ACT_RELU:
      v = v > 0 ? v : 0;
      break;
    case SPEIR_EPILOGUE_ACT_SILU:
      v = v / (1.0f + std::exp(-v));
      break;
    case SPEIR_EPILOGUE_ACT_GELU_TANH:
      v = 0.5f * v *
          (1.0f + std::tanh(0.7978845608028654f * (v + 0.044715f * v * v * v)));
      break;
    case SPEIR_EPILOGUE_ACT_GELU_ERF:
      v = 0.5f * v * (1.0f + std::erf(v / std::sqrt(2.0f)));
      break;
    }
    if (e.residual)
      v = v + float(residual.get(size_t(i * ldr + j)));
    return v;
  }
};

// The stored form of a value (conversions of abi.h).
double stored(int32_t outType, double v, bool intValue) {
  switch (outType) {
  case SPEIR_EPILOGUE_F32:
    return float(v);
  case SPEIR_EPILOGUE_F16:
    return halfToFloat(floatToHalf(float(v)));
  case SPEIR_EPILOGUE_BF16:
    return bf16ToFloat(floatToBf16(float(v)));
  case SPEIR_EPILOGUE_S32:
    return intValue
               ? v
               : std::nearbyint(std::clamp(v, -2147483648.0, 2147483647.0));
  default:
    return std::nearbyint(std::clamp(v, -128.0, 127.0));
  }
}

// One ulp of the output type near |v| (float outputs), for the smooth
// activations and the roundings in between.
double ulpOf(int32_t outType, double v) {
  const int bits = outType == SPEIR_EPILOGUE_F16    ? 10
                   : outType == SPEIR_EPILOGUE_BF16 ? 7
                                                    : 23;
  int e;
  std::frexp(std::max(std::fabs(v), 1e-6), &e);
  return std::ldexp(1.0, e - 1 - bits);
}

void runFusedCase(Problem &p, const EpiSpec &spec, uint32_t seed) {
  SCOPED_TRACE(describe(p) + " " + describe(spec));
  const bool intValue = isInt(p.type) && spec.scaleKind == SPEIR_EPILOGUE_NONE;
  std::mt19937 rng(seed);
  const int64_t vecLen = std::max(p.m, p.n);
  Buffer scale(0, size_t(vecLen)),
      bias(intValue ? 4 : outKind(spec.outType), size_t(vecLen));
  fillRandom(scale, rng);
  if (intValue)
    for (size_t i = 0; i < bias.size(); ++i)
      bias.set(i, std::uniform_int_distribution<int>(-5000, 5000)(rng));
  else
    fillRandom(bias, rng);
  const int ok = outKind(spec.outType);
  const int64_t ldo = spec.outIsC ? p.ldc : p.n + 1;
  Buffer residual(ok, size_t(p.m * ldo + 1));
  if (ok == 4)
    for (size_t i = 0; i < residual.size(); ++i)
      residual.set(i, std::uniform_int_distribution<int>(-5000, 5000)(rng));
  else
    fillRandom(residual, rng);

  // speir_gemm, then the scalar epilogue.
  Buffer c = p.c0;
  ASSERT_EQ(p.gemm(c), SPEIR_OK);
  const int64_t ldr = spec.residualRepeatsRow ? 0 : ldo;
  ScalarEpilogue ref{spec, intValue, scale, bias, residual, ldr};

  Buffer cFused = p.c0;
  Buffer outBuf(ok, size_t(p.m * ldo + 1));
  fillRandom(outBuf, rng);
  const Buffer outBefore = outBuf;
  speir_gemm_epilogue_t e{};
  e.scale_kind = spec.scaleKind;
  e.bias_kind = spec.biasKind;
  e.activation = spec.act;
  e.out_type = spec.outType;
  e.scale = spec.scaleKind ? static_cast<const float *>(scale.data()) : nullptr;
  e.bias = spec.biasKind ? bias.data() : nullptr;
  e.residual = spec.residual ? residual.data() : nullptr;
  e.ldr = ldr;
  e.out = spec.outIsC ? cFused.data() : outBuf.data();
  e.ldo = ldo;
  // Without ACCUMULATE C may be null (and must then not be written).
  void *cArg = spec.outIsC || p.accumulate ? cFused.data() : nullptr;
  ASSERT_EQ(speir_gemm_fused(p.type, p.flags(), p.m, p.n, p.k, p.a.data(),
                             p.lda, p.b.data(), p.ldb, cArg, p.ldc, &e),
            SPEIR_OK);
  const Buffer &got = spec.outIsC ? cFused : outBuf;
  if (!spec.outIsC)
    EXPECT_EQ(cFused.raw, p.c0.raw) << "C written though out is not C";
  const bool exact =
      intValue || (!spec.scaleKind && !spec.biasKind && !spec.residual &&
                   spec.act <= SPEIR_EPILOGUE_ACT_RELU);
  int bad = 0;
  for (int64_t i = 0; i < p.m && bad < 5; ++i)
    for (int64_t j = 0; j < p.n && bad < 5; ++j) {
      const double v = ref.value(i, j, c.get(i * p.ldc + j), isInt(p.type));
      const double want = stored(spec.outType, v, intValue);
      const double g = got.get(i * ldo + j);
      double tol = 0;
      if (!exact) {
        const bool intOut = spec.outType == SPEIR_EPILOGUE_S32 ||
                            spec.outType == SPEIR_EPILOGUE_S8;
        // Roundings before the conversion may differ by a few f32 ulp
        // (fused multiply-adds): the converted value by one step.
        tol = intOut ? 1.0
                     : ulpOf(spec.outType, want) +
                           4 * ulpOf(SPEIR_EPILOGUE_F32, v) +
                           (spec.outType == SPEIR_EPILOGUE_F32 ? 0 : 1e-7);
      }
      if (g != want && !(std::fabs(g - want) <= tol) &&
          !(std::isnan(g) && std::isnan(want))) {
        ++bad;
        ADD_FAILURE() << "(" << i << "," << j << ") got " << g << " want "
                      << want;
      }
    }
  // Padding of out untouched.
  if (!spec.outIsC)
    for (int64_t i = 0; i < p.m; ++i)
      for (int64_t j = p.n; j < ldo; ++j)
        ASSERT_EQ(outBuf.get(i * ldo + j), outBefore.get(i * ldo + j));
}

std::vector<EpiSpec> epilogueSpecs(int32_t type) {
  std::vector<EpiSpec> v;
  const bool intAcc = isInt(type);
  const int32_t accOut = intAcc                           ? SPEIR_EPILOGUE_S32
                         : type == SPEIR_GEMM_F16_F16_F16 ? SPEIR_EPILOGUE_F16
                                                          : SPEIR_EPILOGUE_F32;
  EpiSpec base;
  base.outType = accOut;
  v.push_back(base); // no component
  for (int32_t k : {SPEIR_EPILOGUE_SCALAR, SPEIR_EPILOGUE_PER_ROW,
                    SPEIR_EPILOGUE_PER_COL}) {
    EpiSpec s = base;
    s.scaleKind = k;
    s.outType = SPEIR_EPILOGUE_F32;
    v.push_back(s);
    EpiSpec b = base;
    b.biasKind = k;
    v.push_back(b);
  }
  for (int32_t act :
       {SPEIR_EPILOGUE_ACT_RELU, SPEIR_EPILOGUE_ACT_SILU,
        SPEIR_EPILOGUE_ACT_GELU_TANH, SPEIR_EPILOGUE_ACT_GELU_ERF}) {
    EpiSpec s = base;
    s.act = act;
    // The smooth activations need an f32 value: scale an integer one.
    if (intAcc && act != SPEIR_EPILOGUE_ACT_RELU) {
      s.scaleKind = SPEIR_EPILOGUE_PER_COL;
      s.outType = SPEIR_EPILOGUE_F32;
    }
    v.push_back(s);
  }
  {
    EpiSpec s = base;
    s.residual = true;
    v.push_back(s);
    s.residualRepeatsRow = true; // a broadcast residual row, read in place
    v.push_back(s);
  }
  for (int32_t out :
       {SPEIR_EPILOGUE_F32, SPEIR_EPILOGUE_F16, SPEIR_EPILOGUE_BF16,
        SPEIR_EPILOGUE_S32, SPEIR_EPILOGUE_S8}) {
    EpiSpec s = base;
    s.outType = out;
    v.push_back(s);
  }
  {
    EpiSpec s = base; // out == C
    s.outIsC = true;
    s.biasKind = SPEIR_EPILOGUE_PER_COL;
    v.push_back(s);
  }
  {
    // The decode MLP's: dequantize (or scale), bias, SiLU, residual, f16.
    EpiSpec s;
    s.scaleKind = SPEIR_EPILOGUE_PER_COL;
    s.biasKind = SPEIR_EPILOGUE_PER_COL;
    s.act = SPEIR_EPILOGUE_ACT_SILU;
    s.residual = true;
    s.outType = SPEIR_EPILOGUE_F16;
    v.push_back(s);
    s.outType = SPEIR_EPILOGUE_S8;
    s.act = SPEIR_EPILOGUE_ACT_GELU_TANH;
    v.push_back(s);
  }
  if (intAcc) {
    EpiSpec s = base; // integer bias + RELU + residual to int8
    s.biasKind = SPEIR_EPILOGUE_PER_ROW;
    s.act = SPEIR_EPILOGUE_ACT_RELU;
    s.residual = true;
    s.outType = SPEIR_EPILOGUE_S8;
    v.push_back(s);
  }
  return v;
}

TEST_P(DecodeTypeTest, FusedEqualsGemmThenEpilogue) {
  const int32_t type = GetParam();
  uint32_t seed = 3000 + 31 * uint32_t(type);
  const std::vector<EpiSpec> specs = epilogueSpecs(type);
  for (const char *path : {"1", "0"})
    for (int layout = 0; layout < 4; ++layout)
      for (int64_t m : kMs) {
        PathEnv env(path);
        SCOPED_TRACE(std::string("skinny=") + path);
        for (size_t i = 0; i < specs.size(); ++i) {
          // Odd M x odd N x odd K; ACCUMULATE on every other case.
          Problem p(type, m, 23, 19, layout & 1, layout & 2, (seed + i) & 1,
                    seed);
          ++seed;
          if (specs[i].outIsC)
            p.accumulate = true;
          runFusedCase(p, specs[i], seed);
        }
      }
}

// Every row of A the same line (lda = 0, a broadcast view): speir_gemm
// computes one row's product and adds it to each row of C; plain and fused,
// with and without ACCUMULATE, f16 C included.
TEST_P(DecodeTypeTest, RepeatedRowsMatchReference) {
  const int32_t type = GetParam();
  uint32_t seed = 7000 + 31 * uint32_t(type);
  const std::vector<EpiSpec> specs = epilogueSpecs(type);
  for (int64_t m : {2, 3, 7, 17})
    for (bool tb : {false, true}) {
      Problem p(type, m, 37, 29, false, tb, (seed & 1) != 0, seed);
      ++seed;
      p.lda = 0;
      SCOPED_TRACE(describe(p) + " lda=0");
      Buffer out = p.c0;
      ASSERT_EQ(p.gemm(out), SPEIR_OK);
      checkGemm(p, out);
      for (size_t i = 0; i < specs.size(); ++i) {
        Problem q(type, m, 37, 29, false, tb, ((seed + i) & 1) != 0, seed);
        ++seed;
        q.lda = 0;
        if (specs[i].outIsC)
          q.accumulate = true;
        runFusedCase(q, specs[i], seed);
      }
    }
}

// K = 0: the epilogue of C (ACCUMULATE) or of zero.
TEST_P(DecodeTypeTest, FusedWithZeroK) {
  const int32_t type = GetParam();
  for (bool acc : {false, true}) {
    Problem p(type, 3, 5, 0, false, false, acc, 11);
    EpiSpec s;
    s.biasKind = SPEIR_EPILOGUE_PER_COL;
    s.outType = isInt(type) ? SPEIR_EPILOGUE_S32 : SPEIR_EPILOGUE_F32;
    runFusedCase(p, s, 12);
  }
}

// Each C element is produced by one thread from a fixed order of products,
// whatever the thread count (the CTest variants run this at 1, 2, 3 and 8).
TEST_P(DecodeTypeTest, ThreadsBitIdenticalToSingleThread) {
  const int32_t type = GetParam();
  uint32_t seed = 4000 + uint32_t(type);
  for (const char *path : {"1", "0"})
    for (int layout : {0, 2})
      for (int64_t m : {1, 3}) {
        PathEnv env(path);
        // Enough MACs (>= 2^18) for the driver to use threads; N spans
        // several column blocks per thread.
        Problem p(type, m, 1031, 257, false, layout & 2, true, seed++);
        SCOPED_TRACE(describe(p) + " skinny=" + path);
        Buffer single = p.c0, multi = p.c0;
        ASSERT_EQ(p.gemm(single, SPEIR_GEMM_SINGLE_THREAD), SPEIR_OK);
        ASSERT_EQ(p.gemm(multi), SPEIR_OK);
        EXPECT_EQ(single.raw, multi.raw);
        // Fused, with an f32 epilogue, also bit-identical.
        Buffer o1(0, size_t(p.m * p.n)), o2(0, size_t(p.m * p.n));
        speir_gemm_epilogue_t e{};
        e.scale_kind = SPEIR_EPILOGUE_SCALAR;
        static const float two = 2.0f;
        e.scale = &two;
        e.activation = SPEIR_EPILOGUE_ACT_SILU;
        e.out_type = SPEIR_EPILOGUE_F32;
        e.ldo = p.n;
        e.out = o1.data();
        Buffer c = p.c0;
        ASSERT_EQ(speir_gemm_fused(type, p.flags() | SPEIR_GEMM_SINGLE_THREAD,
                                   p.m, p.n, p.k, p.a.data(), p.lda, p.b.data(),
                                   p.ldb, c.data(), p.ldc, &e),
                  SPEIR_OK);
        e.out = o2.data();
        ASSERT_EQ(speir_gemm_fused(type, p.flags(), p.m, p.n, p.k, p.a.data(),
                                   p.lda, p.b.data(), p.ldb, c.data(), p.ldc,
                                   &e),
                  SPEIR_OK);
        EXPECT_EQ(o1.raw, o2.raw);
      }
}

// Every f16 / bf16 bit pattern (zeros, subnormals, infinities, NaNs) widens
// exactly in the skinny kernels: C = sum of k ones times B's rows, all equal
// to the pattern (k * x is exact in f32 for k <= 8; k = 8 runs the kernels'
// eight-row passes, k = 1 and 2 their one-row tails).
TEST(DecodeSkinny, EveryHalfAndBf16PatternWidensExactly) {
  PathEnv env("1");
  const int64_t n = 65536;
  std::vector<uint16_t> b(static_cast<size_t>(8 * n));
  for (int64_t r = 0; r < 8; ++r)
    for (int64_t j = 0; j < n; ++j)
      b[size_t(r * n + j)] = uint16_t(j);
  for (int32_t type : {SPEIR_GEMM_F16_F16_F32, SPEIR_GEMM_BF16_BF16_F32}) {
    const bool bf = type == SPEIR_GEMM_BF16_BF16_F32;
    const std::vector<uint16_t> a(8, bf ? 0x3f80 : 0x3c00);
    for (int64_t k : {1, 2, 8}) {
      std::vector<float> c(static_cast<size_t>(n));
      ASSERT_EQ(
          speir_gemm(type, 0, 1, n, k, a.data(), k, b.data(), n, c.data(), n),
          SPEIR_OK);
      int bad = 0;
      for (int64_t j = 0; j < n && bad < 5; ++j) {
        const float x =
            bf ? bf16ToFloat(uint16_t(j)) : halfToFloat(uint16_t(j));
        const float want = float(double(k) * double(x));
        const bool same =
            std::isnan(want) ? std::isnan(c[size_t(j)]) : c[size_t(j)] == want;
        if (!same) {
          ++bad;
          ADD_FAILURE() << typeName(type) << " k=" << k << " bits 0x"
                        << std::hex << j << std::dec << ": got " << c[size_t(j)]
                        << " want " << want;
        }
      }
    }
  }
}

// Batched GEMMs take the skinny path per matrix too.
TEST_P(DecodeTypeTest, BatchedSkinnyMatchesReference) {
  const int32_t type = GetParam();
  PathEnv env("1");
  Problem p(type, 3, 41, 33, false, true, true, 77);
  // Batch of 3 with B broadcast (stride 0) and distinct C.
  const int64_t cStride = p.m * p.ldc;
  Buffer c(p.c0.kind, size_t(3 * cStride + 1));
  for (int64_t i = 0; i < 3; ++i)
    std::memcpy(&c.raw[size_t(i * cStride * c.bytes)], p.c0.raw.data(),
                size_t(cStride * c.bytes));
  ASSERT_EQ(speir_gemm_batched(type, p.flags(), 3, p.m, p.n, p.k, p.a.data(),
                               p.lda, 0, p.b.data(), p.ldb, 0, c.data(), p.ldc,
                               cStride),
            SPEIR_OK);
  for (int64_t i = 0; i < 3; ++i) {
    Buffer one(c.kind, size_t(cStride + 1));
    std::memcpy(one.raw.data(), &c.raw[size_t(i * cStride * c.bytes)],
                size_t(cStride * c.bytes));
    checkGemm(p, one);
  }
}

INSTANTIATE_TEST_SUITE_P(AllTypes, DecodeTypeTest, allGemmTypes(),
                         gemmTypeParamName);

// ---- the cost model -----------------------------------------------------

GemmProblem decodeProblem(int32_t type, int64_t m, bool tb) {
  static char dummy[16];
  GemmProblem p{};
  p.type = GemmType(type);
  p.m = m;
  p.n = p.k = 4096;
  p.a = p.b = dummy;
  p.c = dummy;
  p.aStrideM = 4096;
  p.aStrideK = 1;
  p.bStrideK = tb ? 1 : 4096;
  p.bStrideN = tb ? 4096 : 1;
  p.ldc = 4096;
  return p;
}

TEST(DecodeCostModel, GemvAndFewRowsAreSkinnyLargeMIsPacked) {
  for (int32_t type : {SPEIR_GEMM_F32_F32_F32, SPEIR_GEMM_BF16_BF16_F32,
                       SPEIR_GEMM_F16_F16_F32})
    for (bool tb : {false, true})
      for (int threads : {1, 2, 8}) {
        const TileKernel k = preferredTileKernel(GemmType(type));
        SCOPED_TRACE(testing::Message() << typeName(type) << " tb=" << tb
                                        << " threads=" << threads);
        EXPECT_TRUE(preferSkinny(decodeProblem(type, 1, tb), k, threads));
        EXPECT_TRUE(preferSkinny(decodeProblem(type, 4, tb), k, threads));
        EXPECT_FALSE(preferSkinny(decodeProblem(type, 512, tb), k, threads));
      }
  // A GEMV is never worth a packed tile, for any type.
  for (int32_t type = 0; type <= SPEIR_GEMM_BF16_BF16_F32; ++type)
    EXPECT_TRUE(preferSkinny(decodeProblem(type, 1, false),
                             preferredTileKernel(GemmType(type)), 1))
        << typeName(type);
}

// ---- argument validation ------------------------------------------------

TEST(GemmFused, NullEpilogueIsSpeirGemm) {
  Problem p(SPEIR_GEMM_F32_F32_F32, 3, 7, 5, false, false, true, 9);
  Buffer c1 = p.c0, c2 = p.c0;
  ASSERT_EQ(p.gemm(c1), SPEIR_OK);
  ASSERT_EQ(speir_gemm_fused(p.type, p.flags(), p.m, p.n, p.k, p.a.data(),
                             p.lda, p.b.data(), p.ldb, c2.data(), p.ldc,
                             nullptr),
            SPEIR_OK);
  EXPECT_EQ(c1.raw, c2.raw);
  // ... including its argument checks.
  EXPECT_EQ(speir_gemm_fused(p.type, p.flags(), p.m, p.n, p.k, p.a.data(),
                             p.lda, p.b.data(), p.ldb, nullptr, p.ldc, nullptr),
            SPEIR_ERROR_INVALID_ARGUMENT);
}

TEST(GemmFused, RejectsInvalidArguments) {
  float a[64] = {}, b[64] = {}, c[64] = {}, out[64] = {}, vec[8] = {1};
  int8_t i8[64] = {};
  uint16_t h[64] = {};
  auto good = [&] {
    speir_gemm_epilogue_t e{};
    e.out_type = SPEIR_EPILOGUE_F32;
    e.out = out;
    e.ldo = 4;
    return e;
  };
  float *const cDefault = c;
  auto call = [&](const speir_gemm_epilogue_t &e, uint32_t flags = 0,
                  void *cc = reinterpret_cast<void *>(1), int64_t ldc = 4,
                  int32_t type = 0) {
    if (cc == reinterpret_cast<void *>(1))
      cc = cDefault;
    const void *aa = type == 0 ? (const void *)a : (const void *)i8;
    return speir_gemm_fused(type, flags, 3, 4, 5, aa, 5,
                            aa == a ? b : (const void *)i8, 4, cc, ldc, &e);
  };
  EXPECT_EQ(call(good()), SPEIR_OK);
  EXPECT_EQ(call(good(), 0, nullptr), SPEIR_OK); // C unused without ACCUMULATE
  EXPECT_EQ(call(good(), SPEIR_GEMM_ACCUMULATE, nullptr),
            SPEIR_ERROR_INVALID_ARGUMENT);
  auto expectBad = [&](std::function<void(speir_gemm_epilogue_t &)> edit,
                       const char *what) {
    speir_gemm_epilogue_t e = good();
    edit(e);
    EXPECT_EQ(call(e), SPEIR_ERROR_INVALID_ARGUMENT) << what;
  };
  expectBad([](auto &e) { e.scale_kind = 4; }, "scale kind");
  expectBad([](auto &e) { e.scale_kind = -1; }, "negative scale kind");
  expectBad([](auto &e) { e.bias_kind = 4; }, "bias kind");
  expectBad([](auto &e) { e.activation = 5; }, "activation");
  expectBad([](auto &e) { e.out_type = 5; }, "out type");
  expectBad([](auto &e) { e.scale_kind = SPEIR_EPILOGUE_SCALAR; },
            "scale kind without scale");
  expectBad([&](auto &e) { e.scale = vec; }, "scale without kind");
  expectBad([](auto &e) { e.bias_kind = SPEIR_EPILOGUE_PER_COL; },
            "bias kind without bias");
  expectBad([&](auto &e) { e.bias = vec; }, "bias without kind");
  expectBad([](auto &e) { e.out = nullptr; }, "null out");
  expectBad([](auto &e) { e.ldo = 3; }, "ldo < n");
  expectBad([&](auto &e) { e.residual = out, e.ldr = 5; },
            "residual == out with another stride");
  expectBad([&](auto &e) { e.residual = vec, e.ldr = -1; }, "ldr < 0");
  expectBad([&](auto &e) { e.out = c, e.ldo = 5; }, "out == c, ldo != ldc");
  expectBad([&](auto &e) { e.out = c, e.out_type = SPEIR_EPILOGUE_F16; },
            "out == c with another element size");
  expectBad([](auto &e) { e.ldo = INT64_MAX / 2; }, "out span overflows");
  {
    speir_gemm_epilogue_t e = good();
    e.residual = h;
    e.ldr = INT64_MAX / 2;
    EXPECT_EQ(call(e), SPEIR_ERROR_INVALID_ARGUMENT) << "residual overflow";
  }
  // Integer value type: SiLU needs a scale (an f32 value).
  {
    speir_gemm_epilogue_t e = good();
    e.activation = SPEIR_EPILOGUE_ACT_SILU;
    e.out_type = SPEIR_EPILOGUE_S32;
    EXPECT_EQ(call(e, 0, c, 4, SPEIR_GEMM_S8_S8_S32),
              SPEIR_ERROR_INVALID_ARGUMENT);
    e.scale_kind = SPEIR_EPILOGUE_SCALAR;
    e.scale = vec;
    EXPECT_EQ(call(e, 0, c, 4, SPEIR_GEMM_S8_S8_S32), SPEIR_OK);
  }
  // The GEMM's own checks.
  speir_gemm_epilogue_t e = good();
  EXPECT_EQ(speir_gemm_fused(8, 0, 3, 4, 5, a, 5, b, 4, c, 4, &e),
            SPEIR_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(speir_gemm_fused(0, 1u << 9, 3, 4, 5, a, 5, b, 4, c, 4, &e),
            SPEIR_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(speir_gemm_fused(0, 0, -1, 4, 5, a, 5, b, 4, c, 4, &e),
            SPEIR_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(speir_gemm_fused(0, 0, 3, 4, 5, nullptr, 5, b, 4, c, 4, &e),
            SPEIR_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(speir_gemm_fused(0, 0, 3, 4, 5, a, -5, b, 4, c, 4, &e),
            SPEIR_ERROR_INVALID_ARGUMENT); // lda < 0
  EXPECT_EQ(speir_gemm_fused(0, 0, 3, 4, 5, a, 5, b, 4, c, 3, &e),
            SPEIR_ERROR_INVALID_ARGUMENT); // ldc < n with ACCUMULATE unset
  const int64_t big = int64_t(1) << 40;
  EXPECT_EQ(speir_gemm_fused(0, 0, big, big, big, a, big, b, big, c, big, &e),
            SPEIR_ERROR_INVALID_ARGUMENT);
  // Nothing to do: empty shapes are accepted untouched.
  EXPECT_EQ(speir_gemm_fused(0, 0, 0, 4, 5, a, 5, b, 4, c, 4, &e), SPEIR_OK);
}

} // namespace
} // namespace speir::gemm::test

// The vector epilogue kernels (EpilogueRvv.cpp, EpilogueAvx2.cpp) against
// the portable code (applyEpiloguePortable), block by block: every
// accumulator kind x scale x bias x activation x residual x output type the
// ABI allows, row segments of every length around the vector width (tails,
// segments shorter than one vector, odd ldo and ldr, a column offset), and
// accumulators that include NaN, infinities, -0, subnormals and values that
// saturate each integer output. Only SiLU may differ (a few f32 ulp: the
// vector exp rounds differently); everything else is bit-identical, NaN
// compared as NaN.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>
#include <sstream>

#include "GemmTestUtil.h"
#include "kernels/gemm/Epilogue.h"

namespace speir::gemm::test {
namespace {

// Accumulators with the edge cases mixed into ordinary values.
void fillAcc(Buffer &acc, bool s32, std::mt19937 &rng) {
  static const float specialF[] = {std::numeric_limits<float>::quiet_NaN(),
                                   std::numeric_limits<float>::infinity(),
                                   -std::numeric_limits<float>::infinity(),
                                   -0.0f,
                                   0.0f,
                                   1e-40f,
                                   -1e-40f,
                                   3e9f,
                                   -3e9f,
                                   2147483648.0f,
                                   -2147483648.0f,
                                   127.5f,
                                   -128.5f,
                                   126.5f,
                                   200.0f,
                                   -300.0f,
                                   0.5f,
                                   -0.5f,
                                   1.5f,
                                   100.0f,
                                   -100.0f,
                                   88.0f,
                                   -88.5f,
                                   87.0f,
                                   -90.0f,
                                   65520.0f,
                                   70000.0f,
                                   1.00390625f,
                                   3.0e38f};
  static const int32_t specialI[] = {INT32_MIN, INT32_MAX, 0,    -1,   1,
                                     127,       128,       -128, -129, 300};
  std::uniform_int_distribution<int> pick(0, 7);
  std::uniform_real_distribution<float> real(-8.0f, 8.0f);
  std::uniform_int_distribution<int32_t> wide(-200000, 200000);
  for (size_t i = 0; i < acc.size(); ++i) {
    const bool special = pick(rng) == 0;
    int32_t bits;
    if (s32) {
      bits = special ? specialI[std::uniform_int_distribution<size_t>(
                           0, std::size(specialI) - 1)(rng)]
                     : wide(rng);
    } else {
      const float f = special ? specialF[std::uniform_int_distribution<size_t>(
                                    0, std::size(specialF) - 1)(rng)]
                              : real(rng);
      std::memcpy(&bits, &f, 4);
    }
    std::memcpy(&acc.raw[i * 4], &bits, 4);
  }
}

// Operand values for bias/residual of kind `kind` (finite, moderate).
void fillOperand(Buffer &b, std::mt19937 &rng) {
  std::uniform_real_distribution<double> real(-4.0, 4.0);
  std::uniform_int_distribution<int> small(-120, 120);
  std::uniform_int_distribution<int> wide(-50000, 50000);
  for (size_t i = 0; i < b.size(); ++i)
    b.set(i, b.kind == 2 ? small(rng) : b.kind == 4 ? wide(rng) : real(rng));
}

struct Combo {
  bool accS32, intValue;
  int32_t scaleKind, biasKind, act, outType;
  bool residual;
};

std::string describe(const Combo &c, int64_t cols) {
  std::ostringstream s;
  s << "accS32=" << c.accS32 << " int=" << c.intValue
    << " scale=" << c.scaleKind << " bias=" << c.biasKind << " act=" << c.act
    << " out=" << c.outType << " residual=" << c.residual << " cols=" << cols;
  return s.str();
}

double ulp(int bits, double v) {
  int e;
  std::frexp(std::max(std::fabs(v), 1e-30), &e);
  return std::ldexp(1.0, e - 1 - bits);
}

// Runs one combination over a rows x cols block at column offset col0 with
// both implementations; returns the number of mismatches reported.
int runCombo(EpilogueRowsFn vec, const Combo &c, int64_t rows, int64_t cols,
             uint32_t seed) {
  std::mt19937 rng(seed);
  const int64_t col0 = 5, nTotal = col0 + cols;
  const int64_t accStride = cols + 1; // odd row stride
  const int64_t ldo = nTotal + 3, ldr = nTotal + 1;
  Buffer acc(c.accS32 ? 4 : 0, size_t(rows * accStride));
  fillAcc(acc, c.accS32, rng);
  Buffer scale(0, size_t(std::max(rows, nTotal)));
  for (size_t i = 0; i < scale.size(); ++i)
    scale.set(i, std::uniform_real_distribution<double>(-2.0, 2.0)(rng));
  const int ok = outKind(c.outType);
  Buffer bias(c.intValue ? 4 : ok, size_t(std::max(rows, nTotal)));
  fillOperand(bias, rng);
  Buffer residual(ok, size_t(rows * ldr));
  fillOperand(residual, rng);
  if (c.intValue && ok != 2 && ok != 4) // an int epilogue's float residual
    for (size_t i = 0; i < residual.size(); ++i)
      residual.set(i, std::nearbyint(residual.get(i) * 100.0));
  Buffer outVec(ok, size_t(rows * ldo));
  for (size_t i = 0; i < outVec.raw.size(); ++i)
    outVec.raw[i] = uint8_t(0xA5 ^ i);
  Buffer outRef = outVec;

  Epilogue e{c.scaleKind,
             c.biasKind,
             c.act,
             c.outType,
             c.scaleKind ? static_cast<const float *>(scale.data()) : nullptr,
             c.biasKind ? bias.data() : nullptr,
             c.residual ? reinterpret_cast<const char *>(residual.data())
                        : nullptr,
             ldr,
             reinterpret_cast<char *>(outRef.data()),
             ldo,
             c.intValue};
  const AccBlock block{c.accS32 ? AccBlock::S32 : AccBlock::F32, false,
                       acc.data(), accStride};
  // Rows [1, rows] of the operands: a nonzero row0.
  applyEpiloguePortable(e, block, 1, rows - 1, col0, cols);
  e.out = reinterpret_cast<char *>(outVec.data());
  const bool handled = vec(e, block, 1, rows - 1, col0, cols);
  if (c.act > SPEIR_EPILOGUE_ACT_SILU) {
    // The GELUs are left to the portable code, untouched.
    EXPECT_FALSE(handled);
    for (size_t i = 0; i < outVec.raw.size(); ++i)
      if (outVec.raw[i] != uint8_t(0xA5 ^ i)) {
        ADD_FAILURE() << "GELU kernel wrote out";
        return 1;
      }
    return 0;
  }
  EXPECT_TRUE(handled);
  int bad = 0;
  const bool intOut =
      c.outType == SPEIR_EPILOGUE_S32 || c.outType == SPEIR_EPILOGUE_S8;
  const int bits = c.outType == SPEIR_EPILOGUE_F16    ? 10
                   : c.outType == SPEIR_EPILOGUE_BF16 ? 7
                                                      : 23;
  for (int64_t i = 0; i < rows * ldo && bad < 5; ++i) {
    const int64_t j = i % ldo;
    const bool inBlock = i / ldo >= 1 && j >= col0 && j < col0 + cols;
    if (!inBlock) {
      for (int b = 0; b < outVec.bytes; ++b)
        if (outVec.raw[size_t(i) * outVec.bytes + b] !=
            uint8_t(0xA5 ^ (size_t(i) * outVec.bytes + b))) {
          ++bad;
          ADD_FAILURE() << "element " << i << " outside the block written";
          break;
        }
      continue;
    }
    const double g = outVec.get(size_t(i)), w = outRef.get(size_t(i));
    if (std::isnan(g) && std::isnan(w))
      continue;
    const bool same =
        std::memcmp(&outVec.raw[size_t(i) * outVec.bytes],
                    &outRef.raw[size_t(i) * outRef.bytes], outVec.bytes) == 0;
    if (same)
      continue;
    if (c.act == SPEIR_EPILOGUE_ACT_SILU) {
      // A few ulp of the activation's value, which a residual added
      // afterwards may cancel: measured against |w| + |residual|.
      const double r =
          c.residual ? std::fabs(residual.get(size_t(i / ldo * ldr + j))) : 0;
      const double tol =
          intOut ? 1.0 : ulp(bits, w) + 4 * ulp(23, std::fabs(w) + r);
      if (std::fabs(g - w) <= tol)
        continue;
    }
    ++bad;
    ADD_FAILURE() << "row " << i / ldo << " col " << j << ": vector " << g
                  << " portable " << w;
  }
  return bad;
}

TEST(EpilogueKernel, VectorMatchesPortableForEveryCombination) {
  const EpilogueRowsFn vec = vectorEpilogue();
  if (!vec)
    GTEST_SKIP() << "no vector epilogue on this CPU";
  const int64_t colsList[] = {1,  3,  7,  8,  9,  15, 16, 17,
                              31, 32, 33, 63, 64, 65, 130};
  uint32_t seed = 1;
  int failures = 0;
  for (bool accS32 : {false, true})
    for (int32_t scaleKind = 0; scaleKind <= SPEIR_EPILOGUE_PER_COL;
         ++scaleKind)
      for (int32_t biasKind = 0; biasKind <= SPEIR_EPILOGUE_PER_COL; ++biasKind)
        for (int32_t act = 0; act <= SPEIR_EPILOGUE_ACT_GELU_ERF; ++act)
          for (int32_t out = 0; out <= SPEIR_EPILOGUE_S8; ++out)
            for (bool residual : {false, true}) {
              const bool intValue = accS32 && scaleKind == SPEIR_EPILOGUE_NONE;
              if (intValue && act > SPEIR_EPILOGUE_ACT_RELU)
                continue; // rejected by validateEpilogue
              const Combo c{accS32, intValue, scaleKind, biasKind,
                            act,    out,      residual};
              // GELU: one length suffices (the kernels decline it).
              const size_t nCols =
                  act > SPEIR_EPILOGUE_ACT_SILU ? 1 : std::size(colsList);
              for (size_t ci = 0; ci < nCols && failures < 20; ++ci) {
                SCOPED_TRACE(describe(c, colsList[ci]));
                failures += runCombo(vec, c, 3, colsList[ci], seed++);
              }
            }
  EXPECT_EQ(failures, 0);
}

} // namespace
} // namespace speir::gemm::test

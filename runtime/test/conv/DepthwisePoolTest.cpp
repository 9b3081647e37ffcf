// Depthwise convolution (through speir_conv2d's "depthwise" strategy) and
// speir_pool2d against direct references: every kernel size 1..7, strides
// and dilations 1..2, padding up to windows entirely in padding, odd sizes,
// channel counts that are not a multiple of any vector length, NHWC / NCHW /
// strided views / an arbitrary-stride view, accumulate and overwrite, every
// type; thread-count independence and argument validation.
//
// Tolerances: depthwise uses the shared conv checker (f32 accumulation error
// bound over the window, plus one f16 rounding for f16 outputs). Pooling:
// max/min exact, integers exact (avg rounds half away from zero), float sums
// the same bound as convolution, averages that bound / count plus one f32
// rounding of the division.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include "ConvReference.h"
#include "speir/abi.h"

namespace speir::conv::test {
namespace {

using gemm::test::Buffer;

constexpr Layout kLayouts[] = {Layout::NhwcHwcf, Layout::NchwFchw,
                               Layout::NhwcHwcfPadded, Layout::NchwFchwPadded};

// Window geometries: kernel 1..7 (and one non-square), stride 1..2,
// dilation 1..2, pads from none to beyond the window (whole windows in
// padding), odd input sizes.
struct Geometry {
  int64_t inH, inW, kh, kw, stride, dil, pad;
};
constexpr Geometry kGeometries[] = {
    {7, 9, 1, 1, 1, 1, 0},  {5, 7, 1, 1, 2, 1, 2},  {9, 8, 2, 2, 2, 1, 0},
    {9, 11, 3, 3, 1, 1, 1}, {11, 9, 3, 3, 2, 2, 3}, {3, 3, 3, 3, 1, 1, 4},
    {8, 9, 4, 4, 1, 2, 2},  {9, 7, 5, 5, 1, 1, 2},  {7, 13, 5, 5, 2, 2, 5},
    {9, 9, 6, 6, 2, 1, 1},  {9, 11, 7, 7, 1, 1, 3}, {8, 7, 7, 7, 2, 2, 7},
    {10, 9, 3, 5, 1, 1, 2},
};
constexpr int64_t kChannels[] = {1, 3, 8, 13, 37, 70};

ConvShape shapeFor(const Geometry &g, int64_t channels, int64_t batch) {
  ConvShape s;
  s.batch = batch;
  s.inH = g.inH;
  s.inW = g.inW;
  s.inC = s.outC = s.groups = channels;
  s.kh = g.kh;
  s.kw = g.kw;
  s.strideH = s.strideW = g.stride;
  s.dilH = s.dilW = g.dil;
  s.padH = s.padW = g.pad;
  return s;
}

// A view in which neither the channel nor the column stride is 1 and the
// input columns run backwards: only the element-wise kernels serve it.
speir_conv2d_desc_t oddView(const ConvShape &s) {
  speir_conv2d_desc_t d = makeDesc(s, Layout::NhwcHwcf);
  const int64_t c = s.inC;
  d.in_strides[3] = 2;
  d.in_strides[2] = -2 * c - 1;
  d.in_strides[1] = (2 * c + 1) * s.inW + 3;
  d.in_strides[0] = d.in_strides[1] * s.inH;
  d.out_strides[3] = 3;
  d.out_strides[2] = 3 * c;
  d.out_strides[1] = 3 * c * d.out_w + 1;
  d.out_strides[0] = d.out_strides[1] * d.out_h;
  return d;
}

// ---- Depthwise --------------------------------------------------------------

// Runs speir_conv2d on fresh random operands and checks the result; returns
// the output buffer.
Buffer runDepthwise(int32_t type, uint32_t flags, const speir_conv2d_desc_t &d,
                    uint32_t seed) {
  ConvOperands ops(type, d, seed);
  Buffer got = ops.output.buf;
  const char *strategy = speir_conv2d_strategy_name(type, flags, &d);
  EXPECT_STREQ(strategy ? strategy : "(null)", "depthwise");
  const int32_t st =
      speir_conv2d(type, flags, &d, ops.input.origin(), ops.filter.origin(),
                   got.raw.data() + ops.output.base * got.bytes);
  EXPECT_EQ(st, SPEIR_OK) << speir_status_string(st);
  if (st == SPEIR_OK)
    checkConv2d(type, flags, d, ops, got);
  return got;
}

class DepthwiseTest : public testing::TestWithParam<int32_t> {};

TEST_P(DepthwiseTest, EveryGeometryLayoutAndFlag) {
  const int32_t type = GetParam();
  uint32_t seed = 1;
  int i = 0;
  for (const Geometry &g : kGeometries)
    for (Layout layout : kLayouts)
      for (uint32_t flags : {0u, uint32_t(SPEIR_GEMM_ACCUMULATE)}) {
        // Walk the channel counts across the combinations rather than
        // multiplying them in: every count meets every layout.
        const int64_t c = kChannels[i++ % std::size(kChannels)];
        const speir_conv2d_desc_t d = makeDesc(shapeFor(g, c, 1), layout);
        SCOPED_TRACE(testing::Message()
                     << layoutName(layout) << " in " << g.inH << "x" << g.inW
                     << "x" << c << " k " << g.kh << "x" << g.kw << " s "
                     << g.stride << " d " << g.dil << " p " << g.pad
                     << (flags ? " acc" : ""));
        runDepthwise(type, flags, d, seed++);
      }
}

TEST_P(DepthwiseTest, BatchedAndArbitraryStrides) {
  const int32_t type = GetParam();
  const ConvShape s = shapeFor({6, 7, 3, 3, 1, 1, 1}, 5, 2);
  for (uint32_t flags : {0u, uint32_t(SPEIR_GEMM_ACCUMULATE)}) {
    runDepthwise(type, flags, makeDesc(s, Layout::NhwcHwcfPadded), 11);
    runDepthwise(type, flags, oddView(s), 12);
  }
  // Columns layout with stride 2 (strided input loads).
  runDepthwise(
      type, 0,
      makeDesc(shapeFor({9, 21, 3, 3, 2, 1, 1}, 3, 2), Layout::NchwFchw), 13);
}

// Large enough to run on several threads, with few output rows so that
// channels are split too: bit-identical to the single-threaded result.
TEST_P(DepthwiseTest, ThreadCountDoesNotChangeResults) {
  const int32_t type = GetParam();
  for (const ConvShape &s : {shapeFor({24, 23, 3, 3, 1, 1, 1}, 41, 1),
                             shapeFor({3, 3, 3, 3, 1, 1, 1}, 700, 1)})
    for (Layout layout : {Layout::NhwcHwcf, Layout::NchwFchw}) {
      const speir_conv2d_desc_t d = makeDesc(s, layout);
      const Buffer multi = runDepthwise(type, 0, d, 21);
      const Buffer single = runDepthwise(type, SPEIR_GEMM_SINGLE_THREAD, d, 21);
      EXPECT_EQ(multi.raw, single.raw) << layoutName(layout);
    }
}

// int8 extremes everywhere: -128 * -128 (and 255 * 255) over a 7x7 window.
TEST(DepthwiseValues, Int8Extremes) {
  const speir_conv2d_desc_t d =
      makeDesc(shapeFor({9, 9, 7, 7, 1, 1, 3}, 37, 1), Layout::NhwcHwcf);
  for (int32_t type : {SPEIR_GEMM_S8_S8_S32, SPEIR_GEMM_U8_U8_S32,
                       SPEIR_GEMM_S8_U8_S32, SPEIR_GEMM_U8_S8_S32})
    for (int pattern = 0; pattern < 2; ++pattern) {
      ConvOperands ops(type, d, 31);
      for (ViewBuffer *v : {&ops.input, &ops.filter})
        for (size_t i = 0; i < v->buf.size(); ++i)
          v->buf.set(i, v->buf.kind == 2 ? (pattern ? 127 : -128) : 255);
      Buffer got = ops.output.buf;
      ASSERT_EQ(speir_conv2d(type, SPEIR_GEMM_ACCUMULATE, &d,
                             ops.input.origin(), ops.filter.origin(),
                             got.raw.data() + ops.output.base * got.bytes),
                SPEIR_OK);
      checkConv2d(type, SPEIR_GEMM_ACCUMULATE, d, ops, got);
    }
}

INSTANTIATE_TEST_SUITE_P(Types, DepthwiseTest, gemm::test::allConvTypes(),
                         gemm::test::gemmTypeParamName);

// ---- Pooling ----------------------------------------------------------------

constexpr int32_t kPoolTypes[] = {SPEIR_GEMM_F32_F32_F32,
                                  SPEIR_GEMM_F16_F16_F16,
                                  SPEIR_GEMM_F16_F16_F32, SPEIR_GEMM_S8_S8_S32};
constexpr int32_t kKinds[] = {SPEIR_POOL_MAX, SPEIR_POOL_MIN, SPEIR_POOL_SUM,
                              SPEIR_POOL_AVG, SPEIR_POOL_AVG_INCLUDE_PAD};
const char *kindName(int32_t k) {
  static const char *names[] = {"max", "min", "sum", "avg", "avg_pad"};
  return names[k];
}
bool isAvg(int32_t kind) {
  return kind == SPEIR_POOL_AVG || kind == SPEIR_POOL_AVG_INCLUDE_PAD;
}

// Reference value of pooled output (n, oy, ox, c) per the ABI, and the
// allowed error.
double referencePoolAt(int32_t type, int32_t kind, bool accumulate,
                       const speir_conv2d_desc_t &d, const ViewBuffer &in,
                       double initial, int64_t n, int64_t oy, int64_t ox,
                       int64_t c, double *tol) {
  const bool isInt = gemm::test::isInt(type);
  double lowest = -std::numeric_limits<double>::infinity();
  double highest = std::numeric_limits<double>::infinity();
  if (isInt) {
    lowest = std::numeric_limits<int32_t>::lowest();
    highest = std::numeric_limits<int32_t>::max();
  }
  double m = kind == SPEIR_POOL_MAX ? lowest : highest;
  double sum = 0, sumAbs = 0;
  int64_t count = 0;
  forEachInputTap(d, oy, ox, [&](int64_t, int64_t, int64_t y, int64_t x) {
    const double v = in.at(d.in_strides, n, y, x, c);
    m = kind == SPEIR_POOL_MAX ? std::max(m, v) : std::min(m, v);
    sum += v;
    sumAbs += std::fabs(v);
    ++count;
  });
  double w;
  *tol = 0;
  const int64_t divisor =
      kind == SPEIR_POOL_AVG ? count : d.kernel_h * d.kernel_w;
  switch (kind) {
  case SPEIR_POOL_MAX:
  case SPEIR_POOL_MIN:
    w = m;
    if (accumulate)
      w = kind == SPEIR_POOL_MAX ? std::max(initial, w) : std::min(initial, w);
    return w;
  case SPEIR_POOL_SUM:
    w = sum + (accumulate ? initial : 0);
    if (!isInt)
      *tol = gemm::test::tolerance(type, count + 1, sumAbs + std::fabs(initial),
                                   w);
    return w;
  default:
    if (divisor == 0)
      return 0;
    if (isInt) {
      const int64_t s = int64_t(sum), h = divisor / 2;
      return double(s >= 0 ? (s + h) / divisor : (s - h) / divisor);
    }
    w = sum / double(divisor);
    // The f32 sum's error scaled by the division, the division's rounding,
    // and for f16 outputs one rounding to half.
    *tol = gemm::test::tolerance(SPEIR_GEMM_F32_F32_F32, count, sumAbs, w) /
               double(divisor) +
           std::ldexp(std::fabs(w), -23);
    if (type == SPEIR_GEMM_F16_F16_F16)
      *tol += std::ldexp(std::fabs(w), -11) + std::ldexp(1.0, -24);
    return w;
  }
}

// Runs speir_pool2d on random operands and checks every element of the
// output view (and that nothing outside it changed); returns the output.
Buffer runPool(int32_t type, int32_t kind, uint32_t flags,
               const speir_conv2d_desc_t &d, uint32_t seed) {
  ConvOperands ops(type, d, seed);
  Buffer got = ops.output.buf;
  const int32_t st = speir_pool2d(type, kind, flags, &d, ops.input.origin(),
                                  got.raw.data() + ops.output.base * got.bytes);
  EXPECT_EQ(st, SPEIR_OK) << speir_status_string(st);
  if (st != SPEIR_OK)
    return got;
  const Buffer &init = ops.output.buf;
  std::vector<bool> inView(init.size(), false);
  int bad = 0;
  for (int64_t n = 0; n < d.batch; ++n)
    for (int64_t oy = 0; oy < d.out_h; ++oy)
      for (int64_t ox = 0; ox < d.out_w; ++ox)
        for (int64_t c = 0; c < d.out_c; ++c) {
          const size_t idx = size_t(
              ops.output.base + n * d.out_strides[0] + oy * d.out_strides[1] +
              ox * d.out_strides[2] + c * d.out_strides[3]);
          inView[idx] = true;
          double tol;
          const double ref =
              referencePoolAt(type, kind, flags & SPEIR_GEMM_ACCUMULATE, d,
                              ops.input, init.get(idx), n, oy, ox, c, &tol);
          const double v = got.get(idx);
          if (v != ref && !(std::fabs(v - ref) <= tol) && bad++ < 5)
            ADD_FAILURE() << "output (n=" << n << ", oy=" << oy << ", ox=" << ox
                          << ", c=" << c << ") got " << v << " want " << ref
                          << " (tol " << tol << ")";
        }
  for (size_t i = 0; i < init.size(); ++i)
    if (!inView[i] && got.get(i) != init.get(i) && bad++ < 5)
      ADD_FAILURE() << "element " << i << " outside the output view changed";
  return got;
}

class PoolTest : public testing::TestWithParam<int32_t> {};

TEST_P(PoolTest, EveryKindGeometryLayoutAndFlag) {
  const int32_t type = GetParam();
  uint32_t seed = 100;
  int i = 0;
  for (int32_t kind : kKinds)
    for (const Geometry &g : kGeometries)
      for (Layout layout : kLayouts) {
        const int64_t c = kChannels[i++ % std::size(kChannels)];
        const speir_conv2d_desc_t d = makeDesc(shapeFor(g, c, 1), layout);
        // Accumulate on alternate combinations (never for the averages).
        const uint32_t flags =
            !isAvg(kind) && i % 2 ? uint32_t(SPEIR_GEMM_ACCUMULATE) : 0u;
        SCOPED_TRACE(testing::Message()
                     << kindName(kind) << " " << layoutName(layout) << " in "
                     << g.inH << "x" << g.inW << "x" << c << " k " << g.kh
                     << "x" << g.kw << " s " << g.stride << " d " << g.dil
                     << " p " << g.pad << (flags ? " acc" : ""));
        runPool(type, kind, flags, d, seed++);
      }
}

TEST_P(PoolTest, BatchedAndArbitraryStrides) {
  const int32_t type = GetParam();
  const ConvShape s = shapeFor({6, 7, 3, 3, 2, 1, 1}, 5, 2);
  for (int32_t kind : kKinds) {
    SCOPED_TRACE(kindName(kind));
    runPool(type, kind, 0, oddView(s), 40 + kind);
    if (!isAvg(kind))
      runPool(type, kind, SPEIR_GEMM_ACCUMULATE, oddView(s), 50 + kind);
    runPool(type, kind, 0,
            makeDesc(shapeFor({9, 21, 3, 3, 2, 1, 1}, 3, 2), Layout::NchwFchw),
            60 + kind);
  }
}

TEST_P(PoolTest, ThreadCountDoesNotChangeResults) {
  const int32_t type = GetParam();
  for (int32_t kind : kKinds)
    for (Layout layout : {Layout::NhwcHwcf, Layout::NchwFchw}) {
      const speir_conv2d_desc_t d =
          makeDesc(shapeFor({33, 31, 3, 3, 2, 1, 1}, 40, 1), layout);
      const Buffer multi = runPool(type, kind, 0, d, 70);
      const Buffer single =
          runPool(type, kind, SPEIR_GEMM_SINGLE_THREAD, d, 70);
      EXPECT_EQ(multi.raw, single.raw)
          << kindName(kind) << " " << layoutName(layout);
    }
}

INSTANTIATE_TEST_SUITE_P(Types, PoolTest, testing::ValuesIn(kPoolTypes),
                         gemm::test::gemmTypeParamName);

// Hand-checked values: ties of the integer average, and windows entirely
// in padding.
TEST(PoolValues, IntegerAverageRoundsHalfAwayFromZero) {
  ConvShape s = shapeFor({1, 4, 1, 2, 2, 1, 0}, 1, 1);
  s.kh = 1;
  s.strideH = 1;
  const speir_conv2d_desc_t d = makeDesc(s, Layout::NhwcHwcf);
  ASSERT_EQ(d.out_w, 2);
  const int8_t in[4] = {2, 3, -2, -3};
  int32_t out[2] = {0, 0};
  ASSERT_EQ(speir_pool2d(SPEIR_GEMM_S8_S8_S32, SPEIR_POOL_AVG, 0, &d, in, out),
            SPEIR_OK);
  EXPECT_EQ(out[0], 3);  // 2.5
  EXPECT_EQ(out[1], -3); // -2.5
}

TEST(PoolValues, WindowsEntirelyInPadding) {
  // 1x1 input, 1x1 kernel, pad 1: only the centre output sees the input.
  const speir_conv2d_desc_t d =
      makeDesc(shapeFor({1, 1, 1, 1, 1, 1, 1}, 1, 1), Layout::NhwcHwcf);
  ASSERT_EQ(d.out_h * d.out_w, 9);
  const float in = 5.0f;
  const int8_t in8 = -7;
  for (int32_t kind : kKinds) {
    float out[9];
    ASSERT_EQ(speir_pool2d(SPEIR_GEMM_F32_F32_F32, kind, 0, &d, &in, out),
              SPEIR_OK);
    const float pad = kind == SPEIR_POOL_MAX   ? -INFINITY
                      : kind == SPEIR_POOL_MIN ? INFINITY
                                               : 0.0f;
    EXPECT_EQ(out[0], pad) << kindName(kind);
    EXPECT_EQ(out[4], 5.0f) << kindName(kind);
    int32_t out32[9];
    ASSERT_EQ(speir_pool2d(SPEIR_GEMM_S8_S8_S32, kind, 0, &d, &in8, out32),
              SPEIR_OK);
    const int32_t pad32 =
        kind == SPEIR_POOL_MAX   ? std::numeric_limits<int32_t>::lowest()
        : kind == SPEIR_POOL_MIN ? std::numeric_limits<int32_t>::max()
                                 : 0;
    EXPECT_EQ(out32[8], pad32) << kindName(kind);
    EXPECT_EQ(out32[4], -7) << kindName(kind);
  }
}

TEST(PoolValidation, RejectsBadArguments) {
  const speir_conv2d_desc_t good =
      makeDesc(shapeFor({4, 4, 2, 2, 2, 1, 0}, 3, 1), Layout::NhwcHwcf);
  float in[4 * 4 * 3] = {};
  float out[2 * 2 * 3] = {};
  const int32_t f32 = SPEIR_GEMM_F32_F32_F32;
  auto pool = [&](int32_t type, int32_t kind, uint32_t flags,
                  const speir_conv2d_desc_t *d, const void *i,
                  void *o) { return speir_pool2d(type, kind, flags, d, i, o); };
  EXPECT_EQ(pool(f32, SPEIR_POOL_MAX, 0, &good, in, out), SPEIR_OK);
  EXPECT_EQ(pool(f32, SPEIR_POOL_MAX, 0, nullptr, in, out),
            SPEIR_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(pool(f32, SPEIR_POOL_MAX, 0, &good, nullptr, out),
            SPEIR_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(pool(f32, SPEIR_POOL_MAX, 0, &good, in, nullptr),
            SPEIR_ERROR_INVALID_ARGUMENT);
  for (int32_t kind : {-1, 5, 1000})
    EXPECT_EQ(pool(f32, kind, 0, &good, in, out), SPEIR_ERROR_INVALID_ARGUMENT)
        << kind;
  for (uint32_t flags : {uint32_t(SPEIR_GEMM_TRANSPOSE_A),
                         uint32_t(SPEIR_GEMM_TRANSPOSE_B), 1u << 4, 1u << 31})
    EXPECT_EQ(pool(f32, SPEIR_POOL_MAX, flags, &good, in, out),
              SPEIR_ERROR_INVALID_ARGUMENT)
        << flags;
  for (int32_t kind : {SPEIR_POOL_AVG, SPEIR_POOL_AVG_INCLUDE_PAD})
    EXPECT_EQ(pool(f32, kind, SPEIR_GEMM_ACCUMULATE, &good, in, out),
              SPEIR_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(pool(f32, SPEIR_POOL_SUM,
                 SPEIR_GEMM_ACCUMULATE | SPEIR_GEMM_SINGLE_THREAD, &good, in,
                 out),
            SPEIR_OK);
  for (int32_t type : {-1, 7, 100})
    EXPECT_EQ(pool(type, SPEIR_POOL_MAX, 0, &good, in, out),
              SPEIR_ERROR_INVALID_ARGUMENT)
        << type;
  for (int32_t type :
       {SPEIR_GEMM_U8_U8_S32, SPEIR_GEMM_S8_U8_S32, SPEIR_GEMM_U8_S8_S32})
    EXPECT_EQ(pool(type, SPEIR_POOL_MAX, 0, &good, in, out),
              SPEIR_ERROR_UNSUPPORTED)
        << type;

  auto expectInvalid = [&](const char *what, auto mutate) {
    speir_conv2d_desc_t d = good;
    mutate(d);
    EXPECT_EQ(pool(f32, SPEIR_POOL_MAX, 0, &d, in, out),
              SPEIR_ERROR_INVALID_ARGUMENT)
        << what;
  };
  expectInvalid("batch", [](auto &d) { d.batch = -1; });
  expectInvalid("in_h", [](auto &d) { d.in_h = -1; });
  expectInvalid("in_w", [](auto &d) { d.in_w = -2; });
  expectInvalid("in_c", [](auto &d) { d.in_c = -3; });
  expectInvalid("out_h", [](auto &d) { d.out_h = -1; });
  expectInvalid("out_w", [](auto &d) { d.out_w = -1; });
  expectInvalid("out_c", [](auto &d) { d.out_c = 4; });
  expectInvalid("kernel_h", [](auto &d) { d.kernel_h = 0; });
  expectInvalid("kernel_w", [](auto &d) { d.kernel_w = -1; });
  expectInvalid("stride_h", [](auto &d) { d.stride_h = 0; });
  expectInvalid("stride_w", [](auto &d) { d.stride_w = 0; });
  expectInvalid("dilation_h", [](auto &d) { d.dilation_h = 0; });
  expectInvalid("dilation_w", [](auto &d) { d.dilation_w = 0; });
  expectInvalid("pad_top", [](auto &d) { d.pad_top = -1; });
  expectInvalid("pad_left", [](auto &d) { d.pad_left = -1; });

  // An empty output does nothing (and reads nothing).
  speir_conv2d_desc_t empty = good;
  empty.out_h = 0;
  EXPECT_EQ(pool(f32, SPEIR_POOL_MAX, 0, &empty, in, out), SPEIR_OK);
}

} // namespace
} // namespace speir::conv::test

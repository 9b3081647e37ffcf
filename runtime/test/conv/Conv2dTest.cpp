// speir_conv2d against the direct reference (ConvReference.h): every type,
// kernel sizes 1..7, strides, dilations, padding, odd sizes, channel counts
// that are no multiple of any vector length, groups, NHWC / NCHW / strided
// views, accumulate vs overwrite; threaded results bit-identical to
// single-threaded; the strategy each shape gets; invalid arguments.
#include <gtest/gtest.h>

#include <climits>
#include <cstdlib>
#include <cstring>
#include <string>

#include "ConvReference.h"

#if defined(__riscv)
#include <riscv_vector.h>

#include "ImeEmulator.h"
#endif

namespace speir::conv::test {
namespace {

using gemm::test::allConvTypes;
using gemm::test::gemmTypeParamName;
using gemm::test::isInt;
using gemm::test::typeName;

// Runs one call on fresh random operands and checks it; returns the output
// buffer after the call.
Buffer runChecked(int32_t type, uint32_t flags, const speir_conv2d_desc_t &d,
                  uint32_t seed, const char *expectStrategy = nullptr) {
  ConvOperands ops(type, d, seed);
  Buffer got = ops.output.buf;
  void *out = got.raw.data() + ops.output.base * got.bytes;
  if (expectStrategy) {
    const char *name = speir_conv2d_strategy_name(type, flags, &d);
    EXPECT_STREQ(name, expectStrategy);
  }
  const int32_t st = speir_conv2d(type, flags, &d, ops.input.origin(),
                                  ops.filter.origin(), out);
  EXPECT_EQ(st, SPEIR_OK) << speir_status_string(st);
  if (st == SPEIR_OK)
    EXPECT_EQ(checkConv2d(type, flags, d, ops, got), 0);
  return got;
}

std::string describe(const speir_conv2d_desc_t &d, uint32_t flags) {
  return testing::PrintToString(d.batch) + "x" + std::to_string(d.in_h) + "x" +
         std::to_string(d.in_w) + "x" + std::to_string(d.in_c) + " -> " +
         std::to_string(d.out_c) + " k" + std::to_string(d.kernel_h) + "x" +
         std::to_string(d.kernel_w) + " s" + std::to_string(d.stride_h) + "," +
         std::to_string(d.stride_w) + " d" + std::to_string(d.dilation_h) +
         "," + std::to_string(d.dilation_w) + " p" + std::to_string(d.pad_top) +
         "," + std::to_string(d.pad_left) + " g" + std::to_string(d.groups) +
         ((flags & SPEIR_GEMM_ACCUMULATE) ? " acc" : "") +
         ((flags & SPEIR_GEMM_SINGLE_THREAD) ? " 1t" : "");
}

class Conv2dTypes : public testing::TestWithParam<int32_t> {};

// Kernel sizes 1..7 x strides 1..2 x dilations 1..2, odd spatial sizes and
// channel counts, "same" padding, alternating accumulate / overwrite.
TEST_P(Conv2dTypes, KernelSizesStridesDilations) {
  const int32_t type = GetParam();
  uint32_t seed = 1;
  for (int64_t k = 1; k <= 7; ++k)
    for (int64_t stride = 1; stride <= 2; ++stride)
      for (int64_t dil = 1; dil <= 2; ++dil) {
        ConvShape s;
        s.inH = 9 + (k > 4 ? 4 : 0);
        s.inW = 7 + (k > 4 ? 4 : 0);
        s.inC = 5;
        s.outC = 11;
        s.kh = k;
        s.kw = k == 1 ? 1 : 8 - k; // non-square kernels too
        s.strideH = s.strideW = stride;
        s.dilH = dil;
        s.dilW = 3 - dil;
        s.padH = (s.kh / 2) * s.dilH;
        s.padW = (s.kw / 2) * s.dilW;
        const auto d = makeDesc(s, Layout::NhwcHwcf);
        const uint32_t flags = (seed & 1) ? SPEIR_GEMM_ACCUMULATE : 0;
        SCOPED_TRACE(describe(d, flags));
        runChecked(type, flags, d, seed++);
      }
}

// Every layout (incl. non-contiguous views) for 1x1 (both strides), 3x3
// and 5x5/2, with and without accumulate.
TEST_P(Conv2dTypes, LayoutsAndViews) {
  const int32_t type = GetParam();
  uint32_t seed = 100;
  for (Layout layout : {Layout::NhwcHwcf, Layout::NchwFchw,
                        Layout::NhwcHwcfPadded, Layout::NchwFchwPadded})
    for (int shape = 0; shape < 4; ++shape)
      for (uint32_t flags : {0u, uint32_t(SPEIR_GEMM_ACCUMULATE)}) {
        ConvShape s;
        s.batch = 2;
        s.inH = 7;
        s.inW = 6;
        s.inC = 9;
        s.outC = 13;
        s.kh = s.kw = shape < 2 ? 1 : shape == 2 ? 3 : 5;
        s.strideH = s.strideW = shape == 1 || shape == 3 ? 2 : 1;
        s.padH = s.padW = s.kh / 2;
        const auto d = makeDesc(s, layout);
        SCOPED_TRACE(std::string(layoutName(layout)) + " " +
                     describe(d, flags));
        runChecked(type, flags, d, seed++);
      }
}

// Output channels a multiple of every kernel's N0 (64): with a dense HWCF
// filter and a K0 = 1 tile kernel, im2col-mmt4d reads the filter in place as
// its rhs; the padded view of the same problem packs it. Both must match
// the reference, also with K blocks (K = 3 * 3 * 70 > KC on small caches).
TEST_P(Conv2dTypes, FilterInPlaceAndPacked) {
  const int32_t type = GetParam();
  uint32_t seed = 700;
  for (Layout layout : {Layout::NhwcHwcf, Layout::NhwcHwcfPadded})
    for (int64_t inC : {5, 70})
      for (uint32_t flags : {0u, uint32_t(SPEIR_GEMM_ACCUMULATE)}) {
        ConvShape s;
        s.inH = 9;
        s.inW = 11;
        s.inC = inC;
        s.outC = 64;
        s.kh = s.kw = 3;
        s.padH = s.padW = 1;
        const auto d = makeDesc(s, layout);
        SCOPED_TRACE(std::string(layoutName(layout)) + " " +
                     describe(d, flags));
        runChecked(type, flags, d, seed++);
      }
}

// Grouped (im2col per group or direct) and depthwise convolutions.
TEST_P(Conv2dTypes, Groups) {
  const int32_t type = GetParam();
  uint32_t seed = 200;
  struct G {
    int64_t inC, outC, groups, k;
  };
  for (G g : {G{8, 32, 2, 3}, G{8, 8, 4, 3}, G{6, 12, 3, 1}, G{7, 7, 7, 3},
              G{12, 24, 12, 3}})
    for (Layout layout : {Layout::NhwcHwcf, Layout::NchwFchwPadded}) {
      ConvShape s;
      s.inH = 6;
      s.inW = 7;
      s.inC = g.inC;
      s.outC = g.outC;
      s.groups = g.groups;
      s.kh = s.kw = g.k;
      s.padH = s.padW = g.k / 2;
      const auto d = makeDesc(s, layout);
      const uint32_t flags = (seed & 1) ? SPEIR_GEMM_ACCUMULATE : 0;
      SCOPED_TRACE(std::string(layoutName(layout)) + " " + describe(d, flags));
      runChecked(type, flags, d, seed++);
    }
}

// Padding larger than the kernel reach (outputs entirely in padding), an
// output larger than "valid" (rows beyond the input), a flipped view
// (negative strides), batch > 1 with stride 2.
TEST_P(Conv2dTypes, EdgeShapes) {
  const int32_t type = GetParam();
  ConvShape s;
  s.inH = 5;
  s.inW = 4;
  s.inC = 3;
  s.outC = 5;
  s.kh = s.kw = 3;
  s.padH = 4;
  s.padW = 3;
  auto d = makeDesc(s, Layout::NhwcHwcf);
  runChecked(type, 0, d, 300);
  d.out_h += 2; // rows past the bottom: all padding
  d.out_w += 1;
  SCOPED_TRACE(describe(d, 0));
  runChecked(type, SPEIR_GEMM_ACCUMULATE, d, 301);

  ConvShape f;
  f.batch = 3;
  f.inH = 8;
  f.inW = 9;
  f.inC = 4;
  f.outC = 6;
  f.kh = 2;
  f.kw = 3;
  f.strideH = f.strideW = 2;
  auto v = makeDesc(f, Layout::NhwcHwcf);
  v.in_strides[2] = -v.in_strides[2]; // input mirrored along x
  v.filter_strides[0] = -v.filter_strides[0];
  v.out_strides[1] = -v.out_strides[1];
  SCOPED_TRACE("mirrored " + describe(v, 0));
  runChecked(type, 0, v, 302);
}

// Integer extremes: every product -128*-128 (or 255*255, -128*255) over a
// long reduction is exact.
TEST_P(Conv2dTypes, IntegerExtremesExact) {
  const int32_t type = GetParam();
  if (!isInt(type))
    GTEST_SKIP() << "integer types only";
  ConvShape s;
  s.inH = s.inW = 6;
  s.inC = 64;
  s.outC = 20;
  s.kh = s.kw = 3;
  const auto d = makeDesc(s, Layout::NhwcHwcf);
  ConvOperands ops(type, d, 400);
  const bool ls = gemm::test::lhsSigned(type), rs = gemm::test::rhsSigned(type);
  for (size_t i = 0; i < ops.input.buf.size(); ++i)
    ops.input.buf.set(i, ls ? -128 : 255);
  for (size_t i = 0; i < ops.filter.buf.size(); ++i)
    ops.filter.buf.set(i, rs ? (i % 2 ? 127 : -128) : 255);
  Buffer got = ops.output.buf;
  ASSERT_EQ(speir_conv2d(type, 0, &d, ops.input.origin(), ops.filter.origin(),
                         got.data()),
            SPEIR_OK);
  EXPECT_EQ(checkConv2d(type, 0, d, ops, got), 0);
}

// One shape per strategy, big enough to run threaded: the threaded output
// is bit-identical to SINGLE_THREAD, for overwrite and accumulate.
TEST_P(Conv2dTypes, ThreadedEqualsSingleThreaded) {
  const int32_t type = GetParam();
  struct S {
    int64_t inC, outC, k, stride, groups;
  };
  uint32_t seed = 500;
  for (S sh : {S{16, 40, 3, 1, 1}, S{24, 48, 1, 1, 1}, S{32, 32, 3, 1, 8},
               S{16, 16, 3, 2, 16}})
    for (uint32_t acc : {0u, uint32_t(SPEIR_GEMM_ACCUMULATE)}) {
      ConvShape s;
      s.inH = 16; // >= 2^18 MACs for each strategy but depthwise
      s.inW = 15;
      s.inC = sh.inC;
      s.outC = sh.outC;
      s.kh = s.kw = sh.k;
      s.strideH = s.strideW = sh.stride;
      s.groups = sh.groups;
      s.padH = s.padW = sh.k / 2;
      const auto d = makeDesc(s, Layout::NhwcHwcf);
      SCOPED_TRACE(describe(d, acc));
      ConvOperands ops(type, d, seed++);
      Buffer multi = ops.output.buf, single = ops.output.buf;
      ASSERT_EQ(speir_conv2d(type, acc, &d, ops.input.origin(),
                             ops.filter.origin(), multi.data()),
                SPEIR_OK);
      ASSERT_EQ(speir_conv2d(type, acc | SPEIR_GEMM_SINGLE_THREAD, &d,
                             ops.input.origin(), ops.filter.origin(),
                             single.data()),
                SPEIR_OK);
      EXPECT_TRUE(multi.raw == single.raw);
      EXPECT_EQ(checkConv2d(type, acc, d, ops, multi), 0);
    }
}

INSTANTIATE_TEST_SUITE_P(AllTypes, Conv2dTypes, allConvTypes(),
                         gemmTypeParamName);

// The strategy each shape is meant to get.
TEST(Conv2dStrategy, ChosenPerShape) {
  auto name = [](const ConvShape &s, Layout l) {
    const auto d = makeDesc(s, l);
    const char *n = speir_conv2d_strategy_name(SPEIR_GEMM_F32_F32_F32, 0, &d);
    return std::string(n ? n : "(null)");
  };
  ConvShape s;
  s.inH = s.inW = 8;
  s.inC = 16;
  s.outC = 32;
  // 1x1 stride 1: one GEMM per image in place for NHWC and NCHW. The
  // padded views do not collapse an image's pixels into one strided axis,
  // and stride 2 neither: im2col-mmt4d (whose 1x1 lhs packing is a GEMM's).
  EXPECT_EQ(name(s, Layout::NhwcHwcf), "gemm-1x1");
  EXPECT_EQ(name(s, Layout::NchwFchw), "gemm-1x1");
  EXPECT_EQ(name(s, Layout::NhwcHwcfPadded), "im2col-mmt4d");
  EXPECT_EQ(name(s, Layout::NchwFchwPadded), "im2col-mmt4d");
  s.batch = 3; // uniformly strided images: one speir_gemm_batched
  EXPECT_EQ(name(s, Layout::NhwcHwcf), "gemm-1x1");
  EXPECT_EQ(name(s, Layout::NchwFchw), "gemm-1x1");
  s.batch = 1;
  s.strideH = s.strideW = 2;
  EXPECT_EQ(name(s, Layout::NhwcHwcf), "im2col-mmt4d");
  EXPECT_EQ(name(s, Layout::NchwFchw), "im2col-mmt4d");
  s.inH = 1; // a single output row: one GEMM with row stride 2 * C
  EXPECT_EQ(name(s, Layout::NhwcHwcf), "gemm-1x1");
  s.inH = 8;
  s.strideH = s.strideW = 1;
  s.padH = 1; // 1x1 reading padding
  EXPECT_EQ(name(s, Layout::NhwcHwcf), "im2col-mmt4d");
  s.padH = 0;
  s.kh = s.kw = 3;
  for (Layout l : {Layout::NhwcHwcf, Layout::NchwFchw, Layout::NhwcHwcfPadded})
    EXPECT_EQ(name(s, l), "im2col-mmt4d");
  s.groups = 2; // 8 channels in, 16 out per group
  EXPECT_EQ(name(s, Layout::NhwcHwcf), "im2col-mmt4d");
  s.groups = 8; // 2 in, 4 out per group
  EXPECT_EQ(name(s, Layout::NhwcHwcf), "direct");
  s.outC = 16;
  s.groups = 16; // depthwise: its own kernel where it serves the type
  const std::string dw = name(s, Layout::NhwcHwcf);
  EXPECT_TRUE(dw == "depthwise" || dw == "direct") << dw;
}

// As a K1 (IME at VLEN 256), int8 im2col-mmt4d runs on the IME tile kernel:
// the emulator must have served vmadots, and the result is still exact.
#if defined(__riscv)
TEST(Conv2dIme, Int8Im2colRunsVmadot) {
  const char *expect = std::getenv("SPINE_EXPECT_IME");
  if (!expect || std::string(expect) != "1" || __riscv_vlenb() != 32)
    GTEST_SKIP() << "core without IME, or VLEN != 256";
  ConvShape s;
  s.inH = s.inW = 6;
  s.inC = 8;
  s.outC = 16;
  s.kh = s.kw = 3;
  s.padH = s.padW = 1;
  // NCHW: channel stride != 1, so not ime-slide (NHWC int8 takes that).
  const auto d = makeDesc(s, Layout::NchwFchw);
  for (int32_t type : {SPEIR_GEMM_S8_S8_S32, SPEIR_GEMM_U8_U8_S32,
                       SPEIR_GEMM_S8_U8_S32, SPEIR_GEMM_U8_S8_S32}) {
    SCOPED_TRACE(typeName(type));
    const uint64_t before = speir::test::imeEmulatedCount();
    runChecked(type, 0, d, 600, "im2col-mmt4d");
    // 36 pixels in row tiles of M0, K = 72 in k tiles of K0, 16 output
    // channels in panels of N0; one vmadot per 4 x 4 block of a tile per k
    // tile (VLEN 256: K0 = 8).
    int64_t m0 = 0, n0 = 0, k0 = 0;
    ASSERT_EQ(speir_mmt4d_preferred_tile(type, &m0, &n0, &k0), SPEIR_OK);
    ASSERT_EQ(k0, 8);
    const uint64_t tiles = static_cast<uint64_t>(
        ((36 + m0 - 1) / m0) * ((72 + k0 - 1) / k0) * ((16 + n0 - 1) / n0));
    EXPECT_EQ(speir::test::imeEmulatedCount() - before,
              tiles * (m0 / 4) * (n0 / 4));
  }
}
#endif

// ime-slide (int8 on IME, VLEN 256): where it is chosen, and nowhere else.
// Under the K1 variant (SPINE_EXPECT_IME=1 at VLEN 256) the int8 NHWC
// shapes with unit channel stride, groups 1 and stride_w <= 2 take it; on
// every other platform (host, riscv64 without IME, VLEN 128) they take
// im2col-mmt4d.
bool imeSlideExpected() {
#if defined(__riscv)
  const char *expect = std::getenv("SPINE_EXPECT_IME");
  return expect && std::string(expect) == "1" && __riscv_vlenb() == 32;
#else
  return false;
#endif
}

TEST(Conv2dImeSlide, ChosenWhereIntended) {
  const std::string slide = imeSlideExpected() ? "ime-slide" : "im2col-mmt4d";
  auto name = [](int32_t type, const ConvShape &s, Layout l) {
    const auto d = makeDesc(s, l);
    const char *n = speir_conv2d_strategy_name(type, 0, &d);
    return std::string(n ? n : "(null)");
  };
  ConvShape s;
  s.inH = s.inW = 12;
  s.inC = 16;
  s.outC = 32;
  s.kh = s.kw = 3;
  s.padH = s.padW = 1;
  for (int32_t type : {SPEIR_GEMM_S8_S8_S32, SPEIR_GEMM_U8_U8_S32,
                       SPEIR_GEMM_S8_U8_S32, SPEIR_GEMM_U8_S8_S32}) {
    EXPECT_EQ(name(type, s, Layout::NhwcHwcf), slide);
    EXPECT_EQ(name(type, s, Layout::NhwcHwcfPadded), slide);
  }
  const int32_t s8 = SPEIR_GEMM_S8_S8_S32;
  EXPECT_EQ(name(SPEIR_GEMM_F32_F32_F32, s, Layout::NhwcHwcf), "im2col-mmt4d");
  EXPECT_EQ(name(s8, s, Layout::NchwFchw),
            "im2col-mmt4d"); // channel stride != 1
  s.strideH = s.strideW = 2; // 3x3/2
  EXPECT_EQ(name(s8, s, Layout::NhwcHwcf), slide);
  s.strideW = 3; // measured: left to im2col
  EXPECT_EQ(name(s8, s, Layout::NhwcHwcf), "im2col-mmt4d");
  s.strideW = 1;
  s.strideH = 3; // stride along y does not matter
  EXPECT_EQ(name(s8, s, Layout::NhwcHwcf), slide);
  s.strideH = 1;
  s.groups = 2;
  EXPECT_EQ(name(s8, s, Layout::NhwcHwcf), "im2col-mmt4d");
  s.groups = 1;
  s.kh = s.kw = 1;
  s.padH = s.padW = 0;
  EXPECT_EQ(name(s8, s, Layout::NhwcHwcf), "gemm-1x1"); // 1x1/1 is a GEMM
  s.strideH = s.strideW = 2;
  EXPECT_EQ(name(s8, s, Layout::NhwcHwcf), slide); // 1x1/2
  s.inC = 3;                                       // 7x7/2 on RGB
  s.kh = s.kw = 7;
  s.padH = s.padW = 3;
  EXPECT_EQ(name(s8, s, Layout::NhwcHwcf), slide);
}

#if defined(__riscv)
class Conv2dImeSlideTypes : public testing::TestWithParam<int32_t> {
protected:
  void SetUp() override {
    if (!imeSlideExpected())
      GTEST_SKIP() << "core without IME, or VLEN != 256";
  }
};

// Kernel sizes 1..7 (square and not), strides 1-2, dilations 1-2, padding,
// odd sizes, channel counts that are no multiple of 8 (1 .. 2 chunks), output
// channels across 1..3 blocks of 16, accumulate vs overwrite: exact, and the
// emulator served slide-form vmadots whenever a step has two taps or more.
TEST_P(Conv2dImeSlideTypes, ExactAcrossShapes) {
  const int32_t type = GetParam();
  uint32_t seed = 700;
  const int64_t channels[] = {1, 3, 8, 13, 24};
  const int64_t outs[] = {5, 16, 33};
  int shape = 0;
  for (int64_t kh = 1; kh <= 7; ++kh)
    for (int64_t kw : {kh, 8 - kh})
      for (int64_t stride = 1; stride <= 2; ++stride)
        for (int64_t dil = 1; dil <= 2; ++dil) {
          ConvShape s;
          s.inH = 6 + kh;
          s.inW = 5 + 2 * kw + shape % 5; // odd and even widths, 1..3 tiles
          s.inC = channels[shape % 5];
          s.outC = outs[shape % 3];
          s.kh = kh;
          s.kw = kw;
          s.strideH = (shape & 1) + 1;
          s.strideW = stride;
          s.dilH = dil;
          s.dilW = (shape % 4 == 3) ? 3 - dil : dil;
          s.padH = (kh / 2) * s.dilH + (shape & 1);
          s.padW = (kw / 2) * s.dilW + (shape % 3 == 1);
          ++shape;
          const auto d = makeDesc(s, Layout::NhwcHwcf);
          if (d.out_h < 1 || d.out_w < 1)
            continue;
          const uint32_t flags = (seed & 1) ? SPEIR_GEMM_ACCUMULATE : 0;
          SCOPED_TRACE(describe(d, flags));
          const uint64_t slides = speir::test::imeEmulatedSlideCount();
          // 1x1 may be gemm-1x1 (stride 1, no padding read).
          runChecked(type, flags, d, seed++,
                     kh == 1 && kw == 1 ? nullptr : "ime-slide");
          // A step of two taps or more: consecutive offsets in one phase.
          bool multiTap = false;
          for (int64_t a = 0; a < kw; ++a)
            for (int64_t b = 0; b < kw; ++b)
              multiTap |= (b * s.dilW) % stride == (a * s.dilW) % stride &&
                          (b * s.dilW) / stride == (a * s.dilW) / stride + 1;
          if (multiTap)
            EXPECT_GT(speir::test::imeEmulatedSlideCount(), slides);
        }
}

// The output and input as views: padded strides, output channels strided
// (NCHW output), batch 2, kernel rows entirely in the padding.
TEST_P(Conv2dImeSlideTypes, ViewsAndBorders) {
  const int32_t type = GetParam();
  uint32_t seed = 900;
  for (uint32_t acc : {0u, uint32_t(SPEIR_GEMM_ACCUMULATE)}) {
    ConvShape s;
    s.batch = 2;
    s.inH = 5;
    s.inW = 11;
    s.inC = 10;
    s.outC = 18;
    s.kh = s.kw = 5;
    s.padH = 4; // first and last output rows see one input row only
    s.padW = 2;
    auto d = makeDesc(s, Layout::NhwcHwcfPadded);
    SCOPED_TRACE(describe(d, acc));
    runChecked(type, acc, d, seed++, "ime-slide");
    // NCHW-strided output: channel stride = out_h * out_w.
    const int64_t plane = d.out_h * d.out_w;
    d.out_strides[3] = plane;
    d.out_strides[2] = 1;
    d.out_strides[1] = d.out_w;
    d.out_strides[0] = s.outC * plane;
    runChecked(type, acc, d, seed++, "ime-slide");
  }
}

// Big enough to run threaded (>= 2^18 MACs): bit-identical to SINGLE_THREAD.
TEST_P(Conv2dImeSlideTypes, ThreadedEqualsSingleThreaded) {
  const int32_t type = GetParam();
  uint32_t seed = 950;
  for (int64_t stride : {1, 2})
    for (uint32_t acc : {0u, uint32_t(SPEIR_GEMM_ACCUMULATE)}) {
      ConvShape s;
      s.inH = 18;
      s.inW = 21;
      s.inC = 24;
      s.outC = 40;
      s.kh = s.kw = 3;
      s.strideH = s.strideW = stride;
      s.padH = s.padW = 1;
      const auto d = makeDesc(s, Layout::NhwcHwcf);
      SCOPED_TRACE(describe(d, acc));
      ASSERT_STREQ(speir_conv2d_strategy_name(type, acc, &d), "ime-slide");
      ConvOperands ops(type, d, seed++);
      Buffer multi = ops.output.buf, single = ops.output.buf;
      ASSERT_EQ(speir_conv2d(type, acc, &d, ops.input.origin(),
                             ops.filter.origin(), multi.data()),
                SPEIR_OK);
      ASSERT_EQ(speir_conv2d(type, acc | SPEIR_GEMM_SINGLE_THREAD, &d,
                             ops.input.origin(), ops.filter.origin(),
                             single.data()),
                SPEIR_OK);
      EXPECT_TRUE(multi.raw == single.raw);
      EXPECT_EQ(checkConv2d(type, acc, d, ops, multi), 0);
    }
}

// 3x3/1 with 8 channels and 16 output channels, 16 output pixels per row:
// per output row (2 tiles) the valid kernel rows x 1 chunk x one step of
// three taps = 8 plain + 16 slide vmadots per kernel row and tile.
TEST_P(Conv2dImeSlideTypes, CountsSlideVmadots) {
  const int32_t type = GetParam();
  ConvShape s;
  s.inH = 4;
  s.inW = 16;
  s.inC = 8;
  s.outC = 16;
  s.kh = s.kw = 3;
  s.padH = s.padW = 1;
  const auto d = makeDesc(s, Layout::NhwcHwcf);
  const uint64_t all = speir::test::imeEmulatedCount();
  const uint64_t slides = speir::test::imeEmulatedSlideCount();
  runChecked(type, 0, d, 990, "ime-slide");
  // Kernel rows inside the image: 2 + 3 + 3 + 2 over the 4 output rows.
  const uint64_t rowsTiles = 10 * 2;
  EXPECT_EQ(speir::test::imeEmulatedCount() - all, rowsTiles * 24);
  EXPECT_EQ(speir::test::imeEmulatedSlideCount() - slides, rowsTiles * 16);
}

INSTANTIATE_TEST_SUITE_P(Int8, Conv2dImeSlideTypes,
                         testing::Values(SPEIR_GEMM_S8_S8_S32,
                                         SPEIR_GEMM_U8_U8_S32,
                                         SPEIR_GEMM_S8_U8_S32,
                                         SPEIR_GEMM_U8_S8_S32),
                         gemmTypeParamName);
#endif

TEST(Conv2dArgs, Invalid) {
  ConvShape s;
  s.inH = s.inW = 5;
  s.inC = 4;
  s.outC = 6;
  s.kh = s.kw = 3;
  const auto good = makeDesc(s, Layout::NhwcHwcf);
  ConvOperands ops(SPEIR_GEMM_F32_F32_F32, good, 1);
  void *in = ops.input.origin(), *w = ops.filter.origin(),
       *out = ops.output.origin();
  const int32_t f32 = SPEIR_GEMM_F32_F32_F32;
  EXPECT_EQ(speir_conv2d(f32, 0, &good, in, w, out), SPEIR_OK);

  auto expectInvalid = [&](const speir_conv2d_desc_t &d, const char *what) {
    EXPECT_EQ(speir_conv2d(f32, 0, &d, in, w, out),
              SPEIR_ERROR_INVALID_ARGUMENT)
        << what;
    EXPECT_EQ(speir_conv2d_strategy_name(f32, 0, &d), nullptr) << what;
  };
  EXPECT_EQ(speir_conv2d(f32, 0, nullptr, in, w, out),
            SPEIR_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(speir_conv2d_strategy_name(f32, 0, nullptr), nullptr);
  for (int32_t badType : {-1, 7, 1000})
    EXPECT_EQ(speir_conv2d(badType, 0, &good, in, w, out),
              SPEIR_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(speir_conv2d(f32, SPEIR_GEMM_TRANSPOSE_A, &good, in, w, out),
            SPEIR_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(speir_conv2d(f32, 1u << 20, &good, in, w, out),
            SPEIR_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(speir_conv2d(f32, 0, &good, nullptr, w, out),
            SPEIR_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(speir_conv2d(f32, 0, &good, in, nullptr, out),
            SPEIR_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(speir_conv2d(f32, 0, &good, in, w, nullptr),
            SPEIR_ERROR_INVALID_ARGUMENT);

  int64_t speir_conv2d_desc_t::*sizes[] = {
      &speir_conv2d_desc_t::batch,   &speir_conv2d_desc_t::in_h,
      &speir_conv2d_desc_t::in_w,    &speir_conv2d_desc_t::in_c,
      &speir_conv2d_desc_t::out_h,   &speir_conv2d_desc_t::out_w,
      &speir_conv2d_desc_t::out_c,   &speir_conv2d_desc_t::pad_top,
      &speir_conv2d_desc_t::pad_left};
  for (auto field : sizes) {
    auto d = good;
    d.*field = -1;
    expectInvalid(d, "negative size");
  }
  int64_t speir_conv2d_desc_t::*positive[] = {
      &speir_conv2d_desc_t::kernel_h,   &speir_conv2d_desc_t::kernel_w,
      &speir_conv2d_desc_t::stride_h,   &speir_conv2d_desc_t::stride_w,
      &speir_conv2d_desc_t::dilation_h, &speir_conv2d_desc_t::dilation_w,
      &speir_conv2d_desc_t::groups};
  for (auto field : positive) {
    auto d = good;
    d.*field = 0;
    expectInvalid(d, "zero kernel/stride/dilation/groups");
  }
  {
    auto d = good;
    d.groups = 3; // divides neither 4 nor 6
    expectInvalid(d, "groups not dividing in_c");
    d.groups = 2;
    d.out_c = 5;
    expectInvalid(d, "groups not dividing out_c");
  }
  {
    auto d = good;
    d.batch = INT64_MAX / 2;
    expectInvalid(d, "output volume overflow");
    d = good;
    d.kernel_h = d.kernel_w = int64_t(1) << 32;
    expectInvalid(d, "kernel volume overflow");
    d = good;
    d.stride_h = INT64_MAX / 2;
    expectInvalid(d, "coordinate overflow");
    d = good;
    d.in_strides[0] = INT64_MIN;
    d.batch = 2;
    expectInvalid(d, "stride span overflow");
    d = good;
    d.out_strides[1] = INT64_MAX / 3;
    expectInvalid(d, "output span overflow");
  }
}

TEST(Conv2dArgs, EmptyShapes) {
  ConvShape s;
  s.inH = s.inW = 4;
  s.inC = 3;
  s.outC = 2;
  s.kh = s.kw = 3;
  auto d = makeDesc(s, Layout::NhwcHwcf);
  // Empty output: nothing to do, null pointers are fine.
  auto e = d;
  e.batch = 0;
  EXPECT_EQ(
      speir_conv2d(SPEIR_GEMM_F32_F32_F32, 0, &e, nullptr, nullptr, nullptr),
      SPEIR_OK);
  e = d;
  e.out_c = 0;
  EXPECT_EQ(
      speir_conv2d(SPEIR_GEMM_F32_F32_F32, 0, &e, nullptr, nullptr, nullptr),
      SPEIR_OK);
  // Empty reduction: overwrite stores zeros, accumulate leaves the output.
  for (int32_t type :
       {SPEIR_GEMM_F32_F32_F32, SPEIR_GEMM_F16_F16_F16, SPEIR_GEMM_S8_S8_S32}) {
    e = d;
    e.in_c = 0;
    ConvOperands ops(type, e, 7);
    Buffer got = ops.output.buf;
    EXPECT_EQ(speir_conv2d(type, SPEIR_GEMM_ACCUMULATE, &e, nullptr, nullptr,
                           got.data()),
              SPEIR_OK);
    EXPECT_TRUE(got.raw == ops.output.buf.raw);
    EXPECT_EQ(speir_conv2d(type, 0, &e, nullptr, nullptr, got.data()),
              SPEIR_OK);
    EXPECT_EQ(checkConv2d(type, 0, e, ops, got), 0);
  }
}

} // namespace
} // namespace speir::conv::test

// Shared helpers for the convolution and pooling tests: descriptors for the
// usual layouts (and padded, non-contiguous views of them), buffers sized for
// any strided view, and a direct reference convolution in double / int64
// that reads the operands through the descriptor exactly as the ABI defines.
#ifndef SPEIR_TEST_CONV_CONVREFERENCE_H
#define SPEIR_TEST_CONV_CONVREFERENCE_H

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include "../gemm/GemmTestUtil.h"
#include "speir/abi.h"

namespace speir::conv::test {

using gemm::test::Buffer;

// Operand layouts. *Padded variants: every dimension's stride has slack, so
// the operand is a non-contiguous view (gaps the kernel must not touch).
enum class Layout {
  NhwcHwcf,       // input NHWC, filter HWCF, output NHWC
  NchwFchw,       // input NCHW, filter FCHW, output NCHW
  NhwcHwcfPadded, // NHWC / HWCF / NHWC with extra elements in every stride
  NchwFchwPadded,
};

inline const char *layoutName(Layout l) {
  switch (l) {
  case Layout::NhwcHwcf:
    return "nhwc";
  case Layout::NchwFchw:
    return "nchw";
  case Layout::NhwcHwcfPadded:
    return "nhwc_view";
  case Layout::NchwFchwPadded:
    return "nchw_view";
  }
  return "?";
}

// Output size along one axis for a symmetric pad (bottom/right = pad).
inline int64_t convOutSize(int64_t in, int64_t k, int64_t stride,
                           int64_t dilation, int64_t pad) {
  const int64_t span = dilation * (k - 1) + 1;
  return in + 2 * pad < span ? 0 : (in + 2 * pad - span) / stride + 1;
}

struct ConvShape {
  int64_t batch = 1, inH = 1, inW = 1, inC = 1, outC = 1;
  int64_t kh = 1, kw = 1, strideH = 1, strideW = 1, dilH = 1, dilW = 1;
  int64_t padH = 0, padW = 0, groups = 1;
};

// Fills a descriptor for `s` in `layout`: out_h/out_w from symmetric pads,
// element strides of each operand. filter channel extent = inC / groups.
inline speir_conv2d_desc_t makeDesc(const ConvShape &s, Layout layout) {
  speir_conv2d_desc_t d{};
  d.batch = s.batch;
  d.in_h = s.inH;
  d.in_w = s.inW;
  d.in_c = s.inC;
  d.out_c = s.outC;
  d.kernel_h = s.kh;
  d.kernel_w = s.kw;
  d.stride_h = s.strideH;
  d.stride_w = s.strideW;
  d.dilation_h = s.dilH;
  d.dilation_w = s.dilW;
  d.pad_top = s.padH;
  d.pad_left = s.padW;
  d.groups = s.groups;
  d.out_h = convOutSize(s.inH, s.kh, s.strideH, s.dilH, s.padH);
  d.out_w = convOutSize(s.inW, s.kw, s.strideW, s.dilW, s.padW);
  const int64_t fc = s.groups > 0 ? s.inC / s.groups : s.inC;
  const bool padded =
      layout == Layout::NhwcHwcfPadded || layout == Layout::NchwFchwPadded;
  const int64_t g = padded ? 1 : 0; // slack added at every level
  if (layout == Layout::NhwcHwcf || layout == Layout::NhwcHwcfPadded) {
    // Innermost stride 1 even when padded, as a strided view of a larger
    // tensor would be; slack goes between pixels, rows and images.
    const int64_t x = s.inC + 3 * g, y = s.inW * x + 5 * g;
    d.in_strides[3] = 1;
    d.in_strides[2] = x;
    d.in_strides[1] = y;
    d.in_strides[0] = s.inH * y + 7 * g;
    const int64_t fcS = s.outC + 2 * g, fkx = fc * fcS + g,
                  fky = s.kw * fkx + g;
    d.filter_strides[3] = 1;
    d.filter_strides[2] = fcS;
    d.filter_strides[1] = fkx;
    d.filter_strides[0] = fky;
    const int64_t ox = s.outC + 2 * g, oy = d.out_w * ox + 3 * g;
    d.out_strides[3] = 1;
    d.out_strides[2] = ox;
    d.out_strides[1] = oy;
    d.out_strides[0] = d.out_h * oy + 5 * g;
  } else {
    const int64_t row = s.inW + 3 * g, plane = s.inH * row + 2 * g;
    d.in_strides[2] = 1;
    d.in_strides[1] = row;
    d.in_strides[3] = plane;
    d.in_strides[0] = s.inC * plane + 5 * g;
    // FCHW: (f, c, ky, kx).
    const int64_t fky = s.kw + g, fcS = s.kh * fky + g, ff = fc * fcS + g;
    d.filter_strides[1] = 1;
    d.filter_strides[0] = fky;
    d.filter_strides[2] = fcS;
    d.filter_strides[3] = ff;
    const int64_t orow = d.out_w + 2 * g, oplane = d.out_h * orow + g;
    d.out_strides[2] = 1;
    d.out_strides[1] = orow;
    d.out_strides[3] = oplane;
    d.out_strides[0] = s.outC * oplane + 3 * g;
  }
  return d;
}

// Offsets of the lowest and highest element of a 4-D strided view.
struct Span {
  int64_t lo = 0, hi = 0; // hi inclusive; empty view: lo = 0, hi = -1
};
inline Span spanOf(const int64_t extents[4], const int64_t strides[4]) {
  Span s;
  for (int i = 0; i < 4; ++i)
    if (extents[i] <= 0)
      return {0, -1};
  for (int i = 0; i < 4; ++i) {
    const int64_t last = (extents[i] - 1) * strides[i];
    (last < 0 ? s.lo : s.hi) += last;
  }
  return s;
}

// A buffer holding one strided operand: `base` is the element offset of the
// view's origin (> 0 when some stride is negative).
struct ViewBuffer {
  Buffer buf;
  int64_t base = 0;
  ViewBuffer(int kind, const int64_t extents[4], const int64_t strides[4])
      : buf(kind, 1) {
    const Span s = spanOf(extents, strides);
    buf = Buffer(kind, size_t(std::max<int64_t>(s.hi - s.lo + 1, 1)));
    base = -s.lo;
  }
  void *origin() { return buf.raw.data() + base * buf.bytes; }
  double at(const int64_t strides[4], int64_t a, int64_t b, int64_t c,
            int64_t d) const {
    return buf.get(size_t(base + a * strides[0] + b * strides[1] +
                          c * strides[2] + d * strides[3]));
  }
};

inline void inputExtents(const speir_conv2d_desc_t &d, int64_t e[4]) {
  e[0] = d.batch, e[1] = d.in_h, e[2] = d.in_w, e[3] = d.in_c;
}
inline void filterExtents(const speir_conv2d_desc_t &d, int64_t e[4]) {
  e[0] = d.kernel_h, e[1] = d.kernel_w,
  e[2] = d.groups > 0 ? d.in_c / d.groups : d.in_c, e[3] = d.out_c;
}
inline void outputExtents(const speir_conv2d_desc_t &d, int64_t e[4]) {
  e[0] = d.batch, e[1] = d.out_h, e[2] = d.out_w, e[3] = d.out_c;
}

// The three operands of one convolution call, filled with random values
// (integers hit -128 / 127 / 0 / 255 often).
struct ConvOperands {
  ViewBuffer input, filter, output;
  ConvOperands(int32_t type, const speir_conv2d_desc_t &d, uint32_t seed)
      : input(makeView(gemm::test::lhsKind(type), d, 0)),
        filter(makeView(gemm::test::rhsKind(type), d, 1)),
        output(makeView(gemm::test::accKind(type), d, 2)) {
    std::mt19937 rng(seed);
    gemm::test::fillRandom(input.buf, rng);
    gemm::test::fillRandom(filter.buf, rng);
    gemm::test::fillRandom(output.buf, rng);
  }
  static ViewBuffer makeView(int kind, const speir_conv2d_desc_t &d,
                             int which) {
    int64_t e[4];
    const int64_t *st = which == 0   ? d.in_strides
                        : which == 1 ? d.filter_strides
                                     : d.out_strides;
    if (which == 0)
      inputExtents(d, e);
    else if (which == 1)
      filterExtents(d, e);
    else
      outputExtents(d, e);
    return ViewBuffer(kind, e, st);
  }
};

// Reference value of output (n, oy, ox, f) with the ABI's semantics, in
// double (floats) and int64 wrapped to int32 (integers); *sumAbs is the sum
// of |products| (plus |initial|), the scale of the float rounding error.
// Calls fn(ky, kx, y, x) for every tap of the window of output (oy, ox)
// that lies inside the input (y, x), in ascending (ky, kx) order: the window
// geometry the convolution and pooling references share.
template <class Fn>
void forEachInputTap(const speir_conv2d_desc_t &d, int64_t oy, int64_t ox,
                     Fn fn) {
  for (int64_t ky = 0; ky < d.kernel_h; ++ky) {
    const int64_t y = oy * d.stride_h - d.pad_top + ky * d.dilation_h;
    if (y < 0 || y >= d.in_h)
      continue;
    for (int64_t kx = 0; kx < d.kernel_w; ++kx) {
      const int64_t x = ox * d.stride_w - d.pad_left + kx * d.dilation_w;
      if (x >= 0 && x < d.in_w)
        fn(ky, kx, y, x);
    }
  }
}

inline double referenceConvAt(int32_t type, const speir_conv2d_desc_t &d,
                              const ViewBuffer &in, const ViewBuffer &filt,
                              double initial, int64_t n, int64_t oy, int64_t ox,
                              int64_t f, double *sumAbs) {
  const int64_t cpg = d.in_c / d.groups, fpg = d.out_c / d.groups;
  const int64_t g = f / fpg;
  double acc = initial, abs = std::fabs(initial);
  int64_t iacc = int64_t(initial);
  forEachInputTap(d, oy, ox, [&](int64_t ky, int64_t kx, int64_t y, int64_t x) {
    for (int64_t c = 0; c < cpg; ++c) {
      const double a = in.at(d.in_strides, n, y, x, g * cpg + c);
      const double b = filt.at(d.filter_strides, ky, kx, c, f);
      acc += a * b;
      abs += std::fabs(a * b);
      iacc += int64_t(a) * int64_t(b);
    }
  });
  if (sumAbs)
    *sumAbs = abs;
  if (gemm::test::isInt(type))
    return double(int32_t(uint32_t(uint64_t(iacc))));
  return acc;
}

// Checks `got` (the output after the call) against the reference computed
// from `ops` (the operands before the call, output = initial values): every
// element of the view within the type's tolerance (integers exact), and
// every element of the buffer outside the view unchanged. Reports at most
// `maxReports` mismatches; returns the number of bad elements.
inline int64_t checkConv2d(int32_t type, uint32_t flags,
                           const speir_conv2d_desc_t &d,
                           const ConvOperands &ops, const Buffer &got,
                           int maxReports = 5) {
  const bool accumulate = flags & SPEIR_GEMM_ACCUMULATE;
  const int64_t kVol = d.kernel_h * d.kernel_w * (d.in_c / d.groups);
  const Buffer &init = ops.output.buf;
  std::vector<bool> inView(init.size(), false);
  int64_t bad = 0;
  for (int64_t n = 0; n < d.batch; ++n)
    for (int64_t oy = 0; oy < d.out_h; ++oy)
      for (int64_t ox = 0; ox < d.out_w; ++ox)
        for (int64_t f = 0; f < d.out_c; ++f) {
          const size_t idx = size_t(
              ops.output.base + n * d.out_strides[0] + oy * d.out_strides[1] +
              ox * d.out_strides[2] + f * d.out_strides[3]);
          inView[idx] = true;
          double sumAbs = 0;
          const double ref = referenceConvAt(type, d, ops.input, ops.filter,
                                             accumulate ? init.get(idx) : 0.0,
                                             n, oy, ox, f, &sumAbs);
          const double v = got.get(idx);
          const double tol = gemm::test::tolerance(type, kVol, sumAbs, ref);
          if (!(std::fabs(v - ref) <= tol)) {
            if (bad++ < maxReports)
              ADD_FAILURE() << "output (n=" << n << ", oy=" << oy
                            << ", ox=" << ox << ", f=" << f << ") got " << v
                            << " want " << ref << " (tol " << tol << ")";
          }
        }
  for (size_t i = 0; i < init.size(); ++i)
    if (!inView[i] && got.get(i) != init.get(i)) {
      if (bad++ < maxReports)
        ADD_FAILURE() << "element " << i << " outside the output view changed";
    }
  return bad;
}

} // namespace speir::conv::test

#endif // SPEIR_TEST_CONV_CONVREFERENCE_H

// Direct convolution for the shapes the GEMM strategies do not serve well:
// grouped convolutions with few channels per group, and depthwise ones
// until the depthwise kernel serves the type. Per output pixel a row of
// out_c accumulators (f32, or int32 as wrapping uint32); loops ky, kx, c with
// the innermost over the group's output channels (filter f-contiguous in
// HWCF), or over the channels themselves for depthwise (one channel per
// group, contiguous in NHWC). Every element sums (ky, kx, c) in ascending
// order; threads split output rows.
#include <algorithm>
#include <vector>

#include "kernels/Tuning.h"
#include "kernels/conv/ConvProblem.h"
#include "kernels/gemm/Half.h"
#include "speir/abi.h"
#include "threading/Parallel.h"

namespace speir::conv {
namespace {

using gemm::GemmType;

// Element value in the accumulator type. Integer products are formed in
// uint32 so overflow wraps (as int32 hardware arithmetic does), never UB.
inline float widenHalf(uint16_t v) { return gemm::halfToFloat(v); }
template <class T> inline uint32_t widenInt(T v) {
  return uint32_t(int32_t(v));
}

template <class TI, class TW, class TA> struct Ops;
template <> struct Ops<float, float, float> {
  static float a(float v) { return v; }
  static float w(float v) { return v; }
};
template <> struct Ops<uint16_t, uint16_t, float> {
  static float a(uint16_t v) { return widenHalf(v); }
  static float w(uint16_t v) { return widenHalf(v); }
};
template <class TI, class TW> struct Ops<TI, TW, uint32_t> {
  static uint32_t a(TI v) { return widenInt(v); }
  static uint32_t w(TW v) { return widenInt(v); }
};

template <class TI, class TW, class TA> struct DirectKernel {
  using O = Ops<TI, TW, TA>;

  static void rows(const ConvProblem &p, int64_t begin, int64_t end) {
    const auto &d = p.d;
    const int64_t *is = d.in_strides, *fs = d.filter_strides,
                  *os = d.out_strides;
    const auto *in = reinterpret_cast<const TI *>(p.in);
    const auto *filter = reinterpret_cast<const TW *>(p.filter);
    const int outBytes = gemm::accElemBytes(p.type);
    const bool depthwise = p.cpg == 1 && p.fpg == 1;
    std::vector<TA> acc(size_t(d.out_c));
    for (int64_t row = begin; row < end; ++row) {
      const int64_t n = row / d.out_h, oy = row % d.out_h;
      for (int64_t ox = 0; ox < d.out_w; ++ox) {
        char *out = p.out + (n * os[0] + oy * os[1] + ox * os[2]) * outBytes;
        loadAcc(p, out, acc.data());
        for (int64_t ky = 0; ky < d.kernel_h; ++ky) {
          const int64_t y = oy * d.stride_h - d.pad_top + ky * d.dilation_h;
          if (y < 0 || y >= d.in_h)
            continue;
          for (int64_t kx = 0; kx < d.kernel_w; ++kx) {
            const int64_t x = ox * d.stride_w - d.pad_left + kx * d.dilation_w;
            if (x < 0 || x >= d.in_w)
              continue;
            const TI *px = in + n * is[0] + y * is[1] + x * is[2];
            const TW *tap = filter + ky * fs[0] + kx * fs[1];
            if (depthwise) {
              for (int64_t c = 0; c < d.in_c; ++c)
                acc[c] += O::a(px[c * is[3]]) * O::w(tap[c * fs[3]]);
              continue;
            }
            for (int64_t g = 0; g < d.groups; ++g)
              for (int64_t c = 0; c < p.cpg; ++c) {
                const TA a = O::a(px[(g * p.cpg + c) * is[3]]);
                const TW *w = tap + c * fs[2] + g * p.fpg * fs[3];
                TA *ac = acc.data() + g * p.fpg;
                for (int64_t f = 0; f < p.fpg; ++f)
                  ac[f] += a * O::w(w[f * fs[3]]);
              }
          }
        }
        storeAcc(p, acc.data(), out);
      }
    }
  }

  static void loadAcc(const ConvProblem &p, const char *out, TA *acc) {
    const int64_t fs = p.d.out_strides[3];
    for (int64_t f = 0; f < p.d.out_c; ++f) {
      if (!p.accumulate)
        acc[f] = TA(0);
      else if (p.type == GemmType::F16F16F16)
        acc[f] = TA(
            gemm::halfToFloat(reinterpret_cast<const uint16_t *>(out)[f * fs]));
      else
        acc[f] = reinterpret_cast<const TA *>(out)[f * fs];
    }
  }

  static void storeAcc(const ConvProblem &p, const TA *acc, char *out) {
    const int64_t fs = p.d.out_strides[3];
    for (int64_t f = 0; f < p.d.out_c; ++f) {
      if (p.type == GemmType::F16F16F16)
        reinterpret_cast<uint16_t *>(out)[f * fs] =
            gemm::floatToHalf(float(acc[f]));
      else
        reinterpret_cast<TA *>(out)[f * fs] = acc[f];
    }
  }
};

template <class K> int32_t runRows(const ConvProblem &p) {
  const int64_t rows = p.d.batch * p.d.out_h;
  if (p.singleThread || convMacs(p) < kTuning.convMinParallelMacs ||
      rt::numThreads(rt::CoreSet::Any) == 1) {
    K::rows(p, 0, rows);
    return SPEIR_OK;
  }
  return rt::parallelFor(rows, 1, rt::CoreSet::Any,
                         [&p](int64_t b, int64_t e) { K::rows(p, b, e); });
}

} // namespace

int32_t runDirect(const ConvProblem &p) {
  switch (p.type) {
  case GemmType::F32F32F32:
    return runRows<DirectKernel<float, float, float>>(p);
  case GemmType::F16F16F32:
  case GemmType::F16F16F16:
    return runRows<DirectKernel<uint16_t, uint16_t, float>>(p);
  case GemmType::S8S8S32:
    return runRows<DirectKernel<int8_t, int8_t, uint32_t>>(p);
  case GemmType::U8U8S32:
    return runRows<DirectKernel<uint8_t, uint8_t, uint32_t>>(p);
  case GemmType::S8U8S32:
    return runRows<DirectKernel<int8_t, uint8_t, uint32_t>>(p);
  case GemmType::U8S8S32:
    return runRows<DirectKernel<uint8_t, int8_t, uint32_t>>(p);
  }
  return SPEIR_ERROR_INTERNAL;
}

} // namespace speir::conv

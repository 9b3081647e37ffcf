// speir_pool2d: max / min / sum / average pooling over the window geometry
// of speir_conv2d_desc_t, on the window-row driver of Depthwise.cpp.
//
// Per output element: w = the kind's reduction of the window taps inside the
// input (taps in (ky, kx) order). max/min reduce in the input type (exact)
// and widen once; sums accumulate in f32 (float types) or int32 (int8);
// avg divides the sum by the in-bounds tap count (avg_include_pad by
// kernel_h * kernel_w), in f32, or for int8 in integers rounding half away
// from zero. A window entirely in padding gives -inf / +inf for max / min
// (INT32_MIN / INT32_MAX for the int32 output, the identity of the
// ACCUMULATE combine) and 0 for the sums and averages. ACCUMULATE then
// stores combine(output, w) with max / min / +; for f16 outputs the combine
// happens in f32 and rounds once.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>

#include "kernels/conv/Depthwise.h"
#include "kernels/conv/WindowElements.h"
#include "kernels/gemm/GemmTypes.h"
#include "kernels/gemm/Half.h"

namespace speir::conv {
namespace {

using gemm::GemmType;

using namespace elements;

// The reductions, on the accumulator type. The average kinds sum.
template <int Kind> struct Reduce {
  template <class A> static A identity() {
    if constexpr (Kind == SPEIR_POOL_MAX)
      return std::numeric_limits<A>::has_infinity
                 ? -std::numeric_limits<A>::infinity()
                 : std::numeric_limits<A>::lowest();
    else if constexpr (Kind == SPEIR_POOL_MIN)
      return std::numeric_limits<A>::has_infinity
                 ? std::numeric_limits<A>::infinity()
                 : std::numeric_limits<A>::max();
    else
      return A(0);
  }
  template <class A> static A apply(A acc, A x) {
    if constexpr (Kind == SPEIR_POOL_MAX)
      return x > acc ? x : acc;
    else if constexpr (Kind == SPEIR_POOL_MIN)
      return x < acc ? x : acc;
    else
      return acc + x;
  }
};

inline float divideSum(float sum, int64_t count) { return sum / float(count); }
// Round half away from zero; int64 so that sum + count / 2 cannot overflow.
inline int32_t divideSum(int32_t sum, int64_t count) {
  const int64_t s = sum, h = count / 2;
  return int32_t(s >= 0 ? (s + h) / count : (s - h) / count);
}

// w for a window of `count` in-bounds taps reduced to `acc`, combined with
// the output; the average kinds never accumulate (rejected up front).
template <int Kind, class Out, class A>
typename Out::T finish(A acc, int64_t count, int64_t windowSize,
                       const typename Out::T *o, bool accumulate) {
  if constexpr (Kind == SPEIR_POOL_AVG)
    acc = count == 0 ? A(0) : divideSum(acc, count);
  else if constexpr (Kind == SPEIR_POOL_AVG_INCLUDE_PAD)
    acc = divideSum(acc, windowSize);
  if (accumulate)
    acc = Reduce<Kind>::apply(A(Out::get(*o)), acc);
  return Out::put(acc);
}

// Any strides, one output element at a time.
template <int Kind, class In, class Out>
void poolRowGeneric(const WindowRow &r) {
  using A = typename In::Acc;
  const auto *in = static_cast<const typename In::T *>(r.in);
  auto *out = static_cast<typename Out::T *>(r.out);
  for (int64_t ox = r.ox0; ox < r.ox1; ++ox) {
    const int64_t ix0 = ox * r.strideW - r.padLeft;
    int64_t kx0, kx1;
    clipWindow(ix0, r.dilW, r.kernelW, r.inW, &kx0, &kx1);
    const int64_t count = (r.ky1 - r.ky0) * (kx1 - kx0);
    for (int64_t c = r.c0; c < r.c1; ++c) {
      A acc = Reduce<Kind>::template identity<A>();
      for (int64_t ky = r.ky0; ky < r.ky1; ++ky) {
        const auto *x =
            in + (r.iy0 + ky * r.dilH) * r.inSY + c * r.inSC + ix0 * r.inSX;
        for (int64_t kx = kx0; kx < kx1; ++kx)
          acc = Reduce<Kind>::apply(acc, A(In::get(x[kx * r.dilW * r.inSX])));
      }
      typename Out::T *o = out + ox * r.outSX + c * r.outSC;
      *o =
          finish<Kind, Out>(acc, count, r.kernelH * r.kernelW, o, r.accumulate);
    }
  }
}

// NHWC: channel strides 1; a block of channels per column.
template <int Kind, class In, class Out>
void poolRowChannels(const WindowRow &r) {
  using A = typename In::Acc;
  const auto *in = static_cast<const typename In::T *>(r.in);
  auto *out = static_cast<typename Out::T *>(r.out);
  for (int64_t ox = r.ox0; ox < r.ox1; ++ox) {
    const int64_t ix0 = ox * r.strideW - r.padLeft;
    int64_t kx0, kx1;
    clipWindow(ix0, r.dilW, r.kernelW, r.inW, &kx0, &kx1);
    const int64_t count = (r.ky1 - r.ky0) * (kx1 - kx0);
    for (int64_t cb = r.c0; cb < r.c1; cb += kBlock) {
      const int64_t n = std::min(kBlock, r.c1 - cb);
      A acc[kBlock];
      for (int64_t i = 0; i < n; ++i)
        acc[i] = Reduce<Kind>::template identity<A>();
      for (int64_t ky = r.ky0; ky < r.ky1; ++ky)
        for (int64_t kx = kx0; kx < kx1; ++kx) {
          const auto *x = in + (r.iy0 + ky * r.dilH) * r.inSY +
                          (ix0 + kx * r.dilW) * r.inSX + cb;
          for (int64_t i = 0; i < n; ++i)
            acc[i] = Reduce<Kind>::apply(acc[i], A(In::get(x[i])));
        }
      typename Out::T *o = out + ox * r.outSX + cb;
      for (int64_t i = 0; i < n; ++i)
        o[i] = finish<Kind, Out>(acc[i], count, r.kernelH * r.kernelW, o + i,
                                 r.accumulate);
    }
  }
}

// NCHW: output columns contiguous, interior columns only.
template <int Kind, class In, class Out>
void poolRowColumns(const WindowRow &r) {
  using A = typename In::Acc;
  const auto *in = static_cast<const typename In::T *>(r.in);
  auto *out = static_cast<typename Out::T *>(r.out);
  const int64_t step = r.strideW * r.inSX;
  const int64_t count = (r.ky1 - r.ky0) * r.kernelW;
  for (int64_t c = r.c0; c < r.c1; ++c)
    for (int64_t ob = r.ox0; ob < r.ox1; ob += kBlock) {
      const int64_t n = std::min(kBlock, r.ox1 - ob);
      A acc[kBlock];
      for (int64_t i = 0; i < n; ++i)
        acc[i] = Reduce<Kind>::template identity<A>();
      for (int64_t ky = r.ky0; ky < r.ky1; ++ky)
        for (int64_t kx = 0; kx < r.kernelW; ++kx) {
          const auto *x = in + (r.iy0 + ky * r.dilH) * r.inSY + c * r.inSC +
                          (ob * r.strideW - r.padLeft + kx * r.dilW) * r.inSX;
          if (step == 1)
            for (int64_t i = 0; i < n; ++i)
              acc[i] = Reduce<Kind>::apply(acc[i], A(In::get(x[i])));
          else
            for (int64_t i = 0; i < n; ++i)
              acc[i] = Reduce<Kind>::apply(acc[i], A(In::get(x[i * step])));
        }
      typename Out::T *o = out + c * r.outSC + ob;
      for (int64_t i = 0; i < n; ++i)
        o[i] = finish<Kind, Out>(acc[i], count, r.kernelH * r.kernelW, o + i,
                                 r.accumulate);
    }
}

template <int Kind, class In, class Out>
WindowRowKernel portableKernel(WindowLayout layout) {
  switch (layout) {
  case WindowLayout::Channels:
    return poolRowChannels<Kind, In, Out>;
  case WindowLayout::Columns:
    return poolRowColumns<Kind, In, Out>;
  case WindowLayout::Generic:
    break;
  }
  return poolRowGeneric<Kind, In, Out>;
}

template <class In, class Out>
WindowRowKernel portableKernel(int32_t kind, WindowLayout layout) {
  switch (kind) {
  case SPEIR_POOL_MAX:
    return portableKernel<SPEIR_POOL_MAX, In, Out>(layout);
  case SPEIR_POOL_MIN:
    return portableKernel<SPEIR_POOL_MIN, In, Out>(layout);
  case SPEIR_POOL_SUM:
    return portableKernel<SPEIR_POOL_SUM, In, Out>(layout);
  case SPEIR_POOL_AVG:
    return portableKernel<SPEIR_POOL_AVG, In, Out>(layout);
  case SPEIR_POOL_AVG_INCLUDE_PAD:
    return portableKernel<SPEIR_POOL_AVG_INCLUDE_PAD, In, Out>(layout);
  }
  return nullptr;
}

WindowRowKernel portablePoolKernel(GemmType type, int32_t kind,
                                   WindowLayout layout) {
  switch (type) {
  case GemmType::F32F32F32:
    return portableKernel<F32, F32>(kind, layout);
  case GemmType::F16F16F32:
    return portableKernel<F16, F32>(kind, layout);
  case GemmType::F16F16F16:
    return portableKernel<F16, F16>(kind, layout);
  case GemmType::S8S8S32:
    return portableKernel<S8, S32>(kind, layout);
  default:
    return nullptr;
  }
}

int32_t validate(int32_t type, int32_t kind, uint32_t flags,
                 const speir_conv2d_desc_t *d, const void *input,
                 const void *output) {
  if (!d || !input || !output)
    return SPEIR_ERROR_INVALID_ARGUMENT;
  if (flags & ~uint32_t(SPEIR_GEMM_ACCUMULATE | SPEIR_GEMM_SINGLE_THREAD))
    return SPEIR_ERROR_INVALID_ARGUMENT;
  if (kind < SPEIR_POOL_MAX || kind > SPEIR_POOL_AVG_INCLUDE_PAD)
    return SPEIR_ERROR_INVALID_ARGUMENT;
  if ((flags & SPEIR_GEMM_ACCUMULATE) &&
      (kind == SPEIR_POOL_AVG || kind == SPEIR_POOL_AVG_INCLUDE_PAD))
    return SPEIR_ERROR_INVALID_ARGUMENT;
  if (!gemm::isValidConvType(type))
    return SPEIR_ERROR_INVALID_ARGUMENT;
  if (d->batch < 0 || d->in_h < 0 || d->in_w < 0 || d->in_c < 0 ||
      d->out_h < 0 || d->out_w < 0 || d->out_c < 0)
    return SPEIR_ERROR_INVALID_ARGUMENT;
  if (d->out_c != d->in_c)
    return SPEIR_ERROR_INVALID_ARGUMENT;
  if (d->kernel_h < 1 || d->kernel_w < 1 || d->stride_h < 1 ||
      d->stride_w < 1 || d->dilation_h < 1 || d->dilation_w < 1 ||
      d->pad_top < 0 || d->pad_left < 0)
    return SPEIR_ERROR_INVALID_ARGUMENT;
  // Keep window arithmetic (o * stride + k * dilation) far from overflow.
  constexpr int64_t kLimit = int64_t(1) << 31;
  for (int64_t v : {d->batch, d->in_h, d->in_w, d->in_c, d->out_h, d->out_w,
                    d->kernel_h, d->kernel_w, d->stride_h, d->stride_w,
                    d->dilation_h, d->dilation_w, d->pad_top, d->pad_left})
    if (v > kLimit)
      return SPEIR_ERROR_INVALID_ARGUMENT;
  if (type != SPEIR_GEMM_F32_F32_F32 && type != SPEIR_GEMM_F16_F16_F16 &&
      type != SPEIR_GEMM_F16_F16_F32 && type != SPEIR_GEMM_S8_S8_S32)
    return SPEIR_ERROR_UNSUPPORTED;
  return SPEIR_OK;
}

} // namespace
} // namespace speir::conv

using namespace speir::conv;
namespace gemm = speir::gemm;

extern "C" int32_t speir_pool2d(int32_t type, int32_t kind, uint32_t flags,
                                const speir_conv2d_desc_t *desc,
                                const void *input, void *output) {
  const int32_t st = validate(type, kind, flags, desc, input, output);
  if (st != SPEIR_OK)
    return st;
  const speir_conv2d_desc_t &d = *desc;
  const GemmType t = GemmType(type);
  const WindowLayout layout = chooseWindowLayout(d);
  WindowRowKernel fast = nullptr;
#if defined(__riscv) && defined(__riscv_vector)
  fast = poolRowKernelRvv(type, kind, layout);
#endif
  if (!fast)
    fast = portablePoolKernel(t, kind, layout);
  const WindowRowKernel generic =
      portablePoolKernel(t, kind, WindowLayout::Generic);

  WindowRow proto = windowRowPrototype(d, input, output);
  proto.poolKind = kind;
  proto.accumulate = flags & SPEIR_GEMM_ACCUMULATE;
  return forEachWindowRow(d, flags, d.kernel_h * d.kernel_w, proto,
                          gemm::lhsElemBytes(t), gemm::accElemBytes(t), layout,
                          fast, generic);
}

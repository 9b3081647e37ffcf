// Direct depthwise convolution (groups == in_c == out_c) and the window-row
// driver it shares with pooling.
//
// Each output element is sum over the window taps inside the input of
// input * filter, taps in (ky, kx) ascending order, accumulated in f32
// (float types) or int32 (int8 types) starting from 0 or, with ACCUMULATE,
// from the output. The window is clipped to the input once per row (ky) and
// once per column (kx), so inner loops carry no bounds checks.
//
// Kernels: RVV row kernels on riscv64 (ukernels/riscv64/DepthwiseRvv.cpp);
// elsewhere the portable row kernels below, written as plain loops over a
// contiguous block of channels (NHWC) or output columns (NCHW) so that the
// compiler vectorizes them; any other view goes element by element.
#include "kernels/conv/Depthwise.h"
#include "kernels/Tuning.h"

#include <algorithm>
#include <cstring>

#include "kernels/conv/WindowElements.h"
#include "kernels/gemm/GemmTypes.h"
#include "kernels/gemm/Half.h"
#include "threading/Parallel.h"

namespace speir::conv {
namespace {

using gemm::GemmType;

using namespace elements;

// Any strides, one output element at a time.
template <class In, class W, class Out, class Acc>
void depthwiseRowGeneric(const WindowRow &r) {
  const auto *in = static_cast<const typename In::T *>(r.in);
  const auto *filter = static_cast<const typename W::T *>(r.filter);
  auto *out = static_cast<typename Out::T *>(r.out);
  for (int64_t ox = r.ox0; ox < r.ox1; ++ox) {
    const int64_t ix0 = ox * r.strideW - r.padLeft;
    int64_t kx0, kx1;
    clipWindow(ix0, r.dilW, r.kernelW, r.inW, &kx0, &kx1);
    for (int64_t c = r.c0; c < r.c1; ++c) {
      typename Out::T *o = out + ox * r.outSX + c * r.outSC;
      Acc acc = r.accumulate ? Acc(Out::get(*o)) : Acc(0);
      for (int64_t ky = r.ky0; ky < r.ky1; ++ky) {
        const auto *x =
            in + (r.iy0 + ky * r.dilH) * r.inSY + c * r.inSC + ix0 * r.inSX;
        const auto *w = filter + ky * r.filterSY + c * r.filterSC;
        for (int64_t kx = kx0; kx < kx1; ++kx)
          acc += Acc(In::get(x[kx * r.dilW * r.inSX])) *
                 Acc(W::get(w[kx * r.filterSX]));
      }
      *o = Out::put(acc);
    }
  }
}

// NHWC: channel strides 1, filter packed [kernel_h][kernel_w][C].
template <class In, class W, class Out, class Acc>
void depthwiseRowChannels(const WindowRow &r) {
  const auto *in = static_cast<const typename In::T *>(r.in);
  const auto *filter = static_cast<const typename W::T *>(r.filter);
  auto *out = static_cast<typename Out::T *>(r.out);
  for (int64_t ox = r.ox0; ox < r.ox1; ++ox) {
    const int64_t ix0 = ox * r.strideW - r.padLeft;
    int64_t kx0, kx1;
    clipWindow(ix0, r.dilW, r.kernelW, r.inW, &kx0, &kx1);
    for (int64_t cb = r.c0; cb < r.c1; cb += kBlock) {
      const int64_t n = std::min(kBlock, r.c1 - cb);
      typename Out::T *o = out + ox * r.outSX + cb;
      Acc acc[kBlock];
      for (int64_t i = 0; i < n; ++i)
        acc[i] = r.accumulate ? Acc(Out::get(o[i])) : Acc(0);
      for (int64_t ky = r.ky0; ky < r.ky1; ++ky)
        for (int64_t kx = kx0; kx < kx1; ++kx) {
          const auto *x = in + (r.iy0 + ky * r.dilH) * r.inSY +
                          (ix0 + kx * r.dilW) * r.inSX + cb;
          const auto *w = filter + ky * r.filterSY + kx * r.filterSX + cb;
          for (int64_t i = 0; i < n; ++i)
            acc[i] += Acc(In::get(x[i])) * Acc(W::get(w[i]));
        }
      for (int64_t i = 0; i < n; ++i)
        o[i] = Out::put(acc[i]);
    }
  }
}

// NCHW: output column stride 1, interior columns only (every kx inside).
template <class In, class W, class Out, class Acc>
void depthwiseRowColumns(const WindowRow &r) {
  const auto *in = static_cast<const typename In::T *>(r.in);
  const auto *filter = static_cast<const typename W::T *>(r.filter);
  auto *out = static_cast<typename Out::T *>(r.out);
  const int64_t step = r.strideW * r.inSX;
  for (int64_t c = r.c0; c < r.c1; ++c)
    for (int64_t ob = r.ox0; ob < r.ox1; ob += kBlock) {
      const int64_t n = std::min(kBlock, r.ox1 - ob);
      typename Out::T *o = out + c * r.outSC + ob;
      Acc acc[kBlock];
      for (int64_t i = 0; i < n; ++i)
        acc[i] = r.accumulate ? Acc(Out::get(o[i])) : Acc(0);
      for (int64_t ky = r.ky0; ky < r.ky1; ++ky)
        for (int64_t kx = 0; kx < r.kernelW; ++kx) {
          const auto *x = in + (r.iy0 + ky * r.dilH) * r.inSY + c * r.inSC +
                          (ob * r.strideW - r.padLeft + kx * r.dilW) * r.inSX;
          const Acc w = Acc(W::get(
              filter[ky * r.filterSY + kx * r.filterSX + c * r.filterSC]));
          if (step == 1)
            for (int64_t i = 0; i < n; ++i)
              acc[i] += Acc(In::get(x[i])) * w;
          else
            for (int64_t i = 0; i < n; ++i)
              acc[i] += Acc(In::get(x[i * step])) * w;
        }
      for (int64_t i = 0; i < n; ++i)
        o[i] = Out::put(acc[i]);
    }
}

template <class In, class W, class Out, class Acc>
WindowRowKernel portableKernel(WindowLayout layout) {
  switch (layout) {
  case WindowLayout::Channels:
    return depthwiseRowChannels<In, W, Out, Acc>;
  case WindowLayout::Columns:
    return depthwiseRowColumns<In, W, Out, Acc>;
  case WindowLayout::Generic:
    break;
  }
  return depthwiseRowGeneric<In, W, Out, Acc>;
}

// The portable kernels read a packed f16 filter as f32 (converted once).
WindowRowKernel portableDepthwiseKernel(GemmType type, WindowLayout layout) {
  const bool packed = layout == WindowLayout::Channels;
  switch (type) {
  case GemmType::F32F32F32:
    return portableKernel<F32, F32, F32, float>(layout);
  case GemmType::F16F16F32:
    return packed ? portableKernel<F16, F32, F32, float>(layout)
                  : portableKernel<F16, F16, F32, float>(layout);
  case GemmType::F16F16F16:
    return packed ? portableKernel<F16, F32, F16, float>(layout)
                  : portableKernel<F16, F16, F16, float>(layout);
  case GemmType::S8S8S32:
    return portableKernel<S8, S8, S32, int32_t>(layout);
  case GemmType::U8U8S32:
    return portableKernel<U8, U8, S32, int32_t>(layout);
  case GemmType::S8U8S32:
    return portableKernel<S8, U8, S32, int32_t>(layout);
  case GemmType::U8S8S32:
    return portableKernel<U8, S8, S32, int32_t>(layout);
  }
  return nullptr;
}

} // namespace

WindowRow windowRowPrototype(const speir_conv2d_desc_t &d, const void *input,
                             void *output) {
  WindowRow proto{};
  proto.in = input;
  proto.inSY = d.in_strides[1];
  proto.inSX = d.in_strides[2];
  proto.inSC = d.in_strides[3];
  proto.out = output;
  proto.outSX = d.out_strides[2];
  proto.outSC = d.out_strides[3];
  proto.inW = d.in_w;
  proto.dilH = d.dilation_h;
  proto.kernelH = d.kernel_h;
  proto.kernelW = d.kernel_w;
  proto.strideW = d.stride_w;
  proto.dilW = d.dilation_w;
  proto.padLeft = d.pad_left;
  return proto;
}

WindowLayout chooseWindowLayout(const speir_conv2d_desc_t &d) {
  const bool channels = d.in_strides[3] == 1 && d.out_strides[3] == 1;
  const bool columns = d.out_strides[2] == 1;
  if (channels && (d.in_c >= 8 || !columns))
    return WindowLayout::Channels;
  if (columns)
    return WindowLayout::Columns;
  return WindowLayout::Generic;
}

int32_t forEachWindowRow(const speir_conv2d_desc_t &d, uint32_t flags,
                         int64_t macsPerOutput, const WindowRow &proto,
                         int inElemBytes, int outElemBytes, WindowLayout layout,
                         WindowRowKernel fast, WindowRowKernel generic) {
  const int64_t rows = d.batch * d.out_h;
  const int64_t channels = d.out_c;
  if (rows == 0 || d.out_w == 0 || channels == 0)
    return SPEIR_OK;
  const int64_t work = rows * d.out_w * channels * macsPerOutput;
  const int threads = (flags & SPEIR_GEMM_SINGLE_THREAD) ||
                              work < kTuning.depthwiseMinParallelMacs
                          ? 1
                          : rt::numThreads(rt::CoreSet::Any);
  // Split channels too when there are few rows (late MobileNet layers:
  // 7x7 outputs, 1024 channels), in blocks of 16 so vectors stay full.
  int64_t channelBlock = channels;
  if (threads > 1 && rows < 4 * threads) {
    const int64_t blocks =
        std::min((4 * threads + rows - 1) / rows, (channels + 15) / 16);
    channelBlock = ((channels + blocks - 1) / blocks + 15) / 16 * 16;
  }
  const int64_t channelBlocks = (channels + channelBlock - 1) / channelBlock;

  // Interior columns: every kx tap inside [0, in_w).
  int64_t oxLo = 0, oxHi = d.out_w;
  if (layout == WindowLayout::Columns) {
    oxLo = std::min(d.out_w, (d.pad_left + d.stride_w - 1) / d.stride_w);
    const int64_t last =
        d.in_w - 1 - (d.kernel_w - 1) * d.dilation_w + d.pad_left;
    oxHi = last < 0 ? 0 : std::min(d.out_w, last / d.stride_w + 1);
    oxHi = std::max(oxHi, oxLo);
  }

  auto body = [&](int64_t begin, int64_t end) {
    for (int64_t t = begin; t < end; ++t) {
      const int64_t row = t / channelBlocks, block = t % channelBlocks;
      const int64_t n = row / d.out_h, oy = row % d.out_h;
      WindowRow r = proto;
      r.in = static_cast<const char *>(proto.in) +
             n * d.in_strides[0] * inElemBytes;
      r.out = static_cast<char *>(proto.out) +
              (n * d.out_strides[0] + oy * d.out_strides[1]) * outElemBytes;
      r.iy0 = oy * d.stride_h - d.pad_top;
      clipWindow(r.iy0, d.dilation_h, d.kernel_h, d.in_h, &r.ky0, &r.ky1);
      r.c0 = block * channelBlock;
      r.c1 = std::min(channels, r.c0 + channelBlock);
      auto run = [&](WindowRowKernel k, int64_t ox0, int64_t ox1) {
        if (ox0 >= ox1)
          return;
        r.ox0 = ox0;
        r.ox1 = ox1;
        k(r);
      };
      switch (layout) {
      case WindowLayout::Channels:
        run(fast, 0, d.out_w);
        break;
      case WindowLayout::Columns:
        run(generic, 0, oxLo);
        run(fast, oxLo, oxHi);
        run(generic, oxHi, d.out_w);
        break;
      case WindowLayout::Generic:
        run(generic, 0, d.out_w);
        break;
      }
    }
  };
  const int64_t tasks = rows * channelBlocks;
  if (threads == 1) {
    body(0, tasks);
    return SPEIR_OK;
  }
  return rt::parallelFor(tasks, 1, rt::CoreSet::Any, body);
}

bool depthwiseApplies(int32_t type, const speir_conv2d_desc_t &desc) {
  return gemm::isValidConvType(type) && desc.groups == desc.in_c &&
         desc.in_c == desc.out_c;
}

int32_t depthwiseConv2d(int32_t type, uint32_t flags,
                        const speir_conv2d_desc_t &d, const void *input,
                        const void *filter, void *output) {
  if (d.batch == 0 || d.out_h == 0 || d.out_w == 0 || d.out_c == 0)
    return SPEIR_OK;
  const GemmType t = GemmType(type);
  const WindowLayout layout = chooseWindowLayout(d);
  const int inBytes = gemm::lhsElemBytes(t);
  const int outBytes = gemm::accElemBytes(t);

  WindowRowKernel fast = nullptr;
  bool f16FilterAsF32 = true;
#if defined(__riscv) && defined(__riscv_vector)
  fast = depthwiseRowKernelRvv(type, layout);
  f16FilterAsF32 = fast == nullptr;
#endif
  if (!fast)
    fast = portableDepthwiseKernel(t, layout);
  const WindowRowKernel generic =
      portableDepthwiseKernel(t, WindowLayout::Generic);

  WindowRow proto = windowRowPrototype(d, input, output);
  proto.filter = filter;
  proto.filterSY = d.filter_strides[0];
  proto.filterSX = d.filter_strides[1];
  proto.filterSC = d.filter_strides[3];
  proto.accumulate = flags & SPEIR_GEMM_ACCUMULATE;

  // Channels layout: the filter as [kernel_h][kernel_w][C] so that each tap
  // is one contiguous vector of channels. An HWC filter already is (unless
  // the portable kernels want f16 widened to f32): used in place.
  void *packed = nullptr;
  const int64_t c = d.in_c;
  const bool toF32 = f16FilterAsF32 && inBytes == 2;
  const bool inPlace = !toF32 && proto.filterSC == 1 && proto.filterSX == c &&
                       proto.filterSY == d.kernel_w * c;
  if (layout == WindowLayout::Channels && !inPlace) {
    const int packedBytes = toF32 ? 4 : inBytes;
    packed = speir_scratch_alloc(d.kernel_h * d.kernel_w * c * packedBytes, 64);
    if (!packed)
      return SPEIR_ERROR_OUT_OF_MEMORY;
    const char *src = static_cast<const char *>(filter);
    char *dst = static_cast<char *>(packed);
    for (int64_t ky = 0; ky < d.kernel_h; ++ky)
      for (int64_t kx = 0; kx < d.kernel_w; ++kx) {
        const char *s =
            src + (ky * proto.filterSY + kx * proto.filterSX) * inBytes;
        char *o = dst + (ky * d.kernel_w + kx) * c * packedBytes;
        if (!toF32 && proto.filterSC == 1) {
          std::memcpy(o, s, size_t(c * inBytes));
          continue;
        }
        for (int64_t ch = 0; ch < c; ++ch) {
          const char *e = s + ch * proto.filterSC * inBytes;
          if (toF32) {
            uint16_t h;
            std::memcpy(&h, e, 2);
            const float f = gemm::halfToFloat(h);
            std::memcpy(o + ch * 4, &f, 4);
          } else {
            std::memcpy(o + ch * inBytes, e, size_t(inBytes));
          }
        }
      }
    proto.filter = packed;
    proto.filterSY = d.kernel_w * c;
    proto.filterSX = c;
    proto.filterSC = 1;
  }
  const int32_t st = forEachWindowRow(d, flags, d.kernel_h * d.kernel_w, proto,
                                      inBytes, outBytes, layout, fast, generic);
  if (packed)
    speir_scratch_free(packed);
  return st;
}

} // namespace speir::conv

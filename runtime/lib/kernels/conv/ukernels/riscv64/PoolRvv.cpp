// RVV row kernels for speir_pool2d (see WindowRow in Depthwise.h and the
// semantics at the top of Pool2d.cpp).
//
// max/min reduce in the input type (exact: f32m4, f16m2 with Zvfh, i8m1)
// starting from the first tap, and widen once; sums widen each tap into
// an e32m4 accumulator (vfwadd.wv for f16, vsext + vadd for int8). As in
// the depthwise kernels, e32m4 / e16m2 / e8m1 share one vl. Averages divide
// in f32 (vfdiv, as the portable path) or, for int32, round half away from
// zero with an integer divide. Windows entirely in padding store the
// identity of the combine (-inf / +inf / INT32_MIN / INT32_MAX / 0).
#include <riscv_vector.h>

#include <cstddef>
#include <cstdint>
#include <limits>
#include <type_traits>

#include "kernels/conv/Depthwise.h"
#include "kernels/conv/ukernels/riscv64/RvvOutIo.h"

namespace speir::conv {
namespace {

constexpr int kMax = SPEIR_POOL_MAX, kMin = SPEIR_POOL_MIN;
constexpr bool isMinMax(int kind) { return kind == kMax || kind == kMin; }

struct F32Ops : RvvOutIo<float> {
  using In = float;
  using Out = float;
  using InV = vfloat32m4_t;
  using AccV = vfloat32m4_t;
  static constexpr bool kFloat = true;
  static size_t setvl(size_t n) { return __riscv_vsetvl_e32m4(n); }
  static InV loadIn(const In *p, ptrdiff_t stride, size_t vl) {
    return stride == 1
               ? __riscv_vle32_v_f32m4(p, vl)
               : __riscv_vlse32_v_f32m4(p, stride * ptrdiff_t(sizeof(In)), vl);
  }
  template <int Kind> static InV reduce(InV a, InV x, size_t vl) {
    if constexpr (Kind == kMax)
      return __riscv_vfmax_vv_f32m4(a, x, vl);
    else
      return __riscv_vfmin_vv_f32m4(a, x, vl);
  }
  static AccV widen(InV x, size_t) { return x; }
  static AccV addWiden(AccV a, InV x, size_t vl) {
    return __riscv_vfadd_vv_f32m4(a, x, vl);
  }
};

template <bool kF16Out>
struct F16Ops : RvvOutIo<std::conditional_t<kF16Out, _Float16, float>> {
  using In = _Float16;
  using Out = std::conditional_t<kF16Out, _Float16, float>;
  using InV = vfloat16m2_t;
  using AccV = vfloat32m4_t;
  static constexpr bool kFloat = true;
  static size_t setvl(size_t n) { return __riscv_vsetvl_e32m4(n); }
  static InV loadIn(const In *p, ptrdiff_t stride, size_t vl) {
    return stride == 1
               ? __riscv_vle16_v_f16m2(p, vl)
               : __riscv_vlse16_v_f16m2(p, stride * ptrdiff_t(sizeof(In)), vl);
  }
  template <int Kind> static InV reduce(InV a, InV x, size_t vl) {
    if constexpr (Kind == kMax)
      return __riscv_vfmax_vv_f16m2(a, x, vl);
    else
      return __riscv_vfmin_vv_f16m2(a, x, vl);
  }
  static AccV widen(InV x, size_t vl) {
    return __riscv_vfwcvt_f_f_v_f32m4(x, vl);
  }
  static AccV addWiden(AccV a, InV x, size_t vl) {
    return __riscv_vfwadd_wv_f32m4(a, x, vl);
  }
};

struct S8Ops : RvvOutIo<int32_t> {
  using In = int8_t;
  using Out = int32_t;
  using InV = vint8m1_t;
  using AccV = vint32m4_t;
  static constexpr bool kFloat = false;
  static size_t setvl(size_t n) { return __riscv_vsetvl_e32m4(n); }
  static InV loadIn(const In *p, ptrdiff_t stride, size_t vl) {
    return stride == 1 ? __riscv_vle8_v_i8m1(p, vl)
                       : __riscv_vlse8_v_i8m1(p, stride, vl);
  }
  template <int Kind> static InV reduce(InV a, InV x, size_t vl) {
    if constexpr (Kind == kMax)
      return __riscv_vmax_vv_i8m1(a, x, vl);
    else
      return __riscv_vmin_vv_i8m1(a, x, vl);
  }
  static AccV widen(InV x, size_t vl) { return __riscv_vsext_vf4_i32m4(x, vl); }
  static AccV addWiden(AccV a, InV x, size_t vl) {
    return __riscv_vadd_vv_i32m4(a, __riscv_vsext_vf4_i32m4(x, vl), vl);
  }
};

// The combine's identity: what a window entirely in padding produces.
template <class Ops, int Kind> typename Ops::AccV identity(size_t vl) {
  if constexpr (Ops::kFloat) {
    constexpr float inf = std::numeric_limits<float>::infinity();
    return __riscv_vfmv_v_f_f32m4(Kind == kMax   ? -inf
                                  : Kind == kMin ? inf
                                                 : 0.0f,
                                  vl);
  } else {
    return __riscv_vmv_v_x_i32m4(
        Kind == kMax   ? std::numeric_limits<int32_t>::min()
        : Kind == kMin ? std::numeric_limits<int32_t>::max()
                       : 0,
        vl);
  }
}

template <class Ops, int Kind>
typename Ops::AccV combine(typename Ops::AccV a, typename Ops::AccV b,
                           size_t vl) {
  if constexpr (Ops::kFloat) {
    if constexpr (Kind == kMax)
      return __riscv_vfmax_vv_f32m4(a, b, vl);
    else if constexpr (Kind == kMin)
      return __riscv_vfmin_vv_f32m4(a, b, vl);
    else
      return __riscv_vfadd_vv_f32m4(a, b, vl);
  } else {
    if constexpr (Kind == kMax)
      return __riscv_vmax_vv_i32m4(a, b, vl);
    else if constexpr (Kind == kMin)
      return __riscv_vmin_vv_i32m4(a, b, vl);
    else
      return __riscv_vadd_vv_i32m4(a, b, vl);
  }
}

// sum / divisor; integers round half away from zero: (s + sign(s) * (d/2)) / d
// truncated (wraps only for sums within d/2 of the int32 limits).
template <class Ops>
typename Ops::AccV divide(typename Ops::AccV s, int64_t divisor, size_t vl) {
  if constexpr (Ops::kFloat) {
    return __riscv_vfdiv_vf_f32m4(s, float(divisor), vl);
  } else {
    const int32_t h = int32_t(divisor / 2);
    const vint32m4_t sign = __riscv_vsra_vx_i32m4(s, 31, vl); // 0 or -1
    const vint32m4_t bias =
        __riscv_vsub_vv_i32m4(__riscv_vxor_vx_i32m4(sign, h, vl), sign, vl);
    return __riscv_vdiv_vx_i32m4(__riscv_vadd_vv_i32m4(s, bias, vl),
                                 int32_t(divisor), vl);
  }
}

// One vector of outputs whose taps are visited by forTaps(fn), fn called
// with each tap's input pointer; `count` taps in total (0: all padding).
template <class Ops, int Kind, class ForTaps>
void poolVector(const ForTaps &forTaps, const typename Ops::In *first,
                ptrdiff_t step, int64_t count, int64_t windowSize,
                typename Ops::Out *o, bool accumulate, size_t vl) {
  using AccV = typename Ops::AccV;
  AccV w;
  if (count == 0) {
    w = identity<Ops, Kind>(vl);
  } else if constexpr (isMinMax(Kind)) {
    // Start from the first tap (max/min are idempotent, so folding it in
    // again below is harmless and keeps the loop uniform).
    auto m = Ops::loadIn(first, step, vl);
    forTaps([&](const typename Ops::In *x) {
      m = Ops::template reduce<Kind>(m, Ops::loadIn(x, step, vl), vl);
    });
    w = Ops::widen(m, vl);
  } else {
    w = identity<Ops, SPEIR_POOL_SUM>(vl);
    forTaps([&](const typename Ops::In *x) {
      w = Ops::addWiden(w, Ops::loadIn(x, step, vl), vl);
    });
    if constexpr (Kind == SPEIR_POOL_AVG)
      w = divide<Ops>(w, count, vl);
    else if constexpr (Kind == SPEIR_POOL_AVG_INCLUDE_PAD)
      w = divide<Ops>(w, windowSize, vl);
  }
  if (accumulate)
    w = combine<Ops, Kind>(Ops::loadOut(o, vl), w, vl);
  Ops::storeOut(o, w, vl);
}

template <class Ops, int Kind> void rowChannels(const WindowRow &r) {
  using In = typename Ops::In;
  const In *in = static_cast<const In *>(r.in);
  auto *out = static_cast<typename Ops::Out *>(r.out);
  for (int64_t ox = r.ox0; ox < r.ox1; ++ox) {
    const int64_t ix0 = ox * r.strideW - r.padLeft;
    int64_t kx0, kx1;
    clipWindow(ix0, r.dilW, r.kernelW, r.inW, &kx0, &kx1);
    const int64_t count = (r.ky1 - r.ky0) * (kx1 - kx0);
    for (int64_t c = r.c0; c < r.c1;) {
      const size_t vl = Ops::setvl(size_t(r.c1 - c));
      const In *base = in + c + ix0 * r.inSX;
      auto forTaps = [&](auto &&fn) {
        for (int64_t ky = r.ky0; ky < r.ky1; ++ky) {
          const In *x = base + (r.iy0 + ky * r.dilH) * r.inSY;
          for (int64_t kx = kx0; kx < kx1; ++kx)
            fn(x + kx * r.dilW * r.inSX);
        }
      };
      const In *first =
          base + (r.iy0 + r.ky0 * r.dilH) * r.inSY + kx0 * r.dilW * r.inSX;
      poolVector<Ops, Kind>(forTaps, first, 1, count, r.kernelH * r.kernelW,
                            out + ox * r.outSX + c, r.accumulate, vl);
      c += int64_t(vl);
    }
  }
}

template <class Ops, int Kind> void rowColumns(const WindowRow &r) {
  using In = typename Ops::In;
  const In *in = static_cast<const In *>(r.in);
  auto *out = static_cast<typename Ops::Out *>(r.out);
  const ptrdiff_t step = r.strideW * r.inSX;
  const int64_t count = (r.ky1 - r.ky0) * r.kernelW;
  for (int64_t c = r.c0; c < r.c1; ++c)
    for (int64_t ob = r.ox0; ob < r.ox1;) {
      const size_t vl = Ops::setvl(size_t(r.ox1 - ob));
      const In *base = in + c * r.inSC + (ob * r.strideW - r.padLeft) * r.inSX;
      auto forTaps = [&](auto &&fn) {
        for (int64_t ky = r.ky0; ky < r.ky1; ++ky) {
          const In *x = base + (r.iy0 + ky * r.dilH) * r.inSY;
          for (int64_t kx = 0; kx < r.kernelW; ++kx)
            fn(x + kx * r.dilW * r.inSX);
        }
      };
      const In *first = base + (r.iy0 + r.ky0 * r.dilH) * r.inSY;
      poolVector<Ops, Kind>(forTaps, first, step, count, r.kernelH * r.kernelW,
                            out + c * r.outSC + ob, r.accumulate, vl);
      ob += int64_t(vl);
    }
}

template <class Ops, int Kind> WindowRowKernel kernelFor(WindowLayout layout) {
  switch (layout) {
  case WindowLayout::Channels:
    return rowChannels<Ops, Kind>;
  case WindowLayout::Columns:
    return rowColumns<Ops, Kind>;
  case WindowLayout::Generic:
    break;
  }
  return nullptr;
}

template <class Ops>
WindowRowKernel kernelFor(int32_t kind, WindowLayout layout) {
  switch (kind) {
  case SPEIR_POOL_MAX:
    return kernelFor<Ops, SPEIR_POOL_MAX>(layout);
  case SPEIR_POOL_MIN:
    return kernelFor<Ops, SPEIR_POOL_MIN>(layout);
  case SPEIR_POOL_SUM:
    return kernelFor<Ops, SPEIR_POOL_SUM>(layout);
  case SPEIR_POOL_AVG:
    return kernelFor<Ops, SPEIR_POOL_AVG>(layout);
  case SPEIR_POOL_AVG_INCLUDE_PAD:
    return kernelFor<Ops, SPEIR_POOL_AVG_INCLUDE_PAD>(layout);
  }
  return nullptr;
}

} // namespace

WindowRowKernel poolRowKernelRvv(int32_t type, int32_t kind,
                                 WindowLayout layout) {
  switch (type) {
  case SPEIR_GEMM_F32_F32_F32:
    return kernelFor<F32Ops>(kind, layout);
  case SPEIR_GEMM_F16_F16_F32:
    return kernelFor<F16Ops<false>>(kind, layout);
  case SPEIR_GEMM_F16_F16_F16:
    return kernelFor<F16Ops<true>>(kind, layout);
  case SPEIR_GEMM_S8_S8_S32:
    return kernelFor<S8Ops>(kind, layout);
  }
  return nullptr;
}

} // namespace speir::conv

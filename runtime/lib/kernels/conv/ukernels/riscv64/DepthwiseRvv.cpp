// RVV row kernels for depthwise convolution (see WindowRow in Depthwise.h).
//
// Accumulators are e32m4 (f32 or int32) for every type, so one vl covers
// the same number of elements as the e16m2 (f16) and e8m1 (int8) sources:
// VLEN/8 lanes, 32 at VLEN 256. VLEN-agnostic: every vl comes from vsetvl.
//   f32         vfmacc.vv / vfmacc.vf
//   f16 -> f32  vfwmacc.vv / .vf (exact f16 products, f32 sums; the f16
//               output converts once when the row is stored)
//   int8        vwmul[u|su] into int16 (exact: |product| < 2^15 except
//               u8*u8, which stays unsigned), then vwadd[u].wv into int32
//
// Channels layout (NHWC): vectors of channels; interior columns go four at
// a time so each filter vector load feeds four MACs. Columns layout (NCHW):
// vectors of output columns (strided loads when stride_w > 1) times one
// scalar filter tap.
#include <riscv_vector.h>

#include <cstddef>
#include <cstdint>
#include <type_traits>

#include "kernels/conv/Depthwise.h"
#include "kernels/conv/ukernels/riscv64/RvvOutIo.h"

namespace speir::conv {
namespace {

struct F32Ops : RvvOutIo<float> {
  using In = float;
  using W = float;
  using Out = float;
  using AccV = vfloat32m4_t;
  using InV = vfloat32m4_t;
  using WV = vfloat32m4_t;
  static size_t setvl(size_t n) { return __riscv_vsetvl_e32m4(n); }
  static AccV zero(size_t vl) { return __riscv_vfmv_v_f_f32m4(0.0f, vl); }
  static InV loadIn(const In *p, ptrdiff_t stride, size_t vl) {
    return stride == 1
               ? __riscv_vle32_v_f32m4(p, vl)
               : __riscv_vlse32_v_f32m4(p, stride * ptrdiff_t(sizeof(In)), vl);
  }
  static WV loadW(const W *p, size_t vl) {
    return __riscv_vle32_v_f32m4(p, vl);
  }
  static AccV mac(AccV a, InV x, WV w, size_t vl) {
    return __riscv_vfmacc_vv_f32m4(a, x, w, vl);
  }
  static AccV macScalar(AccV a, InV x, W w, size_t vl) {
    return __riscv_vfmacc_vf_f32m4(a, w, x, vl);
  }
};

template <bool kF16Out>
struct F16Ops : RvvOutIo<std::conditional_t<kF16Out, _Float16, float>> {
  using In = _Float16;
  using W = _Float16;
  using Out = std::conditional_t<kF16Out, _Float16, float>;
  using AccV = vfloat32m4_t;
  using InV = vfloat16m2_t;
  using WV = vfloat16m2_t;
  static size_t setvl(size_t n) { return __riscv_vsetvl_e32m4(n); }
  static AccV zero(size_t vl) { return __riscv_vfmv_v_f_f32m4(0.0f, vl); }
  static InV loadIn(const In *p, ptrdiff_t stride, size_t vl) {
    return stride == 1
               ? __riscv_vle16_v_f16m2(p, vl)
               : __riscv_vlse16_v_f16m2(p, stride * ptrdiff_t(sizeof(In)), vl);
  }
  static WV loadW(const W *p, size_t vl) {
    return __riscv_vle16_v_f16m2(p, vl);
  }
  static AccV mac(AccV a, InV x, WV w, size_t vl) {
    return __riscv_vfwmacc_vv_f32m4(a, x, w, vl);
  }
  static AccV macScalar(AccV a, InV x, W w, size_t vl) {
    return __riscv_vfwmacc_vf_f32m4(a, w, x, vl);
  }
};

// kInSigned / kWSigned: the input (lhs) and filter (rhs) signedness.
template <bool kInSigned, bool kWSigned> struct I8Ops : RvvOutIo<int32_t> {
  using In = std::conditional_t<kInSigned, int8_t, uint8_t>;
  using W = std::conditional_t<kWSigned, int8_t, uint8_t>;
  using Out = int32_t;
  using AccV = vint32m4_t;
  using InV = std::conditional_t<kInSigned, vint8m1_t, vuint8m1_t>;
  using WV = std::conditional_t<kWSigned, vint8m1_t, vuint8m1_t>;
  static size_t setvl(size_t n) { return __riscv_vsetvl_e32m4(n); }
  static AccV zero(size_t vl) { return __riscv_vmv_v_x_i32m4(0, vl); }
  template <bool kSigned, class T>
  static auto load8(const T *p, ptrdiff_t stride, size_t vl) {
    if constexpr (kSigned)
      return stride == 1 ? __riscv_vle8_v_i8m1(p, vl)
                         : __riscv_vlse8_v_i8m1(p, stride, vl);
    else
      return stride == 1 ? __riscv_vle8_v_u8m1(p, vl)
                         : __riscv_vlse8_v_u8m1(p, stride, vl);
  }
  static InV loadIn(const In *p, ptrdiff_t stride, size_t vl) {
    return load8<kInSigned>(p, stride, vl);
  }
  static WV loadW(const W *p, size_t vl) { return load8<kWSigned>(p, 1, vl); }
  static AccV mac(AccV a, InV x, WV w, size_t vl) {
    if constexpr (kInSigned && kWSigned) {
      return __riscv_vwadd_wv_i32m4(a, __riscv_vwmul_vv_i16m2(x, w, vl), vl);
    } else if constexpr (!kInSigned && !kWSigned) {
      // u8 * u8 needs all 16 bits unsigned: zero-extend into the sum (the
      // int32 bits are the same as unsigned modular arithmetic).
      vuint32m4_t u = __riscv_vreinterpret_v_i32m4_u32m4(a);
      u = __riscv_vwaddu_wv_u32m4(u, __riscv_vwmulu_vv_u16m2(x, w, vl), vl);
      return __riscv_vreinterpret_v_u32m4_i32m4(u);
    } else if constexpr (kInSigned) {
      return __riscv_vwadd_wv_i32m4(a, __riscv_vwmulsu_vv_i16m2(x, w, vl), vl);
    } else {
      return __riscv_vwadd_wv_i32m4(a, __riscv_vwmulsu_vv_i16m2(w, x, vl), vl);
    }
  }
  static AccV macScalar(AccV a, InV x, W w, size_t vl) {
    if constexpr (kInSigned && kWSigned) {
      return __riscv_vwadd_wv_i32m4(a, __riscv_vwmul_vx_i16m2(x, w, vl), vl);
    } else if constexpr (!kInSigned && !kWSigned) {
      vuint32m4_t u = __riscv_vreinterpret_v_i32m4_u32m4(a);
      u = __riscv_vwaddu_wv_u32m4(u, __riscv_vwmulu_vx_u16m2(x, w, vl), vl);
      return __riscv_vreinterpret_v_u32m4_i32m4(u);
    } else if constexpr (kInSigned) {
      return __riscv_vwadd_wv_i32m4(a, __riscv_vwmulsu_vx_i16m2(x, w, vl), vl);
    } else {
      // vwmulsu takes the signed operand as the vector: splat the tap.
      return mac(a, x, __riscv_vmv_v_x_i8m1(w, vl), vl);
    }
  }
};

template <class Ops> void rowChannels(const WindowRow &r) {
  using In = typename Ops::In;
  using W = typename Ops::W;
  using Out = typename Ops::Out;
  using AccV = typename Ops::AccV;
  const In *in = static_cast<const In *>(r.in);
  const W *filter = static_cast<const W *>(r.filter);
  Out *out = static_cast<Out *>(r.out);
  const int64_t span = (r.kernelW - 1) * r.dilW;
  for (int64_t ox = r.ox0; ox < r.ox1;) {
    const int64_t ix0 = ox * r.strideW - r.padLeft;
    // Four columns whose windows all lie inside the input.
    if (ox + 4 <= r.ox1 && ix0 >= 0 && ix0 + 3 * r.strideW + span < r.inW) {
      const int64_t colStep = r.strideW * r.inSX;
      for (int64_t c = r.c0; c < r.c1;) {
        const size_t vl = Ops::setvl(size_t(r.c1 - c));
        Out *o = out + ox * r.outSX + c;
        AccV a0, a1, a2, a3;
        if (r.accumulate) {
          a0 = Ops::loadOut(o, vl);
          a1 = Ops::loadOut(o + r.outSX, vl);
          a2 = Ops::loadOut(o + 2 * r.outSX, vl);
          a3 = Ops::loadOut(o + 3 * r.outSX, vl);
        } else {
          a0 = a1 = a2 = a3 = Ops::zero(vl);
        }
        for (int64_t ky = r.ky0; ky < r.ky1; ++ky) {
          const In *x = in + (r.iy0 + ky * r.dilH) * r.inSY + ix0 * r.inSX + c;
          const W *w = filter + ky * r.filterSY + c;
          for (int64_t kx = 0; kx < r.kernelW; ++kx) {
            const auto wv = Ops::loadW(w, vl);
            a0 = Ops::mac(a0, Ops::loadIn(x, 1, vl), wv, vl);
            a1 = Ops::mac(a1, Ops::loadIn(x + colStep, 1, vl), wv, vl);
            a2 = Ops::mac(a2, Ops::loadIn(x + 2 * colStep, 1, vl), wv, vl);
            a3 = Ops::mac(a3, Ops::loadIn(x + 3 * colStep, 1, vl), wv, vl);
            x += r.dilW * r.inSX;
            w += r.filterSX;
          }
        }
        Ops::storeOut(o, a0, vl);
        Ops::storeOut(o + r.outSX, a1, vl);
        Ops::storeOut(o + 2 * r.outSX, a2, vl);
        Ops::storeOut(o + 3 * r.outSX, a3, vl);
        c += int64_t(vl);
      }
      ox += 4;
      continue;
    }
    int64_t kx0, kx1;
    clipWindow(ix0, r.dilW, r.kernelW, r.inW, &kx0, &kx1);
    for (int64_t c = r.c0; c < r.c1;) {
      const size_t vl = Ops::setvl(size_t(r.c1 - c));
      Out *o = out + ox * r.outSX + c;
      AccV a = r.accumulate ? Ops::loadOut(o, vl) : Ops::zero(vl);
      for (int64_t ky = r.ky0; ky < r.ky1; ++ky) {
        const In *x = in + (r.iy0 + ky * r.dilH) * r.inSY + c;
        const W *w = filter + ky * r.filterSY + c;
        for (int64_t kx = kx0; kx < kx1; ++kx)
          a = Ops::mac(a, Ops::loadIn(x + (ix0 + kx * r.dilW) * r.inSX, 1, vl),
                       Ops::loadW(w + kx * r.filterSX, vl), vl);
      }
      Ops::storeOut(o, a, vl);
      c += int64_t(vl);
    }
    ++ox;
  }
}

template <class Ops> void rowColumns(const WindowRow &r) {
  using In = typename Ops::In;
  using W = typename Ops::W;
  using Out = typename Ops::Out;
  using AccV = typename Ops::AccV;
  const In *in = static_cast<const In *>(r.in);
  const W *filter = static_cast<const W *>(r.filter);
  Out *out = static_cast<Out *>(r.out);
  const ptrdiff_t step = r.strideW * r.inSX;
  for (int64_t c = r.c0; c < r.c1; ++c) {
    const In *xc = in + c * r.inSC;
    const W *wc = filter + c * r.filterSC;
    Out *oc = out + c * r.outSC;
    for (int64_t ob = r.ox0; ob < r.ox1;) {
      const size_t vl = Ops::setvl(size_t(r.ox1 - ob));
      AccV a = r.accumulate ? Ops::loadOut(oc + ob, vl) : Ops::zero(vl);
      for (int64_t ky = r.ky0; ky < r.ky1; ++ky) {
        const In *x = xc + (r.iy0 + ky * r.dilH) * r.inSY +
                      (ob * r.strideW - r.padLeft) * r.inSX;
        const W *w = wc + ky * r.filterSY;
        for (int64_t kx = 0; kx < r.kernelW; ++kx)
          a = Ops::macScalar(a, Ops::loadIn(x + kx * r.dilW * r.inSX, step, vl),
                             w[kx * r.filterSX], vl);
      }
      Ops::storeOut(oc + ob, a, vl);
      ob += int64_t(vl);
    }
  }
}

template <class Ops> WindowRowKernel kernelFor(WindowLayout layout) {
  switch (layout) {
  case WindowLayout::Channels:
    return rowChannels<Ops>;
  case WindowLayout::Columns:
    return rowColumns<Ops>;
  case WindowLayout::Generic:
    break;
  }
  return nullptr;
}

} // namespace

WindowRowKernel depthwiseRowKernelRvv(int32_t type, WindowLayout layout) {
  switch (type) {
  case SPEIR_GEMM_F32_F32_F32:
    return kernelFor<F32Ops>(layout);
  case SPEIR_GEMM_F16_F16_F32:
    return kernelFor<F16Ops<false>>(layout);
  case SPEIR_GEMM_F16_F16_F16:
    return kernelFor<F16Ops<true>>(layout);
  case SPEIR_GEMM_S8_S8_S32:
    return kernelFor<I8Ops<true, true>>(layout);
  case SPEIR_GEMM_U8_U8_S32:
    return kernelFor<I8Ops<false, false>>(layout);
  case SPEIR_GEMM_S8_U8_S32:
    return kernelFor<I8Ops<true, false>>(layout);
  case SPEIR_GEMM_U8_S8_S32:
    return kernelFor<I8Ops<false, true>>(layout);
  }
  return nullptr;
}

} // namespace speir::conv

// The fused GEMM epilogue (Epilogue.h) in RVV: each row segment is strip-
// mined at e32/LMUL 8 and every step (load acc -> scale -> bias ->
// activation -> residual -> convert -> store) runs on the same vector
// registers, straight from the accumulator block to `out`.
//
// Handled: f32 and int32 accumulators (not f16 ones, and not an f32 block
// that must first round to f16), activations none/RELU/SiLU, every output
// type and operand type abi.h allows. The GELUs return false (the portable
// code, with libm's tanh/erf, runs them).
#include "kernels/gemm/Epilogue.h"

#if defined(__riscv_vector)
#include <riscv_vector.h>

#include "kernels/gemm/Half.h"

namespace speir::gemm {
namespace {

using VF = vfloat32m8_t;
using VI = vint32m8_t;
using VU = vuint32m8_t;
using VM = vbool4_t;

// exp(x) for SiLU's 1 + exp(-v) only: the argument is clamped to
// [-86.5, 89], so the exponent 2^n stays a normal float without further
// clamps; below -86.5 the true result (< 2.6e-38) and this one both vanish
// next to 1, and above 88.73 the product overflows to inf, as expf does. A
// NaN becomes a finite value here; SiLU's v / (...) keeps it NaN.
// Reduction and polynomial are the portable expPoly's (Epilogue.cpp):
// x = n ln2 + r, degree-7 Taylor of exp(r) with every coefficient doubled,
// times 2^(n-1) built in the exponent bits.
inline VF expForSilu(VF x, size_t vl) {
  x = __riscv_vfmin_vf_f32m8(__riscv_vfmax_vf_f32m8(x, -86.5f, vl), 89.0f, vl);
  VF t = __riscv_vfadd_vf_f32m8(
      __riscv_vfmul_vf_f32m8(x, 1.44269504088896341f, vl), 12582912.0f, vl);
  VF n = __riscv_vfsub_vf_f32m8(t, 12582912.0f, vl);
  VF r = __riscv_vfnmsac_vf_f32m8(x, 0.693145751953125f, n, vl);
  r = __riscv_vfnmsac_vf_f32m8(r, 1.428606765330187e-06f, n, vl);
  // t's low mantissa bits hold n: 2^(n-1) = ((t bits) - 0x4b400000 + 126)
  // << 23.
  VI e = __riscv_vadd_vx_i32m8(__riscv_vreinterpret_v_f32m8_i32m8(t),
                               126 - 0x4b400000, vl);
  VF scale =
      __riscv_vreinterpret_v_i32m8_f32m8(__riscv_vsll_vx_i32m8(e, 23, vl));
  VF p = __riscv_vfadd_vf_f32m8(__riscv_vfmul_vf_f32m8(r, 2.0f / 5040.0f, vl),
                                2.0f / 720.0f, vl);
  p = __riscv_vfadd_vf_f32m8(__riscv_vfmul_vv_f32m8(p, r, vl), 2.0f / 120.0f,
                             vl);
  p = __riscv_vfadd_vf_f32m8(__riscv_vfmul_vv_f32m8(p, r, vl), 2.0f / 24.0f,
                             vl);
  p = __riscv_vfadd_vf_f32m8(__riscv_vfmul_vv_f32m8(p, r, vl), 2.0f / 6.0f, vl);
  p = __riscv_vfadd_vf_f32m8(__riscv_vfmul_vv_f32m8(p, r, vl), 1.0f, vl);
  p = __riscv_vfadd_vf_f32m8(__riscv_vfmul_vv_f32m8(p, r, vl), 2.0f, vl);
  p = __riscv_vfadd_vf_f32m8(__riscv_vfmul_vv_f32m8(p, r, vl), 2.0f, vl);
  return __riscv_vfmul_vv_f32m8(p, scale, vl);
}

// Operand elements i..i+vl of a bias/residual of type `t`, as f32.
inline VF loadF(int32_t t, const void *base, int64_t i, size_t vl) {
  switch (t) {
  case SPEIR_EPILOGUE_F32:
    return __riscv_vle32_v_f32m8(static_cast<const float *>(base) + i, vl);
#if defined(__riscv_zvfh)
  case SPEIR_EPILOGUE_F16:
    return __riscv_vfwcvt_f_f_v_f32m8(
        __riscv_vle16_v_f16m4(static_cast<const _Float16 *>(base) + i, vl), vl);
#endif
  case SPEIR_EPILOGUE_BF16:
    return __riscv_vreinterpret_v_u32m8_f32m8(__riscv_vsll_vx_u32m8(
        __riscv_vzext_vf2_u32m8(
            __riscv_vle16_v_u16m4(static_cast<const uint16_t *>(base) + i, vl),
            vl),
        16, vl));
  case SPEIR_EPILOGUE_S32:
    return __riscv_vfcvt_f_x_v_f32m8(
        __riscv_vle32_v_i32m8(static_cast<const int32_t *>(base) + i, vl), vl);
  default:
    return __riscv_vfcvt_f_x_v_f32m8(
        __riscv_vsext_vf4_i32m8(
            __riscv_vle8_v_i8m2(static_cast<const int8_t *>(base) + i, vl), vl),
        vl);
  }
}

// ... as int32 (an integer epilogue's residual: floats round to nearest).
inline VI loadI(int32_t t, const void *base, int64_t i, size_t vl) {
  switch (t) {
  case SPEIR_EPILOGUE_S32:
    return __riscv_vle32_v_i32m8(static_cast<const int32_t *>(base) + i, vl);
  case SPEIR_EPILOGUE_S8:
    return __riscv_vsext_vf4_i32m8(
        __riscv_vle8_v_i8m2(static_cast<const int8_t *>(base) + i, vl), vl);
  default:
    return __riscv_vfcvt_x_f_v_i32m8(loadF(t, base, i, vl), vl);
  }
}

// Stores v as `Out` at p[0..vl) with abi.h's conversions: f16/bf16 round to
// nearest even, integers round to nearest even and saturate, NaN -> 0.
template <int32_t Out> inline void storeF(char *p, VF v, size_t vl) {
  if constexpr (Out == SPEIR_EPILOGUE_F32) {
    __riscv_vse32_v_f32m8(reinterpret_cast<float *>(p), v, vl);
  } else if constexpr (Out == SPEIR_EPILOGUE_F16) {
#if defined(__riscv_zvfh)
    __riscv_vse16_v_f16m4(reinterpret_cast<_Float16 *>(p),
                          __riscv_vfncvt_f_f_w_f16m4(v, vl), vl);
#endif
  } else if constexpr (Out == SPEIR_EPILOGUE_BF16) {
    const VU x = __riscv_vreinterpret_v_f32m8_u32m8(v);
    VU y = __riscv_vadd_vv_u32m8(
        __riscv_vadd_vx_u32m8(x, 0x7fffu, vl),
        __riscv_vand_vx_u32m8(__riscv_vsrl_vx_u32m8(x, 16, vl), 1u, vl), vl);
    const VM nan = __riscv_vmfne_vv_f32m8_b4(v, v, vl);
    y = __riscv_vmerge_vvm_u32m8(y, __riscv_vor_vx_u32m8(x, 0x400000u, vl), nan,
                                 vl);
    __riscv_vse16_v_u16m4(reinterpret_cast<uint16_t *>(p),
                          __riscv_vnsrl_wx_u16m4(y, 16, vl), vl);
  } else {
    // vfcvt saturates out-of-range values (and NaN, to INT32_MAX).
    VI i = __riscv_vfcvt_x_f_v_i32m8(v, vl);
    const VM nan = __riscv_vmfne_vv_f32m8_b4(v, v, vl);
    i = __riscv_vmerge_vxm_i32m8(i, 0, nan, vl);
    if constexpr (Out == SPEIR_EPILOGUE_S32) {
      __riscv_vse32_v_i32m8(reinterpret_cast<int32_t *>(p), i, vl);
    } else {
      i = __riscv_vmin_vx_i32m8(__riscv_vmax_vx_i32m8(i, -128, vl), 127, vl);
      __riscv_vse8_v_i8m2(
          reinterpret_cast<int8_t *>(p),
          __riscv_vncvt_x_x_w_i8m2(__riscv_vncvt_x_x_w_i16m4(i, vl), vl), vl);
    }
  }
}

template <int32_t Out> inline void storeI(char *p, VI v, size_t vl) {
  if constexpr (Out == SPEIR_EPILOGUE_S32) {
    __riscv_vse32_v_i32m8(reinterpret_cast<int32_t *>(p), v, vl);
  } else if constexpr (Out == SPEIR_EPILOGUE_S8) {
    v = __riscv_vmin_vx_i32m8(__riscv_vmax_vx_i32m8(v, -128, vl), 127, vl);
    __riscv_vse8_v_i8m2(
        reinterpret_cast<int8_t *>(p),
        __riscv_vncvt_x_x_w_i8m2(__riscv_vncvt_x_x_w_i16m4(v, vl), vl), vl);
  } else {
    storeF<Out>(p, __riscv_vfcvt_f_x_v_f32m8(v, vl), vl);
  }
}

constexpr int elemBytes(int32_t out) {
  return out == SPEIR_EPILOGUE_F32 || out == SPEIR_EPILOGUE_S32    ? 4
         : out == SPEIR_EPILOGUE_F16 || out == SPEIR_EPILOGUE_BF16 ? 2
                                                                   : 1;
}

// One row segment, f32 value: acc (f32 or int32) at accRow[0..cols).
template <int32_t Act, int32_t Out>
void rowFloat(const Epilogue &e, const void *accRow, bool accS32, int64_t row,
              int64_t col0, int64_t cols) {
  constexpr int ob = elemBytes(Out);
  const bool scaleCol = e.scaleKind == SPEIR_EPILOGUE_PER_COL;
  const float s =
      e.scaleKind == SPEIR_EPILOGUE_NONE || scaleCol
          ? 1.0f
          : e.scale[e.scaleKind == SPEIR_EPILOGUE_PER_ROW ? row : 0];
  const bool scaleAll = e.scaleKind != SPEIR_EPILOGUE_NONE && !scaleCol;
  const bool biasCol = e.biasKind == SPEIR_EPILOGUE_PER_COL;
  const bool biasAll = e.biasKind != SPEIR_EPILOGUE_NONE && !biasCol;
  const float b =
      biasAll ? loadEpilogueOperand(
                    Out, e.bias, e.biasKind == SPEIR_EPILOGUE_PER_ROW ? row : 0)
              : 0.0f;
  const float *scale = scaleCol ? e.scale + col0 : nullptr;
  const char *bias =
      biasCol ? static_cast<const char *>(e.bias) + col0 * ob : nullptr;
  const char *res =
      e.residual ? e.residual + (row * e.ldr + col0) * ob : nullptr;
  char *out = e.out + (row * e.ldo + col0) * ob;
  const auto *accF = static_cast<const float *>(accRow);
  const auto *accI = static_cast<const int32_t *>(accRow);
  for (int64_t j = 0; j < cols;) {
    const size_t vl = __riscv_vsetvl_e32m8(size_t(cols - j));
    VF v =
        accS32
            ? __riscv_vfcvt_f_x_v_f32m8(__riscv_vle32_v_i32m8(accI + j, vl), vl)
            : __riscv_vle32_v_f32m8(accF + j, vl);
    if (scaleCol)
      v = __riscv_vfmul_vv_f32m8(v, __riscv_vle32_v_f32m8(scale + j, vl), vl);
    else if (scaleAll)
      v = __riscv_vfmul_vf_f32m8(v, s, vl);
    if (biasCol)
      v = __riscv_vfadd_vv_f32m8(v, loadF(Out, bias, j, vl), vl);
    else if (biasAll)
      v = __riscv_vfadd_vf_f32m8(v, b, vl);
    if constexpr (Act == SPEIR_EPILOGUE_ACT_RELU) {
      v = __riscv_vfmax_vf_f32m8(v, 0.0f,
                                 vl); // -0 and NaN -> +0, as v > 0 ? v : 0
    } else if constexpr (Act == SPEIR_EPILOGUE_ACT_SILU) {
      const VF d = __riscv_vfadd_vf_f32m8(
          expForSilu(__riscv_vfneg_v_f32m8(v, vl), vl), 1.0f, vl);
      v = __riscv_vfdiv_vv_f32m8(v, d, vl);
    }
    if (res)
      v = __riscv_vfadd_vv_f32m8(v, loadF(Out, res, j, vl), vl);
    storeF<Out>(out + j * ob, v, vl);
    j += int64_t(vl);
  }
}

// One row segment, int32 value (int32 acc, no scale).
template <int32_t Act, int32_t Out>
void rowInt(const Epilogue &e, const int32_t *acc, int64_t row, int64_t col0,
            int64_t cols) {
  constexpr int ob = elemBytes(Out);
  const auto *biasV = static_cast<const int32_t *>(e.bias);
  const bool biasCol = e.biasKind == SPEIR_EPILOGUE_PER_COL;
  const bool biasAll = e.biasKind != SPEIR_EPILOGUE_NONE && !biasCol;
  const int32_t b =
      biasAll ? biasV[e.biasKind == SPEIR_EPILOGUE_PER_ROW ? row : 0] : 0;
  const int32_t *bias = biasCol ? biasV + col0 : nullptr;
  const char *res =
      e.residual ? e.residual + (row * e.ldr + col0) * ob : nullptr;
  char *out = e.out + (row * e.ldo + col0) * ob;
  for (int64_t j = 0; j < cols;) {
    const size_t vl = __riscv_vsetvl_e32m8(size_t(cols - j));
    VI v = __riscv_vle32_v_i32m8(acc + j, vl);
    if (bias)
      v = __riscv_vadd_vv_i32m8(v, __riscv_vle32_v_i32m8(bias + j, vl), vl);
    else if (biasAll)
      v = __riscv_vadd_vx_i32m8(v, b, vl);
    if constexpr (Act == SPEIR_EPILOGUE_ACT_RELU)
      v = __riscv_vmax_vx_i32m8(v, 0, vl);
    if (res)
      v = __riscv_vadd_vv_i32m8(v, loadI(Out, res, j, vl), vl);
    storeI<Out>(out + j * ob, v, vl);
    j += int64_t(vl);
  }
}

using RowFloatFn = void (*)(const Epilogue &, const void *, bool, int64_t,
                            int64_t, int64_t);
using RowIntFn = void (*)(const Epilogue &, const int32_t *, int64_t, int64_t,
                          int64_t);

template <int32_t Act> RowFloatFn floatRowFor(int32_t out) {
  switch (out) {
  case SPEIR_EPILOGUE_F32:
    return rowFloat<Act, SPEIR_EPILOGUE_F32>;
  case SPEIR_EPILOGUE_F16:
    return rowFloat<Act, SPEIR_EPILOGUE_F16>;
  case SPEIR_EPILOGUE_BF16:
    return rowFloat<Act, SPEIR_EPILOGUE_BF16>;
  case SPEIR_EPILOGUE_S32:
    return rowFloat<Act, SPEIR_EPILOGUE_S32>;
  default:
    return rowFloat<Act, SPEIR_EPILOGUE_S8>;
  }
}

template <int32_t Act> RowIntFn intRowFor(int32_t out) {
  switch (out) {
  case SPEIR_EPILOGUE_F32:
    return rowInt<Act, SPEIR_EPILOGUE_F32>;
  case SPEIR_EPILOGUE_F16:
    return rowInt<Act, SPEIR_EPILOGUE_F16>;
  case SPEIR_EPILOGUE_BF16:
    return rowInt<Act, SPEIR_EPILOGUE_BF16>;
  case SPEIR_EPILOGUE_S32:
    return rowInt<Act, SPEIR_EPILOGUE_S32>;
  default:
    return rowInt<Act, SPEIR_EPILOGUE_S8>;
  }
}

} // namespace

bool applyEpilogueRvv(const Epilogue &e, const AccBlock &acc, int64_t row0,
                      int64_t rows, int64_t col0, int64_t cols) {
  if (acc.kind == AccBlock::F16 || acc.roundToHalf ||
      e.activation > SPEIR_EPILOGUE_ACT_SILU)
    return false;
#if !defined(__riscv_zvfh)
  if (e.outType == SPEIR_EPILOGUE_F16) // no f16 vector conversions
    return false;
#endif
  if (e.intValue) {
    const RowIntFn fn = e.activation == SPEIR_EPILOGUE_ACT_RELU
                            ? intRowFor<SPEIR_EPILOGUE_ACT_RELU>(e.outType)
                            : intRowFor<SPEIR_EPILOGUE_ACT_NONE>(e.outType);
    const auto *a = static_cast<const int32_t *>(acc.data);
    for (int64_t r = 0; r < rows; ++r)
      fn(e, a + r * acc.stride, row0 + r, col0, cols);
    return true;
  }
  RowFloatFn fn;
  switch (e.activation) {
  case SPEIR_EPILOGUE_ACT_RELU:
    fn = floatRowFor<SPEIR_EPILOGUE_ACT_RELU>(e.outType);
    break;
  case SPEIR_EPILOGUE_ACT_SILU:
    fn = floatRowFor<SPEIR_EPILOGUE_ACT_SILU>(e.outType);
    break;
  default:
    fn = floatRowFor<SPEIR_EPILOGUE_ACT_NONE>(e.outType);
  }
  const bool s32 = acc.kind == AccBlock::S32;
  const char *base = static_cast<const char *>(acc.data);
  for (int64_t r = 0; r < rows; ++r)
    fn(e, base + r * acc.stride * 4, s32, row0 + r, col0, cols);
  return true;
}

} // namespace speir::gemm

#endif // __riscv_vector

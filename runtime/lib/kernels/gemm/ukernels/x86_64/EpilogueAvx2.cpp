// The fused GEMM epilogue (Epilogue.h) in AVX2 + FMA + F16C: eight columns
// at a time, every step (load acc -> scale -> bias -> activation ->
// residual -> convert -> store) on the same ymm registers, straight from
// the accumulator block to `out`. A row's last partial vector goes through
// padded copies of its operands. Built with -mavx2 -mfma -mf16c; Epilogue.cpp
// calls it only when the CPU has all three.
//
// Handled: f32 and int32 accumulators (not f16 ones, and not an f32 block
// that must first round to f16), activations none/RELU/SiLU, every output
// and operand type abi.h allows. The GELUs return false (the portable
// code, with libm's tanh/erf, runs them).
#include <immintrin.h>

#include <cstring>

#include "kernels/gemm/Epilogue.h"
#include "kernels/gemm/Half.h"

namespace speir::gemm {
namespace {

constexpr int kLanes = 8;

// exp(x) for SiLU's 1 + exp(-v) only; see EpilogueRvv.cpp's expForSilu
// (the same clamp, reduction and doubled Taylor coefficients).
inline __m256 expForSilu(__m256 x) {
  x = _mm256_min_ps(_mm256_max_ps(x, _mm256_set1_ps(-86.5f)),
                    _mm256_set1_ps(89.0f));
  const __m256 magic = _mm256_set1_ps(12582912.0f);
  const __m256 t =
      _mm256_fmadd_ps(x, _mm256_set1_ps(1.44269504088896341f), magic);
  const __m256 n = _mm256_sub_ps(t, magic);
  __m256 r = _mm256_fnmadd_ps(n, _mm256_set1_ps(0.693145751953125f), x);
  r = _mm256_fnmadd_ps(n, _mm256_set1_ps(1.428606765330187e-06f), r);
  const __m256i e = _mm256_add_epi32(_mm256_castps_si256(t),
                                     _mm256_set1_epi32(126 - 0x4b400000));
  const __m256 scale = _mm256_castsi256_ps(_mm256_slli_epi32(e, 23));
  __m256 p = _mm256_fmadd_ps(_mm256_set1_ps(2.0f / 5040.0f), r,
                             _mm256_set1_ps(2.0f / 720.0f));
  p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(2.0f / 120.0f));
  p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(2.0f / 24.0f));
  p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(2.0f / 6.0f));
  p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(1.0f));
  p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(2.0f));
  p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(2.0f));
  return _mm256_mul_ps(p, scale);
}

// Eight operand elements of type `t` from p, as f32.
inline __m256 loadF(int32_t t, const void *p) {
  switch (t) {
  case SPEIR_EPILOGUE_F32:
    return _mm256_loadu_ps(static_cast<const float *>(p));
  case SPEIR_EPILOGUE_F16:
    return _mm256_cvtph_ps(_mm_loadu_si128(static_cast<const __m128i *>(p)));
  case SPEIR_EPILOGUE_BF16:
    return _mm256_castsi256_ps(_mm256_slli_epi32(
        _mm256_cvtepu16_epi32(_mm_loadu_si128(static_cast<const __m128i *>(p))),
        16));
  case SPEIR_EPILOGUE_S32:
    return _mm256_cvtepi32_ps(
        _mm256_loadu_si256(static_cast<const __m256i *>(p)));
  default:
    return _mm256_cvtepi32_ps(
        _mm256_cvtepi8_epi32(_mm_loadl_epi64(static_cast<const __m128i *>(p))));
  }
}

// ... as int32 (an integer epilogue's residual: floats round to nearest).
inline __m256i loadI(int32_t t, const void *p) {
  switch (t) {
  case SPEIR_EPILOGUE_S32:
    return _mm256_loadu_si256(static_cast<const __m256i *>(p));
  case SPEIR_EPILOGUE_S8:
    return _mm256_cvtepi8_epi32(
        _mm_loadl_epi64(static_cast<const __m128i *>(p)));
  default:
    return _mm256_cvtps_epi32(loadF(t, p));
  }
}

// Eight int32 lanes in [-128, 127] stored as int8.
inline void storeS8Lanes(char *p, __m256i i) {
  __m256i q = _mm256_packs_epi32(i, i);
  q = _mm256_packs_epi16(q, q);
  q = _mm256_permutevar8x32_epi32(q, _mm256_setr_epi32(0, 4, 0, 0, 0, 0, 0, 0));
  _mm_storel_epi64(reinterpret_cast<__m128i *>(p), _mm256_castsi256_si128(q));
}

// Stores v as `Out` with abi.h's conversions: f16/bf16 round to nearest
// even, integers round to nearest even and saturate, NaN -> 0.
template <int32_t Out> inline void storeF(char *p, __m256 v) {
  if constexpr (Out == SPEIR_EPILOGUE_F32) {
    _mm256_storeu_ps(reinterpret_cast<float *>(p), v);
  } else if constexpr (Out == SPEIR_EPILOGUE_F16) {
    _mm_storeu_si128(reinterpret_cast<__m128i *>(p),
                     _mm256_cvtps_ph(v, _MM_FROUND_TO_NEAREST_INT));
  } else if constexpr (Out == SPEIR_EPILOGUE_BF16) {
    const __m256i x = _mm256_castps_si256(v);
    __m256i y = _mm256_add_epi32(
        _mm256_add_epi32(x, _mm256_set1_epi32(0x7fff)),
        _mm256_and_si256(_mm256_srli_epi32(x, 16), _mm256_set1_epi32(1)));
    const __m256i nan = _mm256_castps_si256(_mm256_cmp_ps(v, v, _CMP_UNORD_Q));
    y = _mm256_blendv_epi8(y, _mm256_or_si256(x, _mm256_set1_epi32(0x400000)),
                           nan);
    y = _mm256_srli_epi32(y, 16);
    __m256i q = _mm256_packus_epi32(y, y);
    q = _mm256_permute4x64_epi64(q, 0xD8);
    _mm_storeu_si128(reinterpret_cast<__m128i *>(p), _mm256_castsi256_si128(q));
  } else {
    const __m256i nan = _mm256_castps_si256(_mm256_cmp_ps(v, v, _CMP_UNORD_Q));
    if constexpr (Out == SPEIR_EPILOGUE_S32) {
      // cvtps gives INT32_MIN for NaN and out-of-range values: fix the
      // high side and NaN.
      __m256i i = _mm256_cvtps_epi32(v);
      const __m256i big = _mm256_castps_si256(
          _mm256_cmp_ps(v, _mm256_set1_ps(2147483648.0f), _CMP_GE_OQ));
      i = _mm256_blendv_epi8(i, _mm256_set1_epi32(INT32_MAX), big);
      _mm256_storeu_si256(reinterpret_cast<__m256i *>(p),
                          _mm256_andnot_si256(nan, i));
    } else {
      const __m256 c = _mm256_min_ps(_mm256_max_ps(v, _mm256_set1_ps(-128.0f)),
                                     _mm256_set1_ps(127.0f));
      storeS8Lanes(p, _mm256_andnot_si256(nan, _mm256_cvtps_epi32(c)));
    }
  }
}

template <int32_t Out> inline void storeI(char *p, __m256i v) {
  if constexpr (Out == SPEIR_EPILOGUE_S32) {
    _mm256_storeu_si256(reinterpret_cast<__m256i *>(p), v);
  } else if constexpr (Out == SPEIR_EPILOGUE_S8) {
    storeS8Lanes(p,
                 _mm256_min_epi32(_mm256_max_epi32(v, _mm256_set1_epi32(-128)),
                                  _mm256_set1_epi32(127)));
  } else {
    storeF<Out>(p, _mm256_cvtepi32_ps(v));
  }
}

constexpr int elemBytes(int32_t out) {
  return out == SPEIR_EPILOGUE_F32 || out == SPEIR_EPILOGUE_S32    ? 4
         : out == SPEIR_EPILOGUE_F16 || out == SPEIR_EPILOGUE_BF16 ? 2
                                                                   : 1;
}

// Where one vector's operands are (acc, per-column scale and bias,
// residual, out), already offset to its first column.
struct Operands {
  const void *acc;
  const float *scale;
  const void *bias;
  const char *res;
  char *out;
};

// The per-row constants of a float row.
struct FloatRow {
  bool accS32, scaleAll, biasAll;
  float s, b;
};

template <int32_t Act, int32_t Out>
inline void vecFloat(const FloatRow &row, const Operands &o) {
  __m256 v = row.accS32 ? _mm256_cvtepi32_ps(_mm256_loadu_si256(
                              static_cast<const __m256i *>(o.acc)))
                        : _mm256_loadu_ps(static_cast<const float *>(o.acc));
  if (o.scale)
    v = _mm256_mul_ps(v, _mm256_loadu_ps(o.scale));
  else if (row.scaleAll)
    v = _mm256_mul_ps(v, _mm256_set1_ps(row.s));
  if (o.bias)
    v = _mm256_add_ps(v, loadF(Out, o.bias));
  else if (row.biasAll)
    v = _mm256_add_ps(v, _mm256_set1_ps(row.b));
  if constexpr (Act == SPEIR_EPILOGUE_ACT_RELU) {
    v = _mm256_max_ps(v, _mm256_setzero_ps()); // -0 and NaN -> +0
  } else if constexpr (Act == SPEIR_EPILOGUE_ACT_SILU) {
    const __m256 d =
        _mm256_add_ps(expForSilu(_mm256_sub_ps(_mm256_setzero_ps(), v)),
                      _mm256_set1_ps(1.0f));
    v = _mm256_div_ps(v, d);
  }
  if (o.res)
    v = _mm256_add_ps(v, loadF(Out, o.res));
  storeF<Out>(o.out, v);
}

struct IntRow {
  bool biasAll;
  int32_t b;
};

template <int32_t Act, int32_t Out>
inline void vecInt(const IntRow &row, const Operands &o) {
  __m256i v = _mm256_loadu_si256(static_cast<const __m256i *>(o.acc));
  if (o.bias)
    v = _mm256_add_epi32(
        v, _mm256_loadu_si256(static_cast<const __m256i *>(o.bias)));
  else if (row.biasAll)
    v = _mm256_add_epi32(v, _mm256_set1_epi32(row.b));
  if constexpr (Act == SPEIR_EPILOGUE_ACT_RELU)
    v = _mm256_max_epi32(v, _mm256_setzero_si256());
  if (o.res)
    v = _mm256_add_epi32(v, loadI(Out, o.res));
  storeI<Out>(o.out, v);
}

// One row segment: full vectors in place, the last w < 8 columns through
// padded copies (biasBytes: bytes per bias element).
template <class Row, class Vec>
void rowLoop(const Row &row, Operands o, int64_t cols, int ob, int biasBytes,
             Vec vec) {
  int64_t j = 0;
  for (; j + kLanes <= cols; j += kLanes) {
    vec(row, o);
    o.acc = static_cast<const char *>(o.acc) + kLanes * 4;
    if (o.scale)
      o.scale += kLanes;
    if (o.bias)
      o.bias = static_cast<const char *>(o.bias) + kLanes * biasBytes;
    if (o.res)
      o.res += kLanes * ob;
    o.out += kLanes * ob;
  }
  const int64_t w = cols - j;
  if (w == 0)
    return;
  alignas(32) char acc[32] = {}, scale[32] = {}, bias[32] = {}, res[32] = {},
                   out[32];
  std::memcpy(acc, o.acc, size_t(w) * 4);
  Operands t{acc, nullptr, nullptr, nullptr, out};
  if (o.scale) {
    std::memcpy(scale, o.scale, size_t(w) * 4);
    t.scale = reinterpret_cast<const float *>(scale);
  }
  if (o.bias) {
    std::memcpy(bias, o.bias, size_t(w) * biasBytes);
    t.bias = bias;
  }
  if (o.res) {
    std::memcpy(res, o.res, size_t(w) * ob);
    t.res = res;
  }
  vec(row, t);
  std::memcpy(o.out, out, size_t(w) * ob);
}

template <int32_t Act, int32_t Out>
void rowsFloat(const Epilogue &e, const AccBlock &acc, int64_t row0,
               int64_t rows, int64_t col0, int64_t cols) {
  constexpr int ob = elemBytes(Out);
  const bool scaleCol = e.scaleKind == SPEIR_EPILOGUE_PER_COL;
  const bool biasCol = e.biasKind == SPEIR_EPILOGUE_PER_COL;
  for (int64_t r = 0; r < rows; ++r) {
    const int64_t row = row0 + r;
    FloatRow fr;
    fr.accS32 = acc.kind == AccBlock::S32;
    fr.scaleAll = e.scaleKind != SPEIR_EPILOGUE_NONE && !scaleCol;
    fr.s = fr.scaleAll
               ? e.scale[e.scaleKind == SPEIR_EPILOGUE_PER_ROW ? row : 0]
               : 1.0f;
    fr.biasAll = e.biasKind != SPEIR_EPILOGUE_NONE && !biasCol;
    fr.b = fr.biasAll ? loadEpilogueOperand(
                            Out, e.bias,
                            e.biasKind == SPEIR_EPILOGUE_PER_ROW ? row : 0)
                      : 0.0f;
    Operands o;
    o.acc = static_cast<const char *>(acc.data) + r * acc.stride * 4;
    o.scale = scaleCol ? e.scale + col0 : nullptr;
    o.bias = biasCol ? static_cast<const char *>(e.bias) + col0 * ob : nullptr;
    o.res = e.residual ? e.residual + (row * e.ldr + col0) * ob : nullptr;
    o.out = e.out + (row * e.ldo + col0) * ob;
    rowLoop(fr, o, cols, ob, ob, vecFloat<Act, Out>);
  }
}

template <int32_t Act, int32_t Out>
void rowsInt(const Epilogue &e, const AccBlock &acc, int64_t row0, int64_t rows,
             int64_t col0, int64_t cols) {
  constexpr int ob = elemBytes(Out);
  const auto *bias = static_cast<const int32_t *>(e.bias);
  const bool biasCol = e.biasKind == SPEIR_EPILOGUE_PER_COL;
  for (int64_t r = 0; r < rows; ++r) {
    const int64_t row = row0 + r;
    IntRow ir;
    ir.biasAll = e.biasKind != SPEIR_EPILOGUE_NONE && !biasCol;
    ir.b =
        ir.biasAll ? bias[e.biasKind == SPEIR_EPILOGUE_PER_ROW ? row : 0] : 0;
    Operands o;
    o.acc = static_cast<const int32_t *>(acc.data) + r * acc.stride;
    o.scale = nullptr;
    o.bias = biasCol ? bias + col0 : nullptr;
    o.res = e.residual ? e.residual + (row * e.ldr + col0) * ob : nullptr;
    o.out = e.out + (row * e.ldo + col0) * ob;
    rowLoop(ir, o, cols, ob, 4, vecInt<Act, Out>);
  }
}

using RowsFn = void (*)(const Epilogue &, const AccBlock &, int64_t, int64_t,
                        int64_t, int64_t);

template <int32_t Act, bool Int> RowsFn rowsFor(int32_t out) {
#define SPEIR_EPI_CASE(T)                                                      \
  case T:                                                                      \
    return Int ? rowsInt<Act, T> : rowsFloat<Act, T>;
  switch (out) {
    SPEIR_EPI_CASE(SPEIR_EPILOGUE_F32)
    SPEIR_EPI_CASE(SPEIR_EPILOGUE_F16)
    SPEIR_EPI_CASE(SPEIR_EPILOGUE_BF16)
    SPEIR_EPI_CASE(SPEIR_EPILOGUE_S32)
  default:
    return Int ? rowsInt<Act, SPEIR_EPILOGUE_S8>
               : rowsFloat<Act, SPEIR_EPILOGUE_S8>;
  }
#undef SPEIR_EPI_CASE
}

} // namespace

bool applyEpilogueAvx2(const Epilogue &e, const AccBlock &acc, int64_t row0,
                       int64_t rows, int64_t col0, int64_t cols) {
  if (acc.kind == AccBlock::F16 || acc.roundToHalf ||
      e.activation > SPEIR_EPILOGUE_ACT_SILU)
    return false;
  RowsFn fn;
  if (e.intValue)
    fn = e.activation == SPEIR_EPILOGUE_ACT_RELU
             ? rowsFor<SPEIR_EPILOGUE_ACT_RELU, true>(e.outType)
             : rowsFor<SPEIR_EPILOGUE_ACT_NONE, true>(e.outType);
  else if (e.activation == SPEIR_EPILOGUE_ACT_RELU)
    fn = rowsFor<SPEIR_EPILOGUE_ACT_RELU, false>(e.outType);
  else if (e.activation == SPEIR_EPILOGUE_ACT_SILU)
    fn = rowsFor<SPEIR_EPILOGUE_ACT_SILU, false>(e.outType);
  else
    fn = rowsFor<SPEIR_EPILOGUE_ACT_NONE, false>(e.outType);
  fn(e, acc, row0, rows, col0, cols);
  return true;
}

} // namespace speir::gemm

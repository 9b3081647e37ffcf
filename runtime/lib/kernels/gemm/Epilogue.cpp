#include "kernels/gemm/Epilogue.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "CheckedMath.h"
#include "kernels/gemm/Half.h"
#include "kernels/gemm/TileTable.h"
#if defined(__x86_64__)
#include "kernels/gemm/ukernels/x86_64/Mmt4dX86.h"
#endif

namespace speir::gemm {

int epilogueElemBytes(int32_t outType) {
  switch (outType) {
  case SPEIR_EPILOGUE_F32:
  case SPEIR_EPILOGUE_S32:
    return 4;
  case SPEIR_EPILOGUE_F16:
  case SPEIR_EPILOGUE_BF16:
    return 2;
  case SPEIR_EPILOGUE_S8:
    return 1;
  }
  return 0;
}

int32_t validateEpilogue(const speir_gemm_epilogue_t &e, GemmType type,
                         int64_t m, int64_t n, const void *c, int64_t ldc,
                         bool accumulate, Epilogue *out) {
  auto kindOk = [](int32_t k) {
    return k >= SPEIR_EPILOGUE_NONE && k <= SPEIR_EPILOGUE_PER_COL;
  };
  if (!kindOk(e.scale_kind) || !kindOk(e.bias_kind) ||
      e.activation < SPEIR_EPILOGUE_ACT_NONE ||
      e.activation > SPEIR_EPILOGUE_ACT_GELU_ERF ||
      epilogueElemBytes(e.out_type) == 0)
    return SPEIR_ERROR_INVALID_ARGUMENT;
  if ((e.scale_kind == SPEIR_EPILOGUE_NONE) != (e.scale == nullptr) ||
      (e.bias_kind == SPEIR_EPILOGUE_NONE) != (e.bias == nullptr))
    return SPEIR_ERROR_INVALID_ARGUMENT;
  const bool intValue = isInt8Type(type) && e.scale_kind == SPEIR_EPILOGUE_NONE;
  // Integer epilogues: bias, RELU, residual; the smooth activations need f32.
  if (intValue && e.activation > SPEIR_EPILOGUE_ACT_RELU)
    return SPEIR_ERROR_INVALID_ARGUMENT;
  const int ob = epilogueElemBytes(e.out_type);
  if (m > 0 && n > 0) {
    if (!e.out || e.ldo < n || !rt::matrixSpanOk(m, n, e.ldo, ob))
      return SPEIR_ERROR_INVALID_ARGUMENT;
    if (e.residual && (e.ldr < 0 || !rt::matrixSpanOk(m, n, e.ldr, ob)))
      return SPEIR_ERROR_INVALID_ARGUMENT;
    if (e.residual == e.out && e.ldr != e.ldo)
      return SPEIR_ERROR_INVALID_ARGUMENT;
    if (e.out == c && (!c || ob != accElemBytes(type) || e.ldo != ldc))
      return SPEIR_ERROR_INVALID_ARGUMENT;
    if (accumulate && !c)
      return SPEIR_ERROR_INVALID_ARGUMENT;
  }
  *out = {e.scale_kind,
          e.bias_kind,
          e.activation,
          e.out_type,
          e.scale,
          e.bias,
          static_cast<const char *>(e.residual),
          e.ldr,
          static_cast<char *>(e.out),
          e.ldo,
          intValue};
  return SPEIR_OK;
}

namespace {

constexpr int64_t kChunk = 64;

int32_t loadAsInt(int32_t outType, const void *p, int64_t i) {
  switch (outType) {
  case SPEIR_EPILOGUE_S8:
    return static_cast<const int8_t *>(p)[i];
  case SPEIR_EPILOGUE_S32:
    return static_cast<const int32_t *>(p)[i];
  default: // f32 / f16 / bf16 residual of an integer epilogue
    return int32_t(std::nearbyint(loadEpilogueOperand(outType, p, i)));
  }
}

int8_t saturateToS8(float v) {
  if (std::isnan(v))
    return 0;
  return int8_t(std::nearbyint(std::clamp(v, -128.0f, 127.0f)));
}

int32_t saturateToS32(float v) {
  if (std::isnan(v))
    return 0;
  if (v >= 2147483648.0f)
    return INT32_MAX;
  if (v <= -2147483648.0f)
    return INT32_MIN;
  return int32_t(std::nearbyint(v));
}

void storeFloat(int32_t outType, char *p, int64_t i, float v) {
  switch (outType) {
  case SPEIR_EPILOGUE_F32:
    std::memcpy(p + i * 4, &v, 4);
    break;
  case SPEIR_EPILOGUE_F16: {
    uint16_t h = floatToHalf(v);
    std::memcpy(p + i * 2, &h, 2);
    break;
  }
  case SPEIR_EPILOGUE_BF16: {
    uint16_t h = floatToBf16(v);
    std::memcpy(p + i * 2, &h, 2);
    break;
  }
  case SPEIR_EPILOGUE_S32: {
    int32_t x = saturateToS32(v);
    std::memcpy(p + i * 4, &x, 4);
    break;
  }
  default:
    p[i] = char(saturateToS8(v));
  }
}

void storeInt(int32_t outType, char *p, int64_t i, int32_t v) {
  switch (outType) {
  case SPEIR_EPILOGUE_S32:
    std::memcpy(p + i * 4, &v, 4);
    break;
  case SPEIR_EPILOGUE_S8:
    p[i] = char(int8_t(std::clamp(v, -128, 127)));
    break;
  default:
    storeFloat(outType, p, i, float(v));
  }
}

float activate(int32_t act, float v) {
  switch (act) {
  case SPEIR_EPILOGUE_ACT_RELU:
    return v > 0.0f ? v : 0.0f;
  case SPEIR_EPILOGUE_ACT_GELU_TANH:
    return 0.5f * v *
           (1.0f +
            std::tanh(0.7978845608028654f * (v + 0.044715f * v * v * v)));
  case SPEIR_EPILOGUE_ACT_GELU_ERF:
    return 0.5f * v * (1.0f + std::erf(v / 1.4142135623730951f));
  }
  return v;
}

// exp(x) in straight-line arithmetic the vectorizer can widen (libm's expf
// is a call per element): x = n ln2 + r, |r| <= ln2 / 2, exp(r) by its
// degree-7 Taylor polynomial (truncation < 2^-27 relative), times 2^n built
// in the exponent bits (as 2 * 2^(n-1), so n = 128 is representable).
// Within 2 ulp of expf; overflow gives inf, and results below about 2^-125
// give 0 (the subnormal range is not kept: 1 + exp(-v) and the like are
// exact either way).
inline float expPoly(float x) {
  // The reduction works on x clamped to where the exponent arithmetic below
  // stays in int32 range (results outside are replaced at the end); a NaN
  // passes through.
  const float xc = x < -88.0f ? -88.0f : x > 89.0f ? 89.0f : x;
  const float t = xc * 1.44269504088896341f + 12582912.0f; // 1.5 * 2^23
  const float n = t - 12582912.0f;
  const float r = (xc - n * 0.693145751953125f) - n * 1.428606765330187e-06f;
  float p = 1.0f / 5040.0f;
  p = p * r + 1.0f / 720.0f;
  p = p * r + 1.0f / 120.0f;
  p = p * r + 1.0f / 24.0f;
  p = p * r + 1.0f / 6.0f;
  p = p * r + 0.5f;
  p = p * r + 1.0f;
  p = p * r + 1.0f;
  int32_t tb;
  std::memcpy(&tb, &t, 4);
  // t's low mantissa bits hold n (two's complement around 1.5 * 2^23).
  const int32_t e = (tb - 0x4b400000) + 126;
  const int32_t scaleBits = (e < 1 ? 1 : e > 254 ? 254 : e) << 23;
  float scale;
  std::memcpy(&scale, &scaleBits, 4);
  const float y = (p + p) * scale;
  return x > 88.72283f ? __builtin_inff() : x < -86.6f ? 0.0f : y;
}

// One chunk of one row in f32: v[0..cols) holds the accumulators.
void finishFloatChunk(const Epilogue &e, float *v, int64_t row, int64_t col,
                      int64_t cols) {
  if (e.scaleKind != SPEIR_EPILOGUE_NONE) {
    if (e.scaleKind == SPEIR_EPILOGUE_PER_COL) {
      for (int64_t j = 0; j < cols; ++j)
        v[j] *= e.scale[col + j];
    } else {
      const float s = e.scale[e.scaleKind == SPEIR_EPILOGUE_PER_ROW ? row : 0];
      for (int64_t j = 0; j < cols; ++j)
        v[j] *= s;
    }
  }
  if (e.biasKind != SPEIR_EPILOGUE_NONE) {
    if (e.biasKind == SPEIR_EPILOGUE_PER_COL &&
        e.outType == SPEIR_EPILOGUE_F32) {
      const float *bias = static_cast<const float *>(e.bias) + col;
      for (int64_t j = 0; j < cols; ++j)
        v[j] += bias[j];
    } else if (e.biasKind == SPEIR_EPILOGUE_PER_COL) {
      for (int64_t j = 0; j < cols; ++j)
        v[j] += loadEpilogueOperand(e.outType, e.bias, col + j);
    } else {
      const float b = loadEpilogueOperand(
          e.outType, e.bias, e.biasKind == SPEIR_EPILOGUE_PER_ROW ? row : 0);
      for (int64_t j = 0; j < cols; ++j)
        v[j] += b;
    }
  }
  if (e.activation == SPEIR_EPILOGUE_ACT_RELU) {
    for (int64_t j = 0; j < cols; ++j)
      v[j] = v[j] > 0.0f ? v[j] : 0.0f;
  } else if (e.activation == SPEIR_EPILOGUE_ACT_SILU) {
    for (int64_t j = 0; j < cols; ++j)
      v[j] = v[j] / (1.0f + expPoly(-v[j]));
  } else if (e.activation != SPEIR_EPILOGUE_ACT_NONE) {
    for (int64_t j = 0; j < cols; ++j)
      v[j] = activate(e.activation, v[j]);
  }
  const int ob = epilogueElemBytes(e.outType);
  if (e.residual && e.outType == SPEIR_EPILOGUE_F32) {
    const float *r =
        reinterpret_cast<const float *>(e.residual) + row * e.ldr + col;
    for (int64_t j = 0; j < cols; ++j)
      v[j] += r[j];
  } else if (e.residual) {
    const char *r = e.residual + (row * e.ldr + col) * ob;
    for (int64_t j = 0; j < cols; ++j)
      v[j] += loadEpilogueOperand(e.outType, r, j);
  }
  char *o = e.out + (row * e.ldo + col) * ob;
  if (e.outType == SPEIR_EPILOGUE_F32) {
    std::memcpy(o, v, size_t(cols) * 4);
    return;
  }
  for (int64_t j = 0; j < cols; ++j)
    storeFloat(e.outType, o, j, v[j]);
}

// Integer sums wrap (as the GEMM's own sums do) rather than overflow.
int32_t wrapAdd(int32_t a, int32_t b) {
  return int32_t(uint32_t(a) + uint32_t(b));
}

void finishIntChunk(const Epilogue &e, int32_t *v, int64_t row, int64_t col,
                    int64_t cols) {
  if (e.biasKind != SPEIR_EPILOGUE_NONE) {
    const auto *bias = static_cast<const int32_t *>(e.bias);
    if (e.biasKind == SPEIR_EPILOGUE_PER_COL) {
      for (int64_t j = 0; j < cols; ++j)
        v[j] = wrapAdd(v[j], bias[col + j]);
    } else {
      const int32_t b = bias[e.biasKind == SPEIR_EPILOGUE_PER_ROW ? row : 0];
      for (int64_t j = 0; j < cols; ++j)
        v[j] = wrapAdd(v[j], b);
    }
  }
  if (e.activation == SPEIR_EPILOGUE_ACT_RELU)
    for (int64_t j = 0; j < cols; ++j)
      v[j] = std::max(v[j], 0);
  const int ob = epilogueElemBytes(e.outType);
  if (e.residual) {
    const char *r = e.residual + (row * e.ldr + col) * ob;
    for (int64_t j = 0; j < cols; ++j)
      v[j] = wrapAdd(v[j], loadAsInt(e.outType, r, j));
  }
  char *o = e.out + (row * e.ldo + col) * ob;
  for (int64_t j = 0; j < cols; ++j)
    storeInt(e.outType, o, j, v[j]);
}

} // namespace

void applyEpiloguePortable(const Epilogue &e, const AccBlock &acc, int64_t row0,
                           int64_t rows, int64_t col0, int64_t cols) {
  alignas(64) float fv[kChunk];
  alignas(64) int32_t iv[kChunk];
  for (int64_t r = 0; r < rows; ++r) {
    for (int64_t j0 = 0; j0 < cols; j0 += kChunk) {
      const int64_t w = std::min(kChunk, cols - j0);
      const int64_t at = r * acc.stride + j0;
      if (e.intValue) {
        std::memcpy(iv, static_cast<const int32_t *>(acc.data) + at,
                    size_t(w) * 4);
        finishIntChunk(e, iv, row0 + r, col0 + j0, w);
        continue;
      }
      switch (acc.kind) {
      case AccBlock::F32:
        std::memcpy(fv, static_cast<const float *>(acc.data) + at,
                    size_t(w) * 4);
        if (acc.roundToHalf)
          for (int64_t j = 0; j < w; ++j)
            fv[j] = halfToFloat(floatToHalf(fv[j]));
        break;
      case AccBlock::F16:
        for (int64_t j = 0; j < w; ++j)
          fv[j] = halfToFloat(static_cast<const uint16_t *>(acc.data)[at + j]);
        break;
      case AccBlock::S32:
        for (int64_t j = 0; j < w; ++j)
          fv[j] = float(static_cast<const int32_t *>(acc.data)[at + j]);
        break;
      }
      finishFloatChunk(e, fv, row0 + r, col0 + j0, w);
    }
  }
}

namespace {

// SPINE_GEMM_KERNEL=generic (only the generic kernels) also turns the
// vector epilogue off; naming any vector ISA leaves it on.
EpilogueRowsFn chooseVectorEpilogue() {
  const bool vectorOk = isaAllowed(KernelIsa::Avx2) ||
                        isaAllowed(KernelIsa::Rvv) ||
                        isaAllowed(KernelIsa::Ime);
  (void)vectorOk;
#if defined(__riscv) && defined(__riscv_vector)
  if (vectorOk)
    return applyEpilogueRvv;
#endif
#if defined(__x86_64__)
  if (vectorOk && hostHasAvx2Fma() && hostHasF16c())
    return applyEpilogueAvx2;
#endif
  return nullptr;
}

} // namespace

EpilogueRowsFn vectorEpilogue() {
  static const EpilogueRowsFn fn = chooseVectorEpilogue();
  return fn;
}

void applyEpilogue(const Epilogue &e, const AccBlock &acc, int64_t row0,
                   int64_t rows, int64_t col0, int64_t cols) {
  if (rows <= 0 || cols <= 0)
    return;
  const EpilogueRowsFn vec = vectorEpilogue();
  if (vec && vec(e, acc, row0, rows, col0, cols))
    return;
  applyEpiloguePortable(e, acc, row0, rows, col0, cols);
}

} // namespace speir::gemm

// speir_conv2d / speir_conv2d_strategy_name: validates every C argument,
// picks a strategy per shape and runs it.
//
//   depthwise      groups == in_c == out_c and the depthwise kernel serves
//                  the type (Depthwise.cpp)
//   gemm-1x1       1x1 kernel, groups 1, no padding read, operands that are
//                  strided matrices: speir_gemm on them directly
//   ime-slide      int8 on IME cores where the slide forms beat im2col
//                  (ImeSlideConv.cpp; the rule is imeSlidePays below)
//   im2col-mmt4d   everything with enough channels per group: packed im2col
//                  tiles feeding the GEMM layer's mmt4d tile kernels (IME on
//                  int8 where the core has it)
//   direct         grouped convolutions with few channels per group
#include <algorithm>
#include <array>
#include <cstring>

#include "CheckedMath.h"
#include "kernels/Tuning.h"
#include "kernels/conv/ConvProblem.h"
#include "kernels/conv/Depthwise.h"
#include "kernels/gemm/Half.h"
#include "speir/abi.h"

namespace speir::conv {
namespace {

using rt::addOk;
using rt::mulOk;

// The bytes spanned by a 4-D strided view must be addressable: sum of
// |stride| * (extent - 1) * elemBytes fits in int64.
bool spanFits(const int64_t extents[4], const int64_t strides[4],
              int64_t elemBytes) {
  int64_t total = 0;
  for (int i = 0; i < 4; ++i) {
    if (extents[i] == 0)
      return true;
    int64_t term;
    if (strides[i] == INT64_MIN ||
        !mulOk(extents[i] - 1, strides[i] < 0 ? -strides[i] : strides[i],
               &term) ||
        !mulOk(term, elemBytes, &term) || !addOk(total, term, &total))
      return false;
  }
  return true;
}

// The descriptor and flags alone (no pointers).
int32_t validateDesc(int32_t type, uint32_t flags,
                     const speir_conv2d_desc_t *desc) {
  constexpr uint32_t kKnown = SPEIR_GEMM_ACCUMULATE | SPEIR_GEMM_SINGLE_THREAD;
  if (!gemm::isValidConvType(type) || (flags & ~kKnown) || !desc)
    return SPEIR_ERROR_INVALID_ARGUMENT;
  const speir_conv2d_desc_t &d = *desc;
  for (int64_t v : {d.batch, d.in_h, d.in_w, d.in_c, d.out_h, d.out_w, d.out_c,
                    d.pad_top, d.pad_left})
    if (v < 0)
      return SPEIR_ERROR_INVALID_ARGUMENT;
  for (int64_t v : {d.kernel_h, d.kernel_w, d.stride_h, d.stride_w,
                    d.dilation_h, d.dilation_w, d.groups})
    if (v < 1)
      return SPEIR_ERROR_INVALID_ARGUMENT;
  if (d.in_c % d.groups != 0 || d.out_c % d.groups != 0)
    return SPEIR_ERROR_INVALID_ARGUMENT;

  // Every volume and coordinate the kernels compute must fit in int64.
  const gemm::GemmType t = gemm::GemmType(type);
  int64_t v;
  if (!mulOk(d.batch, d.out_h, &v) || !mulOk(v, d.out_w, &v) ||
      !mulOk(v, d.out_c, &v) || !mulOk(v, gemm::accElemBytes(t), &v))
    return SPEIR_ERROR_INVALID_ARGUMENT;
  if (!mulOk(d.batch, d.in_h, &v) || !mulOk(v, d.in_w, &v) ||
      !mulOk(v, d.in_c, &v) || !mulOk(v, 4, &v))
    return SPEIR_ERROR_INVALID_ARGUMENT;
  // Kernel volume times output volume (the MAC count) and packed filter.
  int64_t k, pixels, kPadded, nPadded;
  if (!mulOk(d.kernel_h, d.kernel_w, &k) || !mulOk(k, d.in_c / d.groups, &k) ||
      !addOk(k, 64, &kPadded) || !addOk(d.out_c, 64, &nPadded) ||
      !mulOk(kPadded, nPadded, &v) || !mulOk(v, 4, &v) ||
      !mulOk(d.batch, d.out_h, &pixels) || !mulOk(pixels, d.out_w, &pixels) ||
      !mulOk(pixels, k, &v) || !mulOk(v, d.out_c, &v))
    return SPEIR_ERROR_INVALID_ARGUMENT;
  // Input coordinates: oy * stride + ky * dilation (and the pads).
  for (auto [o, s, kk, dil, pad] :
       {std::array<int64_t, 5>{d.out_h, d.stride_h, d.kernel_h, d.dilation_h,
                               d.pad_top},
        std::array<int64_t, 5>{d.out_w, d.stride_w, d.kernel_w, d.dilation_w,
                               d.pad_left}}) {
    int64_t a, b;
    if (!mulOk(o, s, &a) || !mulOk(kk, dil, &b) || !addOk(a, b, &a) ||
        !addOk(a, pad, &a))
      return SPEIR_ERROR_INVALID_ARGUMENT;
  }
  const int64_t inExt[4] = {d.batch, d.in_h, d.in_w, d.in_c};
  const int64_t fExt[4] = {d.kernel_h, d.kernel_w, d.in_c / d.groups, d.out_c};
  const int64_t outExt[4] = {d.batch, d.out_h, d.out_w, d.out_c};
  if (!spanFits(inExt, d.in_strides, gemm::lhsElemBytes(t)) ||
      !spanFits(fExt, d.filter_strides, gemm::rhsElemBytes(t)) ||
      !spanFits(outExt, d.out_strides, gemm::accElemBytes(t)))
    return SPEIR_ERROR_INVALID_ARGUMENT;
  return SPEIR_OK;
}

ConvProblem makeProblem(int32_t type, uint32_t flags,
                        const speir_conv2d_desc_t &d, const void *input,
                        const void *filter, void *output) {
  ConvProblem p;
  p.type = gemm::GemmType(type);
  p.accumulate = flags & SPEIR_GEMM_ACCUMULATE;
  p.singleThread = flags & SPEIR_GEMM_SINGLE_THREAD;
  p.d = d;
  p.cpg = d.in_c / d.groups;
  p.fpg = d.out_c / d.groups;
  p.in = static_cast<const char *>(input);
  p.filter = static_cast<const char *>(filter);
  p.out = static_cast<char *>(output);
  return p;
}

// Where ime-slide beats im2col-mmt4d on IME: every shape it applies to
// (stride_w <= 2, in instructions per MAC under qemu-icount; the figures are
// in README.md, from runtime/bench/conv/conv_bench.sh ime). Stride_w 3-4
// measured marginal and is excluded by imeSlideApplies itself.
bool imeSlidePays(const ConvProblem &p) { return imeSlideApplies(p); }

Strategy chooseStrategy(const ConvProblem &p) {
  if (p.d.groups == p.d.in_c && p.d.groups == p.d.out_c &&
      depthwiseApplies(int32_t(p.type), p.d))
    return Strategy::Depthwise;
  if (p.d.groups == 1 && gemm1x1Applies(p))
    return Strategy::Gemm1x1;
  if (p.d.groups == 1 && imeSlidePays(p))
    return Strategy::ImeSlide;
  if (p.d.groups == 1 ||
      (p.fpg >= kTuning.im2colMinN &&
       p.d.kernel_h * p.d.kernel_w * p.cpg >= kTuning.im2colMinK))
    return Strategy::Im2colMmt4d;
  return Strategy::Direct;
}

// Overwrite with an empty reduction (in_c == 0) stores zeros.
void zeroOutput(const ConvProblem &p) {
  const auto &d = p.d;
  const int64_t eb = gemm::accElemBytes(p.type);
  for (int64_t n = 0; n < d.batch; ++n)
    for (int64_t y = 0; y < d.out_h; ++y)
      for (int64_t x = 0; x < d.out_w; ++x) {
        char *o = p.out + (n * d.out_strides[0] + y * d.out_strides[1] +
                           x * d.out_strides[2]) *
                              eb;
        for (int64_t f = 0; f < d.out_c; ++f)
          std::memset(o + f * d.out_strides[3] * eb, 0, size_t(eb));
      }
}

} // namespace

const char *strategyName(Strategy s) {
  switch (s) {
  case Strategy::Gemm1x1:
    return "gemm-1x1";
  case Strategy::ImeSlide:
    return "ime-slide";
  case Strategy::Im2colMmt4d:
    return "im2col-mmt4d";
  case Strategy::Depthwise:
    return "depthwise";
  case Strategy::Direct:
    return "direct";
  }
  return nullptr;
}

} // namespace speir::conv

using namespace speir::conv;

extern "C" {

SPEIR_EXPORT int32_t speir_conv2d(int32_t type, uint32_t flags,
                                  const speir_conv2d_desc_t *desc,
                                  const void *input, const void *filter,
                                  void *output) {
  int32_t st = validateDesc(type, flags, desc);
  if (st != SPEIR_OK)
    return st;
  const speir_conv2d_desc_t &d = *desc;
  const int64_t outVolume = d.batch * d.out_h * d.out_w * d.out_c;
  if (outVolume == 0)
    return SPEIR_OK;
  if (!output || (d.in_c > 0 && (!input || !filter)))
    return SPEIR_ERROR_INVALID_ARGUMENT;
  const ConvProblem p = makeProblem(type, flags, d, input, filter, output);
  if (d.in_c == 0) {
    if (!p.accumulate)
      zeroOutput(p);
    return SPEIR_OK;
  }
  switch (chooseStrategy(p)) {
  case Strategy::Depthwise:
    return depthwiseConv2d(type, flags, d, input, filter, output);
  case Strategy::Gemm1x1:
    return runGemm1x1(p);
  case Strategy::ImeSlide:
    return runImeSlide(p);
  case Strategy::Im2colMmt4d:
    return runIm2colMmt4d(p);
  case Strategy::Direct:
    return runDirect(p);
  }
  return SPEIR_ERROR_INTERNAL;
}

SPEIR_EXPORT const char *
speir_conv2d_strategy_name(int32_t type, uint32_t flags,
                           const speir_conv2d_desc_t *desc) {
  if (validateDesc(type, flags, desc) != SPEIR_OK)
    return nullptr;
  return strategyName(chooseStrategy(
      makeProblem(type, flags, *desc, nullptr, nullptr, nullptr)));
}

} // extern "C"

// One validated speir_conv2d call as the strategies see it, and the
// strategies themselves. Conv2d.cpp validates the C arguments, picks a
// strategy per shape and calls one of these; they assume valid arguments, a
// non-empty output and a non-empty reduction (in_c > 0).
#ifndef SPEIR_KERNELS_CONV_CONVPROBLEM_H
#define SPEIR_KERNELS_CONV_CONVPROBLEM_H

#include <cstdint>

#include "kernels/gemm/GemmTypes.h"
#include "speir/abi.h"

namespace speir::conv {

struct ConvProblem {
  gemm::GemmType type;
  bool accumulate;   // SPEIR_GEMM_ACCUMULATE
  bool singleThread; // SPEIR_GEMM_SINGLE_THREAD
  speir_conv2d_desc_t d;
  int64_t cpg, fpg; // input / output channels per group
  const char *in;
  const char *filter;
  char *out;
};

enum class Strategy { Gemm1x1, ImeSlide, Im2colMmt4d, Depthwise, Direct };

const char *strategyName(Strategy s);

inline int64_t convMacs(const ConvProblem &p) {
  const auto &d = p.d;
  return d.batch * d.out_h * d.out_w * d.out_c * d.kernel_h * d.kernel_w *
         p.cpg;
}

// 1x1 convolution as speir_gemm / speir_gemm_batched straight on the
// operands (no copies): true when the pixels of the output, and the input
// pixels they read, form strided matrices speir_gemm accepts (see
// Conv1x1Gemm.cpp). groups == 1, no padding read.
bool gemm1x1Applies(const ConvProblem &p);
int32_t runGemm1x1(const ConvProblem &p);

// Any kernel size: the filter packed once into mmt4d rhs tiles, im2col
// panels of the input packed per block straight into mmt4d lhs tiles of the
// preferred tile kernel (Im2colMmt4d.cpp). Per group.
int32_t runIm2colMmt4d(const ConvProblem &p);

// int8 on IME (VLEN 256) without im2col: the slide forms smt.vmadot1/2/3
// read taps kx, kx+1, .. of 4 output pixels from one register pair of
// staged input pixels (ImeSlideConv.cpp). Applies to groups 1, unit input
// channel stride, stride_w <= 2, any kernel size / dilation / padding;
// always false where the build or the core has no IME, and with
// SPINE_CONV_IME_SLIDE=0 (benchmarks compare it with im2col-mmt4d).
bool imeSlideApplies(const ConvProblem &p);
int32_t runImeSlide(const ConvProblem &p);

// Direct loops for what the others do not serve (grouped convolutions with
// few channels per group; depthwise until its own kernel serves the type).
int32_t runDirect(const ConvProblem &p);

} // namespace speir::conv

#endif // SPEIR_KERNELS_CONV_CONVPROBLEM_H

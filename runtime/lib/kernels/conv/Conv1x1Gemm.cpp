// 1x1 convolution as GEMM on the operands in place. Without padding reads a
// 1x1 convolution is out[pixel][f] = sum_c in[pixel'][c] * w[c][f], where
// pixel' is the input pixel the output pixel samples (stride s: every s-th).
// The output pixels (n, oy, ox) collapse into as few strided dimensions as
// the strides allow; the innermost becomes the GEMM's M (or N), the others
// are batch loops (speir_gemm_batched for one, a plain loop for the last).
//   NHWC / HWCF: C[pixel x f] = A[pixel x c] * B[c x f], one GEMM per image
//     (per batch when the images are uniformly strided).
//   NCHW / FCHW: C^T[f x pixel] = W^T[f x c] * In^T[c x pixel], one GEMM per
//     image when the pixels are unit-stride (stride 1).
// Pixels that do not collapse into one strided axis per image (stride 2,
// padded rows) go to im2col-mmt4d.
// Anything speir_gemm cannot address (no unit stride where it needs one,
// negative strides) goes to im2col-mmt4d instead.
#include <algorithm>
#include <array>
#include <cstdint>

#include "kernels/conv/ConvProblem.h"
#include "speir/abi.h"

namespace speir::conv {
namespace {

struct PixelDim {
  int64_t extent, inStride, outStride;
};

// A rows x cols matrix, element (r, c) at r * rs + c * cs, as a speir_gemm
// operand: row-major with leading dimension *ld, or (*trans) column-major.
// A dimension of extent 1 has no meaningful stride and takes any.
bool asGemmOperand(int64_t rows, int64_t cols, int64_t rs, int64_t cs,
                   bool allowTranspose, int64_t *ld, bool *trans) {
  const int64_t rsOptions[2] = {rows == 1 ? std::max<int64_t>(cols, 1) : rs,
                                rows == 1 ? 1 : rs};
  const int64_t csOptions[2] = {cols == 1 ? 1 : cs,
                                cols == 1 ? std::max<int64_t>(rows, 1) : cs};
  for (int64_t r : rsOptions)
    for (int64_t c : csOptions) {
      if (c == 1 && r >= cols) {
        *ld = r;
        *trans = false;
        return true;
      }
      if (allowTranspose && r == 1 && c >= rows) {
        *ld = c;
        *trans = true;
        return true;
      }
    }
  return false;
}

struct Gemm1x1Plan {
  uint32_t flags;
  int64_t m, n, k;
  int64_t lda, ldb, ldc;
  // Batch dimensions outside the GEMM (extent 1 when absent): strides of
  // the a, b, c operands in elements.
  int64_t batch1, strideA1, strideB1, strideC1;
  int64_t batch2, strideA2, strideB2, strideC2;
  bool inputIsA; // NHWC orientation (input = A); else NCHW (input = B)
};

bool planGemm1x1(const ConvProblem &p, Gemm1x1Plan *plan) {
  const auto &d = p.d;
  if (d.kernel_h != 1 || d.kernel_w != 1 || d.groups != 1 || d.pad_top != 0 ||
      d.pad_left != 0 || (d.out_h - 1) * d.stride_h >= d.in_h ||
      (d.out_w - 1) * d.stride_w >= d.in_w)
    return false;
  const int64_t *is = d.in_strides, *fs = d.filter_strides, *os = d.out_strides;
  // Pixel dimensions, innermost first; extent-1 ones dropped, neighbours
  // merged when both operands step uniformly across them.
  std::array<PixelDim, 3> dims;
  int nd = 0;
  for (PixelDim pd : {PixelDim{d.out_w, is[2] * d.stride_w, os[2]},
                      PixelDim{d.out_h, is[1] * d.stride_h, os[1]},
                      PixelDim{d.batch, is[0], os[0]}}) {
    if (pd.extent == 1)
      continue;
    if (nd > 0) {
      PixelDim &prev = dims[nd - 1];
      if (pd.inStride == prev.extent * prev.inStride &&
          pd.outStride == prev.extent * prev.outStride) {
        prev.extent *= pd.extent;
        continue;
      }
    }
    dims[nd++] = pd;
  }
  if (nd == 0)
    dims[nd++] = {1, 1, 1};
  for (int i = nd; i < 3; ++i)
    dims[i] = {1, 0, 0};

  // Only whole images as one GEMM: with output rows as separate GEMMs (a
  // strided 1x1 in NHWC) speir_gemm would re-pack the filter per row, while
  // im2col-mmt4d packs it once and its lhs packing of a 1x1 is exactly the
  // A packing a GEMM does anyway.
  if (dims[0].extent < d.out_h * d.out_w)
    return false;
  const PixelDim px = dims[0];
  const int64_t m = px.extent;
  int64_t lda, ldb, ldc;
  bool ta, tb, tc;
  Gemm1x1Plan &g = *plan;
  // NHWC orientation: C[pixel x f] = In[pixel x c] * W[c x f].
  if (asGemmOperand(m, d.out_c, px.outStride, os[3], false, &ldc, &tc) &&
      asGemmOperand(m, d.in_c, px.inStride, is[3], true, &lda, &ta) &&
      asGemmOperand(d.in_c, d.out_c, fs[2], fs[3], true, &ldb, &tb)) {
    g.inputIsA = true;
    g.m = m;
    g.n = d.out_c;
  } else if (asGemmOperand(d.out_c, m, os[3], px.outStride, false, &ldc, &tc) &&
             asGemmOperand(d.out_c, d.in_c, fs[3], fs[2], true, &lda, &ta) &&
             asGemmOperand(d.in_c, m, is[3], px.inStride, true, &ldb, &tb)) {
    // NCHW orientation: C^T[f x pixel] = W^T[f x c] * In^T[c x pixel].
    g.inputIsA = false;
    g.m = d.out_c;
    g.n = m;
  } else {
    return false;
  }
  g.k = d.in_c;
  g.lda = lda;
  g.ldb = ldb;
  g.ldc = ldc;
  g.flags = (p.accumulate ? SPEIR_GEMM_ACCUMULATE : 0) |
            (p.singleThread ? SPEIR_GEMM_SINGLE_THREAD : 0) |
            (ta ? SPEIR_GEMM_TRANSPOSE_A : 0) |
            (tb ? SPEIR_GEMM_TRANSPOSE_B : 0);
  g.batch1 = dims[1].extent;
  g.batch2 = dims[2].extent;
  g.strideC1 = dims[1].outStride;
  g.strideC2 = dims[2].outStride;
  // The filter is shared by every batch (stride 0 broadcasts it).
  g.strideA1 = g.inputIsA ? dims[1].inStride : 0;
  g.strideB1 = g.inputIsA ? 0 : dims[1].inStride;
  g.strideA2 = g.inputIsA ? dims[2].inStride : 0;
  g.strideB2 = g.inputIsA ? 0 : dims[2].inStride;
  return true;
}

} // namespace

bool gemm1x1Applies(const ConvProblem &p) {
  Gemm1x1Plan plan;
  return planGemm1x1(p, &plan);
}

int32_t runGemm1x1(const ConvProblem &p) {
  Gemm1x1Plan g;
  if (!planGemm1x1(p, &g))
    return SPEIR_ERROR_INTERNAL;
  const int64_t lb = gemm::lhsElemBytes(p.type),
                cb = gemm::accElemBytes(p.type);
  const char *a = g.inputIsA ? p.in : p.filter;
  const char *b = g.inputIsA ? p.filter : p.in;
  // With the filter as A, mixed signedness swaps sides too.
  int32_t type = int32_t(p.type);
  if (!g.inputIsA && p.type == gemm::GemmType::S8U8S32)
    type = SPEIR_GEMM_U8_S8_S32;
  else if (!g.inputIsA && p.type == gemm::GemmType::U8S8S32)
    type = SPEIR_GEMM_S8_U8_S32;
  for (int64_t i = 0; i < g.batch2; ++i) {
    const int32_t st = speir_gemm_batched(
        type, g.flags, g.batch1, g.m, g.n, g.k, a + i * g.strideA2 * lb, g.lda,
        g.strideA1, b + i * g.strideB2 * lb, g.ldb, g.strideB1,
        p.out + i * g.strideC2 * cb, g.ldc, g.strideC1);
    if (st != SPEIR_OK)
      return st;
  }
  return SPEIR_OK;
}

} // namespace speir::conv

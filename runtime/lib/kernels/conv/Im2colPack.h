// Packs im2col rows of a convolution's input straight into the mmt4d lhs
// layout [M1][K1][M0][K0]: row = output pixel (n, oy, ox), column k =
// (ky, kx, c) with c fastest; taps in the padding read as zero.
#ifndef SPEIR_KERNELS_CONV_IM2COLPACK_H
#define SPEIR_KERNELS_CONV_IM2COLPACK_H

#include <cstdint>

#include "kernels/conv/ConvProblem.h"

namespace speir::conv {

// The tile kernels' M0 is at most this (IME: 12).
constexpr int kMaxIm2colTileRows = 16;

struct Im2colSource {
  const char *base; // element (n=0, y=0, x=0, c=0) of the group's channels
  int elemBytes;    // 1, 2 or 4
  int64_t inH, inW, cpg, kernelW;
  int64_t strideH, strideW, dilationH, dilationW, padTop, padLeft;
  int64_t outH, outW;
  int64_t sN, sY, sX, sC; // input element strides
};

// The source of group 0 (set `base` per group).
Im2colSource im2colSource(const ConvProblem &p);

// Packs rows [pix0, pix0 + rows) x columns [kBegin, kBegin + kb) into
// ceil(rows / m0) row tiles of ceil(kb / k0) K0-tiles each, zero-padded to
// whole tiles. kBegin is a multiple of k0.
void packIm2colBlock(const Im2colSource &src, int64_t pix0, int64_t rows,
                     int64_t kBegin, int64_t kb, char *dst, int m0, int k0);

} // namespace speir::conv

#endif // SPEIR_KERNELS_CONV_IM2COLPACK_H

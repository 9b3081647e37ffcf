// The IME slide-form convolution tile (ImeSlideTile.cpp): 8 output pixels
// along x times 16 output channels, int32 accumulators in v16-v31 for the
// whole (ky, channel chunk, kx) reduction. riscv64 with XSMTVDot, VLEN 256.
#ifndef SPEIR_KERNELS_CONV_UKERNELS_RISCV64_IMESLIDETILE_H
#define SPEIR_KERNELS_CONV_UKERNELS_RISCV64_IMESLIDETILE_H

#include <cstdint>

#include "kernels/gemm/GemmTypes.h"

namespace speir::conv {

constexpr int kSlideTilePixels = 8;    // M: two 4-row atoms
constexpr int kSlideTileChannels = 16; // N: four 4-column atoms
constexpr int kSlideChunk = 8;         // K per vmadot: 8 input channels
constexpr int kSlideMaxTaps = 4;       // slides 0..3 of one register pair
// Bytes of one packed filter tap: 16 output channels x 8 input channels,
// row f holds the 8 channels (the vmadot B operand, 4 registers).
constexpr int64_t kSlideTapBytes = kSlideTileChannels * kSlideChunk;
// The tile kernel may read this many bytes past the last tap of a step.
constexpr int64_t kSlideFilterSlackBytes = kSlideTapBytes;

// One reduction step: the staged pixels of one (ky, phase, chunk) starting
// at row aOffset (8 bytes per pixel; atom 0 reads the pair at aOffset,
// atom 1 the pair 4 pixels on) times taps 0..taps-1 of the filter at
// bOffset, tap t with slide t.
struct ImeSlideStep {
  int64_t aOffset, bOffset, tapsMinus1; // tapsMinus1 in 0..3
};

struct ImeSlideTileParams {
  const uint8_t *a; // staged pixels of the tile's first output pixel
  const uint8_t *b; // packed filter of the tile's 16 channels
  const ImeSlideStep *steps;
  int64_t numSteps;
  int32_t *c; // output element (pixel 0, channel 0)
  int64_t cPixelStrideBytes;
  int64_t cChannelStrideBytes;
  int64_t rows, cols; // stored: 1..8 pixels, 1..16 channels
  bool accumulate;
};

using ImeSlideTileFn = void (*)(const ImeSlideTileParams &);

// Null for non-int8 types.
ImeSlideTileFn imeSlideTileKernel(gemm::GemmType type);

} // namespace speir::conv

#endif // SPEIR_KERNELS_CONV_UKERNELS_RISCV64_IMESLIDETILE_H

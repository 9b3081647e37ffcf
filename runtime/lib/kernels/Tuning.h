// The runtime's tuning constants, in one place: the cut-offs that decide how
// many threads a call uses, which path serves it, and the default cache sizes
// and block limits. One description per target, as BLIS keeps its block sizes
// in a context: a target that measures differently overrides a field in its
// row below. Each field says what it trades; docs/measuring.md says how to
// measure a change (benchmarks, not these comments, carry the figures).
#ifndef SPEIR_KERNELS_TUNING_H
#define SPEIR_KERNELS_TUNING_H

#include <cstdint>

namespace speir {

struct Tuning {
  // ---- Threads: below these, a dispatch costs more than a second thread
  // saves (per-dispatch costs: runtime/README.md).
  int64_t gemmMinParallelMacs;      // speir_gemm, speir_gemm_fused
  int64_t batchedGemmThreadsMacs;   // speir_gemm_batched: from this size each
                                    // GEMM threads itself, below one per task
  int64_t mmt4dMacsPerTask;         // speir_mmt4d's task grain
  int64_t convMinParallelMacs;      // speir_conv2d
  int64_t depthwiseMinParallelMacs; // depthwise convolution and pooling
  int64_t parallelPackMinBytes;     // speir_pack_*: parallel from this size,
  int64_t parallelPackChunkBytes;   // about this much per task

  // ---- Paths.
  // At most this many MACs, an f32 GEMM of >= 4 rows with unit-stride B
  // rows runs in place: packing and blocking would cost more than the
  // multiply (a Triton program's 16x16x16 tl.dot per K step is 4K MACs).
  int64_t inPlaceF32MaxMacs;
  // The skinny path's block of C accumulators (M x NB, 4-byte elements)
  // stays within this many bytes of L1.
  int64_t skinnyAccBlockBytes;
  // im2col + mmt4d serves a convolution group once its GEMM has this many
  // columns (output channels) and this reduction length; below, the direct
  // loops do less work than padding the tiles.
  int64_t im2colMinN, im2colMinK;

  // ---- Blocking (kernels/gemm/Blocking.cpp): cache sizes when the CPU does
  // not report them, and the largest KC/MC and NC blocks.
  int64_t defaultL1dBytes, defaultL2Bytes;
  int64_t maxKc, maxMc, maxNc;
  // A convolution task's lhs and accumulator blocks stay within this much of
  // the per-thread scratch arena (so they never fall back to the heap);
  // larger accumulator blocks split the output channels over tasks.
  int64_t convTaskScratchBytes, convMaxAccBlockBytes;
};

// Today every target uses the same values; the rows exist so that one can
// differ without touching the kernels.
inline constexpr Tuning kPortableTuning = {
    /*gemmMinParallelMacs=*/int64_t(1) << 18,
    /*batchedGemmThreadsMacs=*/int64_t(1) << 21,
    /*mmt4dMacsPerTask=*/int64_t(1) << 16,
    /*convMinParallelMacs=*/int64_t(1) << 18,
    /*depthwiseMinParallelMacs=*/int64_t(1) << 16,
    /*parallelPackMinBytes=*/int64_t(1) << 20,
    /*parallelPackChunkBytes=*/int64_t(256) << 10,
    /*inPlaceF32MaxMacs=*/int64_t(1) << 15,
    /*skinnyAccBlockBytes=*/int64_t(16) << 10,
    /*im2colMinN=*/8,
    /*im2colMinK=*/8,
    /*defaultL1dBytes=*/int64_t(32) << 10,
    /*defaultL2Bytes=*/int64_t(256) << 10,
    /*maxKc=*/1024,
    /*maxMc=*/1024,
    /*maxNc=*/4096,
    /*convTaskScratchBytes=*/int64_t(224) << 10,
    /*convMaxAccBlockBytes=*/int64_t(128) << 10,
};
// SpacemiT X60/A60 (K1): 32 KiB L1D, 512 KiB L2 per 4-core cluster.
inline constexpr Tuning kRiscv64Tuning = kPortableTuning;
inline constexpr Tuning kX86_64Tuning = kPortableTuning;

#if defined(__riscv)
inline constexpr const Tuning &kTuning = kRiscv64Tuning;
#elif defined(__x86_64__)
inline constexpr const Tuning &kTuning = kX86_64Tuning;
#else
inline constexpr const Tuning &kTuning = kPortableTuning;
#endif

} // namespace speir

#endif

// Convolution as GEMM over packed im2col tiles, per group:
//   C[pixel][f] = sum_k A[pixel][k] * B[k][f],   k = (ky, kx, c), c fastest
// where A[pixel][k] is the input element tap (ky, kx) of that output pixel
// reads (zero in the padding) and B the filter. Nothing im2col-shaped is
// ever materialized: the filter is packed once per call into the mmt4d rhs
// layout [N1][K1][N0][K0] of the preferred tile kernel, and each task packs
// the im2col rows of its block of MC output pixels x KC reductions straight
// into the lhs layout [M1][K1][M0][K0] in per-thread scratch, then runs the
// GEMM layer's tile kernel (AVX2 / RVV / IME) over its tiles.
//
// Loops (BLIS order): task = (group, MC block of pixels, group of N0
// panels) in parallel; inside, pc over K in KC chunks: pack lhs, then for
// each N0 panel (its KC x N0 rhs chunk stays in L1) every M0 row tile. The
// task accumulates into an MC x (panels * N0) block of f32 / int32 in
// scratch and stores it to the output (any strides, f16 rounded once) at
// the end. Each output element is produced by one task summing k in
// ascending order, so results do not depend on the thread count.
#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "arch/CpuInfo.h"
#include "kernels/Tuning.h"
#include "kernels/conv/ConvProblem.h"
#include "kernels/conv/Im2colPack.h"
#include "kernels/gemm/Blocking.h"
#include "kernels/gemm/Half.h"
#include "kernels/gemm/Pack.h"
#include "kernels/gemm/TileTable.h"
#include "memory/GrowBuffer.h"
#include "speir/abi.h"
#include "threading/Parallel.h"

namespace speir::conv {
namespace {

using gemm::GemmType;
using gemm::TileKernel;

struct Im2colPlan {
  const ConvProblem *p;
  TileKernel kernel; // F16F16F32 for f16 output: the block is f32
  int64_t m0, n0, k0;
  int64_t M, N, K, N1, K1;
  int64_t mc, kc;
  int64_t mBlocks, nGroups, panelsPerGroup;
  int64_t inBytes, outBytes;
  const char *packedFilter;
  int64_t packedGroupElems; // N1 * K1 * N0 * K0
  // When the filter already is the rhs layout (K0 = 1, one group, a dense
  // HWCF filter whose F is a multiple of N0): rhs tile (n1, k1) is filter
  // row k1's columns n1*N0.., rows filterRowElems apart. 0: packed.
  int64_t filterRowElems = 0;
  std::atomic<int32_t> status{SPEIR_OK};
};

// ---- Filter: [groups][N1][K1][N0][K0], zero-padded -----------------------

// One (group, ky, kx) slice of the filter: rows f, columns c of that tap.
// It lands at k = (ky * kw + kx) * cpg; packTiles handles the N0 x K0
// tiling as long as the slice starts on a K0 boundary (cpg % K0 == 0).
void packFilterSlices(void *ctx, int64_t begin, int64_t end) {
  auto &s = *static_cast<Im2colPlan *>(ctx);
  const ConvProblem &p = *s.p;
  const auto &d = p.d;
  const int64_t *fs = d.filter_strides;
  const int64_t taps = d.kernel_h * d.kernel_w;
  for (int64_t i = begin; i < end; ++i) {
    const int64_t g = i / taps, tap = i % taps;
    const int64_t ky = tap / d.kernel_w, kx = tap % d.kernel_w;
    const char *src =
        p.filter + (ky * fs[0] + kx * fs[1] + g * p.fpg * fs[3]) * s.inBytes;
    char *dst =
        const_cast<char *>(s.packedFilter) +
        (g * s.packedGroupElems + tap * p.cpg / s.k0 * s.n0 * s.k0) * s.inBytes;
    gemm::packTiles(int(s.inBytes), {src, s.N, p.cpg, fs[3], fs[2]},
                    {dst, s.K1 * s.n0 * s.k0, s.n0 * s.k0, s.n0, s.k0},
                    nullptr);
  }
}

// K0 not dividing cpg (IME with few channels, e.g. RGB input): taps share
// K0 tiles, so pack element by element, one (group, N0 panel) per index.
template <class T>
void packFilterPanelsAnyK(void *ctx, int64_t begin, int64_t end) {
  auto &s = *static_cast<Im2colPlan *>(ctx);
  const ConvProblem &p = *s.p;
  const auto &d = p.d;
  const int64_t *fs = d.filter_strides;
  const auto *filter = reinterpret_cast<const T *>(p.filter);
  for (int64_t i = begin; i < end; ++i) {
    const int64_t g = i / s.N1, n1 = i % s.N1;
    T *dst = reinterpret_cast<T *>(const_cast<char *>(s.packedFilter)) +
             g * s.packedGroupElems + n1 * s.K1 * s.n0 * s.k0;
    for (int64_t k1 = 0; k1 < s.K1; ++k1)
      for (int64_t r = 0; r < s.n0; ++r) {
        const int64_t f = n1 * s.n0 + r;
        for (int64_t c0 = 0; c0 < s.k0; ++c0) {
          const int64_t k = k1 * s.k0 + c0;
          T v{};
          if (f < s.N && k < s.K) {
            const int64_t tap = k / p.cpg, c = k % p.cpg;
            const int64_t ky = tap / d.kernel_w, kx = tap % d.kernel_w;
            v = filter[ky * fs[0] + kx * fs[1] + c * fs[2] +
                       (g * p.fpg + f) * fs[3]];
          }
          dst[(k1 * s.n0 + r) * s.k0 + c0] = v;
        }
      }
  }
}

int32_t packFilter(Im2colPlan &s, int threads) {
  const ConvProblem &p = *s.p;
  const int64_t taps = p.d.kernel_h * p.d.kernel_w;
  rt::RangeFn fn;
  int64_t n;
  if (p.cpg % s.k0 == 0) {
    fn = packFilterSlices;
    n = p.d.groups * taps;
  } else {
    fn = s.inBytes == 4   ? packFilterPanelsAnyK<uint32_t>
         : s.inBytes == 2 ? packFilterPanelsAnyK<uint16_t>
                          : packFilterPanelsAnyK<uint8_t>;
    n = p.d.groups * s.N1;
  }
  if (threads == 1) {
    fn(&s, 0, n);
    return SPEIR_OK;
  }
  return rt::parallelFor(n, 1, rt::CoreSet::Any, fn, &s);
}

// True when the filter, read in place, already is the packed rhs: K0 = 1,
// one group, and HWCF strides of a dense K x F row-major matrix (k = (ky, kx,
// c), c fastest) whose F is a multiple of N0, so no panel needs padding.
bool filterIsRhsLayout(const Im2colPlan &s) {
  const ConvProblem &p = *s.p;
  const int64_t *fs = p.d.filter_strides;
  const int64_t f = p.d.out_c, c = p.cpg;
  return s.k0 == 1 && p.d.groups == 1 && f % s.n0 == 0 && fs[3] == 1 &&
         fs[2] == f && fs[1] == c * f && fs[0] == p.d.kernel_w * c * f;
}

// ---- Accumulator block <-> output ------------------------------------------

// The output element pointer of pixel `pix` of the GEMM (n, oy, ox order).
struct PixelCursor {
  int64_t n, oy, ox;
  PixelCursor(const speir_conv2d_desc_t &d, int64_t pix) {
    ox = pix % d.out_w;
    oy = (pix / d.out_w) % d.out_h;
    n = pix / (d.out_w * d.out_h);
  }
  void next(const speir_conv2d_desc_t &d) {
    if (++ox == d.out_w) {
      ox = 0;
      if (++oy == d.out_h) {
        oy = 0;
        ++n;
      }
    }
  }
  int64_t outOffset(const speir_conv2d_desc_t &d) const {
    return n * d.out_strides[0] + oy * d.out_strides[1] + ox * d.out_strides[2];
  }
};

// Copies rows x cols of the block (row stride ld, 4-byte elements) from
// (load) or to the output channels f0.. of pixels pix0...
void transferBlock(const Im2colPlan &s, bool load, char *block, int64_t ld,
                   int64_t pix0, int64_t rows, int64_t f0, int64_t cols) {
  const ConvProblem &p = *s.p;
  const auto &d = p.d;
  const int64_t fs = d.out_strides[3];
  PixelCursor cur(d, pix0);
  for (int64_t r = 0; r < rows; ++r, cur.next(d)) {
    char *o = p.out + (cur.outOffset(d) + f0 * fs) * s.outBytes;
    char *b = block + r * ld * 4;
    if (s.outBytes == 2) {
      auto *o16 = reinterpret_cast<uint16_t *>(o);
      auto *b32 = reinterpret_cast<float *>(b);
      if (load)
        for (int64_t c = 0; c < cols; ++c)
          b32[c] = gemm::halfToFloat(o16[c * fs]);
      else
        for (int64_t c = 0; c < cols; ++c)
          o16[c * fs] = gemm::floatToHalf(b32[c]);
    } else if (fs == 1) {
      if (load)
        std::memcpy(b, o, size_t(cols * 4));
      else
        std::memcpy(o, b, size_t(cols * 4));
    } else {
      auto *o32 = reinterpret_cast<uint32_t *>(o);
      auto *b32 = reinterpret_cast<uint32_t *>(b);
      if (load)
        for (int64_t c = 0; c < cols; ++c)
          b32[c] = o32[c * fs];
      else
        for (int64_t c = 0; c < cols; ++c)
          o32[c * fs] = b32[c];
    }
  }
}

// ---- Tasks
// -------------------------------------------------------------------

void runTasks(void *ctx, int64_t begin, int64_t end) {
  auto &s = *static_cast<Im2colPlan *>(ctx);
  const ConvProblem &p = *s.p;
  const int64_t m0 = s.m0, n0 = s.n0, k0 = s.k0;
  const int64_t tasksPerGroup = s.mBlocks * s.nGroups;
  Im2colSource src = im2colSource(p);
  for (int64_t task = begin; task < end; ++task) {
    const int64_t g = task / tasksPerGroup;
    const int64_t mBlock = (task % tasksPerGroup) / s.nGroups;
    const int64_t nGroup = task % s.nGroups;
    const int64_t ic = mBlock * s.mc, mb = std::min(s.mc, s.M - ic);
    const int64_t mTiles = (mb + m0 - 1) / m0;
    const int64_t j0 = nGroup * s.panelsPerGroup;
    const int64_t j1 = std::min(s.N1, j0 + s.panelsPerGroup);
    const int64_t ld = (j1 - j0) * n0;
    const int64_t f0 = j0 * n0, cols = std::min(s.N, j1 * n0) - f0;
    const int64_t kcTiles = (std::min(s.kc, s.K) + k0 - 1) / k0;

    char *acc =
        static_cast<char *>(speir_scratch_alloc(mTiles * m0 * ld * 4, 64));
    char *lhs = static_cast<char *>(
        speir_scratch_alloc(mTiles * kcTiles * m0 * k0 * s.inBytes, 64));
    if (!acc || !lhs) {
      speir_scratch_free(lhs);
      speir_scratch_free(acc);
      s.status = SPEIR_ERROR_OUT_OF_MEMORY;
      return;
    }
    if (p.accumulate)
      transferBlock(s, true, acc, ld, ic, mb, g * p.fpg + f0, cols);

    src.base = p.in + g * p.cpg * p.d.in_strides[3] * s.inBytes;
    gemm::Mmt4dTileParams t;
    t.lhsStrideK1 = m0 * k0;
    t.rhsStrideK1 = s.filterRowElems ? s.filterRowElems : n0 * k0;
    t.accStrideRow = ld;
    t.m0 = int32_t(m0);
    t.n0 = int32_t(n0);
    t.k0 = int32_t(k0);
    for (int64_t pc = 0; pc < s.K; pc += s.kc) {
      const int64_t kb = std::min(s.kc, s.K - pc);
      const int64_t kt = (kb + k0 - 1) / k0;
      packIm2colBlock(src, ic, mb, pc, kb, lhs, int(m0), int(k0));
      t.k1 = kt;
      t.accumulate = p.accumulate || pc > 0;
      for (int64_t j = j0; j < j1; ++j) {
        t.rhs = s.filterRowElems
                    ? p.filter + (pc * s.filterRowElems + j * n0) * s.inBytes
                    : s.packedFilter + (g * s.packedGroupElems +
                                        (j * s.K1 + pc / k0) * n0 * k0) *
                                           s.inBytes;
        for (int64_t i = 0; i < mTiles; ++i) {
          t.lhs = lhs + i * kt * m0 * k0 * s.inBytes;
          t.acc = acc + (i * m0 * ld + (j - j0) * n0) * 4;
          s.kernel.fn(t);
        }
      }
    }
    transferBlock(s, false, acc, ld, ic, mb, g * p.fpg + f0, cols);
    speir_scratch_free(lhs);
    speir_scratch_free(acc);
  }
}

} // namespace

int32_t runIm2colMmt4d(const ConvProblem &p) {
  const auto &d = p.d;
  Im2colPlan s;
  s.p = &p;
  const GemmType kernelType =
      p.type == GemmType::F16F16F16 ? GemmType::F16F16F32 : p.type;
  s.kernel = gemm::preferredTileKernel(kernelType);
  s.m0 = s.kernel.m0;
  s.n0 = s.kernel.n0;
  s.k0 = s.kernel.k0;
  if (s.m0 > kMaxIm2colTileRows)
    return SPEIR_ERROR_INTERNAL;
  s.M = d.batch * d.out_h * d.out_w;
  s.N = p.fpg;
  s.K = d.kernel_h * d.kernel_w * p.cpg;
  s.N1 = (s.N + s.n0 - 1) / s.n0;
  s.K1 = (s.K + s.k0 - 1) / s.k0;
  s.inBytes = gemm::lhsElemBytes(p.type);
  s.outBytes = gemm::accElemBytes(p.type);
  s.packedGroupElems = s.N1 * s.K1 * s.n0 * s.k0;

  const rt::CoreSet cores =
      s.kernel.needsImeCore() ? rt::CoreSet::Ime : rt::CoreSet::Any;
  const int threads =
      p.singleThread || convMacs(p) < kTuning.convMinParallelMacs
          ? 1
          : rt::numThreads(cores);

  const auto &cpu = rt::cpuInfo();
  const gemm::Blocking blk = gemm::chooseBlocking(
      s.kernel, {cpu.l1d_bytes, cpu.l2_bytes, cpu.l3_bytes});
  s.kc = blk.kc;
  s.mc = std::min(blk.mc, (s.M + s.m0 - 1) / s.m0 * s.m0);
  // Fewer blocks than threads: smaller MC blocks (results do not depend on
  // the blocking), then split the output channels.
  const int64_t groups = d.groups;
  if (groups * ((s.M + s.mc - 1) / s.mc) < threads) {
    const int64_t perGroup = (threads + groups - 1) / groups;
    s.mc = std::max(s.m0,
                    ((s.M + perGroup - 1) / perGroup + s.m0 - 1) / s.m0 * s.m0);
  }
  s.mBlocks = (s.M + s.mc - 1) / s.mc;
  s.nGroups = groups * s.mBlocks >= threads
                  ? 1
                  : std::min(s.N1, (threads + groups * s.mBlocks - 1) /
                                       (groups * s.mBlocks));
  // Larger accumulator blocks split the output channels over several tasks
  // (each re-packs its im2col rows, so not lightly).
  const int64_t maxPanels =
      std::max<int64_t>(1, kTuning.convMaxAccBlockBytes / (s.mc * s.n0 * 4));
  s.panelsPerGroup = std::min((s.N1 + s.nGroups - 1) / s.nGroups, maxPanels);
  s.nGroups = (s.N1 + s.panelsPerGroup - 1) / s.panelsPerGroup;
  // Fit lhs block + accumulator block into the 256 KiB per-thread scratch
  // arena (the TCM stand-in), so they never fall back to the heap.
  const int64_t kcPadded = (std::min(s.kc, s.K) + s.k0 - 1) / s.k0 * s.k0;
  const int64_t bytesPerRow =
      kcPadded * s.inBytes + s.panelsPerGroup * s.n0 * 4;
  s.mc = std::max(s.m0, std::min(s.mc, kTuning.convTaskScratchBytes /
                                           bytesPerRow / s.m0 * s.m0));
  s.mBlocks = (s.M + s.mc - 1) / s.mc;

  int32_t st = SPEIR_OK;
  if (filterIsRhsLayout(s)) {
    // Re-packing a weight-heavy filter on every call (ResNet's last layer:
    // 9 MiB of f32 for 49 output pixels) costs more than the convolution.
    s.filterRowElems = s.N;
  } else {
    static thread_local rt::GrowBuffer filterBuffer;
    void *packed =
        filterBuffer.get(size_t(groups * s.packedGroupElems * s.inBytes));
    if (!packed)
      return SPEIR_ERROR_OUT_OF_MEMORY;
    s.packedFilter = static_cast<const char *>(packed);
    st = packFilter(s, threads);
  }
  const int64_t tasks = groups * s.mBlocks * s.nGroups;
  if (st == SPEIR_OK) {
    if (threads == 1)
      runTasks(&s, 0, tasks);
    else
      st = rt::parallelFor(tasks, 1, cores, runTasks, &s);
  }
  return st != SPEIR_OK ? st : s.status.load();
}

} // namespace speir::conv

// ime-slide: direct int8 convolution on IME with the slide forms
// smt.vmadot{1,2,3} (ukernels/riscv64/ImeSlideTile.cpp), no im2col.
//
// Output tiles are 8 pixels along x times 16 output channels. Tap (ky, kx)
// of output pixel ox reads input pixel ix = ox * stride_w + kx * dilation_w
// - pad_left = (ox + off) * stride_w + phase, with off = kx * dilation_w /
// stride_w and phase = kx * dilation_w % stride_w. Each task stages the
// kernel_h input rows of its output row once, deinterleaved by phase and
// split in 8-channel chunks: stage[ky][phase][chunk][j][8] = channels of
// pixel j * stride_w + phase - pad_left, zeros outside the image and past
// in_c. In one (ky, phase, chunk) the taps with consecutive offsets
// off0..off0+3 are one register pair load and slides 0..3 (for stride 1,
// dilation 1: kx = 0..3 per load). The filter is packed once per call into
// [16-channel block][ky][chunk][tap in step order][16][8].
//
// Integer sums wrap, so any summation order gives the same bits: results do
// not depend on the thread count, and rows of the kernel that fall in the
// padding are skipped.
#include <algorithm>
#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "kernels/Tuning.h"
#include "kernels/conv/ConvProblem.h"

#if defined(__riscv) && defined(__riscv_vector)
#include <riscv_vector.h>

#include "arch/CpuInfo.h"
#include "kernels/conv/ukernels/riscv64/ImeSlideTile.h"
#include "kernels/gemm/Pack.h"
#include "kernels/gemm/TileTable.h"
#include "memory/GrowBuffer.h"
#include "threading/Parallel.h"
#endif

namespace speir::conv {

#if defined(__riscv) && defined(__riscv_vector)
namespace {

// Measured (README.md): at stride_w 3-4 the slide forms save at most 1.3x
// instructions for up to 3x the vmadots (tiles cover fewer taps), so they
// are left to im2col-mmt4d.
constexpr int64_t kMaxSlideStride = 2;

bool isInt8(gemm::GemmType t) {
  return t == gemm::GemmType::S8S8S32 || t == gemm::GemmType::U8U8S32 ||
         t == gemm::GemmType::S8U8S32 || t == gemm::GemmType::U8S8S32;
}

// The kernel's taps grouped into steps: per phase, runs of at most four
// taps whose offsets are consecutive.
struct TapGroup {
  int64_t phase, off0, taps;
  int64_t firstTap; // position of its first tap in the packed step order
};

struct SlidePlan {
  const ConvProblem *p;
  ImeSlideTileFn tile;
  int64_t S, Q, FB, W8, wst;
  std::vector<TapGroup> groups;
  std::vector<int64_t> tapPos; // kx -> position in step order
  int64_t fbBytes;             // packed filter bytes of one channel block
  int64_t stageBytes;          // one task's staging
  int64_t rowTasks, fbPerTask, fbTasks;
  const uint8_t *packed;
  std::atomic<int32_t> status{SPEIR_OK};
};

void planTaps(SlidePlan &s) {
  const auto &d = s.p->d;
  s.tapPos.assign(size_t(d.kernel_w), 0);
  int64_t pos = 0;
  for (int64_t ph = 0; ph < s.S; ++ph) {
    TapGroup *open = nullptr;
    for (int64_t kx = 0; kx < d.kernel_w; ++kx) {
      const int64_t x = kx * d.dilation_w;
      if (x % s.S != ph)
        continue;
      const int64_t off = x / s.S;
      if (!open || open->taps == kSlideMaxTaps ||
          off != open->off0 + open->taps) {
        s.groups.push_back({ph, off, 0, pos});
        open = &s.groups.back();
      }
      ++open->taps;
      s.tapPos[size_t(kx)] = pos++;
    }
  }
}

// ---- Filter ----------------------------------------------------------------

// One (ky, kx) tap per index: [F x cpg] slice into 16 x 8 tiles at every
// (channel block, chunk).
void packFilterTaps(void *ctx, int64_t begin, int64_t end) {
  auto &s = *static_cast<SlidePlan *>(ctx);
  const auto &d = s.p->d;
  const int64_t *fs = d.filter_strides;
  for (int64_t i = begin; i < end; ++i) {
    const int64_t ky = i / d.kernel_w, kx = i % d.kernel_w;
    const char *src = s.p->filter + ky * fs[0] + kx * fs[1];
    uint8_t *dst =
        const_cast<uint8_t *>(s.packed) +
        (ky * s.Q * d.kernel_w + s.tapPos[size_t(kx)]) * kSlideTapBytes;
    gemm::packTiles(1, {src, d.out_c, s.p->cpg, fs[3], fs[2]},
                    {dst, s.fbBytes, d.kernel_w * kSlideTapBytes,
                     kSlideTileChannels, kSlideChunk},
                    nullptr);
  }
}

// ---- Staging ---------------------------------------------------------------

// stage[ph][q][j][8] for input row (n, iy).
void stageRow(const SlidePlan &s, const char *row, uint8_t *stage) {
  const ConvProblem &p = *s.p;
  const auto &d = p.d;
  const int64_t ps = d.in_strides[2], cs = d.in_strides[3];
  std::memset(stage, 0, size_t(s.S * s.Q * s.wst * kSlideChunk));
  for (int64_t ph = 0; ph < s.S; ++ph) {
    // Valid j: 0 <= j * S + ph - pad_left < in_w.
    const int64_t x0 = ph - d.pad_left;
    const int64_t j0 = x0 >= 0 ? 0 : (-x0 + s.S - 1) / s.S;
    const int64_t j1 =
        std::min(s.wst, d.in_w - x0 <= 0 ? 0 : (d.in_w - x0 + s.S - 1) / s.S);
    if (j1 <= j0)
      continue;
    uint8_t *base = stage + ph * s.Q * s.wst * kSlideChunk;
    const char *src0 = row + (j0 * s.S + x0) * ps;
    // 64-bit elements must be aligned (misaligned vector accesses may trap).
    const bool aligned =
        reinterpret_cast<uintptr_t>(src0) % 8 == 0 && (s.S * ps) % 8 == 0;
    if (cs == 1 && p.cpg % kSlideChunk == 0 && aligned) {
      // One strided 64-bit gather per chunk and vl pixels.
      for (int64_t q = 0; q < s.Q; ++q) {
        const char *src = src0 + q * kSlideChunk;
        uint64_t *dst =
            reinterpret_cast<uint64_t *>(base + (q * s.wst + j0) * kSlideChunk);
        for (int64_t j = j0; j < j1;) {
          const size_t vl = __riscv_vsetvl_e64m4(size_t(j1 - j));
          const vuint64m4_t v = __riscv_vlse64_v_u64m4(
              reinterpret_cast<const uint64_t *>(src), s.S * ps, vl);
          __riscv_vse64_v_u64m4(dst, v, vl);
          src += int64_t(vl) * s.S * ps;
          dst += vl;
          j += int64_t(vl);
        }
      }
    } else {
      for (int64_t j = j0; j < j1; ++j) {
        const char *px = src0 + (j - j0) * s.S * ps;
        for (int64_t c = 0; c < p.cpg; ++c)
          base[((c / kSlideChunk) * s.wst + j) * kSlideChunk +
               c % kSlideChunk] = uint8_t(px[c * cs]);
      }
    }
  }
}

// ---- Tasks -----------------------------------------------------------------

// Task = (n, oy) output row x a run of channel blocks.
void runTasks(void *ctx, int64_t begin, int64_t end) {
  auto &s = *static_cast<SlidePlan *>(ctx);
  const ConvProblem &p = *s.p;
  const auto &d = p.d;
  const int64_t kh = d.kernel_h, kw = d.kernel_w;
  const int64_t maxSteps = kh * s.Q * int64_t(s.groups.size());
  auto *stage = static_cast<uint8_t *>(speir_scratch_alloc(s.stageBytes, 64));
  auto *steps = static_cast<ImeSlideStep *>(
      speir_scratch_alloc(maxSteps * int64_t(sizeof(ImeSlideStep)), 64));
  if (!stage || !steps) {
    speir_scratch_free(steps);
    speir_scratch_free(stage);
    s.status = SPEIR_ERROR_OUT_OF_MEMORY;
    return;
  }
  const int64_t slotBytes = s.S * s.Q * s.wst * kSlideChunk;
  for (int64_t task = begin; task < end; ++task) {
    const int64_t rowTask = task / s.fbTasks, fbTask = task % s.fbTasks;
    const int64_t n = rowTask / d.out_h, oy = rowTask % d.out_h;
    int64_t numSteps = 0;
    for (int64_t ky = 0; ky < kh; ++ky) {
      const int64_t iy = oy * d.stride_h + ky * d.dilation_h - d.pad_top;
      if (iy < 0 || iy >= d.in_h)
        continue;
      uint8_t *slot = stage + ky * slotBytes;
      stageRow(s, p.in + n * d.in_strides[0] + iy * d.in_strides[1], slot);
      for (int64_t q = 0; q < s.Q; ++q)
        for (const TapGroup &g : s.groups)
          steps[numSteps++] = {
              ((g.phase * s.Q + q) * s.wst + g.off0) * kSlideChunk +
                  (slot - stage),
              ((ky * s.Q + q) * kw + g.firstTap) * kSlideTapBytes, g.taps - 1};
    }
    ImeSlideTileParams t;
    t.steps = steps;
    t.numSteps = numSteps;
    t.cPixelStrideBytes = d.out_strides[2] * 4;
    t.cChannelStrideBytes = d.out_strides[3] * 4;
    t.accumulate = p.accumulate;
    const int64_t fb0 = fbTask * s.fbPerTask;
    const int64_t fb1 = std::min(s.FB, fb0 + s.fbPerTask);
    char *outRow = p.out + (n * d.out_strides[0] + oy * d.out_strides[1]) * 4;
    for (int64_t fb = fb0; fb < fb1; ++fb) {
      t.b = s.packed + fb * s.fbBytes;
      t.cols = std::min<int64_t>(kSlideTileChannels,
                                 d.out_c - fb * kSlideTileChannels);
      for (int64_t ox = 0; ox < d.out_w; ox += kSlideTilePixels) {
        t.a = stage + ox * kSlideChunk;
        t.c = reinterpret_cast<int32_t *>(
            outRow + (ox * d.out_strides[2] +
                      fb * kSlideTileChannels * d.out_strides[3]) *
                         4);
        t.rows = std::min<int64_t>(kSlideTilePixels, d.out_w - ox);
        s.tile(t);
      }
    }
  }
  speir_scratch_free(steps);
  speir_scratch_free(stage);
}

} // namespace

static bool imeSlideDisabledByEnv() {
  static const bool v = [] {
    const char *e = std::getenv("SPINE_CONV_IME_SLIDE");
    return e && std::strcmp(e, "0") == 0;
  }();
  return v;
}

bool imeSlideApplies(const ConvProblem &p) {
  const auto &d = p.d;
  if (!isInt8(p.type) || d.groups != 1 || d.in_strides[3] != 1 ||
      d.stride_w > kMaxSlideStride)
    return false;
  const auto &cpu = rt::cpuInfo();
  if (cpu.ime_version < 1 || cpu.vlen_bits != 256)
    return false;
  if (imeSlideDisabledByEnv())
    return false;
  // The GEMM layer's choice (honours SPINE_GEMM_KERNEL): IME or not.
  return gemm::preferredTileKernel(p.type).needsImeCore();
}

int32_t runImeSlide(const ConvProblem &p) {
  const auto &d = p.d;
  SlidePlan s;
  s.p = &p;
  s.tile = imeSlideTileKernel(p.type);
  if (!s.tile)
    return SPEIR_ERROR_INTERNAL;
  s.S = d.stride_w;
  s.Q = (p.cpg + kSlideChunk - 1) / kSlideChunk;
  s.FB = (d.out_c + kSlideTileChannels - 1) / kSlideTileChannels;
  planTaps(s);
  int64_t maxOff = 0;
  for (const TapGroup &g : s.groups)
    maxOff = std::max(maxOff, g.off0);
  s.W8 = (d.out_w + kSlideTilePixels - 1) / kSlideTilePixels * kSlideTilePixels;
  // Atom 1 of the last tile reads pixels up to W8 - 8 + 4 + maxOff + 7.
  s.wst = s.W8 + maxOff + 4;
  s.fbBytes = d.kernel_h * s.Q * d.kernel_w * kSlideTapBytes;
  s.stageBytes = d.kernel_h * s.S * s.Q * s.wst * kSlideChunk;

  const int threads =
      p.singleThread || convMacs(p) < kTuning.convMinParallelMacs
          ? 1
          : rt::numThreads(rt::CoreSet::Ime);
  s.rowTasks = d.batch * d.out_h;
  // Few output rows (deep layers): split the channel blocks too.
  const int64_t want = 4 * int64_t(threads);
  s.fbTasks = s.rowTasks >= want
                  ? 1
                  : std::min(s.FB, (want + s.rowTasks - 1) / s.rowTasks);
  s.fbPerTask = (s.FB + s.fbTasks - 1) / s.fbTasks;
  s.fbTasks = (s.FB + s.fbPerTask - 1) / s.fbPerTask;

  static thread_local rt::GrowBuffer filterBuffer;
  void *packed =
      filterBuffer.get(size_t(s.FB * s.fbBytes + kSlideFilterSlackBytes));
  if (!packed)
    return SPEIR_ERROR_OUT_OF_MEMORY;
  s.packed = static_cast<const uint8_t *>(packed);
  const int64_t taps = d.kernel_h * d.kernel_w;
  int32_t st = SPEIR_OK;
  if (threads == 1)
    packFilterTaps(&s, 0, taps);
  else
    st = rt::parallelFor(taps, 1, rt::CoreSet::Any, packFilterTaps, &s);
  if (st != SPEIR_OK)
    return st;
  const int64_t tasks = s.rowTasks * s.fbTasks;
  if (threads == 1)
    runTasks(&s, 0, tasks);
  else
    st = rt::parallelFor(tasks, 1, rt::CoreSet::Ime, runTasks, &s);
  return st != SPEIR_OK ? st : s.status.load();
}

#else

bool imeSlideApplies(const ConvProblem &) { return false; }
int32_t runImeSlide(const ConvProblem &) { return SPEIR_ERROR_INTERNAL; }

#endif

} // namespace speir::conv

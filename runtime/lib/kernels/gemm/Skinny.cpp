#include "kernels/gemm/Skinny.h"
#include "kernels/Tuning.h"

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <cstring>

#include "kernels/gemm/Half.h"
#include "kernels/gemm/ukernels/generic/SkinnyGeneric.h"
#include "memory/GrowBuffer.h"
#include "threading/Parallel.h"
#if defined(__x86_64__)
#include "kernels/gemm/ukernels/x86_64/Mmt4dX86.h"
#endif
#if defined(__riscv) && defined(__riscv_vector)
#include "kernels/gemm/ukernels/riscv64/Mmt4dRiscv64.h"
#endif

namespace speir::gemm {
namespace {

rt::GrowBuffer &lhsScratch() {
  static thread_local rt::GrowBuffer b;
  return b;
}
rt::GrowBuffer &accScratch() {
  static thread_local rt::GrowBuffer b;
  return b;
}

} // namespace

namespace {

int readSkinnyOverride() {
  const char *env = std::getenv("SPINE_GEMM_SKINNY");
  if (!env || !*env)
    return -1;
  return env[0] == '1' ? 1 : env[0] == '0' ? 0 : -1;
}

int &skinnyOverrideValue() {
  static int v = readSkinnyOverride();
  return v;
}

} // namespace

// SPINE_GEMM_SKINNY=0 / 1 overrides the cost model (tests, benchmarks);
// read once (see reloadSkinnyOverride).
int skinnyOverride() { return skinnyOverrideValue(); }

void reloadSkinnyOverride() { skinnyOverrideValue() = readSkinnyOverride(); }

namespace {

// Columns of C per block: the block's accumulators (M x NB, 4-byte
// elements) stay within kTuning.skinnyAccBlockBytes of L1, the rows of B a
// block reads are long contiguous runs, and every thread gets at least one
// block. Dot blocks are short: each column is one row of B. No result depends
// on the blocks.
int64_t columnBlock(const GemmProblem &p, bool rowMajor, int threads) {
  if (!rowMajor)
    return 16;
  const int64_t perThread = (p.n + threads - 1) / threads;
  const int64_t nb = std::min(kTuning.skinnyAccBlockBytes / (4 * p.m),
                              (perThread + 63) / 64 * 64);
  return std::clamp<int64_t>(nb / 64 * 64, 64, 4096);
}

struct SkinnyRun {
  const GemmProblem *prob;
  const Epilogue *epi;
  SkinnyFn fn;
  bool rowMajor;
  const void *a;
  int64_t lda;
  int64_t nb;
  std::atomic<bool> failed{false};
};

void runBlocks(void *ctx, int64_t begin, int64_t end) {
  auto &s = *static_cast<SkinnyRun *>(ctx);
  const GemmProblem &p = *s.prob;
  auto *acc = static_cast<char *>(accScratch().get(size_t(p.m * s.nb * 4)));
  if (!acc) {
    s.failed = true;
    return;
  }
  const bool f16Acc = p.type == GemmType::F16F16F16;
  const int64_t cb = accElemBytes(p.type);
  for (int64_t blk = begin; blk < end; ++blk) {
    const int64_t j0 = blk * s.nb, w = std::min(s.nb, p.n - j0);
    if (p.accumulate)
      for (int64_t i = 0; i < p.m; ++i) {
        const char *c = p.c + (i * p.ldc + j0) * cb;
        char *dst = acc + i * s.nb * 4;
        if (f16Acc)
          for (int64_t j = 0; j < w; ++j) {
            uint16_t h;
            std::memcpy(&h, c + j * 2, 2);
            reinterpret_cast<float *>(dst)[j] = halfToFloat(h);
          }
        else
          std::memcpy(dst, c, size_t(w) * 4);
      }
    SkinnyParams kp;
    kp.a = s.a;
    kp.lda = s.lda;
    kp.b = p.b + j0 * rhsElemBytes(p.type) * (s.rowMajor ? 1 : p.bStrideN);
    kp.ldb = s.rowMajor ? p.bStrideK : p.bStrideN;
    kp.acc = acc;
    kp.accStride = s.nb;
    kp.m = p.m;
    kp.n = w;
    kp.k = p.k;
    kp.accumulate = p.accumulate;
    s.fn(kp);
    if (s.epi) {
      const AccBlock block{isInt8Type(p.type) ? AccBlock::S32 : AccBlock::F32,
                           f16Acc, acc, s.nb};
      applyEpilogue(*s.epi, block, 0, p.m, j0, w);
      continue;
    }
    for (int64_t i = 0; i < p.m; ++i) {
      char *c = p.c + (i * p.ldc + j0) * cb;
      const char *src = acc + i * s.nb * 4;
      if (f16Acc)
        for (int64_t j = 0; j < w; ++j) {
          const uint16_t h =
              floatToHalf(reinterpret_cast<const float *>(src)[j]);
          std::memcpy(c + j * 2, &h, 2);
        }
      else
        std::memcpy(c, src, size_t(w) * 4);
    }
  }
}

// A in the accumulator type, row-major m x k (f32 or int32).
template <class Src, class Dst, class Cvt>
void convertLhs(const GemmProblem &p, Dst *dst, Cvt cvt) {
  const auto *a = reinterpret_cast<const Src *>(p.a);
  for (int64_t i = 0; i < p.m; ++i)
    for (int64_t k = 0; k < p.k; ++k)
      dst[i * p.k + k] = cvt(a[i * p.aStrideM + k * p.aStrideK]);
}

void convertLhs(const GemmProblem &p, void *dst) {
  auto *f = static_cast<float *>(dst);
  auto *s = static_cast<int32_t *>(dst);
  switch (p.type) {
  case GemmType::F32F32F32:
    convertLhs<float>(p, f, [](float v) { return v; });
    break;
  case GemmType::F16F16F32:
  case GemmType::F16F16F16:
    convertLhs<uint16_t>(p, f, halfToFloat);
    break;
  case GemmType::BF16BF16F32:
    convertLhs<uint16_t>(p, f, bf16ToFloat);
    break;
  case GemmType::S8S8S32:
  case GemmType::S8U8S32:
    convertLhs<int8_t>(p, s, [](int8_t v) { return int32_t(v); });
    break;
  case GemmType::U8U8S32:
  case GemmType::U8S8S32:
    convertLhs<uint8_t>(p, s, [](uint8_t v) { return int32_t(v); });
    break;
  }
}

} // namespace

SkinnyKernels skinnyKernelsFor(GemmType type) {
  SkinnyKernels k = genericSkinnyKernels(type);
#if defined(__riscv) && defined(__riscv_vector)
  if (isaAllowed(KernelIsa::Rvv)) {
    const SkinnyKernels rvv = rvvSkinnyKernels(type);
    if (rvv.rowMajor)
      k.rowMajor = rvv.rowMajor, k.isa = KernelIsa::Rvv;
    if (rvv.dot)
      k.dot = rvv.dot, k.isa = KernelIsa::Rvv;
  }
#endif
#if defined(__x86_64__)
  if (isaAllowed(KernelIsa::Avx2) && hostHasAvx2Fma() && hostHasF16c())
    k = avx2SkinnyKernels(type);
#endif
  return k;
}

bool preferSkinny(const GemmProblem &p, const TileKernel &packed, int threads) {
  const int force = skinnyOverride();
  if (force >= 0)
    return force == 1;
  const bool rowMajor = p.bStrideN == 1;
  const SkinnyKernels sk = skinnyKernelsFor(p.type);
  // Cost per k and per column of C, in units of one lane-slot of a vector
  // FMA of the packed tile kernel (calibrated on the AVX2 host, f32 and
  // int8, N = K = 4096). The packed kernel computes whole M0-row tiles (a
  // 1-row GEMV runs 6-8 rows); reading K0 = 1 panels of B in place at
  // stride ldb costs it about half as much again, packing B about 2. The
  // skinny kernels compute only the M rows but reload B's rows from L1 for
  // every row of C, from a block of C that narrows as M grows (row-major
  // 1.0, dot products 1.5, rising with M). IME tiles do 8 MACs per lane
  // slot; the any-shape generic tile kernel is scalar.
  const int64_t m0 = packed.m0, n0 = packed.n0;
  const int64_t mPanels = (p.m + m0 - 1) / m0;
  const bool packedInPlace = packed.k0 == 1 && rowMajor && mPanels <= 4;
  double skinnyCost, packedCost;
  if (sk.isa == KernelIsa::Avx2 && p.type == GemmType::F32F32F32 &&
      packed.isa == KernelIsa::Avx2) {
    // Both sides run AVX2 register tiles (SkinnyAvx2.cpp, Mmt4dF32Avx2.cpp);
    // measured on the EPYC host, N = K = 4096, 1 and 2 threads, M = 2..32
    // (gemm_bench --decode-sweep), a unit the packed kernel's row (0.6 ms
    // there). Skinny: one contiguous stream of B (about 6 units) plus 1.8
    // per row of C row-major, 5 plus 0.9 per row as dot products, rising
    // with M as A's and C's rows leave L1. Packed: bound by the strided
    // in-place read of B (about 22 units, flat from 1 to 4 panels) until its
    // rows cost more; packing B costs about 25 units, transposing it 60.
    const double growth = 1.0 + p.m / 64.0;
    skinnyCost = rowMajor ? 5.8 + 1.8 * p.m * growth : 5.0 + 0.9 * p.m * growth;
    const double rows = double(mPanels * m0);
    packedCost =
        packedInPlace ? std::max(22.0, rows) : rows + (rowMajor ? 25.0 : 60.0);
  } else {
    const double skinnyPerRow = (rowMajor ? 1.0 : 1.5) * (1.0 + p.m / 64.0);
    double packedPerRow = packed.isa == KernelIsa::Ime ? 0.125 : 1.0;
    if (packed.isa == KernelIsa::Generic && sk.isa != KernelIsa::Generic)
      packedPerRow *= 4.0;
    skinnyCost = double(p.m) * skinnyPerRow;
    packedCost =
        double(mPanels * m0) * packedPerRow * (packedInPlace ? 1.5 : 1.0) +
        (packedInPlace ? 0.0 : 2.0);
  }
  // Parallelism: skinny splits N into column blocks, packed into tiles.
  const int64_t nb = columnBlock(p, rowMajor, threads);
  const int64_t skinnyTasks = (p.n + nb - 1) / nb;
  const int64_t packedTasks = mPanels * ((p.n + n0 - 1) / n0);
  const double skinnyPar = double(std::min<int64_t>(threads, skinnyTasks));
  const double packedPar = double(std::min<int64_t>(threads, packedTasks));
  return skinnyCost / skinnyPar <= packedCost / packedPar;
}

int32_t runSkinny(const GemmProblem &p, const Epilogue *epi, int threads) {
  const bool rowMajor = p.bStrideN == 1;
  const SkinnyKernels sk = skinnyKernelsFor(p.type);
  SkinnyRun s;
  s.prob = &p;
  s.epi = epi;
  s.rowMajor = rowMajor;
  s.fn = rowMajor ? sk.rowMajor : sk.dot;
  s.nb = columnBlock(p, rowMajor, threads);
  if (p.type == GemmType::F32F32F32 && p.aStrideK == 1) {
    s.a = p.a;
    s.lda = p.aStrideM;
  } else {
    void *a = lhsScratch().get(size_t(p.m * p.k * 4));
    if (!a)
      return SPEIR_ERROR_OUT_OF_MEMORY;
    convertLhs(p, a);
    s.a = a;
    s.lda = p.k;
  }
  const int64_t blocks = (p.n + s.nb - 1) / s.nb;
  if (threads <= 1 || blocks == 1) {
    runBlocks(&s, 0, blocks);
  } else {
    // Contiguous shares of column blocks: each thread streams its own
    // slice of B.
    const int64_t grain = 1;
    const int32_t st =
        rt::parallelFor(blocks, grain, rt::CoreSet::Any, runBlocks, &s);
    if (st != SPEIR_OK)
      return st;
  }
  return s.failed ? SPEIR_ERROR_OUT_OF_MEMORY : SPEIR_OK;
}

} // namespace speir::gemm

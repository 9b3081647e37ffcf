// speir_gemm / speir_gemm_batched: the BLIS driver. Loops jc (NC) -> pc (KC)
// -> parallel tasks over (MC block, group of N0 panels); each task packs its
// lhs block and runs the tile kernel over its tiles. Every C element is
// produced by one task summing k in ascending order, so results are the same
// for any thread count and any blocking. f16 accumulators are not blocked in
// K: each tile is summed in f32 by one kernel call and rounded once.
#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "CheckedMath.h"
#include "arch/CpuInfo.h"
#include "kernels/Tuning.h"
#include "kernels/gemm/Blocking.h"
#include "kernels/gemm/Epilogue.h"
#include "kernels/gemm/GemmProblem.h"
#include "kernels/gemm/GemmTypes.h"
#include "kernels/gemm/Pack.h"
#include "kernels/gemm/Skinny.h"
#include "kernels/gemm/TileTable.h"
#include "memory/GrowBuffer.h"
#include "speir/abi.h"
#include "threading/Parallel.h"

namespace speir::gemm {
namespace {

rt::GrowBuffer &lhsScratch() {
  static thread_local rt::GrowBuffer b;
  return b;
}
rt::GrowBuffer &inPlaceScratch() {
  static thread_local rt::GrowBuffer b;
  return b;
}
rt::GrowBuffer &rhsScratch() {
  static thread_local rt::GrowBuffer b;
  return b;
}

struct PanelStep {
  const GemmProblem *prob;
  TileKernel kernel;
  Blocking blk;
  int64_t jc, nb, pc, kb, k1;
  int64_t nPanels, mBlocks, panelsPerTask, nGroups;
  const char *packedRhs;
  // Skinny lhs: full rhs panels are read in place from B (see runGemm).
  bool rhsInPlace;
  bool accumulate;
  // speir_gemm_fused: K is not blocked, every tile goes through a tile
  // buffer and the epilogue writes it out.
  const Epilogue *epi = nullptr;
  std::atomic<bool> failed{false};
};

void packRhsPanels(void *ctx, int64_t begin, int64_t end) {
  auto &s = *static_cast<PanelStep *>(ctx);
  const GemmProblem &p = *s.prob;
  if (s.rhsInPlace) {
    // Only a partial last panel needs a padded copy; it goes to slot 0.
    const int64_t last = s.nPanels - 1;
    if (s.nb % s.kernel.n0 == 0 || end <= last)
      return;
    const int64_t eb = rhsElemBytes(p.type);
    const int64_t n0 = s.kernel.n0, k0 = s.kernel.k0;
    const int64_t firstCol = s.jc + last * n0;
    StridedMatrix src{p.b + (s.pc * p.bStrideK + firstCol * p.bStrideN) * eb,
                      s.nb - last * n0, s.kb, p.bStrideN, p.bStrideK};
    packTiles(
        int(eb), src,
        {const_cast<char *>(s.packedRhs), s.k1 * n0 * k0, n0 * k0, n0, k0},
        nullptr);
    return;
  }
  const int64_t eb = rhsElemBytes(p.type);
  const int64_t n0 = s.kernel.n0, k0 = s.kernel.k0;
  const int64_t firstCol = s.jc + begin * n0;
  const int64_t cols = std::min(s.nb - begin * n0, (end - begin) * n0);
  // The rhs panel is the transposed view of B's block: rows = n, cols = k.
  StridedMatrix src{p.b + (s.pc * p.bStrideK + firstCol * p.bStrideN) * eb,
                    cols, s.kb, p.bStrideN, p.bStrideK};
  TiledLayout dst{const_cast<char *>(s.packedRhs) + begin * s.k1 * n0 * k0 * eb,
                  s.k1 * n0 * k0, n0 * k0, n0, k0};
  packTiles(int(eb), src, dst, nullptr);
}

Mmt4dTileParams tileParams(const PanelStep &s, const char *packedLhs,
                           const char *packedRhs, int64_t rhsStrideK1) {
  Mmt4dTileParams t;
  t.lhs = packedLhs;
  t.rhs = packedRhs;
  t.lhsStrideK1 = int64_t(s.kernel.m0) * s.kernel.k0;
  t.rhsStrideK1 = rhsStrideK1;
  t.k1 = s.k1;
  t.m0 = s.kernel.m0;
  t.n0 = s.kernel.n0;
  t.k0 = s.kernel.k0;
  t.accumulate = s.accumulate;
  return t;
}

void runTile(const PanelStep &s, const char *packedLhs, const char *packedRhs,
             int64_t rhsStrideK1, int64_t row, int64_t col) {
  const GemmProblem &p = *s.prob;
  const int64_t accBytes = accElemBytes(p.type);
  const int m0 = s.kernel.m0, n0 = s.kernel.n0;
  Mmt4dTileParams t = tileParams(s, packedLhs, packedRhs, rhsStrideK1);
  char *c = p.c + (row * p.ldc + col) * accBytes;
  const int64_t rows = std::min<int64_t>(m0, p.m - row);
  const int64_t cols = std::min<int64_t>(n0, p.n - col);
  if (rows == m0 && cols == n0 && !s.epi) {
    t.acc = c;
    t.accStrideRow = p.ldc;
    s.kernel.fn(t);
    return;
  }
  // Edge tile: compute into a full-size tile, copy the valid part.
  alignas(64) char tile[64 * 64 * 4];
  std::vector<char> big;
  char *buf = tile;
  if (size_t(m0) * n0 * accBytes > sizeof tile) {
    big.resize(size_t(m0) * n0 * accBytes);
    buf = big.data();
  }
  if (s.accumulate) {
    std::memset(buf, 0, size_t(m0) * n0 * accBytes);
    for (int64_t r = 0; r < rows; ++r)
      std::memcpy(buf + r * n0 * accBytes, c + r * p.ldc * accBytes,
                  cols * accBytes);
  }
  t.acc = buf;
  t.accStrideRow = n0;
  s.kernel.fn(t);
  if (s.epi) {
    const AccBlock block{isInt8Type(p.type)              ? AccBlock::S32
                         : p.type == GemmType::F16F16F16 ? AccBlock::F16
                                                         : AccBlock::F32,
                         false, buf, n0};
    applyEpilogue(*s.epi, block, row, rows, col, cols);
    return;
  }
  for (int64_t r = 0; r < rows; ++r)
    std::memcpy(c + r * p.ldc * accBytes, buf + r * n0 * accBytes,
                cols * accBytes);
}

// Where rhs panel j of the current step is (packed, or read in place from
// B) and its K1 stride.
const char *rhsPanel(const PanelStep &s, int64_t j) {
  const GemmProblem &p = *s.prob;
  const int64_t rb = rhsElemBytes(p.type);
  const int64_t n0 = s.kernel.n0, k0 = s.kernel.k0;
  if (!s.rhsInPlace)
    return s.packedRhs + j * s.k1 * n0 * k0 * rb;
  return (j + 1) * n0 <= s.nb ? p.b + (s.pc * p.bStrideK + s.jc + j * n0) * rb
                              : s.packedRhs;
}
int64_t rhsPanelStrideK1(const PanelStep &s, int64_t j) {
  const int64_t n0 = s.kernel.n0, k0 = s.kernel.k0;
  return s.rhsInPlace && (j + 1) * n0 <= s.nb ? s.prob->bStrideK : n0 * k0;
}

rt::GrowBuffer &epilogueScratch() {
  static thread_local rt::GrowBuffer b;
  return b;
}

// speir_gemm_fused on the packed path (f32 and int32 accumulators): the
// tiles of the lhs block x a group of rhs panels about 256 columns wide are
// computed, whole, into a block buffer (padded to full tiles, so every tile
// takes the kernel's fast entry), and the epilogue then runs over the
// block's rows in one pass each: long row segments for the vector epilogue
// instead of one call per tile. K is not blocked (runGemm), so the buffer
// holds finished sums.
bool runEpilogueBlocks(const PanelStep &s, const char *packedLhs, int64_t ic,
                       int64_t mb, int64_t firstPanel, int64_t lastPanel) {
  const GemmProblem &p = *s.prob;
  const int64_t lb = lhsElemBytes(p.type);
  const int64_t m0 = s.kernel.m0, n0 = s.kernel.n0, k0 = s.kernel.k0;
  const int64_t mPanels = (mb + m0 - 1) / m0;
  const int64_t groupPanels = std::max<int64_t>(1, 256 / n0);
  const int64_t width = groupPanels * n0;
  auto *buf = static_cast<char *>(
      epilogueScratch().get(size_t(mPanels * m0 * width * 4)));
  if (!buf)
    return false;
  const AccBlock::Kind kind =
      isInt8Type(p.type) ? AccBlock::S32 : AccBlock::F32;
  for (int64_t j0 = firstPanel; j0 < lastPanel; j0 += groupPanels) {
    const int64_t j1 = std::min(lastPanel, j0 + groupPanels);
    const int64_t col0 = s.jc + j0 * n0;
    const int64_t cols = std::min((j1 - j0) * n0, p.n - col0);
    if (s.accumulate) {
      // The padding is summed into too: zeros, not stale bits.
      std::memset(buf, 0, size_t(mPanels * m0 * width * 4));
      for (int64_t r = 0; r < mb; ++r)
        std::memcpy(buf + r * width * 4, p.c + ((ic + r) * p.ldc + col0) * 4,
                    size_t(cols) * 4);
    }
    for (int64_t j = j0; j < j1; ++j) {
      Mmt4dTileParams t =
          tileParams(s, packedLhs, rhsPanel(s, j), rhsPanelStrideK1(s, j));
      t.acc = buf + (j - j0) * n0 * 4;
      t.accStrideRow = width;
      if (s.kernel.columnFn) {
        Mmt4dTileColumnParams cp;
        cp.tile = t;
        cp.m1 = mPanels;
        cp.lhsStrideM1 = s.k1 * m0 * k0;
        cp.accStrideM1 = m0 * width;
        s.kernel.columnFn(cp);
        continue;
      }
      for (int64_t i = 0; i < mPanels; ++i) {
        t.lhs = packedLhs + i * s.k1 * m0 * k0 * lb;
        t.acc = buf + (i * m0 * width + (j - j0) * n0) * 4;
        s.kernel.fn(t);
      }
    }
    applyEpilogue(*s.epi, {kind, false, buf, width}, ic, mb, col0, cols);
  }
  return true;
}

void runTasks(void *ctx, int64_t begin, int64_t end) {
  auto &s = *static_cast<PanelStep *>(ctx);
  const GemmProblem &p = *s.prob;
  const int64_t lb = lhsElemBytes(p.type);
  const int64_t m0 = s.kernel.m0, n0 = s.kernel.n0, k0 = s.kernel.k0;
  for (int64_t task = begin; task < end; ++task) {
    const int64_t mBlock = task / s.nGroups, group = task % s.nGroups;
    const int64_t ic = mBlock * s.blk.mc;
    const int64_t mb = std::min(s.blk.mc, p.m - ic);
    const int64_t mPanels = (mb + m0 - 1) / m0;
    char *packedLhs = static_cast<char *>(
        lhsScratch().get(size_t(mPanels * s.k1 * m0 * k0 * lb)));
    if (!packedLhs) {
      s.failed = true;
      return;
    }
    StridedMatrix src{p.a + (ic * p.aStrideM + s.pc * p.aStrideK) * lb, mb,
                      s.kb, p.aStrideM, p.aStrideK};
    packTiles(int(lb), src, {packedLhs, s.k1 * m0 * k0, m0 * k0, m0, k0},
              nullptr);
    const int64_t firstPanel = group * s.panelsPerTask;
    const int64_t lastPanel = std::min(s.nPanels, firstPanel + s.panelsPerTask);
    if (s.epi && p.type != GemmType::F16F16F16) {
      if (!runEpilogueBlocks(s, packedLhs, ic, mb, firstPanel, lastPanel)) {
        s.failed = true;
        return;
      }
      continue;
    }
    for (int64_t j = firstPanel; j < lastPanel; ++j) {
      const char *rhs = rhsPanel(s, j);
      const int64_t rhsStrideK1 = rhsPanelStrideK1(s, j);
      const int64_t col = s.jc + j * n0;
      int64_t i = 0;
      // Full tiles of this column in one call when the kernel can.
      if (s.kernel.columnFn && !s.epi && col + n0 <= p.n && mb >= m0) {
        Mmt4dTileColumnParams cp;
        cp.tile = tileParams(s, packedLhs, rhs, rhsStrideK1);
        cp.tile.acc = p.c + (ic * p.ldc + col) * accElemBytes(p.type);
        cp.tile.accStrideRow = p.ldc;
        cp.m1 = i = mb / m0;
        cp.lhsStrideM1 = s.k1 * m0 * k0;
        cp.accStrideM1 = m0 * p.ldc;
        s.kernel.columnFn(cp);
      }
      for (; i < mPanels; ++i)
        runTile(s, packedLhs + i * s.k1 * m0 * k0 * lb, rhs, rhsStrideK1,
                ic + i * m0, col);
    }
  }
}

// Overwrite with k == 0 still has to store zeros.
void zeroC(const GemmProblem &p) {
  const int64_t eb = accElemBytes(p.type);
  for (int64_t r = 0; r < p.m; ++r)
    std::memset(p.c + r * p.ldc * eb, 0, size_t(p.n * eb));
}

typedef float V16f __attribute__((vector_size(64)));
// These helpers are internal: the calling convention of a 64-byte vector
// (GCC's -Wpsabi note on x86 without AVX-512) never crosses a library edge.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wpsabi"
#endif

inline V16f load16(const float *p) {
  V16f v;
  std::memcpy(&v, p, sizeof v);
  return v;
}
inline void store16(float *p, V16f v) { std::memcpy(p, &v, sizeof v); }

/// C[i0..i0+4, j0..j0+16] (+)= A[i0..i0+4, :] * B[:, j0..j0+16] with the
/// 4 x 16 block of C in registers across K. Generic vectors (RVV or SSE/AVX,
/// whatever the build targets); named accumulators, since GCC keeps an array
/// of vectors in memory.
void inPlaceBlock4x16F32(const GemmProblem &p, int64_t i0, int64_t j0) {
  const auto *a = reinterpret_cast<const float *>(p.a) + i0 * p.aStrideM;
  const auto *b = reinterpret_cast<const float *>(p.b) + j0;
  float *c0 = reinterpret_cast<float *>(p.c) + i0 * p.ldc + j0;
  float *c1 = c0 + p.ldc, *c2 = c1 + p.ldc, *c3 = c2 + p.ldc;
  V16f acc0{}, acc1{}, acc2{}, acc3{};
  if (p.accumulate)
    acc0 = load16(c0), acc1 = load16(c1), acc2 = load16(c2), acc3 = load16(c3);
  const int64_t sm = p.aStrideM;
  for (int64_t k = 0; k < p.k; ++k) {
    const V16f bk = load16(b + k * p.bStrideK);
    const float *ak = a + k * p.aStrideK;
    acc0 += ak[0] * bk;
    acc1 += ak[sm] * bk;
    acc2 += ak[2 * sm] * bk;
    acc3 += ak[3 * sm] * bk;
  }
  store16(c0, acc0), store16(c1, acc1), store16(c2, acc2), store16(c3, acc3);
}

/// The same for the edge blocks of any size, one element at a time.
void inPlaceEdgeF32(const GemmProblem &p, int64_t i0, int64_t i1, int64_t j0,
                    int64_t j1) {
  const auto *a = reinterpret_cast<const float *>(p.a);
  const auto *b = reinterpret_cast<const float *>(p.b);
  auto *c = reinterpret_cast<float *>(p.c);
  for (int64_t i = i0; i < i1; ++i)
    for (int64_t j = j0; j < j1; ++j) {
      float sum = p.accumulate ? c[i * p.ldc + j] : 0.0f;
      for (int64_t k = 0; k < p.k; ++k)
        sum += a[i * p.aStrideM + k * p.aStrideK] * b[k * p.bStrideK + j];
      c[i * p.ldc + j] = sum;
    }
}

/// C (+)= A * B with no packing: 4 x 16 register blocks, then the edges.
void runInPlaceF32(const GemmProblem &p) {
  constexpr int64_t kMr = 4, kNr = 16;
  const int64_t mFull = p.m / kMr * kMr, nFull = p.n / kNr * kNr;
  for (int64_t i = 0; i < mFull; i += kMr)
    for (int64_t j = 0; j < nFull; j += kNr)
      inPlaceBlock4x16F32(p, i, j);
  if (nFull < p.n)
    inPlaceEdgeF32(p, 0, mFull, nFull, p.n);
  if (mFull < p.m)
    inPlaceEdgeF32(p, mFull, p.m, 0, p.n);
}

// K == 0 with an epilogue: the accumulator is C (ACCUMULATE) or zero.
int32_t epilogueOnly(const GemmProblem &p, const Epilogue &e) {
  const AccBlock::Kind kind = isInt8Type(p.type)              ? AccBlock::S32
                              : p.type == GemmType::F16F16F16 ? AccBlock::F16
                                                              : AccBlock::F32;
  if (p.accumulate) {
    applyEpilogue(e, {kind, false, p.c, p.ldc}, 0, p.m, 0, p.n);
    return SPEIR_OK;
  }
  alignas(64) static const char zeros[4096] = {};
  const int64_t cols = int64_t(sizeof zeros) / 4;
  for (int64_t j = 0; j < p.n; j += cols)
    applyEpilogue(e, {kind, false, zeros, 0}, 0, p.m, j,
                  std::min(cols, p.n - j));
  return SPEIR_OK;
}

int32_t runGemm(const GemmProblem &p, const Epilogue *epi);

rt::GrowBuffer &repeatedRowScratch() {
  static thread_local rt::GrowBuffer b;
  return b;
}

/// runRepeatedRows' row loop for one element form: C's rows (CElem, ldc
/// apart) plus t (Acc: f32 or, for int32, unsigned so that the sum wraps)
/// into `out` (C's row itself, or with an epilogue the row `sum` it reads).
template <class CElem, class OutElem, class Acc, class Load, class Store>
void addToEveryRow(const GemmProblem &p, const Acc *t, OutElem *sum,
                   const Epilogue *epi, const AccBlock &sumBlock, Load load,
                   Store store) {
  auto *c = reinterpret_cast<CElem *>(p.c);
  for (int64_t i = 0; i < p.m; ++i, c += p.ldc) {
    OutElem *out = epi ? sum : reinterpret_cast<OutElem *>(c);
    for (int64_t j = 0; j < p.n; ++j)
      out[j] = store((p.accumulate ? load(c[j]) : Acc(0)) + t[j]);
    if (epi)
      applyEpilogue(*epi, sumBlock, i, 1, 0, p.n);
  }
}

/// Every row of A is the same line (aStrideM == 0: a broadcast view, e.g. a
/// Triton program's rows `rm % M` with M = 1 read in place), so every row of
/// op(A) * op(B) is the same: one row's product t (f32 or int32, whatever C
/// is), then C[i] = [C[i] +] t for each row, rounded once to an f16 C, or
/// the epilogue of that sum. Costs one GEMV and M x N adds instead of M
/// GEMVs.
int32_t runRepeatedRows(const GemmProblem &p, const Epilogue *epi) {
  const bool f16Acc = p.type == GemmType::F16F16F16;
  const bool intAcc = isInt8Type(p.type);
  const int64_t n = p.n;
  // t, then (ACCUMULATE with an epilogue) one row of C + t.
  char *t = static_cast<char *>(repeatedRowScratch().get(size_t(n) * 8));
  if (!t)
    return SPEIR_ERROR_OUT_OF_MEMORY;
  GemmProblem q = p;
  q.type = f16Acc ? GemmType::F16F16F32 : p.type;
  q.m = 1;
  q.accumulate = false;
  q.c = t;
  q.ldc = n;
  if (int32_t st = runGemm(q, nullptr); st != SPEIR_OK)
    return st;
  const AccBlock::Kind kind = intAcc ? AccBlock::S32 : AccBlock::F32;
  if (epi && !p.accumulate) {
    applyEpilogue(*epi, {kind, f16Acc, t, 0}, 0, p.m, 0, n);
    return SPEIR_OK;
  }
  char *sum = t + n * 4;
  const AccBlock sumBlock = {kind, f16Acc, sum, 0};
  const auto *tf = reinterpret_cast<const float *>(t);
  auto *sumF = reinterpret_cast<float *>(sum);
  const auto same = [](auto v) { return v; };
  const auto toFloat = [](uint16_t h) { return halfToFloat(h); };
  if (intAcc)
    addToEveryRow<int32_t>(
        p, reinterpret_cast<const uint32_t *>(t),
        reinterpret_cast<int32_t *>(sum), epi, sumBlock,
        [](int32_t v) { return uint32_t(v); },
        [](uint32_t v) { return int32_t(v); });
  else if (!f16Acc)
    addToEveryRow<float>(p, tf, sumF, epi, sumBlock, same, same);
  else if (epi) // the epilogue rounds the f32 sum to f16
    addToEveryRow<uint16_t>(p, tf, sumF, epi, sumBlock, toFloat, same);
  else // C's rows themselves, rounded once
    addToEveryRow<uint16_t>(p, tf, static_cast<uint16_t *>(nullptr), epi,
                            sumBlock, toFloat,
                            [](float f) { return floatToHalf(f); });
  return SPEIR_OK;
}

int32_t runGemm(const GemmProblem &p, const Epilogue *epi) {
  if (p.m == 0 || p.n == 0)
    return SPEIR_OK;
  if (p.k == 0) {
    if (epi)
      return epilogueOnly(p, *epi);
    if (!p.accumulate)
      zeroC(p);
    return SPEIR_OK;
  }
  if (p.m > 1 && p.aStrideM == 0)
    return runRepeatedRows(p, epi);
  // The in-place kernel's 4 x 16 blocks need four rows: fewer go to the
  // skinny path below, whose row kernels are vectorized at any M.
  if (p.type == GemmType::F32F32F32 && p.bStrideN == 1 && p.m >= 4 &&
      p.m * p.n * p.k <= kTuning.inPlaceF32MaxMacs && skinnyOverride() != 1) {
    if (!epi) {
      runInPlaceF32(p);
      return SPEIR_OK;
    }
    // Fused: the same sums (so the same results as speir_gemm) into a
    // small f32 C, then the epilogue.
    GemmProblem q = p;
    q.c = static_cast<char *>(inPlaceScratch().get(size_t(p.m * p.n * 4)));
    q.ldc = p.n;
    if (!q.c)
      return SPEIR_ERROR_OUT_OF_MEMORY;
    if (p.accumulate)
      for (int64_t i = 0; i < p.m; ++i)
        std::memcpy(q.c + i * p.n * 4, p.c + i * p.ldc * 4, size_t(p.n) * 4);
    runInPlaceF32(q);
    applyEpilogue(*epi, {AccBlock::F32, false, q.c, p.n}, 0, p.m, 0, p.n);
    return SPEIR_OK;
  }
  const TileKernel kernel = preferredTileKernel(p.type);
  const auto &cpu = rt::cpuInfo();
  const rt::CoreSet cores =
      kernel.needsImeCore() ? rt::CoreSet::Ime : rt::CoreSet::Any;
  const int64_t macs = p.m * p.n * p.k;
  const int threads = p.singleThread || macs < kTuning.gemmMinParallelMacs
                          ? 1
                          : rt::numThreads(cores);
  if (preferSkinny(p, kernel, threads))
    return runSkinny(p, epi, threads);

  PanelStep s;
  s.prob = &p;
  s.kernel = kernel;
  const CacheSizes caches{cpu.l1d_bytes, cpu.l2_bytes, cpu.l3_bytes};
  // An f16 accumulator is rounded once: every tile kernel call then covers
  // all of K (the kernel sums it in f32 registers), so K is not blocked and
  // no f32 copy of C is needed.
  s.epi = epi;
  s.blk = p.type == GemmType::F16F16F16 || epi
              ? chooseBlockingForKc(kernel, caches, p.k)
              : chooseBlocking(kernel, caches);
  const int64_t m0 = kernel.m0, n0 = kernel.n0, k0 = kernel.k0;
  // A K0 = 1 rhs tile is N0 consecutive elements of one row of B: with B not
  // transposed, full panels can be read in place at stride ldb. Worth it when
  // few lhs row panels reuse each rhs panel (LLM decode shapes), where
  // packing B would cost as much memory traffic as the multiply itself.
  s.rhsInPlace = k0 == 1 && p.bStrideN == 1 && (p.m + m0 - 1) / m0 <= 4;
  s.blk.mc = chooseRowBlock(p.m, s.blk.mc, m0, threads, s.rhsInPlace);
  const int64_t rb = rhsElemBytes(p.type);

  for (int64_t jc = 0; jc < p.n; jc += s.blk.nc) {
    s.jc = jc;
    s.nb = std::min(s.blk.nc, p.n - jc);
    s.nPanels = (s.nb + n0 - 1) / n0;
    for (int64_t pc = 0; pc < p.k; pc += s.blk.kc) {
      s.pc = pc;
      s.kb = std::min(s.blk.kc, p.k - pc);
      s.k1 = (s.kb + k0 - 1) / k0;
      s.accumulate = p.accumulate || pc > 0;
      const int64_t rhsPanelsStored = s.rhsInPlace ? 1 : s.nPanels;
      char *packedRhs = static_cast<char *>(
          rhsScratch().get(size_t(rhsPanelsStored * s.k1 * n0 * k0 * rb)));
      if (!packedRhs)
        return SPEIR_ERROR_OUT_OF_MEMORY;
      s.packedRhs = packedRhs;

      s.mBlocks = (p.m + s.blk.mc - 1) / s.blk.mc;
      // Split the columns too when the row blocks alone would leave
      // threads idle (skinny M, or block counts that are no multiple of
      // 8 or 16 threads).
      s.nGroups = chooseColumnGroups(s.mBlocks, s.nPanels, threads);
      s.panelsPerTask = (s.nPanels + s.nGroups - 1) / s.nGroups;
      s.nGroups = (s.nPanels + s.panelsPerTask - 1) / s.panelsPerTask;
      const int64_t tasks = s.mBlocks * s.nGroups;
      if (threads == 1) {
        packRhsPanels(&s, 0, s.nPanels);
        runTasks(&s, 0, tasks);
      } else {
        int32_t st =
            rt::parallelFor(s.nPanels, 0, rt::CoreSet::Any, packRhsPanels, &s);
        if (st == SPEIR_OK)
          st = rt::parallelFor(tasks, 1, cores, runTasks, &s);
        if (st != SPEIR_OK)
          return st;
      }
      if (s.failed)
        return SPEIR_ERROR_OUT_OF_MEMORY;
    }
  }
  return SPEIR_OK;
}

int32_t validateAndBuild(int32_t type, uint32_t flags, int64_t m, int64_t n,
                         int64_t k, const void *a, int64_t lda, const void *b,
                         int64_t ldb, void *c, int64_t ldc, GemmProblem *out) {
  constexpr uint32_t kKnown = SPEIR_GEMM_ACCUMULATE | SPEIR_GEMM_TRANSPOSE_A |
                              SPEIR_GEMM_TRANSPOSE_B | SPEIR_GEMM_SINGLE_THREAD;
  if (!isValidGemmType(type) || (flags & ~kKnown) || m < 0 || n < 0 || k < 0)
    return SPEIR_ERROR_INVALID_ARGUMENT;
  const bool ta = flags & SPEIR_GEMM_TRANSPOSE_A;
  const bool tb = flags & SPEIR_GEMM_TRANSPOSE_B;
  if (m > 0 && n > 0) {
    if (!c || ldc < n)
      return SPEIR_ERROR_INVALID_ARGUMENT;
    // A and B are only read: any leading dimension >= 0 addresses them
    // (0 repeats one line, as a broadcast view does; smaller than the line
    // length overlaps lines). Only C's rows must not overlap.
    if (k > 0 && (!a || !b || lda < 0 || ldb < 0))
      return SPEIR_ERROR_INVALID_ARGUMENT;
    // Byte offsets into A, B and C and the MAC count the heuristics use
    // (m * n * k) must fit in int64, as the convolution's checks demand.
    const GemmType t = GemmType(type);
    int64_t mn, macs;
    if (!rt::mulOk(m, n, &mn) || !rt::mulOk(mn, k, &macs) ||
        !rt::matrixSpanOk(m, n, ldc, accElemBytes(t)) ||
        !rt::matrixSpanOk(ta ? k : m, ta ? m : k, lda, lhsElemBytes(t)) ||
        !rt::matrixSpanOk(tb ? n : k, tb ? k : n, ldb, rhsElemBytes(t)))
      return SPEIR_ERROR_INVALID_ARGUMENT;
  }
  GemmProblem &p = *out;
  p.type = GemmType(type);
  p.accumulate = flags & SPEIR_GEMM_ACCUMULATE;
  p.singleThread = flags & SPEIR_GEMM_SINGLE_THREAD;
  p.m = m;
  p.n = n;
  p.k = k;
  p.a = static_cast<const char *>(a);
  p.aStrideM = ta ? 1 : lda;
  p.aStrideK = ta ? lda : 1;
  p.b = static_cast<const char *>(b);
  p.bStrideK = tb ? 1 : ldb;
  p.bStrideN = tb ? ldb : 1;
  p.c = static_cast<char *>(c);
  p.ldc = ldc;
  return SPEIR_OK;
}

} // namespace
} // namespace speir::gemm

using namespace speir::gemm;

extern "C" {

SPEIR_EXPORT int32_t speir_gemm(int32_t type, uint32_t flags, int64_t m,
                                int64_t n, int64_t k, const void *a,
                                int64_t lda, const void *b, int64_t ldb,
                                void *c, int64_t ldc) {
  GemmProblem p;
  int32_t st =
      validateAndBuild(type, flags, m, n, k, a, lda, b, ldb, c, ldc, &p);
  return st != SPEIR_OK ? st : runGemm(p, nullptr);
}

SPEIR_EXPORT int32_t speir_gemm_fused(int32_t type, uint32_t flags, int64_t m,
                                      int64_t n, int64_t k, const void *a,
                                      int64_t lda, const void *b, int64_t ldb,
                                      void *c, int64_t ldc,
                                      const speir_gemm_epilogue_t *epilogue) {
  if (!epilogue)
    return speir_gemm(type, flags, m, n, k, a, lda, b, ldb, c, ldc);
  // C is only read (ACCUMULATE) or written (out == C): without ACCUMULATE
  // it may be null; check it like speir_gemm does when present.
  const bool accumulate = flags & SPEIR_GEMM_ACCUMULATE;
  void *cForChecks = c;
  int64_t ldcForChecks = ldc;
  if (!c && !accumulate) {
    static char dummy[4];
    cForChecks = dummy; // never dereferenced: the epilogue writes `out`
    ldcForChecks = n;
  }
  GemmProblem p;
  int32_t st = validateAndBuild(type, flags, m, n, k, a, lda, b, ldb,
                                cForChecks, ldcForChecks, &p);
  if (st != SPEIR_OK)
    return st;
  p.c = static_cast<char *>(c);
  p.ldc = c ? ldc : ldcForChecks;
  Epilogue e;
  st =
      validateEpilogue(*epilogue, GemmType(type), m, n, c, ldc, accumulate, &e);
  return st != SPEIR_OK ? st : runGemm(p, &e);
}

SPEIR_EXPORT int32_t speir_gemm_batched(int32_t type, uint32_t flags,
                                        int64_t batch, int64_t m, int64_t n,
                                        int64_t k, const void *a, int64_t lda,
                                        int64_t stride_a, const void *b,
                                        int64_t ldb, int64_t stride_b, void *c,
                                        int64_t ldc, int64_t stride_c) {
  if (batch < 0)
    return SPEIR_ERROR_INVALID_ARGUMENT;
  GemmProblem p;
  int32_t st =
      validateAndBuild(type, flags, m, n, k, a, lda, b, ldb, c, ldc, &p);
  if (st != SPEIR_OK || batch == 0 || m == 0 || n == 0)
    return st;
  const GemmType t = GemmType(type);
  const int64_t lb = lhsElemBytes(t), rb = rhsElemBytes(t),
                cb = accElemBytes(t);
  // The last matrix's byte offsets fit in int64 too.
  int64_t last;
  for (auto [stride, bytes] : {std::pair{stride_a, lb}, std::pair{stride_b, rb},
                               std::pair{stride_c, cb}})
    if (!speir::rt::mulOk(batch - 1, stride, &last) ||
        !speir::rt::mulOk(last, bytes, &last))
      return SPEIR_ERROR_INVALID_ARGUMENT;
  struct Batch {
    GemmProblem base;
    int64_t sa, sb, sc;
    std::atomic<int32_t> status;
  } ctx{p, stride_a * lb, stride_b * rb, stride_c * cb, {SPEIR_OK}};
  auto one = [](void *vctx, int64_t begin, int64_t end) {
    auto &bt = *static_cast<Batch *>(vctx);
    for (int64_t i = begin; i < end; ++i) {
      GemmProblem q = bt.base;
      q.a += i * bt.sa;
      q.b += i * bt.sb;
      q.c += i * bt.sc;
      int32_t st = runGemm(q, nullptr);
      if (st != SPEIR_OK)
        bt.status = st;
    }
  };
  // Small matrices: one whole GEMM per task. Large ones: each GEMM threads.
  const bool perGemmThreads =
      m * n * k >= speir::kTuning.batchedGemmThreadsMacs;
  if (p.singleThread || perGemmThreads || batch == 1) {
    one(&ctx, 0, batch);
    return ctx.status.load();
  }
  ctx.base.singleThread = true;
  const auto cores = preferredTileKernel(t).needsImeCore()
                         ? speir::rt::CoreSet::Ime
                         : speir::rt::CoreSet::Any;
  st = speir::rt::parallelFor(batch, 1, cores, one, &ctx);
  return st != SPEIR_OK ? st : ctx.status.load();
}

} // extern "C"

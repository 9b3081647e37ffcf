// speir_mmt4d: validates, picks the tile kernel for (type, M0, N0, K0) and
// runs it over the M1 x N1 accumulator tiles, in parallel when worthwhile.
#include <cstdint>
#include <cstring>

#include "CheckedMath.h"
#include "kernels/Tuning.h"
#include "kernels/gemm/GemmTypes.h"
#include "kernels/gemm/Half.h"
#include "kernels/gemm/Skinny.h"
#include "kernels/gemm/TileTable.h"
#include "memory/GrowBuffer.h"
#include "speir/abi.h"
#include "threading/Parallel.h"

namespace speir::gemm {
namespace {

struct Mmt4dProblem {
  TileKernel kernel;
  const char *lhs;
  const char *rhs;
  char *acc;
  int64_t lhsStrideM1, lhsStrideK1, rhsStrideN1, rhsStrideK1;
  int64_t accStrideM1, accStrideN1;
  int64_t n1, k1;
  int lhsBytes, rhsBytes, accBytes;
  bool accumulate;
  // Set when a skinny row-major kernel serves the tiles (see speir_mmt4d).
  SkinnyFn skinny = nullptr;
  GemmType type;
};

void runTiles(void *ctx, int64_t begin, int64_t end);

// The lhs tiles of row panel m as an accumulator-type M0 x K1 matrix (K0 is
// 1: element (i, k) at lhs[k * lhsStrideK1 + i]).
void convertLhsPanel(const Mmt4dProblem &p, int64_t m, void *dst) {
  const char *lhs = p.lhs + m * p.lhsStrideM1 * p.lhsBytes;
  const int64_t m0 = p.kernel.m0;
  auto *f = static_cast<float *>(dst);
  auto *s = static_cast<int32_t *>(dst);
  for (int64_t i = 0; i < m0; ++i)
    for (int64_t k = 0; k < p.k1; ++k) {
      const char *e = lhs + (k * p.lhsStrideK1 + i) * p.lhsBytes;
      uint16_t h;
      switch (p.type) {
      case GemmType::F32F32F32:
        std::memcpy(&f[i * p.k1 + k], e, 4);
        break;
      case GemmType::F16F16F32:
      case GemmType::F16F16F16:
        std::memcpy(&h, e, 2);
        f[i * p.k1 + k] = halfToFloat(h);
        break;
      case GemmType::BF16BF16F32:
        std::memcpy(&h, e, 2);
        f[i * p.k1 + k] = bf16ToFloat(h);
        break;
      case GemmType::S8S8S32:
      case GemmType::S8U8S32:
        s[i * p.k1 + k] = int8_t(*e);
        break;
      default:
        s[i * p.k1 + k] = uint8_t(*e);
      }
    }
}

// Tiles of a few rows with K0 = 1 (decode): each rhs panel is a K1 x N0
// row-major block of B (row stride rhsStrideK1), so the skinny row-major
// kernel streams it once for all M0 rows, where a kernel of a larger M0
// would compute padding rows and the any-shape generic kernel is scalar.
void runTilesSkinny(void *ctx, int64_t begin, int64_t end) {
  const auto &p = *static_cast<const Mmt4dProblem *>(ctx);
  static thread_local rt::GrowBuffer lhsBuf;
  void *a = lhsBuf.get(size_t(p.kernel.m0 * p.k1 * 4));
  int64_t converted = -1;
  for (int64_t i = begin; i < end; ++i) {
    const int64_t m = i / p.n1, n = i % p.n1;
    if (!a) { // out of memory for M0 x K1 elements: the tile kernel
      runTiles(ctx, i, i + 1);
      continue;
    }
    if (m != converted)
      convertLhsPanel(p, m, a), converted = m;
    SkinnyParams sp;
    sp.a = a;
    sp.lda = p.k1;
    sp.b = p.rhs + n * p.rhsStrideN1 * p.rhsBytes;
    sp.ldb = p.rhsStrideK1;
    sp.acc = p.acc + (m * p.accStrideM1 + n * p.accStrideN1) * p.accBytes;
    sp.accStride = p.kernel.n0;
    sp.m = p.kernel.m0;
    sp.n = p.kernel.n0;
    sp.k = p.k1;
    sp.accumulate = p.accumulate;
    p.skinny(sp);
  }
}

void runTiles(void *ctx, int64_t begin, int64_t end) {
  const auto &p = *static_cast<const Mmt4dProblem *>(ctx);
  Mmt4dTileParams t;
  t.lhsStrideK1 = p.lhsStrideK1;
  t.rhsStrideK1 = p.rhsStrideK1;
  t.accStrideRow = p.kernel.n0;
  t.k1 = p.k1;
  t.m0 = p.kernel.m0;
  t.n0 = p.kernel.n0;
  t.k0 = p.kernel.k0;
  t.accumulate = p.accumulate;
  for (int64_t i = begin; i < end; ++i) {
    const int64_t m = i / p.n1, n = i % p.n1;
    t.lhs = p.lhs + m * p.lhsStrideM1 * p.lhsBytes;
    t.rhs = p.rhs + n * p.rhsStrideN1 * p.rhsBytes;
    t.acc = p.acc + (m * p.accStrideM1 + n * p.accStrideN1) * p.accBytes;
    p.kernel.fn(t);
  }
}

using RangeFnPtr = void (*)(void *, int64_t, int64_t);

bool validTile(int64_t t) { return t >= 1 && t <= 4096; }

} // namespace
} // namespace speir::gemm

using namespace speir::gemm;

extern "C" {

SPEIR_EXPORT int32_t speir_mmt4d_preferred_tile(int32_t type, int64_t *m0,
                                                int64_t *n0, int64_t *k0) {
  if (!isValidGemmType(type) || !m0 || !n0 || !k0)
    return SPEIR_ERROR_INVALID_ARGUMENT;
  TileKernel k = preferredTileKernel(GemmType(type));
  *m0 = k.m0;
  *n0 = k.n0;
  *k0 = k.k0;
  return SPEIR_OK;
}

SPEIR_EXPORT const char *speir_mmt4d_kernel_name(int32_t type, int64_t m0,
                                                 int64_t n0, int64_t k0) {
  if (!isValidGemmType(type) || !validTile(m0) || !validTile(n0) ||
      !validTile(k0))
    return nullptr;
  return kernelIsaName(tileKernelFor(GemmType(type), m0, n0, k0).isa);
}

SPEIR_EXPORT int32_t speir_mmt4d(int32_t type, uint32_t flags, const void *lhs,
                                 int64_t lhs_stride_m1, int64_t lhs_stride_k1,
                                 const void *rhs, int64_t rhs_stride_n1,
                                 int64_t rhs_stride_k1, void *acc,
                                 int64_t acc_stride_m1, int64_t acc_stride_n1,
                                 int64_t m1, int64_t n1, int64_t k1, int64_t m0,
                                 int64_t n0, int64_t k0) {
  if (!isValidGemmType(type) ||
      (flags & ~uint32_t(SPEIR_GEMM_ACCUMULATE | SPEIR_GEMM_SINGLE_THREAD)) ||
      m1 < 0 || n1 < 0 || k1 < 0 || !validTile(m0) || !validTile(n0) ||
      !validTile(k0))
    return SPEIR_ERROR_INVALID_ARGUMENT;
  if (m1 == 0 || n1 == 0)
    return SPEIR_OK;
  if (!acc || (k1 > 0 && (!lhs || !rhs)))
    return SPEIR_ERROR_INVALID_ARGUMENT;

  const GemmType t = GemmType(type);
  // Tile and MAC counts, and each operand's byte span, fit in int64.
  using speir::rt::mulOk;
  using speir::rt::spanOk;
  int64_t tileCount, macCount;
  if (!mulOk(m1, n1, &tileCount) || !mulOk(k1, m0 * n0 * k0, &macCount) ||
      !spanOk({{m1, lhs_stride_m1}, {k1, lhs_stride_k1}}, m0 * k0,
              lhsElemBytes(t)) ||
      !spanOk({{n1, rhs_stride_n1}, {k1, rhs_stride_k1}}, n0 * k0,
              rhsElemBytes(t)) ||
      !spanOk({{m1, acc_stride_m1}, {n1, acc_stride_n1}}, m0 * n0,
              accElemBytes(t)))
    return SPEIR_ERROR_INVALID_ARGUMENT;
  Mmt4dProblem p;
  p.kernel = tileKernelFor(t, m0, n0, k0);
  p.lhs = static_cast<const char *>(lhs);
  p.rhs = static_cast<const char *>(rhs);
  p.acc = static_cast<char *>(acc);
  p.lhsStrideM1 = lhs_stride_m1;
  p.lhsStrideK1 = lhs_stride_k1;
  p.rhsStrideN1 = rhs_stride_n1;
  p.rhsStrideK1 = rhs_stride_k1;
  p.accStrideM1 = acc_stride_m1;
  p.accStrideN1 = acc_stride_n1;
  p.n1 = n1;
  p.k1 = k1;
  p.lhsBytes = lhsElemBytes(t);
  p.rhsBytes = rhsElemBytes(t);
  p.accBytes = accElemBytes(t);
  p.accumulate = flags & SPEIR_GEMM_ACCUMULATE;
  p.type = t;
  // Few rows, K0 = 1, no tile kernel of this exact shape: the skinny
  // row-major kernel (f32 / int32 accumulators it writes in place).
  if (k0 == 1 && m0 <= 16 && p.kernel.isa == KernelIsa::Generic &&
      t != GemmType::F16F16F16)
    p.skinny = skinnyKernelsFor(t).rowMajor;
  const RangeFnPtr body = p.skinny ? runTilesSkinny : runTiles;

  const int64_t tiles = m1 * n1;
  const int64_t macsPerTile = k1 * m0 * n0 * k0;
  const int64_t grain = macsPerTile > 0
                            ? 1 + speir::kTuning.mmt4dMacsPerTask / macsPerTile
                            : tiles;
  const auto cores = p.kernel.needsImeCore() ? speir::rt::CoreSet::Ime
                                             : speir::rt::CoreSet::Any;
  if ((flags & SPEIR_GEMM_SINGLE_THREAD) || grain >= tiles) {
    body(&p, 0, tiles);
    return SPEIR_OK;
  }
  return speir::rt::parallelFor(tiles, grain, cores, body, &p);
}

} // extern "C"

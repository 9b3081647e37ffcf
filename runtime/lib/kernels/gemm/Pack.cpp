#include "kernels/gemm/Pack.h"

#include <algorithm>
#include <cstring>

#include "CheckedMath.h"
#include "kernels/Tuning.h"
#include "speir/abi.h"
#include "threading/Parallel.h"
#if defined(__riscv) && defined(__riscv_vector)
#include <riscv_vector.h>

#include "kernels/gemm/ukernels/riscv64/Mmt4dRiscv64.h"
#endif

namespace speir::gemm {
namespace {

template <class T> T paddingValue(const void *padding) {
  T v{};
  if (padding)
    std::memcpy(&v, padding, sizeof v);
  return v;
}

// One R0 x C0 tile with rows x cols valid elements at its top left. The three
// loop orders keep the innermost loop contiguous in whichever of src or dst
// allows it, so the compiler vectorizes it.
template <class T>
void packOneTile(const T *src, int64_t sr, int64_t sc, int64_t rows,
                 int64_t cols, T *dst, int64_t tile0, int64_t tile1, T pad) {
  if (sc == 1) {
    for (int64_t r = 0; r < rows; ++r) {
      for (int64_t c = 0; c < cols; ++c)
        dst[r * tile1 + c] = src[r * sr + c];
      for (int64_t c = cols; c < tile1; ++c)
        dst[r * tile1 + c] = pad;
    }
  } else if (sr == 1) {
    for (int64_t c = 0; c < cols; ++c) {
      const T *s = src + c * sc;
      for (int64_t r = 0; r < rows; ++r)
        dst[r * tile1 + c] = s[r];
    }
    for (int64_t r = 0; r < rows; ++r)
      for (int64_t c = cols; c < tile1; ++c)
        dst[r * tile1 + c] = pad;
  } else {
    for (int64_t r = 0; r < rows; ++r) {
      for (int64_t c = 0; c < cols; ++c)
        dst[r * tile1 + c] = src[r * sr + c * sc];
      for (int64_t c = cols; c < tile1; ++c)
        dst[r * tile1 + c] = pad;
    }
  }
  for (int64_t i = rows * tile1; i < tile0 * tile1; ++i)
    dst[i] = pad;
}

// Tiles one column wide (K0 = 1, the f32/f16/RVV int8 layouts) are packed a
// whole R0-row panel at a time: per tile only R0 elements, so a per-tile
// call would cost more than the copy. The loop nest keeps the unit-stride
// side innermost.
template <class T>
void packPanelOneColumn(const T *src, int64_t sr, int64_t sc, int64_t rows,
                        int64_t cols, T *dst, int64_t so1, int64_t tile0,
                        T pad) {
  if (sr == 1) {
    for (int64_t c = 0; c < cols; ++c) {
      const T *s = src + c * sc;
      T *d = dst + c * so1;
      for (int64_t r = 0; r < rows; ++r)
        d[r] = s[r];
      for (int64_t r = rows; r < tile0; ++r)
        d[r] = pad;
    }
    return;
  }
  for (int64_t r = 0; r < rows; ++r) {
    const T *s = src + r * sr;
    T *d = dst + r;
    for (int64_t c = 0; c < cols; ++c)
      d[c * so1] = s[c * sc];
  }
  for (int64_t r = rows; r < tile0; ++r)
    for (int64_t c = 0; c < cols; ++c)
      dst[c * so1 + r] = pad;
}

// Row tiles [r1Begin, r1End) of the packing.
template <class T>
void packTilesT(const StridedMatrix &src, const TiledLayout &dst,
                const void *padding, int64_t r1Begin, int64_t r1End) {
  const T pad = paddingValue<T>(padding);
  const int64_t c1n = (src.cols + dst.tile1 - 1) / dst.tile1;
  const T *s = static_cast<const T *>(src.data);
  T *d = static_cast<T *>(dst.data);
  for (int64_t r1 = r1Begin; r1 < r1End; ++r1) {
    const int64_t r0 = r1 * dst.tile0;
    const int64_t rows = src.rows - r0 < dst.tile0 ? src.rows - r0 : dst.tile0;
    if (dst.tile1 == 1) {
      packPanelOneColumn<T>(
          s + r0 * src.strideRow, src.strideRow, src.strideCol, rows, src.cols,
          d + r1 * dst.strideOuter0, dst.strideOuter1, dst.tile0, pad);
      continue;
    }
    int64_t c1 = 0;
#if defined(__riscv) && defined(__riscv_vector)
    // Full int8 K0 = 8 tiles of a full-height panel: segment loads/stores.
    if constexpr (sizeof(T) == 1) {
      if (dst.tile1 == 8 && rows == dst.tile0 &&
          dst.tile0 <= int64_t(__riscv_vlenb()) &&
          (src.strideCol == 1 || src.strideRow == 1)) {
        c1 = src.cols / 8;
        packInt8PanelK8Rvv(
            reinterpret_cast<const uint8_t *>(s + r0 * src.strideRow),
            src.strideRow, src.strideCol, dst.tile0, c1,
            reinterpret_cast<uint8_t *>(d + r1 * dst.strideOuter0),
            dst.strideOuter1);
      }
    }
#endif
    for (; c1 < c1n; ++c1) {
      const int64_t c0 = c1 * dst.tile1;
      const int64_t cols =
          src.cols - c0 < dst.tile1 ? src.cols - c0 : dst.tile1;
      packOneTile<T>(s + r0 * src.strideRow + c0 * src.strideCol, src.strideRow,
                     src.strideCol, rows, cols,
                     d + r1 * dst.strideOuter0 + c1 * dst.strideOuter1,
                     dst.tile0, dst.tile1, pad);
    }
  }
}

// Rows [rowBegin, rowEnd) of the unpacking.
template <class T>
void unpackTilesT(const T *src, int64_t so0, int64_t so1, int64_t tile0,
                  int64_t tile1, T *dst, int64_t rowBegin, int64_t rowEnd,
                  int64_t cols, int64_t dr, int64_t dc) {
  for (int64_t r = rowBegin; r < rowEnd; ++r) {
    const T *srow = src + (r / tile0) * so0 + (r % tile0) * tile1;
    T *drow = dst + r * dr;
    for (int64_t c1 = 0; c1 * tile1 < cols; ++c1) {
      const int64_t n = cols - c1 * tile1 < tile1 ? cols - c1 * tile1 : tile1;
      const T *s = srow + c1 * so1;
      T *d = drow + c1 * tile1 * dc;
      if (dc == 1)
        std::memcpy(d, s, size_t(n) * sizeof(T));
      else
        for (int64_t c = 0; c < n; ++c)
          d[c * dc] = s[c];
    }
  }
}

void packTileRows(int elemBytes, const StridedMatrix &src,
                  const TiledLayout &dst, const void *padding, int64_t r1Begin,
                  int64_t r1End) {
  switch (elemBytes) {
  case 1:
    return packTilesT<uint8_t>(src, dst, padding, r1Begin, r1End);
  case 2:
    return packTilesT<uint16_t>(src, dst, padding, r1Begin, r1End);
  case 4:
    return packTilesT<uint32_t>(src, dst, padding, r1Begin, r1End);
  }
}

void unpackRows(int elemBytes, const void *src, int64_t so0, int64_t so1,
                int64_t tile0, int64_t tile1, void *dst, int64_t rowBegin,
                int64_t rowEnd, int64_t cols, int64_t dr, int64_t dc) {
  switch (elemBytes) {
  case 1:
    return unpackTilesT(static_cast<const uint8_t *>(src), so0, so1, tile0,
                        tile1, static_cast<uint8_t *>(dst), rowBegin, rowEnd,
                        cols, dr, dc);
  case 2:
    return unpackTilesT(static_cast<const uint16_t *>(src), so0, so1, tile0,
                        tile1, static_cast<uint16_t *>(dst), rowBegin, rowEnd,
                        cols, dr, dc);
  case 4:
    return unpackTilesT(static_cast<const uint32_t *>(src), so0, so1, tile0,
                        tile1, static_cast<uint32_t *>(dst), rowBegin, rowEnd,
                        cols, dr, dc);
  }
}

// Row tiles per task so that each task copies about
// kTuning.parallelPackChunkBytes.
int64_t rowTilesPerTask(int64_t tile0, int64_t cols, int elemBytes) {
  const int64_t bytesPerRowTile = tile0 * cols * elemBytes;
  return std::max<int64_t>(1, kTuning.parallelPackChunkBytes / bytesPerRowTile);
}

} // namespace

void packTiles(int elemBytes, const StridedMatrix &src, const TiledLayout &dst,
               const void *padding) {
  packTileRows(elemBytes, src, dst, padding, 0,
               (src.rows + dst.tile0 - 1) / dst.tile0);
}

void unpackTiles(int elemBytes, const void *src, int64_t so0, int64_t so1,
                 int64_t tile0, int64_t tile1, void *dst, int64_t rows,
                 int64_t cols, int64_t dr, int64_t dc) {
  unpackRows(elemBytes, src, so0, so1, tile0, tile1, dst, 0, rows, cols, dr,
             dc);
}

int32_t packTilesParallel(int elemBytes, const StridedMatrix &src,
                          const TiledLayout &dst, const void *padding) {
  const int64_t r1n = (src.rows + dst.tile0 - 1) / dst.tile0;
  const int64_t c1n = (src.cols + dst.tile1 - 1) / dst.tile1;
  // Threads only where no two tiles overlap (any other layout is legal but
  // would make the result depend on which write lands last).
  const bool disjoint = dst.strideOuter1 >= dst.tile0 * dst.tile1 &&
                        dst.strideOuter0 >= c1n * dst.strideOuter1;
  if (src.rows * src.cols * elemBytes < kTuning.parallelPackMinBytes ||
      r1n < 2 || !disjoint) {
    packTileRows(elemBytes, src, dst, padding, 0, r1n);
    return SPEIR_OK;
  }
  // Tasks own whole row tiles: disjoint destination ranges, the same bytes
  // as the serial loop.
  return rt::parallelFor(r1n, rowTilesPerTask(dst.tile0, src.cols, elemBytes),
                         rt::CoreSet::Any, [&](int64_t begin, int64_t end) {
                           packTileRows(elemBytes, src, dst, padding, begin,
                                        end);
                         });
}

int32_t unpackTilesParallel(int elemBytes, const void *src, int64_t so0,
                            int64_t so1, int64_t tile0, int64_t tile1,
                            void *dst, int64_t rows, int64_t cols, int64_t dr,
                            int64_t dc) {
  const int64_t r1n = (rows + tile0 - 1) / tile0;
  // Threads only where every destination element is distinct: row-major or
  // column-major without overlap (zero or negative strides stay serial).
  const bool disjoint =
      (dc >= 1 && dr >= cols * dc) || (dr >= 1 && dc >= rows * dr);
  if (rows * cols * elemBytes < kTuning.parallelPackMinBytes || r1n < 2 ||
      !disjoint) {
    unpackRows(elemBytes, src, so0, so1, tile0, tile1, dst, 0, rows, cols, dr,
               dc);
    return SPEIR_OK;
  }
  // Tasks own whole row tiles, i.e. disjoint sets of destination rows.
  return rt::parallelFor(
      r1n, rowTilesPerTask(tile0, cols, elemBytes), rt::CoreSet::Any,
      [&](int64_t begin, int64_t end) {
        unpackRows(elemBytes, src, so0, so1, tile0, tile1, dst, begin * tile0,
                   std::min(rows, end * tile0), cols, dr, dc);
      });
}

namespace {

bool validElemBytes(int32_t b) { return b == 1 || b == 2 || b == 4; }

// Tiles beyond 2^24 elements are almost certainly a caller bug and would make
// the index arithmetic overflow-prone.
bool validTile(int64_t t0, int64_t t1) {
  return t0 >= 1 && t1 >= 1 && t0 <= (1 << 24) && t1 <= (1 << 24) &&
         t0 * t1 <= (int64_t(1) << 24);
}

// The strided matrix and its tiles (ceil(rows / tile0) x ceil(cols / tile1)
// of tile0 * tile1 elements) span byte ranges that fit in int64.
bool spansOk(int32_t elemBytes, const StridedMatrix &src,
             const TiledLayout &dst) {
  const int64_t outer0 = src.rows / dst.tile0 + (src.rows % dst.tile0 != 0);
  const int64_t outer1 = src.cols / dst.tile1 + (src.cols % dst.tile1 != 0);
  return rt::spanOk({{src.rows, src.strideRow}, {src.cols, src.strideCol}}, 1,
                    elemBytes) &&
         rt::spanOk({{outer0, dst.strideOuter0}, {outer1, dst.strideOuter1}},
                    dst.tile0 * dst.tile1, elemBytes);
}

int32_t packChecked(int32_t elemBytes, const StridedMatrix &src,
                    const TiledLayout &dst, const void *padding) {
  if (!validElemBytes(elemBytes) || src.rows < 0 || src.cols < 0 ||
      !validTile(dst.tile0, dst.tile1))
    return SPEIR_ERROR_INVALID_ARGUMENT;
  if (src.rows == 0 || src.cols == 0)
    return SPEIR_OK;
  if (!src.data || !dst.data || !spansOk(elemBytes, src, dst))
    return SPEIR_ERROR_INVALID_ARGUMENT;
  return packTilesParallel(elemBytes, src, dst, padding);
}

} // namespace
} // namespace speir::gemm

using namespace speir::gemm;

extern "C" {

SPEIR_EXPORT int32_t speir_pack_lhs(int32_t elem_bytes, const void *src,
                                    int64_t rows, int64_t cols,
                                    int64_t src_stride_row,
                                    int64_t src_stride_col, void *dst,
                                    int64_t dst_stride_outer0,
                                    int64_t dst_stride_outer1, int64_t tile0,
                                    int64_t tile1, const void *padding) {
  return packChecked(
      elem_bytes, {src, rows, cols, src_stride_row, src_stride_col},
      {dst, dst_stride_outer0, dst_stride_outer1, tile0, tile1}, padding);
}

// The acc layout [M1][N1][M0][N0] is the lhs layout of an M x N matrix.
SPEIR_EXPORT int32_t speir_pack_acc(int32_t elem_bytes, const void *src,
                                    int64_t rows, int64_t cols,
                                    int64_t src_stride_row,
                                    int64_t src_stride_col, void *dst,
                                    int64_t dst_stride_outer0,
                                    int64_t dst_stride_outer1, int64_t tile0,
                                    int64_t tile1, const void *padding) {
  return speir_pack_lhs(elem_bytes, src, rows, cols, src_stride_row,
                        src_stride_col, dst, dst_stride_outer0,
                        dst_stride_outer1, tile0, tile1, padding);
}

// B (K x N) packs as its transposed view (N x K) into [N1][K1][N0][K0].
SPEIR_EXPORT int32_t speir_pack_rhs(int32_t elem_bytes, const void *src,
                                    int64_t rows, int64_t cols,
                                    int64_t src_stride_row,
                                    int64_t src_stride_col, void *dst,
                                    int64_t dst_stride_outer0,
                                    int64_t dst_stride_outer1, int64_t tile0,
                                    int64_t tile1, const void *padding) {
  return packChecked(
      elem_bytes, {src, cols, rows, src_stride_col, src_stride_row},
      {dst, dst_stride_outer0, dst_stride_outer1, tile0, tile1}, padding);
}

SPEIR_EXPORT int32_t speir_unpack_acc(int32_t elem_bytes, const void *src,
                                      int64_t src_stride_outer0,
                                      int64_t src_stride_outer1, int64_t tile0,
                                      int64_t tile1, void *dst, int64_t rows,
                                      int64_t cols, int64_t dst_stride_row,
                                      int64_t dst_stride_col) {
  if (!validElemBytes(elem_bytes) || rows < 0 || cols < 0 ||
      !validTile(tile0, tile1))
    return SPEIR_ERROR_INVALID_ARGUMENT;
  if (rows == 0 || cols == 0)
    return SPEIR_OK;
  if (!src || !dst ||
      !spansOk(elem_bytes, {dst, rows, cols, dst_stride_row, dst_stride_col},
               {const_cast<void *>(src), src_stride_outer0, src_stride_outer1,
                tile0, tile1}))
    return SPEIR_ERROR_INVALID_ARGUMENT;
  return unpackTilesParallel(elem_bytes, src, src_stride_outer0,
                             src_stride_outer1, tile0, tile1, dst, rows, cols,
                             dst_stride_row, dst_stride_col);
}

} // extern "C"

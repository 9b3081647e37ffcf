// Copies between strided row-major 2-D matrices and 4-D tiled layouts
// [R1][C1][R0][C0]. The packing for lhs, rhs and acc of mmt4d are all this
// one operation on different views (rhs is the transposed view of B).
#ifndef SPEIR_KERNELS_GEMM_PACK_H
#define SPEIR_KERNELS_GEMM_PACK_H

#include <cstdint>

namespace speir::gemm {

struct StridedMatrix {
  const void *data;
  int64_t rows, cols;
  int64_t strideRow, strideCol; // elements
};

struct TiledLayout {
  void *data;
  int64_t strideOuter0, strideOuter1; // elements between R1 / C1 tiles
  int64_t tile0, tile1;               // R0, C0
};

// dst[r1][c1][r0][c0] = src(r1*R0 + r0, c1*C0 + c0), tails set to *padding
// (all-zero bits when padding is null). elemBytes is 1, 2 or 4.
void packTiles(int elemBytes, const StridedMatrix &src, const TiledLayout &dst,
               const void *padding);

// The inverse of packTiles for the in-range elements; padding is dropped.
void unpackTiles(int elemBytes, const void *src, int64_t srcStrideOuter0,
                 int64_t srcStrideOuter1, int64_t tile0, int64_t tile1,
                 void *dst, int64_t rows, int64_t cols, int64_t dstStrideRow,
                 int64_t dstStrideCol);

// The speir_pack_* / speir_unpack_acc entry points: the same copies, split
// over the thread pool by whole row tiles when the matrix has at least
// kTuning.parallelPackMinBytes and no two destination elements overlap
// (otherwise on the calling thread), about kTuning.parallelPackChunkBytes per
// task. Results are identical either way.
// packTiles / unpackTiles stay serial: the GEMM driver calls them from its
// own parallel tasks.
int32_t packTilesParallel(int elemBytes, const StridedMatrix &src,
                          const TiledLayout &dst, const void *padding);
int32_t unpackTilesParallel(int elemBytes, const void *src,
                            int64_t srcStrideOuter0, int64_t srcStrideOuter1,
                            int64_t tile0, int64_t tile1, void *dst,
                            int64_t rows, int64_t cols, int64_t dstStrideRow,
                            int64_t dstStrideCol);

} // namespace speir::gemm

#endif

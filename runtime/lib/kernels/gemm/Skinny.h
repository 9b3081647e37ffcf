// The skinny path of speir_gemm / speir_gemm_fused (LLM decode shapes: a few
// rows of A against a large B). B is read in place in its stored layout,
// never packed, and streamed once; threads split N, each streaming its own
// slice of B. A (M x K, small) is converted once per call to the accumulator
// type, row-major, so the kernels read one layout of A for every type.
//   row-major B (K x N): vectorized along N; for each group of k rows of B,
//     every row of C's block is updated from those rows (C's block, M x NB,
//     stays in L1; B's rows are contiguous reads).
//   transposed B (N x K): vectorized along K; dot products, one reduction
//     across lanes per output.
#ifndef SPEIR_KERNELS_GEMM_SKINNY_H
#define SPEIR_KERNELS_GEMM_SKINNY_H

#include <algorithm>
#include <cstdint>

#include "kernels/gemm/Epilogue.h"
#include "kernels/gemm/GemmProblem.h"
#include "kernels/gemm/TileTable.h"

namespace speir::gemm {

// acc (m x n, f32 or int32 by type, row stride accStride) = [acc +] A * B.
// a: m x k accumulator-type elements, row stride lda. Row-major kernels:
// B(p, j) at b[p * ldb + j]; dot kernels: B(p, j) at b[j * ldb + p]. Each
// output's value depends only on its row of A, its column of B and k, never
// on m, n or where the block starts (results independent of the split).
struct SkinnyParams {
  const void *a;
  int64_t lda;
  const void *b;
  int64_t ldb;
  void *acc;
  int64_t accStride;
  int64_t m, n, k;
  bool accumulate;
};
using SkinnyFn = void (*)(const SkinnyParams &);

// Every kernel's start: C's block is zero unless the call accumulates.
template <class Acc> void zeroAccBlock(const SkinnyParams &p) {
  if (p.accumulate)
    return;
  auto *acc = static_cast<Acc *>(p.acc);
  for (int64_t i = 0; i < p.m; ++i)
    std::fill(acc + i * p.accStride, acc + i * p.accStride + p.n, Acc(0));
}

struct SkinnyKernels {
  KernelIsa isa;
  SkinnyFn rowMajor;
  SkinnyFn dot;
};

// The skinny kernels this build and core run for `type` (honours
// SPINE_GEMM_KERNEL; the generic ones serve every type).
SkinnyKernels skinnyKernelsFor(GemmType type);

// SPINE_GEMM_SKINNY: 1 forces the skinny path, 0 the packed one (tests and
// benchmarks), else -1. Read once: tests and benchmarks that change it in
// the process call reloadSkinnyOverride after setenv / unsetenv.
int skinnyOverride();
__attribute__((visibility("default"))) void reloadSkinnyOverride();

// The cost model: whether the skinny path beats the packed one for this
// problem on `threads` threads, given the packed path's tile kernel.
__attribute__((visibility("default"))) bool
preferSkinny(const GemmProblem &p, const TileKernel &packed, int threads);

// Runs the problem on the skinny path; with an epilogue, applies it to each
// block of C while the block is in L1 (and C is then written only if the
// epilogue's out is C).
int32_t runSkinny(const GemmProblem &p, const Epilogue *epi, int threads);

} // namespace speir::gemm

#endif

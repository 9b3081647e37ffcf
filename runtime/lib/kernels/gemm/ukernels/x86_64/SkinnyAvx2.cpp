// The portable skinny kernels compiled for AVX2 + FMA + F16C (this file
// only; TileTable checks the CPU first). The vectorizer turns the column
// loops into 8-lane FMAs; f16 rows convert with vcvtph2ps.
#include <immintrin.h>

#include <cstdint>

namespace speir::gemm {
namespace {
inline void f16RowF16c(const uint16_t *s, float *d, int64_t n) {
  int64_t i = 0;
  for (; i + 8 <= n; i += 8)
    _mm256_storeu_ps(d + i, _mm256_cvtph_ps(_mm_loadu_si128(
                                reinterpret_cast<const __m128i *>(s + i))));
  for (; i < n; ++i)
    d[i] = _cvtsh_ss(s[i]);
}
} // namespace
} // namespace speir::gemm

#define SPEIR_SKINNY_NS skinny_avx2
#define SPEIR_SKINNY_F16_ROW ::speir::gemm::f16RowF16c
#include "kernels/gemm/ukernels/SkinnyKernelsImpl.h"
#include "kernels/gemm/ukernels/x86_64/Mmt4dX86.h"

namespace speir::gemm {

SkinnyKernels avx2SkinnyKernels(GemmType type) {
  return skinny_avx2::portableSkinnyKernels(type, KernelIsa::Avx2);
}

} // namespace speir::gemm

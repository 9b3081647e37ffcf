// RVV skinny kernels (see Skinny.h), VLEN-agnostic: vsetvli per column
// chunk, LMUL 8 so one instruction covers VLEN/4 columns (64 at VLEN 256).
//   row-major B: four rows of B per pass over C's block (acc load, four
//     loads of B + four vfmacc.vf / vwmacc.vx, acc store), so a GEMV costs
//     about 3 instructions per k per VLEN/4 MACs.
//     C's segment no wider than one m8 group (a Triton BLOCK_N): each row's
//     accumulator stays in registers over all of K instead.
//   transposed B (f32): two columns per pass over A, vfmacc.vv into two m8
//     partial-sum vectors (tail-undisturbed), one reduction per output;
//     bf16 / f16: one column per pass, its halves widened to f32.
// int8 runs at vtype e16,m4 throughout: the e8 loads (EMUL 2), the
// extension to e16 and the widening vwmacc.vx into e32,m8 accumulators share
// one SEW/LMUL ratio, so no vsetvli between them. int16 x int16 products of
// int8 / uint8 values are exact; int32 sums wrap. f16 rows widen with
// integer instructions and one multiply (qemu 7.2 runs no Zvfh/Zvfhmin).
#include <riscv_vector.h>

#include <cstring>

#include "kernels/gemm/ukernels/riscv64/Mmt4dRiscv64.h"

namespace speir::gemm {
namespace {

// C's row segment c[0, n) += sum over r < 8 of a[r] * B_r[0, n), where
// B_r = b + r * ldb (elements), in ascending r; n > 0. Assembly: compiled
// from intrinsics, the eight m8 loads are hoisted ahead of their FMAs and
// spilled. Per pass of VLEN/4 columns: one vsetvli, the C load and store,
// eight row loads and eight vfmacc.vf (bf16 rows: also a widening and a
// shift), and the pointer updates.
#define SPEIR_CLOBBER_V0_31                                                    \
  "v0", "v1", "v2", "v3", "v4", "v5", "v6", "v7", "v8", "v9", "v10", "v11",    \
      "v12", "v13", "v14", "v15", "v16", "v17", "v18", "v19", "v20", "v21",    \
      "v22", "v23", "v24", "v25", "v26", "v27", "v28", "v29", "v30", "v31"

// One row: load B_r (at %[p], then step %[p] to the next row), widen if
// bf16, accumulate into v0 with a[r].
#define SPEIR_ROW_F32(R, V)                                                    \
  "vle32.v " V ", (%[p])\n\t"                                                  \
  "add %[p], %[p], %[ldb]\n\t"                                                 \
  "vfmacc.vf v0, %[a" #R "], " V "\n\t"
#define SPEIR_ROW_BF16(R, V)                                                   \
  "vle16.v v24, (%[p])\n\t"                                                    \
  "add %[p], %[p], %[ldb]\n\t"                                                 \
  "vzext.vf2 " V ", v24\n\t"                                                   \
  "vsll.vi " V ", " V ", 16\n\t"                                               \
  "vfmacc.vf v0, %[a" #R "], " V "\n\t"

template <bool kBf16>
void axpy8Float(float *c, const void *b, int64_t ldbBytes, const float *a,
                int64_t n) {
  const char *bp = static_cast<const char *>(b);
  const float a0 = a[0], a1 = a[1], a2 = a[2], a3 = a[3], a4 = a[4], a5 = a[5],
              a6 = a[6], a7 = a[7];
  int64_t vl, t, tb;
  const char *p;
#define SPEIR_ROWS(ROW)                                                        \
  ROW(0, "v8")                                                                 \
  ROW(1, "v16")                                                                \
  ROW(2, "v8")                                                                 \
  ROW(3, "v16") ROW(4, "v8") ROW(5, "v16") ROW(6, "v8") ROW(7, "v16")
  if constexpr (kBf16) {
    __asm__ volatile(
        "1:\n\t"
        "vsetvli %[vl], %[n], e32, m8, ta, ma\n\t"
        "vle32.v v0, (%[c])\n\t"
        "mv %[p], %[b]\n\t" SPEIR_ROWS(
            SPEIR_ROW_BF16) "vse32.v v0, (%[c])\n\t"
                            "slli %[t], %[vl], 2\n\t"
                            "slli %[tb], %[vl], 1\n\t"
                            "add %[c], %[c], %[t]\n\t"
                            "add %[b], %[b], %[tb]\n\t"
                            "sub %[n], %[n], %[vl]\n\t"
                            "bnez %[n], 1b\n\t"
        : [c] "+r"(c), [b] "+r"(bp), [n] "+r"(n), [vl] "=&r"(vl), [t] "=&r"(t),
          [tb] "=&r"(tb), [p] "=&r"(p)
        : [ldb] "r"(ldbBytes), [a0] "f"(a0), [a1] "f"(a1), [a2] "f"(a2),
          [a3] "f"(a3), [a4] "f"(a4), [a5] "f"(a5), [a6] "f"(a6), [a7] "f"(a7)
        : "memory", SPEIR_CLOBBER_V0_31);
  } else {
    __asm__ volatile(
        "1:\n\t"
        "vsetvli %[vl], %[n], e32, m8, ta, ma\n\t"
        "vle32.v v0, (%[c])\n\t"
        "mv %[p], %[b]\n\t" SPEIR_ROWS(
            SPEIR_ROW_F32) "vse32.v v0, (%[c])\n\t"
                           "slli %[t], %[vl], 2\n\t"
                           "add %[c], %[c], %[t]\n\t"
                           "add %[b], %[b], %[t]\n\t"
                           "sub %[n], %[n], %[vl]\n\t"
                           "bnez %[n], 1b\n\t"
        : [c] "+r"(c), [b] "+r"(bp), [n] "+r"(n), [vl] "=&r"(vl), [t] "=&r"(t),
          [tb] "=&r"(tb), [p] "=&r"(p)
        : [ldb] "r"(ldbBytes), [a0] "f"(a0), [a1] "f"(a1), [a2] "f"(a2),
          [a3] "f"(a3), [a4] "f"(a4), [a5] "f"(a5), [a6] "f"(a6), [a7] "f"(a7)
        : "memory", SPEIR_CLOBBER_V0_31);
  }
}

// f16 rows, with C's segment in v8 (v0 is the mask): the magnitude shifted
// into f32 position times 2^112 (exact, subnormals included); lanes that
// come out >= 2^16 were infinities or NaNs and get the all-ones exponent
// (payload kept); then the sign. Mask-undisturbed, so only those lanes.
#define SPEIR_ROW_F16(R)                                                       \
  "vle16.v v4, (%[p])\n\t"                                                     \
  "add %[p], %[p], %[ldb]\n\t"                                                 \
  "vzext.vf2 v16, v4\n\t"                                                      \
  "vand.vx v24, v16, %[magmask]\n\t"                                           \
  "vsll.vi v24, v24, 13\n\t"                                                   \
  "vfmul.vf v24, v24, %[rebias]\n\t"                                           \
  "vmfge.vf v0, v24, %[big]\n\t"                                               \
  "vor.vx v24, v24, %[expmask], v0.t\n\t"                                      \
  "vand.vx v16, v16, %[signmask]\n\t"                                          \
  "vsll.vi v16, v16, 16\n\t"                                                   \
  "vor.vv v24, v24, v16\n\t"                                                   \
  "vfmacc.vf v8, %[a" #R "], v24\n\t"

void axpy8F16(float *c, const void *b, int64_t ldbBytes, const float *a,
              int64_t n) {
  const char *bp = static_cast<const char *>(b);
  const float a0 = a[0], a1 = a[1], a2 = a[2], a3 = a[3], a4 = a[4], a5 = a[5],
              a6 = a[6], a7 = a[7];
  const float rebias = 0x1p112f, big = 65536.0f;
  const int64_t magmask = 0x7fff, signmask = 0x8000, expmask = 0x7f800000;
  int64_t vl, t, tb;
  const char *p;
  __asm__ volatile(
      "1:\n\t"
      "vsetvli %[vl], %[n], e32, m8, ta, mu\n\t"
      "vle32.v v8, (%[c])\n\t"
      "mv %[p], %[b]\n\t" SPEIR_ROW_F16(0) SPEIR_ROW_F16(1) SPEIR_ROW_F16(2)
          SPEIR_ROW_F16(3) SPEIR_ROW_F16(4) SPEIR_ROW_F16(5) SPEIR_ROW_F16(6)
              SPEIR_ROW_F16(7) "vse32.v v8, (%[c])\n\t"
                               "slli %[t], %[vl], 2\n\t"
                               "slli %[tb], %[vl], 1\n\t"
                               "add %[c], %[c], %[t]\n\t"
                               "add %[b], %[b], %[tb]\n\t"
                               "sub %[n], %[n], %[vl]\n\t"
                               "bnez %[n], 1b\n\t"
      : [c] "+r"(c), [b] "+r"(bp), [n] "+r"(n), [vl] "=&r"(vl), [t] "=&r"(t),
        [tb] "=&r"(tb), [p] "=&r"(p)
      : [ldb] "r"(ldbBytes), [magmask] "r"(magmask), [signmask] "r"(signmask),
        [expmask] "r"(expmask), [rebias] "f"(rebias), [big] "f"(big),
        [a0] "f"(a0), [a1] "f"(a1), [a2] "f"(a2), [a3] "f"(a3), [a4] "f"(a4),
        [a5] "f"(a5), [a6] "f"(a6), [a7] "f"(a7)
      : "memory", SPEIR_CLOBBER_V0_31);
}

// int8 rows at vtype e16,m4: e8 loads (EMUL 2), extension to e16 (m4),
// vwmacc.vx into the e32,m8 C segment (its loads and stores at EMUL 8).
#define SPEIR_ROW_I8(EXT, R, V)                                                \
  "vle8.v v24, (%[p])\n\t"                                                     \
  "add %[p], %[p], %[ldb]\n\t" EXT ".vf2 " V ", v24\n\t"                       \
  "vwmacc.vx v0, %[a" #R "], " V "\n\t"
#define SPEIR_ROW_S8(R, V) SPEIR_ROW_I8("vsext", R, V)
#define SPEIR_ROW_U8(R, V) SPEIR_ROW_I8("vzext", R, V)
// Sixteen rows per pass: the int8 row costs four instructions per VLEN/4
// MACs (load, pointer step, extension, vwmacc), so the nine of the C
// segment's load, store and loop weigh half as much as with eight rows
// (about 0.071 instead of 0.080 instructions per MAC for a GEMV at VLEN 256).
// clang-format off
#define SPEIR_ROWS_I8(ROW)                                                     \
  ROW(0, "v8")                                                                 \
  ROW(1, "v12")                                                                \
  ROW(2, "v8")                                                                 \
  ROW(3, "v12")                                                                \
  ROW(4, "v8") ROW(5, "v12") ROW(6, "v8") ROW(7, "v12") ROW(8, "v8")           \
      ROW(9, "v12") ROW(10, "v8") ROW(11, "v12") ROW(12, "v8") ROW(13, "v12")  \
          ROW(14, "v8") ROW(15, "v12")
// clang-format on
#define SPEIR_I8_LOOP(ROW)                                                     \
  "1:\n\t"                                                                     \
  "vsetvli %[vl], %[n], e16, m4, ta, ma\n\t"                                   \
  "vle32.v v0, (%[c])\n\t"                                                     \
  "mv %[p], %[b]\n\t" SPEIR_ROWS_I8(ROW) "vse32.v v0, (%[c])\n\t"              \
                                         "slli %[t], %[vl], 2\n\t"             \
                                         "add %[c], %[c], %[t]\n\t"            \
                                         "add %[b], %[b], %[vl]\n\t"           \
                                         "sub %[n], %[n], %[vl]\n\t"           \
                                         "bnez %[n], 1b\n\t"
#define SPEIR_I8_OPERANDS                                                      \
  : [c] "+r"(c), [b] "+r"(bp), [n] "+r"(n), [vl] "=&r"(vl), [t] "=&r"(t),      \
    [p] "=&r"(p)                                                               \
  : [ldb] "r"(ldb), [a0] "r"(a[0]), [a1] "r"(a[1]), [a2] "r"(a[2]),            \
    [a3] "r"(a[3]), [a4] "r"(a[4]), [a5] "r"(a[5]), [a6] "r"(a[6]),            \
    [a7] "r"(a[7]), [a8] "r"(a[8]), [a9] "r"(a[9]), [a10] "r"(a[10]),          \
    [a11] "r"(a[11]), [a12] "r"(a[12]), [a13] "r"(a[13]), [a14] "r"(a[14]),    \
    [a15] "r"(a[15])                                                           \
  : "memory", SPEIR_CLOBBER_V0_31

template <bool kSigned>
void axpy16I8(int32_t *c, const void *b, int64_t ldb, const int32_t *a,
              int64_t n) {
  const char *bp = static_cast<const char *>(b);
  int64_t vl, t;
  const char *p;
  if constexpr (kSigned)
    __asm__ volatile(SPEIR_I8_LOOP(SPEIR_ROW_S8) SPEIR_I8_OPERANDS);
  else
    __asm__ volatile(SPEIR_I8_LOOP(SPEIR_ROW_U8) SPEIR_I8_OPERANDS);
}

enum class RowType { F32, BF16, F16 };

// f16 -> f32 exactly, without Zvfh: the magnitude's bits shifted into f32
// position are the value times 2^-112 (subnormals included), so one multiply
// by 2^112 rebiases; infinities and NaNs get the all-ones exponent instead.
inline vfloat32m8_t widenHalf(vuint16m4_t h, size_t vl) {
  const vuint32m8_t w = __riscv_vzext_vf2_u32m8(h, vl);
  const vuint32m8_t mag =
      __riscv_vsll_vx_u32m8(__riscv_vand_vx_u32m8(w, 0x7fff, vl), 13, vl);
  vfloat32m8_t f = __riscv_vfmul_vf_f32m8(
      __riscv_vreinterpret_v_u32m8_f32m8(mag), 0x1p112f, vl);
  const vbool4_t special = __riscv_vmsgeu_vx_u32m8_b4(mag, 0x7c00u << 13, vl);
  vuint32m8_t bits = __riscv_vreinterpret_v_f32m8_u32m8(f);
  bits = __riscv_vmerge_vvm_u32m8(
      bits, __riscv_vor_vx_u32m8(mag, 0x7f800000u, vl), special, vl);
  const vuint32m8_t sign =
      __riscv_vsll_vx_u32m8(__riscv_vand_vx_u32m8(w, 0x8000, vl), 16, vl);
  return __riscv_vreinterpret_v_u32m8_f32m8(
      __riscv_vor_vv_u32m8(bits, sign, vl));
}

// f32 B row segments, or bf16 / f16 ones widened (bf16 is f32's top half).
template <RowType kType>
inline vfloat32m8_t loadRow(const void *b, int64_t off, size_t vl) {
  if constexpr (kType == RowType::F16) {
    return widenHalf(
        __riscv_vle16_v_u16m4(static_cast<const uint16_t *>(b) + off, vl), vl);
  } else if constexpr (kType == RowType::BF16) {
    vuint16m4_t h =
        __riscv_vle16_v_u16m4(static_cast<const uint16_t *>(b) + off, vl);
    vuint32m8_t w =
        __riscv_vsll_vx_u32m8(__riscv_vzext_vf2_u32m8(h, vl), 16, vl);
    return __riscv_vreinterpret_v_u32m8_f32m8(w);
  } else {
    return __riscv_vle32_v_f32m8(static_cast<const float *>(b) + off, vl);
  }
}

// The rows of B past the assembly passes, four and then one per pass over
// C's segment. Rows supplies the vector type and its operations.
template <class Rows, class A, class Acc>
void tailRows(const SkinnyParams &p, int64_t k, const A *a, const char *b,
              int64_t rowBytes, Acc *acc) {
  while (k < p.k) {
    const int64_t rows = p.k - k >= 4 ? 4 : 1;
    for (int64_t i = 0; i < p.m; ++i) {
      const A *ai = a + i * p.lda + k;
      Acc *c = acc + i * p.accStride;
      for (int64_t j = 0; j < p.n;) {
        const size_t vl = Rows::setvl(size_t(p.n - j));
        auto v = Rows::load(c + j, vl);
        for (int64_t r = 0; r < rows; ++r)
          v = Rows::macc(v, ai[r], b + (k + r) * rowBytes, j, vl);
        Rows::store(c + j, v, vl);
        j += int64_t(vl);
      }
    }
    k += rows;
  }
}

template <RowType kType> struct FloatRows {
  static size_t setvl(size_t n) { return __riscv_vsetvl_e32m8(n); }
  static vfloat32m8_t load(const float *c, size_t vl) {
    return __riscv_vle32_v_f32m8(c, vl);
  }
  static vfloat32m8_t macc(vfloat32m8_t v, float a, const char *row, int64_t j,
                           size_t vl) {
    return __riscv_vfmacc_vf_f32m8(v, a, loadRow<kType>(row, j, vl), vl);
  }
  static void store(float *c, vfloat32m8_t v, size_t vl) {
    __riscv_vse32_v_f32m8(c, v, vl);
  }
};

// C's row segment fits one register group (n <= VLMAX at e32, m8: 64
// columns at VLEN 256, a Triton program's BLOCK_N): each row's accumulator
// stays in registers over all of K, so a k costs the scalar a[k], the row
// load and one vfmacc.vf (axpy8Float reloads and stores C every eight
// rows, which dominates at such widths). Two rows per iteration: two m8
// row loads and the accumulator fit the 32 registers without spills. Rows
// are summed in ascending k, as axpy8Float does.
//
// f32 within one m4 group (32 columns at VLEN 256) takes four rows of C at
// a time: each row of B is loaded once for the four accumulators (a k then
// costs a load and four vfmacc.vf for four rows instead of one).
void narrowFourRowsF32(const SkinnyParams &p, int64_t i0, size_t vl) {
  auto *acc = static_cast<float *>(p.acc);
  const auto *a = static_cast<const float *>(p.a);
  float *c0 = acc + i0 * p.accStride, *c1 = c0 + p.accStride,
        *c2 = c1 + p.accStride, *c3 = c2 + p.accStride;
  const float *a0 = a + i0 * p.lda, *a1 = a0 + p.lda, *a2 = a1 + p.lda,
              *a3 = a2 + p.lda;
  auto init = [&](const float *c) {
    return p.accumulate ? __riscv_vle32_v_f32m4(c, vl)
                        : __riscv_vfmv_v_f_f32m4(0.0f, vl);
  };
  vfloat32m4_t v0 = init(c0), v1 = init(c1), v2 = init(c2), v3 = init(c3);
  const float *row = static_cast<const float *>(p.b);
  for (int64_t k = 0; k < p.k; ++k, row += p.ldb) {
    const vfloat32m4_t bk = __riscv_vle32_v_f32m4(row, vl);
    v0 = __riscv_vfmacc_vf_f32m4(v0, a0[k], bk, vl);
    v1 = __riscv_vfmacc_vf_f32m4(v1, a1[k], bk, vl);
    v2 = __riscv_vfmacc_vf_f32m4(v2, a2[k], bk, vl);
    v3 = __riscv_vfmacc_vf_f32m4(v3, a3[k], bk, vl);
  }
  __riscv_vse32_v_f32m4(c0, v0, vl);
  __riscv_vse32_v_f32m4(c1, v1, vl);
  __riscv_vse32_v_f32m4(c2, v2, vl);
  __riscv_vse32_v_f32m4(c3, v3, vl);
}

template <RowType kType> void rowMajorFloatNarrow(const SkinnyParams &p) {
  const size_t vl = __riscv_vsetvl_e32m8(size_t(p.n));
  const int64_t rowBytes = p.ldb * (kType == RowType::F32 ? 4 : 2);
  auto *acc = static_cast<float *>(p.acc);
  const auto *a = static_cast<const float *>(p.a);
  int64_t i = 0;
  if constexpr (kType == RowType::F32)
    if (size_t(p.n) <= __riscv_vsetvlmax_e32m4())
      for (; i + 4 <= p.m; i += 4)
        narrowFourRowsF32(p, i, __riscv_vsetvl_e32m4(size_t(p.n)));
  for (; i < p.m; ++i) {
    float *c = acc + i * p.accStride;
    const float *ai = a + i * p.lda;
    const char *row = static_cast<const char *>(p.b);
    vfloat32m8_t v = p.accumulate ? __riscv_vle32_v_f32m8(c, vl)
                                  : __riscv_vfmv_v_f_f32m8(0.0f, vl);
    int64_t k = 0;
    for (; k + 2 <= p.k; k += 2, row += 2 * rowBytes) {
      v = __riscv_vfmacc_vf_f32m8(v, ai[k], loadRow<kType>(row, 0, vl), vl);
      v = __riscv_vfmacc_vf_f32m8(v, ai[k + 1],
                                  loadRow<kType>(row + rowBytes, 0, vl), vl);
    }
    if (k < p.k)
      v = __riscv_vfmacc_vf_f32m8(v, ai[k], loadRow<kType>(row, 0, vl), vl);
    __riscv_vse32_v_f32m8(c, v, vl);
  }
}

template <RowType kType> void rowMajorFloat(const SkinnyParams &p) {
  if (p.n > 0 && size_t(p.n) <= __riscv_vsetvlmax_e32m8())
    return rowMajorFloatNarrow<kType>(p);
  zeroAccBlock<float>(p);
  auto *acc = static_cast<float *>(p.acc);
  const auto *a = static_cast<const float *>(p.a);
  const int64_t eb = kType == RowType::F32 ? 4 : 2;
  const char *b = static_cast<const char *>(p.b);
  int64_t k = 0;
  if (p.n > 0)
    for (; k + 8 <= p.k; k += 8)
      for (int64_t i = 0; i < p.m; ++i) {
        float *c = acc + i * p.accStride;
        const char *bk = b + k * p.ldb * eb;
        if constexpr (kType == RowType::F16)
          axpy8F16(c, bk, p.ldb * eb, a + i * p.lda + k, p.n);
        else
          axpy8Float<kType == RowType::BF16>(c, bk, p.ldb * eb,
                                             a + i * p.lda + k, p.n);
      }
  tailRows<FloatRows<kType>>(p, k, a, b, p.ldb * eb, acc);
}

// An int8 row segment extended to int16 (vl <= VLMAX(e16, m4)).
template <bool kSigned>
inline vint16m4_t loadRowI8(const void *b, int64_t off, size_t vl) {
  if constexpr (kSigned)
    return __riscv_vsext_vf2_i16m4(
        __riscv_vle8_v_i8m2(static_cast<const int8_t *>(b) + off, vl), vl);
  else
    return __riscv_vreinterpret_v_u16m4_i16m4(__riscv_vzext_vf2_u16m4(
        __riscv_vle8_v_u8m2(static_cast<const uint8_t *>(b) + off, vl), vl));
}

// int8 rows at e16,m4 into e32,m8 accumulators (see axpy16I8).
template <bool kSigned> struct Int8Rows {
  static size_t setvl(size_t n) { return __riscv_vsetvl_e16m4(n); }
  static vint32m8_t load(const int32_t *c, size_t vl) {
    return __riscv_vle32_v_i32m8(c, vl);
  }
  static vint32m8_t macc(vint32m8_t v, int32_t a, const char *row, int64_t j,
                         size_t vl) {
    return __riscv_vwmacc_vx_i32m8(v, int16_t(a),
                                   loadRowI8<kSigned>(row, j, vl), vl);
  }
  static void store(int32_t *c, vint32m8_t v, size_t vl) {
    __riscv_vse32_v_i32m8(c, v, vl);
  }
};

template <bool kSigned> void rowMajorI8(const SkinnyParams &p) {
  zeroAccBlock<int32_t>(p);
  auto *acc = static_cast<int32_t *>(p.acc);
  const auto *a = static_cast<const int32_t *>(p.a);
  const auto *b = static_cast<const char *>(p.b);
  int64_t k = 0;
  if (p.n > 0)
    for (; k + 16 <= p.k; k += 16)
      for (int64_t i = 0; i < p.m; ++i)
        axpy16I8<kSigned>(acc + i * p.accStride, b + k * p.ldb, p.ldb,
                          a + i * p.lda + k, p.n);
  tailRows<Int8Rows<kSigned>>(p, k, a, b, p.ldb, acc);
}

// Two dot products of one row of A (k > 0 elements) with two rows of B:
// m8 partial sums in v0 and v8, updated tail-undisturbed so the lanes past
// a short last vl keep their sums, then one ordered-free reduction each.
// Assembly for the same reason as axpy8Float: the m8 loads would be hoisted
// and spilled.
inline void dot1x2F32(const float *a, const float *b0, const float *b1,
                      int64_t k, float *s0, float *s1) {
  int64_t vl, t;
  float r0, r1;
  __asm__ volatile(
      "vsetvli %[t], zero, e32, m8, ta, ma\n\t"
      "vmv.v.i v0, 0\n\t"
      "vmv.v.i v8, 0\n\t"
      "1:\n\t"
      "vsetvli %[vl], %[k], e32, m8, tu, ma\n\t"
      "vle32.v v16, (%[a])\n\t"
      "vle32.v v24, (%[b0])\n\t"
      "vfmacc.vv v0, v16, v24\n\t"
      "vle32.v v24, (%[b1])\n\t"
      "vfmacc.vv v8, v16, v24\n\t"
      "slli %[t], %[vl], 2\n\t"
      "add %[a], %[a], %[t]\n\t"
      "add %[b0], %[b0], %[t]\n\t"
      "add %[b1], %[b1], %[t]\n\t"
      "sub %[k], %[k], %[vl]\n\t"
      "bnez %[k], 1b\n\t"
      "vsetvli %[t], zero, e32, m8, ta, ma\n\t"
      "vmv.s.x v16, zero\n\t"
      "vfredusum.vs v24, v0, v16\n\t"
      "vfmv.f.s %[r0], v24\n\t"
      "vfredusum.vs v24, v8, v16\n\t"
      "vfmv.f.s %[r1], v24\n\t"
      : [a] "+r"(a), [b0] "+r"(b0), [b1] "+r"(b1), [k] "+r"(k), [vl] "=&r"(vl),
        [t] "=&r"(t), [r0] "=&f"(r0), [r1] "=&f"(r1)
      :
      : "memory", SPEIR_CLOBBER_V0_31);
  *s0 += r0;
  *s1 += r1;
}

// The int8 form of dot1x2F32: A is already int32 (the accumulator type),
// each B row's int8 elements are loaded at EEW 8 under e32,m8 (EMUL 2, into
// the top of v24..v31), extended to int32 there and multiplied into the m8
// partial sums; int32 sums wrap, as every int8 kernel's do.
#define SPEIR_DOT_I8(EXT)                                                      \
  "vsetvli %[t], zero, e32, m8, ta, ma\n\t"                                    \
  "vmv.v.i v0, 0\n\t"                                                          \
  "vmv.v.i v8, 0\n\t"                                                          \
  "1:\n\t"                                                                     \
  "vsetvli %[vl], %[k], e32, m8, tu, ma\n\t"                                   \
  "vle32.v v16, (%[a])\n\t"                                                    \
  "vle8.v v30, (%[b0])\n\t" EXT ".vf4 v24, v30\n\t"                            \
  "vmacc.vv v0, v16, v24\n\t"                                                  \
  "vle8.v v30, (%[b1])\n\t" EXT ".vf4 v24, v30\n\t"                            \
  "vmacc.vv v8, v16, v24\n\t"                                                  \
  "slli %[t], %[vl], 2\n\t"                                                    \
  "add %[a], %[a], %[t]\n\t"                                                   \
  "add %[b0], %[b0], %[vl]\n\t"                                                \
  "add %[b1], %[b1], %[vl]\n\t"                                                \
  "sub %[k], %[k], %[vl]\n\t"                                                  \
  "bnez %[k], 1b\n\t"                                                          \
  "vsetvli %[t], zero, e32, m8, ta, ma\n\t"                                    \
  "vmv.s.x v16, zero\n\t"                                                      \
  "vredsum.vs v24, v0, v16\n\t"                                                \
  "vmv.x.s %[r0], v24\n\t"                                                     \
  "vredsum.vs v24, v8, v16\n\t"                                                \
  "vmv.x.s %[r1], v24\n\t"
#define SPEIR_DOT_I8_OPERANDS                                                  \
  : [a] "+r"(a), [b0] "+r"(b0), [b1] "+r"(b1), [k] "+r"(k), [vl] "=&r"(vl),    \
    [t] "=&r"(t), [r0] "=&r"(r0), [r1] "=&r"(r1)                               \
  :                                                                            \
  : "memory", SPEIR_CLOBBER_V0_31

template <bool kSigned>
inline void dot1x2I8(const int32_t *a, const char *b0, const char *b1,
                     int64_t k, int32_t *s0, int32_t *s1) {
  int64_t vl, t, r0, r1;
  if constexpr (kSigned)
    __asm__ volatile(SPEIR_DOT_I8("vsext") SPEIR_DOT_I8_OPERANDS);
  else
    __asm__ volatile(SPEIR_DOT_I8("vzext") SPEIR_DOT_I8_OPERANDS);
  *s0 = int32_t(uint32_t(*s0) + uint32_t(r0));
  *s1 = int32_t(uint32_t(*s1) + uint32_t(r1));
}

// Transposed B (N x K, rows of B are C's columns): pairs of dot products,
// an odd last column paired with itself.
template <class Acc, class DotPair>
void dotColumnPairs(const SkinnyParams &p, DotPair dotPair) {
  zeroAccBlock<Acc>(p);
  if (p.k == 0)
    return;
  auto *acc = static_cast<Acc *>(p.acc);
  for (int64_t j = 0; j < p.n; j += 2) {
    const int64_t j1 = j + 1 < p.n ? j + 1 : j;
    for (int64_t i = 0; i < p.m; ++i) {
      Acc unused = 0;
      dotPair(i, j, j1, &acc[i * p.accStride + j],
              j1 != j ? &acc[i * p.accStride + j1] : &unused);
    }
  }
}

void dotF32(const SkinnyParams &p) {
  const auto *a = static_cast<const float *>(p.a);
  const auto *b = static_cast<const float *>(p.b);
  dotColumnPairs<float>(
      p, [&](int64_t i, int64_t j, int64_t j1, float *s0, float *s1) {
        dot1x2F32(a + i * p.lda, b + j * p.ldb, b + j1 * p.ldb, p.k, s0, s1);
      });
}

// Transposed bf16 / f16 B (rows of B are C's columns; A already in f32):
// one dot product per pass, vectorized along K at e32, m8 with B's halves
// widened as the row-major kernels widen them (tail-undisturbed, so the
// last partial chunk leaves the other lanes' sums), one unordered
// reduction per output.
template <RowType kType> void dotHalf(const SkinnyParams &p) {
  zeroAccBlock<float>(p);
  auto *acc = static_cast<float *>(p.acc);
  const auto *a = static_cast<const float *>(p.a);
  const auto *b = static_cast<const uint16_t *>(p.b);
  const size_t vlmax = __riscv_vsetvlmax_e32m8();
  for (int64_t j = 0; j < p.n; ++j) {
    const uint16_t *bj = b + j * p.ldb;
    for (int64_t i = 0; i < p.m; ++i) {
      const float *ai = a + i * p.lda;
      vfloat32m8_t sum = __riscv_vfmv_v_f_f32m8(0.0f, vlmax);
      for (int64_t k = 0; k < p.k;) {
        const size_t vl = __riscv_vsetvl_e32m8(size_t(p.k - k));
        sum = __riscv_vfmacc_vv_f32m8_tu(sum, __riscv_vle32_v_f32m8(ai + k, vl),
                                         loadRow<kType>(bj, k, vl), vl);
        k += int64_t(vl);
      }
      const vfloat32m1_t r = __riscv_vfredusum_vs_f32m8_f32m1(
          sum, __riscv_vfmv_s_f_f32m1(0.0f, 1), vlmax);
      acc[i * p.accStride + j] += __riscv_vfmv_f_s_f32m1_f32(r);
    }
  }
}

template <bool kSigned> void dotI8(const SkinnyParams &p) {
  const auto *a = static_cast<const int32_t *>(p.a);
  const auto *b = static_cast<const char *>(p.b);
  dotColumnPairs<int32_t>(
      p, [&](int64_t i, int64_t j, int64_t j1, int32_t *s0, int32_t *s1) {
        dot1x2I8<kSigned>(a + i * p.lda, b + j * p.ldb, b + j1 * p.ldb, p.k, s0,
                          s1);
      });
}

} // namespace

SkinnyKernels rvvSkinnyKernels(GemmType type) {
  switch (type) {
  case GemmType::F32F32F32:
    return {KernelIsa::Rvv, rowMajorFloat<RowType::F32>, dotF32};
  case GemmType::BF16BF16F32:
    return {KernelIsa::Rvv, rowMajorFloat<RowType::BF16>,
            dotHalf<RowType::BF16>};
  case GemmType::F16F16F32:
  case GemmType::F16F16F16:
    return {KernelIsa::Rvv, rowMajorFloat<RowType::F16>, dotHalf<RowType::F16>};
  case GemmType::S8S8S32:
  case GemmType::U8S8S32:
    return {KernelIsa::Rvv, rowMajorI8<true>, dotI8<true>};
  case GemmType::U8U8S32:
  case GemmType::S8U8S32:
    return {KernelIsa::Rvv, rowMajorI8<false>, dotI8<false>};
  default:
    return {KernelIsa::Rvv, nullptr, nullptr};
  }
}

} // namespace speir::gemm

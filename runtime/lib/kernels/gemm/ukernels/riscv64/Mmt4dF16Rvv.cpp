// f16 x f16 tiles, 7 x VLMAX(e32m4) x 1 (Zvfh): per k, one f16 rhs row (m2)
// and seven vfwmacc.vf that widen into f32 m4 accumulators. Seven m4
// accumulators (v4-v31) + two m2 rhs rows (v0, v2) = 32 registers; the next
// row loads while the current one is used. Assembly for the same reason as
// the f32 kernel (in-order X60: load placement decides the VFP occupancy).
// The f16-output form converts once, when the tile is loaded and stored.
#include <cstdint>

#include "kernels/gemm/ukernels/riscv64/Mmt4dRiscv64.h"

namespace speir::gemm {
namespace {

// .if on kF16Out selects the accumulator load/store form inside one asm
// statement (registers must survive from load to store).
template <int kF16Out> void tile(const Mmt4dTileParams &p) {
  const uint16_t *a = static_cast<const uint16_t *>(p.lhs);
  const uint16_t *b = static_cast<const uint16_t *>(p.rhs);
  char *c = static_cast<char *>(p.acc);
  const int64_t sa = p.lhsStrideK1 * 2, sb = p.rhsStrideK1 * 2,
                ldc = p.accStrideRow * (kF16Out ? 2 : 4);
  int64_t n = p.k1;
  const int64_t accumulate = p.accumulate;
  const uint16_t *a2;
  const void *t1;
#define SPEIR_LOAD_ACC(V)                                                      \
  ".if %[f16out]\n\t"                                                          \
  "vsetvli t0, zero, e16, m2, ta, ma\n\t"                                      \
  "vle16.v v0, (%[t1])\n\t"                                                    \
  "vfwcvt.f.f.v " V ", v0\n\t"                                                 \
  ".else\n\t"                                                                  \
  "vsetvli t0, zero, e32, m4, ta, ma\n\t"                                      \
  "vle32.v " V ", (%[t1])\n\t"                                                 \
  ".endif\n\t"                                                                 \
  "add %[t1], %[t1], %[ldc]\n\t"
#define SPEIR_STORE_ACC(V)                                                     \
  ".if %[f16out]\n\t"                                                          \
  "vsetvli t0, zero, e16, m2, ta, ma\n\t"                                      \
  "vfncvt.f.f.w v0, " V "\n\t"                                                 \
  "vse16.v v0, (%[t1])\n\t"                                                    \
  ".else\n\t"                                                                  \
  "vsetvli t0, zero, e32, m4, ta, ma\n\t"                                      \
  "vse32.v " V ", (%[t1])\n\t"                                                 \
  ".endif\n\t"                                                                 \
  "add %[t1], %[t1], %[ldc]\n\t"
  __asm__ volatile(
      "mv %[t1], %[c]\n\t"
      "beqz %[accumulate], 1f\n\t" SPEIR_LOAD_ACC("v4") SPEIR_LOAD_ACC("v8")
          SPEIR_LOAD_ACC("v12") SPEIR_LOAD_ACC("v16") SPEIR_LOAD_ACC("v20")
              SPEIR_LOAD_ACC("v24") SPEIR_LOAD_ACC(
                  "v28") "j 2f\n"
                         "1:\n\t"
                         "vsetvli t0, zero, e32, m4, ta, ma\n\t"
                         "vmv.v.i v4, 0\n\t"
                         "vmv.v.i v8, 0\n\t"
                         "vmv.v.i v12, 0\n\t"
                         "vmv.v.i v16, 0\n\t"
                         "vmv.v.i v20, 0\n\t"
                         "vmv.v.i v24, 0\n\t"
                         "vmv.v.i v28, 0\n"
                         "2:\n\t"
                         "vsetvli t0, zero, e16, m2, ta, ma\n\t"
                         "beqz %[n], 9f\n\t"
                         "vle16.v v0, (%[b])\n\t"
                         "flh ft0, 0(%[a])\n\t"
                         "flh ft1, 2(%[a])\n\t"
                         "flh ft2, 4(%[a])\n\t"
                         "flh ft3, 6(%[a])\n\t"
                         "flh ft4, 8(%[a])\n\t"
                         "flh ft5, 10(%[a])\n\t"
                         "flh ft6, 12(%[a])\n\t"
                         "add %[a2], %[a], %[sa]\n\t"
                         "add %[t1], %[b], %[sb]\n\t"
                         "li t2, 2\n\t"
                         "ble %[n], t2, 5f\n"
                         "3:\n\t"
                         "vfwmacc.vf v4, ft0, v0\n\t"
                         "vle16.v v2, (%[t1])\n\t"
                         "vfwmacc.vf v8, ft1, v0\n\t"
                         "flh fa0, 0(%[a2])\n\t"
                         "vfwmacc.vf v12, ft2, v0\n\t"
                         "flh fa1, 2(%[a2])\n\t"
                         "vfwmacc.vf v16, ft3, v0\n\t"
                         "flh fa2, 4(%[a2])\n\t"
                         "vfwmacc.vf v20, ft4, v0\n\t"
                         "flh fa3, 6(%[a2])\n\t"
                         "add %[b], %[t1], %[sb]\n\t"
                         "flh fa4, 8(%[a2])\n\t"
                         "vfwmacc.vf v24, ft5, v0\n\t"
                         "flh fa5, 10(%[a2])\n\t"
                         "vfwmacc.vf v28, ft6, v0\n\t"
                         "flh fa6, 12(%[a2])\n\t"
                         "add %[a], %[a2], %[sa]\n\t"
                         "vfwmacc.vf v4, fa0, v2\n\t"
                         "vle16.v v0, (%[b])\n\t"
                         "vfwmacc.vf v8, fa1, v2\n\t"
                         "flh ft0, 0(%[a])\n\t"
                         "vfwmacc.vf v12, fa2, v2\n\t"
                         "flh ft1, 2(%[a])\n\t"
                         "vfwmacc.vf v16, fa3, v2\n\t"
                         "flh ft2, 4(%[a])\n\t"
                         "vfwmacc.vf v20, fa4, v2\n\t"
                         "flh ft3, 6(%[a])\n\t"
                         "add %[t1], %[b], %[sb]\n\t"
                         "flh ft4, 8(%[a])\n\t"
                         "vfwmacc.vf v24, fa5, v2\n\t"
                         "flh ft5, 10(%[a])\n\t"
                         "vfwmacc.vf v28, fa6, v2\n\t"
                         "flh ft6, 12(%[a])\n\t"
                         "add %[a2], %[a], %[sa]\n\t"
                         "addi %[n], %[n], -2\n\t"
                         "bgt %[n], t2, 3b\n"
                         "5:\n\t"
                         "vfwmacc.vf v4, ft0, v0\n\t"
                         "vfwmacc.vf v8, ft1, v0\n\t"
                         "vfwmacc.vf v12, ft2, v0\n\t"
                         "vfwmacc.vf v16, ft3, v0\n\t"
                         "vfwmacc.vf v20, ft4, v0\n\t"
                         "vfwmacc.vf v24, ft5, v0\n\t"
                         "vfwmacc.vf v28, ft6, v0\n\t"
                         "li t2, 1\n\t"
                         "beq %[n], t2, 9f\n\t"
                         "vle16.v v2, (%[t1])\n\t"
                         "flh fa0, 0(%[a2])\n\t"
                         "flh fa1, 2(%[a2])\n\t"
                         "flh fa2, 4(%[a2])\n\t"
                         "flh fa3, 6(%[a2])\n\t"
                         "flh fa4, 8(%[a2])\n\t"
                         "flh fa5, 10(%[a2])\n\t"
                         "flh fa6, 12(%[a2])\n\t"
                         "vfwmacc.vf v4, fa0, v2\n\t"
                         "vfwmacc.vf v8, fa1, v2\n\t"
                         "vfwmacc.vf v12, fa2, v2\n\t"
                         "vfwmacc.vf v16, fa3, v2\n\t"
                         "vfwmacc.vf v20, fa4, v2\n\t"
                         "vfwmacc.vf v24, fa5, v2\n\t"
                         "vfwmacc.vf v28, fa6, v2\n"
                         "9:\n\t"
                         "mv %[t1], %[c]\n\t" SPEIR_STORE_ACC("v4")
                             SPEIR_STORE_ACC("v8") SPEIR_STORE_ACC("v12")
                                 SPEIR_STORE_ACC("v16") SPEIR_STORE_ACC("v20")
                                     SPEIR_STORE_ACC("v24")
                                         SPEIR_STORE_ACC("v28")
      : [a] "+r"(a), [b] "+r"(b), [n] "+r"(n), [a2] "=&r"(a2), [t1] "=&r"(t1)
      : [c] "r"(c), [sa] "r"(sa), [sb] "r"(sb), [ldc] "r"(ldc),
        [accumulate] "r"(accumulate), [f16out] "i"(kF16Out)
      : "t0", "t2", "ft0", "ft1", "ft2", "ft3", "ft4", "ft5", "ft6", "fa0",
        "fa1", "fa2", "fa3", "fa4", "fa5", "fa6", "memory", "v0", "v1", "v2",
        "v3", "v4", "v5", "v6", "v7", "v8", "v9", "v10", "v11", "v12", "v13",
        "v14", "v15", "v16", "v17", "v18", "v19", "v20", "v21", "v22", "v23",
        "v24", "v25", "v26", "v27", "v28", "v29", "v30", "v31");
#undef SPEIR_LOAD_ACC
#undef SPEIR_STORE_ACC
}

} // namespace

void mmt4dTileF16F32Rvv(const Mmt4dTileParams &p) { tile<0>(p); }
void mmt4dTileF16F16Rvv(const Mmt4dTileParams &p) { tile<1>(p); }

} // namespace speir::gemm

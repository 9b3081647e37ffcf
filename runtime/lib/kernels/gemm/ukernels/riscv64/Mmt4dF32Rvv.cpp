// f32 6 x VLMAX(e32m4) x 1 tile: per k, one rhs row (m4) and six vfmacc.vf
// with lhs scalars. Six m4 accumulators (v8-v31) + two rhs rows (v0, v4) =
// all 32 registers, so the next row loads while the current one is used. The
// loop is assembly because the order matters on an in-order core: with
// intrinsics clang sinks the rhs load next to its first use and LLVM's X60
// model shows ~70% VFP occupancy instead of ~95%. LMUL 4 keeps instructions
// per flop low; the model charges 4 cycles per m4 vfmacc, the rate of four m1.
#include <cstdint>

#include "kernels/gemm/ukernels/riscv64/Mmt4dRiscv64.h"

namespace speir::gemm {

void mmt4dTileF32Rvv(const Mmt4dTileParams &p) {
  const float *a = static_cast<const float *>(p.lhs);
  const float *b = static_cast<const float *>(p.rhs);
  float *c = static_cast<float *>(p.acc);
  const int64_t sa = p.lhsStrideK1 * 4, sb = p.rhsStrideK1 * 4,
                ldc = p.accStrideRow * 4;
  int64_t n = p.k1;
  const int64_t accumulate = p.accumulate;
  const float *a2;
  const float *t1;
  __asm__ volatile(
      "vsetvli t0, zero, e32, m4, ta, ma\n\t"
      "beqz %[accumulate], 1f\n\t"
      "vle32.v v8, (%[c])\n\t"
      "add %[t1], %[c], %[ldc]\n\t"
      "vle32.v v12, (%[t1])\n\t"
      "add %[t1], %[t1], %[ldc]\n\t"
      "vle32.v v16, (%[t1])\n\t"
      "add %[t1], %[t1], %[ldc]\n\t"
      "vle32.v v20, (%[t1])\n\t"
      "add %[t1], %[t1], %[ldc]\n\t"
      "vle32.v v24, (%[t1])\n\t"
      "add %[t1], %[t1], %[ldc]\n\t"
      "vle32.v v28, (%[t1])\n\t"
      "j 2f\n"
      "1:\n\t"
      "vmv.v.i v8, 0\n\t"
      "vmv.v.i v12, 0\n\t"
      "vmv.v.i v16, 0\n\t"
      "vmv.v.i v20, 0\n\t"
      "vmv.v.i v24, 0\n\t"
      "vmv.v.i v28, 0\n"
      "2:\n\t"
      "beqz %[n], 9f\n\t"
      // Prologue: row k of rhs in v0, lhs column k in ft0-ft5.
      "vle32.v v0, (%[b])\n\t"
      "flw ft0, 0(%[a])\n\t"
      "flw ft1, 4(%[a])\n\t"
      "flw ft2, 8(%[a])\n\t"
      "flw ft3, 12(%[a])\n\t"
      "flw ft4, 16(%[a])\n\t"
      "flw ft5, 20(%[a])\n\t"
      "add %[a2], %[a], %[sa]\n\t"
      "add %[t1], %[b], %[sb]\n\t"
      "li t2, 2\n\t"
      "ble %[n], t2, 5f\n"
      // Two k per trip while k + 2 < K1 (so every load is in bounds). The
      // X60 writes back in order, so a vector load (latency 8) is followed
      // by vfmaccs (latency 5), never by short scalar ops that would wait.
      "3:\n\t"
      "vfmacc.vf v8, ft0, v0\n\t"
      "vle32.v v4, (%[t1])\n\t"
      "vfmacc.vf v12, ft1, v0\n\t"
      "flw ft6, 0(%[a2])\n\t"
      "vfmacc.vf v16, ft2, v0\n\t"
      "flw ft7, 4(%[a2])\n\t"
      "vfmacc.vf v20, ft3, v0\n\t"
      "flw ft8, 8(%[a2])\n\t"
      "vfmacc.vf v24, ft4, v0\n\t"
      "flw ft9, 12(%[a2])\n\t"
      "add %[b], %[t1], %[sb]\n\t"
      "flw ft10, 16(%[a2])\n\t"
      "vfmacc.vf v28, ft5, v0\n\t"
      "flw ft11, 20(%[a2])\n\t"
      "add %[a], %[a2], %[sa]\n\t"
      "vfmacc.vf v8, ft6, v4\n\t"
      "vle32.v v0, (%[b])\n\t"
      "vfmacc.vf v12, ft7, v4\n\t"
      "flw ft0, 0(%[a])\n\t"
      "vfmacc.vf v16, ft8, v4\n\t"
      "flw ft1, 4(%[a])\n\t"
      "vfmacc.vf v20, ft9, v4\n\t"
      "flw ft2, 8(%[a])\n\t"
      "vfmacc.vf v24, ft10, v4\n\t"
      "flw ft3, 12(%[a])\n\t"
      "add %[t1], %[b], %[sb]\n\t"
      "flw ft4, 16(%[a])\n\t"
      "vfmacc.vf v28, ft11, v4\n\t"
      "flw ft5, 20(%[a])\n\t"
      "add %[a2], %[a], %[sa]\n\t"
      "addi %[n], %[n], -2\n\t"
      "bgt %[n], t2, 3b\n"
      // One or two k left; the first is already loaded.
      "5:\n\t"
      "vfmacc.vf v8, ft0, v0\n\t"
      "vfmacc.vf v12, ft1, v0\n\t"
      "vfmacc.vf v16, ft2, v0\n\t"
      "vfmacc.vf v20, ft3, v0\n\t"
      "vfmacc.vf v24, ft4, v0\n\t"
      "vfmacc.vf v28, ft5, v0\n\t"
      "li t2, 1\n\t"
      "beq %[n], t2, 9f\n\t"
      "vle32.v v4, (%[t1])\n\t"
      "flw ft6, 0(%[a2])\n\t"
      "flw ft7, 4(%[a2])\n\t"
      "flw ft8, 8(%[a2])\n\t"
      "flw ft9, 12(%[a2])\n\t"
      "flw ft10, 16(%[a2])\n\t"
      "flw ft11, 20(%[a2])\n\t"
      "vfmacc.vf v8, ft6, v4\n\t"
      "vfmacc.vf v12, ft7, v4\n\t"
      "vfmacc.vf v16, ft8, v4\n\t"
      "vfmacc.vf v20, ft9, v4\n\t"
      "vfmacc.vf v24, ft10, v4\n\t"
      "vfmacc.vf v28, ft11, v4\n"
      "9:\n\t"
      "vse32.v v8, (%[c])\n\t"
      "add %[t1], %[c], %[ldc]\n\t"
      "vse32.v v12, (%[t1])\n\t"
      "add %[t1], %[t1], %[ldc]\n\t"
      "vse32.v v16, (%[t1])\n\t"
      "add %[t1], %[t1], %[ldc]\n\t"
      "vse32.v v20, (%[t1])\n\t"
      "add %[t1], %[t1], %[ldc]\n\t"
      "vse32.v v24, (%[t1])\n\t"
      "add %[t1], %[t1], %[ldc]\n\t"
      "vse32.v v28, (%[t1])\n\t"
      : [a] "+r"(a), [b] "+r"(b), [n] "+r"(n), [a2] "=&r"(a2), [t1] "=&r"(t1)
      : [c] "r"(c), [sa] "r"(sa), [sb] "r"(sb), [ldc] "r"(ldc),
        [accumulate] "r"(accumulate)
      : "t0", "t2", "ft0", "ft1", "ft2", "ft3", "ft4", "ft5", "ft6", "ft7",
        "ft8", "ft9", "ft10", "ft11", "memory", "v0", "v1", "v2", "v3", "v4",
        "v5", "v6", "v7", "v8", "v9", "v10", "v11", "v12", "v13", "v14", "v15",
        "v16", "v17", "v18", "v19", "v20", "v21", "v22", "v23", "v24", "v25",
        "v26", "v27", "v28", "v29", "v30", "v31");
}

} // namespace speir::gemm

// int8 x int8 -> int32 tiles with SpacemiT IME (XSMTVDot), 12 x 16 x 8 on
// VLEN 256. Per k tile: lhs rows 0-7 -> v0,v1 and rows 8-11 -> v2 (whole
// register loads: they ignore vtype, so vtype stays e8/m1 as vmadot needs),
// rhs 16 x 8 -> v4-v7, then 12 vmadots; atom (i, j) accumulates the 4x4 int32
// block of rows 4i.., columns 4j.. in the pair v(8 + 8i + 2j), v(9 + 8i + 2j).
// Compiled with +xsmtvdot; selected only when cpuInfo() reports IME.
#include <riscv_vector.h>

#include <cstdint>

#include "kernels/gemm/ukernels/riscv64/Mmt4dRiscv64.h"

namespace speir::gemm {
namespace {

// The 3 x 4 grid of atoms for one mnemonic: vd, vs1 (lhs rows), vs2 (rhs rows).
#define SPEIR_IME_ATOMS(OP)                                                    \
  OP " v8, v0, v4\n\t" OP " v10, v0, v5\n\t" OP " v12, v0, v6\n\t" OP          \
     " v14, v0, v7\n\t" OP " v16, v1, v4\n\t" OP " v18, v1, v5\n\t" OP         \
     " v20, v1, v6\n\t" OP " v22, v1, v7\n\t" OP " v24, v2, v4\n\t" OP         \
     " v26, v2, v5\n\t" OP " v28, v2, v6\n\t" OP " v30, v2, v7\n\t"

#define SPEIR_VECTOR_CLOBBERS                                                  \
  "v0", "v1", "v2", "v3", "v4", "v5", "v6", "v7", "v8", "v9", "v10", "v11",    \
      "v12", "v13", "v14", "v15", "v16", "v17", "v18", "v19", "v20", "v21",    \
      "v22", "v23", "v24", "v25", "v26", "v27", "v28", "v29", "v30", "v31"

// Accumulator blocks in atom order: blocks[i][j] is the row-major 4x4 block
// of rows 4i..4i+3, columns 4j..4j+3, i.e. exactly the register pairs
// v8..v31 in order, so three vl8r/vs8r move all of them.
struct alignas(64) AtomBlocks {
  int32_t v[3][4][16];
};

// Row r of an atom row i is four 16-byte pieces 64 bytes apart in the
// blocks: a strided four-field segment load of int32 picks them up and a
// unit-stride segment store writes them as one contiguous C row (and back).
// 32-bit elements, so C needs only its natural alignment.
void gatherBlocks(const int32_t *c, int64_t ldc, AtomBlocks &blk) {
  for (int i = 0; i < 3; ++i)
    for (int r = 0; r < 4; ++r) {
      auto row = __riscv_vlseg4e32_v_i32m1x4(c + (4 * i + r) * ldc, 4);
      __riscv_vssseg4e32_v_i32m1x4(&blk.v[i][0][r * 4], 64, row, 4);
    }
}

void scatterBlocks(const AtomBlocks &blk, int32_t *c, int64_t ldc) {
  for (int i = 0; i < 3; ++i)
    for (int r = 0; r < 4; ++r) {
      auto row = __riscv_vlsseg4e32_v_i32m1x4(&blk.v[i][0][r * 4], 64, 4);
      __riscv_vsseg4e32_v_i32m1x4(c + (4 * i + r) * ldc, row, 4);
    }
}

#define SPEIR_DEFINE_IME_TILE(NAME, OP)                                        \
  void NAME(const Mmt4dTileParams &p) {                                        \
    if (p.lhsStrideK1 == 0 && p.k1 > 1) {                                      \
      /* The loop below ends on the lhs pointer; a zero stride would stop */   \
      /* it after one k tile, so run one k tile per call instead. */           \
      Mmt4dTileParams q = p;                                                   \
      q.k1 = 1;                                                                \
      for (int64_t k = 0; k < p.k1; ++k) {                                     \
        NAME(q);                                                               \
        q.accumulate = true;                                                   \
        q.rhs = static_cast<const int8_t *>(q.rhs) + p.rhsStrideK1;            \
      }                                                                        \
      return;                                                                  \
    }                                                                          \
    AtomBlocks blk;                                                            \
    int32_t *c = static_cast<int32_t *>(p.acc);                                \
    if (p.accumulate)                                                          \
      gatherBlocks(c, p.accStrideRow, blk);                                    \
    const int8_t *a = static_cast<const int8_t *>(p.lhs);                      \
    const int8_t *b = static_cast<const int8_t *>(p.rhs);                      \
    const int8_t *a8 = a + 64;                                                 \
    int64_t k1 = p.k1;                                                         \
    /* The loop ends on the lhs pointer: no separate counter. */               \
    const int8_t *aend = a + k1 * p.lhsStrideK1;                               \
    int64_t accumulate = p.accumulate;                                         \
    __asm__ volatile(                                                          \
        "vsetvli t0, zero, e32, m8\n\t"                                        \
        "beqz %[accumulate], 1f\n\t"                                           \
        "vl8re32.v v8, (%[blk])\n\t"                                           \
        "addi t1, %[blk], 256\n\t"                                             \
        "vl8re32.v v16, (t1)\n\t"                                              \
        "addi t1, %[blk], 512\n\t"                                             \
        "vl8re32.v v24, (t1)\n\t"                                              \
        "j 2f\n"                                                               \
        "1:\n\t"                                                               \
        "vmv.v.i v8, 0\n\t"                                                    \
        "vmv.v.i v16, 0\n\t"                                                   \
        "vmv.v.i v24, 0\n"                                                     \
        "2:\n\t"                                                               \
        "vsetvli t0, zero, e8, m1\n\t"                                         \
        "beqz %[k1], 4f\n"                                                     \
        "3:\n\t"                                                               \
        "vl2re8.v v0, (%[a])\n\t"                                              \
        "vl1re8.v v2, (%[a8])\n\t"                                             \
        "vl4re8.v v4, (%[b])\n\t"                                              \
        "add %[a], %[a], %[sa]\n\t"                                            \
        "add %[a8], %[a8], %[sa]\n\t"                                          \
        "add %[b], %[b], %[sb]\n\t" SPEIR_IME_ATOMS(OP)                        \
        "bne %[a], %[aend], 3b\n"                                             \
        "4:\n\t"                                                               \
        "vs8r.v v8, (%[blk])\n\t"                                              \
        "addi t1, %[blk], 256\n\t"                                             \
        "vs8r.v v16, (t1)\n\t"                                                 \
        "addi t1, %[blk], 512\n\t"                                             \
        "vs8r.v v24, (t1)\n\t"                                                 \
        : [a] "+r"(a), [a8] "+r"(a8), [b] "+r"(b), [k1] "+r"(k1)               \
        : [sa] "r"(p.lhsStrideK1), [sb] "r"(p.rhsStrideK1),                    \
          [blk] "r"(blk.v), [accumulate] "r"(accumulate), [aend] "r"(aend)     \
        : "t0", "t1", "memory", SPEIR_VECTOR_CLOBBERS);                        \
    scatterBlocks(blk, c, p.accStrideRow);                                     \
  }

SPEIR_DEFINE_IME_TILE(mmt4dTileS8S8Ime, "smt.vmadot")
SPEIR_DEFINE_IME_TILE(mmt4dTileU8U8Ime, "smt.vmadotu")
SPEIR_DEFINE_IME_TILE(mmt4dTileS8U8Ime, "smt.vmadotsu")
SPEIR_DEFINE_IME_TILE(mmt4dTileU8S8Ime, "smt.vmadotus")

} // namespace

Mmt4dTileFn imeTileKernel(GemmType type) {
  switch (type) {
  case GemmType::S8S8S32:
    return mmt4dTileS8S8Ime;
  case GemmType::U8U8S32:
    return mmt4dTileU8U8Ime;
  case GemmType::S8U8S32:
    return mmt4dTileS8U8Ime;
  case GemmType::U8S8S32:
    return mmt4dTileU8S8Ime;
  default:
    return nullptr;
  }
}

} // namespace speir::gemm

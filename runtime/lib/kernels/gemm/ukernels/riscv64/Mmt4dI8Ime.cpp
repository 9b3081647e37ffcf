// int8 x int8 -> int32 tiles with SpacemiT IME (XSMTVDot), 8 x 16 x 8 on
// VLEN 256: a 2 x 4 grid of 4x4x8 vmadot atoms whose accumulators stay in
// v16-v31 for the whole K loop.
//
// Why 8 x 16 and not the 12 x 16 of the 24-register accumulator grid: whole-
// register loads have no offset and no post-increment, so every load costs an
// address update too. With 16 accumulator registers, v0-v7 hold the lhs of
// four k tiles (one vl8r.v: 4 x 64 bytes) and v8-v15 the rhs of two (one
// vl8r.v: 2 x 128 bytes), so four k tiles take 32 vmadots, 3 loads, 3
// address updates and a branch (0.22 other instructions per vmadot, against
// 0.58 for 12 x 16 with one k tile per trip). The cost is more bytes loaded
// per MAC (0.19 vs 0.15).
//
// Atom (i, j) accumulates rows 4i.., columns 4j.. in the pair v(16 + 8i + 2j),
// v(17 + 8i + 2j), row-major (the vmadot result layout). At the end one
// vrgatherei16 per 4-row block turns the eight registers of a block into four
// row-major C rows, stored with unit-stride vse32 at the caller's row stride:
// no memory round trip, and C needs only 4-byte alignment.
// Compiled with +xsmtvdot; selected only when cpuInfo() reports IME.
#include <cstdint>

#include "kernels/gemm/ukernels/riscv64/ImeAtoms.h"
#include "kernels/gemm/ukernels/riscv64/Mmt4dRiscv64.h"

namespace speir::gemm {
namespace {

// One k tile: lhs rows 0-3 / 4-7 in A0 / A1, rhs rows (C columns) 0-3, 4-7,
// 8-11, 12-15 in B0..B3.
#define SPEIR_IME_K_TILE(OP, A0, A1, B0, B1, B2, B3)                           \
  OP " v16, " A0 ", " B0 "\n\t" OP " v18, " A0 ", " B1 "\n\t" OP " v20, " A0   \
     ", " B2 "\n\t" OP " v22, " A0 ", " B3 "\n\t" OP " v24, " A1 ", " B0       \
     "\n\t" OP " v26, " A1 ", " B1 "\n\t" OP " v28, " A1 ", " B2 "\n\t" OP     \
     " v30, " A1 ", " B3 "\n\t"

#define SPEIR_VECTOR_CLOBBERS                                                  \
  "v0", "v1", "v2", "v3", "v4", "v5", "v6", "v7", "v8", "v9", "v10", "v11",    \
      "v12", "v13", "v14", "v15", "v16", "v17", "v18", "v19", "v20", "v21",    \
      "v22", "v23", "v24", "v25", "v26", "v27", "v28", "v29", "v30", "v31"

// Row r of the tile: either stored, or added to C's current row and stored
// (integer sums wrap, so adding C at the end equals starting from it).
#define SPEIR_STORE_ROW(V)                                                     \
  "vse32.v " V ", (%[c])\n\t"                                                  \
  "add %[c], %[c], %[ldc]\n\t"
#define SPEIR_ADD_STORE_ROW(V)                                                 \
  "vle32.v v8, (%[c])\n\t"                                                     \
  "vadd.vv v8, v8, " V "\n\t"                                                  \
  "vse32.v v8, (%[c])\n\t"                                                     \
  "add %[c], %[c], %[ldc]\n\t"
#define SPEIR_ROWS(ROW)                                                        \
  ROW("v0")                                                                    \
  ROW("v2") ROW("v4") ROW("v6") ROW("v16") ROW("v18") ROW("v20") ROW("v22")

// The operands of one tile in the form the assembly wants.
struct ImeTileArgs {
  const int8_t *a;
  const int8_t *b;
  int32_t *c;
  int64_t k4;   // trips of the four-k-tile loop
  int64_t rest; // trips of the one-k-tile loop
  int64_t sa, sb, ldcBytes;
  int64_t accumulate;
};

inline ImeTileArgs imeTileArgs(const Mmt4dTileParams &p) {
  ImeTileArgs t;
  t.a = static_cast<const int8_t *>(p.lhs);
  t.b = static_cast<const int8_t *>(p.rhs);
  t.c = static_cast<int32_t *>(p.acc);
  const bool dense = p.lhsStrideK1 == 64 && p.rhsStrideK1 == 128;
  t.k4 = dense ? p.k1 / 4 : 0;
  t.rest = p.k1 - 4 * t.k4;
  t.sa = p.lhsStrideK1;
  t.sb = p.rhsStrideK1;
  t.ldcBytes = p.accStrideRow * 4;
  t.accumulate = p.accumulate;
  return t;
}

// Whole-register loads ignore vtype, so vtype stays e8/m1 (vl 32: the 4x4x8
// atom shape) through both loops. The first loop runs when the packed tiles
// are contiguous in k (lhs 64 bytes, rhs 128 bytes apart: the GEMM driver's
// and a dense mmt4d's layout), four k tiles per trip; the second takes the
// remaining k tiles, or all of them at any other strides (including 0), one
// per trip.
#define SPEIR_DEFINE_IME_TILE(NAME, OP)                                                      \
  __attribute__((always_inline)) inline void NAME##Body(ImeTileArgs t) {                     \
    const int8_t *aend = t.a + 256 * t.k4;                                                   \
    __asm__ volatile(                                                                        \
        "vsetvli t0, zero, e32, m8\n\t"                                                      \
        "vmv.v.i v16, 0\n\t"                                                                 \
        "vmv.v.i v24, 0\n\t"                                                                 \
        "vsetvli t0, zero, e8, m1\n\t"                                                       \
        "beq %[a], %[aend], 2f\n"                                                            \
        "1:\n\t"                                                                             \
        "vl8re8.v v0, (%[a])\n\t"                                                            \
        "vl8re8.v v8, (%[b])\n\t"                                                            \
        "addi t1, %[b], 256\n\t" SPEIR_IME_K_TILE(OP, "v0", "v1", "v8", "v9",                \
                                                  "v10", "v11")                              \
            SPEIR_IME_K_TILE(                                                                \
                OP, "v2", "v3", "v12", "v13", "v14",                                         \
                "v15") "vl8re8.v v8, (t1)\n\t" SPEIR_IME_K_TILE(OP, "v4",                    \
                                                                "v5", "v8",                  \
                                                                "v9", "v10",                 \
                                                                "v11")                       \
                SPEIR_IME_K_TILE(                                                            \
                    OP, "v6", "v7", "v12", "v13", "v14",                                     \
                    "v15") "addi %[a], %[a], 256\n\t"                                        \
                           "addi %[b], %[b], 512\n\t"                                        \
                           "bne %[a], %[aend], 1b\n"                                         \
                           "2:\n\t"                                                          \
                           "beqz %[rest], 4f\n"                                              \
                           "3:\n\t"                                                          \
                           "vl2re8.v v0, (%[a])\n\t"                                         \
                           "vl4re8.v v8, (%[b])\n\t" SPEIR_IME_K_TILE(                       \
                               OP, "v0", "v1", "v8", "v9", "v10",                            \
                               "v11") "add %[a], %[a], %[sa]\n\t"                            \
                                      "add %[b], %[b], %[sb]\n\t"                            \
                                      "addi %[rest], %[rest], -1\n\t"                        \
                                      "bnez %[rest], 3b\n"                                   \
                                      "4:\n\t"                                               \
                                      "vsetvli t0, zero, e16, m4\n\t"                        \
                                      "vle16.v v8, (%[idx])\n\t"                             \
                                      "vsetvli t0, zero, e32, m8\n\t"                        \
                                      "vrgatherei16.vv v0, v16, v8\n\t"                      \
                                      "vrgatherei16.vv v16, v24, v8\n\t"                     \
                                      "vsetivli zero, 16, e32, m2\n\t"                       \
                                      "bnez %[accumulate], 5f\n\t" SPEIR_ROWS(               \
                                          SPEIR_STORE_ROW) "j 6f\n"                          \
                                                           "5:"                              \
                                                           "\n\t" SPEIR_ROWS(                \
                                                               SPEIR_ADD_STORE_ROW) "6:\n\t" \
        : [a] "+r"(t.a), [b] "+r"(t.b), [c] "+r"(t.c), [rest] "+r"(t.rest)                   \
        : [aend] "r"(aend), [sa] "r"(t.sa), [sb] "r"(t.sb),                                  \
          [ldc] "r"(t.ldcBytes), [accumulate] "r"(t.accumulate),                             \
          [idx] "r"(kAtomsToRows.v)                                                          \
        : "t0", "t1", "memory", "vl", "vtype", SPEIR_VECTOR_CLOBBERS);                       \
  }                                                                                          \
  void NAME(const Mmt4dTileParams &p) { NAME##Body(imeTileArgs(p)); }                        \
  void NAME##Column(const Mmt4dTileColumnParams &p) {                                        \
    ImeTileArgs t = imeTileArgs(p.tile);                                                     \
    const int8_t *a = t.a;                                                                   \
    int32_t *c = t.c;                                                                        \
    for (int64_t i = 0; i < p.m1; ++i) {                                                     \
      t.a = a + i * p.lhsStrideM1;                                                           \
      t.c = c + i * p.accStrideM1;                                                           \
      NAME##Body(t);                                                                         \
    }                                                                                        \
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

Mmt4dTileColumnFn imeTileColumnKernel(GemmType type) {
  switch (type) {
  case GemmType::S8S8S32:
    return mmt4dTileS8S8ImeColumn;
  case GemmType::U8U8S32:
    return mmt4dTileU8U8ImeColumn;
  case GemmType::S8U8S32:
    return mmt4dTileS8U8ImeColumn;
  case GemmType::U8S8S32:
    return mmt4dTileU8S8ImeColumn;
  default:
    return nullptr;
  }
}

} // namespace speir::gemm

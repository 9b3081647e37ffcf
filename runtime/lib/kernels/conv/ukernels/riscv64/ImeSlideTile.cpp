// Direct int8 convolution tile with the IME slide forms smt.vmadot{1,2,3}:
// A is read from the register pair vs1, vs1 + 1 (8 pixels x 8 channels)
// starting `slide` pixels on (riscv-ime-extension-spec, "Sliding-window
// dot-product"), so taps kx = 0..3 of 4 output pixels come from one load
// instead of four re-packed im2col tiles.
//
// Registers: v0-v1 = staged pixels 0..7 (atom 0: output pixels 0-3), v2-v3 =
// pixels 4..11 (atom 1: output pixels 4-7); B taps 0, 1 in v8-v11, v12-v15
// (one vl8r.v), taps 2 and 3 in v4-v7; atom (i, j) accumulates in
// v(16 + 8i + 2j) as in the GEMM layer's IME tile (Mmt4dI8Ime.cpp), whose
// vrgatherei16 turns the atoms into row-major rows at the end.
// Compiled with +xsmtvdot; used only when cpuInfo() reports IME.
#include "kernels/conv/ukernels/riscv64/ImeSlideTile.h"

#include "kernels/gemm/ukernels/riscv64/ImeAtoms.h"

namespace speir::conv {
namespace {

// One tap: both atoms against the four B registers, slide SLIDE ("" = 0).
#define SPEIR_SLIDE_TAP(SLIDE, SFX, B0, B1, B2, B3)                            \
  "smt.vmadot" SLIDE SFX " v16, v0, " B0 "\n\t"                                \
  "smt.vmadot" SLIDE SFX " v18, v0, " B1 "\n\t"                                \
  "smt.vmadot" SLIDE SFX " v20, v0, " B2 "\n\t"                                \
  "smt.vmadot" SLIDE SFX " v22, v0, " B3 "\n\t"                                \
  "smt.vmadot" SLIDE SFX " v24, v2, " B0 "\n\t"                                \
  "smt.vmadot" SLIDE SFX " v26, v2, " B1 "\n\t"                                \
  "smt.vmadot" SLIDE SFX " v28, v2, " B2 "\n\t"                                \
  "smt.vmadot" SLIDE SFX " v30, v2, " B3 "\n\t"

#define SPEIR_VECTOR_CLOBBERS                                                  \
  "v0", "v1", "v2", "v3", "v4", "v5", "v6", "v7", "v8", "v9", "v10", "v11",    \
      "v12", "v13", "v14", "v15", "v16", "v17", "v18", "v19", "v20", "v21",    \
      "v22", "v23", "v24", "v25", "v26", "v27", "v28", "v29", "v30", "v31"

// Pixel row V of the tile to the strided output, stopping after `rows`.
#define SPEIR_SLIDE_STORE_ROW(V)                                               \
  "vsse32.v " V ", (%[c]), %[cs]\n\t"                                          \
  "add %[c], %[c], %[ldc]\n\t"                                                 \
  "addi %[rows], %[rows], -1\n\t"                                              \
  "beqz %[rows], 9f\n\t"
#define SPEIR_SLIDE_ADD_STORE_ROW(V)                                           \
  "vlse32.v v8, (%[c]), %[cs]\n\t"                                             \
  "vadd.vv v8, v8, " V "\n\t"                                                  \
  "vsse32.v v8, (%[c]), %[cs]\n\t"                                             \
  "add %[c], %[c], %[ldc]\n\t"                                                 \
  "addi %[rows], %[rows], -1\n\t"                                              \
  "beqz %[rows], 9f\n\t"
#define SPEIR_SLIDE_ROWS(ROW)                                                  \
  ROW("v0")                                                                    \
  ROW("v2") ROW("v4") ROW("v6") ROW("v16") ROW("v18") ROW("v20") ROW("v22")

// Per step: 3 scalar loads, 2 adds, 2 A loads (+1 address), 1-3 B loads,
// 8 vmadots per tap and 2 instructions of tap-count control per extra tap.
#define SPEIR_DEFINE_SLIDE_TILE(NAME, SFX)                                                                               \
  void NAME(const ImeSlideTileParams &p) {                                                                               \
    const ImeSlideStep *step = p.steps;                                                                                  \
    const ImeSlideStep *stepEnd = p.steps + p.numSteps;                                                                  \
    int32_t *c = p.c;                                                                                                    \
    int64_t rows = p.rows;                                                                                               \
    __asm__ volatile(                                                                                                    \
        "vsetvli t0, zero, e32, m8\n\t"                                                                                  \
        "vmv.v.i v16, 0\n\t"                                                                                             \
        "vmv.v.i v24, 0\n\t"                                                                                             \
        "vsetvli t0, zero, e8, m1\n\t"                                                                                   \
        "beq %[s], %[send], 8f\n"                                                                                        \
        "1:\n\t"                                                                                                         \
        "ld t0, 0(%[s])\n\t"                                                                                             \
        "ld t1, 8(%[s])\n\t"                                                                                             \
        "ld t2, 16(%[s])\n\t"                                                                                            \
        "add t0, t0, %[a]\n\t"                                                                                           \
        "add t1, t1, %[b]\n\t"                                                                                           \
        "vl2re8.v v0, (t0)\n\t"                                                                                          \
        "addi t0, t0, 32\n\t"                                                                                            \
        "vl2re8.v v2, (t0)\n\t"                                                                                          \
        "bnez t2, 2f\n\t"                                                                                                \
        "vl4re8.v v8, (t1)\n\t" SPEIR_SLIDE_TAP(                                                                         \
            "", SFX, "v8", "v9", "v10",                                                                                  \
            "v11") "j 7f\n"                                                                                              \
                   "2:\n\t"                                                                                              \
                   "vl8re8.v v8, (t1)\n\t" SPEIR_SLIDE_TAP("", SFX, "v8",                                                \
                                                           "v9", "v10", "v11")                                           \
                       SPEIR_SLIDE_TAP(                                                                                  \
                           "1", SFX, "v12", "v13", "v14",                                                                \
                           "v15") "addi t2, t2, -1\n\t"                                                                  \
                                  "beqz t2, 7f\n\t"                                                                      \
                                  "addi t1, t1, 256\n\t"                                                                 \
                                  "vl4re8.v v4, (t1)\n\t" SPEIR_SLIDE_TAP(                                               \
                                      "2", SFX, "v4", "v5", "v6",                                                        \
                                      "v7") "addi t2, t2, -1\n\t"                                                        \
                                            "beqz t2, 7f\n\t"                                                            \
                                            "addi t1, t1, 128\n\t"                                                       \
                                            "vl4re8.v v4, "                                                              \
                                            "(t1)\n\t" SPEIR_SLIDE_TAP(                                                  \
                                                "3", SFX, "v4", "v5", "v6",                                              \
                                                "v7") "7:\n\t"                                                           \
                                                      "addi %[s], %[s], "                                                \
                                                      "24\n\t"                                                           \
                                                      "bne %[s], %[send], "                                              \
                                                      "1b\n"                                                             \
                                                      "8:\n\t"                                                           \
                                                      "vsetvli t0, zero, "                                               \
                                                      "e16, m4\n\t"                                                      \
                                                      "vle16.v v8, "                                                     \
                                                      "(%[idx])\n\t"                                                     \
                                                      "vsetvli t0, zero, "                                               \
                                                      "e32, m8\n\t"                                                      \
                                                      "vrgatherei16.vv v0, "                                             \
                                                      "v16, v8\n\t"                                                      \
                                                      "vrgatherei16.vv v16, "                                            \
                                                      "v24, v8\n\t"                                                      \
                                                      "vsetvli zero, "                                                   \
                                                      "%[cols], e32, m2\n\t"                                             \
                                                      "bnez %[acc], "                                                    \
                                                      "5f\n"                                                             \
                                                      "\t" SPEIR_SLIDE_ROWS(                                             \
                                                          SPEIR_SLIDE_STORE_ROW) "j 9f\n"                                \
                                                                                 "5:\n\t" SPEIR_SLIDE_ROWS(              \
                                                                                     SPEIR_SLIDE_ADD_STORE_ROW) "9:\n\t" \
        : [s] "+r"(step), [c] "+r"(c), [rows] "+r"(rows)                                                                 \
        : [send] "r"(stepEnd), [a] "r"(p.a), [b] "r"(p.b),                                                               \
          [cs] "r"(p.cChannelStrideBytes), [ldc] "r"(p.cPixelStrideBytes),                                               \
          [cols] "r"(p.cols), [acc] "r"(int64_t(p.accumulate)),                                                          \
          [idx] "r"(gemm::kAtomsToRows.v)                                                                                \
        : "t0", "t1", "t2", "memory", "vl", "vtype", SPEIR_VECTOR_CLOBBERS);                                             \
  }

SPEIR_DEFINE_SLIDE_TILE(slideTileS8S8, "")
SPEIR_DEFINE_SLIDE_TILE(slideTileU8U8, "u")
SPEIR_DEFINE_SLIDE_TILE(slideTileS8U8, "su")
SPEIR_DEFINE_SLIDE_TILE(slideTileU8S8, "us")

} // namespace

ImeSlideTileFn imeSlideTileKernel(gemm::GemmType type) {
  switch (type) {
  case gemm::GemmType::S8S8S32:
    return slideTileS8S8;
  case gemm::GemmType::U8U8S32:
    return slideTileU8U8;
  case gemm::GemmType::S8U8S32:
    return slideTileS8U8;
  case gemm::GemmType::U8S8S32:
    return slideTileU8S8;
  default:
    return nullptr;
  }
}

} // namespace speir::conv

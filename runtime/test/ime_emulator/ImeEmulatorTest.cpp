// The emulator against hand-computed 4x4x8 blocks (plain and slide forms),
// the encodings clang-22 assembles, and operands in many register numbers. Runs
// real smt.vmadot* instructions (this file is built with +xsmtvdot); qemu traps
// them and the emulator serves them.
#include <gtest/gtest.h>

#include <cstring>
#include <random>

#include "ImeEmulator.h"

namespace speir::test {
namespace {

#define SPEIR_ALL_VREGS                                                        \
  "v0", "v1", "v2", "v3", "v4", "v5", "v6", "v7", "v8", "v9", "v10", "v11",    \
      "v12", "v13", "v14", "v15", "v16", "v17", "v18", "v19", "v20", "v21",    \
      "v22", "v23", "v24", "v25", "v26", "v27", "v28", "v29", "v30", "v31"

// Loads A into vs1, B into vs2, C into the vd pair, runs one instruction and
// stores the pair back to C.
#define SPEIR_RUN_VMADOT(OP, VD, VS1, VS2, A, B, C)                            \
  __asm__ volatile("vsetvli t0, zero, e8, m1\n\t"                              \
                   "vl1re8.v v" #VS1 ", (%0)\n\t"                              \
                   "vl1re8.v v" #VS2 ", (%1)\n\t"                              \
                   "vl2re32.v v" #VD ", (%2)\n\t" OP " v" #VD ", v" #VS1       \
                   ", v" #VS2 "\n\t"                                           \
                   "vs2r.v v" #VD ", (%2)\n\t"                                 \
                   :                                                           \
                   : "r"(A), "r"(B), "r"(C)                                    \
                   : "t0", "memory", SPEIR_ALL_VREGS)

// The slide forms: A is the pair VS1, VS1 + 1 (64 bytes).
#define SPEIR_RUN_VMADOT_SLIDE(OP, VD, VS1, VS2, PAIR, B, C)                   \
  __asm__ volatile("vsetvli t0, zero, e8, m1\n\t"                              \
                   "vl2re8.v v" #VS1 ", (%0)\n\t"                              \
                   "vl1re8.v v" #VS2 ", (%1)\n\t"                              \
                   "vl2re32.v v" #VD ", (%2)\n\t" OP " v" #VD ", v" #VS1       \
                   ", v" #VS2 "\n\t"                                           \
                   "vs2r.v v" #VD ", (%2)\n\t"                                 \
                   :                                                           \
                   : "r"(PAIR), "r"(B), "r"(C)                                 \
                   : "t0", "memory", SPEIR_ALL_VREGS)

// The assembler's own encodings, assembled into data so the decoder can be
// checked against clang-22 on every build, not only against copied words.
__asm__(".pushsection .rodata\n"
        ".p2align 2\n"
        "speirClangVmadotWords:\n"
        "smt.vmadot v16, v0, v8\n"
        "smt.vmadotu v2, v31, v1\n"
        "smt.vmadotsu v30, v5, v17\n"
        "smt.vmadotus v8, v12, v26\n"
        "smt.vmadot1 v16, v0, v8\n"
        "smt.vmadot2u v2, v30, v1\n"
        "smt.vmadot3su v30, v4, v17\n"
        "smt.vmadot1us v8, v14, v26\n"
        ".popsection\n");
extern "C" const uint32_t speirClangVmadotWords[8];

struct Block {
  alignas(32) int8_t a[32];
  alignas(32) int8_t b[32];
  alignas(32) int32_t c[16];
};

struct SlideBlock {
  alignas(32) int8_t pair[64];
  alignas(32) int8_t b[32];
  alignas(32) int32_t c[16];
};

class ImeEmulatorTest : public testing::Test {
protected:
  void SetUp() override {
    if (!installImeEmulator())
      GTEST_SKIP() << "IME emulation needs riscv64 with VLEN 256";
  }
};

TEST(ImeDecode, MatchesClangEncodings) {
  // Words from `llvm-objdump --mattr=+xsmtvdot` of clang-22 output.
  VmadotInsn d;
  ASSERT_TRUE(decodeVmadot(0xe280382b, &d)); // smt.vmadot v16, v0, v8
  EXPECT_EQ(d.vd, 16);
  EXPECT_EQ(d.vs1, 0);
  EXPECT_EQ(d.vs2, 8);
  EXPECT_TRUE(d.lhsSigned && d.rhsSigned);
  ASSERT_TRUE(decodeVmadot(0xe240042b, &d)); // smt.vmadotu v8, v0, v4
  EXPECT_EQ(d.vd, 8);
  EXPECT_EQ(d.vs2, 4);
  EXPECT_TRUE(!d.lhsSigned && !d.rhsSigned);
  ASSERT_TRUE(decodeVmadot(0xe240242b, &d)); // smt.vmadotsu v8, v0, v4
  EXPECT_TRUE(d.lhsSigned && !d.rhsSigned);
  ASSERT_TRUE(decodeVmadot(0xe240142b, &d)); // smt.vmadotus v8, v0, v4
  EXPECT_TRUE(!d.lhsSigned && d.rhsSigned);
  ASSERT_TRUE(decodeVmadot(0xe2713f2b, &d)); // smt.vmadot v30, v2, v7
  EXPECT_EQ(d.vd, 30);
  EXPECT_EQ(d.vs1, 2);
  EXPECT_EQ(d.vs2, 7);
  EXPECT_FALSE(decodeVmadot(0x02b50533, &d)); // add a0, a0, a1
  EXPECT_FALSE(decodeVmadot(0xe480382b, &d)); // funct7 0b1110010
  // Slide forms, words from llvm-mc-22 -show-encoding -mattr=+xsmtvdot.
  ASSERT_TRUE(decodeVmadot(0xe680382b, &d)); // smt.vmadot1 v16, v0, v8
  EXPECT_EQ(d.slide, 1);
  EXPECT_EQ(d.vd, 16);
  EXPECT_EQ(d.vs1, 0);
  EXPECT_EQ(d.vs2, 8);
  EXPECT_TRUE(d.lhsSigned && d.rhsSigned);
  ASSERT_TRUE(decodeVmadot(0xe680782b, &d)); // smt.vmadot2 v16, v0, v8
  EXPECT_EQ(d.slide, 2);
  ASSERT_TRUE(decodeVmadot(0xe680b82b, &d)); // smt.vmadot3 v16, v0, v8
  EXPECT_EQ(d.slide, 3);
  ASSERT_TRUE(decodeVmadot(0xe681082b, &d)); // smt.vmadot1u v16, v2, v8
  EXPECT_EQ(d.vs1, 2);
  EXPECT_TRUE(!d.lhsSigned && !d.rhsSigned);
  ASSERT_TRUE(decodeVmadot(0xe7ff6f2b, &d)); // smt.vmadot2su v30, v30, v31
  EXPECT_EQ(d.slide, 2);
  EXPECT_EQ(d.vd, 30);
  EXPECT_EQ(d.vs1, 30);
  EXPECT_EQ(d.vs2, 31);
  EXPECT_TRUE(d.lhsSigned && !d.rhsSigned);
  ASSERT_TRUE(decodeVmadot(0xe612912b, &d)); // smt.vmadot3us v2, v4, v1
  EXPECT_EQ(d.slide, 3);
  EXPECT_EQ(d.vd, 2);
  EXPECT_EQ(d.vs1, 4);
  EXPECT_EQ(d.vs2, 1);
  EXPECT_TRUE(!d.lhsSigned && d.rhsSigned);
}

TEST(ImeDecode, MatchesWhatThisClangAssembles) {
  struct Want {
    int vd, vs1, vs2, slide;
    bool ls, rs;
  } const want[8] = {{16, 0, 8, 0, true, true},   {2, 31, 1, 0, false, false},
                     {30, 5, 17, 0, true, false}, {8, 12, 26, 0, false, true},
                     {16, 0, 8, 1, true, true},   {2, 30, 1, 2, false, false},
                     {30, 4, 17, 3, true, false}, {8, 14, 26, 1, false, true}};
  for (int i = 0; i < 8; ++i) {
    VmadotInsn d;
    ASSERT_TRUE(decodeVmadot(speirClangVmadotWords[i], &d)) << i;
    EXPECT_EQ(d.slide, want[i].slide) << i;
    EXPECT_EQ(d.vd, want[i].vd) << i;
    EXPECT_EQ(d.vs1, want[i].vs1) << i;
    EXPECT_EQ(d.vs2, want[i].vs2) << i;
    EXPECT_EQ(d.lhsSigned, want[i].ls) << i;
    EXPECT_EQ(d.rhsSigned, want[i].rs) << i;
  }
}

TEST_F(ImeEmulatorTest, OnesTimesRowIndexedRhs) {
  Block blk;
  for (int i = 0; i < 32; ++i) {
    blk.a[i] = 1;
    blk.b[i] = int8_t(i / 8 + 1); // B row j (= output column j) holds j+1
  }
  for (int i = 0; i < 16; ++i)
    blk.c[i] = 100;
  SPEIR_RUN_VMADOT("smt.vmadot", 16, 0, 8, blk.a, blk.b, blk.c);
  // C[i][j] = 100 + 8 * (j + 1)
  const int32_t want[16] = {108, 116, 124, 132, 108, 116, 124, 132,
                            108, 116, 124, 132, 108, 116, 124, 132};
  EXPECT_EQ(0, std::memcmp(blk.c, want, sizeof want));
}

TEST_F(ImeEmulatorTest, SelectionMatrixPicksLhsColumns) {
  Block blk;
  for (int i = 0; i < 4; ++i)
    for (int k = 0; k < 8; ++k) {
      blk.a[i * 8 + k] = int8_t(k - i);  // A[i][k] = k - i
      blk.b[i * 8 + k] = int8_t(i == k); // B[j][k] = (j == k)
    }
  std::memset(blk.c, 0, sizeof blk.c);
  SPEIR_RUN_VMADOT("smt.vmadot", 8, 2, 3, blk.a, blk.b, blk.c);
  // C[i][j] = A[i][j] = j - i
  const int32_t want[16] = {0,  1,  2, 3, -1, 0,  1,  2,
                            -2, -1, 0, 1, -3, -2, -1, 0};
  EXPECT_EQ(0, std::memcmp(blk.c, want, sizeof want));
}

TEST_F(ImeEmulatorTest, SignednessVariantsAtTheExtremes) {
  Block blk;
  auto run = [&](int8_t av, int8_t bv, auto &&op) {
    std::memset(blk.a, av, 32);
    std::memset(blk.b, bv, 32);
    std::memset(blk.c, 0, sizeof blk.c);
    op();
    for (int i = 1; i < 16; ++i)
      EXPECT_EQ(blk.c[i], blk.c[0]);
    return blk.c[0];
  };
  // -128 * -128 * 8
  EXPECT_EQ(run(-128, -128,
                [&] {
                  SPEIR_RUN_VMADOT("smt.vmadot", 4, 0, 1, blk.a, blk.b, blk.c);
                }),
            131072);
  // 255 * 255 * 8 (0xff read unsigned on both sides)
  EXPECT_EQ(run(-1, -1,
                [&] {
                  SPEIR_RUN_VMADOT("smt.vmadotu", 4, 0, 1, blk.a, blk.b, blk.c);
                }),
            520200);
  // signed -128 * unsigned 255 * 8
  EXPECT_EQ(run(-128, -1,
                [&] {
                  SPEIR_RUN_VMADOT("smt.vmadotsu", 4, 0, 1, blk.a, blk.b,
                                   blk.c);
                }),
            -261120);
  // unsigned 255 * signed -128 * 8
  EXPECT_EQ(run(-1, -128,
                [&] {
                  SPEIR_RUN_VMADOT("smt.vmadotus", 4, 0, 1, blk.a, blk.b,
                                   blk.c);
                }),
            -261120);
  // signed -1 * signed -1 * 8: the same bytes as the vmadotu case
  EXPECT_EQ(run(-1, -1,
                [&] {
                  SPEIR_RUN_VMADOT("smt.vmadot", 4, 0, 1, blk.a, blk.b, blk.c);
                }),
            8);
}

TEST_F(ImeEmulatorTest, AnyRegisterNumbersAndCountsInstructions) {
  std::mt19937 rng(5);
  const uint64_t before = imeEmulatedCount();
  int runs = 0;
  auto check = [&](auto &&op, bool ls, bool rs) {
    Block blk;
    for (auto &x : blk.a)
      x = int8_t(rng());
    for (auto &x : blk.b)
      x = int8_t(rng());
    for (auto &x : blk.c)
      x = int32_t(rng() % 100000);
    int32_t want[16];
    std::memcpy(want, blk.c, sizeof want);
    vmadotReference(reinterpret_cast<uint8_t *>(blk.a),
                    reinterpret_cast<uint8_t *>(blk.b), want, ls, rs);
    op(blk);
    ++runs;
    EXPECT_EQ(0, std::memcmp(blk.c, want, sizeof want)) << "run " << runs;
  };
  check(
      [](Block &b) {
        SPEIR_RUN_VMADOT("smt.vmadot", 0, 31, 30, b.a, b.b, b.c);
      },
      true, true);
  check(
      [](Block &b) { SPEIR_RUN_VMADOT("smt.vmadot", 30, 0, 1, b.a, b.b, b.c); },
      true, true);
  check(
      [](Block &b) {
        SPEIR_RUN_VMADOT("smt.vmadotu", 14, 17, 23, b.a, b.b, b.c);
      },
      false, false);
  check(
      [](Block &b) {
        SPEIR_RUN_VMADOT("smt.vmadotsu", 22, 5, 9, b.a, b.b, b.c);
      },
      true, false);
  check(
      [](Block &b) {
        SPEIR_RUN_VMADOT("smt.vmadotus", 2, 29, 11, b.a, b.b, b.c);
      },
      false, true);
  check(
      [](Block &b) {
        SPEIR_RUN_VMADOT("smt.vmadot", 26, 24, 25, b.a, b.b, b.c);
      },
      true, true);
  EXPECT_EQ(imeEmulatedCount() - before, uint64_t(runs));
}

// Pair row r holds r + 1 in every byte; B is the selection of k = 0 for
// column 0, and ones for column 1: C[i][0] = row (slide + i) value,
// C[i][1] = 8 * that. Columns 2 and 3 are zero in B.
TEST_F(ImeEmulatorTest, SlideFormsReadRowsSlideOn) {
  SlideBlock blk;
  for (int r = 0; r < 8; ++r)
    std::memset(blk.pair + r * 8, r + 1, 8);
  std::memset(blk.b, 0, sizeof blk.b);
  blk.b[0] = 1;
  std::memset(blk.b + 8, 1, 8);
  auto expectRows = [&](int slide) {
    for (int i = 0; i < 4; ++i) {
      EXPECT_EQ(blk.c[i * 4 + 0], slide + i + 1) << slide << " row " << i;
      EXPECT_EQ(blk.c[i * 4 + 1], 8 * (slide + i + 1)) << slide << " row " << i;
      EXPECT_EQ(blk.c[i * 4 + 2], 0);
      EXPECT_EQ(blk.c[i * 4 + 3], 0);
    }
  };
  std::memset(blk.c, 0, sizeof blk.c);
  SPEIR_RUN_VMADOT_SLIDE("smt.vmadot", 16, 0, 8, blk.pair, blk.b, blk.c);
  expectRows(0);
  std::memset(blk.c, 0, sizeof blk.c);
  SPEIR_RUN_VMADOT_SLIDE("smt.vmadot1", 16, 0, 8, blk.pair, blk.b, blk.c);
  expectRows(1);
  std::memset(blk.c, 0, sizeof blk.c);
  SPEIR_RUN_VMADOT_SLIDE("smt.vmadot2", 4, 30, 2, blk.pair, blk.b, blk.c);
  expectRows(2);
  std::memset(blk.c, 0, sizeof blk.c);
  SPEIR_RUN_VMADOT_SLIDE("smt.vmadot3", 30, 6, 1, blk.pair, blk.b, blk.c);
  expectRows(3);
}

// A[i][k] = pair[(slide + i) * 8 + k] = 10 * (slide + i) + k - 40, B = identity
// on k = 0..3: C[i][j] = A[i][j], hand-written for slide 2.
TEST_F(ImeEmulatorTest, SlideTwoPicksLhsColumns) {
  SlideBlock blk;
  for (int r = 0; r < 8; ++r)
    for (int k = 0; k < 8; ++k)
      blk.pair[r * 8 + k] = int8_t(10 * r + k - 40);
  for (int j = 0; j < 4; ++j)
    for (int k = 0; k < 8; ++k)
      blk.b[j * 8 + k] = int8_t(j == k);
  for (int i = 0; i < 16; ++i)
    blk.c[i] = 1000;
  SPEIR_RUN_VMADOT_SLIDE("smt.vmadot2", 8, 2, 10, blk.pair, blk.b, blk.c);
  const int32_t want[16] = {980,  981,  982,  983,  990,  991,  992,  993,
                            1000, 1001, 1002, 1003, 1010, 1011, 1012, 1013};
  EXPECT_EQ(0, std::memcmp(blk.c, want, sizeof want));
}

TEST_F(ImeEmulatorTest, SlideSignednessVariantsAtTheExtremes) {
  SlideBlock blk;
  // Rows 0..7 of the pair: row r is 0 below the slide window, -1 / -128 in
  // it; only the slid-to rows may contribute.
  auto run = [&](int slide, int8_t av, int8_t bv, auto &&op) {
    std::memset(blk.pair, 0, 64);
    std::memset(blk.pair + 8 * slide, av, 32);
    std::memset(blk.b, bv, 32);
    std::memset(blk.c, 0, sizeof blk.c);
    op();
    for (int i = 1; i < 16; ++i)
      EXPECT_EQ(blk.c[i], blk.c[0]);
    return blk.c[0];
  };
  EXPECT_EQ(run(1, -128, -128,
                [&] {
                  SPEIR_RUN_VMADOT_SLIDE("smt.vmadot1", 4, 0, 2, blk.pair,
                                         blk.b, blk.c);
                }),
            131072);
  EXPECT_EQ(run(2, -1, -1,
                [&] {
                  SPEIR_RUN_VMADOT_SLIDE("smt.vmadot2u", 4, 0, 2, blk.pair,
                                         blk.b, blk.c);
                }),
            520200);
  EXPECT_EQ(run(3, -128, -1,
                [&] {
                  SPEIR_RUN_VMADOT_SLIDE("smt.vmadot3su", 4, 0, 2, blk.pair,
                                         blk.b, blk.c);
                }),
            -261120);
  EXPECT_EQ(run(1, -1, -128,
                [&] {
                  SPEIR_RUN_VMADOT_SLIDE("smt.vmadot1us", 4, 0, 2, blk.pair,
                                         blk.b, blk.c);
                }),
            -261120);
  EXPECT_EQ(run(2, -1, -1,
                [&] {
                  SPEIR_RUN_VMADOT_SLIDE("smt.vmadot2", 4, 0, 2, blk.pair,
                                         blk.b, blk.c);
                }),
            8);
}

TEST_F(ImeEmulatorTest, SlideAnyRegisterNumbersAndCounts) {
  std::mt19937 rng(9);
  const uint64_t before = imeEmulatedCount();
  const uint64_t slidesBefore = imeEmulatedSlideCount();
  int runs = 0;
  auto check = [&](auto &&op, int slide, bool ls, bool rs) {
    SlideBlock blk;
    for (auto &x : blk.pair)
      x = int8_t(rng());
    for (auto &x : blk.b)
      x = int8_t(rng());
    for (auto &x : blk.c)
      x = int32_t(rng() % 100000);
    int32_t want[16];
    std::memcpy(want, blk.c, sizeof want);
    vmadotSlideReference(reinterpret_cast<uint8_t *>(blk.pair), slide,
                         reinterpret_cast<uint8_t *>(blk.b), want, ls, rs);
    op(blk);
    ++runs;
    EXPECT_EQ(0, std::memcmp(blk.c, want, sizeof want)) << "run " << runs;
  };
  check(
      [](SlideBlock &b) {
        SPEIR_RUN_VMADOT_SLIDE("smt.vmadot1", 0, 30, 29, b.pair, b.b, b.c);
      },
      1, true, true);
  check(
      [](SlideBlock &b) {
        SPEIR_RUN_VMADOT_SLIDE("smt.vmadot2", 30, 0, 2, b.pair, b.b, b.c);
      },
      2, true, true);
  check(
      [](SlideBlock &b) {
        SPEIR_RUN_VMADOT_SLIDE("smt.vmadot3u", 14, 16, 23, b.pair, b.b, b.c);
      },
      3, false, false);
  check(
      [](SlideBlock &b) {
        SPEIR_RUN_VMADOT_SLIDE("smt.vmadot1su", 22, 4, 9, b.pair, b.b, b.c);
      },
      1, true, false);
  check(
      [](SlideBlock &b) {
        SPEIR_RUN_VMADOT_SLIDE("smt.vmadot2us", 2, 28, 11, b.pair, b.b, b.c);
      },
      2, false, true);
  check(
      [](SlideBlock &b) {
        SPEIR_RUN_VMADOT_SLIDE("smt.vmadot3", 26, 24, 1, b.pair, b.b, b.c);
      },
      3, true, true);
  check(
      [](SlideBlock &b) {
        SPEIR_RUN_VMADOT_SLIDE("smt.vmadot2su", 10, 12, 31, b.pair, b.b, b.c);
      },
      2, true, false);
  check(
      [](SlideBlock &b) {
        SPEIR_RUN_VMADOT_SLIDE("smt.vmadot3us", 18, 20, 0, b.pair, b.b, b.c);
      },
      3, false, true);
  EXPECT_EQ(imeEmulatedCount() - before, uint64_t(runs));
  EXPECT_EQ(imeEmulatedSlideCount() - slidesBefore, uint64_t(runs));
}

} // namespace
} // namespace speir::test

// riscv64 only: serve IME instructions under qemu before any test runs, and
// check that the IME kernels really ran when the core claims IME.
#include <gtest/gtest.h>

#include <cstdlib>
#include <string>
#include <vector>

#include <riscv_vector.h>

#include "ImeEmulator.h"
#include "speir/abi.h"

namespace {

const bool kEmulatorInstalled = speir::test::installImeEmulator();

TEST(ImeKernels, RunWhenTheCoreHasIme) {
  const char *expect = std::getenv("SPINE_EXPECT_IME");
  if (!expect || std::string(expect) != "1" || __riscv_vlenb() != 32)
    GTEST_SKIP() << "core without IME, or VLEN != 256";
  ASSERT_TRUE(kEmulatorInstalled);
  const uint64_t before = speir::test::imeEmulatedCount();
  // 5 dense k tiles: one trip of the kernel's four-tile loop and one of
  // its single-tile loop.
  std::vector<int8_t> a(8 * 8 * 5, 1), b(16 * 8 * 5, 2);
  std::vector<int32_t> c(8 * 16, 0);
  ASSERT_EQ(speir_mmt4d(SPEIR_GEMM_S8_S8_S32, SPEIR_GEMM_SINGLE_THREAD,
                        a.data(), 64 * 5, 64, b.data(), 128 * 5, 128, c.data(),
                        128, 128, 1, 1, 5, 8, 16, 8),
            SPEIR_OK);
  // 5 k tiles x 8 atoms.
  EXPECT_EQ(speir::test::imeEmulatedCount() - before, 40u);
  for (int32_t v : c)
    EXPECT_EQ(v, 5 * 8 * 2);
}

} // namespace

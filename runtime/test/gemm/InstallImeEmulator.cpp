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
  std::vector<int8_t> a(12 * 8 * 3, 1), b(16 * 8 * 3, 2);
  std::vector<int32_t> c(12 * 16, 0);
  ASSERT_EQ(speir_mmt4d(SPEIR_GEMM_S8_S8_S32, SPEIR_GEMM_SINGLE_THREAD,
                        a.data(), 96 * 3, 96, b.data(), 128 * 3, 128, c.data(),
                        192, 192, 1, 1, 3, 12, 16, 8),
            SPEIR_OK);
  // 3 k tiles x 12 atoms.
  EXPECT_EQ(speir::test::imeEmulatedCount() - before, 36u);
  for (int32_t v : c)
    EXPECT_EQ(v, 3 * 8 * 2);
}

} // namespace

// Driver for instruction counting under qemu-riscv64 + the icount plugin:
//   gemm_icount_bench TYPE M N K REPS     TYPE = f32 | f16 | s8
// runs setup and then REPS single-threaded speir_gemm calls. The count of one
// GEMM is count(REPS=2) - count(REPS=1), which cancels setup and start-up
// (gemm_bench.sh does the subtraction).
// IME instructions trap under qemu and the test-only emulator's handler runs
// as guest code, so its instructions are counted too. To remove them:
//   gemm_icount_bench calibrate-ime N | calibrate-nop N
// run N vmadots / N nops in the same loop; the count difference / N is the
// handler's cost per emulated instruction. Every mode prints the number of
// emulated instructions ("emulated=") to stderr.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "ImeEmulator.h"
#include "speir/abi.h"

namespace {

// One vmadot (smt.vmadot v16, v0, v8, as a word so no +xsmtvdot is needed)
// or one nop per trip; everything else identical.
void calibrationLoop(bool ime, long n) {
  for (long i = 0; i < n; ++i) {
    if (ime)
      __asm__ volatile(".word 0xe280382b" ::: "memory");
    else
      __asm__ volatile("nop" ::: "memory");
  }
}

} // namespace

int main(int argc, char **argv) {
  if (argc == 3 && (!std::strcmp(argv[1], "calibrate-ime") ||
                    !std::strcmp(argv[1], "calibrate-nop"))) {
    const bool ime = !std::strcmp(argv[1], "calibrate-ime");
    if (ime && !speir::test::installImeEmulator())
      return 1;
    calibrationLoop(ime, std::atol(argv[2]));
    std::fprintf(stderr, "emulated=%llu\n",
                 (unsigned long long)speir::test::imeEmulatedCount());
    return 0;
  }
  if (argc != 6) {
    std::fprintf(stderr, "usage: %s f32|f16|s8 M N K REPS\n", argv[0]);
    return 2;
  }
  speir::test::installImeEmulator();
  const int64_t m = std::atoll(argv[2]), n = std::atoll(argv[3]),
                k = std::atoll(argv[4]);
  const int reps = std::atoi(argv[5]);
  int32_t type;
  int elem, acc = 4;
  if (!std::strcmp(argv[1], "f32")) {
    type = SPEIR_GEMM_F32_F32_F32;
    elem = 4;
  } else if (!std::strcmp(argv[1], "f16")) {
    type = SPEIR_GEMM_F16_F16_F32;
    elem = 2;
  } else if (!std::strcmp(argv[1], "s8")) {
    type = SPEIR_GEMM_S8_S8_S32;
    elem = 1;
  } else {
    return 2;
  }
  // Small integers are valid in every type's encoding (f16 0x3c00 = 1.0).
  std::vector<unsigned char> a(size_t(m * k * elem)), b(size_t(k * n * elem)),
      c(size_t(m * n * acc));
  for (size_t i = 0; i < a.size(); ++i)
    a[i] = elem == 2 ? (i % 2 ? 0x3c : 0) : (elem == 1 ? i % 7 : 0);
  for (size_t i = 0; i < b.size(); ++i)
    b[i] = elem == 2 ? (i % 2 ? 0x3c : 0) : (elem == 1 ? i % 5 : 0);
  int64_t m0, n0, k0;
  speir_mmt4d_preferred_tile(type, &m0, &n0, &k0);
  std::fprintf(stderr, "%s kernel=%s tile=%lldx%lldx%lld\n", argv[1],
               speir_mmt4d_kernel_name(type, m0, n0, k0), (long long)m0,
               (long long)n0, (long long)k0);
  for (int r = 0; r < reps; ++r)
    if (speir_gemm(type, SPEIR_GEMM_SINGLE_THREAD, m, n, k, a.data(), k,
                   b.data(), n, c.data(), n) != SPEIR_OK)
      return 1;
  std::fprintf(stderr, "emulated=%llu\n",
               (unsigned long long)speir::test::imeEmulatedCount());
  return 0;
}

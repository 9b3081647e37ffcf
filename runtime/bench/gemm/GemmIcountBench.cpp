// Driver for instruction counting under qemu-riscv64 + the icount plugin:
//   gemm_icount_bench TYPE M N K REPS [MODE]
//     TYPE = f32 | f16 | bf16 | s8;  MODE = plain (default) | transb (B
//     stored N x K) | bias-silu (speir_gemm_fused with a per-column bias
//     and SiLU, f32 output)
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
  if (argc != 6 && argc != 7) {
    std::fprintf(
        stderr,
        "usage: %s f32|f16|bf16|s8 M N K REPS [plain|transb|bias-silu]\n",
        argv[0]);
    return 2;
  }
  const char *mode = argc == 7 ? argv[6] : "plain";
  const bool transB = !std::strcmp(mode, "transb");
  const bool fused = !std::strcmp(mode, "bias-silu");
  if (!transB && !fused && std::strcmp(mode, "plain"))
    return 2;
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
  } else if (!std::strcmp(argv[1], "bf16")) {
    type = SPEIR_GEMM_BF16_BF16_F32;
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
  std::vector<float> bias(size_t(n), 0.25f);
  speir_gemm_epilogue_t epi{};
  epi.bias_kind = SPEIR_EPILOGUE_PER_COL;
  epi.bias = bias.data();
  epi.activation = SPEIR_EPILOGUE_ACT_SILU;
  epi.out_type = SPEIR_EPILOGUE_F32;
  epi.out = c.data();
  epi.ldo = n;
  if (fused && type != SPEIR_GEMM_F32_F32_F32 &&
      type != SPEIR_GEMM_F16_F16_F32 && type != SPEIR_GEMM_BF16_BF16_F32) {
    // Integer accumulators: dequantize with a scalar scale first.
    static const float scale = 0.01f;
    epi.scale_kind = SPEIR_EPILOGUE_SCALAR;
    epi.scale = &scale;
  }
  const uint32_t flags =
      SPEIR_GEMM_SINGLE_THREAD | (transB ? SPEIR_GEMM_TRANSPOSE_B : 0);
  for (int r = 0; r < reps; ++r)
    if (speir_gemm_fused(type, flags, m, n, k, a.data(), k, b.data(),
                         transB ? k : n, c.data(), n,
                         fused ? &epi : nullptr) != SPEIR_OK)
      return 1;
  std::fprintf(stderr, "emulated=%llu\n",
               (unsigned long long)speir::test::imeEmulatedCount());
  return 0;
}

// Driver for instruction counting under qemu-riscv64 + the icount plugin:
//   conv_icount_bench TYPE HW IN_C OUT_C K STRIDE PAD REPS
// (TYPE = f32 | s8) sets up one NHWC/HWCF batch-1 convolution and runs REPS
// single-threaded speir_conv2d calls. The count of one call is
// count(REPS=2) - count(REPS=1), which cancels setup and start-up
// (conv_bench.sh does the subtraction, and removes the instructions of the
// test-only IME emulator's SIGILL handler, calibrated with
// gemm_icount_bench calibrate-ime / calibrate-nop). Prints the strategy and
// the number of emulated IME instructions ("emulated=", of which slide forms
// "slide=") to stderr.
//   conv_icount_bench calibrate-slide N | calibrate-nop N
// run N slide-form vmadots / N nops in the same loop, to calibrate the
// emulator's handler for the slide forms (SPINE_CONV_IME_SLIDE=0 makes
// int8 IME layers take im2col-mmt4d instead of ime-slide).
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "ImeEmulator.h"
#include "speir/abi.h"

namespace {

// One smt.vmadot1 v16, v0, v8 (as a word: no +xsmtvdot needed) or one nop
// per trip; everything else identical.
void calibrationLoop(bool slide, long n) {
  for (long i = 0; i < n; ++i) {
    if (slide)
      __asm__ volatile(".word 0xe680382b" ::: "memory");
    else
      __asm__ volatile("nop" ::: "memory");
  }
}

} // namespace

int main(int argc, char **argv) {
  if (argc == 3 && (!std::strcmp(argv[1], "calibrate-slide") ||
                    !std::strcmp(argv[1], "calibrate-nop"))) {
    const bool slide = !std::strcmp(argv[1], "calibrate-slide");
    if (slide && !speir::test::installImeEmulator())
      return 1;
    calibrationLoop(slide, std::atol(argv[2]));
    std::fprintf(stderr, "emulated=%llu\nslide=%llu\n",
                 (unsigned long long)speir::test::imeEmulatedCount(),
                 (unsigned long long)speir::test::imeEmulatedSlideCount());
    return 0;
  }
  if (argc != 9) {
    std::fprintf(stderr, "usage: %s f32|s8 HW IN_C OUT_C K STRIDE PAD REPS\n",
                 argv[0]);
    return 2;
  }
  speir::test::installImeEmulator();
  const bool f32 = !std::strcmp(argv[1], "f32");
  const int64_t hw = std::atoll(argv[2]), c = std::atoll(argv[3]),
                f = std::atoll(argv[4]), k = std::atoll(argv[5]),
                stride = std::atoll(argv[6]), pad = std::atoll(argv[7]);
  const int reps = std::atoi(argv[8]);
  speir_conv2d_desc_t d{};
  d.batch = 1;
  d.in_h = d.in_w = hw;
  d.in_c = c;
  d.out_c = f;
  d.kernel_h = d.kernel_w = k;
  d.stride_h = d.stride_w = stride;
  d.dilation_h = d.dilation_w = 1;
  d.pad_top = d.pad_left = pad;
  d.groups = 1;
  d.out_h = d.out_w = (hw + 2 * pad - k) / stride + 1;
  const int64_t o = d.out_w;
  const int64_t in[4] = {hw * hw * c, hw * c, c, 1};
  const int64_t fl[4] = {k * c * f, c * f, f, 1};
  const int64_t out[4] = {o * o * f, o * f, f, 1};
  std::memcpy(d.in_strides, in, sizeof in);
  std::memcpy(d.filter_strides, fl, sizeof fl);
  std::memcpy(d.out_strides, out, sizeof out);

  const int32_t type = f32 ? SPEIR_GEMM_F32_F32_F32 : SPEIR_GEMM_S8_S8_S32;
  const size_t eb = f32 ? 4 : 1;
  std::vector<unsigned char> input(size_t(hw * hw * c) * eb, 1),
      filter(size_t(k * k * c * f) * eb, 1), output(size_t(o * o * f) * 4);
  for (int r = 0; r < reps; ++r)
    if (speir_conv2d(type, SPEIR_GEMM_SINGLE_THREAD, &d, input.data(),
                     filter.data(), output.data()) != SPEIR_OK)
      return 1;
  std::fprintf(stderr, "strategy=%s\nemulated=%llu\nslide=%llu\n",
               speir_conv2d_strategy_name(type, SPEIR_GEMM_SINGLE_THREAD, &d),
               (unsigned long long)speir::test::imeEmulatedCount(),
               (unsigned long long)speir::test::imeEmulatedSlideCount());
  return 0;
}

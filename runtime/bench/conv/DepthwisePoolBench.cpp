// Depthwise convolution (MobileNet 3x3 layers) and max pooling: speir vs a
// plain direct loop (the obvious NHWC loop with a bounds check per tap,
// this file is compiled -O2) in the same process.
//   depthwise_pool_bench                 host table: median ms of repeated
//                                        runs, ours on 1 and all threads
//   depthwise_pool_bench icount CASE REPS [ref]
//                                        run CASE REPS times single-threaded
//                                        (or the plain loop); for qemu +
//                                        icount: count(REPS=2) - count(REPS=1)
//                                        is one call (depthwise_pool_bench.sh)
//   depthwise_pool_bench list            case names and work per call
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <vector>

#include "speir/abi.h"

namespace {

struct Case {
  const char *name;
  int32_t type;
  int kind; // -1: depthwise convolution, else a speir_pool_kind_t
  bool nchw;
  int64_t h, w, c, k, stride, pad;
};

const Case kCases[] = {
    {"dw3x3_f32_112x112x32", SPEIR_GEMM_F32_F32_F32, -1, false, 112, 112, 32, 3,
     1, 1},
    {"dw3x3_f32_56x56x128", SPEIR_GEMM_F32_F32_F32, -1, false, 56, 56, 128, 3,
     1, 1},
    {"dw3x3_f32_14x14x512", SPEIR_GEMM_F32_F32_F32, -1, false, 14, 14, 512, 3,
     1, 1},
    {"dw3x3s2_f32_112x112x64", SPEIR_GEMM_F32_F32_F32, -1, false, 112, 112, 64,
     3, 2, 1},
    {"dw3x3_f32_nchw_56x56x128", SPEIR_GEMM_F32_F32_F32, -1, true, 56, 56, 128,
     3, 1, 1},
    {"dw3x3_s8_56x56x128", SPEIR_GEMM_S8_S8_S32, -1, false, 56, 56, 128, 3, 1,
     1},
    {"maxpool3x3s2_f32_112x112x64", SPEIR_GEMM_F32_F32_F32, SPEIR_POOL_MAX,
     false, 112, 112, 64, 3, 2, 1},
    {"maxpool3x3s2_f32_nchw_112x112x64", SPEIR_GEMM_F32_F32_F32, SPEIR_POOL_MAX,
     true, 112, 112, 64, 3, 2, 1},
};

struct Problem {
  const Case *cs;
  speir_conv2d_desc_t d{};
  std::vector<float> inF, filterF, outF;
  std::vector<int8_t> in8, filter8;
  std::vector<int32_t> out32;

  explicit Problem(const Case &c) : cs(&c) {
    d.batch = 1;
    d.in_h = c.h;
    d.in_w = c.w;
    d.in_c = d.out_c = d.groups = c.c;
    d.kernel_h = d.kernel_w = c.k;
    d.stride_h = d.stride_w = c.stride;
    d.dilation_h = d.dilation_w = 1;
    d.pad_top = d.pad_left = c.pad;
    d.out_h = (c.h + 2 * c.pad - c.k) / c.stride + 1;
    d.out_w = (c.w + 2 * c.pad - c.k) / c.stride + 1;
    const int64_t H = c.h, W = c.w, C = c.c, OH = d.out_h, OW = d.out_w;
    if (c.nchw) {
      const int64_t in[4] = {C * H * W, W, 1, H * W};
      const int64_t out[4] = {C * OH * OW, OW, 1, OH * OW};
      const int64_t f[4] = {c.k, 1, 0, c.k * c.k};
      std::copy(in, in + 4, d.in_strides);
      std::copy(out, out + 4, d.out_strides);
      std::copy(f, f + 4, d.filter_strides);
    } else {
      const int64_t in[4] = {H * W * C, W * C, C, 1};
      const int64_t out[4] = {OH * OW * C, OW * C, C, 1};
      const int64_t f[4] = {c.k * C, C, 0, 1};
      std::copy(in, in + 4, d.in_strides);
      std::copy(out, out + 4, d.out_strides);
      std::copy(f, f + 4, d.filter_strides);
    }
    std::mt19937 rng(1);
    std::uniform_real_distribution<float> real(-1, 1);
    std::uniform_int_distribution<int> i8(-128, 127);
    const size_t nIn = size_t(H * W * C), nF = size_t(c.k * c.k * C),
                 nOut = size_t(OH * OW * C);
    if (c.type == SPEIR_GEMM_S8_S8_S32) {
      in8.resize(nIn);
      filter8.resize(nF);
      out32.resize(nOut);
      for (auto &v : in8)
        v = int8_t(i8(rng));
      for (auto &v : filter8)
        v = int8_t(i8(rng));
    } else {
      inF.resize(nIn);
      filterF.resize(nF);
      outF.resize(nOut);
      for (auto &v : inF)
        v = real(rng);
      for (auto &v : filterF)
        v = real(rng);
    }
  }
  const void *in() const {
    return in8.empty() ? (const void *)inF.data() : (const void *)in8.data();
  }
  const void *filter() const {
    return filter8.empty() ? (const void *)filterF.data()
                           : (const void *)filter8.data();
  }
  void *out() {
    return out32.empty() ? (void *)outF.data() : (void *)out32.data();
  }
  // MACs (depthwise) or window elements (pooling) per call.
  int64_t work() const {
    return d.out_h * d.out_w * d.out_c * d.kernel_h * d.kernel_w;
  }

  int32_t runOurs(uint32_t flags) {
    if (cs->kind < 0)
      return speir_conv2d(cs->type, flags, &d, in(), filter(), out());
    return speir_pool2d(cs->type, cs->kind, flags, &d, in(), out());
  }

  // The plain loop: direct over (oy, ox, c, ky, kx) in the case's layout,
  // bounds check per tap.
  template <class T, class A> void plain(const T *in, const T *f, A *out) {
    const auto &s = d.in_strides, &o = d.out_strides, &fs = d.filter_strides;
    const bool pool = cs->kind >= 0;
    for (int64_t oy = 0; oy < d.out_h; ++oy)
      for (int64_t ox = 0; ox < d.out_w; ++ox)
        for (int64_t c = 0; c < d.in_c; ++c) {
          A acc = pool ? A(-1e30f) : A(0);
          for (int64_t ky = 0; ky < d.kernel_h; ++ky)
            for (int64_t kx = 0; kx < d.kernel_w; ++kx) {
              const int64_t y = oy * d.stride_h - d.pad_top + ky;
              const int64_t x = ox * d.stride_w - d.pad_left + kx;
              if (y < 0 || y >= d.in_h || x < 0 || x >= d.in_w)
                continue;
              const A v = A(in[y * s[1] + x * s[2] + c * s[3]]);
              if (pool)
                acc = std::max(acc, v);
              else
                acc += v * A(f[ky * fs[0] + kx * fs[1] + c * fs[3]]);
            }
          out[oy * o[1] + ox * o[2] + c * o[3]] = acc;
        }
  }
  void runPlain() {
    if (!in8.empty())
      plain<int8_t, int32_t>(in8.data(), filter8.data(), out32.data());
    else
      plain<float, float>(inF.data(), filterF.data(), outF.data());
  }
};

template <class F> double medianMs(F &&fn, int reps) {
  std::vector<double> t;
  fn(); // warm up
  for (int i = 0; i < reps; ++i) {
    const auto t0 = std::chrono::steady_clock::now();
    fn();
    t.push_back(std::chrono::duration<double, std::milli>(
                    std::chrono::steady_clock::now() - t0)
                    .count());
  }
  std::sort(t.begin(), t.end());
  return t[t.size() / 2];
}

const Case *findCase(const char *name) {
  for (const Case &c : kCases)
    if (!std::strcmp(c.name, name))
      return &c;
  return nullptr;
}

} // namespace

int main(int argc, char **argv) {
  if (argc == 2 && !std::strcmp(argv[1], "list")) {
    for (const Case &c : kCases)
      std::printf("%s %lld\n", c.name, (long long)Problem(c).work());
    return 0;
  }
  if (argc >= 4 && !std::strcmp(argv[1], "icount")) {
    const Case *c = findCase(argv[2]);
    if (!c)
      return 2;
    Problem p(*c);
    const bool ref = argc > 4 && !std::strcmp(argv[4], "ref");
    for (int i = 0, n = std::atoi(argv[3]); i < n; ++i) {
      if (ref)
        p.runPlain();
      else if (p.runOurs(SPEIR_GEMM_SINGLE_THREAD) != SPEIR_OK)
        return 1;
    }
    return 0;
  }
  std::printf("%-34s %9s %9s %9s %9s %8s %8s\n", "case", "Mwork", "plain_ms",
              "ours1T_ms", "oursMT_ms", "x_plain", "Gwork/s");
  for (const Case &c : kCases) {
    Problem p(c);
    const int reps = 15;
    const double plain = medianMs([&] { p.runPlain(); }, reps);
    const double one =
        medianMs([&] { p.runOurs(SPEIR_GEMM_SINGLE_THREAD); }, reps);
    const double all = medianMs([&] { p.runOurs(0); }, reps);
    std::printf("%-34s %9.2f %9.3f %9.3f %9.3f %8.2f %8.2f\n", c.name,
                double(p.work()) * 1e-6, plain, one, all, plain / one,
                double(p.work()) / (one * 1e6));
  }
  return 0;
}

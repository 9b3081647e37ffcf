// Host convolution benchmark: ResNet-18's convolution layers at batch 1,
// NHWC input / HWCF filter / NHWC output, f32. speir_conv2d next to the
// classic peer in the same process: an explicit im2col copy of the input
// followed by OpenBLAS cblas_sgemm (the im2col is part of the peer's time).
// 1 and 2 threads; median [min-max] GFLOPS of repeated runs and the ratio.
// Not a test.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string_view>
#include <vector>

#include "speir/abi.h"

#if SPINE_BENCH_HAVE_OPENBLAS
#include <cblas.h>
extern "C" void openblas_set_num_threads(int);
#endif

namespace {

struct Layer {
  const char *name;
  int64_t inHW, inC, outC, k, stride, pad;
};

// ResNet-18 (torchvision) convolution shapes, batch 1.
const Layer kLayers[] = {
    {"conv1 7x7/2", 224, 3, 64, 7, 2, 3},
    {"l1 3x3/1", 56, 64, 64, 3, 1, 1},
    {"l2 3x3/2", 56, 64, 128, 3, 2, 1},
    {"l2 1x1/2 down", 56, 64, 128, 1, 2, 0},
    {"l2 3x3/1", 28, 128, 128, 3, 1, 1},
    {"l3 3x3/1", 14, 256, 256, 3, 1, 1},
    {"l4 3x3/1", 7, 512, 512, 3, 1, 1},
};

struct Stats {
  double median, lo, hi; // GFLOPS
};

template <class Fn> Stats measure(double flops, Fn &&fn) {
  fn(); // warm up caches, the thread pool, scratch
  std::vector<double> g;
  double total = 0;
  for (int rep = 0; rep < 21 && (rep < 7 || total < 0.4); ++rep) {
    auto t0 = std::chrono::steady_clock::now();
    fn();
    double s =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0)
            .count();
    total += s;
    g.push_back(flops / s * 1e-9);
  }
  std::sort(g.begin(), g.end());
  return {g[g.size() / 2], g.front(), g.back()};
}

speir_conv2d_desc_t nhwcDesc(const Layer &l) {
  speir_conv2d_desc_t d{};
  d.batch = 1;
  d.in_h = d.in_w = l.inHW;
  d.in_c = l.inC;
  d.out_c = l.outC;
  d.kernel_h = d.kernel_w = l.k;
  d.stride_h = d.stride_w = l.stride;
  d.dilation_h = d.dilation_w = 1;
  d.pad_top = d.pad_left = l.pad;
  d.groups = 1;
  d.out_h = d.out_w = (l.inHW + 2 * l.pad - l.k) / l.stride + 1;
  const int64_t hw = l.inHW, c = l.inC, f = l.outC, o = d.out_w;
  const int64_t in[4] = {hw * hw * c, hw * c, c, 1};
  const int64_t fl[4] = {l.k * c * f, c * f, f, 1};
  const int64_t out[4] = {o * o * f, o * f, f, 1};
  std::memcpy(d.in_strides, in, sizeof in);
  std::memcpy(d.filter_strides, fl, sizeof fl);
  std::memcpy(d.out_strides, out, sizeof out);
  return d;
}

#if SPINE_BENCH_HAVE_OPENBLAS
// The peer's im2col: row = output pixel, column = (ky, kx, c).
void im2col(const speir_conv2d_desc_t &d, const float *in, float *cols) {
  const int64_t K = d.kernel_h * d.kernel_w * d.in_c;
  for (int64_t oy = 0; oy < d.out_h; ++oy)
    for (int64_t ox = 0; ox < d.out_w; ++ox) {
      float *row = cols + (oy * d.out_w + ox) * K;
      for (int64_t ky = 0; ky < d.kernel_h; ++ky)
        for (int64_t kx = 0; kx < d.kernel_w; ++kx) {
          float *dst = row + (ky * d.kernel_w + kx) * d.in_c;
          const int64_t y = oy * d.stride_h - d.pad_top + ky;
          const int64_t x = ox * d.stride_w - d.pad_left + kx;
          if (y < 0 || y >= d.in_h || x < 0 || x >= d.in_w)
            std::memset(dst, 0, size_t(d.in_c) * sizeof(float));
          else
            std::memcpy(dst, in + (y * d.in_w + x) * d.in_c,
                        size_t(d.in_c) * sizeof(float));
        }
    }
}
#endif

void row(const Layer &l, int threads) {
  const speir_conv2d_desc_t d = nhwcDesc(l);
  std::mt19937 rng(1);
  std::uniform_real_distribution<float> dist(-1, 1);
  std::vector<float> in(size_t(l.inHW * l.inHW * l.inC)),
      w(size_t(l.k * l.k * l.inC * l.outC)),
      out(size_t(d.out_h * d.out_w * l.outC));
  for (auto &x : in)
    x = dist(rng);
  for (auto &x : w)
    x = dist(rng);
  const int64_t M = d.out_h * d.out_w, K = l.k * l.k * l.inC, N = l.outC;
  const double flops = 2.0 * M * N * K;
  const uint32_t flags = threads == 1 ? SPEIR_GEMM_SINGLE_THREAD : 0;
  Stats ours = measure(flops, [&] {
    if (speir_conv2d(SPEIR_GEMM_F32_F32_F32, flags, &d, in.data(), w.data(),
                     out.data()) != SPEIR_OK)
      std::abort();
  });
  std::printf("%-14s %4lld %4lld %4lld  %d  %-13s %6.1f [%5.1f-%5.1f]", l.name,
              (long long)M, (long long)N, (long long)K, threads,
              speir_conv2d_strategy_name(SPEIR_GEMM_F32_F32_F32, flags, &d),
              ours.median, ours.lo, ours.hi);
#if SPINE_BENCH_HAVE_OPENBLAS
  openblas_set_num_threads(threads);
  std::vector<float> cols(size_t(M * K));
  Stats ob = measure(flops, [&] {
    im2col(d, in.data(), cols.data());
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, int(M), int(N),
                int(K), 1.0f, cols.data(), int(K), w.data(), int(N), 0.0f,
                out.data(), int(N));
  });
  std::printf("  %6.1f [%5.1f-%5.1f]  %5.2f", ob.median, ob.lo, ob.hi,
              ours.median / ob.median);
#endif
  std::printf("\n");
}

} // namespace

int main(int argc, char **argv) {
  const bool quick = argc > 1 && std::string_view(argv[1]) == "--quick";
  std::printf("ResNet-18 conv layers, batch 1, NHWC/HWCF f32; GFLOPS median "
              "[min-max]\n");
  std::printf("peer: im2col copy + OpenBLAS cblas_sgemm (im2col timed, "
              "single-threaded)\n");
  std::printf("layer             M    N    K  thr strategy       speir       "
              "          im2col+openblas     ratio\n");
  for (int threads : {1, 2})
    for (const Layer &l : kLayers) {
      if (quick && l.inHW == 7)
        continue;
      row(l, threads);
    }
  return 0;
}

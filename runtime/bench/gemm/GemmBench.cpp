// Host GEMM benchmark: GFLOPS of speir_gemm (f32) next to OpenBLAS
// cblas_sgemm in the same process, 1 and 2 threads, square and LLM-skinny
// shapes. Prints median and spread of repeated runs and the ratio. Not a test.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string_view>
#include <random>
#include <vector>

#include "speir/abi.h"

#if SPINE_BENCH_HAVE_OPENBLAS
#include <cblas.h>
extern "C" void openblas_set_num_threads(int);
#endif

namespace {

struct Stats {
  double median, lo, hi; // GFLOPS
};

template <class Fn> Stats measure(double flops, Fn &&fn) {
  fn(); // warm up caches and the thread pool
  std::vector<double> g;
  double total = 0;
  for (int rep = 0; rep < 15 && (rep < 5 || total < 0.5); ++rep) {
    auto t0 = std::chrono::steady_clock::now();
    fn();
    double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    total += s;
    g.push_back(flops / s * 1e-9);
  }
  std::sort(g.begin(), g.end());
  return {g[g.size() / 2], g.front(), g.back()};
}

void row(int64_t m, int64_t n, int64_t k, int threads) {
  std::mt19937 rng(1);
  std::uniform_real_distribution<float> d(-1, 1);
  std::vector<float> a(size_t(m * k)), b(size_t(k * n)), c(size_t(m * n));
  for (auto &x : a) x = d(rng);
  for (auto &x : b) x = d(rng);
  const double flops = 2.0 * m * n * k;
  const uint32_t flags = threads == 1 ? SPEIR_GEMM_SINGLE_THREAD : 0;
  Stats ours = measure(flops, [&] {
    if (speir_gemm(SPEIR_GEMM_F32_F32_F32, flags, m, n, k, a.data(), k,
                   b.data(), n, c.data(), n) != SPEIR_OK)
      std::abort();
  });
  std::printf("%5lld %5lld %5lld  %d  %7.1f [%6.1f-%6.1f]", (long long)m,
              (long long)n, (long long)k, threads, ours.median, ours.lo,
              ours.hi);
#if SPINE_BENCH_HAVE_OPENBLAS
  openblas_set_num_threads(threads);
  Stats ob = measure(flops, [&] {
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, int(m), int(n),
                int(k), 1.0f, a.data(), int(k), b.data(), int(n), 0.0f,
                c.data(), int(n));
  });
  std::printf("  %7.1f [%6.1f-%6.1f]  %5.2f", ob.median, ob.lo, ob.hi,
              ours.median / ob.median);
#endif
  std::printf("\n");
}

} // namespace

int main(int argc, char **argv) {
  const bool quick = argc > 1 && std::string_view(argv[1]) == "--quick";
  std::printf("f32 GEMM, GFLOPS median [min-max] over repeated runs\n");
  std::printf("    M     N     K  thr     speir                    openblas"
              "          ratio\n");
  std::vector<int64_t> squares = {64, 128, 256, 512, 1024};
  if (quick)
    squares = {256, 1024};
  for (int threads : {1, 2})
    for (int64_t s : squares)
      row(s, s, s, threads);
  if (!quick)
    for (int threads : {1, 2})
      for (int64_t m : {1, 4, 16})
        for (int64_t nk : {1024, 4096})
          row(m, nk, nk, threads);
  return 0;
}

// Host GEMM benchmark: GFLOPS of speir_gemm (f32) next to OpenBLAS
// cblas_sgemm in the same process, 1 and 2 threads, square and LLM-skinny
// shapes; then every type with its fastest host kernel next to the generic
// kernel (SPINE_GEMM_KERNEL=generic) and sgemm of the same shape. Prints
// median and spread of repeated runs and the ratios. Not a test.
// `gemm_bench --threads 1,2,8` instead runs, per thread count (1 to 64, each
// in a child process with SPINE_NUM_THREADS set), sgemm 1024^3 and 2048^3
// and two skinny shapes, one table per count, with the parallel efficiency
// GFLOPS(t) / (t x GFLOPS(1)) once the 1-thread figures are known.
// `gemm_bench --decode` runs the LLM decode shapes (issue 14): M = 1, 4, 16
// against N = K = 4096, 1 and 2 threads, B row-major and transposed, the
// path the cost model picks and the packed path (SPINE_GEMM_SKINNY=0) next
// to OpenBLAS (cblas_sgemv for M = 1, cblas_sgemm otherwise); then every
// type's GEMV and speir_gemm_fused with bias + SiLU against speir_gemm. At
// M = 1 on one thread it also reads B once with a plain streaming sum (the
// core's memory roofline) and prints both GEMVs' bandwidth relative to it.
// `gemm_bench --decode-sweep`: the skinny / packed crossover at M = 2..64,
// the cost model's pick next to both paths forced.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <random>
#include <string>
#include <string_view>
#include <thread>
#include <unistd.h>
#include <vector>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

#include "kernels/gemm/Skinny.h"
#include "kernels/gemm/TileTable.h"
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
    double s =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0)
            .count();
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
  for (auto &x : a)
    x = d(rng);
  for (auto &x : b)
    x = d(rng);
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

struct TypeRow {
  int32_t type;
  const char *name;
  int elemBytes, accBytes;
};

// One type: its preferred kernel vs the generic kernel (G(FL)OPS, 2 per MAC),
// and OpenBLAS sgemm on f32 data of the same shape for reference.
void typeRow(const TypeRow &t, int64_t s, int threads) {
  std::mt19937 rng(2);
  std::vector<unsigned char> a(size_t(s * s * t.elemBytes)),
      b(size_t(s * s * t.elemBytes)), c(size_t(s * s * t.accBytes));
  // Small values valid in every encoding (f16: 0x3c00 = 1.0, 0x3800 = 0.5).
  for (size_t i = 0; i < a.size(); ++i)
    a[i] = t.elemBytes == 2 ? (i % 2 ? 0x3c : 0) : (unsigned char)(rng() % 7);
  for (size_t i = 0; i < b.size(); ++i)
    b[i] = t.elemBytes == 2 ? (i % 2 ? 0x38 : 0) : (unsigned char)(rng() % 5);
  const double ops = 2.0 * s * s * s;
  const uint32_t flags = threads == 1 ? SPEIR_GEMM_SINGLE_THREAD : 0;
  auto gemm = [&] {
    if (speir_gemm(t.type, flags, s, s, s, a.data(), s, b.data(), s, c.data(),
                   s) != SPEIR_OK)
      std::abort();
  };
  int64_t m0, n0, k0;
  speir_mmt4d_preferred_tile(t.type, &m0, &n0, &k0);
  const char *kernel = speir_mmt4d_kernel_name(t.type, m0, n0, k0);
  Stats fast = measure(ops, gemm);
  setenv("SPINE_GEMM_KERNEL", "generic", 1);
  speir::gemm::reloadIsaOverride();
  Stats gen = measure(ops, gemm);
  unsetenv("SPINE_GEMM_KERNEL");
  speir::gemm::reloadIsaOverride();
  std::printf("%-7s %5lld  %d  %-8s %7.1f [%6.1f-%6.1f]  %7.1f [%6.1f-%6.1f]"
              "  %5.2f",
              t.name, (long long)s, threads, kernel, fast.median, fast.lo,
              fast.hi, gen.median, gen.lo, gen.hi, fast.median / gen.median);
#if SPINE_BENCH_HAVE_OPENBLAS
  std::vector<float> af(size_t(s * s), 0.5f), bf(size_t(s * s), 0.25f),
      cf(size_t(s * s));
  openblas_set_num_threads(threads);
  Stats ob = measure(ops, [&] {
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, int(s), int(s),
                int(s), 1.0f, af.data(), int(s), bf.data(), int(s), 0.0f,
                cf.data(), int(s));
  });
  std::printf("  %7.1f  %5.2f", ob.median, fast.median / ob.median);
#endif
  std::printf("\n");
}

// One thread count (a child process): GFLOPS per shape, one line each.
int scalingChild(int threads) {
  const int64_t shapes[][3] = {{1024, 1024, 1024},
                               {2048, 2048, 2048},
                               {16, 4096, 4096},
                               {1, 4096, 4096}};
  for (const auto &shape : shapes) {
    const int64_t m = shape[0], n = shape[1], k = shape[2];
    std::vector<float> a(size_t(m * k), 0.5f), b(size_t(k * n), 0.25f),
        c(size_t(m * n));
    const uint32_t flags = threads == 1 ? SPEIR_GEMM_SINGLE_THREAD : 0;
    Stats s = measure(2.0 * m * n * k, [&] {
      if (speir_gemm(SPEIR_GEMM_F32_F32_F32, flags, m, n, k, a.data(), k,
                     b.data(), n, c.data(), n) != SPEIR_OK)
        std::abort();
    });
    std::printf("SCALE %lld %lld %lld %.2f %.2f %.2f\n", (long long)m,
                (long long)n, (long long)k, s.median, s.lo, s.hi);
  }
  return 0;
}

int scaling(const std::string &counts) {
  char self[4096];
  const ssize_t len = readlink("/proc/self/exe", self, sizeof self - 1);
  if (len <= 0)
    return 1;
  self[len] = '\0';
  long cpus = sysconf(_SC_NPROCESSORS_ONLN);
  std::map<std::string, double> single; // shape -> 1-thread GFLOPS
  size_t at = 0;
  while (at < counts.size()) {
    size_t comma = counts.find(',', at);
    if (comma == std::string::npos)
      comma = counts.size();
    const int threads = std::atoi(counts.substr(at, comma - at).c_str());
    at = comma + 1;
    if (threads < 1 || threads > 64)
      return 2;
    std::printf(
        "== sgemm, %d threads (%ld CPUs online%s): GFLOPS median [min-max]; "
        "efficiency = GFLOPS / (%d x 1-thread GFLOPS)\n",
        threads, cpus, threads > cpus ? ", oversubscribed" : "", threads);
    std::printf("    M     N     K     GFLOPS                 efficiency\n");
    const std::string command = "SPINE_NUM_THREADS=" + std::to_string(threads) +
                                " '" + self + "' --threads-child " +
                                std::to_string(threads);
    FILE *child = popen(command.c_str(), "r");
    if (!child)
      return 1;
    char line[256];
    while (std::fgets(line, sizeof line, child)) {
      long long m, n, k;
      double g, lo, hi;
      if (std::sscanf(line, "SCALE %lld %lld %lld %lf %lf %lf", &m, &n, &k, &g,
                      &lo, &hi) != 6)
        continue;
      const std::string key =
          std::to_string(m) + "x" + std::to_string(n) + "x" + std::to_string(k);
      if (threads == 1)
        single[key] = g;
      std::printf("%5lld %5lld %5lld  %7.1f [%6.1f-%6.1f]", m, n, k, g, lo, hi);
      if (single.count(key))
        std::printf("  %5.2f", g / (threads * single[key]));
      std::printf("\n");
    }
    pclose(child);
    std::printf("\n");
    std::fflush(stdout);
  }
  return 0;
}

} // namespace

// SPINE_GEMM_SKINNY for the following speir_gemm calls: "1" skinny, "0"
// packed, null the cost model's choice.
void forcePath(const char *skinny) {
  if (skinny)
    setenv("SPINE_GEMM_SKINNY", skinny, 1);
  else
    unsetenv("SPINE_GEMM_SKINNY");
  speir::gemm::reloadSkinnyOverride();
}

// Of several rounds' statistics: the median of the medians, the lowest
// minimum and the highest maximum.
Stats combine(std::vector<Stats> rounds) {
  std::sort(rounds.begin(), rounds.end(),
            [](const Stats &x, const Stats &y) { return x.median < y.median; });
  Stats s = rounds[rounds.size() / 2];
  for (const Stats &r : rounds)
    s.lo = std::min(s.lo, r.lo), s.hi = std::max(s.hi, r.hi);
  return s;
}

// Of per-round pairs (ours, peer): the median of the per-round ratios of
// medians, and their lowest and highest. Both sides of a round run within a
// second of each other, so a ratio cancels the drift between rounds.
Stats pairedRatio(const std::vector<Stats> &ours,
                  const std::vector<Stats> &peer) {
  std::vector<double> r;
  for (size_t i = 0; i < ours.size() && i < peer.size(); ++i)
    r.push_back(ours[i].median / peer[i].median);
  std::sort(r.begin(), r.end());
  return {r[r.size() / 2], r.front(), r.back()};
}

// The memory roofline of a one-thread GEMV: one streaming read of `n`
// floats (a sum into independent accumulators; AVX2 on x86 hosts that have
// it).
float streamSumPart(const float *p, size_t n) {
  float acc[32] = {};
  size_t i = 0;
  for (; i + 32 <= n; i += 32)
    for (int j = 0; j < 32; ++j)
      acc[j] += p[i + j];
  for (; i < n; ++i)
    acc[0] += p[i];
  float s = 0;
  for (float x : acc)
    s += x;
  return s;
}

#if defined(__x86_64__)
// Explicit AVX loads and adds (the bench is built without -mavx2, and a
// scalar sum would be compute-bound below the memory's bandwidth).
__attribute__((target("avx2"))) float streamSumPartAvx2(const float *p,
                                                        size_t n) {
  __m256 acc[8];
  for (__m256 &v : acc)
    v = _mm256_setzero_ps();
  size_t i = 0;
  for (; i + 64 <= n; i += 64)
    for (int j = 0; j < 8; ++j)
      acc[j] = _mm256_add_ps(acc[j], _mm256_loadu_ps(p + i + 8 * j));
  for (int j = 1; j < 8; ++j)
    acc[0] = _mm256_add_ps(acc[0], acc[j]);
  alignas(32) float lanes[8];
  _mm256_store_ps(lanes, acc[0]);
  float s = 0;
  for (float x : lanes)
    s += x;
  for (; i < n; ++i)
    s += p[i];
  return s;
}
#endif

// One core's streaming read of `n` floats.
float streamSum(const float *p, size_t n) {
#if defined(__x86_64__)
  if (__builtin_cpu_supports("avx2"))
    return streamSumPartAvx2(p, n);
#endif
  return streamSumPart(p, n);
}

volatile float streamSink;

// One decode shape: f32 speir_gemm (chosen path, then forced packed) and
// OpenBLAS on the same operands, in seven interleaved rounds (the VM's
// memory bandwidth drifts over seconds; a GEMV is bound by it). The ratio is
// the median of the rounds' ratios, with their range.
void decodeRow(int64_t m, int64_t nk, bool tb, int threads) {
  std::mt19937 rng(1);
  std::uniform_real_distribution<float> d(-1, 1);
  const int64_t n = nk, k = nk;
  std::vector<float> a(size_t(m * k)), b(size_t(k * n)), c(size_t(m * n));
  for (auto &x : a)
    x = d(rng);
  for (auto &x : b)
    x = d(rng);
  const double flops = 2.0 * m * n * k;
  const uint32_t flags = (threads == 1 ? SPEIR_GEMM_SINGLE_THREAD : 0) |
                         (tb ? SPEIR_GEMM_TRANSPOSE_B : 0);
  auto ours = [&] {
    if (speir_gemm(SPEIR_GEMM_F32_F32_F32, flags, m, n, k, a.data(), k,
                   b.data(), tb ? k : n, c.data(), n) != SPEIR_OK)
      std::abort();
  };
  std::vector<Stats> chosenRounds, packedRounds, obRounds, streamRounds;
  for (int round = 0; round < 7; ++round) {
    // At M = 1 on one thread, the core's memory roofline: B read once with
    // a plain streaming sum (4 bytes per 2 flops of the GEMV, so these
    // "GFLOPS" are GB/s / 2).
    if (m == 1 && threads == 1)
      streamRounds.push_back(
          measure(flops, [&] { streamSink = streamSum(b.data(), b.size()); }));
    forcePath(nullptr);
    chosenRounds.push_back(measure(flops, ours));
    forcePath("0");
    packedRounds.push_back(measure(flops, ours));
    forcePath(nullptr);
#if SPINE_BENCH_HAVE_OPENBLAS
    openblas_set_num_threads(threads);
    obRounds.push_back(measure(flops, [&] {
      if (m == 1)
        cblas_sgemv(CblasRowMajor, tb ? CblasNoTrans : CblasTrans,
                    int(tb ? n : k), int(tb ? k : n), 1.0f, b.data(),
                    int(tb ? k : n), a.data(), 1, 0.0f, c.data(), 1);
      else
        cblas_sgemm(CblasRowMajor, CblasNoTrans, tb ? CblasTrans : CblasNoTrans,
                    int(m), int(n), int(k), 1.0f, a.data(), int(k), b.data(),
                    int(tb ? k : n), 0.0f, c.data(), int(n));
    }));
    // OpenBLAS's idle workers spin (yielding) for about 2^28 cycles after a
    // call before they sleep: on 2 cores they would take one from the next
    // round's speir_gemm. Ours park after SPINE_SPIN_US (100 us).
    if (threads > 1)
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
#endif
  }
  const Stats chosen = combine(chosenRounds), packed = combine(packedRounds);
  std::printf("%3lld %5lld  %c  %d  %7.1f [%6.1f-%6.1f]  %7.1f", (long long)m,
              (long long)nk, tb ? 'T' : 'N', threads, chosen.median, chosen.lo,
              chosen.hi, packed.median);
#if SPINE_BENCH_HAVE_OPENBLAS
  const Stats ob = combine(obRounds);
  const Stats ratio = pairedRatio(chosenRounds, obRounds);
  std::printf("  %7.1f [%6.1f-%6.1f] %-5s %5.2f [%4.2f-%4.2f]  %5.2f",
              ob.median, ob.lo, ob.hi, m == 1 ? "sgemv" : "sgemm", ratio.median,
              ratio.lo, ratio.hi, pairedRatio(packedRounds, obRounds).median);
#endif
  if (!streamRounds.empty()) {
    std::printf("  %5.1f GB/s  %4.2f", 2.0 * combine(streamRounds).median,
                pairedRatio(chosenRounds, streamRounds).median);
#if SPINE_BENCH_HAVE_OPENBLAS
    std::printf(" %4.2f", pairedRatio(obRounds, streamRounds).median);
#endif
  }
  std::printf("\n");
}

// Every type's GEMV (1 x 4096 x 4096, B row-major), and f32 fused bias +
// SiLU vs bare speir_gemm, one thread.
void decodeTypes() {
  const struct {
    int32_t type;
    const char *name;
    int bytes;
  } types[] = {{SPEIR_GEMM_F32_F32_F32, "f32", 4},
               {SPEIR_GEMM_F16_F16_F32, "f16f32", 2},
               {SPEIR_GEMM_BF16_BF16_F32, "bf16f32", 2},
               {SPEIR_GEMM_S8_S8_S32, "s8s8", 1},
               {SPEIR_GEMM_U8_S8_S32, "u8s8", 1}};
  const int64_t n = 4096, k = 4096;
  // Bytes of 0x3c are ordinary numbers in every type (f32 0.0115, f16
  // 1.06, bf16 0.0115, int8 60): no subnormal products to slow the host.
  std::vector<unsigned char> a(size_t(k * 4), 0x3c), b(size_t(k * n * 4), 0x3c),
      c(size_t(n * 4));
  std::printf("\nGEMV 1 x 4096 x 4096 per type, 1 thread: G(FL)OPS median "
              "[min-max], GB/s of B\n");
  for (const auto &t : types) {
    const Stats s = measure(2.0 * n * k, [&] {
      if (speir_gemm(t.type, SPEIR_GEMM_SINGLE_THREAD, 1, n, k, a.data(), k,
                     b.data(), n, c.data(), n) != SPEIR_OK)
        std::abort();
    });
    std::printf("%-8s %7.1f [%6.1f-%6.1f]  %6.1f\n", t.name, s.median, s.lo,
                s.hi, s.median / 2.0 * t.bytes);
  }
  std::vector<float> bias(size_t(n), 0.5f), out(size_t(4 * n));
  for (int64_t m : {1, 4}) {
    speir_gemm_epilogue_t e{};
    e.bias_kind = SPEIR_EPILOGUE_PER_COL;
    e.bias = bias.data();
    e.activation = SPEIR_EPILOGUE_ACT_SILU;
    e.out_type = SPEIR_EPILOGUE_F32;
    e.out = out.data();
    e.ldo = n;
    const Stats bare = measure(2.0 * m * n * k, [&] {
      speir_gemm(SPEIR_GEMM_F32_F32_F32, SPEIR_GEMM_SINGLE_THREAD, m, n, k,
                 a.data(), k, b.data(), n, out.data(), n);
    });
    const Stats fused = measure(2.0 * m * n * k, [&] {
      speir_gemm_fused(SPEIR_GEMM_F32_F32_F32, SPEIR_GEMM_SINGLE_THREAD, m, n,
                       k, a.data(), k, b.data(), n, nullptr, n, &e);
    });
    std::printf("f32 M=%lld bias+silu fused %7.1f vs bare %7.1f GFLOPS "
                "(%.3f)\n",
                (long long)m, fused.median, bare.median,
                fused.median / bare.median);
  }
}

// The cost model's calibration (preferSkinny, Skinny.cpp): at M = 2..64
// against N = K = 4096, the path it picks next to each path forced, per
// layout and thread count; "mispick" marks a choice more than 10% slower
// than the faster path.
int decodeSweep() {
  std::printf("Skinny / packed crossover, f32 GFLOPS medians, N = K = 4096\n");
  std::printf("  M  B thr  chosen  skinny  packed\n");
  const int64_t n = 4096, k = 4096;
  std::vector<float> a(size_t(64 * k), 0.5f), b(size_t(k * n), 0.25f),
      c(size_t(64 * n));
  for (bool tb : {false, true})
    for (int threads : {1, 2})
      for (int64_t m : {2, 4, 6, 8, 10, 12, 16, 24, 32, 48, 64}) {
        const uint32_t flags = (threads == 1 ? SPEIR_GEMM_SINGLE_THREAD : 0) |
                               (tb ? SPEIR_GEMM_TRANSPOSE_B : 0);
        double g[3];
        const char *force[3] = {nullptr, "1", "0"};
        for (int i = 0; i < 3; ++i) {
          forcePath(force[i]);
          g[i] = measure(2.0 * m * n * k, [&] {
                   if (speir_gemm(SPEIR_GEMM_F32_F32_F32, flags, m, n, k,
                                  a.data(), k, b.data(), tb ? k : n, c.data(),
                                  n) != SPEIR_OK)
                     std::abort();
                 }).median;
        }
        std::printf("%3lld  %c  %d  %7.1f %7.1f %7.1f%s\n", (long long)m,
                    tb ? 'T' : 'N', threads, g[0], g[1], g[2],
                    g[0] < 0.9 * std::max(g[1], g[2]) ? "  mispick" : "");
      }
  forcePath(nullptr);
  return 0;
}

int decode() {
  std::printf("Decode shapes, f32 GFLOPS median [min-max]; packed = "
              "SPINE_GEMM_SKINNY=0 (the path before the skinny one); at M = 1 "
              "on 1 thread, stream = a plain streaming read of B (the core's "
              "memory roofline), and the GEMVs' bandwidth over it\n");
  std::printf("  M  N=K  B thr    speir                  packed");
#if SPINE_BENCH_HAVE_OPENBLAS
  std::printf(
      "    openblas                     speir/ob [rounds]     packed/ob");
#endif
  std::printf("  stream  speir/stream");
#if SPINE_BENCH_HAVE_OPENBLAS
  std::printf(" ob/stream");
#endif
  std::printf("\n");
  for (bool tb : {false, true})
    for (int threads : {1, 2})
      for (int64_t m : {1, 4, 16})
        decodeRow(m, 4096, tb, threads);
  decodeTypes();
  return 0;
}

int main(int argc, char **argv) {
  if (argc > 1 && std::string_view(argv[1]) == "--decode")
    return decode();
  if (argc > 1 && std::string_view(argv[1]) == "--decode-sweep")
    return decodeSweep();
  if (argc > 2 && std::string_view(argv[1]) == "--threads-child")
    return scalingChild(std::atoi(argv[2]));
  if (argc > 2 && std::string_view(argv[1]) == "--threads")
    return scaling(argv[2]);
  // --quick: fewer f32 shapes; --types: only the every-type table.
  const std::string_view mode = argc > 1 ? argv[1] : "";
  const bool quick = mode == "--quick", typesOnly = mode == "--types";
  if (!typesOnly) {
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
    std::printf("\n");
  }

  std::printf("Every type, M = N = K: G(FL)OPS (2 per MAC) of the preferred"
              " kernel vs the generic kernel;\nsgemm = OpenBLAS f32 on the "
              "same shape (reference only: a different type)\n");
  std::printf("type        S thr kernel      fastest                   generic"
              "          vs gen");
#if SPINE_BENCH_HAVE_OPENBLAS
  std::printf("    sgemm  vs sgemm");
#endif
  std::printf("\n");
  const TypeRow types[] = {{SPEIR_GEMM_F32_F32_F32, "f32", 4, 4},
                           {SPEIR_GEMM_F16_F16_F32, "f16f32", 2, 4},
                           {SPEIR_GEMM_F16_F16_F16, "f16f16", 2, 2},
                           {SPEIR_GEMM_S8_S8_S32, "s8s8", 1, 4},
                           {SPEIR_GEMM_U8_U8_S32, "u8u8", 1, 4},
                           {SPEIR_GEMM_S8_U8_S32, "s8u8", 1, 4},
                           {SPEIR_GEMM_U8_S8_S32, "u8s8", 1, 4}};
  for (int threads : {1, 2})
    for (int64_t s : {int64_t(256), int64_t(1024)})
      for (const TypeRow &t : types)
        typeRow(t, s, threads);
  return 0;
}

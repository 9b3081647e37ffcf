// Dispatch latency of an empty-body parallel-for on 2 threads: ours
// (speir_parallel_for, and the internal range API) against libgomp's
// `#pragma omp parallel for`, measured interleaved in one process. Prints a
// table with medians, spreads (p10-p90) and the ratio ours/OpenMP. A
// benchmark, not a test: nothing here asserts on time.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include <omp.h>

#include "speir/abi.h"
#include "threading/Parallel.h"

namespace {

__attribute__((noinline)) void emptyBody(int64_t i) { asm volatile("" : : "r"(i)); }

// One out-of-line call per point, as OpenMP makes one call per iteration.
__attribute__((noinline)) void emptyPointBody(void *, const int64_t *ivs) {
  asm volatile("" : : "r"(ivs[0]));
}

struct Stats {
  double median, p10, p90;
};

Stats summarize(std::vector<double> samples) {
  std::sort(samples.begin(), samples.end());
  auto at = [&](double q) { return samples[static_cast<size_t>(q * (samples.size() - 1))]; };
  return {at(0.5), at(0.1), at(0.9)};
}

double nowNs() {
  return std::chrono::duration<double, std::nano>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

// Mean ns per dispatch over `dispatches` back-to-back dispatches.
template <typename Dispatch> double timeDispatches(int dispatches, Dispatch dispatch) {
  double start = nowNs();
  for (int i = 0; i < dispatches; ++i)
    dispatch();
  return (nowNs() - start) / dispatches;
}

} // namespace

int main(int argc, char **argv) {
  const int threads = 2;
  setenv("SPINE_NUM_THREADS", "2", /*overwrite=*/0);
  omp_set_num_threads(threads);
  const int rounds = argc > 1 ? std::atoi(argv[1]) : 41;
  const int dispatches = argc > 2 ? std::atoi(argv[2]) : 2000;

  // The load average says how much other work shared the cores meanwhile.
  double load1 = -1;
  if (FILE *loadavg = std::fopen("/proc/loadavg", "r")) {
    if (std::fscanf(loadavg, "%lf", &load1) != 1)
      load1 = -1;
    std::fclose(loadavg);
  }
  std::printf("empty-body parallel-for dispatch latency, %d threads, %d rounds x %d "
              "dispatches, ns per dispatch: median [p10-p90]; load average %.2f\n",
              threads, rounds, dispatches, load1);
  std::printf("%6s | %-24s | %-24s | %-24s | %9s | %9s\n", "n", "speir_parallel_for",
              "rt::parallelFor (ranges)", "omp parallel for", "ours/omp",
              "range/omp");
  const int64_t sizes[] = {2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096};
  for (int64_t n : sizes) {
    std::vector<double> ours, ranges, omp;
    const int64_t shape[1] = {n};
    auto runOurs = [&] { speir_parallel_for(1, shape, emptyPointBody, nullptr); };
    auto runRanges = [&] {
      speir::rt::parallelFor(n, 1, speir::rt::CoreSet::Any,
                             [](void *, int64_t begin, int64_t end) {
                               for (int64_t i = begin; i < end; ++i)
                                 emptyBody(i);
                             },
                             nullptr);
    };
    auto runOmp = [&] {
#pragma omp parallel for schedule(static)
      for (int64_t i = 0; i < n; ++i)
        emptyBody(i);
    };
    // Warm both pools, then interleave so noise hits all three alike.
    timeDispatches(dispatches, runOurs);
    timeDispatches(dispatches, runOmp);
    for (int r = 0; r < rounds; ++r) {
      ours.push_back(timeDispatches(dispatches, runOurs));
      ranges.push_back(timeDispatches(dispatches, runRanges));
      omp.push_back(timeDispatches(dispatches, runOmp));
    }
    Stats o = summarize(ours), g = summarize(ranges), m = summarize(omp);
    char a[64], b[64], c[64];
    std::snprintf(a, sizeof a, "%7.0f [%6.0f-%6.0f]", o.median, o.p10, o.p90);
    std::snprintf(b, sizeof b, "%7.0f [%6.0f-%6.0f]", g.median, g.p10, g.p90);
    std::snprintf(c, sizeof c, "%7.0f [%6.0f-%6.0f]", m.median, m.p10, m.p90);
    std::printf("%6lld | %-24s | %-24s | %-24s | %9.2f | %9.2f\n",
                static_cast<long long>(n), a, b, c, o.median / m.median,
                g.median / m.median);
    std::fflush(stdout);
  }
  return 0;
}

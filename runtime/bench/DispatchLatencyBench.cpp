// Dispatch latency of a parallel-for on 2 threads against libgomp's
// `#pragma omp parallel for`, measured interleaved in one process. Two
// tables, medians with spreads (p10-p90) and ratios ours/OpenMP:
//  1. empty body: `for (i = begin; i < end; ++i) {}` inside a
//     speir_parallel_for_range body (the loop shape spine-opt generates) and
//     inside `omp parallel for`; both compilers drop the empty loop, so this
//     is the pure dispatch latency (fork, share out, join) at each size.
//  2. one out-of-line call per iteration on both sides, for the per-point
//     speir_parallel_for ABI (kept for hand-written callers).
// A benchmark, not a test: nothing here asserts on time.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include <omp.h>

#include "speir/abi.h"

namespace {

__attribute__((noinline)) void emptyBody(int64_t i) { asm volatile("" : : "r"(i)); }

void emptyRangeBody(void *, int64_t begin, int64_t end) {
  for (int64_t i = begin; i < end; ++i) {
  }
}

void callingRangeBody(void *, int64_t begin, int64_t end) {
  for (int64_t i = begin; i < end; ++i)
    emptyBody(i);
}

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
  std::printf("parallel-for dispatch latency, %d threads, %d rounds x %d dispatches, "
              "ns per dispatch: median [p10-p90]; load average %.2f\n",
              threads, rounds, dispatches, load1);
  const int64_t sizes[] = {2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096};
  auto cell = [](const Stats &s) {
    static char text[4][64];
    static int next = 0;
    char *out = text[next++ % 4];
    std::snprintf(out, 64, "%7.0f [%6.0f-%6.0f]", s.median, s.p10, s.p90);
    return out;
  };

  std::printf("\n1. empty body: speir_parallel_for_range (generated-code ABI) vs "
              "omp parallel for\n");
  std::printf("%6s | %-24s | %-24s | %9s\n", "n", "speir_parallel_for_range",
              "omp parallel for", "ours/omp");
  for (int64_t n : sizes) {
    std::vector<double> ours, omp;
    auto runOurs = [&] { speir_parallel_for_range(n, 0, emptyRangeBody, nullptr); };
    auto runOmp = [&] {
#pragma omp parallel for schedule(static)
      for (int64_t i = 0; i < n; ++i) {
      }
    };
    // Warm both pools, then interleave so noise hits both alike.
    timeDispatches(dispatches, runOurs);
    timeDispatches(dispatches, runOmp);
    for (int r = 0; r < rounds; ++r) {
      ours.push_back(timeDispatches(dispatches, runOurs));
      omp.push_back(timeDispatches(dispatches, runOmp));
    }
    Stats o = summarize(ours), m = summarize(omp);
    std::printf("%6lld | %-24s | %-24s | %9.2f\n", static_cast<long long>(n), cell(o),
                cell(m), o.median / m.median);
    std::fflush(stdout);
  }

  std::printf("\n2. one out-of-line call per iteration: per-point speir_parallel_for, "
              "range ABI, omp\n");
  std::printf("%6s | %-24s | %-24s | %-24s | %9s | %9s\n", "n", "speir_parallel_for",
              "speir_parallel_for_range", "omp parallel for", "point/omp", "range/omp");
  for (int64_t n : sizes) {
    std::vector<double> points, ranges, omp;
    const int64_t shape[1] = {n};
    auto runPoints = [&] { speir_parallel_for(1, shape, emptyPointBody, nullptr); };
    auto runRanges = [&] { speir_parallel_for_range(n, 0, callingRangeBody, nullptr); };
    auto runOmp = [&] {
#pragma omp parallel for schedule(static)
      for (int64_t i = 0; i < n; ++i)
        emptyBody(i);
    };
    timeDispatches(dispatches, runPoints);
    timeDispatches(dispatches, runOmp);
    for (int r = 0; r < rounds; ++r) {
      points.push_back(timeDispatches(dispatches, runPoints));
      ranges.push_back(timeDispatches(dispatches, runRanges));
      omp.push_back(timeDispatches(dispatches, runOmp));
    }
    Stats p = summarize(points), g = summarize(ranges), m = summarize(omp);
    std::printf("%6lld | %-24s | %-24s | %-24s | %9.2f | %9.2f\n",
                static_cast<long long>(n), cell(p), cell(g), cell(m),
                p.median / m.median, g.median / m.median);
    std::fflush(stdout);
  }
  return 0;
}

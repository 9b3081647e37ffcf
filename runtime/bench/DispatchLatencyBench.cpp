// Dispatch latency of speir_parallel_for_range (the ABI generated code calls)
// against libgomp's `#pragma omp parallel for schedule(static)`, both with an
// empty body, interleaved in one process, for each thread count given:
//   dispatch_latency_bench [THREADS=1,2] [ROUNDS=21] [DISPATCHES=1000]
// THREADS is a comma-separated list (1 to 64); each count runs in a child
// process of its own (SPINE_NUM_THREADS and the OpenMP team fixed at start)
// and prints one table: median ns per dispatch [p10-p90] and ours/libgomp,
// then what the dispatching thread did per dispatch (averaged over all the
// dispatches timed): atomic read-modify-writes, other participants' cache
// lines it waited on, futex wakes and parks, shares it ran for late
// participants. Those counts say how a dispatch scales on a machine with as
// many cores as threads when this one has fewer: with every worker awake the
// caller pays 1 + fan-out RMWs and waits on fan-out lines whatever the team
// size, and the tree's depth bounds the chain behind them. A benchmark, not a
// test: nothing here asserts on time.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <unistd.h>
#include <vector>

#include <omp.h>

#include "speir/abi.h"
#include "threading/StreamRegistry.h"
#include "threading/ThreadTeam.h"

namespace {

void emptyRangeBody(void *, int64_t begin, int64_t end) {
  for (int64_t i = begin; i < end; ++i) {
  }
}

struct Stats {
  double median, p10, p90;
};

Stats summarize(std::vector<double> samples) {
  std::sort(samples.begin(), samples.end());
  auto at = [&](double q) {
    return samples[static_cast<size_t>(q * (samples.size() - 1))];
  };
  return {at(0.5), at(0.1), at(0.9)};
}

double nowNs() {
  return std::chrono::duration<double, std::nano>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

// Mean ns per dispatch over `dispatches` back-to-back dispatches.
template <typename Dispatch>
double timeDispatches(int dispatches, Dispatch dispatch) {
  double start = nowNs();
  for (int i = 0; i < dispatches; ++i)
    dispatch();
  return (nowNs() - start) / dispatches;
}

double loadAverage() {
  double load1 = -1;
  if (FILE *loadavg = std::fopen("/proc/loadavg", "r")) {
    if (std::fscanf(loadavg, "%lf", &load1) != 1)
      load1 = -1;
    std::fclose(loadavg);
  }
  return load1;
}

int runOneCount(int threads, int rounds, int dispatches) {
  omp_set_num_threads(threads);
  using namespace speir::rt;
  ThreadTeam &team = StreamRegistry::instance().machineTeam();
  long cpus = sysconf(_SC_NPROCESSORS_ONLN);
  std::printf("== %d threads (%ld CPUs online%s), %d rounds x %d dispatches, "
              "load average "
              "%.2f; tree depth %d, caller fan-out %d\n",
              team.participants(), cpus,
              team.participants() > cpus ? ", oversubscribed" : "", rounds,
              dispatches, loadAverage(), team.treeDepth(), team.rootFanOut());
  std::printf("%6s | %-24s | %-24s | %8s | %6s %6s %6s %6s %6s\n", "n",
              "ours ns [p10-p90]", "libgomp ns [p10-p90]", "ours/omp", "rmw",
              "lines", "wakes", "parks", "stolen");
  for (int64_t n : {int64_t(2), int64_t(64), int64_t(512), int64_t(4096)}) {
    std::vector<double> ours, omp;
    auto runOurs = [&] {
      speir_parallel_for_range(n, 0, emptyRangeBody, nullptr);
    };
    auto runOmp = [&] {
#pragma omp parallel for schedule(static)
      for (int64_t i = 0; i < n; ++i) {
      }
    };
    // Warm both pools, then interleave so noise hits both alike.
    timeDispatches(dispatches, runOurs);
    timeDispatches(dispatches, runOmp);
    const DispatchCounters before = threadDispatchCounters();
    for (int r = 0; r < rounds; ++r) {
      ours.push_back(timeDispatches(dispatches, runOurs));
      omp.push_back(timeDispatches(dispatches, runOmp));
    }
    const DispatchCounters after = threadDispatchCounters();
    const double per = double(rounds) * dispatches;
    Stats o = summarize(ours), m = summarize(omp);
    char oc[64], mc[64];
    std::snprintf(oc, sizeof oc, "%7.0f [%6.0f-%6.0f]", o.median, o.p10, o.p90);
    std::snprintf(mc, sizeof mc, "%7.0f [%6.0f-%6.0f]", m.median, m.p10, m.p90);
    std::printf(
        "%6lld | %-24s | %-24s | %8.2f | %6.2f %6.2f %6.2f %6.2f %6.2f\n",
        static_cast<long long>(n), oc, mc, o.median / m.median,
        (after.atomicRmws - before.atomicRmws) / per,
        (after.waitedLines - before.waitedLines) / per,
        (after.futexWakes - before.futexWakes) / per,
        (after.futexWaits - before.futexWaits) / per,
        (after.stolenShares - before.stolenShares) / per);
    std::fflush(stdout);
  }
  std::printf("\n");
  return 0;
}

} // namespace

int main(int argc, char **argv) {
  if (argc > 2 && std::strcmp(argv[1], "--one") == 0)
    return runOneCount(std::atoi(argv[2]), std::atoi(argv[3]),
                       std::atoi(argv[4]));
  const std::string counts = argc > 1 ? argv[1] : "1,2";
  const int rounds = argc > 2 ? std::atoi(argv[2]) : 21;
  const int dispatches = argc > 3 ? std::atoi(argv[3]) : 1000;
  char self[4096];
  const ssize_t len = readlink("/proc/self/exe", self, sizeof self - 1);
  if (len <= 0)
    return 1;
  self[len] = '\0';
  std::printf(
      "parallel-for dispatch latency, empty body: speir_parallel_for_range vs "
      "omp parallel for schedule(static);\nper-dispatch counts are the "
      "dispatching thread's (rmw: atomic read-modify-writes; lines: other "
      "participants' cache lines waited on)\n\n");
  std::fflush(stdout);
  int status = 0;
  size_t at = 0;
  while (at < counts.size()) {
    size_t comma = counts.find(',', at);
    if (comma == std::string::npos)
      comma = counts.size();
    const int threads = std::atoi(counts.substr(at, comma - at).c_str());
    at = comma + 1;
    if (threads < 1 || threads > 64) {
      std::fprintf(stderr, "thread counts are 1 to 64\n");
      return 2;
    }
    const std::string command =
        "SPINE_NUM_THREADS=" + std::to_string(threads) +
        " OMP_NUM_THREADS=" + std::to_string(threads) + " '" + self +
        "' --one " + std::to_string(threads) + " " + std::to_string(rounds) +
        " " + std::to_string(dispatches);
    if (std::system(command.c_str()) != 0)
      status = 1;
  }
  return status;
}

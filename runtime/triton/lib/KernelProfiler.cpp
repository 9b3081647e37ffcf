// Kernel-level profiling (Triton's "proton" hooks on the CPU): scopes opened
// and closed per thread, kept in memory, written as a summary or a Chrome
// trace. Launches are milliseconds apart, so one mutex is cheap enough.
#include "spine_triton/spine_triton_runtime.h"

#include <algorithm>
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace {

struct Scope {
  std::string name;
  int64_t start = 0;
  int64_t end = 0;
  int64_t thread = 0; // dense thread number, for trace rows
  bool completed = false;
};

class KernelProfiler {
public:
  static KernelProfiler &instance() {
    static KernelProfiler profiler;
    return profiler;
  }

  void open(const char *name, int64_t timestamp) {
    std::lock_guard<std::mutex> lock(mutex_);
    int64_t thread = threadNumber();
    scopes_.push_back(Scope{name ? name : "", timestamp, 0, thread, false});
    openScopes_[{thread, scopes_.back().name}].push_back(scopes_.size() - 1);
  }

  void close(const char *name, int64_t timestamp) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = openScopes_.find({threadNumber(), name ? name : ""});
    if (it == openScopes_.end() || it->second.empty())
      return; // a close without an open is dropped, not guessed at
    size_t index = it->second.back();
    it->second.pop_back();
    if (it->second.empty())
      openScopes_.erase(it);
    scopes_[index].end = timestamp;
    scopes_[index].completed = true;
    completedOrder_.push_back(index);
  }

  void reset() {
    std::lock_guard<std::mutex> lock(mutex_);
    scopes_.clear();
    openScopes_.clear();
    completedOrder_.clear();
  }

  int64_t numCompleted() {
    std::lock_guard<std::mutex> lock(mutex_);
    return completedOrder_.size();
  }

  bool completed(int64_t i, const char **name, int64_t *duration) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (i < 0 || i >= static_cast<int64_t>(completedOrder_.size()))
      return false;
    const Scope &scope = scopes_[completedOrder_[i]];
    if (name)
      *name = scope.name.c_str();
    if (duration)
      *duration = scope.end - scope.start;
    return true;
  }

  void dump() {
    const char *output = std::getenv("PROTON_OUTPUT");
    size_t length = output ? std::strlen(output) : 0;
    if (length > 5 && std::strcmp(output + length - 5, ".json") == 0 &&
        writeChromeTrace(output) == 0)
      return;
    printSummary();
  }

  int writeChromeTrace(const char *path) {
    std::lock_guard<std::mutex> lock(mutex_);
    FILE *file = path ? std::fopen(path, "w") : nullptr;
    if (!file)
      return -1;
    int64_t origin = INT64_MAX;
    for (const Scope &scope : scopes_)
      if (scope.completed && scope.start < origin)
        origin = scope.start;
    double microsPerTick = 1e6 / spine_profiler_ticks_per_second();
    std::fprintf(file, "{\"displayTimeUnit\": \"ms\", \"traceEvents\": [");
    bool first = true;
    for (size_t index : completedOrder_) {
      const Scope &scope = scopes_[index];
      std::fprintf(
          file,
          "%s\n  {\"name\": \"%s\", \"cat\": \"kernel\", \"ph\": \"X\", "
          "\"ts\": %.3f, \"dur\": %.3f, \"pid\": 1, \"tid\": %" PRId64 "}",
          first ? "" : ",", jsonEscaped(scope.name).c_str(),
          (scope.start - origin) * microsPerTick,
          (scope.end - scope.start) * microsPerTick, scope.thread);
      first = false;
    }
    std::fprintf(file, "\n]}\n");
    return std::fclose(file) == 0 ? 0 : -1;
  }

private:
  KernelProfiler() = default;
  ~KernelProfiler() {
    if (!completedOrder_.empty())
      dump();
  }

  int64_t threadNumber() {
    auto id = std::this_thread::get_id();
    auto it = threadNumbers_.find(id);
    if (it != threadNumbers_.end())
      return it->second;
    int64_t number = threadNumbers_.size() + 1;
    threadNumbers_.emplace(id, number);
    return number;
  }

  static std::string jsonEscaped(const std::string &text) {
    std::string out;
    for (char c : text) {
      if (c == '"' || c == '\\') {
        out += '\\';
        out += c;
      } else if (static_cast<unsigned char>(c) < 0x20) {
        char escape[8];
        std::snprintf(escape, sizeof(escape), "\\u%04x", c);
        out += escape;
      } else {
        out += c;
      }
    }
    return out;
  }

  void printSummary() {
    struct Totals {
      int64_t count = 0, total = 0, min = INT64_MAX, max = 0;
    };
    std::map<std::string, Totals> byName;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      for (size_t index : completedOrder_) {
        const Scope &scope = scopes_[index];
        Totals &totals = byName[scope.name];
        int64_t duration = scope.end - scope.start;
        ++totals.count;
        totals.total += duration;
        totals.min = std::min(totals.min, duration);
        totals.max = std::max(totals.max, duration);
      }
    }
    double microsPerTick = 1e6 / spine_profiler_ticks_per_second();
    std::printf(
        "spine_triton kernel profile (us)\n%-40s %8s %12s %12s %12s %12s\n",
        "scope", "count", "total", "min", "max", "mean");
    for (const auto &[name, totals] : byName)
      std::printf("%-40s %8" PRId64 " %12.2f %12.2f %12.2f %12.2f\n",
                  name.c_str(), totals.count, totals.total * microsPerTick,
                  totals.min * microsPerTick, totals.max * microsPerTick,
                  totals.total * microsPerTick / totals.count);
    std::fflush(stdout);
  }

  std::mutex mutex_;
  std::vector<Scope> scopes_;
  std::vector<size_t> completedOrder_;
  std::map<std::pair<int64_t, std::string>, std::vector<size_t>> openScopes_;
  std::map<std::thread::id, int64_t> threadNumbers_;
};

std::string kernelScopeName(const char *kernel, int x, int y, int z) {
  char grid[48];
  std::snprintf(grid, sizeof(grid), "[%d,%d,%d]", x, y, z);
  return std::string(kernel ? kernel : "<kernel>") + grid;
}

#if defined(__riscv)
// The timer's rate is the device tree's timebase-frequency (big-endian u32).
int64_t readTimebaseFrequency() {
  FILE *file = std::fopen("/proc/device-tree/cpus/timebase-frequency", "rb");
  unsigned char bytes[4];
  int64_t frequency = 24000000; // SpacemiT K1's timer
  if (file) {
    if (std::fread(bytes, 1, 4, file) == 4)
      frequency = (int64_t(bytes[0]) << 24) | (bytes[1] << 16) |
                  (bytes[2] << 8) | bytes[3];
    std::fclose(file);
  }
  return frequency > 0 ? frequency : 24000000;
}
#endif

} // namespace

extern "C" int64_t spine_profiler_now(void) {
#if defined(__riscv)
  int64_t ticks;
  asm volatile("rdtime %0" : "=r"(ticks));
  return ticks;
#else
  timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  return int64_t(now.tv_sec) * 1000000000 + now.tv_nsec;
#endif
}

extern "C" int64_t spine_profiler_ticks_per_second(void) {
#if defined(__riscv)
  static const int64_t frequency = readTimebaseFrequency();
  return frequency;
#else
  return 1000000000;
#endif
}

extern "C" void proton_enter_kernel(const char *kernel_name, int gridX,
                                    int gridY, int gridZ) {
  KernelProfiler::instance().open(
      kernelScopeName(kernel_name, gridX, gridY, gridZ).c_str(),
      spine_profiler_now());
}

extern "C" void proton_exit_kernel(const char *kernel_name, int gridX,
                                   int gridY, int gridZ) {
  int64_t now = spine_profiler_now();
  KernelProfiler::instance().close(
      kernelScopeName(kernel_name, gridX, gridY, gridZ).c_str(), now);
}

extern "C" void proton_record(const char *name, int64_t timestamp,
                              int32_t is_start) {
  if (is_start)
    KernelProfiler::instance().open(name, timestamp);
  else
    KernelProfiler::instance().close(name, timestamp);
}

extern "C" void proton_dump(void) { KernelProfiler::instance().dump(); }

extern "C" int32_t proton_dump_chrome_trace(const char *path) {
  return KernelProfiler::instance().writeChromeTrace(path);
}

extern "C" void proton_reset(void) { KernelProfiler::instance().reset(); }

extern "C" int64_t proton_num_completed_scopes(void) {
  return KernelProfiler::instance().numCompleted();
}

extern "C" int32_t proton_get_completed_scope(int64_t i, const char **name,
                                              int64_t *duration_ticks) {
  return KernelProfiler::instance().completed(i, name, duration_ticks) ? 0 : -1;
}

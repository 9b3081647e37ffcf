// Device asserts of Triton kernels (tl.device_assert): fatal by default, as
// on a GPU, so a wrong result never goes unnoticed.
#include "spine_triton/spine_triton_runtime.h"

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <string>

namespace {
std::atomic<int64_t> failedAsserts{0};
std::mutex lastFailureMutex;
std::string lastFailure; // guarded by lastFailureMutex

bool assertsAreNonFatal() {
  const char *value = std::getenv("SPINE_TRITON_ASSERT_NONFATAL");
  return value && std::strcmp(value, "1") == 0;
}
} // namespace

extern "C" void spine_assert(int32_t pid_x, int32_t pid_y, int32_t pid_z,
                             int32_t condition, const char *message,
                             const char *file, int32_t line, const char *func) {
  if (condition & 1)
    return;
  const char *format = "%s:%d: %s: block: [%d, %d, %d] Assertion `%s` failed.";
  const char *fileName = file ? file : "<unknown>";
  const char *funcName = func ? func : "<unknown>";
  const char *text = message ? message : "";
  int length =
      std::snprintf(nullptr, 0, format, fileName, static_cast<int>(line),
                    funcName, static_cast<int>(pid_x), static_cast<int>(pid_y),
                    static_cast<int>(pid_z), text);
  std::string report(length > 0 ? length : 0, '\0');
  if (length > 0)
    std::snprintf(&report[0], report.size() + 1, format, fileName,
                  static_cast<int>(line), funcName, static_cast<int>(pid_x),
                  static_cast<int>(pid_y), static_cast<int>(pid_z), text);
  std::fprintf(stderr, "%s\n", report.c_str());
  std::fflush(stderr);
  {
    std::lock_guard<std::mutex> lock(lastFailureMutex);
    lastFailure = report;
  }
  failedAsserts.fetch_add(1, std::memory_order_relaxed);
  if (!assertsAreNonFatal())
    std::abort();
}

extern "C" int64_t spine_assert_failure_count(void) {
  return failedAsserts.load(std::memory_order_relaxed);
}

extern "C" int64_t spine_assert_last_failure(char *buffer, int64_t capacity) {
  std::lock_guard<std::mutex> lock(lastFailureMutex);
  if (buffer && capacity > 0) {
    size_t n =
        std::min<size_t>(lastFailure.size(), static_cast<size_t>(capacity - 1));
    std::memcpy(buffer, lastFailure.data(), n);
    buffer[n] = '\0';
  }
  return static_cast<int64_t>(lastFailure.size());
}

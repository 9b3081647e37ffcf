// Device asserts of Triton kernels (tl.device_assert): fatal by default, as
// on a GPU, so a wrong result never goes unnoticed.
#include "spine_triton/spine_triton_runtime.h"

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace {
std::atomic<int64_t> failedAsserts{0};

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
  std::fprintf(stderr, "%s:%d: %s: block: [%d, %d, %d] Assertion `%s` failed.\n",
               file ? file : "<unknown>", static_cast<int>(line),
               func ? func : "<unknown>", static_cast<int>(pid_x),
               static_cast<int>(pid_y), static_cast<int>(pid_z),
               message ? message : "");
  std::fflush(stderr);
  failedAsserts.fetch_add(1, std::memory_order_relaxed);
  if (!assertsAreNonFatal())
    std::abort();
}

extern "C" int64_t spine_assert_failure_count(void) {
  return failedAsserts.load(std::memory_order_relaxed);
}

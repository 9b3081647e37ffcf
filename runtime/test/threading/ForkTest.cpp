// A process that forks after using the thread pool (Python does so freely):
// the child has none of the workers, and must still complete every dispatch.
#include <array>
#include <atomic>
#include <csignal>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include "speir/spine_runtime.h"
#include "threading/Parallel.h"

namespace {

void addOne(void *ctx, const int64_t *) {
  static_cast<std::atomic<int64_t> *>(ctx)->fetch_add(
      1, std::memory_order_relaxed);
}

bool dispatchEverything() {
  std::atomic<int64_t> count{0};
  const int64_t sizes[3] = {7, 11, 13};
  if (speir_parallel_for(3, sizes, addOne, &count) != SPEIR_OK ||
      count.load() != 1001)
    return false;
  std::atomic<int64_t> ime{0};
  if (speir::rt::parallelFor(
          500, 3, speir::rt::CoreSet::Ime,
          [&](int64_t b, int64_t e) { ime.fetch_add(e - b); }) != SPEIR_OK ||
      ime.load() != 500)
    return false;
  std::atomic<int64_t> blocks{0};
  mlir::speir::spineMultiStreamDispatch<2>(
      nullptr,
      [&](const std::array<int64_t, 2> &) {
        int64_t stream = spine_require_stream();
        mlir::speir::spineStreamDispatch(
            reinterpret_cast<void *>(stream),
            [&](const std::array<int64_t, 3> &) { blocks.fetch_add(1); },
            {4, 1, 1});
        spine_release_stream(stream);
      },
      {5, 6});
  return blocks.load() == 5 * 6 * 4;
}

TEST(Fork, ChildCompletesDispatchesWithoutTheParentsWorkers) {
  ASSERT_TRUE(dispatchEverything()); // the pool and its threads exist now
  pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    alarm(60); // a hang kills the child, which the parent reports
    _exit(dispatchEverything() ? 0 : 1);
  }
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFEXITED(status))
      << "child killed by signal "
      << (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
  EXPECT_EQ(WEXITSTATUS(status), 0);
  EXPECT_TRUE(dispatchEverything()); // and the parent's pool still works
}

} // namespace

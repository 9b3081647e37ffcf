// Streams and the launcher's C++ entry points, through our public header.
#include <atomic>
#include <cstdlib>
#include <cstring>
#include <set>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "speir/spine_runtime.h"

namespace {

using mlir::speir::spineMultiStreamDispatch;
using mlir::speir::spineStreamDispatch;

bool actingAsK1WithEightThreads() {
  const char *arch = std::getenv("SPINE_ARCH_ID");
  const char *threads = std::getenv("SPINE_NUM_THREADS");
  return arch && threads && std::strcmp(threads, "8") == 0 &&
         (std::strcmp(arch, "0x503C") == 0 || std::strcmp(arch, "0x503c") == 0);
}

TEST(Stream, LayoutMatchesTopology) {
  const int64_t T = spine_get_stream_threads();
  EXPECT_GE(T, 1);
  if (actingAsK1WithEightThreads()) {
    EXPECT_EQ(T, 4); // one X60 cluster per stream
    EXPECT_NE(spine_get_current_stream(0), nullptr);
    EXPECT_NE(spine_get_current_stream(1), nullptr);
    EXPECT_EQ(spine_get_current_stream(2), nullptr);
  }
  EXPECT_NE(spine_get_current_stream(-1), nullptr);
  EXPECT_EQ(spine_get_current_stream(-2), nullptr);
  EXPECT_EQ(spine_get_current_stream(1 << 20), nullptr);
  EXPECT_NE(mlir::speir::spineGetMultiStream(1), nullptr);
  EXPECT_NE(mlir::speir::spineGetMultiStream(0), nullptr);
  EXPECT_GE(spine_get_num_cores(), 1);
}

TEST(Stream, BorrowedStreamsAreDistinctAndTheLastResortStillWorks) {
  std::vector<int64_t> borrowed;
  std::set<int64_t> distinct;
  for (int i = 0; i < 64; ++i) {
    int64_t handle = spine_require_stream();
    ASSERT_NE(handle, 0);
    borrowed.push_back(handle);
    distinct.insert(handle);
  }
  // Pool streams are handed out once each; then the inline stream repeats.
  EXPECT_LT(distinct.size(), borrowed.size());
  std::atomic<int> runs{0};
  spineStreamDispatch(
      reinterpret_cast<void *>(borrowed.back()),
      [&](const std::array<int64_t, 3> &) { runs.fetch_add(1); }, {5, 2, 3});
  EXPECT_EQ(runs.load(), 30);
  for (int64_t handle : borrowed)
    spine_release_stream(handle);
  // After release the first stream can be borrowed again.
  int64_t again = spine_require_stream();
  EXPECT_EQ(again, borrowed.front());
  spine_release_stream(again);
  spine_release_stream(0); // unknown handles are ignored
  spine_release_stream(-7);
}

template <int64_t rank>
void expectMultiStreamCoversGrid(const std::array<int64_t, rank> &sizes) {
  int64_t volume = 1;
  for (int64_t s : sizes)
    volume *= s;
  std::vector<std::atomic<int>> hits(static_cast<size_t>(volume));
  std::atomic<int> bad{0};
  spineMultiStreamDispatch<rank>(
      spine_get_current_stream(-1),
      [&](const std::array<int64_t, rank> &block) {
        int64_t linear = 0;
        for (int64_t d = 0; d < rank; ++d) {
          if (block[d] < 0 || block[d] >= sizes[d]) {
            bad.fetch_add(1);
            return;
          }
          linear = linear * sizes[d] + block[d];
        }
        hits[linear].fetch_add(1);
      },
      sizes);
  EXPECT_EQ(bad.load(), 0);
  for (int64_t i = 0; i < volume; ++i)
    ASSERT_EQ(hits[i].load(), 1) << "block " << i;
}

TEST(Stream, MultiStreamDispatchCoversEveryRank) {
  for (int64_t n : {0, 1, 2, 7, 64, 1001})
    expectMultiStreamCoversGrid<1>({n});
  for (int64_t n : {0, 1, 3, 33})
    expectMultiStreamCoversGrid<2>({n, 5});
  for (int64_t n : {0, 1, 4, 9})
    expectMultiStreamCoversGrid<3>({n, 3, 7});
}

TEST(Stream, MalformedDispatchesRunNothingAndDoNotCrash) {
  std::atomic<int> runs{0};
  auto count3 = [&](const std::array<int64_t, 3> &) { runs.fetch_add(1); };
  spineStreamDispatch(nullptr, count3, {-1, 4, 4});
  spineStreamDispatch(nullptr, count3, {4, 0, 4});
  spineMultiStreamDispatch<3>(nullptr, count3, {4, -3, 1});
  spineMultiStreamDispatch<1>(nullptr, {}, {10});
  spineStreamDispatch(nullptr, {}, {3, 3, 3});
  EXPECT_EQ(runs.load(), 0);
  // Null and unknown handles mean the default stream / multi-stream.
  spineStreamDispatch(nullptr, count3, {2, 2, 2});
  int junk = 0;
  spineStreamDispatch(&junk, count3, {2, 2, 2});
  spineMultiStreamDispatch<3>(&junk, count3, {2, 2, 2});
  EXPECT_EQ(runs.load(), 24);
}

TEST(Stream, NestedDispatchesOnEveryLevelComplete) {
  std::atomic<int64_t> leaves{0};
  spineMultiStreamDispatch<2>(
      nullptr,
      [&](const std::array<int64_t, 2> &) {
        int64_t stream = spine_require_stream();
        spineStreamDispatch(
            reinterpret_cast<void *>(stream),
            [&](const std::array<int64_t, 3> &) {
              // A multi-stream dispatch from inside a stream program.
              spineMultiStreamDispatch<1>(
                  nullptr,
                  [&](const std::array<int64_t, 1> &) { leaves.fetch_add(1); },
                  {3});
            },
            {4, 1, 2});
        spine_release_stream(stream);
      },
      {3, 5});
  EXPECT_EQ(leaves.load(), 3 * 5 * 4 * 2 * 3);
}

TEST(Stream, CallerThreadsDispatchOnTheirOwnStreamsConcurrently) {
  const int kCallers = 3, kDispatches = 400;
  std::vector<std::atomic<int64_t>> runs(kCallers);
  std::vector<std::thread> callers;
  for (int c = 0; c < kCallers; ++c)
    callers.emplace_back([&, c] {
      for (int i = 0; i < kDispatches; ++i) {
        int64_t stream = spine_require_stream();
        spineStreamDispatch(
            reinterpret_cast<void *>(stream),
            [&](const std::array<int64_t, 3> &) { runs[c].fetch_add(1); },
            {3, 2, 1});
        spine_release_stream(stream);
      }
    });
  for (std::thread &caller : callers)
    caller.join();
  for (int c = 0; c < kCallers; ++c)
    EXPECT_EQ(runs[c].load(), int64_t{kDispatches} * 6) << "caller " << c;
}

TEST(Stream, ConcurrentMultiStreamDispatchesFromSeveralThreads) {
  const int kCallers = 3, kDispatches = 100;
  std::vector<std::atomic<int64_t>> runs(kCallers);
  std::vector<std::thread> callers;
  for (int c = 0; c < kCallers; ++c)
    callers.emplace_back([&, c] {
      for (int i = 0; i < kDispatches; ++i)
        spineMultiStreamDispatch<1>(
            spine_get_current_stream(-1),
            [&](const std::array<int64_t, 1> &) { runs[c].fetch_add(1); },
            {17});
    });
  for (std::thread &caller : callers)
    caller.join();
  for (int c = 0; c < kCallers; ++c)
    EXPECT_EQ(runs[c].load(), int64_t{kDispatches} * 17) << "caller " << c;
}

} // namespace

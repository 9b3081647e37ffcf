// speir_scratch_alloc/free: per-thread arena with heap fallback.
#include <cstdint>
#include <cstring>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "memory/AlignedAlloc.h"
#include "speir/abi.h"

namespace {

bool aligned(const void *ptr, int64_t alignment) {
  return reinterpret_cast<uintptr_t>(ptr) % static_cast<uintptr_t>(alignment) ==
         0;
}

TEST(Scratch, EveryAlignmentIsHonoured) {
  for (int64_t alignment : {1, 2, 8, 16, 64, 128, 4096, 65536})
    for (int64_t bytes : {0, 1, 63, 1000, 100000}) {
      void *ptr = speir_scratch_alloc(bytes, alignment);
      ASSERT_NE(ptr, nullptr) << bytes << " @ " << alignment;
      EXPECT_TRUE(aligned(ptr, alignment)) << bytes << " @ " << alignment;
      std::memset(ptr, 0xAB, static_cast<size_t>(bytes));
      speir_scratch_free(ptr);
    }
  void *defaulted = speir_scratch_alloc(10, 0);
  ASSERT_NE(defaulted, nullptr);
  EXPECT_TRUE(aligned(defaulted, 64));
  speir_scratch_free(defaulted);
}

TEST(Scratch, InvalidRequestsReturnNull) {
  EXPECT_EQ(speir_scratch_alloc(-1, 64), nullptr);
  EXPECT_EQ(speir_scratch_alloc(16, 3), nullptr);
  EXPECT_EQ(speir_scratch_alloc(16, -64), nullptr);
  EXPECT_EQ(speir_scratch_alloc(16, int64_t{1} << 40), nullptr);
  EXPECT_EQ(speir_scratch_alloc(INT64_MAX, 64), nullptr);
  speir_scratch_free(nullptr);
}

TEST(Scratch, LiveBlocksNeverOverlapAndSpaceIsReused) {
  // Past the arena size, blocks come from the heap; all stay disjoint.
  std::vector<std::pair<char *, size_t>> blocks;
  for (int i = 0; i < 64; ++i) {
    size_t bytes = 4096 + 64 * i;
    auto *ptr = static_cast<char *>(
        speir_scratch_alloc(static_cast<int64_t>(bytes), 64));
    ASSERT_NE(ptr, nullptr);
    std::memset(ptr, i, bytes);
    blocks.push_back({ptr, bytes});
  }
  for (size_t i = 0; i < blocks.size(); ++i)
    for (size_t b = 0; b < blocks[i].second; b += 512)
      ASSERT_EQ(static_cast<unsigned char>(blocks[i].first[b]), i)
          << "block " << i;
  // Free in LIFO order: the arena top returns, so the same request gets the
  // same address back.
  for (auto it = blocks.rbegin(); it != blocks.rend(); ++it)
    speir_scratch_free(it->first);
  void *first = speir_scratch_alloc(4096, 64);
  EXPECT_EQ(first, blocks.front().first);
  speir_scratch_free(first);
}

TEST(Scratch, OutOfOrderAndCrossThreadFreesAreReclaimed) {
  void *a = speir_scratch_alloc(1000, 64);
  void *b = speir_scratch_alloc(1000, 64);
  void *c = speir_scratch_alloc(1000, 64);
  speir_scratch_free(b); // not the top: reclaimed once c goes
  std::thread other([c] { speir_scratch_free(c); });
  other.join();
  void *d = speir_scratch_alloc(1000, 64);
  EXPECT_EQ(d, b); // c and b both popped off the top
  speir_scratch_free(d);
  speir_scratch_free(a);
}

TEST(AlignedAlloc, HonoursAlignmentAndRejectsBadOnes) {
  for (size_t alignment : {8, 64, 256, 4096}) {
    void *ptr = speir::rt::alignedAlloc(100, alignment);
    ASSERT_NE(ptr, nullptr);
    EXPECT_TRUE(aligned(ptr, static_cast<int64_t>(alignment)));
    speir::rt::alignedFree(ptr);
  }
  EXPECT_EQ(speir::rt::alignedAlloc(100, 48), nullptr);
  EXPECT_EQ(speir::rt::alignedAlloc(100, 0), nullptr);
  EXPECT_NE(speir::rt::alignedAllocatorName(), nullptr);
}

} // namespace

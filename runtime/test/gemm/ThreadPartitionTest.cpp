// chooseColumnGroups and chooseRowBlock: how the GEMM driver splits rows and
// columns so that 2, 8 and 16 threads all get work, for square and skinny
// shapes.
#include <gtest/gtest.h>

#include "kernels/gemm/Blocking.h"

namespace {

using speir::gemm::chooseColumnGroups;
using speir::gemm::chooseRowBlock;

// Fraction of thread-rounds doing work for a split.
double busy(int64_t mBlocks, int64_t nPanels, int threads, int64_t groups) {
  const int64_t perGroup = (nPanels + groups - 1) / groups;
  const int64_t realGroups = (nPanels + perGroup - 1) / perGroup;
  const int64_t tasks = mBlocks * realGroups;
  const int64_t rounds = (tasks + threads - 1) / threads;
  return double(mBlocks) * nPanels / (double(rounds) * threads * perGroup);
}

TEST(ThreadPartition, OneThreadOrWholeRoundsKeepFullPanels) {
  EXPECT_EQ(chooseColumnGroups(8, 64, 1), 1);
  EXPECT_EQ(chooseColumnGroups(16, 64, 8), 1);
  EXPECT_EQ(chooseColumnGroups(32, 64, 16), 1);
  EXPECT_EQ(chooseColumnGroups(4, 1, 16), 1);
}

TEST(ThreadPartition, SkinnyShapesSplitColumnsOverEveryThread) {
  // M within one row block (LLM decode): N panels over all threads.
  for (int threads : {2, 4, 8, 16})
    for (int64_t nPanels : {64, 256, 257}) {
      const int64_t groups = chooseColumnGroups(1, nPanels, threads);
      EXPECT_GE(groups, threads)
          << threads << " threads, " << nPanels << " panels";
      EXPECT_GE(busy(1, nPanels, threads, groups), 0.9);
    }
}

TEST(ThreadPartition, UnevenRowBlocksAreEvenedOut) {
  // 9 row blocks on 8 threads would take 2 rounds for 9/16 of the work.
  for (int threads : {8, 16})
    for (int64_t mBlocks : {3, 5, 9, 17, 33}) {
      const int64_t groups = chooseColumnGroups(mBlocks, 64, threads);
      EXPECT_GE(busy(mBlocks, 64, threads, groups), 0.85)
          << threads << " threads, " << mBlocks << " row blocks";
      EXPECT_GE(busy(mBlocks, 64, threads, groups),
                busy(mBlocks, 64, threads, 1));
    }
}

TEST(ThreadPartition, FewRowBlocksAreSplitOverThreads) {
  // 256 rows in one 1024-row block: 2 blocks on 2 threads, 8 on 8, of 128
  // and 32 rows rounded up to whole 6-row panels.
  EXPECT_EQ(chooseRowBlock(256, 1024, 6, 2, false), 132);
  EXPECT_EQ(chooseRowBlock(256, 1024, 6, 8, false), 36);
  // Enough blocks, or one thread: the cache blocking's MC.
  EXPECT_EQ(chooseRowBlock(4096, 256, 6, 2, false), 256);
  EXPECT_EQ(chooseRowBlock(256, 1024, 6, 1, false), 1024);
}

TEST(ThreadPartition, RowsReadingBInPlaceStayOneBlock) {
  // M = 16 in 6-row panels with B read in place: a 12 + 4 row split gave
  // one of 2 threads twice the other's work and streamed B twice; one block
  // whose columns go to every thread instead.
  for (int threads : {2, 3, 8, 16})
    for (int64_t m : {7, 12, 16, 24}) {
      const int64_t mc = chooseRowBlock(m, 1024, 6, threads, true);
      EXPECT_GE(mc, m) << threads << " threads, M = " << m;
      const int64_t groups = chooseColumnGroups(1, 256, threads);
      EXPECT_GE(busy(1, 256, threads, groups), 0.9);
    }
  EXPECT_EQ(chooseRowBlock(16, 1024, 6, 2, false), 12);
}

} // namespace

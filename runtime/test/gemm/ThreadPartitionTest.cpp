// chooseColumnGroups: how the GEMM driver splits columns so that 8 and 16
// threads all get work, for square and skinny shapes.
#include <gtest/gtest.h>

#include "kernels/gemm/Blocking.h"

namespace {

using speir::gemm::chooseColumnGroups;

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

} // namespace

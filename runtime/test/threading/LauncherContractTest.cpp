// Written against the declarations the Spine Triton frontend's generated
// launcher makes itself (docs/frontend-contract.md), not against our headers:
// if our exported symbols drift from the contract, this fails to link.
#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <vector>

#include <gtest/gtest.h>

namespace mlir {
namespace speir {
void *spineGetMultiStream(int64_t);

template <int64_t rank>
void spineMultiStreamDispatch(
    void *multi_stream,
    const std::function<void(const std::array<int64_t, rank> &)> &fn,
    const std::array<int64_t, rank> &block_size);

void spineStreamDispatch(
    void *stream, const std::function<void(const std::array<int64_t, 3> &)> &fn,
    const std::array<int64_t, 3> &grid_size);
} // namespace speir
} // namespace mlir

extern "C" {
int64_t spine_get_stream_threads();
int64_t spine_require_stream();
void spine_release_stream(int64_t);
void *spine_get_current_stream(int64_t);
uint16_t spine_get_current_arch_id(void);
int64_t spine_get_num_cores(void);
void *spine_mbarrier_alloc(int16_t flag, int16_t arrive, int16_t tx,
                           int16_t expect);
void spine_mbarrier_release(void *);
}

namespace {

// A rank-0 strided memref descriptor, as the launcher passes pointers.
template <typename T> struct StridedMemRef0 {
  T *allocated;
  T *aligned;
  int64_t offset;
};

struct ToyKernelState {
  std::atomic<int> badArgs{0};
};
ToyKernelState toyState;

// The kernel ABI: (args..., gridX, gridY, gridZ, x, y, z), each pointer as
// (rank = 0, descriptor).
void toyKernel(int64_t rank, void *descriptor, int gridX, int gridY, int gridZ,
               int x, int y, int z) {
  auto *counts = static_cast<StridedMemRef0<std::atomic<int>> *>(descriptor);
  if (rank != 0 || x < 0 || y < 0 || z < 0 || x >= gridX || y >= gridY ||
      z >= gridZ) {
    toyState.badArgs.fetch_add(1);
    return;
  }
  counts
      ->aligned[counts->offset + x + int64_t{gridX} * (y + int64_t{gridY} * z)]
      .fetch_add(1);
}

using kernel_ptr_t = void (*)(int64_t, void *, int, int, int, int, int, int);

// The launcher's _launch, as the contract describes it.
template <bool smt_parallel_inside>
void launch(int gridX, int gridY, int gridZ, int64_t stream,
            kernel_ptr_t kernel_ptr, void *arg0) {
  if (gridX * gridY * gridZ <= 0)
    return;
  int64_t stream_threads = spine_get_stream_threads();
  int64_t gridX_out = (gridX + stream_threads - 1) / stream_threads;
  StridedMemRef0<char> ptr_arg0 = {static_cast<char *>(arg0),
                                   static_cast<char *>(arg0), 0};
  if constexpr (!smt_parallel_inside) {
    mlir::speir::spineMultiStreamDispatch<3>(
        reinterpret_cast<void *>(stream),
        [&](const std::array<int64_t, 3> &block) {
          int x_out = block[0];
          int y_out = block[1];
          int z_out = block[2];
          int64_t current_stream = spine_require_stream();
          mlir::speir::spineStreamDispatch(
              reinterpret_cast<void *>(current_stream),
              [&](const std::array<int64_t, 3> &cur_grid) {
                int x = cur_grid[0] + x_out * stream_threads;
                if (x >= gridX)
                  return;
                (*kernel_ptr)(0, &ptr_arg0, gridX, gridY, gridZ, x, y_out,
                              z_out);
              },
              {stream_threads, 1, 1});
          spine_release_stream(current_stream);
        },
        {gridX_out, gridY, gridZ});
  } else {
    mlir::speir::spineMultiStreamDispatch<3>(
        reinterpret_cast<void *>(stream),
        [&](const std::array<int64_t, 3> &block) {
          (*kernel_ptr)(0, &ptr_arg0, gridX, gridY, gridZ, block[0], block[1],
                        block[2]);
        },
        {gridX, gridY, gridZ});
  }
}

template <bool smt_parallel_inside>
void expectEveryProgramRunsOnce(int gx, int gy, int gz) {
  std::vector<std::atomic<int>> counts(static_cast<size_t>(gx) * gy * gz);
  toyState.badArgs.store(0);
  int64_t stream = reinterpret_cast<int64_t>(spine_get_current_stream(-1));
  launch<smt_parallel_inside>(gx, gy, gz, stream, toyKernel, counts.data());
  EXPECT_EQ(toyState.badArgs.load(), 0);
  for (size_t i = 0; i < counts.size(); ++i)
    ASSERT_EQ(counts[i].load(), 1)
        << "program " << i << " of grid " << gx << "x" << gy << "x" << gz;
}

TEST(LauncherContract, GridLoopRunsEveryProgramOnce) {
  for (int gx : {1, 2, 3, 5, 8, 37})
    for (int gy : {1, 4})
      for (int gz : {1, 3})
        expectEveryProgramRunsOnce<false>(gx, gy, gz);
}

TEST(LauncherContract, ParallelInsideDispatchesTheWholeGrid) {
  for (int gx : {1, 7, 64})
    expectEveryProgramRunsOnce<true>(gx, 3, 2);
}

TEST(LauncherContract, DriverQueriesAnswer) {
  EXPECT_GE(spine_get_stream_threads(), 1);
  EXPECT_GE(spine_get_num_cores(), 1);
  EXPECT_NE(spine_get_current_stream(-1), nullptr);
  EXPECT_NE(mlir::speir::spineGetMultiStream(2), nullptr);
  (void)spine_get_current_arch_id();
  void *barrier = spine_mbarrier_alloc(0, 1, 0, 1);
  EXPECT_NE(barrier, nullptr);
  spine_mbarrier_release(barrier);
}

} // namespace

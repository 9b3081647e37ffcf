#include "speir/abi.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>

namespace {

TEST(MemrefAllocHooks, AllocWritesAndFrees) {
  auto *p = static_cast<unsigned char *>(_mlir_memref_to_llvm_alloc(1000));
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(reinterpret_cast<uintptr_t>(p) % 64, 0u);
  std::memset(p, 0xAB, 1000);
  EXPECT_EQ(p[999], 0xAB);
  _mlir_memref_to_llvm_free(p);
}

TEST(MemrefAllocHooks, AlignedAllocHonoursAlignment) {
  for (uint64_t alignment : {16u, 64u, 256u, 4096u}) {
    void *p = _mlir_memref_to_llvm_aligned_alloc(alignment, 333);
    ASSERT_NE(p, nullptr);
    EXPECT_EQ(reinterpret_cast<uintptr_t>(p) % alignment, 0u) << alignment;
    _mlir_memref_to_llvm_free(p);
  }
}

TEST(MemrefAllocHooks, LargerThanTheArenaFallsBackToTheHeap) {
  void *p = _mlir_memref_to_llvm_alloc(8u << 20);
  ASSERT_NE(p, nullptr);
  std::memset(p, 1, 8u << 20);
  _mlir_memref_to_llvm_free(p);
}

TEST(MemrefAllocHooks, OutOfOrderFreesAreFine) {
  void *a = _mlir_memref_to_llvm_alloc(100);
  void *b = _mlir_memref_to_llvm_alloc(200);
  void *c = _mlir_memref_to_llvm_alloc(300);
  _mlir_memref_to_llvm_free(a);
  _mlir_memref_to_llvm_free(c);
  _mlir_memref_to_llvm_free(b);
  void *d = _mlir_memref_to_llvm_alloc(100);
  ASSERT_NE(d, nullptr);
  _mlir_memref_to_llvm_free(d);
}

TEST(MemrefAllocHooks, BadAlignmentIsNull) {
  EXPECT_EQ(_mlir_memref_to_llvm_aligned_alloc(3, 10), nullptr);
}

} // namespace

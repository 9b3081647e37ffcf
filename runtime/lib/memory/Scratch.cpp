// Per-thread scratch: a bump arena per thread (the stand-in for TCM, which
// user space cannot map without a vendor driver) with LIFO reclamation, and
// aligned heap beyond it. Every block carries a header so speir_scratch_free
// knows where a pointer came from, whichever thread frees it.
#include <algorithm>
#include <atomic>
#include <cstdint>
#include <new>

#include "memory/AlignedAlloc.h"
#include "speir/abi.h"

namespace {

constexpr uint32_t kScratchMagic = 0x53435254; // "SCRT"
constexpr size_t kArenaBytes = 256 * 1024;
constexpr int64_t kMaxAlignment = 1 << 16;

struct Arena;

struct ScratchHeader {
  uint32_t magic;
  std::atomic<uint32_t> freed;
  Arena *arena;            // nullptr: heap block
  void *block;             // heap: what alignedFree takes
  size_t previous_top;     // arena: top before this block
  ScratchHeader *previous; // arena: block below this one
};

struct Arena {
  char *base = nullptr;
  size_t top = 0;
  ScratchHeader *last = nullptr;
  std::atomic<int64_t> live{0};

  // Pops freed blocks off the top (LIFO order, any thread may have freed).
  void reclaim() {
    while (last && last->freed.load(std::memory_order_acquire)) {
      top = last->previous_top;
      last = last->previous;
    }
  }
};

// Frees the thread's arena at thread exit unless blocks are still in use
// elsewhere; then the arena is leaked rather than freed under them.
struct ArenaOwner {
  Arena *arena = new Arena;
  ~ArenaOwner() {
    if (arena->live.load(std::memory_order_acquire) != 0)
      return;
    speir::rt::alignedFree(arena->base);
    delete arena;
  }
};

Arena &threadArena() {
  thread_local ArenaOwner owner;
  Arena &arena = *owner.arena;
  if (!arena.base)
    arena.base =
        static_cast<char *>(speir::rt::alignedAlloc(kArenaBytes, 4096));
  return arena;
}

uintptr_t alignUp(uintptr_t value, uintptr_t alignment) {
  return (value + alignment - 1) & ~(alignment - 1);
}

} // namespace

extern "C" void *speir_scratch_alloc(int64_t bytes, int64_t alignment) {
  if (alignment == 0)
    alignment = 64;
  if (bytes < 0 || alignment < 0 || (alignment & (alignment - 1)) != 0 ||
      alignment > kMaxAlignment || bytes > (INT64_MAX >> 2))
    return nullptr;
  const size_t align =
      std::max<size_t>(static_cast<size_t>(alignment), alignof(ScratchHeader));
  const size_t size = static_cast<size_t>(bytes);

  Arena &arena = threadArena();
  if (arena.base) {
    arena.reclaim();
    uintptr_t base = reinterpret_cast<uintptr_t>(arena.base);
    uintptr_t user = alignUp(base + arena.top + sizeof(ScratchHeader), align);
    if (user + size <= base + kArenaBytes) {
      auto *header =
          new (reinterpret_cast<void *>(user - sizeof(ScratchHeader)))
              ScratchHeader{kScratchMagic, {0},       &arena,
                            nullptr,       arena.top, arena.last};
      arena.top = user + size - base;
      arena.last = header;
      arena.live.fetch_add(1, std::memory_order_relaxed);
      return reinterpret_cast<void *>(user);
    }
  }

  const size_t total = size + align + sizeof(ScratchHeader);
  void *block = speir::rt::alignedAlloc(total, align);
  if (!block)
    return nullptr;
  uintptr_t user = alignUp(
      reinterpret_cast<uintptr_t>(block) + sizeof(ScratchHeader), align);
  new (reinterpret_cast<void *>(user - sizeof(ScratchHeader)))
      ScratchHeader{kScratchMagic, {0}, nullptr, block, 0, nullptr};
  return reinterpret_cast<void *>(user);
}

extern "C" void speir_scratch_free(void *ptr) {
  if (!ptr)
    return;
  auto *header = reinterpret_cast<ScratchHeader *>(static_cast<char *>(ptr) -
                                                   sizeof(ScratchHeader));
  if (header->magic != kScratchMagic)
    return; // not ours: ignoring beats corrupting the heap
  if (!header->arena) {
    header->magic = 0;
    speir::rt::alignedFree(header->block);
    return;
  }
  Arena *arena = header->arena;
  header->magic = 0;
  header->freed.store(1, std::memory_order_release);
  if (arena == &threadArena())
    arena->reclaim();
  // Last touch of the arena: its owner may free it once live reaches 0.
  arena->live.fetch_sub(1, std::memory_order_acq_rel);
}

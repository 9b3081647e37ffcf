// mbarriers: the lowering of the frontend's xsmt_async barrier ops. A phase
// completes after `arrive` arrivals; its completion flips the parity that
// waiters compare against.
#include <atomic>
#include <cstdint>
#include <new>

#include "memory/AlignedAlloc.h"
#include "speir/abi.h"
#include "threading/Futex.h"
#include "threading/ThreadTeam.h"

namespace {

constexpr uint32_t kBarrierMagic = 0x6D626172; // "mbar"

struct alignas(64) MBarrier {
  uint32_t magic = kBarrierMagic;
  uint32_t initial_parity;
  int16_t arrive_count;
  int16_t tx_count;
  int16_t expected_waiters;
  // (completed phases << 32) | arrivals in the current phase: one word so an
  // arrival and a phase completion are a single atomic step.
  std::atomic<uint64_t> state{0};
  // Completed phases (low 32 bits): the futex word waiters sleep on.
  std::atomic<uint32_t> phase{0};
  std::atomic<uint32_t> sleepers{0};

  uint32_t currentParity() const {
    return (initial_parity + phase.load(std::memory_order_acquire)) & 1u;
  }
};

MBarrier *asBarrier(void *handle) {
  auto *barrier = static_cast<MBarrier *>(handle);
  if (!barrier || barrier->magic != kBarrierMagic)
    return nullptr;
  return barrier;
}

} // namespace

extern "C" void *spine_mbarrier_alloc(int16_t flag, int16_t arrive, int16_t tx,
                                      int16_t expect) {
  if ((flag != 0 && flag != 1) || arrive <= 0 || tx < 0 || expect < 0)
    return nullptr;
  void *memory = speir::rt::alignedAlloc(sizeof(MBarrier), alignof(MBarrier));
  if (!memory)
    return nullptr;
  auto *barrier = new (memory) MBarrier;
  barrier->initial_parity = static_cast<uint32_t>(flag);
  barrier->arrive_count = arrive;
  barrier->tx_count = tx;
  barrier->expected_waiters = expect;
  return barrier;
}

extern "C" void spine_mbarrier_release(void *handle) {
  MBarrier *barrier = asBarrier(handle);
  if (!barrier)
    return;
  barrier->magic = 0;
  barrier->~MBarrier();
  speir::rt::alignedFree(barrier);
}

extern "C" void speir_mbarrier_arrive(void *handle) {
  MBarrier *barrier = asBarrier(handle);
  if (!barrier)
    return;
  uint64_t old = barrier->state.load(std::memory_order_relaxed);
  for (;;) {
    uint64_t arrivals = (old & 0xffffffffu) + 1;
    uint64_t next = arrivals >= static_cast<uint64_t>(barrier->arrive_count)
                        ? ((old >> 32) + 1) << 32
                        : (old & ~uint64_t{0xffffffffu}) | arrivals;
    if (barrier->state.compare_exchange_weak(
            old, next, std::memory_order_acq_rel, std::memory_order_relaxed)) {
      if ((next >> 32) != (old >> 32)) {
        barrier->phase.fetch_add(1, std::memory_order_seq_cst);
        if (barrier->sleepers.load(std::memory_order_seq_cst) != 0)
          speir::rt::futexWakeAll(barrier->phase);
      }
      return;
    }
  }
}

extern "C" void speir_mbarrier_wait(void *handle, int16_t parity,
                                    int16_t arrive_count) {
  MBarrier *barrier = asBarrier(handle);
  // A mismatched arrive count means the barrier is not the one the code
  // allocated; waiting on it could hang forever.
  if (!barrier || (parity != 0 && parity != 1) ||
      (arrive_count > 0 && arrive_count != barrier->arrive_count))
    return;
  const uint32_t waitParity = static_cast<uint32_t>(parity);
  for (int i = 0; i < 4096; ++i) {
    if (barrier->currentParity() != waitParity)
      return;
    speir::rt::cpuRelax();
  }
  for (;;) {
    uint32_t seen = barrier->phase.load(std::memory_order_seq_cst);
    if (((barrier->initial_parity + seen) & 1u) != waitParity)
      return;
    barrier->sleepers.fetch_add(1, std::memory_order_seq_cst);
    if (barrier->phase.load(std::memory_order_seq_cst) == seen)
      speir::rt::futexWait(barrier->phase, seen);
    barrier->sleepers.fetch_sub(1, std::memory_order_relaxed);
  }
}

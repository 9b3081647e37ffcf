// Futex wait/wake on a 32-bit atomic: how idle threads park without a mutex.
#ifndef SPEIR_RUNTIME_THREADING_FUTEX_H
#define SPEIR_RUNTIME_THREADING_FUTEX_H

#include <atomic>
#include <climits>
#include <cstdint>
#include <linux/futex.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace speir::rt {

static_assert(sizeof(std::atomic<uint32_t>) == sizeof(uint32_t),
              "futex needs a plain 32-bit word");

// Sleeps while *word == expected (spurious wake-ups are possible).
inline void futexWait(std::atomic<uint32_t> &word, uint32_t expected) {
  syscall(SYS_futex, reinterpret_cast<uint32_t *>(&word), FUTEX_WAIT_PRIVATE,
          expected, nullptr, nullptr, 0);
}

inline void futexWakeAll(std::atomic<uint32_t> &word) {
  syscall(SYS_futex, reinterpret_cast<uint32_t *>(&word), FUTEX_WAKE_PRIVATE,
          INT_MAX, nullptr, nullptr, 0);
}

inline void cpuRelax() {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#elif defined(__aarch64__)
  asm volatile("yield");
#elif defined(__riscv)
  // `pause` (Zihintpause) is a hint encoded as a fence; safe on any core.
  asm volatile(".insn i 0x0F, 0, x0, x0, 0x010");
#endif
}

} // namespace speir::rt

#endif // SPEIR_RUNTIME_THREADING_FUTEX_H

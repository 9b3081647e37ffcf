// Built without V (see CMakeLists.txt) so the compiler itself never touches a
// vector register: the handler runs between two instructions of a vector
// kernel and must leave every register but vd/vd+1 as it found them. Its
// only vector instructions are whole-register loads and stores, which ignore
// and keep vl/vtype.
#include "ImeEmulator.h"

#include <atomic>
#include <csignal>
#include <cstring>
#include <ucontext.h>

namespace speir::test {
namespace {

std::atomic<uint64_t> gEmulated{0};
std::atomic<uint64_t> gEmulatedSlide{0};

#if defined(__riscv)
#define SPEIR_V_ASM(insn)                                                      \
  ".option push\n\t.option arch, +v\n\t" insn "\n\t.option pop"

template <int N> void storeVreg(void *dst) {
  __asm__ volatile(SPEIR_V_ASM("vs1r.v v%1, (%0)")
                   :
                   : "r"(dst), "i"(N)
                   : "memory");
}
template <int N> void loadVreg(const void *src) {
  __asm__ volatile(SPEIR_V_ASM("vl1re8.v v%1, (%0)")
                   :
                   : "r"(src), "i"(N)
                   : "memory");
}

// Register numbers come from the encoding: dispatch over all 32. A switch
// (jump table) costs the same for every register, which keeps the handler's
// instruction count constant for the icount benchmark's calibration.
// clang-format off
#define SPEIR_VREG_CASES(X)                                                    \
  X(0)                                                                         \
  X(1)                                                                         \
  X(2)                                                                         \
  X(3)                                                                         \
  X(4) X(5) X(6) X(7) X(8) X(9) X(10) X(11) X(12) X(13) X(14) X(15) X(16)      \
      X(17) X(18) X(19) X(20) X(21) X(22) X(23) X(24) X(25) X(26) X(27) X(28)  \
          X(29) X(30) X(31)
// clang-format on

void readVreg(int reg, void *dst) {
  switch (reg) {
#define SPEIR_READ_CASE(N)                                                     \
  case N:                                                                      \
    storeVreg<N>(dst);                                                         \
    break;
    SPEIR_VREG_CASES(SPEIR_READ_CASE)
#undef SPEIR_READ_CASE
  }
}

void writeVreg(int reg, const void *src) {
  switch (reg) {
#define SPEIR_WRITE_CASE(N)                                                    \
  case N:                                                                      \
    loadVreg<N>(src);                                                          \
    break;
    SPEIR_VREG_CASES(SPEIR_WRITE_CASE)
#undef SPEIR_WRITE_CASE
  }
}

unsigned long vlenb() {
  unsigned long v;
  __asm__ volatile(SPEIR_V_ASM("csrr %0, vlenb") : "=r"(v));
  return v;
}

void onSigill(int sig, siginfo_t *, void *ctx) {
  auto *uc = static_cast<ucontext_t *>(ctx);
  const uintptr_t pc = uc->uc_mcontext.__gregs[0]; // REG_PC
  // pc may be only 2-byte aligned (compressed code around it).
  uint16_t halves[2];
  std::memcpy(halves, reinterpret_cast<const void *>(pc), 4);
  const uint32_t insn = uint32_t(halves[0]) | (uint32_t(halves[1]) << 16);
  VmadotInsn d;
  if (!decodeVmadot(insn, &d)) {
    // Not ours: die the way the program would have without us.
    signal(sig, SIG_DFL);
    return;
  }
  // Always two A registers (the second unused by the plain forms), so the
  // handler's instruction count barely depends on the form.
  alignas(16) uint8_t a[64], b[32];
  alignas(16) int32_t c[16];
  readVreg(d.vs1, a);
  readVreg((d.vs1 + 1) & 31, a + 32);
  readVreg(d.vs2, b);
  readVreg(d.vd, c);
  readVreg(d.vd + 1, c + 8);
  vmadotReference(a + 8 * d.slide, b, c, d.lhsSigned, d.rhsSigned);
  writeVreg(d.vd, c);
  writeVreg(d.vd + 1, c + 8);
  uc->uc_mcontext.__gregs[0] = pc + 4;
  gEmulated.fetch_add(1, std::memory_order_relaxed);
  if (d.slide)
    gEmulatedSlide.fetch_add(1, std::memory_order_relaxed);
}
#endif

} // namespace

bool decodeVmadot(uint32_t insn, VmadotInsn *out) {
  // custom-1 major opcode, bit 7 zero. Plain forms: funct7 0b1110001, bit 14
  // zero, vs1 in [19:15]. Slide forms: funct7 0b1110011, vs1[4:1] in [19:16],
  // slide - 1 in [15:14].
  if ((insn & 0x7f) != 0x2b || (insn & (1u << 7)))
    return false;
  const uint32_t funct7 = insn >> 25;
  if (funct7 == 0x71) {
    if (insn & (1u << 14))
      return false;
    out->vs1 = int((insn >> 15) & 0x1f);
    out->slide = 0;
  } else if (funct7 == 0x73) {
    out->vs1 = int((insn >> 16) & 0xf) * 2;
    out->slide = int((insn >> 14) & 3) + 1;
  } else {
    return false;
  }
  const uint32_t sign = (insn >> 12) & 3; // 00 uu, 01 us, 10 su, 11 ss
  out->vd = int((insn >> 8) & 0xf) * 2;
  out->vs2 = int((insn >> 20) & 0x1f);
  out->lhsSigned = sign & 2;
  out->rhsSigned = sign & 1;
  return true;
}

void vmadotReference(const uint8_t a[32], const uint8_t b[32], int32_t c[16],
                     bool lhsSigned, bool rhsSigned) {
  for (int i = 0; i < 4; ++i)
    for (int j = 0; j < 4; ++j) {
      uint32_t sum = uint32_t(c[i * 4 + j]);
      for (int k = 0; k < 8; ++k) {
        int32_t x = lhsSigned ? int8_t(a[i * 8 + k]) : a[i * 8 + k];
        int32_t y = rhsSigned ? int8_t(b[j * 8 + k]) : b[j * 8 + k];
        sum += uint32_t(x * y);
      }
      c[i * 4 + j] = int32_t(sum);
    }
}

void vmadotSlideReference(const uint8_t pair[64], int slide,
                          const uint8_t b[32], int32_t c[16], bool lhsSigned,
                          bool rhsSigned) {
  vmadotReference(pair + 8 * slide, b, c, lhsSigned, rhsSigned);
}

bool installImeEmulator() {
#if defined(__riscv)
  static const bool installed = [] {
    if (vlenb() != 32)
      return false;
    struct sigaction sa;
    std::memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = onSigill;
    sa.sa_flags = SA_SIGINFO;
    sigemptyset(&sa.sa_mask);
    return sigaction(SIGILL, &sa, nullptr) == 0;
  }();
  return installed;
#else
  return false;
#endif
}

uint64_t imeEmulatedCount() { return gEmulated.load(); }
uint64_t imeEmulatedSlideCount() { return gEmulatedSlide.load(); }

} // namespace speir::test

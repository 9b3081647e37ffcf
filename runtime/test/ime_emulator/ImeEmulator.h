// Test-only emulation of SpacemiT IME (XSMTVDot) on machines that trap on it
// (qemu-riscv64 7.2): a SIGILL handler decodes smt.vmadot{,u,su,us}, reads
// the operand registers, computes, writes vd/vd+1 back and skips the
// instruction. A60 semantics (VLEN 256): vs1 = A 4x8, vs2 = B 4x8 (N x K),
// vd pair = C 4x4 int32, C += A * B^T. Never linked into the shipped runtime.
#ifndef SPEIR_TEST_IME_EMULATOR_IMEEMULATOR_H
#define SPEIR_TEST_IME_EMULATOR_IMEEMULATOR_H

#include <cstdint>

namespace speir::test {

struct VmadotInsn {
  int vd, vs1, vs2;
  bool lhsSigned, rhsSigned;
};

// Decodes the non-slide vmadot forms; false for any other instruction
// (including the slide forms smt.vmadot1/2/3/n, which the kernels never use).
bool decodeVmadot(uint32_t insn, VmadotInsn *out);

// c[i*4 + j] += sum_k a[i*8 + k] * b[j*8 + k] with the given signedness.
void vmadotReference(const uint8_t a[32], const uint8_t b[32], int32_t c[16],
                     bool lhsSigned, bool rhsSigned);

// Installs the SIGILL handler (idempotent). False where it cannot work:
// not riscv64, or VLEN != 256.
bool installImeEmulator();

// Instructions emulated so far, all threads.
uint64_t imeEmulatedCount();

} // namespace speir::test

#endif

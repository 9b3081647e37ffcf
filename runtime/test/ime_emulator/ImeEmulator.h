// Test-only emulation of SpacemiT IME (XSMTVDot) on machines that trap on it
// (qemu-riscv64 7.2): a SIGILL handler decodes smt.vmadot{,1,2,3}{,u,su,us},
// reads the operand registers, computes, writes vd/vd+1 back and skips the
// instruction. X60 semantics (VLEN 256): vs1 = A 4x8, vs2 = B 4x8 (N x K),
// vd pair = C 4x4 int32, C += A * B^T. The slide forms vmadotS (S = 1..3)
// read A from the 8x8 rows of the register pair vs1, vs1+1 (vs1 even),
// starting at row S: A[i][k] = pair[(S + i) * 8 + k] (riscv-ime-extension-spec,
// "Sliding-window dot-product": A[slide * K + i * K + k]); signedness as the
// plain forms. Never linked into the shipped runtime.
#ifndef SPEIR_TEST_IME_EMULATOR_IMEEMULATOR_H
#define SPEIR_TEST_IME_EMULATOR_IMEEMULATOR_H

#include <cstdint>

namespace speir::test {

struct VmadotInsn {
  int vd, vs1, vs2;
  int slide; // 0 for the plain forms, 1..3 for smt.vmadot1/2/3*
  bool lhsSigned, rhsSigned;
};

// Decodes smt.vmadot* and smt.vmadot{1,2,3}*; false for any other
// instruction (including smt.vmadotn*, whose slide comes from t0 and which no
// kernel uses).
bool decodeVmadot(uint32_t insn, VmadotInsn *out);

// c[i*4 + j] += sum_k a[i*8 + k] * b[j*8 + k] with the given signedness.
void vmadotReference(const uint8_t a[32], const uint8_t b[32], int32_t c[16],
                     bool lhsSigned, bool rhsSigned);

// The slide forms: a holds the register pair (64 bytes, 8 rows of 8); rows
// slide .. slide + 3 are the A operand.
void vmadotSlideReference(const uint8_t pair[64], int slide,
                          const uint8_t b[32], int32_t c[16], bool lhsSigned,
                          bool rhsSigned);

// Installs the SIGILL handler (idempotent). False where it cannot work:
// not riscv64, or VLEN != 256.
bool installImeEmulator();

// Instructions emulated so far, all threads (plain and slide forms).
uint64_t imeEmulatedCount();
// Of those, the slide forms smt.vmadot1/2/3*.
uint64_t imeEmulatedSlideCount();

} // namespace speir::test

#endif

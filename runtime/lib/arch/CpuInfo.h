// What the runtime knows about the processor it runs on: detected once, then
// read-only. SPINE_ARCH_ID (hex, e.g. 0x503C) overrides the detected arch_id
// so tests under qemu can act as a K1; the row of SpacemitCores.def it names
// then supplies VLEN, IME and cluster facts the host cannot report.
#ifndef SPEIR_RUNTIME_ARCH_CPUINFO_H
#define SPEIR_RUNTIME_ARCH_CPUINFO_H

#include <cstdint>
#include <string>

// Default visibility: the runtime tests link these from the shared library.
#pragma GCC visibility push(default)
namespace speir::rt {

struct CpuInfo {
  uint16_t arch_id;       // 0 when the core is not a known SpacemiT core
  const char *name;       // core name from the table, or "generic"
  int vlen_bits;          // 0 when the V extension is absent
  int ime_version;        // 0 = none, 1 = XSMTVDot, 2 = IME2
  int num_cores;          // online cores of this process's machine
  uint64_t ime_core_mask; // bit i set = core i executes IME instructions
  int64_t l1d_bytes, l2_bytes, l3_bytes; // 0 when unknown
};

const CpuInfo &cpuInfo();

// One row of SpacemitCores.def.
struct SpacemitCore {
  uint16_t arch_id;
  const char *name;
  const char *llvm_cpu;
  int vlen_bits;
  int ime_version;
  int clusters;
  int cores_per_cluster;
  uint64_t ime_cluster_mask;
};

// The table row for arch_id, or nullptr.
const SpacemitCore *findSpacemitCore(uint16_t arch_id);

// The parts of detection that read text, exposed for tests.
// Parses "0x503C" / "503c"; false on anything else (empty, junk, > 0xFFFF).
bool parseArchId(const char *text, uint16_t &arch_id);
// Maps /proc/cpuinfo text to a known arch_id (mvendorid + marchid), or 0.
uint16_t archIdFromProcCpuinfo(const std::string &cpuinfo);
// Parses sysfs cache sizes such as "32K", "512K", "8M", "1024".
int64_t parseCacheSize(const std::string &text);
// Expands a table row's cluster mask into a core mask (cores numbered
// cluster-major, cores_per_cluster each).
uint64_t imeCoreMask(const SpacemitCore &core);
// Builds the CpuInfo from detected facts plus an optional override (null =
// none). Used by cpuInfo() and by tests.
CpuInfo makeCpuInfo(uint16_t detected_arch_id, int detected_vlen_bits,
                    int num_cores, int64_t l1d, int64_t l2, int64_t l3,
                    const char *arch_id_override);

} // namespace speir::rt
#pragma GCC visibility pop

#endif // SPEIR_RUNTIME_ARCH_CPUINFO_H

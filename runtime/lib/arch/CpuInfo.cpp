#include "arch/CpuInfo.h"

#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <thread>
#include <unistd.h>

#if defined(__riscv)
#include <sys/auxv.h>
#endif

namespace speir::rt {
namespace {

const SpacemitCore kSpacemitCores[] = {
#define SPACEMIT_CORE(ARCH_ID, NAME, LLVM_CPU, LLVM_FEATURES, VLEN,            \
                      IME_VERSION, CLUSTERS, CORES_PER_CLUSTER,                \
                      IME_CLUSTER_MASK)                                        \
  {ARCH_ID,     NAME,     LLVM_CPU,          VLEN,                             \
   IME_VERSION, CLUSTERS, CORES_PER_CLUSTER, IME_CLUSTER_MASK},
#include "speir/SpacemitCores.def"
};

// /proc/cpuinfo identification of SpacemiT cores. Only the K1's marchid is
// public; other cores are recognised through SPINE_ARCH_ID until theirs are.
struct MarchidMapping {
  uint64_t mvendorid;
  uint64_t marchid;
  uint16_t arch_id;
};
const MarchidMapping kKnownMarchids[] = {
    {0x710, 0x8000000058000001ull, 0x503C},
};

std::string readFile(const std::string &path) {
  std::ifstream in(path);
  if (!in)
    return {};
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

bool parseHexU64(const std::string &text, uint64_t &value) {
  const char *begin = text.c_str();
  while (std::isspace(static_cast<unsigned char>(*begin)))
    ++begin;
  if (!*begin)
    return false;
  char *end = nullptr;
  errno = 0;
  unsigned long long parsed = std::strtoull(begin, &end, 16);
  if (errno != 0 || end == begin)
    return false;
  while (std::isspace(static_cast<unsigned char>(*end)))
    ++end;
  if (*end)
    return false;
  value = parsed;
  return true;
}

// Value of the first "key : value" line of /proc/cpuinfo-style text.
std::string cpuinfoField(const std::string &cpuinfo, const char *key) {
  std::istringstream lines(cpuinfo);
  std::string line;
  size_t keyLen = std::strlen(key);
  while (std::getline(lines, line)) {
    if (line.compare(0, keyLen, key) != 0)
      continue;
    size_t colon = line.find(':', keyLen);
    if (colon == std::string::npos)
      continue;
    // The key must be followed only by blanks before the colon.
    if (line.find_first_not_of(" \t", keyLen) != colon)
      continue;
    return line.substr(colon + 1);
  }
  return {};
}

int detectVlenBits() {
#if defined(__riscv) && defined(__riscv_vector)
  if (getauxval(AT_HWCAP) & (1ul << ('V' - 'A'))) {
    unsigned long vlenb;
    asm volatile("csrr %0, vlenb" : "=r"(vlenb));
    return static_cast<int>(vlenb * 8);
  }
#endif
  return 0;
}

int detectNumCores() {
  long online = sysconf(_SC_NPROCESSORS_ONLN);
  if (online > 0)
    return static_cast<int>(online);
  unsigned hw = std::thread::hardware_concurrency();
  return hw > 0 ? static_cast<int>(hw) : 1;
}

void detectCaches(int64_t &l1d, int64_t &l2, int64_t &l3) {
  l1d = l2 = l3 = 0;
  for (int index = 0; index < 16; ++index) {
    std::string dir = "/sys/devices/system/cpu/cpu0/cache/index" +
                      std::to_string(index) + "/";
    std::string level = readFile(dir + "level");
    if (level.empty())
      break;
    std::string type = readFile(dir + "type");
    int64_t size = parseCacheSize(readFile(dir + "size"));
    int lvl = std::atoi(level.c_str());
    if (lvl == 1 && type.compare(0, 4, "Data") == 0)
      l1d = size;
    else if (lvl == 2)
      l2 = size;
    else if (lvl == 3)
      l3 = size;
  }
}

} // namespace

const SpacemitCore *findSpacemitCore(uint16_t arch_id) {
  for (const SpacemitCore &core : kSpacemitCores)
    if (core.arch_id == arch_id)
      return &core;
  return nullptr;
}

bool parseArchId(const char *text, uint16_t &arch_id) {
  if (!text)
    return false;
  uint64_t value = 0;
  if (!parseHexU64(text, value) || value > 0xFFFF)
    return false;
  arch_id = static_cast<uint16_t>(value);
  return true;
}

uint16_t archIdFromProcCpuinfo(const std::string &cpuinfo) {
  uint64_t mvendorid = 0, marchid = 0;
  if (!parseHexU64(cpuinfoField(cpuinfo, "mvendorid"), mvendorid) ||
      !parseHexU64(cpuinfoField(cpuinfo, "marchid"), marchid))
    return 0;
  for (const MarchidMapping &known : kKnownMarchids)
    if (known.mvendorid == mvendorid && known.marchid == marchid)
      return known.arch_id;
  return 0;
}

int64_t parseCacheSize(const std::string &text) {
  const char *begin = text.c_str();
  char *end = nullptr;
  long long value = std::strtoll(begin, &end, 10);
  if (end == begin || value < 0)
    return 0;
  switch (*end) {
  case 'K':
  case 'k':
    return value << 10;
  case 'M':
  case 'm':
    return value << 20;
  case 'G':
  case 'g':
    return value << 30;
  default:
    return value;
  }
}

uint64_t imeCoreMask(const SpacemitCore &core) {
  uint64_t mask = 0;
  for (int cluster = 0; cluster < core.clusters; ++cluster) {
    if (!(core.ime_cluster_mask & (1ull << cluster)))
      continue;
    for (int c = 0; c < core.cores_per_cluster; ++c) {
      int bit = cluster * core.cores_per_cluster + c;
      if (bit < 64)
        mask |= 1ull << bit;
    }
  }
  return mask;
}

CpuInfo makeCpuInfo(uint16_t detected_arch_id, int detected_vlen_bits,
                    int num_cores, int64_t l1d, int64_t l2, int64_t l3,
                    const char *arch_id_override) {
  uint16_t arch_id = detected_arch_id;
  uint16_t overridden = 0;
  if (arch_id_override && parseArchId(arch_id_override, overridden))
    arch_id = overridden;

  CpuInfo info{};
  info.arch_id = arch_id;
  info.name = "generic";
  info.vlen_bits = detected_vlen_bits;
  info.num_cores = num_cores > 0 ? num_cores : 1;
  info.l1d_bytes = l1d;
  info.l2_bytes = l2;
  info.l3_bytes = l3;
  if (const SpacemitCore *core = findSpacemitCore(arch_id)) {
    info.name = core->name;
    // A measured VLEN (vlenb) wins over the table: qemu may run at another.
    if (info.vlen_bits == 0)
      info.vlen_bits = core->vlen_bits;
    info.ime_version = core->ime_version;
    info.ime_core_mask = core->ime_version ? imeCoreMask(*core) : 0;
  }
  return info;
}

const CpuInfo &cpuInfo() {
  static const CpuInfo info = [] {
    int64_t l1d, l2, l3;
    detectCaches(l1d, l2, l3);
    return makeCpuInfo(archIdFromProcCpuinfo(readFile("/proc/cpuinfo")),
                       detectVlenBits(), detectNumCores(), l1d, l2, l3,
                       std::getenv("SPINE_ARCH_ID"));
  }();
  return info;
}

} // namespace speir::rt

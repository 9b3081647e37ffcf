// CPU detection, the core table, and the SPINE_ARCH_ID override. The same
// binary runs under several environments (see CMakeLists.txt).
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "arch/CpuInfo.h"
#include "speir/abi.h"

namespace {

using namespace speir::rt;

std::string readProcCpuinfo() {
  std::ifstream in("/proc/cpuinfo");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(CpuInfo, ParsesArchIds) {
  uint16_t id = 0;
  EXPECT_TRUE(parseArchId("0x503C", id));
  EXPECT_EQ(id, 0x503C);
  EXPECT_TRUE(parseArchId("a064", id));
  EXPECT_EQ(id, 0xA064);
  EXPECT_TRUE(parseArchId(" 0XF000 ", id));
  EXPECT_EQ(id, 0xF000);
  EXPECT_FALSE(parseArchId("", id));
  EXPECT_FALSE(parseArchId(nullptr, id));
  EXPECT_FALSE(parseArchId("not-hex", id));
  EXPECT_FALSE(parseArchId("0x503C junk", id));
  EXPECT_FALSE(parseArchId("0x10000", id));
}

TEST(CpuInfo, TableHasEveryContractArchId) {
  for (uint16_t id : {0x503C, 0x5064, 0x50C8, 0xA03C, 0xA064, 0xA0C8, 0xF000})
    EXPECT_NE(findSpacemitCore(id), nullptr) << std::hex << id;
  EXPECT_EQ(findSpacemitCore(0x1234), nullptr);
  const SpacemitCore *x60 = findSpacemitCore(0x503C);
  ASSERT_NE(x60, nullptr);
  EXPECT_STREQ(x60->name, "spacemit-x60");
  EXPECT_EQ(x60->vlen_bits, 256);
  EXPECT_EQ(x60->ime_version, 1);
  EXPECT_EQ(imeCoreMask(*x60), 0xFull); // cluster 0 = cores 0-3
  const SpacemitCore *a100 = findSpacemitCore(0xA064);
  ASSERT_NE(a100, nullptr);
  EXPECT_EQ(imeCoreMask(*a100), 0xFFull);
  EXPECT_EQ(imeCoreMask(*findSpacemitCore(0x5064)), 0ull);
}

TEST(CpuInfo, IdentifiesK1FromProcCpuinfo) {
  const std::string k1 =
      "processor\t: 0\nhart\t\t: 0\nmodel name\t: Spacemit(R) X60\n"
      "isa\t\t: rv64imafdcv_zicbom\nmmu\t\t: sv39\n"
      "mvendorid\t: 0x710\nmarchid\t\t: 0x8000000058000001\n"
      "mimpid\t\t: 0x1000000049772200\n\n";
  EXPECT_EQ(archIdFromProcCpuinfo(k1), 0x503C);
  EXPECT_EQ(
      archIdFromProcCpuinfo("vendor_id\t: GenuineIntel\nflags\t\t: fpu\n"), 0);
  EXPECT_EQ(archIdFromProcCpuinfo("mvendorid\t: 0x710\nmarchid\t\t: 0x1\n"), 0);
  EXPECT_EQ(archIdFromProcCpuinfo(
                "mvendorid\t: 0x489\nmarchid\t\t: 0x8000000058000001\n"),
            0);
}

TEST(CpuInfo, ParsesSysfsCacheSizes) {
  EXPECT_EQ(parseCacheSize("32K\n"), 32 * 1024);
  EXPECT_EQ(parseCacheSize("512K"), 512 * 1024);
  EXPECT_EQ(parseCacheSize("8M"), 8 * 1024 * 1024);
  EXPECT_EQ(parseCacheSize("1024"), 1024);
  EXPECT_EQ(parseCacheSize(""), 0);
  EXPECT_EQ(parseCacheSize("junk"), 0);
}

TEST(CpuInfo, OverrideSuppliesTableFacts) {
  CpuInfo k1 = makeCpuInfo(0, 0, 2, 1, 2, 3, "0x503C");
  EXPECT_EQ(k1.arch_id, 0x503C);
  EXPECT_STREQ(k1.name, "spacemit-x60");
  EXPECT_EQ(k1.vlen_bits, 256);
  EXPECT_EQ(k1.ime_version, 1);
  EXPECT_EQ(k1.ime_core_mask, 0xFull);
  EXPECT_EQ(k1.num_cores, 2);
  EXPECT_EQ(k1.l1d_bytes, 1);
  // A measured VLEN (qemu at 128) wins over the table's.
  EXPECT_EQ(makeCpuInfo(0, 128, 2, 0, 0, 0, "0x503C").vlen_bits, 128);
  // A bad override is ignored; an unknown arch is generic.
  CpuInfo bad = makeCpuInfo(0x503C, 256, 8, 0, 0, 0, "junk");
  EXPECT_EQ(bad.arch_id, 0x503C);
  CpuInfo host = makeCpuInfo(0, 0, 4, 0, 0, 0, nullptr);
  EXPECT_EQ(host.arch_id, 0);
  EXPECT_STREQ(host.name, "generic");
  EXPECT_EQ(host.vlen_bits, 0);
  EXPECT_EQ(host.ime_version, 0);
  EXPECT_EQ(host.ime_core_mask, 0ull);
}

// What this process detected, under whatever SPINE_ARCH_ID ctest set.
TEST(CpuInfo, ProcessDetectionHonoursTheEnvironment) {
  const CpuInfo &info = cpuInfo();
  EXPECT_EQ(spine_get_current_arch_id(), info.arch_id);
  EXPECT_EQ(spine_get_num_cores(), info.num_cores);
  EXPECT_GE(info.num_cores, 1);
  uint16_t expected = archIdFromProcCpuinfo(readProcCpuinfo());
  uint16_t overridden = 0;
  if (parseArchId(std::getenv("SPINE_ARCH_ID"), overridden))
    expected = overridden;
  EXPECT_EQ(info.arch_id, expected);
  if (const SpacemitCore *core = findSpacemitCore(expected)) {
    EXPECT_STREQ(info.name, core->name);
    EXPECT_EQ(info.ime_version, core->ime_version);
    EXPECT_EQ(info.ime_core_mask, core->ime_version ? imeCoreMask(*core) : 0);
  } else {
    EXPECT_EQ(info.ime_version, 0);
    EXPECT_EQ(info.ime_core_mask, 0ull);
  }
#if defined(__riscv) && defined(__riscv_vector)
  // scripts/test-runtime.sh runs qemu at SPINE_QEMU_VLEN and exports it.
  if (const char *vlen = std::getenv("SPINE_QEMU_VLEN"))
    EXPECT_EQ(info.vlen_bits, std::atoi(vlen));
  EXPECT_GT(info.vlen_bits, 0);
#else
  if (!findSpacemitCore(expected))
    EXPECT_EQ(info.vlen_bits, 0);
#endif
}

} // namespace

#include "arch/CpuInfo.h"
#include "speir/abi.h"

extern "C" uint16_t spine_get_current_arch_id(void) {
  return speir::rt::cpuInfo().arch_id;
}

extern "C" int64_t spine_get_num_cores(void) {
  return speir::rt::cpuInfo().num_cores;
}

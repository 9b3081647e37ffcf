#include "spine/Target/SpacemitCores.h"

#include "llvm/ADT/STLExtras.h"

namespace mlir::spine {

static const SpacemitCore kCores[] = {
#define SPACEMIT_CORE(ARCH_ID, NAME, LLVM_CPU, LLVM_FEATURES, VLEN, IME,       \
                      CLUSTERS, CORES_PER_CLUSTER, IME_CLUSTER_MASK)           \
  {ARCH_ID, NAME,     LLVM_CPU,          LLVM_FEATURES,   VLEN,                \
   IME,     CLUSTERS, CORES_PER_CLUSTER, IME_CLUSTER_MASK},
#include "speir/SpacemitCores.def"
};

llvm::ArrayRef<SpacemitCore> getSpacemitCores() { return kCores; }

const SpacemitCore *lookupSpacemitCore(uint32_t archId) {
  auto *it = llvm::find_if(
      kCores, [&](const SpacemitCore &core) { return core.archId == archId; });
  return it == std::end(kCores) ? nullptr : it;
}

std::optional<uint32_t> parseArchId(llvm::StringRef text) {
  text = text.trim();
  unsigned radix = 10;
  if (text.consume_front_insensitive("0x"))
    radix = 16;
  uint32_t value;
  if (text.empty() || text.getAsInteger(radix, value))
    return std::nullopt;
  return value;
}

} // namespace mlir::spine

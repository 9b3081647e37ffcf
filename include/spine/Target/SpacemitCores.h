#ifndef SPINE_TARGET_SPACEMITCORES_H
#define SPINE_TARGET_SPACEMITCORES_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include <cstdint>
#include <optional>

namespace mlir::spine {

/// One row of the SpacemiT core table
/// (runtime/include/speir/SpacemitCores.def).
struct SpacemitCore {
  uint32_t archId;
  llvm::StringRef name;
  llvm::StringRef llvmCpu;
  llvm::StringRef llvmFeatures;
  uint32_t vlen;
  uint32_t imeVersion;
  uint32_t clusters;
  uint32_t coresPerCluster;
  uint32_t imeClusterMask;
};

llvm::ArrayRef<SpacemitCore> getSpacemitCores();
const SpacemitCore *lookupSpacemitCore(uint32_t archId);
/// Parses "0x503C" (hex with 0x prefix) or a decimal number.
std::optional<uint32_t> parseArchId(llvm::StringRef text);
/// The core used when a module says nothing about its target.
constexpr uint32_t kDefaultArchId = 0x503C;
constexpr uint32_t kDefaultNumThreads = 8;

} // namespace mlir::spine

#endif // SPINE_TARGET_SPACEMITCORES_H

#include "spine/Dialect/SpeIR/Transforms/Passes.h"
#include "spine/Target/SpacemitCores.h"

#include "mlir/Dialect/DLTI/DLTI.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "llvm/ADT/StringExtras.h"

namespace mlir::speir {
#define GEN_PASS_DEF_SPEIRATTACHTARGET
#include "spine/Dialect/SpeIR/Transforms/Passes.h.inc"
} // namespace mlir::speir

using namespace mlir;
using namespace mlir::speir;
using spine::SpacemitCore;

namespace {

/// An entry of the frontend's target description, from the DLTI device spec
/// "CPU" or else from the TTIR module attribute `tt.<key>`.
Attribute findTargetEntry(ModuleOp module, StringRef key) {
  if (auto system = module->getAttrOfType<TargetSystemSpecInterface>(
          DLTIDialect::kTargetSystemDescAttrName)) {
    if (auto device = system.getDeviceSpecForDeviceID(
            StringAttr::get(module.getContext(), "CPU")))
      if (DataLayoutEntryInterface entry = device->getSpecForIdentifier(
              StringAttr::get(module.getContext(), key)))
        return entry.getValue();
  }
  return module->getAttr(("tt." + key).str());
}

std::string knownArchIds() {
  std::string list;
  for (const SpacemitCore &core : spine::getSpacemitCores()) {
    if (!list.empty())
      list += ", ";
    list += "0x" + llvm::utohexstr(core.archId) + " (" + core.name.str() + ")";
  }
  return list;
}

struct AttachTargetPass
    : public speir::impl::SpeIRAttachTargetBase<AttachTargetPass> {
  using Base::Base;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    MLIRContext *ctx = module.getContext();

    std::optional<uint32_t> archId;
    Attribute archAttr = findTargetEntry(module, "arch_id");
    if (!archIdOverride.empty()) {
      archId = spine::parseArchId(archIdOverride);
      if (!archId) {
        mlir::emitError(module.getLoc(), "invalid arch-id option '")
            << archIdOverride << "'";
        return signalPassFailure();
      }
    } else if (archAttr) {
      if (auto str = dyn_cast<StringAttr>(archAttr))
        archId = spine::parseArchId(str.getValue());
      else if (auto integer = dyn_cast<IntegerAttr>(archAttr))
        archId = integer.getValue().getZExtValue();
      if (!archId) {
        mlir::emitError(module.getLoc(), "invalid arch_id ")
            << archAttr
            << " in the target description; expected e.g. \"0x503C\"";
        return signalPassFailure();
      }
    } else {
      archId = spine::kDefaultArchId;
      mlir::emitRemark(module.getLoc(),
                       "no target description (dlti.target_system_spec "
                       "\"CPU\" arch_id); compiling for the default ")
          << spine::lookupSpacemitCore(*archId)->name << " (0x"
          << llvm::utohexstr(*archId) << ")";
    }

    const SpacemitCore *core = spine::lookupSpacemitCore(*archId);
    if (!core) {
      mlir::emitError(module.getLoc(), "unknown SpacemiT arch_id 0x")
          << llvm::utohexstr(*archId) << "; known: " << knownArchIds();
      return signalPassFailure();
    }
    if (core->llvmCpu != core->name)
      mlir::emitRemark(module.getLoc(), "LLVM has no model of ")
          << core->name << "; generating code for " << core->llvmCpu
          << " with features \"" << core->llvmFeatures << "\"";

    int64_t numThreads = spine::kDefaultNumThreads;
    if (numThreadsOverride > 0) {
      numThreads = numThreadsOverride;
    } else if (auto attr = dyn_cast_or_null<IntegerAttr>(
                   findTargetEntry(module, "num_threads"))) {
      numThreads = attr.getInt();
    }
    if (numThreads < 1 || numThreads > 4096) {
      mlir::emitError(module.getLoc(), "num_threads must be in [1, 4096], got ")
          << numThreads;
      return signalPassFailure();
    }

    auto target =
        TargetAttr::get(ctx, StringAttr::get(ctx, core->name), core->archId,
                        StringAttr::get(ctx, core->llvmCpu),
                        StringAttr::get(ctx, core->llvmFeatures), core->vlen,
                        core->imeVersion, static_cast<uint32_t>(numThreads));
    module->setAttr(SpeIRDialect::kTargetAttrName, target);
  }
};

} // namespace

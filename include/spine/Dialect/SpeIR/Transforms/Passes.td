#ifndef SPINE_DIALECT_SPEIR_TRANSFORMS_PASSES_TD
#define SPINE_DIALECT_SPEIR_TRANSFORMS_PASSES_TD

include "mlir/Pass/PassBase.td"

def SpeIRAttachTarget : Pass<"speir-attach-target", "::mlir::ModuleOp"> {
  let summary = "Resolve the frontend's DLTI target spec into #speir.target";
  let description = [{
    Reads `arch_id` and `num_threads` from the module's
    `dlti.target_system_spec` device `"CPU"` (falling back to the TTIR module
    attributes `tt.arch_id` / `tt.num_threads`), looks the arch_id up in the
    SpacemiT core table (runtime/include/speir/SpacemitCores.def) and attaches
    the result as the module attribute `speir.target`.

    - No target information: the default core `spacemit-x60` (arch_id
      0x503C) with 8 threads, and a remark says so.
    - A core LLVM has no model for: a remark names the generic configuration
      used instead.
    - An unknown arch_id: an error listing the known ones.
    Pass options override what the module says.
  }];
  let options = [
    Option<"archIdOverride", "arch-id", "std::string", "\"\"",
           "arch_id to compile for (e.g. 0x503C), overriding the module">,
    Option<"numThreadsOverride", "num-threads", "int64_t", "0",
           "worker threads, overriding the module (0 = keep)">
  ];
  let dependentDialects = ["::mlir::speir::SpeIRDialect"];
}

def SpeIRLowerCopies : Pass<"speir-lower-copies"> {
  let summary = "Rewrite memref.copy into linalg.copy";
  let description = [{
    The frontend copies masked tiles with `memref.copy` between strided
    views. Upstream lowers such copies to calls of `memrefCopy` from MLIR's C
    runner utilities; rewriting them into `linalg.copy` lets the loop and
    vector lowerings handle them, so generated code needs no such symbol.
  }];
  let dependentDialects = ["::mlir::linalg::LinalgDialect"];
}

#endif // SPINE_DIALECT_SPEIR_TRANSFORMS_PASSES_TD

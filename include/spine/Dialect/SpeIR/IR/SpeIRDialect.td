#ifndef SPINE_DIALECT_SPEIR_IR_SPEIRDIALECT_TD
#define SPINE_DIALECT_SPEIR_IR_SPEIRDIALECT_TD

include "mlir/IR/OpBase.td"

def SpeIR_Dialect : Dialect {
  let name = "speir";
  let cppNamespace = "::mlir::speir";
  let summary = "SpacemiT execution IR: parallel regions and microkernel ops";
  let description = [{
    SpeIR sits between Linalg and LLVM in spine-opt. It names the work the
    SpacemiT runtime (`libSpeIRRuntimeLibs.so`) performs: parallel regions
    over an N-d grid that the runtime's thread pool executes, and microkernel
    operations on packed tiles (`mmt4d`, `pack`, `unpack`) that lower to calls
    of the runtime's tuned RVV and IME kernels. Ops work on memrefs: SpeIR is
    produced after, or alongside, bufferization.

    The module attribute `speir.target` (a `#speir.target`) records the
    SpacemiT core the module is compiled for.
  }];
  let useDefaultAttributePrinterParser = 1;
  let extraClassDeclaration = [{
    /// Name of the module attribute that holds the #speir.target.
    static constexpr ::llvm::StringLiteral kTargetAttrName = "speir.target";
  }];
}

class SpeIR_Op<string mnemonic, list<Trait> traits = []>
    : Op<SpeIR_Dialect, mnemonic, traits>;

#endif // SPINE_DIALECT_SPEIR_IR_SPEIRDIALECT_TD

#ifndef SPINE_DIALECT_SPEIR_IR_SPEIRATTRS_TD
#define SPINE_DIALECT_SPEIR_IR_SPEIRATTRS_TD

include "spine/Dialect/SpeIR/IR/SpeIRDialect.td"
include "mlir/IR/AttrTypeBase.td"
include "mlir/IR/EnumAttr.td"

def SpeIR_TargetAttr : AttrDef<SpeIR_Dialect, "Target"> {
  let mnemonic = "target";
  let summary = "The SpacemiT core a module is compiled for";
  let description = [{
    Everything code generation needs to know about the target core, resolved
    from the frontend's `dlti.target_system_spec` (`arch_id`, `num_threads`)
    through the SpacemiT core table by `--speir-attach-target`.

    - `cpu`: the SpacemiT core name (`spacemit-x60`, ...).
    - `arch_id`: the 16-bit SpacemiT architecture id (`0x503C` is the K1's X60).
    - `llvm_cpu`, `llvm_features`: what `llc` is given for this core.
    - `vlen`: vector register width in bits.
    - `ime`: IME version (0 = none, 1 = XSMTVDot `smt.vmadot*`, 2 = IME2).
    - `num_threads`: worker threads the kernel may use.

    ```mlir
    #speir.target<cpu = "spacemit-x60", arch_id = 20540, llvm_cpu = "spacemit-x60",
                  llvm_features = "", vlen = 256, ime = 1, num_threads = 8>
    ```
  }];
  let parameters = (ins
    "::mlir::StringAttr":$cpu,
    "uint32_t":$arch_id,
    "::mlir::StringAttr":$llvm_cpu,
    "::mlir::StringAttr":$llvm_features,
    "uint32_t":$vlen,
    "uint32_t":$ime,
    "uint32_t":$num_threads
  );
  let assemblyFormat = "`<` struct(params) `>`";
  let genVerifyDecl = 1;
}

// The epilogue of speir.gemm: values and names follow speir_epilogue_*_t in
// runtime/include/speir/abi.h (RuntimeABI.cpp checks that they agree).
def SpeIR_EpilogueBroadcast : I32EnumAttr<"EpilogueBroadcast",
    "How a 1-D epilogue operand broadcasts over C", [
      I32EnumAttrCase<"scalar", 1>,
      I32EnumAttrCase<"per_row", 2>,
      I32EnumAttrCase<"per_col", 3>]> {
  let cppNamespace = "::mlir::speir";
}

def SpeIR_EpilogueActivation : I32EnumAttr<"EpilogueActivation",
    "Activation applied by a GEMM epilogue", [
      I32EnumAttrCase<"relu", 1>,
      I32EnumAttrCase<"silu", 2>,
      I32EnumAttrCase<"gelu_tanh", 3>,
      I32EnumAttrCase<"gelu_erf", 4>]> {
  let cppNamespace = "::mlir::speir";
}

// Operand layouts of speir.conv2d (input_filter; the init follows the input).
def SpeIR_ConvLayout : I32EnumAttr<"ConvLayout",
    "Operand layouts of a 2-D convolution", [
      I32EnumAttrCase<"nhwc_hwcf", 0>,
      I32EnumAttrCase<"nchw_fchw", 1>,
      I32EnumAttrCase<"nhwc_fhwc", 2>,
      I32EnumAttrCase<"nhwc_hwc", 3>,
      I32EnumAttrCase<"nchw_chw", 4>]> {
  let cppNamespace = "::mlir::speir";
}

def SpeIR_PoolLayout : I32EnumAttr<"PoolLayout",
    "Input and init layout of a 2-D pooling", [
      I32EnumAttrCase<"nhwc", 0>,
      I32EnumAttrCase<"nchw", 1>]> {
  let cppNamespace = "::mlir::speir";
}

// Values follow speir_pool_kind_t in runtime/include/speir/abi.h (the
// lowering passes them through; SpeIRToLLVM.cpp checks that they agree).
def SpeIR_PoolKind : I32EnumAttr<"PoolKind",
    "The window reduction of a 2-D pooling", [
      I32EnumAttrCase<"max", 0>,
      I32EnumAttrCase<"min", 1>,
      I32EnumAttrCase<"sum", 2>]> {
  let cppNamespace = "::mlir::speir";
}

#endif // SPINE_DIALECT_SPEIR_IR_SPEIRATTRS_TD

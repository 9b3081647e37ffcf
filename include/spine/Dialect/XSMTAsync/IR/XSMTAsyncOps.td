#ifndef SPINE_DIALECT_XSMTASYNC_IR_XSMTASYNCOPS_TD
#define SPINE_DIALECT_XSMTASYNC_IR_XSMTASYNCOPS_TD

include "mlir/IR/OpBase.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

def XSMTAsync_Dialect : Dialect {
  let name = "xsmt_async";
  let cppNamespace = "::mlir::xsmt_async";
  let summary = "Barrier ops as the Spine Triton frontend emits them";
  let description = [{
    Compatibility dialect: the frontend's linalgdir output carries CPU
    mbarriers in this dialect's generic form, e.g.
    `"xsmt_async.mbarrier_alloc"(%p, %a, %t, %e) : (i16, i16, i16, i16) -> i64`.
    The ops are parsed and verified here; `--convert-xsmt-async-to-llvm`
    lowers them to the runtime's mbarrier calls.

    Protocol (runtime/include/speir/abi.h): a barrier counts arrivals; after
    `arr_count` arrivals its phase completes and its parity flips.
    `mbarrier_wait(%b, %parity, %arr)` blocks until the phase with parity
    `%parity` has completed.
  }];
}

class XSMTAsync_Op<string mnemonic, list<Trait> traits = []>
    : Op<XSMTAsync_Dialect, mnemonic, traits>;

def XSMTAsync_MBarrierAllocOp : XSMTAsync_Op<"mbarrier_alloc"> {
  let summary = "Allocate an mbarrier";
  let description = [{
    Operands: the initial phase parity (0 or 1), the arrivals that complete a
    phase (> 0), the pending transaction count (0 on CPUs) and the number of
    expected waiters (>= 0). Returns an opaque i64 handle.
  }];
  let arguments = (ins I16:$parity, I16:$arr_count, I16:$tx_count, I16:$ex_count);
  let results = (outs Res<I64, "barrier handle", [MemAlloc<DefaultResource>]>:$mbarrier);
  let hasVerifier = 1;
}

def XSMTAsync_MBarrierReleaseOp : XSMTAsync_Op<"mbarrier_release"> {
  let summary = "Free an mbarrier";
  let arguments = (ins Arg<I64, "barrier handle", [MemFree]>:$mbarrier);
}

def XSMTAsync_MBarrierArriveOp : XSMTAsync_Op<"mbarrier_arrive"> {
  let summary = "Arrive once on an mbarrier's current phase";
  let arguments = (ins Arg<I64, "barrier handle", [MemWrite]>:$mbarrier);
}

def XSMTAsync_MBarrierWaitOp : XSMTAsync_Op<"mbarrier_wait"> {
  let summary = "Wait for the phase of the given parity to complete";
  let arguments = (ins Arg<I64, "barrier handle", [MemWrite]>:$mbarrier,
                       I16:$parity, I16:$arr_count);
  let hasVerifier = 1;
}

def XSMTAsync_GridOp : XSMTAsync_Op<"grid", [Pure]> {
  let summary = "The program id of the running program along an axis";
  let description = [{
    `%id = "xsmt_async.grid"(%axis) : (i64) -> i64` with axis 0, 1 or 2.
    Lowered to the kernel's program-id arguments (`pidX`, `pidY`, `pidZ`).
  }];
  let arguments = (ins I64:$axis);
  let results = (outs I64:$id);
  let hasVerifier = 1;
}

#endif // SPINE_DIALECT_XSMTASYNC_IR_XSMTASYNCOPS_TD

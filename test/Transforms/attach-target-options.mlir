// RUN: spine-opt %s -speir-attach-target="arch-id=0xA064 num-threads=2" 2>&1 | FileCheck %s
// RUN: not spine-opt %s -speir-attach-target="arch-id=nonsense" 2>&1 | FileCheck %s --check-prefix=BAD

// Pass options override what the module says.
// CHECK: remark: LLVM has no model of spacemit-a100
// CHECK: speir.target = #speir.target<cpu = "spacemit-a100", arch_id = 41060, llvm_cpu = "generic-rv64", llvm_features = "+v,+zvl1024b,+zvfh,+zfh,+zba,+zbb,+zbs", vlen = 1024, ime = 2, num_threads = 2>
// BAD: error: invalid arch-id option 'nonsense'
// A diagnostic names the module's location; it does not dump the module.
// CHECK-NOT: see current operation
// BAD-NOT: see current operation
module attributes {dlti.target_system_spec = #dlti.target_system_spec<"CPU" = #dlti.target_device_spec<"arch_id" = "0x503C", "num_threads" = 4 : i32>>} {
}

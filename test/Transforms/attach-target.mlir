// RUN: spine-opt %s -split-input-file -speir-attach-target -verify-diagnostics | FileCheck %s

// The frontend's DLTI description of a K1.
// CHECK-LABEL: module @k1
// CHECK-SAME: speir.target = #speir.target<cpu = "spacemit-x60", arch_id = 20540, llvm_cpu = "spacemit-x60", llvm_features = "", vlen = 256, ime = 1, num_threads = 4>
module @k1 attributes {dlti.target_system_spec = #dlti.target_system_spec<"CPU" = #dlti.target_device_spec<"arch_id" = "0x503C", "num_threads" = 4 : i32>>} {
}

// -----

// A core LLVM has no model of: generic RVV configuration and a remark.
// CHECK-LABEL: module @k3
// CHECK-SAME: cpu = "spacemit-x100", arch_id = 20580, llvm_cpu = "generic-rv64"
// CHECK-SAME: vlen = 256, ime = 0, num_threads = 8
// expected-remark @+1 {{LLVM has no model of spacemit-x100; generating code for generic-rv64 with features "+v,+zvfh,+zfh,+zba,+zbb,+zbs"}}
module @k3 attributes {dlti.target_system_spec = #dlti.target_system_spec<"CPU" = #dlti.target_device_spec<"arch_id" = "0x5064">>} {
}

// -----

// Without a description: the default core, with a remark.
// CHECK-LABEL: module @none
// CHECK-SAME: cpu = "spacemit-x60", arch_id = 20540
// CHECK-SAME: num_threads = 8
// expected-remark @+1 {{no target description (dlti.target_system_spec "CPU" arch_id); compiling for the default spacemit-x60 (0x503C)}}
module @none {
}

// -----

// TTIR module attributes are understood too.
// CHECK-LABEL: module @ttir
// CHECK-SAME: cpu = "spacemit-a100", arch_id = 41060
// CHECK-SAME: num_threads = 16
// expected-remark @+1 {{LLVM has no model of spacemit-a100}}
module @ttir attributes {tt.arch_id = "0xA064", tt.num_threads = 16 : i32} {
}

// -----

// expected-error @+1 {{unknown SpacemiT arch_id 0x1234; known: 0x503C (spacemit-x60), 0x5064 (spacemit-x100), 0x50C8 (spacemit-x200), 0xA03C (spacemit-a60), 0xA064 (spacemit-a100), 0xA0C8 (spacemit-a200), 0xF000 (spacemit-a200m)}}
module @unknown attributes {dlti.target_system_spec = #dlti.target_system_spec<"CPU" = #dlti.target_device_spec<"arch_id" = "0x1234">>} {
}

// -----

// expected-error @+1 {{invalid arch_id "zzz" in the target description; expected e.g. "0x503C"}}
module @garbage attributes {dlti.target_system_spec = #dlti.target_system_spec<"CPU" = #dlti.target_device_spec<"arch_id" = "zzz">>} {
}

// -----

// expected-error @+1 {{num_threads must be in [1, 4096], got 0}}
module @zero_threads attributes {dlti.target_system_spec = #dlti.target_system_spec<"CPU" = #dlti.target_device_spec<"arch_id" = "0x503C", "num_threads" = 0 : i32>>} {
}

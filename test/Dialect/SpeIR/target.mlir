// RUN: spine-opt %s -split-input-file -verify-diagnostics | FileCheck %s

// CHECK: module attributes {speir.target = #speir.target<cpu = "spacemit-x60", arch_id = 20540, llvm_cpu = "spacemit-x60", llvm_features = "", vlen = 256, ime = 1, num_threads = 8>}
module attributes {speir.target = #speir.target<cpu = "spacemit-x60", arch_id = 20540, llvm_cpu = "spacemit-x60", llvm_features = "", vlen = 256, ime = 1, num_threads = 8>} {
}

// -----

// expected-error @+1 {{vlen must be a power of two in [64, 65536], got 100}}
module attributes {speir.target = #speir.target<cpu = "x", arch_id = 1, llvm_cpu = "generic-rv64", llvm_features = "", vlen = 100, ime = 0, num_threads = 1>} {
}

// -----

// expected-error @+1 {{num_threads must be at least 1}}
module attributes {speir.target = #speir.target<cpu = "x", arch_id = 1, llvm_cpu = "generic-rv64", llvm_features = "", vlen = 128, ime = 0, num_threads = 0>} {
}

// -----

// expected-error @+1 {{ime must be 0, 1 or 2, got 3}}
module attributes {speir.target = #speir.target<cpu = "x", arch_id = 1, llvm_cpu = "generic-rv64", llvm_features = "", vlen = 128, ime = 3, num_threads = 1>} {
}

// -----

// expected-error @+1 {{arch_id must fit in 16 bits, got 65536}}
module attributes {speir.target = #speir.target<cpu = "x", arch_id = 65536, llvm_cpu = "generic-rv64", llvm_features = "", vlen = 128, ime = 0, num_threads = 1>} {
}

// -----

// expected-error @+1 {{target cpu must not be empty}}
module attributes {speir.target = #speir.target<cpu = "", arch_id = 1, llvm_cpu = "generic-rv64", llvm_features = "", vlen = 128, ime = 0, num_threads = 1>} {
}

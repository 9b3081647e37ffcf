// The frontend's dump step: the upstream pass must be registered.
// RUN: spine-opt %s --spine-triton-e2e-ref-pipeline | spine-opt --ensure-debug-info-scope-on-llvm-func -mlir-print-debuginfo | FileCheck %s

// CHECK: llvm.func @k
// CHECK: #llvm.di_subprogram
module {
  func.func @k(%a: memref<*xf32>, %gx: i32, %gy: i32, %gz: i32, %px: i32, %py: i32, %pz: i32) {
    return
  }
}

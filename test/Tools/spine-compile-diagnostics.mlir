// spine-compile's diagnostics name the user's file and its lines, not a
// temporary copy of it: an error from a pass of the pipeline (the target
// description) and, in spine-compile.mlir, one from the parser.
// RUN: not spine-compile %s -o %t.so 2>&1 | FileCheck %s -DFILE=%s --implicit-check-not=linalg.mlir
// RUN: cd %S/.. && not spine-compile Tools/spine-compile-diagnostics.mlir -o %t.ll --emit llvm 2>&1 \
// RUN:   | FileCheck %s -DFILE=Tools/spine-compile-diagnostics.mlir --implicit-check-not=linalg.mlir

// CHECK: spine-compile: command failed (exit 1): {{.*}}spine-opt [[FILE]] --spine-triton-e2e-pipeline=
// CHECK: {{^}}[[FILE]]:[[@LINE+1]]:1: error: unknown SpacemiT arch_id 0x1234
module attributes {dlti.target_system_spec = #dlti.target_system_spec<"CPU" = #dlti.target_device_spec<"arch_id" = "0x1234">>} {
  func.func @k(%a: memref<*xf32>, %gx: i32, %gy: i32, %gz: i32, %px: i32, %py: i32, %pz: i32) {
    return
  }
}

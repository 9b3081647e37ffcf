// Malformed input: a diagnostic with its location and exit code 1, no crash.
// RUN: not spine-opt %s --spine-triton-e2e-pipeline 2>&1 | FileCheck %s
// RUN: spine-opt %s --spine-triton-e2e-pipeline; test $? -eq 1
// RUN: echo "module {}" | not spine-opt --spine-triton-e2e-pipeline="no-such-option=1" 2>&1 | FileCheck %s --check-prefix=OPTION

// CHECK: malformed.mlir:[[@LINE+3]]:19: error: use of undeclared SSA value name
// OPTION: no such option no-such-option
func.func @broken(%a: memref<*xf32>) {
  %x = arith.addf %undefined, %undefined : f32
  return
}

// RUN: sh -c 'spine-opt %s --spine-test-crash; echo "exit: $?"' 2>&1 | FileCheck %s
// RUN: rm -f %t.repro
// RUN: sh -c 'spine-opt %s --spine-test-crash --mlir-pass-pipeline-crash-reproducer=%t.repro; echo "exit: $?"' 2>&1 | FileCheck %s --check-prefix=REPRO
// RUN: FileCheck %s --input-file=%t.repro --check-prefix=FILE
// A pass that faults: an internal error naming the pass, exit 70; with
// MLIR's crash reproducer option, the reproducer is written where asked.

// CHECK: internal error: spine-opt crashed while running pass 'spine-test-crash'; this is a compiler bug
// CHECK-SAME: --mlir-pass-pipeline-crash-reproducer
// CHECK: exit: 70

// REPRO: error: Failures have been detected while processing an MLIR pass pipeline
// REPRO: reproducer generated at
// REPRO: internal error: spine-opt crashed while running pass 'spine-test-crash'; this is a compiler bug, please report it with the input{{$}}
// REPRO: exit: 70

// FILE: func.func @f
// The driver verifies the input in a first pass, which the reproducer names.
// FILE: pipeline: "builtin.module(spine-verify-input, spine-test-crash)"
func.func @f() {
  return
}

// RUN: sh -c 'spine-opt %s -o %t.out; echo "exit: $?"; test ! -e %t.out && echo "no output file"' 2>&1 | FileCheck %s
// An upstream parser that faults after diagnosing truncated input
// (linalg.reduce without its dimensions): the diagnostic stands, a note
// says the parser then faulted, and the exit status is an ordinary error's
// (1), never a signal; no partial output is left.

// CHECK: crash-parser.mlir:[[@LINE+6]]:89: error: expected '['
// CHECK: crash-parser.mlir: note: the parser faulted after reporting the error above; the input is malformed
// CHECK-NOT: internal error
// CHECK: exit: 1
// CHECK: no output file
func.func @f(%x: tensor<4x64xf32>, %fmx: tensor<4xf32>) -> tensor<4xf32> {
  %mx = linalg.reduce ins(%x : tensor<4x64xf32>) outs(%fmx : tensor<4xf32>) dimensions =

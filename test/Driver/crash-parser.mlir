// RUN: sh -c 'spine-opt %s -o %t.out; echo "exit: $?"; test ! -e %t.out && echo "no output file"' 2>&1 | FileCheck %s
// An upstream parser that faults on truncated input (linalg.reduce without
// its dimensions): spine-opt reports an internal error naming the phase and
// exits with 70, never dies by a signal, and leaves no partial output.

// CHECK: error: expected '['
// CHECK: crash-parser.mlir: internal error: spine-opt crashed while parsing '{{.*}}crash-parser.mlir'; this is a compiler bug
// CHECK: exit: 70
// CHECK: no output file
func.func @f(%x: tensor<4x64xf32>, %fmx: tensor<4xf32>) -> tensor<4xf32> {
  %mx = linalg.reduce ins(%x : tensor<4x64xf32>) outs(%fmx : tensor<4xf32>) dimensions =

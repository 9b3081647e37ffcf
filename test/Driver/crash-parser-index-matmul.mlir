// RUN: sh -c 'spine-opt %s; echo "exit: $?"' 2>&1 | FileCheck %s
// RUN: sh -c 'sed -e "s/^  linalg.batch_matmul ins/  linalg.batch_matmul\n      ins/" %s | spine-opt; echo "exit: $?"' 2>&1 | FileCheck %s --check-prefix=SPLIT
// LLVM 22's linalg.batch_matmul parser faults (a call through a null error
// callback) on index elements, before any diagnostic. spine-opt finds such
// ops in the text first: a located error, exit 1. Written over two lines the
// op escapes that check; the fault is then caught: internal error, exit 70.

// CHECK: crash-parser-index-matmul.mlir:[[@LINE+7]]:3: error: linalg.batch_matmul and linalg.batch_reduce_matmul on index elements are not supported (MLIR's parser of these ops faults on them); use a linalg.generic
// CHECK: exit: 1
// SPLIT: <stdin>: internal error: spine-opt crashed while parsing
// SPLIT: exit: 70
// A comment naming linalg.batch_matmul ins(memref<2xindex>) is not an op:
// the error points at the op below.
func.func @f(%a: memref<2x4x8xindex>, %b: memref<2x8x4xindex>, %c: memref<2x4x4xindex>) {
  linalg.batch_matmul ins(%a, %b : memref<2x4x8xindex>, memref<2x8x4xindex>) outs(%c : memref<2x4x4xindex>)
  return
}

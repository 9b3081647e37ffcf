// RUN: sh -c 'spine-opt %s; echo "exit: $?"' 2>&1 | FileCheck %s
// linalg.batch_matmul over index elements faults in upstream MLIR's parser.

// CHECK: internal error: spine-opt crashed while parsing
// CHECK: exit: 70
func.func @f(%a: memref<2x4x8xindex>, %b: memref<2x8x4xindex>, %c: memref<2x4x4xindex>) {
  linalg.batch_matmul ins(%a, %b : memref<2x4x8xindex>, memref<2x8x4xindex>) outs(%c : memref<2x4x4xindex>)
  return
}

// RUN: sh -c 'spine-opt %s; echo "exit: $?"' 2>&1 | FileCheck %s
// LLVM 22's dense array parser faults on index elements (it asks the index
// type for a bit width), in any op's attributes, here a tt.print's (fuzzer
// finding): spine-opt finds it in the text first, a located error, exit 1.

// CHECK: crash-parser-dense-array.mlir:[[@LINE+5]]:45: error: dense arrays of index elements are not supported (MLIR's parser faults on them); use i64
// CHECK-NOT: internal error
// CHECK: exit: 1
tt.func @print(%x: tensor<16xf32>) {
  tt.print " x=: " {hex = false, isSigned = array<i32: 0>} : %x : tensor<16xf32>
  tt.print " x=: " {hex = false, isSigned = array<index: 0>} : %x : tensor<16xf32>
  tt.return
}

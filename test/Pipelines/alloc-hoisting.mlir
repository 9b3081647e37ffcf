// RUN: spine-opt %s --spine-triton-e2e-pipeline="enable-always-tls=1" --mlir-print-ir-after=buffer-loop-hoisting -o /dev/null 2>&1 | FileCheck %s
// RUN: spine-opt %s --spine-triton-e2e-ref-pipeline --mlir-print-ir-after-all -o /dev/null 2>&1 | FileCheck %s --check-prefix=REF
// The fast pipeline allocates a loop body's statically sized temporaries
// once, before the loop (a K loop's per-iteration tiles), not per iteration;
// the reference pipeline keeps them where they are.

// CHECK-LABEL: IR Dump After BufferLoopHoisting
// CHECK:       memref.alloc() {{.*}}: memref<32xf32>
// CHECK:       scf.for
// CHECK-NOT:     memref.alloc
// CHECK:         memref.copy
// REF-NOT: BufferLoopHoisting

func.func @tiles(%x: memref<*xf32>, %n: index, %gx: i32, %gy: i32, %gz: i32, %px: i32, %py: i32, %pz: i32) {
  %c0 = arith.constant 0 : index
  %c32 = arith.constant 32 : index
  scf.for %k = %c0 to %n step %c32 {
    %v = memref.reinterpret_cast %x to offset: [%k], sizes: [32], strides: [1] : memref<*xf32> to memref<32xf32, strided<[1], offset: ?>>
    %t = memref.alloc() : memref<32xf32>
    memref.copy %v, %t : memref<32xf32, strided<[1], offset: ?>> to memref<32xf32>
    %s = bufferization.to_tensor %t restrict writable : memref<32xf32> to tensor<32xf32>
    bufferization.materialize_in_destination %s in writable %v : (tensor<32xf32>, memref<32xf32, strided<[1], offset: ?>>) -> ()
  }
  return
}

// Input the pipelines cannot lower: an error naming the op, exit code 1.
// RUN: not spine-opt %s -split-input-file --spine-triton-e2e-pipeline 2>&1 | FileCheck %s
// RUN: not spine-opt %s -split-input-file --spine-triton-e2e-ref-pipeline 2>&1 | FileCheck %s

// CHECK: unsupported.mlir:[[@LINE+3]]:{{[0-9]+}}: error: 'gpu.thread_id' is not supported here: no pass of the pipeline lowered it to the LLVM dialect
func.func @gpu_op(%out: memref<*xi64>, %gx: i32, %gy: i32, %gz: i32, %px: i32, %py: i32, %pz: i32) {
  %r = memref.reinterpret_cast %out to offset: [0], sizes: [1], strides: [1] : memref<*xi64> to memref<1xi64, strided<[1]>>
  %t = gpu.thread_id x
  %c0 = arith.constant 0 : index
  %v = arith.index_cast %t : index to i64
  memref.store %v, %r[%c0] : memref<1xi64, strided<[1]>>
  return
}

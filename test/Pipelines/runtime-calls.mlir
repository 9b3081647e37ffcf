// Runtime calls already in the frontend's IR pass through both pipelines.
// RUN: spine-opt %s --spine-triton-e2e-pipeline | FileCheck %s
// RUN: spine-opt %s --spine-triton-e2e-ref-pipeline | FileCheck %s

// CHECK: llvm.func @spine_get_stream_threads() -> i64
// CHECK-LABEL: llvm.func @threads
// CHECK: llvm.call @spine_get_stream_threads() : () -> i64
module attributes {dlti.target_system_spec = #dlti.target_system_spec<"CPU" = #dlti.target_device_spec<"arch_id" = "0x503C", "num_threads" = 8 : i32>>} {
  llvm.func @spine_get_stream_threads() -> i64
  func.func @threads(%out: memref<*xi64>, %gx: i32, %gy: i32, %gz: i32, %px: i32, %py: i32, %pz: i32) {
    %t = llvm.call @spine_get_stream_threads() : () -> i64
    %r = memref.reinterpret_cast %out to offset: [0], sizes: [1], strides: [1] : memref<*xi64> to memref<1xi64, strided<[1]>>
    %c0 = arith.constant 0 : index
    memref.store %t, %r[%c0] : memref<1xi64, strided<[1]>>
    return
  }
}

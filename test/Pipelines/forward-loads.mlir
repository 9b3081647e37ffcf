// The frontend's copy-form loads of an N x K weight with tl.trans: the fast
// pipeline reads the weight in place as a transposed view of one speir.gemm
// (no copy, no materialized transpose); the reference forwards the loads too.
// RUN: spine-opt %s --spine-triton-e2e-pipeline --mlir-print-ir-after=convert-linalg-to-speir -o /dev/null 2>&1 | FileCheck %s
// RUN: spine-opt %s --spine-triton-e2e-ref-pipeline --mlir-print-ir-after=speir-forward-loads -o /dev/null 2>&1 | FileCheck %s --check-prefix=REF

// CHECK-LABEL: func.func @linear_nk
// CHECK-NOT: linalg.transpose
// CHECK: %[[X:.*]] = memref.reinterpret_cast %arg0
// CHECK: %[[W:.*]] = memref.reinterpret_cast %arg1
// CHECK-NOT: memref.copy
// CHECK: %[[WT:.*]] = memref.transpose %[[W]] (d0, d1) -> (d1, d0) : memref<45x67xf32, strided<[67, 1]>> to memref<67x45xf32, strided<[1, 67]>>
// CHECK: speir.gemm %[[X]], %[[WT]] into
// REF-LABEL: func.func @linear_nk
// REF-NOT: memref.alloc
// REF-NOT: memref.copy
// REF: bufferization.to_tensor %{{.*}} restrict : memref<1x67xf32, strided<[67, 1]>>
// REF: bufferization.to_tensor %{{.*}} restrict : memref<45x67xf32, strided<[67, 1]>>
// REF: linalg.transpose
module attributes {dlti.target_system_spec = #dlti.target_system_spec<"CPU" = #dlti.target_device_spec<"arch_id" = "0x503C", "num_threads" = 1 : i32>>} {
  func.func @linear_nk(%x: memref<*xf32>, %w: memref<*xf32>, %y: memref<*xf32>, %gx: i32, %gy: i32, %gz: i32, %px: i32, %py: i32, %pz: i32) {
    %zero = arith.constant 0.0 : f32
    %rx = memref.reinterpret_cast %x to offset: [0], sizes: [1, 67], strides: [67, 1] : memref<*xf32> to memref<1x67xf32, strided<[67, 1]>>
    %ax = memref.alloc() : memref<1x67xf32>
    memref.copy %rx, %ax : memref<1x67xf32, strided<[67, 1]>> to memref<1x67xf32>
    %tx = bufferization.to_tensor %ax restrict writable : memref<1x67xf32> to tensor<1x67xf32>
    %rw = memref.reinterpret_cast %w to offset: [0], sizes: [45, 67], strides: [67, 1] : memref<*xf32> to memref<45x67xf32, strided<[67, 1]>>
    %aw = memref.alloc() : memref<45x67xf32>
    memref.copy %rw, %aw : memref<45x67xf32, strided<[67, 1]>> to memref<45x67xf32>
    %tw = bufferization.to_tensor %aw restrict writable : memref<45x67xf32> to tensor<45x67xf32>
    %et = tensor.empty() : tensor<67x45xf32>
    %tt = linalg.transpose ins(%tw : tensor<45x67xf32>) outs(%et : tensor<67x45xf32>) permutation = [1, 0]
    %e = tensor.empty() : tensor<1x45xf32>
    %f = linalg.fill ins(%zero : f32) outs(%e : tensor<1x45xf32>) -> tensor<1x45xf32>
    %mm = linalg.matmul ins(%tx, %tt : tensor<1x67xf32>, tensor<67x45xf32>) outs(%f : tensor<1x45xf32>) -> tensor<1x45xf32>
    %ry = memref.reinterpret_cast %y to offset: [0], sizes: [1, 45], strides: [45, 1] : memref<*xf32> to memref<1x45xf32, strided<[45, 1]>>
    bufferization.materialize_in_destination %mm in writable %ry : (tensor<1x45xf32>, memref<1x45xf32, strided<[45, 1]>>) -> ()
    return
  }
}

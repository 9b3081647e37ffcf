// RUN: spine-opt %s --spine-triton-e2e-pipeline="enable-always-tls=1 enable-fuse-group=false enable-online-softmax=1" --mlir-print-ir-after=speir-online-softmax -o /dev/null 2>&1 | FileCheck %s
// RUN: spine-opt %s --spine-triton-e2e-pipeline="enable-always-tls=1 enable-fuse-group=false" --mlir-print-ir-after=speir-online-softmax -o /dev/null 2>&1 | FileCheck %s --check-prefix=OFF
// RUN: spine-opt %s --spine-triton-e2e-ref-pipeline --mlir-print-ir-after-all -o /dev/null 2>&1 | FileCheck %s --check-prefix=OFF
// With enable-online-softmax=1 the fast pipeline runs speir-online-softmax
// after speir-decompose-linalg (linalg.softmax is decomposed first), on
// tensors: a one-row tile of 70,000 f32 (280,000 bytes, past the default
// 256 KiB) gets the statistics loop over blocks of 16384 / 4 = 4096
// columns, and exp(x - max) / sum is one op. By default (the option is
// off) and in the reference pipeline the three passes stay.

// CHECK-LABEL: IR Dump After SpeIROnlineSoftmax
// CHECK: scf.for %{{.*}} = %c0 to %c70000 step %c4096 iter_args
// CHECK:   tensor.extract_slice {{.*}} : tensor<1x70000xf32> to tensor<1x?xf32>
// CHECK: scf.yield
// CHECK: linalg.generic
// CHECK:   arith.subf
// CHECK:   math.exp
// CHECK:   arith.divf
// CHECK-NOT: linalg.generic
// CHECK: materialize_in_destination
// OFF-NOT: IR Dump After SpeIROnlineSoftmax

func.func @softmax_long(%in: memref<*xf32>, %out: memref<*xf32>, %gx: i32, %gy: i32, %gz: i32, %px: i32, %py: i32, %pz: i32) {
  %rin = memref.reinterpret_cast %in to offset: [0], sizes: [1, 70000], strides: [70000, 1] : memref<*xf32> to memref<1x70000xf32, strided<[70000, 1]>>
  %x = bufferization.to_tensor %rin restrict : memref<1x70000xf32, strided<[70000, 1]>> to tensor<1x70000xf32>
  %e = tensor.empty() : tensor<1x70000xf32>
  %y = linalg.softmax dimension(1) ins(%x : tensor<1x70000xf32>) outs(%e : tensor<1x70000xf32>) -> tensor<1x70000xf32>
  %rout = memref.reinterpret_cast %out to offset: [0], sizes: [1, 70000], strides: [70000, 1] : memref<*xf32> to memref<1x70000xf32, strided<[70000, 1]>>
  bufferization.materialize_in_destination %y in writable %rout : (tensor<1x70000xf32>, memref<1x70000xf32, strided<[70000, 1]>>) -> ()
  return
}

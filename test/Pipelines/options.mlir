// The two pipeline options, each pinned to its effect.
// RUN: spine-opt %s --spine-triton-e2e-pipeline="enable-always-tls=1" | FileCheck %s --check-prefix=TLS
// RUN: spine-opt %s --spine-triton-e2e-pipeline="enable-always-tls=0" | FileCheck %s --check-prefix=HEAP
// RUN: spine-opt %s --spine-triton-e2e-ref-pipeline="enable-always-tls=1" | FileCheck %s --check-prefix=HEAP
// RUN: spine-opt %s --spine-triton-e2e-pipeline="enable-fuse-group=true" --mlir-print-ir-before=one-shot-bufferize 2>&1 | FileCheck %s --check-prefix=FUSED
// RUN: spine-opt %s --spine-triton-e2e-pipeline="enable-fuse-group=false" --mlir-print-ir-before=one-shot-bufferize 2>&1 | FileCheck %s --check-prefix=UNFUSED

// enable-always-tls=1: temporary buffers (@scratch's; @chain needs none: it
// reads its input in place and computes into its output) come from the
// runtime's per-thread scratch arena (MLIR's generic allocation functions,
// served by the runtime).
// TLS: llvm.call @_mlir_memref_to_llvm_alloc
// TLS: llvm.call @_mlir_memref_to_llvm_free
// TLS-NOT: @malloc
// HEAP: llvm.call @malloc
// HEAP: llvm.call @free
// HEAP-NOT: _mlir_memref_to_llvm

// enable-fuse-group=true: the elementwise chain becomes one linalg.generic.
// FUSED-COUNT-1: linalg.generic
// FUSED-NOT: linalg.generic
// UNFUSED-COUNT-2: linalg.generic
module {
  func.func @chain(%x: memref<*xf32>, %out: memref<*xf32>, %gx: i32, %gy: i32, %gz: i32, %px: i32, %py: i32, %pz: i32) {
    %c0 = arith.constant 0 : index
    %zero = arith.constant 0.0 : f32
    %rx = memref.reinterpret_cast %x to offset: [%c0], sizes: [1000], strides: [1] : memref<*xf32> to memref<1000xf32, strided<[1], offset: ?>>
    %buf = memref.alloc() : memref<1000xf32>
    memref.copy %rx, %buf : memref<1000xf32, strided<[1], offset: ?>> to memref<1000xf32>
    %t = bufferization.to_tensor %buf restrict writable : memref<1000xf32> to tensor<1000xf32>
    %e = tensor.empty() : tensor<1000xf32>
    %a = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%t : tensor<1000xf32>) outs(%e : tensor<1000xf32>) {
    ^bb0(%v: f32, %o: f32):
      %s = math.exp %v : f32
      linalg.yield %s : f32
    } -> tensor<1000xf32>
    %b = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%a : tensor<1000xf32>) outs(%e : tensor<1000xf32>) {
    ^bb0(%v: f32, %o: f32):
      %s = arith.maximumf %v, %zero : f32
      linalg.yield %s : f32
    } -> tensor<1000xf32>
    %ro = memref.reinterpret_cast %out to offset: [%c0], sizes: [1000], strides: [1] : memref<*xf32> to memref<1000xf32, strided<[1], offset: ?>>
    bufferization.materialize_in_destination %b in writable %ro : (tensor<1000xf32>, memref<1000xf32, strided<[1], offset: ?>>) -> ()
    return
  }
  func.func @scratch(%out: memref<*xf32>, %gx: i32, %gy: i32, %gz: i32, %px: i32, %py: i32, %pz: i32) {
    %c0 = arith.constant 0 : index
    %one = arith.constant 1.0 : f32
    %ro = memref.reinterpret_cast %out to offset: [%c0], sizes: [1000], strides: [1] : memref<*xf32> to memref<1000xf32, strided<[1], offset: ?>>
    %buf = memref.alloc() : memref<1000xf32>
    linalg.fill ins(%one : f32) outs(%buf : memref<1000xf32>)
    memref.copy %buf, %ro : memref<1000xf32> to memref<1000xf32, strided<[1], offset: ?>>
    return
  }
}

// RUN: spine-opt %s -split-input-file -convert-speir-to-llvm | FileCheck %s
// RUN: spine-opt %s -split-input-file -convert-speir-to-llvm -finalize-memref-to-llvm -convert-arith-to-llvm -convert-cf-to-llvm -convert-func-to-llvm -reconcile-unrealized-casts | FileCheck %s --check-prefix=LLVM

// The body is outlined; captured values travel in a struct, the grid in an
// array of i64, and the runtime runs the body once per point.
// CHECK-LABEL: func.func @fill
// CHECK-SAME: (%[[M:.*]]: index, %[[N:.*]]: index, %[[OUT:.*]]: memref<?x?xf32>)
// CHECK-DAG: %[[CTX:.*]] = llvm.alloca %{{.*}} x !llvm.struct<(f32, struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)>)>
// CHECK-DAG: %[[SIZES:.*]] = llvm.alloca %{{.*}} x i64
// CHECK: %[[FN:.*]] = constant @fill_parallel_0 : (!llvm.ptr, !llvm.ptr) -> ()
// CHECK: %[[FNPTR:.*]] = builtin.unrealized_conversion_cast %[[FN]]
// CHECK: %[[STATUS:.*]] = llvm.call @speir_parallel_for(%{{.*}}, %[[SIZES]], %[[FNPTR]], %[[CTX]]) : (i32, !llvm.ptr, !llvm.ptr, !llvm.ptr) -> i32
// CHECK: cf.assert %{{.*}}, "speir_parallel_for failed (invalid grid)"
// CHECK-NOT: speir.
// CHECK-LABEL: func.func private @fill_parallel_0(%{{.*}}: !llvm.ptr, %{{.*}}: !llvm.ptr)
// CHECK: %[[I:.*]] = arith.index_cast %{{.*}} : i64 to index
// CHECK: %[[J:.*]] = arith.index_cast %{{.*}} : i64 to index
// CHECK: memref.store %{{.*}}, %{{.*}}[%[[I]], %[[J]]] : memref<?x?xf32>
// CHECK: return

// LLVM-LABEL: llvm.func @fill
// LLVM: %[[FNPTR:.*]] = llvm.mlir.addressof @fill_parallel_0 : !llvm.ptr
// LLVM: llvm.call @speir_parallel_for(%{{.*}}, %{{.*}}, %[[FNPTR]], %{{.*}})
// LLVM-LABEL: llvm.func @fill_parallel_0
// LLVM-NOT: builtin.unrealized_conversion_cast
module attributes {speir.target = #speir.target<cpu = "spacemit-x60", arch_id = 20540, llvm_cpu = "spacemit-x60", llvm_features = "", vlen = 256, ime = 1, num_threads = 8>} {
  func.func @fill(%m: index, %n: index, %out: memref<?x?xf32>) {
    %c = arith.constant 1.0 : f32
    speir.parallel (%i, %j) in (%m, %n) {
      memref.store %c, %out[%i, %j] : memref<?x?xf32>
    }
    return
  }
}
// The target attribute is dropped: LLVM IR has no place for it.
// CHECK-NOT: speir.target

// -----

// Nested regions: the inner one is outlined first, and its stack slots live
// in the outer body so that each outer point has its own.
// CHECK-LABEL: func.func @nested
// CHECK: llvm.call @speir_parallel_for
// CHECK-LABEL: func.func private @nested_parallel_1
// CHECK: llvm.alloca
// CHECK: llvm.call @speir_parallel_for
// CHECK-LABEL: func.func private @nested_parallel_0
// CHECK: memref.store
func.func @nested(%n: index, %out: memref<?x?xi32>) {
  %c = arith.constant 7 : i32
  speir.parallel (%i) in (%n) {
    speir.parallel (%j) in (%n) {
      memref.store %c, %out[%i, %j] : memref<?x?xi32>
    }
  }
  return
}

// -----

// CHECK-LABEL: func.func @concurrent
// CHECK: llvm.call @speir_parallel_for_concurrent(%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}) : (i32, !llvm.ptr, !llvm.ptr, !llvm.ptr) -> i32
// CHECK: cf.assert %{{.*}}, "speir_parallel_for_concurrent failed (invalid grid)"
func.func @concurrent(%n: index, %out: memref<?xi32>) {
  %c = arith.constant 7 : i32
  speir.parallel (%i) in (%n) concurrent {
    memref.store %c, %out[%i] : memref<?xi32>
  }
  return
}

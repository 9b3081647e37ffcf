// RUN: spine-opt %s -split-input-file -convert-speir-to-llvm | FileCheck %s
// RUN: spine-opt %s -split-input-file -convert-speir-to-llvm -convert-scf-to-cf -finalize-memref-to-llvm -convert-arith-to-llvm -convert-cf-to-llvm -convert-func-to-llvm -reconcile-unrealized-casts | FileCheck %s --check-prefix=LLVM

// The body is outlined; captured values and the grid's inner extent travel
// in a struct (constants are cloned into the body instead), and the runtime
// calls the body once per chunk of the row-major linearized grid, which it
// delinearizes itself.
// CHECK-LABEL: func.func @fill
// CHECK-SAME: (%[[M:.*]]: index, %[[N:.*]]: index, %[[OUT:.*]]: memref<?x?xf32>)
// CHECK: %[[CTX:.*]] = llvm.alloca %{{.*}} x !llvm.struct<(struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)>, i64)>
// CHECK: %[[FN:.*]] = constant @fill_parallel_0 : (!llvm.ptr, i64, i64) -> ()
// CHECK: %[[FNPTR:.*]] = builtin.unrealized_conversion_cast %[[FN]]
// CHECK-DAG: %[[MNEG:.*]] = arith.cmpi slt, %[[M]], %[[ZERO:.*]] : index
// CHECK-DAG: %[[VOL:.*]] = arith.muli %[[M]], %[[N]] : index
// CHECK-DAG: %[[NNEG:.*]] = arith.cmpi slt, %[[N]], %[[ZERO]] : index
// CHECK: %[[NEG:.*]] = arith.ori %[[MNEG]], %[[NNEG]]
// CHECK: %[[SEL:.*]] = arith.select %[[NEG]], %{{.*}}, %[[VOL]] : index
// CHECK: %[[COUNT:.*]] = arith.index_cast %[[SEL]] : index to i64
// CHECK: %[[STATUS:.*]] = llvm.call @speir_parallel_for_range(%[[COUNT]], %{{.*}}, %[[FNPTR]], %[[CTX]]) : (i64, i64, !llvm.ptr, !llvm.ptr) -> i32
// CHECK: scf.if
// CHECK-NEXT:   llvm.mlir.addressof @__speir_failure_message_
// CHECK-NEXT:   llvm.call @speir_report_failure(
// CHECK-NOT: speir.
// CHECK-LABEL: func.func private @fill_parallel_0(%{{.*}}: !llvm.ptr, %{{.*}}: i64, %{{.*}}: i64)
// CHECK: %[[EXTENT:.*]] = builtin.unrealized_conversion_cast %{{.*}} : i64 to index
// CHECK: arith.constant 1.000000e+00 : f32
// CHECK: %[[BEGIN:.*]] = arith.index_cast %{{.*}} : i64 to index
// CHECK: %[[END:.*]] = arith.index_cast %{{.*}} : i64 to index
// CHECK: scf.for %[[LIN:.*]] = %[[BEGIN]] to %[[END]]
// CHECK: %[[J:.*]] = arith.remui %[[LIN]], %[[EXTENT]] : index
// CHECK: %[[I:.*]] = arith.divui %[[LIN]], %[[EXTENT]] : index
// CHECK: memref.store %{{.*}}, %{{.*}}[%[[I]], %[[J]]] : memref<?x?xf32>
// CHECK: return

// LLVM-LABEL: llvm.func @fill
// LLVM: %[[FNPTR:.*]] = llvm.mlir.addressof @fill_parallel_0 : !llvm.ptr
// LLVM: llvm.call @speir_parallel_for_range(%{{.*}}, %{{.*}}, %[[FNPTR]], %{{.*}})
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
// CHECK: llvm.call @speir_parallel_for_range
// CHECK-LABEL: func.func private @nested_parallel_1
// CHECK: llvm.alloca
// CHECK: scf.for
// CHECK: llvm.call @speir_parallel_for_range
// CHECK-LABEL: func.func private @nested_parallel_0
// CHECK: scf.for
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

// Concurrent regions stay per point: every point needs a thread of its own.
// CHECK-LABEL: func.func @concurrent
// CHECK: %[[SIZES:.*]] = llvm.alloca %{{.*}} x i64
// CHECK: llvm.call @speir_parallel_for_concurrent(%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}) : (i32, !llvm.ptr, !llvm.ptr, !llvm.ptr) -> i32
// CHECK: scf.if
// CHECK-NEXT:   llvm.mlir.addressof @__speir_failure_message_
// CHECK-NEXT:   llvm.call @speir_report_failure(
// CHECK-LABEL: func.func private @concurrent_parallel_0(%{{.*}}: !llvm.ptr, %{{.*}}: !llvm.ptr)
// CHECK-NOT: scf.for
func.func @concurrent(%n: index, %out: memref<?xi32>) {
  %c = arith.constant 7 : i32
  speir.parallel (%i) in (%n) concurrent {
    memref.store %c, %out[%i] : memref<?xi32>
  }
  return
}

// -----

// A scalable vector constant (speir-vectorize-linalg's splat under
// vector-length-agnostic) is cloned into the body: it could not be a field
// of the ctx struct (LLVM cannot allocate an unsized struct).
// CHECK-LABEL: func.func @scalable_splat
// CHECK: llvm.alloca %{{.*}} x !llvm.struct<(struct<(ptr, ptr, i64, array<1 x i64>, array<1 x i64>)>)>
// CHECK-LABEL: func.func private @scalable_splat_parallel_0
// CHECK: arith.constant dense<0.000000e+00> : vector<[16]xf32>
// CHECK: vector.store
// LLVM-LABEL: llvm.func @scalable_splat(
module attributes {speir.target = #speir.target<cpu = "spacemit-x60", arch_id = 20540, llvm_cpu = "spacemit-x60", llvm_features = "", vlen = 256, ime = 1, num_threads = 8>} {
  func.func @scalable_splat(%n: index, %out: memref<?xf32>) {
    %zero = arith.constant dense<0.0> : vector<[16]xf32>
    speir.parallel (%i) in (%n) {
      vector.store %zero, %out[%i] : memref<?xf32>, vector<[16]xf32>
    }
    return
  }
}

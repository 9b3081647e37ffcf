// RUN: spine-opt %s -split-input-file -convert-xsmt-async-to-llvm -verify-diagnostics | FileCheck %s

// CHECK-DAG: llvm.func @spine_mbarrier_alloc(i16, i16, i16, i16) -> !llvm.ptr
// CHECK-DAG: llvm.func @spine_mbarrier_release(!llvm.ptr)
// CHECK-DAG: llvm.func @speir_mbarrier_arrive(!llvm.ptr)
// CHECK-DAG: llvm.func @speir_mbarrier_wait(!llvm.ptr, i16, i16)
// CHECK-LABEL: func @barriers
// CHECK: %[[P:.*]] = llvm.call @spine_mbarrier_alloc(%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}) : (i16, i16, i16, i16) -> !llvm.ptr
// CHECK: %[[H:.*]] = llvm.ptrtoint %[[P]] : !llvm.ptr to i64
// CHECK: %[[P1:.*]] = llvm.inttoptr %[[H]] : i64 to !llvm.ptr
// CHECK: llvm.call @speir_mbarrier_arrive(%[[P1]])
// CHECK: %[[P2:.*]] = llvm.inttoptr %[[H]] : i64 to !llvm.ptr
// CHECK: llvm.call @speir_mbarrier_wait(%[[P2]], %{{.*}}, %{{.*}}) : (!llvm.ptr, i16, i16) -> ()
// CHECK: %[[P3:.*]] = llvm.inttoptr %[[H]] : i64 to !llvm.ptr
// CHECK: llvm.call @spine_mbarrier_release(%[[P3]])
// CHECK-NOT: xsmt_async
func.func @barriers() {
  %p = arith.constant 0 : i16
  %a = arith.constant 2 : i16
  %b = "xsmt_async.mbarrier_alloc"(%p, %a, %p, %a) : (i16, i16, i16, i16) -> i64
  "xsmt_async.mbarrier_arrive"(%b) : (i64) -> ()
  "xsmt_async.mbarrier_wait"(%b, %p, %a) : (i64, i16, i16) -> ()
  "xsmt_async.mbarrier_release"(%b) : (i64) -> ()
  return
}

// -----

// program_id comes from the kernel's trailing pid arguments.
// CHECK-LABEL: func @grid
// CHECK-SAME: %[[PX:[^:]*]]: i32, %[[PY:[^:]*]]: i32, %[[PZ:[^:]*]]: i32)
// CHECK-DAG: %[[X:.*]] = arith.extsi %[[PX]] : i32 to i64
// CHECK-DAG: %[[Y:.*]] = arith.extsi %[[PY]] : i32 to i64
// CHECK-DAG: %[[Z:.*]] = arith.extsi %[[PZ]] : i32 to i64
// CHECK: return %[[Y]]
func.func @grid(%arg: memref<*xf32>, %gx: i32, %gy: i32, %gz: i32, %px: i32, %py: i32, %pz: i32) -> i64 {
  %axis = arith.constant 1 : i64
  %id = "xsmt_async.grid"(%axis) : (i64) -> i64
  return %id : i64
}

// -----

// A run-time axis selects among the three.
// CHECK-LABEL: func @grid_dynamic
// CHECK: %[[S:.*]] = arith.select %{{.*}}, %{{.*}}, %{{.*}} : i64
// CHECK: %[[R:.*]] = arith.select %{{.*}}, %{{.*}}, %[[S]] : i64
// CHECK: return %[[R]]
func.func @grid_dynamic(%axis: i64, %gx: i32, %gy: i32, %gz: i32, %px: i32, %py: i32, %pz: i32) -> i64 {
  %id = "xsmt_async.grid"(%axis) : (i64) -> i64
  return %id : i64
}

// -----

func.func @grid_outside_kernel(%x: i32) -> i64 {
  %axis = arith.constant 0 : i64
  // expected-error @+1 {{'xsmt_async.grid' op must be inside a kernel whose last six arguments are the i32 grid and program ids}}
  %id = "xsmt_async.grid"(%axis) : (i64) -> i64
  return %id : i64
}

// -----

// expected-error @+1 {{'speir_mbarrier_arrive' is a runtime function of type '!llvm.func<void (ptr)>' and cannot be redefined}}
func.func private @speir_mbarrier_arrive(i64)
func.func @clash(%b: i64) {
  "xsmt_async.mbarrier_arrive"(%b) : (i64) -> ()
  return
}

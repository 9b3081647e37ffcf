// RUN: spine-opt %s | FileCheck %s
// RUN: spine-opt %s | spine-opt | FileCheck %s

// The frontend emits these ops in generic form; they print back the same way.
// CHECK-LABEL: func @barriers
// CHECK: %[[B:.*]] = "xsmt_async.mbarrier_alloc"(%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}) : (i16, i16, i16, i16) -> i64
// CHECK: "xsmt_async.mbarrier_arrive"(%[[B]]) : (i64) -> ()
// CHECK: "xsmt_async.mbarrier_wait"(%[[B]], %{{.*}}, %{{.*}}) : (i64, i16, i16) -> ()
// CHECK: "xsmt_async.mbarrier_release"(%[[B]]) : (i64) -> ()
// CHECK: "xsmt_async.grid"(%{{.*}}) : (i64) -> i64
func.func @barriers(%axis: i64) -> i64 {
  %p = arith.constant 0 : i16
  %a = arith.constant 4 : i16
  %t = arith.constant 0 : i16
  %e = arith.constant 4 : i16
  %b = "xsmt_async.mbarrier_alloc"(%p, %a, %t, %e) : (i16, i16, i16, i16) -> i64
  "xsmt_async.mbarrier_arrive"(%b) : (i64) -> ()
  "xsmt_async.mbarrier_wait"(%b, %p, %a) : (i64, i16, i16) -> ()
  "xsmt_async.mbarrier_release"(%b) : (i64) -> ()
  %id = "xsmt_async.grid"(%axis) : (i64) -> i64
  return %id : i64
}

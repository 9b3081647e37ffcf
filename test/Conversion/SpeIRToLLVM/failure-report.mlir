// RUN: spine-opt %s -convert-speir-to-llvm | FileCheck %s
// RUN: spine-opt %s -convert-speir-to-llvm -convert-scf-to-cf -finalize-memref-to-llvm -convert-arith-to-llvm -convert-cf-to-llvm -convert-func-to-llvm -reconcile-unrealized-casts | mlir-translate --mlir-to-llvmir | FileCheck %s --check-prefix=IR

// A runtime call that returns a non-zero status calls speir_report_failure
// with it and a message naming the source location (the first file location
// of a call-site or fused location; none for an unknown one), the runtime
// function and the op. Equal messages share one constant.
// CHECK-DAG: llvm.mlir.global internal constant @[[AT:__speir_failure_message_[0-9]+]]("kernel.py:12:3: speir_gemm failed for speir.gemm\00")
// CHECK-DAG: llvm.mlir.global internal constant @[[NOLOC:__speir_failure_message_[0-9]+]]("speir_gemm failed for speir.gemm\00")
// CHECK-DAG: llvm.mlir.global internal constant @[[POOL:__speir_failure_message_[0-9]+]]("pool.py:7:9: speir_pool2d failed for speir.pool2d\00")
// CHECK-DAG: llvm.func @speir_report_failure(i32, !llvm.ptr)
// CHECK-LABEL: func.func @report
// CHECK: %[[S0:.*]] = llvm.call @speir_gemm(
// CHECK: %[[F0:.*]] = arith.cmpi ne, %[[S0]], %{{.*}} : i32
// CHECK: scf.if %[[F0]] {
// CHECK-NEXT: %[[M0:.*]] = llvm.mlir.addressof @[[AT]] : !llvm.ptr
// CHECK-NEXT: llvm.call @speir_report_failure(%[[S0]], %[[M0]]) : (i32, !llvm.ptr) -> ()
// CHECK-NEXT: }
// CHECK: %[[S1:.*]] = llvm.call @speir_gemm(
// CHECK: scf.if
// CHECK-NEXT: llvm.mlir.addressof @[[AT]] : !llvm.ptr
// CHECK: %[[S2:.*]] = llvm.call @speir_gemm(
// CHECK: scf.if
// CHECK-NEXT: llvm.mlir.addressof @[[NOLOC]] : !llvm.ptr
// CHECK: llvm.call @speir_pool2d(
// CHECK: scf.if
// CHECK-NEXT: llvm.mlir.addressof @[[POOL]] : !llvm.ptr

// The LLVM IR branches on the status to the report, then on to the rest.
// IR: @[[G:__speir_failure_message_[0-9]+]] = internal constant [49 x i8] c"kernel.py:12:3: speir_gemm failed for speir.gemm\00"
// IR: declare void @speir_report_failure(i32, ptr)
// IR: %[[ST:.*]] = call i32 @speir_gemm(
// IR: %[[C:.*]] = icmp ne i32 %[[ST]], 0
// IR: br i1 %[[C]], label %[[FAIL:.*]], label %[[OK:.*]]
// IR: [[FAIL]]:
// IR-NEXT: call void @speir_report_failure(i32 %[[ST]], ptr @[[G]])
// IR-NEXT: br label %[[OK]]
func.func @report(%a: memref<4x8xf32>, %b: memref<8x4xf32>, %c: memref<4x4xf32>,
                  %x: memref<1x8x8x4xf32>, %o: memref<1x4x4x4xf32>) {
  speir.gemm %a, %b into %c : memref<4x8xf32>, memref<8x4xf32> into memref<4x4xf32> loc(callsite("mm"("kernel.py":12:3) at "caller.py":4:1))
  speir.gemm %a, %b into %c : memref<4x8xf32>, memref<8x4xf32> into memref<4x4xf32> loc(fused["kernel.py":12:3, "other.py":1:1])
  speir.gemm %a, %b into %c : memref<4x8xf32>, memref<8x4xf32> into memref<4x4xf32> loc(unknown)
  speir.pool2d "max" "nhwc" ins(%x : memref<1x8x8x4xf32>) outs(%o : memref<1x4x4x4xf32>) window = [2, 2] strides = [2, 2] dilations = [1, 1] padding = [0, 0] loc("pool.py":7:9)
  return
}

// RUN: spine-opt %s -spine-expand-arith-for-llvm | FileCheck %s
// RUN: spine-opt %s -spine-expand-arith-for-llvm -convert-arith-to-llvm | FileCheck %s --check-prefix=LLVM

// f32/f64 min/max stay for convert-arith-to-llvm's intrinsics.
// CHECK-LABEL: func @f32_min_max_kept
// CHECK: arith.maximumf %{{.*}} : vector<8xf32>
// CHECK: arith.minnumf %{{.*}} : vector<8xf32>
// CHECK: arith.maxnumf %{{.*}} : f64
// CHECK: arith.minimumf %{{.*}} : f32
// CHECK-NOT: arith.select
// LLVM-LABEL: func @f32_min_max_kept
// LLVM: llvm.intr.maximum(%{{.*}}) : (vector<8xf32>, vector<8xf32>) -> vector<8xf32>
// LLVM: llvm.intr.minnum(%{{.*}}) : (vector<8xf32>, vector<8xf32>) -> vector<8xf32>
// LLVM: llvm.intr.maxnum(%{{.*}}) : (f64, f64) -> f64
// LLVM: llvm.intr.minimum(%{{.*}}) : (f32, f32) -> f32
func.func @f32_min_max_kept(%a: vector<8xf32>, %b: vector<8xf32>, %x: f64, %y: f64, %s: f32, %t: f32)
    -> (vector<8xf32>, vector<8xf32>, f64, f32) {
  %0 = arith.maximumf %a, %b : vector<8xf32>
  %1 = arith.minnumf %a, %b : vector<8xf32>
  %2 = arith.maxnumf %x, %y : f64
  %3 = arith.minimumf %s, %t : f32
  return %0, %1, %2, %3 : vector<8xf32>, vector<8xf32>, f64, f32
}

// f16 and bf16 min/max become compares and selects.
// CHECK-LABEL: func @half_min_max_expanded
// CHECK-NOT: arith.maximumf
// CHECK-NOT: arith.minnumf
// CHECK: arith.cmpf ugt, %{{.*}} : vector<8xf16>
// CHECK: arith.select
// CHECK: arith.cmpf uno
// CHECK: arith.select
// CHECK: arith.cmpf ult, %{{.*}} : vector<8xbf16>
// CHECK: return
func.func @half_min_max_expanded(%a: vector<8xf16>, %b: vector<8xf16>, %c: vector<8xbf16>, %d: vector<8xbf16>)
    -> (vector<8xf16>, vector<8xbf16>) {
  %0 = arith.maximumf %a, %b : vector<8xf16>
  %1 = arith.minnumf %c, %d : vector<8xbf16>
  return %0, %1 : vector<8xf16>, vector<8xbf16>
}

// bf16 <-> f32 conversions and the rounding divisions are expanded.
// CHECK-LABEL: func @conversions_and_divisions
// CHECK-NOT: arith.extf
// CHECK-NOT: arith.truncf
// CHECK-NOT: arith.ceildivsi
// CHECK-NOT: arith.floordivsi
// CHECK: arith.shli %{{.*}} : vector<8xi32>
// CHECK: arith.divsi
// CHECK: return
func.func @conversions_and_divisions(%h: vector<8xbf16>, %f: f32, %i: i32, %j: i32) -> (vector<8xf32>, bf16, i32, i32) {
  %0 = arith.extf %h : vector<8xbf16> to vector<8xf32>
  %1 = arith.truncf %f : f32 to bf16
  %2 = arith.ceildivsi %i, %j : i32
  %3 = arith.floordivsi %i, %j : i32
  return %0, %1, %2, %3 : vector<8xf32>, bf16, i32, i32
}

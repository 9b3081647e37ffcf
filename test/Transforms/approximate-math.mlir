// RUN: spine-opt %s -speir-approximate-math | FileCheck %s

// Vector math becomes arithmetic: no calls of scalar libm functions remain.
// CHECK-LABEL: func @vector_math
// CHECK-NOT: math.exp
// CHECK-NOT: math.tanh
// CHECK-NOT: math.log
// CHECK: arith.mulf %{{.*}} : vector<16xf32>
// CHECK: return
func.func @vector_math(%x: vector<16xf32>) -> (vector<16xf32>, vector<16xf32>, vector<16xf32>) {
  %e = math.exp %x : vector<16xf32>
  %t = math.tanh %x : vector<16xf32>
  %l = math.log %x : vector<16xf32>
  return %e, %t, %l : vector<16xf32>, vector<16xf32>, vector<16xf32>
}

// f16 math is computed in f32.
// CHECK-LABEL: func @half_exp
// CHECK: arith.extf %{{.*}} : vector<8xf16> to vector<8xf32>
// CHECK: arith.truncf %{{.*}} : vector<8xf32> to vector<8xf16>
func.func @half_exp(%x: vector<8xf16>) -> vector<8xf16> {
  %e = math.exp %x : vector<8xf16>
  return %e : vector<8xf16>
}

// rsqrt is left for the LLVM lowering (upstream's approximation is AVX2-only).
// CHECK-LABEL: func @rsqrt_kept
// CHECK: math.rsqrt %{{.*}} : vector<8xf32>
func.func @rsqrt_kept(%x: vector<8xf32>) -> vector<8xf32> {
  %r = math.rsqrt %x : vector<8xf32>
  return %r : vector<8xf32>
}

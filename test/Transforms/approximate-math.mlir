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

// f32 exp is the project's own (ExpF32): x >= -104 by ordered compare +
// select (NaN passes), x <= 88.75 by minnum only where k = round(x / ln 2)
// is formed through the 1.5 * 2^23 + 254 constant, a two-step reduction, the
// degree-6 polynomial as 1 + r * (1 + r * h) with h by Horner's rule in
// multiplies and adds of scalar constants, and 2^k as two powers of two
// shifted out of t's bits, folded into two fmas and a multiply. No constant
// is an fma addend.
// CHECK-LABEL: func @scalar_exp
// CHECK-DAG: %[[LO:.*]] = arith.constant -1.040000e+02 : f32
// CHECK-DAG: %[[HI:.*]] = arith.constant 8.875000e+01 : f32
// CHECK-DAG: %[[MAGIC:.*]] = arith.constant 0x4B4000FE : f32
// CHECK-DAG: %[[LOG2E:.*]] = arith.constant 1.44269502 : f32
// CHECK-DAG: %[[LN2HI:.*]] = arith.constant -0.693359375 : f32
// CHECK-DAG: %[[C1:.*]] = arith.constant 1 : i32
// CHECK-DAG: %[[C23:.*]] = arith.constant 23 : i32
// CHECK: %[[BELOW:.*]] = arith.cmpf olt, %[[X:.*]], %[[LO]] : f32
// CHECK: %[[XL:.*]] = arith.select %[[BELOW]], %[[LO]], %[[X]] : f32
// CHECK: %[[XK:.*]] = arith.minnumf %[[XL]], %[[HI]] : f32
// CHECK: %[[XE:.*]] = arith.mulf %[[XK]], %[[LOG2E]] : f32
// CHECK: %[[T:.*]] = arith.addf %[[XE]], %[[MAGIC]] : f32
// CHECK: %[[KF:.*]] = arith.subf %[[T]], %[[MAGIC]] : f32
// CHECK: %[[R0:.*]] = math.fma %[[KF]], %[[LN2HI]], %[[XL]] : f32
// CHECK: %[[R:.*]] = math.fma %[[KF]], %{{.*}}, %[[R0]] : f32
// CHECK: %[[H0:.*]] = arith.mulf %[[R]], %{{.*}} : f32
// CHECK: %[[H1:.*]] = arith.addf %[[H0]], %{{.*}} : f32
// CHECK: %[[H2:.*]] = arith.mulf %[[H1]], %[[R]] : f32
// CHECK: %[[H3:.*]] = arith.addf %[[H2]], %{{.*}} : f32
// CHECK: %[[H4:.*]] = arith.mulf %[[H3]], %[[R]] : f32
// CHECK: %[[H5:.*]] = arith.addf %[[H4]], %{{.*}} : f32
// CHECK: %[[H6:.*]] = arith.mulf %[[H5]], %[[R]] : f32
// CHECK: %[[H:.*]] = arith.addf %[[H6]], %{{.*}} : f32
// CHECK: %[[TBITS:.*]] = arith.bitcast %[[T]] : f32 to i32
// CHECK: %[[HALF:.*]] = arith.shrsi %[[TBITS]], %[[C1]] : i32
// CHECK: %[[S1BITS:.*]] = arith.shli %[[HALF]], %[[C23]] : i32
// CHECK: %[[S1:.*]] = arith.bitcast %[[S1BITS]] : i32 to f32
// CHECK: %[[REST:.*]] = arith.subi %[[TBITS]], %[[HALF]] : i32
// CHECK: %[[S2BITS:.*]] = arith.shli %[[REST]], %[[C23]] : i32
// CHECK: %[[S2:.*]] = arith.bitcast %[[S2BITS]] : i32 to f32
// CHECK: %[[V:.*]] = arith.mulf %[[R]], %[[H]] : f32
// CHECK: %[[Q:.*]] = math.fma %[[V]], %[[S1]], %[[S1]] : f32
// CHECK: %[[P:.*]] = math.fma %[[R]], %[[Q]], %[[S1]] : f32
// CHECK: %[[RESULT:.*]] = arith.mulf %[[P]], %[[S2]] : f32
// CHECK-NOT: math.exp
// CHECK: return %[[RESULT]] : f32
func.func @scalar_exp(%x: f32) -> f32 {
  %e = math.exp %x : f32
  return %e : f32
}

// Vectors take the same sequence, with splat constants.
// CHECK-LABEL: func @vector_exp
// CHECK: arith.cmpf olt, %{{.*}} : vector<16xf32>
// CHECK: arith.bitcast %{{.*}} : vector<16xf32> to vector<16xi32>
// CHECK: arith.shrsi %{{.*}} : vector<16xi32>
// CHECK-NOT: math.exp
func.func @vector_exp(%x: vector<16xf32>) -> vector<16xf32> {
  %e = math.exp %x : vector<16xf32>
  return %e : vector<16xf32>
}

// exp(-y) takes the negation into the constants: y's clamp bounds mirrored,
// -log2(e), and r = -(y + kf * ln2_high) as a negated fma. The same bits as
// exp of the negated value, without the negation.
// CHECK-LABEL: func @negated_exp
// CHECK-DAG: %[[LO:.*]] = arith.constant 1.040000e+02 : f32
// CHECK-DAG: %[[HI:.*]] = arith.constant -8.875000e+01 : f32
// CHECK-DAG: %[[NLOG2E:.*]] = arith.constant -1.44269502 : f32
// CHECK-DAG: %[[LN2HI:.*]] = arith.constant 0.693359375 : f32
// CHECK-NOT: arith.negf %[[Y:[^ ]*]] : f32
// CHECK: %[[ABOVE:.*]] = arith.cmpf ogt, %[[Y:.*]], %[[LO]] : f32
// CHECK: %[[YL:.*]] = arith.select %[[ABOVE]], %[[LO]], %[[Y]] : f32
// CHECK: %[[YK:.*]] = arith.maxnumf %[[YL]], %[[HI]] : f32
// CHECK: arith.mulf %[[YK]], %[[NLOG2E]] : f32
// CHECK: %[[SUM:.*]] = math.fma %{{.*}}, %[[LN2HI]], %[[YL]] : f32
// CHECK: %[[R0:.*]] = arith.negf %[[SUM]] : f32
// CHECK: math.fma %{{.*}}, %{{.*}}, %[[R0]] : f32
// CHECK-NOT: math.exp
func.func @negated_exp(%y: f32) -> f32 {
  %n = arith.negf %y : f32
  %e = math.exp %n : f32
  return %e : f32
}

// f64 exp is not ExpF32's: upstream's expansion or the LLVM lowering keeps it.
// CHECK-LABEL: func @f64_exp_not_f32
// CHECK-NOT: 0x4B4000FE
// CHECK: return
func.func @f64_exp_not_f32(%x: f64) -> f64 {
  %e = math.exp %x : f64
  return %e : f64
}

// Quantization's round, saturate, convert: one lrint of the clamped value
// (maxnum/minnum: NaN converts to poison either way).
// CHECK-LABEL: func @round_clamp_convert
// CHECK-DAG: %[[LO:.*]] = arith.constant dense<-1.270000e+02> : vector<32xf32>
// CHECK-DAG: %[[HI:.*]] = arith.constant dense<1.270000e+02> : vector<32xf32>
// CHECK-NOT: math.roundeven
// CHECK: %[[A:.*]] = arith.maxnumf %[[X:.*]], %[[LO]] : vector<32xf32>
// CHECK: %[[B:.*]] = arith.minnumf %[[A]], %[[HI]] : vector<32xf32>
// CHECK: %[[I:.*]] = llvm.intr.lrint(%[[B]]) : (vector<32xf32>) -> vector<32xi32>
// CHECK-NOT: arith.fptosi
// CHECK: arith.trunci %[[I]] : vector<32xi32> to vector<32xi8>
func.func @round_clamp_convert(%x: vector<32xf32>) -> vector<32xi8> {
  %lo = arith.constant dense<-127.0> : vector<32xf32>
  %hi = arith.constant dense<127.0> : vector<32xf32>
  %r = math.roundeven %x : vector<32xf32>
  %a = arith.maximumf %r, %lo : vector<32xf32>
  %b = arith.minimumf %hi, %a : vector<32xf32>
  %i = arith.fptosi %b : vector<32xf32> to vector<32xi32>
  %t = arith.trunci %i : vector<32xi32> to vector<32xi8>
  return %t : vector<32xi8>
}

// A scalar, unclamped: lrint of x itself.
// CHECK-LABEL: func @round_convert_scalar
// CHECK: %[[I:.*]] = llvm.intr.lrint(%{{.*}}) : (f32) -> i64
// CHECK: return %[[I]]
func.func @round_convert_scalar(%x: f32) -> i64 {
  %r = math.roundeven %x : f32
  %i = arith.fptosi %r : f32 to i64
  return %i : i64
}

// A 2-D vector (the vectorizer's 1xN row tiles): lrint takes 1-D vectors,
// so the value is flattened around it.
// CHECK-LABEL: func @round_clamp_convert_2d
// CHECK: %[[A:.*]] = arith.maxnumf %{{.*}}, %{{.*}} : vector<2x8xf32>
// CHECK: %[[F:.*]] = vector.shape_cast %[[A]] : vector<2x8xf32> to vector<16xf32>
// CHECK: %[[I:.*]] = llvm.intr.lrint(%[[F]]) : (vector<16xf32>) -> vector<16xi32>
// CHECK: %[[R:.*]] = vector.shape_cast %[[I]] : vector<16xi32> to vector<2x8xi32>
// CHECK-NOT: arith.fptosi
// CHECK: return %[[R]]
func.func @round_clamp_convert_2d(%m: vector<2x8xf32>) -> vector<2x8xi32> {
  %lo = arith.constant dense<-128.0> : vector<2x8xf32>
  %r = math.roundeven %m : vector<2x8xf32>
  %a = arith.maximumf %r, %lo : vector<2x8xf32>
  %i = arith.fptosi %a : vector<2x8xf32> to vector<2x8xi32>
  return %i : vector<2x8xi32>
}

// Left alone: a bound that is not an integer (the clamp would not commute
// with the rounding), a rounded value used elsewhere too, an i8 result.
// CHECK-LABEL: func @round_convert_kept
// CHECK-NOT: llvm.intr.lrint
// CHECK-COUNT-3: arith.fptosi
// CHECK: return
func.func @round_convert_kept(%x: vector<8xf32>, %s: f32)
    -> (vector<8xi32>, vector<8xi32>, vector<8xf32>, i8) {
  %half = arith.constant dense<0.5> : vector<8xf32>
  %r0 = math.roundeven %x : vector<8xf32>
  %c0 = arith.maximumf %r0, %half : vector<8xf32>
  %i0 = arith.fptosi %c0 : vector<8xf32> to vector<8xi32>
  %r1 = math.roundeven %x : vector<8xf32>
  %i1 = arith.fptosi %r1 : vector<8xf32> to vector<8xi32>
  %r3 = math.roundeven %s : f32
  %i3 = arith.fptosi %r3 : f32 to i8
  return %i0, %i1, %r1, %i3 : vector<8xi32>, vector<8xi32>, vector<8xf32>, i8
}

// silu's x / (1 + exp(-x)): the exp is only added to 1 (one scale,
// 2^(k-1), then * 2; bound 86 instead of 104, magic 1.5 * 2^23 + 126), and
// x's NaN reaches the quotient through the numerator, so the bound is a
// minnumf, not compare + select.
// CHECK-LABEL: func @silu_exp
// CHECK-DAG: %[[LO:.*]] = arith.constant 8.600000e+01 : f32
// CHECK-DAG: %[[MAGIC:.*]] = arith.constant 0x4B40007E : f32
// CHECK-DAG: %[[TWO:.*]] = arith.constant 2.000000e+00 : f32
// CHECK-NOT: arith.cmpf
// CHECK: %[[YL:.*]] = arith.minnumf %[[X:.*]], %[[LO]] : f32
// CHECK: arith.addf %{{.*}}, %[[MAGIC]] : f32
// CHECK: %[[S:.*]] = arith.bitcast %{{.*}} : i32 to f32
// CHECK-NOT: arith.shrsi
// CHECK: %[[Q:.*]] = math.fma %{{.*}}, %[[S]], %[[S]] : f32
// CHECK: %[[P:.*]] = math.fma %{{.*}}, %[[Q]], %[[S]] : f32
// CHECK: %[[E:.*]] = arith.mulf %[[P]], %[[TWO]] : f32
// CHECK: %[[D:.*]] = arith.addf %[[E]], %{{.*}} : f32
// CHECK: arith.divf %[[X]], %[[D]] : f32
func.func @silu_exp(%x: f32) -> f32 {
  %one = arith.constant 1.0 : f32
  %n = arith.negf %x : f32
  %e = math.exp %n : f32
  %d = arith.addf %e, %one : f32
  %q = arith.divf %x, %d : f32
  return %q : f32
}

// sigmoid's 1 / (1 + exp(-x)): one scale as well, but x reaches the result
// only through the exp, whose bound must let NaN through (compare + select).
// CHECK-LABEL: func @sigmoid_exp
// CHECK-DAG: %[[LO:.*]] = arith.constant 8.600000e+01 : f32
// CHECK: %[[ABOVE:.*]] = arith.cmpf ogt, %[[X:.*]], %[[LO]] : f32
// CHECK: arith.select %[[ABOVE]], %[[LO]], %[[X]] : f32
// CHECK-NOT: arith.shrsi
// CHECK: arith.mulf %{{.*}}, %{{.*}} : f32
func.func @sigmoid_exp(%x: f32) -> f32 {
  %one = arith.constant 1.0 : f32
  %n = arith.negf %x : f32
  %e = math.exp %n : f32
  %d = arith.addf %one, %e : f32
  %q = arith.divf %one, %d : f32
  return %q : f32
}

// Added to a constant below 1 (0.5): an exp below 2^-24 would not vanish in
// the sum, so the two-scale form stays (subnormal results exact).
// CHECK-LABEL: func @exp_plus_half
// CHECK-DAG: arith.constant -1.040000e+02 : f32
// CHECK-DAG: arith.constant 0x4B4000FE : f32
// CHECK: arith.shrsi
func.func @exp_plus_half(%x: f32) -> f32 {
  %h = arith.constant 0.5 : f32
  %e = math.exp %x : f32
  %d = arith.addf %e, %h : f32
  return %d : f32
}

// Upstream's atan evaluates its polynomial as fmas with splat constant
// addends; on vectors those become a multiply and an add of the constant
// (a .vf operand on RVV instead of a vector register held across the loop).
// The kernel's own fma with a constant addend keeps its single rounding.
// CHECK-LABEL: func @atan_no_constant_addends
// CHECK-NOT: math.atan
// CHECK-NOT: math.fma %{{[0-9]+}}, %{{[0-9]+}}, %cst
// CHECK: arith.addf %{{[0-9]+}}, %cst{{.*}} : vector<8xf32>
// CHECK-NOT: math.fma %{{[0-9]+}}, %{{[0-9]+}}, %cst
// CHECK: %[[OWN:.*]] = math.fma %arg0, %arg1, %cst{{.*}} : vector<8xf32>
// CHECK: return %{{.*}}, %[[OWN]]
func.func @atan_no_constant_addends(%x: vector<8xf32>, %y: vector<8xf32>) -> (vector<8xf32>, vector<8xf32>) {
  %c = arith.constant dense<0.25> : vector<8xf32>
  %t = math.atan %x : vector<8xf32>
  %f = math.fma %x, %y, %c : vector<8xf32>
  return %t, %f : vector<8xf32>, vector<8xf32>
}

// f32 erf (OddRationalF32): x clamped to +-3.92 by compare + select (NaN passes),
// then x P(x^2) / Q(x^2) with Horner steps as multiplies and adds of scalar
// constants.
// CHECK-LABEL: func @erf_f32
// CHECK-NOT: math.erf
// CHECK: %[[HI:.*]] = arith.cmpf ogt, %[[X:.*]], %[[B:.*]] : vector<8xf32>
// CHECK: %[[X1:.*]] = arith.select %[[HI]], %[[B]], %[[X]]
// CHECK: %[[LO:.*]] = arith.cmpf olt, %[[X1]], %[[NB:.*]] : vector<8xf32>
// CHECK: %[[XC:.*]] = arith.select %[[LO]], %[[NB]], %[[X1]]
// CHECK: %[[T:.*]] = arith.mulf %[[XC]], %[[XC]] : vector<8xf32>
// CHECK-NOT: math.fma
// CHECK: %[[NUM:.*]] = arith.mulf %[[XC]], %{{.*}} : vector<8xf32>
// CHECK: %[[R:.*]] = arith.divf %[[NUM]], %{{.*}} : vector<8xf32>
// CHECK: return %[[R]]
func.func @erf_f32(%x: vector<8xf32>) -> vector<8xf32> {
  %e = math.erf %x : vector<8xf32>
  return %e : vector<8xf32>
}

// f32 tanh, the same form: x clamped to +-9.02, no special case for tiny x
// (P(0) = Q(0) = 1).
// CHECK-LABEL: func @tanh_f32
// CHECK-NOT: math.tanh
// CHECK: arith.constant 9.020000e+00 : f32
// CHECK: %[[HI:.*]] = arith.cmpf ogt, %[[X:.*]], %[[B:.*]] : f32
// CHECK: arith.select %[[HI]], %[[B]], %[[X]]
// CHECK-NOT: math.absf
// CHECK: %[[R:.*]] = arith.divf
// CHECK-NOT: arith.select
// CHECK: return %[[R]]
func.func @tanh_f32(%x: f32) -> f32 {
  %e = math.tanh %x : f32
  return %e : f32
}

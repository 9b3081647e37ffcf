// RUN: spine-opt %s | spine-opt | FileCheck %s
// RUN: spine-opt %s --mlir-print-op-generic | spine-opt | FileCheck %s
// RUN: spine-opt %s --mlir-print-op-generic | FileCheck %s --check-prefix=GENERIC

// Every tt op in the form Triton 3.9 prints it. The GENERIC lines are the
// generic forms Triton 3.9 prints for the same ops (property names, enum
// values, operand segments).

// CHECK-LABEL: tt.func public @types
// CHECK-SAME: %{{.*}}: !tt.ptr<f32> {tt.divisibility = 16 : i32}
// CHECK-SAME: %{{.*}}: !tt.ptr<f16, "constant">
// CHECK-SAME: %{{.*}}: !tt.ptr<i8, "descriptor">
// CHECK-SAME: %{{.*}}: !tt.ptr<bf16, 3>
// CHECK-SAME: %{{.*}}: !tt.ptr<f8E4M3FN>
// CHECK-SAME: %{{.*}}: tensor<16x!tt.ptr<i1>>
// CHECK-SAME: %{{.*}}: !tt.tensordesc<32x64xf16>
// CHECK-SAME: %{{.*}}: !tt.tensordesc<16x16xsi32>
// CHECK-SAME: %{{.*}}: !tt.tensordesc<1x32xf32, "nvmma">
// CHECK-SAME: attributes {noinline = false}
// GENERIC-LABEL: "tt.func"()
// GENERIC-SAME: sym_name = "types", sym_visibility = "public"
tt.func public @types(%p: !tt.ptr<f32> {tt.divisibility = 16 : i32},
                      %c: !tt.ptr<f16, "constant">,
                      %d: !tt.ptr<i8, "descriptor">,
                      %old: !tt.ptr<bf16, 3>,
                      %f8: !tt.ptr<f8E4M3FN, "global">,
                      %pt: tensor<16x!tt.ptr<i1>>,
                      %td: !tt.tensordesc<32x64xf16>,
                      %ts: !tt.tensordesc<16x16xsi32>,
                      %tl: !tt.tensordesc<1x32xf32, "nvmma">)
    attributes {noinline = false} {
  tt.return
}

// CHECK-LABEL: @casts
tt.func @casts(%i: tensor<8xi64>, %p: tensor<8x!tt.ptr<f32>>, %f: tensor<8xf32>,
               %h: tensor<8xf16>, %q: f8E5M2) {
  // CHECK: tt.int_to_ptr %{{.*}} : tensor<8xi64> -> tensor<8x!tt.ptr<f32>>
  %0 = tt.int_to_ptr %i : tensor<8xi64> -> tensor<8x!tt.ptr<f32>>
  // CHECK: tt.ptr_to_int %{{.*}} : tensor<8x!tt.ptr<f32>> -> tensor<8xi64>
  %1 = tt.ptr_to_int %p : tensor<8x!tt.ptr<f32>> -> tensor<8xi64>
  // CHECK: tt.bitcast %{{.*}} : tensor<8x!tt.ptr<f32>> -> tensor<8x!tt.ptr<i32>>
  %2 = tt.bitcast %p : tensor<8x!tt.ptr<f32>> -> tensor<8x!tt.ptr<i32>>
  // CHECK: tt.bitcast %{{.*}} : tensor<8xf16> -> tensor<8xi16>
  %3 = tt.bitcast %h : tensor<8xf16> -> tensor<8xi16>
  // CHECK: tt.fp_to_fp %{{.*}}, rounding = rtne : tensor<8xf32> -> tensor<8xf8E4M3FN>
  // GENERIC: "tt.fp_to_fp"(%{{.*}}) <{rounding = 1 : i32}> : (tensor<8xf32>) -> tensor<8xf8E4M3FN>
  %4 = tt.fp_to_fp %f, rounding = rtne : tensor<8xf32> -> tensor<8xf8E4M3FN>
  // CHECK: tt.fp_to_fp %{{.*}}, rounding = rtz : tensor<8xf32> -> tensor<8xf16>
  %5 = tt.fp_to_fp %f, rounding = rtz : tensor<8xf32> -> tensor<8xf16>
  // CHECK: tt.fp_to_fp %{{.*}} : f8E5M2 -> bf16
  %6 = tt.fp_to_fp %q : f8E5M2 -> bf16
  tt.return
}

// CHECK-LABEL: @arith
tt.func @arith(%x: tensor<16xf32>, %y: tensor<16xf32>, %u: tensor<16xi32>, %s: f64) {
  // CHECK: tt.clampf %{{.*}}, %{{.*}}, %{{.*}}, propagateNan = all : tensor<16xf32>
  // GENERIC: "tt.clampf"(%{{.*}}, %{{.*}}, %{{.*}}) <{propagateNan = 65535 : i32}>
  %0 = tt.clampf %x, %y, %y, propagateNan = all : tensor<16xf32>
  // CHECK: tt.clampf %{{.*}}, %{{.*}}, %{{.*}}, propagateNan = none : tensor<16xf32>
  %1 = tt.clampf %x, %y, %y, propagateNan = none : tensor<16xf32>
  // CHECK: tt.precise_sqrt %{{.*}} : f64
  %2 = tt.precise_sqrt %s : f64
  // CHECK: tt.precise_divf %{{.*}}, %{{.*}} : tensor<16xf32>
  %3 = tt.precise_divf %x, %y : tensor<16xf32>
  // CHECK: tt.approx_divf %{{.*}}, %{{.*}} : tensor<16xf32>
  %4 = tt.approx_divf %x, %y : tensor<16xf32>
  // CHECK: tt.mulhiui %{{.*}}, %{{.*}} : tensor<16xi32>
  %5 = tt.mulhiui %u, %u : tensor<16xi32>
  tt.return
}

// CHECK-LABEL: @memory
tt.func @memory(%p: !tt.ptr<f32>, %n: i32, %b: i1) {
  // CHECK: %[[R:.*]] = tt.make_range {end = 64 : i32, start = 0 : i32} : tensor<64xi32>
  %r = tt.make_range {end = 64 : i32, start = 0 : i32} : tensor<64xi32>
  // CHECK: %[[S:.*]] = tt.splat %{{.*}} : !tt.ptr<f32> -> tensor<64x!tt.ptr<f32>>
  %s = tt.splat %p : !tt.ptr<f32> -> tensor<64x!tt.ptr<f32>>
  // CHECK: %[[A:.*]] = tt.addptr %[[S]], %[[R]] : tensor<64x!tt.ptr<f32>>, tensor<64xi32>
  %a = tt.addptr %s, %r : tensor<64x!tt.ptr<f32>>, tensor<64xi32>
  // CHECK: tt.addptr %{{.*}}, %{{.*}} : !tt.ptr<f32>, i32
  %q = tt.addptr %p, %n : !tt.ptr<f32>, i32
  %nn = tt.splat %n : i32 -> tensor<64xi32>
  %m = arith.cmpi slt, %r, %nn : tensor<64xi32>
  %zero = arith.constant dense<0.0> : tensor<64xf32>
  // CHECK: tt.load %[[A]] : tensor<64x!tt.ptr<f32>>
  // GENERIC: "tt.load"(%{{.*}}) <{isVolatile = false, operandSegmentSizes = array<i32: 1, 0, 0>}> : (tensor<64x!tt.ptr<f32>>) -> tensor<64xf32>
  %l0 = tt.load %a : tensor<64x!tt.ptr<f32>>
  // CHECK: tt.load %[[A]], %{{.*}}, %{{.*}} : tensor<64x!tt.ptr<f32>>
  // GENERIC: "tt.load"(%{{.*}}, %{{.*}}, %{{.*}}) <{isVolatile = false, operandSegmentSizes = array<i32: 1, 1, 1>}>
  %l1 = tt.load %a, %m, %zero : tensor<64x!tt.ptr<f32>>
  // CHECK: tt.load %{{.*}}, %{{.*}} {cachePolicy = #tt.cache_policy<cache_modifier = cg, eviction_policy = evict_last>, isVolatile = true} : !tt.ptr<f32>
  // GENERIC: "tt.load"(%{{.*}}, %{{.*}}) <{cachePolicy = #tt.cache_policy<cache_modifier = cg, eviction_policy = evict_last>, isVolatile = true, operandSegmentSizes = array<i32: 1, 1, 0>}> : (!tt.ptr<f32>, i1) -> f32
  %l2 = tt.load %q, %b {cachePolicy = #tt.cache_policy<eviction_policy = evict_last, cache_modifier = cg>, isVolatile = true} : !tt.ptr<f32>
  // CHECK: tt.store %[[A]], %{{.*}}, %{{.*}} : tensor<64x!tt.ptr<f32>>
  // GENERIC: "tt.store"(%{{.*}}, %{{.*}}, %{{.*}}) : (tensor<64x!tt.ptr<f32>>, tensor<64xf32>, tensor<64xi1>) -> ()
  tt.store %a, %l1, %m : tensor<64x!tt.ptr<f32>>
  // CHECK: tt.store %{{.*}}, %{{.*}} {cachePolicy = #tt.cache_policy<cache_modifier = wt, eviction_policy = evict_normal>, ignore_cta} : !tt.ptr<f32>
  // GENERIC: "tt.store"(%{{.*}}, %{{.*}}) <{cachePolicy = #tt.cache_policy<cache_modifier = wt, eviction_policy = evict_normal>, ignore_cta}>
  tt.store %q, %l2 {cachePolicy = #tt.cache_policy<cache_modifier = wt, eviction_policy = evict_normal>, ignore_cta} : !tt.ptr<f32>
  tt.return
}

// CHECK-LABEL: @atomics
tt.func @atomics(%p: tensor<16x!tt.ptr<i32>>, %v: tensor<16xi32>, %m: tensor<16xi1>,
                 %s: !tt.ptr<f32>, %f: f32, %t: i64) {
  // CHECK: tt.atomic_rmw fadd, acq_rel, gpu, %{{.*}}, %{{.*}} : (!tt.ptr<f32>, f32) -> f32
  // GENERIC: "tt.atomic_rmw"(%{{.*}}, %{{.*}}) <{atomic_rmw_op = 5 : i32, scope = 1 : i32, sem = 4 : i32}>
  %0 = tt.atomic_rmw fadd, acq_rel, gpu, %s, %f : (!tt.ptr<f32>, f32) -> f32
  // CHECK: tt.atomic_rmw exch, relaxed, sys, %{{.*}}, %{{.*}}, %{{.*}} : (tensor<16x!tt.ptr<i32>>, tensor<16xi32>, tensor<16xi1>) -> tensor<16xi32>
  %1 = tt.atomic_rmw exch, relaxed, sys, %p, %v, %m : (tensor<16x!tt.ptr<i32>>, tensor<16xi32>, tensor<16xi1>) -> tensor<16xi32>
  // CHECK: tt.atomic_cas acquire, cta, %{{.*}}, %{{.*}}, %{{.*}} : (tensor<16x!tt.ptr<i32>>, tensor<16xi32>, tensor<16xi32>) -> tensor<16xi32>
  %2 = tt.atomic_cas acquire, cta, %p, %v, %v : (tensor<16x!tt.ptr<i32>>, tensor<16xi32>, tensor<16xi32>) -> tensor<16xi32>
  // CHECK: tt.atomic_load acquire, gpu, %{{.*}}, %{{.*}} : (tensor<16x!tt.ptr<i32>>, tensor<16xi1>) -> tensor<16xi32>
  %3 = tt.atomic_load acquire, gpu, %p, %m : (tensor<16x!tt.ptr<i32>>, tensor<16xi1>) -> tensor<16xi32>
  // CHECK: tt.atomic_load relaxed, cta, %{{.*}} : (!tt.ptr<f32>) -> f32
  %4 = tt.atomic_load relaxed, cta, %s : (!tt.ptr<f32>) -> f32
  // CHECK: tt.atomic_store release, gpu, %{{.*}}, %{{.*}}, %{{.*}} : tensor<16x!tt.ptr<i32>>
  tt.atomic_store release, gpu, %p, %v, %m : tensor<16x!tt.ptr<i32>>
  // CHECK: tt.atomic_store relaxed, sys, %{{.*}}, %{{.*}} : !tt.ptr<f32>
  tt.atomic_store relaxed, sys, %s, %f : !tt.ptr<f32>
  // CHECK: tt.atomic_poll acquire, gpu, %{{.*}}, %{{.*}} : tensor<16x!tt.ptr<i32>>, tensor<16xi32> -> tensor<16xi1>
  %5 = tt.atomic_poll acquire, gpu, %p, %v : tensor<16x!tt.ptr<i32>>, tensor<16xi32> -> tensor<16xi1>
  // CHECK: tt.atomic_poll relaxed, gpu, %{{.*}}, %{{.*}} timeout %{{.*}} : tensor<16x!tt.ptr<i32>>, tensor<16xi32> -> tensor<16xi1>
  %6 = tt.atomic_poll relaxed, gpu, %p, %v timeout %t : tensor<16x!tt.ptr<i32>>, tensor<16xi32> -> tensor<16xi1>
  tt.return
}

// CHECK-LABEL: @shapes
tt.func @shapes(%x: tensor<32xf32>, %y: tensor<32xf32>, %one: tensor<1xf32>, %m: tensor<4x8xf32>) {
  // CHECK: tt.unsplat %{{.*}} : tensor<1xf32>
  %0 = tt.unsplat %one : tensor<1xf32>
  // CHECK: tt.splat %{{.*}} : f32 -> tensor<4x8xf32>
  %1 = tt.splat %0 : f32 -> tensor<4x8xf32>
  // CHECK: tt.expand_dims %{{.*}} {axis = 1 : i32} : tensor<32xf32> -> tensor<32x1xf32>
  %2 = tt.expand_dims %x {axis = 1 : i32} : tensor<32xf32> -> tensor<32x1xf32>
  // CHECK: tt.broadcast %{{.*}} : tensor<32x1xf32> -> tensor<32x4xf32>
  %3 = tt.broadcast %2 : tensor<32x1xf32> -> tensor<32x4xf32>
  // CHECK: tt.reshape %{{.*}} : tensor<32xf32> -> tensor<4x8xf32>
  %4 = tt.reshape %x : tensor<32xf32> -> tensor<4x8xf32>
  // CHECK: tt.reshape %{{.*}} allow_reorder efficient_layout : tensor<32xf32> -> tensor<2x16xf32>
  // GENERIC: "tt.reshape"(%{{.*}}) <{allow_reorder, efficient_layout}>
  %5 = tt.reshape %x allow_reorder efficient_layout : tensor<32xf32> -> tensor<2x16xf32>
  // CHECK: tt.cat %{{.*}}, %{{.*}} : tensor<32xf32> -> tensor<64xf32>
  %6 = tt.cat %x, %y : tensor<32xf32> -> tensor<64xf32>
  // CHECK: %[[J:.*]] = tt.join %{{.*}}, %{{.*}} : tensor<32xf32> -> tensor<32x2xf32>
  %7 = tt.join %x, %y : tensor<32xf32> -> tensor<32x2xf32>
  // CHECK: %outLHS, %outRHS = tt.split %[[J]] : tensor<32x2xf32> -> tensor<32xf32>
  %8:2 = tt.split %7 : tensor<32x2xf32> -> tensor<32xf32>
  // CHECK: tt.trans %{{.*}} {order = array<i32: 1, 0>} : tensor<4x8xf32> -> tensor<8x4xf32>
  %9 = tt.trans %m {order = array<i32: 1, 0>} : tensor<4x8xf32> -> tensor<8x4xf32>
  tt.return
}

// CHECK-LABEL: @grid
tt.func @grid() -> i32 {
  // CHECK: tt.get_program_id x : i32
  // GENERIC: "tt.get_program_id"() <{axis = 0 : i32}> : () -> i32
  %0 = tt.get_program_id x : i32
  // CHECK: tt.get_program_id z : i32
  %1 = tt.get_program_id z : i32
  // CHECK: tt.get_num_programs y : i32
  %2 = tt.get_num_programs y : i32
  %3 = arith.addi %0, %1 : i32
  %4 = arith.addi %3, %2 : i32
  // CHECK: tt.return %{{.*}} : i32
  tt.return %4 : i32
}

// CHECK-LABEL: @dots
tt.func @dots(%a: tensor<32x16xf16>, %b: tensor<16x64xf16>, %c: tensor<32x64xf32>,
              %a3: tensor<2x16x16xf32>, %c3: tensor<2x16x16xf32>,
              %i: tensor<16x16xi8>, %ci: tensor<16x16xi32>,
              %fa: tensor<32x32xi8>, %sa: tensor<32x2xi8>, %fb: tensor<64x32xbf16>,
              %ea: tensor<32x64xf8E4M3FN>, %eb: tensor<64x32xf8E4M3FN>,
              %sb: tensor<32x2xi8>, %acc: tensor<32x32xf32>) {
  // CHECK: tt.dot %{{.*}}, %{{.*}}, %{{.*}} : tensor<32x16xf16> * tensor<16x64xf16> -> tensor<32x64xf32>
  // GENERIC: "tt.dot"(%{{.*}}, %{{.*}}, %{{.*}}) <{inputPrecision = 2 : i32, maxNumImpreciseAcc = 0 : i32}>
  %0 = tt.dot %a, %b, %c : tensor<32x16xf16> * tensor<16x64xf16> -> tensor<32x64xf32>
  // CHECK: tt.dot %{{.*}}, %{{.*}}, %{{.*}}, inputPrecision = tf32x3 : tensor<2x16x16xf32> * tensor<2x16x16xf32> -> tensor<2x16x16xf32>
  %1 = tt.dot %a3, %a3, %c3, inputPrecision = tf32x3 : tensor<2x16x16xf32> * tensor<2x16x16xf32> -> tensor<2x16x16xf32>
  // CHECK: tt.dot %{{.*}}, %{{.*}}, %{{.*}}, inputPrecision = tf32 {maxNumImpreciseAcc = 16 : i32} : tensor<16x16xi8> * tensor<16x16xi8> -> tensor<16x16xi32>
  %2 = tt.dot %i, %i, %ci, inputPrecision = tf32 {maxNumImpreciseAcc = 16 : i32} : tensor<16x16xi8> * tensor<16x16xi8> -> tensor<16x16xi32>
  // CHECK: tt.dot_scaled %{{.*}} scale %{{.*}}, %{{.*}} scale %{{.*}}, %{{.*}} lhs = e4m3 rhs = e4m3 {fastMath = false} : tensor<32x64xf8E4M3FN>, tensor<32x2xi8> * tensor<64x32xf8E4M3FN>, tensor<32x2xi8> -> tensor<32x32xf32>
  // GENERIC: "tt.dot_scaled"(%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}) <{a_elem_type = 0 : i32, b_elem_type = 0 : i32, fastMath = false, lhs_k_pack = true, operandSegmentSizes = array<i32: 1, 1, 1, 1, 1>, rhs_k_pack = true}>
  %3 = tt.dot_scaled %ea scale %sa, %eb scale %sb, %acc lhs = e4m3 rhs = e4m3 {fastMath = false} : tensor<32x64xf8E4M3FN>, tensor<32x2xi8> * tensor<64x32xf8E4M3FN>, tensor<32x2xi8> -> tensor<32x32xf32>
  // CHECK: tt.dot_scaled %{{.*}} scale %{{.*}}, %{{.*}}, %{{.*}} lhs = e2m1 rhs = bf16 {fastMath = true} : tensor<32x32xi8>, tensor<32x2xi8> * tensor<64x32xbf16> -> tensor<32x32xf32>
  %4 = tt.dot_scaled %fa scale %sa, %fb, %acc lhs = e2m1 rhs = bf16 {fastMath = true} : tensor<32x32xi8>, tensor<32x2xi8> * tensor<64x32xbf16> -> tensor<32x32xf32>
  // CHECK: tt.dot_scaled %{{.*}}, %{{.*}}, %{{.*}} lhs = e2m1 rhs = bf16 {fastMath = false, lhs_k_pack = false} : tensor<16x64xi8> * tensor<64x32xbf16> -> tensor<32x32xf32>
  %fm = tt.reshape %fa : tensor<32x32xi8> -> tensor<16x64xi8>
  %5 = tt.dot_scaled %fm, %fb, %acc lhs = e2m1 rhs = bf16 {fastMath = false, lhs_k_pack = false} : tensor<16x64xi8> * tensor<64x32xbf16> -> tensor<32x32xf32>
  tt.return
}

// CHECK-LABEL: @regions
tt.func @regions(%x: tensor<4x16xf32>, %i: tensor<4x16xi32>, %v: tensor<16xf32>) {
  // CHECK: "tt.reduce"(%{{.*}}) <{axis = 1 : i32}> ({
  // CHECK: ^bb0(%{{.*}}: f32, %{{.*}}: f32):
  // CHECK: tt.reduce.return %{{.*}} : f32
  // CHECK: }) : (tensor<4x16xf32>) -> tensor<4xf32>
  %0 = "tt.reduce"(%x) <{axis = 1 : i32}> ({
  ^bb0(%a: f32, %b: f32):
    %s = arith.addf %a, %b : f32
    tt.reduce.return %s : f32
  }) : (tensor<4x16xf32>) -> tensor<4xf32>
  // CHECK: "tt.reduce"(%{{.*}}) <{axis = 0 : i32}> ({
  // CHECK: }) : (tensor<16xf32>) -> f32
  %1 = "tt.reduce"(%v) <{axis = 0 : i32}> ({
  ^bb0(%a: f32, %b: f32):
    %s = arith.maxnumf %a, %b : f32
    tt.reduce.return %s : f32
  }) : (tensor<16xf32>) -> f32
  // CHECK: "tt.reduce"(%{{.*}}, %{{.*}}) <{axis = 0 : i32}> ({
  // CHECK: tt.reduce.return %{{.*}}, %{{.*}} : f32, i32
  // CHECK: }) : (tensor<4x16xf32>, tensor<4x16xi32>) -> (tensor<16xf32>, tensor<16xi32>)
  %2:2 = "tt.reduce"(%x, %i) <{axis = 0 : i32}> ({
  ^bb0(%a: f32, %ai: i32, %b: f32, %bi: i32):
    %gt = arith.cmpf ogt, %a, %b : f32
    %v0 = arith.select %gt, %a, %b : f32
    %i0 = arith.select %gt, %ai, %bi : i32
    tt.reduce.return %v0, %i0 : f32, i32
  }) : (tensor<4x16xf32>, tensor<4x16xi32>) -> (tensor<16xf32>, tensor<16xi32>)
  // CHECK: "tt.scan"(%{{.*}}) <{axis = 0 : i32, reverse = true}> ({
  // CHECK: tt.scan.return %{{.*}} : f32
  // CHECK: }) : (tensor<16xf32>) -> tensor<16xf32>
  %3 = "tt.scan"(%v) <{axis = 0 : i32, reverse = true}> ({
  ^bb0(%a: f32, %b: f32):
    %s = arith.mulf %a, %b : f32
    tt.scan.return %s : f32
  }) : (tensor<16xf32>) -> tensor<16xf32>
  // CHECK: "tt.map_elementwise"(%{{.*}}, %{{.*}}) <{pack = 2 : i32}> ({
  // CHECK: cf.cond_br
  // CHECK: tt.map_elementwise.return %{{.*}}, %{{.*}} : f32, f32
  // CHECK: }) : (tensor<16xf32>, tensor<16xf32>) -> tensor<16xf32>
  %4 = "tt.map_elementwise"(%v, %v) <{pack = 2 : i32}> ({
  ^bb0(%a0: f32, %a1: f32, %b0: f32, %b1: f32):
    %z = arith.constant 0.0 : f32
    %pos = arith.cmpf ogt, %a0, %z : f32
    cf.cond_br %pos, ^bb1(%a0, %a1 : f32, f32), ^bb1(%b0, %b1 : f32, f32)
  ^bb1(%r0: f32, %r1: f32):
    tt.map_elementwise.return %r0, %r1 : f32, f32
  }) : (tensor<16xf32>, tensor<16xf32>) -> tensor<16xf32>
  tt.return
}

// CHECK-LABEL: @calls_out
tt.func @calls_out(%x: tensor<64xf32>, %i: tensor<32xi32>, %j: tensor<4x8xi32>, %k: tensor<8x16xi32>) {
  // CHECK: tt.extern_elementwise %{{.*}} {libname = "", libpath = "", pure = true, symbol = "__nv_erff"} : (tensor<64xf32>) -> tensor<64xf32>
  %0 = tt.extern_elementwise %x {libname = "", libpath = "", pure = true, symbol = "__nv_erff"} : (tensor<64xf32>) -> tensor<64xf32>
  // CHECK: tt.extern_elementwise %{{.*}}, %{{.*}} {libname = "", libpath = "", pure = true, symbol = "__nv_powf"} : (tensor<64xf32>, tensor<64xf32>) -> tensor<64xf32>
  %1 = tt.extern_elementwise %x, %x {libname = "", libpath = "", pure = true, symbol = "__nv_powf"} : (tensor<64xf32>, tensor<64xf32>) -> tensor<64xf32>
  // CHECK: tt.elementwise_inline_asm "mov.b32 $0, $1;" {constraints = "=r,r", packed_element = 1 : i32, pure = true} %{{.*}} : tensor<32xi32> -> tensor<32xi32>
  %2 = tt.elementwise_inline_asm "mov.b32 $0, $1;" {constraints = "=r,r", packed_element = 1 : i32, pure = true} %i : tensor<32xi32> -> tensor<32xi32>
  // CHECK: tt.elementwise_inline_asm "nop" {constraints = "=r", packed_element = 1 : i32, pure = false} -> i32
  %3 = tt.elementwise_inline_asm "nop" {constraints = "=r", packed_element = 1 : i32, pure = false} -> i32
  // CHECK: tt.histogram %{{.*}} : tensor<32xi32> -> tensor<16xi32>
  %4 = tt.histogram %i : tensor<32xi32> -> tensor<16xi32>
  %m = arith.constant dense<true> : tensor<32xi1>
  // CHECK: tt.histogram %{{.*}}, %{{.*}} : tensor<32xi32> -> tensor<16xi32>
  %5 = tt.histogram %i, %m : tensor<32xi32> -> tensor<16xi32>
  %src = arith.constant dense<1.0> : tensor<4x16xf32>
  // CHECK: tt.gather %{{.*}}[%{{.*}}] {axis = 1 : i32} : (tensor<4x16xf32>, tensor<4x8xi32>) -> tensor<4x8xf32>
  %6 = tt.gather %src[%j] {axis = 1 : i32} : (tensor<4x16xf32>, tensor<4x8xi32>) -> tensor<4x8xf32>
  // CHECK: tt.gather %{{.*}}[%{{.*}}] {axis = 0 : i32, efficient_layout} : (tensor<4x16xf32>, tensor<8x16xi32>) -> tensor<8x16xf32>
  %7 = tt.gather %src[%k] {axis = 0 : i32, efficient_layout} : (tensor<4x16xf32>, tensor<8x16xi32>) -> tensor<8x16xf32>
  tt.return
}

// CHECK-LABEL: @debug
tt.func @debug(%x: tensor<16xf32>, %i: tensor<16xi32>, %n: i32, %c: i1, %ct: tensor<16xi1>) {
  // CHECK: tt.print " x: " {hex = false, isSigned = array<i32: 0>} : %{{.*}} : tensor<16xf32>
  tt.print " x: " {hex = false, isSigned = array<i32: 0>} : %x : tensor<16xf32>
  // CHECK: tt.print " two: " {hex = true, isSigned = array<i32: 1, 1>} : %{{.*}}, %{{.*}} : tensor<16xi32>, i32
  tt.print " two: " {hex = true, isSigned = array<i32: 1, 1>} : %i, %n : tensor<16xi32>, i32
  // CHECK: tt.print "done" {hex = false, isSigned = array<i32>}
  // GENERIC: "tt.print"() <{hex = false, isSigned = array<i32>, prefix = "done"}> : () -> ()
  tt.print "done" {hex = false, isSigned = array<i32>}
  // CHECK: tt.assert %{{.*}}, "n must be positive" : i1
  tt.assert %c, "n must be positive" : i1
  // CHECK: tt.assert %{{.*}}, "x > 0" : tensor<16xi1>
  tt.assert %ct, "x > 0" : tensor<16xi1>
  // CHECK: tt.grid_dependency_wait
  tt.grid_dependency_wait
  // CHECK: tt.grid_dependency_launch_dependents
  tt.grid_dependency_launch_dependents
  tt.return
}

// CHECK-LABEL: @descriptors
tt.func @descriptors(%p: !tt.ptr<f32>, %q: !tt.ptr<i32>, %m: i32, %n: i32, %s: i64) {
  %c0 = arith.constant 0 : i32
  %c1 = arith.constant 1 : i64
  // CHECK: %[[D:.*]] = tt.make_tensor_descriptor %{{.*}}, [%{{.*}}, %{{.*}}], [%{{.*}}, %{{.*}}] : <f32>, <32x32xf32>
  // GENERIC: "tt.make_tensor_descriptor"(%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}) <{padding = 1 : i32}> : (!tt.ptr<f32>, i32, i32, i64, i64) -> !tt.tensordesc<32x32xf32>
  %d = tt.make_tensor_descriptor %p, [%m, %n], [%s, %c1] : <f32>, <32x32xf32>
  // CHECK: tt.make_tensor_descriptor %{{.*}}, [%{{.*}}, %{{.*}}], [%{{.*}}, %{{.*}}] {padding = 2 : i32} : <f32>, <32x32xf32>
  %dn = tt.make_tensor_descriptor %p, [%m, %n], [%s, %c1] {padding = 2 : i32} : <f32>, <32x32xf32>
  // CHECK: %[[DI:.*]] = tt.make_tensor_descriptor %{{.*}}, [%{{.*}}, %{{.*}}], [%{{.*}}, %{{.*}}] : <i32>, <16x16xsi32>
  %di = tt.make_tensor_descriptor %q, [%m, %n], [%s, %c1] : <i32>, <16x16xsi32>
  // CHECK: %[[X:.*]] = tt.descriptor_load %[[D]][%{{.*}}, %{{.*}}] : !tt.tensordesc<32x32xf32> -> tensor<32x32xf32>
  %x = tt.descriptor_load %d[%m, %c0] : !tt.tensordesc<32x32xf32> -> tensor<32x32xf32>
  // CHECK: tt.descriptor_load %[[DI]][%{{.*}}, %{{.*}}] {cachePolicy = #tt.cache_policy<cache_modifier = cg, eviction_policy = evict_first>} : !tt.tensordesc<16x16xsi32> -> tensor<16x16xi32>
  %y = tt.descriptor_load %di[%c0, %c0] {cachePolicy = #tt.cache_policy<cache_modifier = cg, eviction_policy = evict_first>} : !tt.tensordesc<16x16xsi32> -> tensor<16x16xi32>
  // CHECK: tt.descriptor_store %[[D]][%{{.*}}, %{{.*}}], %[[X]] : !tt.tensordesc<32x32xf32>, tensor<32x32xf32>
  tt.descriptor_store %d[%c0, %n], %x : !tt.tensordesc<32x32xf32>, tensor<32x32xf32>
  // CHECK: tt.descriptor_reduce add, %[[D]][%{{.*}}, %{{.*}}], %[[X]] : !tt.tensordesc<32x32xf32>, tensor<32x32xf32>
  // GENERIC: "tt.descriptor_reduce"(%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}) <{kind = 1 : i32}>
  tt.descriptor_reduce add, %d[%c0, %c0], %x : !tt.tensordesc<32x32xf32>, tensor<32x32xf32>
  // CHECK: tt.descriptor_reduce max, %[[DI]][%{{.*}}, %{{.*}}], %{{.*}} : !tt.tensordesc<16x16xsi32>, tensor<16x16xi32>
  tt.descriptor_reduce max, %di[%c0, %c0], %y : !tt.tensordesc<16x16xsi32>, tensor<16x16xi32>
  %rows = tt.make_range {end = 8 : i32, start = 0 : i32} : tensor<8xi32>
  %d1 = tt.make_tensor_descriptor %p, [%m, %n], [%s, %c1] : <f32>, <1x32xf32>
  // CHECK: %[[G:.*]] = tt.descriptor_gather %{{.*}}[%{{.*}}, %{{.*}}] : (!tt.tensordesc<1x32xf32>, tensor<8xi32>, i32) -> tensor<8x32xf32>
  %g = tt.descriptor_gather %d1[%rows, %c0] : (!tt.tensordesc<1x32xf32>, tensor<8xi32>, i32) -> tensor<8x32xf32>
  // CHECK: tt.descriptor_scatter %{{.*}}[%{{.*}}, %{{.*}}], %[[G]] : !tt.tensordesc<1x32xf32>, tensor<8xi32>, i32, tensor<8x32xf32>
  tt.descriptor_scatter %d1[%rows, %c0], %g : !tt.tensordesc<1x32xf32>, tensor<8xi32>, i32, tensor<8x32xf32>
  tt.return
}

// CHECK-LABEL: tt.func public @caller
// CHECK: %[[V:.*]] = tt.call @helper(%{{.*}}) : (f32) -> f32
// CHECK: tt.call @sink(%{{.*}}, %[[V]]) : (!tt.ptr<f32>, f32) -> ()
// GENERIC: "tt.call"(%{{.*}}) <{callee = @helper}> : (f32) -> f32
tt.func public @caller(%p: !tt.ptr<f32>) attributes {noinline = false} {
  %x = tt.load %p : !tt.ptr<f32>
  %y = tt.call @helper(%x) : (f32) -> f32
  tt.call @sink(%p, %y) : (!tt.ptr<f32>, f32) -> ()
  tt.return
}
// CHECK-LABEL: tt.func private @helper(%{{.*}}: f32) -> f32 attributes {noinline = true}
tt.func private @helper(%x: f32) -> f32 attributes {noinline = true} {
  %one = arith.constant 1.0 : f32
  %r = arith.addf %x, %one : f32
  tt.return %r : f32
}
// CHECK-LABEL: tt.func private @sink(!tt.ptr<f32>, f32)
tt.func private @sink(!tt.ptr<f32>, f32)

// Kernels as stock Triton 3.9 prints them after make_ttir (ASTSource.make_ir
// and the make_ttir passes, CUDA target, str_nodebug()). spine-opt must print
// each module back byte for byte: the expected output is this file without
// its comment lines.
// RUN: spine-opt %s -split-input-file -o %t
// RUN: sed -e '/^\/\/ -----$/b' -e '/^\/\//d' %s | diff -B - %t
// RUN: spine-opt %s -split-input-file --mlir-print-op-generic | spine-opt -split-input-file | diff -B %t -

// Vector add: tl.program_id, tl.arange, masked tl.load / tl.store.
module {
  tt.func public @add_kernel(%arg0: !tt.ptr<f32>, %arg1: !tt.ptr<f32>, %arg2: !tt.ptr<f32>, %arg3: i32) attributes {noinline = false} {
    %c1024_i32 = arith.constant 1024 : i32
    %0 = tt.get_program_id x : i32
    %1 = arith.muli %0, %c1024_i32 : i32
    %2 = tt.make_range {end = 1024 : i32, start = 0 : i32} : tensor<1024xi32>
    %3 = tt.splat %1 : i32 -> tensor<1024xi32>
    %4 = arith.addi %3, %2 : tensor<1024xi32>
    %5 = tt.splat %arg3 : i32 -> tensor<1024xi32>
    %6 = arith.cmpi slt, %4, %5 : tensor<1024xi32>
    %7 = tt.splat %arg0 : !tt.ptr<f32> -> tensor<1024x!tt.ptr<f32>>
    %8 = tt.addptr %7, %4 : tensor<1024x!tt.ptr<f32>>, tensor<1024xi32>
    %9 = tt.load %8, %6 : tensor<1024x!tt.ptr<f32>>
    %10 = tt.splat %arg1 : !tt.ptr<f32> -> tensor<1024x!tt.ptr<f32>>
    %11 = tt.addptr %10, %4 : tensor<1024x!tt.ptr<f32>>, tensor<1024xi32>
    %12 = tt.load %11, %6 : tensor<1024x!tt.ptr<f32>>
    %13 = tt.splat %arg2 : !tt.ptr<f32> -> tensor<1024x!tt.ptr<f32>>
    %14 = tt.addptr %13, %4 : tensor<1024x!tt.ptr<f32>>, tensor<1024xi32>
    %15 = arith.addf %9, %12 : tensor<1024xf32>
    tt.store %14, %15, %6 : tensor<1024x!tt.ptr<f32>>
    tt.return
  }
}

// -----

// Row softmax: tl.max / tl.sum (tt.reduce, printed generically), other=-inf.
module {
  tt.func public @softmax_kernel(%arg0: !tt.ptr<f32>, %arg1: !tt.ptr<f32>, %arg2: i32, %arg3: i32, %arg4: i32) attributes {noinline = false} {
    %cst = arith.constant dense<0xFF800000> : tensor<128xf32>
    %0 = tt.get_program_id x : i32
    %1 = tt.make_range {end = 128 : i32, start = 0 : i32} : tensor<128xi32>
    %2 = tt.splat %arg4 : i32 -> tensor<128xi32>
    %3 = arith.cmpi slt, %1, %2 : tensor<128xi32>
    %4 = arith.muli %0, %arg2 : i32
    %5 = tt.addptr %arg1, %4 : !tt.ptr<f32>, i32
    %6 = tt.splat %5 : !tt.ptr<f32> -> tensor<128x!tt.ptr<f32>>
    %7 = tt.addptr %6, %1 : tensor<128x!tt.ptr<f32>>, tensor<128xi32>
    %8 = tt.load %7, %3, %cst : tensor<128x!tt.ptr<f32>>
    %9 = "tt.reduce"(%8) <{axis = 0 : i32}> ({
    ^bb0(%arg5: f32, %arg6: f32):
      %20 = arith.maxnumf %arg5, %arg6 : f32
      tt.reduce.return %20 : f32
    }) : (tensor<128xf32>) -> f32
    %10 = tt.splat %9 : f32 -> tensor<128xf32>
    %11 = arith.subf %8, %10 : tensor<128xf32>
    %12 = math.exp %11 : tensor<128xf32>
    %13 = "tt.reduce"(%12) <{axis = 0 : i32}> ({
    ^bb0(%arg5: f32, %arg6: f32):
      %20 = arith.addf %arg5, %arg6 : f32
      tt.reduce.return %20 : f32
    }) : (tensor<128xf32>) -> f32
    %14 = tt.splat %13 : f32 -> tensor<128xf32>
    %15 = arith.divf %12, %14 : tensor<128xf32>
    %16 = arith.muli %0, %arg3 : i32
    %17 = tt.addptr %arg0, %16 : !tt.ptr<f32>, i32
    %18 = tt.splat %17 : !tt.ptr<f32> -> tensor<128x!tt.ptr<f32>>
    %19 = tt.addptr %18, %1 : tensor<128x!tt.ptr<f32>>, tensor<128xi32>
    tt.store %19, %15, %3 : tensor<128x!tt.ptr<f32>>
    tt.return
  }
}

// -----

// scf.for carrying a tensor of pointers, scf.while and scf.if around TTIR ops.
module {
  tt.func public @loop_ptrs(%arg0: !tt.ptr<f32>, %arg1: !tt.ptr<f32>, %arg2: i32) attributes {noinline = false} {
    %cst = arith.constant dense<0.000000e+00> : tensor<64xf32>
    %cst_0 = arith.constant dense<1.000000e+00> : tensor<64xf32>
    %c3_i32 = arith.constant 3 : i32
    %cst_1 = arith.constant dense<2.000000e+00> : tensor<64xf32>
    %cst_2 = arith.constant dense<64> : tensor<64xi32>
    %c1_i32 = arith.constant 1 : i32
    %c0_i32 = arith.constant 0 : i32
    %0 = tt.make_range {end = 64 : i32, start = 0 : i32} : tensor<64xi32>
    %1 = tt.splat %arg0 : !tt.ptr<f32> -> tensor<64x!tt.ptr<f32>>
    %2 = tt.addptr %1, %0 : tensor<64x!tt.ptr<f32>>, tensor<64xi32>
    %3:2 = scf.for %arg3 = %c0_i32 to %arg2 step %c1_i32 iter_args(%arg4 = %2, %arg5 = %cst) -> (tensor<64x!tt.ptr<f32>>, tensor<64xf32>)  : i32 {
      %9 = tt.load %arg4 : tensor<64x!tt.ptr<f32>>
      %10 = arith.addf %arg5, %9 : tensor<64xf32>
      %11 = tt.addptr %arg4, %cst_2 : tensor<64x!tt.ptr<f32>>, tensor<64xi32>
      scf.yield %11, %10 : tensor<64x!tt.ptr<f32>>, tensor<64xf32>
    }
    %4:2 = scf.while (%arg3 = %3#1, %arg4 = %c0_i32) : (tensor<64xf32>, i32) -> (tensor<64xf32>, i32) {
      %9 = arith.cmpi slt, %arg4, %arg2 : i32
      scf.condition(%9) %arg3, %arg4 : tensor<64xf32>, i32
    } do {
    ^bb0(%arg3: tensor<64xf32>, %arg4: i32):
      %9 = arith.mulf %arg3, %cst_1 : tensor<64xf32>
      %10 = arith.addi %arg4, %c1_i32 : i32
      scf.yield %9, %10 : tensor<64xf32>, i32
    }
    %5 = arith.cmpi sgt, %arg2, %c3_i32 : i32
    %6 = scf.if %5 -> (tensor<64xf32>) {
      %9 = arith.addf %4#0, %cst_0 : tensor<64xf32>
      scf.yield %9 : tensor<64xf32>
    } else {
      scf.yield %4#0 : tensor<64xf32>
    }
    %7 = tt.splat %arg1 : !tt.ptr<f32> -> tensor<64x!tt.ptr<f32>>
    %8 = tt.addptr %7, %0 : tensor<64x!tt.ptr<f32>>, tensor<64xi32>
    tt.store %8, %6 : tensor<64x!tt.ptr<f32>>
    tt.return
  }
}

// -----

// tl.dot input precisions (ieee, tf32x3, tf32), fp8 with max_num_imprecise_acc, int8 -> int32.
module {
  tt.func public @dot_variants(%arg0: !tt.ptr<f32>, %arg1: !tt.ptr<f32>, %arg2: !tt.ptr<f32>) attributes {noinline = false} {
    %cst = arith.constant dense<0> : tensor<32x32xi32>
    %cst_0 = arith.constant dense<0.000000e+00> : tensor<32x32xf32>
    %cst_1 = arith.constant dense<32> : tensor<32x1xi32>
    %0 = tt.make_range {end = 32 : i32, start = 0 : i32} : tensor<32xi32>
    %1 = tt.expand_dims %0 {axis = 1 : i32} : tensor<32xi32> -> tensor<32x1xi32>
    %2 = arith.muli %1, %cst_1 : tensor<32x1xi32>
    %3 = tt.splat %arg0 : !tt.ptr<f32> -> tensor<32x1x!tt.ptr<f32>>
    %4 = tt.addptr %3, %2 : tensor<32x1x!tt.ptr<f32>>, tensor<32x1xi32>
    %5 = tt.expand_dims %0 {axis = 0 : i32} : tensor<32xi32> -> tensor<1x32xi32>
    %6 = tt.broadcast %4 : tensor<32x1x!tt.ptr<f32>> -> tensor<32x32x!tt.ptr<f32>>
    %7 = tt.broadcast %5 : tensor<1x32xi32> -> tensor<32x32xi32>
    %8 = tt.addptr %6, %7 : tensor<32x32x!tt.ptr<f32>>, tensor<32x32xi32>
    %9 = tt.load %8 : tensor<32x32x!tt.ptr<f32>>
    %10 = tt.splat %arg1 : !tt.ptr<f32> -> tensor<32x1x!tt.ptr<f32>>
    %11 = tt.addptr %10, %2 : tensor<32x1x!tt.ptr<f32>>, tensor<32x1xi32>
    %12 = tt.broadcast %11 : tensor<32x1x!tt.ptr<f32>> -> tensor<32x32x!tt.ptr<f32>>
    %13 = tt.addptr %12, %7 : tensor<32x32x!tt.ptr<f32>>, tensor<32x32xi32>
    %14 = tt.load %13 : tensor<32x32x!tt.ptr<f32>>
    %15 = tt.dot %9, %14, %cst_0 : tensor<32x32xf32> * tensor<32x32xf32> -> tensor<32x32xf32>
    %16 = tt.dot %9, %14, %15, inputPrecision = tf32x3 : tensor<32x32xf32> * tensor<32x32xf32> -> tensor<32x32xf32>
    %17 = tt.dot %9, %14, %16, inputPrecision = tf32 : tensor<32x32xf32> * tensor<32x32xf32> -> tensor<32x32xf32>
    %18 = tt.fp_to_fp %9, rounding = rtne : tensor<32x32xf32> -> tensor<32x32xf8E5M2>
    %19 = tt.fp_to_fp %14, rounding = rtne : tensor<32x32xf32> -> tensor<32x32xf8E5M2>
    %20 = tt.dot %18, %19, %cst_0, inputPrecision = tf32 {maxNumImpreciseAcc = 16 : i32} : tensor<32x32xf8E5M2> * tensor<32x32xf8E5M2> -> tensor<32x32xf32>
    %21 = arith.addf %17, %20 : tensor<32x32xf32>
    %22 = arith.fptosi %9 : tensor<32x32xf32> to tensor<32x32xi8>
    %23 = arith.fptosi %14 : tensor<32x32xf32> to tensor<32x32xi8>
    %24 = tt.dot %22, %23, %cst, inputPrecision = tf32 : tensor<32x32xi8> * tensor<32x32xi8> -> tensor<32x32xi32>
    %25 = arith.sitofp %24 : tensor<32x32xi32> to tensor<32x32xf32>
    %26 = arith.addf %21, %25 : tensor<32x32xf32>
    %27 = tt.splat %arg2 : !tt.ptr<f32> -> tensor<32x1x!tt.ptr<f32>>
    %28 = tt.addptr %27, %2 : tensor<32x1x!tt.ptr<f32>>, tensor<32x1xi32>
    %29 = tt.broadcast %28 : tensor<32x1x!tt.ptr<f32>> -> tensor<32x32x!tt.ptr<f32>>
    %30 = tt.addptr %29, %7 : tensor<32x32x!tt.ptr<f32>>, tensor<32x32xi32>
    tt.store %30, %26 : tensor<32x32x!tt.ptr<f32>>
    tt.return
  }
}

// -----

// Scalar loads and stores: mask/other on scalars, cache modifiers and eviction policies (#tt.cache_policy), volatile.
module {
  tt.func public @scalar_ls(%arg0: !tt.ptr<f32>, %arg1: !tt.ptr<f32>, %arg2: i32, %arg3: f32, %arg4: f16, %arg5: i1) attributes {noinline = false} {
    %c4_i32 = arith.constant 4 : i32
    %c3_i32 = arith.constant 3 : i32
    %c2_i32 = arith.constant 2 : i32
    %cst = arith.constant 0.000000e+00 : f32
    %c1_i32 = arith.constant 1 : i32
    %0 = tt.load %arg0 : !tt.ptr<f32>
    %1 = arith.cmpi sgt, %arg2, %c1_i32 : i32
    %2 = tt.addptr %arg0, %c1_i32 : !tt.ptr<f32>, i32
    %3 = tt.load %2, %1, %cst : !tt.ptr<f32>
    %4 = tt.addptr %arg0, %c2_i32 : !tt.ptr<f32>, i32
    %5 = tt.load %4 {cachePolicy = #tt.cache_policy<cache_modifier = cg, eviction_policy = evict_last>, isVolatile = true} : !tt.ptr<f32>
    %6 = tt.addptr %arg0, %c3_i32 : !tt.ptr<f32>, i32
    %7 = tt.load %6 {cachePolicy = #tt.cache_policy<cache_modifier = ca, eviction_policy = evict_normal>} : !tt.ptr<f32>
    %8 = arith.addf %0, %3 : f32
    %9 = arith.addf %8, %5 : f32
    %10 = arith.addf %9, %7 : f32
    %11 = arith.addf %10, %arg3 : f32
    %12 = arith.extf %arg4 : f16 to f32
    %13 = arith.addf %11, %12 : f32
    tt.store %arg1, %13 {cachePolicy = #tt.cache_policy<cache_modifier = wt, eviction_policy = evict_first>} : !tt.ptr<f32>
    %14 = tt.addptr %arg1, %c1_i32 : !tt.ptr<f32>, i32
    tt.store %14, %0, %arg5 {cachePolicy = #tt.cache_policy<cache_modifier = cs, eviction_policy = evict_normal>} : !tt.ptr<f32>
    %15 = tt.addptr %arg1, %c2_i32 : !tt.ptr<f32>, i32
    tt.store %15, %0 {cachePolicy = #tt.cache_policy<cache_modifier = wb, eviction_policy = evict_normal>} : !tt.ptr<f32>
    %16 = tt.addptr %arg1, %c3_i32 : !tt.ptr<f32>, i32
    %17 = tt.addptr %arg0, %c4_i32 : !tt.ptr<f32>, i32
    %18 = tt.load %17 {cachePolicy = #tt.cache_policy<cache_modifier = cv, eviction_policy = evict_normal>} : !tt.ptr<f32>
    tt.store %16, %18 : !tt.ptr<f32>
    tt.return
  }
}

// -----

// tl.atomic_add / max / min / cas / xchg / and / or / xor with sem and scope; float atomic_max via bitcasts.
module {
  tt.func public @atomics(%arg0: !tt.ptr<f32>, %arg1: !tt.ptr<f32>, %arg2: !tt.ptr<i32>, %arg3: i32) attributes {noinline = false} {
    %c1_i32 = arith.constant 1 : i32
    %c3_i32 = arith.constant 3 : i32
    %cst = arith.constant dense<0> : tensor<16xi32>
    %c0_i32 = arith.constant 0 : i32
    %cst_0 = arith.constant dense<31> : tensor<16xi32>
    %cst_1 = arith.constant dense<true> : tensor<16xi1>
    %true = arith.constant true
    %0 = tt.make_range {end = 16 : i32, start = 0 : i32} : tensor<16xi32>
    %1 = tt.splat %arg3 : i32 -> tensor<16xi32>
    %2 = arith.cmpi slt, %0, %1 : tensor<16xi32>
    %3 = tt.splat %arg0 : !tt.ptr<f32> -> tensor<16x!tt.ptr<f32>>
    %4 = tt.addptr %3, %0 : tensor<16x!tt.ptr<f32>>, tensor<16xi32>
    %5 = tt.load %4, %2 : tensor<16x!tt.ptr<f32>>
    %6 = tt.splat %arg1 : !tt.ptr<f32> -> tensor<16x!tt.ptr<f32>>
    %7 = tt.addptr %6, %0 : tensor<16x!tt.ptr<f32>>, tensor<16xi32>
    %8 = tt.atomic_rmw fadd, acq_rel, gpu, %7, %5, %2 : (tensor<16x!tt.ptr<f32>>, tensor<16xf32>, tensor<16xi1>) -> tensor<16xf32>
    %9 = tt.bitcast %5 : tensor<16xf32> -> tensor<16xi32>
    %10 = tt.bitcast %7 : tensor<16x!tt.ptr<f32>> -> tensor<16x!tt.ptr<i32>>
    %11 = arith.shrui %9, %cst_0 : tensor<16xi32>
    %12 = arith.cmpi ne, %11, %cst : tensor<16xi32>
    %13 = arith.xori %12, %cst_1 : tensor<16xi1>
    %14 = tt.atomic_rmw max, acquire, cta, %10, %9, %13 : (tensor<16x!tt.ptr<i32>>, tensor<16xi32>, tensor<16xi1>) -> tensor<16xi32>
    %15 = tt.atomic_rmw umin, acquire, cta, %10, %9, %12 : (tensor<16x!tt.ptr<i32>>, tensor<16xi32>, tensor<16xi1>) -> tensor<16xi32>
    %16 = arith.select %13, %14, %15 : tensor<16xi1>, tensor<16xi32>
    %17 = tt.bitcast %16 : tensor<16xi32> -> tensor<16xf32>
    %18 = tt.atomic_rmw min, release, sys, %arg2, %c3_i32, %true : (!tt.ptr<i32>, i32, i1) -> i32
    %19 = tt.atomic_cas acq_rel, gpu, %arg2, %c0_i32, %c1_i32 : (!tt.ptr<i32>, i32, i32) -> i32
    %20 = tt.splat %arg2 : !tt.ptr<i32> -> tensor<16x!tt.ptr<i32>>
    %21 = tt.addptr %20, %0 : tensor<16x!tt.ptr<i32>>, tensor<16xi32>
    %22 = tt.atomic_rmw exch, relaxed, gpu, %21, %0, %cst_1 : (tensor<16x!tt.ptr<i32>>, tensor<16xi32>, tensor<16xi1>) -> tensor<16xi32>
    %23 = tt.atomic_rmw and, acq_rel, gpu, %21, %0, %cst_1 : (tensor<16x!tt.ptr<i32>>, tensor<16xi32>, tensor<16xi1>) -> tensor<16xi32>
    %24 = tt.atomic_rmw or, acq_rel, gpu, %21, %0, %cst_1 : (tensor<16x!tt.ptr<i32>>, tensor<16xi32>, tensor<16xi1>) -> tensor<16xi32>
    %25 = tt.atomic_rmw xor, acq_rel, gpu, %21, %0, %cst_1 : (tensor<16x!tt.ptr<i32>>, tensor<16xi32>, tensor<16xi1>) -> tensor<16xi32>
    %26 = arith.addf %8, %17 : tensor<16xf32>
    %27 = arith.sitofp %18 : i32 to f32
    %28 = tt.splat %27 : f32 -> tensor<16xf32>
    %29 = arith.addf %26, %28 : tensor<16xf32>
    %30 = arith.sitofp %19 : i32 to f32
    %31 = tt.splat %30 : f32 -> tensor<16xf32>
    %32 = arith.addf %29, %31 : tensor<16xf32>
    %33 = arith.addi %22, %23 : tensor<16xi32>
    %34 = arith.addi %33, %24 : tensor<16xi32>
    %35 = arith.addi %34, %25 : tensor<16xi32>
    %36 = arith.sitofp %35 : tensor<16xi32> to tensor<16xf32>
    %37 = arith.addf %32, %36 : tensor<16xf32>
    tt.store %4, %37 : tensor<16x!tt.ptr<f32>>
    tt.return
  }
}

// -----

// tl.atomic_load, tl.atomic_store, tl.atomic_poll (with timeout), tl.fdiv(approx=True).
module {
  tt.func public @atomics2(%arg0: !tt.ptr<i32>, %arg1: !tt.ptr<i32>, %arg2: !tt.ptr<f32>, %arg3: i32) attributes {noinline = false} {
    %c1000_i64 = arith.constant 1000 : i64
    %cst = arith.constant dense<3.000000e+00> : tensor<16xf32>
    %c1_i32 = arith.constant 1 : i32
    %true = arith.constant true
    %0 = tt.make_range {end = 16 : i32, start = 0 : i32} : tensor<16xi32>
    %1 = tt.splat %arg3 : i32 -> tensor<16xi32>
    %2 = arith.cmpi slt, %0, %1 : tensor<16xi32>
    %3 = tt.splat %arg0 : !tt.ptr<i32> -> tensor<16x!tt.ptr<i32>>
    %4 = tt.addptr %3, %0 : tensor<16x!tt.ptr<i32>>, tensor<16xi32>
    %5 = tt.atomic_load acquire, gpu, %4, %2 : (tensor<16x!tt.ptr<i32>>, tensor<16xi1>) -> tensor<16xi32>
    %6 = tt.atomic_load relaxed, cta, %arg0, %true : (!tt.ptr<i32>, i1) -> i32
    %7 = tt.splat %arg1 : !tt.ptr<i32> -> tensor<16x!tt.ptr<i32>>
    %8 = tt.addptr %7, %0 : tensor<16x!tt.ptr<i32>>, tensor<16xi32>
    %9 = tt.splat %6 : i32 -> tensor<16xi32>
    %10 = arith.addi %5, %9 : tensor<16xi32>
    tt.atomic_store release, gpu, %8, %10, %2 : tensor<16x!tt.ptr<i32>>
    tt.atomic_store relaxed, sys, %arg1, %6, %true : !tt.ptr<i32>
    %11 = tt.atomic_poll acquire, gpu, %arg0, %c1_i32 : !tt.ptr<i32>, i32 -> i1
    %12 = tt.atomic_poll relaxed, gpu, %4, %0 timeout %c1000_i64 : tensor<16x!tt.ptr<i32>>, tensor<16xi32> -> tensor<16xi1>
    %13 = arith.extui %11 : i1 to i32
    %14 = arith.extui %12 : tensor<16xi1> to tensor<16xi32>
    %15 = tt.splat %13 : i32 -> tensor<16xi32>
    %16 = arith.addi %15, %14 : tensor<16xi32>
    tt.store %8, %16 : tensor<16x!tt.ptr<i32>>
    %17 = tt.splat %arg2 : !tt.ptr<f32> -> tensor<16x!tt.ptr<f32>>
    %18 = tt.addptr %17, %0 : tensor<16x!tt.ptr<f32>>, tensor<16xi32>
    %19 = tt.load %18 : tensor<16x!tt.ptr<f32>>
    %20 = tt.approx_divf %19, %cst : tensor<16xf32>
    tt.store %18, %20 : tensor<16x!tt.ptr<f32>>
    tt.return
  }
}

// -----

// tl.reduce and tl.associative_scan over (value, index) pairs: two-operand tt.reduce / tt.scan.
module {
  tt.func public @custom_reduce(%arg0: !tt.ptr<f32>, %arg1: !tt.ptr<f32>) attributes {noinline = false} {
    %0 = tt.make_range {end = 16 : i32, start = 0 : i32} : tensor<16xi32>
    %1 = tt.splat %arg0 : !tt.ptr<f32> -> tensor<16x!tt.ptr<f32>>
    %2 = tt.addptr %1, %0 : tensor<16x!tt.ptr<f32>>, tensor<16xi32>
    %3 = tt.load %2 : tensor<16x!tt.ptr<f32>>
    %4:2 = "tt.reduce"(%3, %0) <{axis = 0 : i32}> ({
    ^bb0(%arg2: f32, %arg3: i32, %arg4: f32, %arg5: i32):
      %12 = arith.cmpf ogt, %arg2, %arg4 : f32
      %13 = arith.select %12, %arg2, %arg4 : f32
      %14 = arith.select %12, %arg3, %arg5 : i32
      tt.reduce.return %13, %14 : f32, i32
    }) : (tensor<16xf32>, tensor<16xi32>) -> (f32, i32)
    %5 = arith.sitofp %4#1 : i32 to f32
    %6 = arith.addf %4#0, %5 : f32
    tt.store %arg1, %6 : !tt.ptr<f32>
    %7:2 = "tt.scan"(%3, %0) <{axis = 0 : i32, reverse = false}> ({
    ^bb0(%arg2: f32, %arg3: i32, %arg4: f32, %arg5: i32):
      %12 = arith.cmpf ogt, %arg2, %arg4 : f32
      %13 = arith.select %12, %arg2, %arg4 : f32
      %14 = arith.select %12, %arg3, %arg5 : i32
      tt.scan.return %13, %14 : f32, i32
    }) : (tensor<16xf32>, tensor<16xi32>) -> (tensor<16xf32>, tensor<16xi32>)
    %8 = tt.splat %arg1 : !tt.ptr<f32> -> tensor<16x!tt.ptr<f32>>
    %9 = tt.addptr %8, %0 : tensor<16x!tt.ptr<f32>>, tensor<16xi32>
    %10 = arith.sitofp %7#1 : tensor<16xi32> to tensor<16xf32>
    %11 = arith.addf %7#0, %10 : tensor<16xf32>
    tt.store %9, %11 : tensor<16x!tt.ptr<f32>>
    tt.return
  }
}

// -----

// tl.cumsum and tl.cumprod(reverse=True): tt.scan.
module {
  tt.func public @scans(%arg0: !tt.ptr<f32>, %arg1: !tt.ptr<f32>) attributes {noinline = false} {
    %0 = tt.make_range {end = 64 : i32, start = 0 : i32} : tensor<64xi32>
    %1 = tt.splat %arg0 : !tt.ptr<f32> -> tensor<64x!tt.ptr<f32>>
    %2 = tt.addptr %1, %0 : tensor<64x!tt.ptr<f32>>, tensor<64xi32>
    %3 = tt.load %2 : tensor<64x!tt.ptr<f32>>
    %4 = "tt.scan"(%3) <{axis = 0 : i32, reverse = false}> ({
    ^bb0(%arg2: f32, %arg3: f32):
      %9 = arith.addf %arg2, %arg3 : f32
      tt.scan.return %9 : f32
    }) : (tensor<64xf32>) -> tensor<64xf32>
    %5 = "tt.scan"(%3) <{axis = 0 : i32, reverse = true}> ({
    ^bb0(%arg2: f32, %arg3: f32):
      %9 = arith.mulf %arg2, %arg3 : f32
      tt.scan.return %9 : f32
    }) : (tensor<64xf32>) -> tensor<64xf32>
    %6 = tt.splat %arg1 : !tt.ptr<f32> -> tensor<64x!tt.ptr<f32>>
    %7 = tt.addptr %6, %0 : tensor<64x!tt.ptr<f32>>, tensor<64xi32>
    %8 = arith.addf %4, %5 : tensor<64xf32>
    tt.store %7, %8 : tensor<64x!tt.ptr<f32>>
    tt.return
  }
}

// -----

// Casts: tt.fp_to_fp to fp8 with rounding, fp8 -> f32, tt.bitcast between f16 and i16.
module {
  tt.func public @casts(%arg0: !tt.ptr<f32>, %arg1: !tt.ptr<f16>, %arg2: !tt.ptr<bf16>, %arg3: !tt.ptr<i8>, %arg4: !tt.ptr<f8E4M3FN>, %arg5: !tt.ptr<f8E5M2>, %arg6: !tt.ptr<f64>) attributes {noinline = false} {
    %0 = tt.make_range {end = 32 : i32, start = 0 : i32} : tensor<32xi32>
    %1 = tt.splat %arg0 : !tt.ptr<f32> -> tensor<32x!tt.ptr<f32>>
    %2 = tt.addptr %1, %0 : tensor<32x!tt.ptr<f32>>, tensor<32xi32>
    %3 = tt.load %2 : tensor<32x!tt.ptr<f32>>
    %4 = tt.splat %arg1 : !tt.ptr<f16> -> tensor<32x!tt.ptr<f16>>
    %5 = tt.addptr %4, %0 : tensor<32x!tt.ptr<f16>>, tensor<32xi32>
    %6 = arith.truncf %3 : tensor<32xf32> to tensor<32xf16>
    tt.store %5, %6 : tensor<32x!tt.ptr<f16>>
    %7 = tt.splat %arg2 : !tt.ptr<bf16> -> tensor<32x!tt.ptr<bf16>>
    %8 = tt.addptr %7, %0 : tensor<32x!tt.ptr<bf16>>, tensor<32xi32>
    %9 = arith.truncf %3 : tensor<32xf32> to tensor<32xbf16>
    tt.store %8, %9 : tensor<32x!tt.ptr<bf16>>
    %10 = tt.splat %arg3 : !tt.ptr<i8> -> tensor<32x!tt.ptr<i8>>
    %11 = tt.addptr %10, %0 : tensor<32x!tt.ptr<i8>>, tensor<32xi32>
    %12 = arith.fptosi %3 : tensor<32xf32> to tensor<32xi8>
    tt.store %11, %12 : tensor<32x!tt.ptr<i8>>
    %13 = tt.splat %arg4 : !tt.ptr<f8E4M3FN> -> tensor<32x!tt.ptr<f8E4M3FN>>
    %14 = tt.addptr %13, %0 : tensor<32x!tt.ptr<f8E4M3FN>>, tensor<32xi32>
    %15 = tt.fp_to_fp %3, rounding = rtne : tensor<32xf32> -> tensor<32xf8E4M3FN>
    tt.store %14, %15 : tensor<32x!tt.ptr<f8E4M3FN>>
    %16 = tt.splat %arg5 : !tt.ptr<f8E5M2> -> tensor<32x!tt.ptr<f8E5M2>>
    %17 = tt.addptr %16, %0 : tensor<32x!tt.ptr<f8E5M2>>, tensor<32xi32>
    %18 = tt.fp_to_fp %3, rounding = rtz : tensor<32xf32> -> tensor<32xf8E5M2>
    tt.store %17, %18 : tensor<32x!tt.ptr<f8E5M2>>
    %19 = tt.load %14 : tensor<32x!tt.ptr<f8E4M3FN>>
    %20 = tt.fp_to_fp %19 : tensor<32xf8E4M3FN> -> tensor<32xf32>
    %21 = tt.load %17 : tensor<32x!tt.ptr<f8E5M2>>
    %22 = tt.fp_to_fp %21 : tensor<32xf8E5M2> -> tensor<32xf16>
    %23 = arith.extf %22 : tensor<32xf16> to tensor<32xf32>
    %24 = arith.addf %20, %23 : tensor<32xf32>
    %25 = tt.splat %arg6 : !tt.ptr<f64> -> tensor<32x!tt.ptr<f64>>
    %26 = tt.addptr %25, %0 : tensor<32x!tt.ptr<f64>>, tensor<32xi32>
    %27 = tt.load %26 : tensor<32x!tt.ptr<f64>>
    %28 = arith.truncf %27 : tensor<32xf64> to tensor<32xf32>
    %29 = arith.addf %24, %28 : tensor<32xf32>
    tt.store %2, %29 : tensor<32x!tt.ptr<f32>>
    %30 = tt.bitcast %6 : tensor<32xf16> -> tensor<32xi16>
    %31 = tt.bitcast %30 : tensor<32xi16> -> tensor<32xf16>
    tt.store %5, %31 : tensor<32x!tt.ptr<f16>>
    tt.return
  }
}

// -----

// tl.cat, tl.reshape (can_reorder), tl.trans, tl.permute, tl.broadcast_to.
module {
  tt.func public @shapes(%arg0: !tt.ptr<f32>, %arg1: !tt.ptr<f32>) attributes {noinline = false} {
    %cst = arith.constant dense<32> : tensor<4x1xi32>
    %c32_i32 = arith.constant 32 : i32
    %0 = tt.make_range {end = 32 : i32, start = 0 : i32} : tensor<32xi32>
    %1 = tt.splat %arg0 : !tt.ptr<f32> -> tensor<32x!tt.ptr<f32>>
    %2 = tt.addptr %1, %0 : tensor<32x!tt.ptr<f32>>, tensor<32xi32>
    %3 = tt.load %2 : tensor<32x!tt.ptr<f32>>
    %4 = tt.addptr %arg0, %c32_i32 : !tt.ptr<f32>, i32
    %5 = tt.splat %4 : !tt.ptr<f32> -> tensor<32x!tt.ptr<f32>>
    %6 = tt.addptr %5, %0 : tensor<32x!tt.ptr<f32>>, tensor<32xi32>
    %7 = tt.load %6 : tensor<32x!tt.ptr<f32>>
    %8 = tt.cat %3, %7 : tensor<32xf32> -> tensor<64xf32>
    %9 = tt.reshape %3 : tensor<32xf32> -> tensor<4x8xf32>
    %10 = tt.reshape %3 allow_reorder : tensor<32xf32> -> tensor<8x4xf32>
    %11 = tt.trans %9 {order = array<i32: 1, 0>} : tensor<4x8xf32> -> tensor<8x4xf32>
    %12 = tt.reshape %3 : tensor<32xf32> -> tensor<2x4x4xf32>
    %13 = tt.trans %12 {order = array<i32: 2, 0, 1>} : tensor<2x4x4xf32> -> tensor<4x2x4xf32>
    %14 = "tt.reduce"(%11) <{axis = 1 : i32}> ({
    ^bb0(%arg2: f32, %arg3: f32):
      %40 = arith.addf %arg2, %arg3 : f32
      tt.reduce.return %40 : f32
    }) : (tensor<8x4xf32>) -> tensor<8xf32>
    %15 = "tt.reduce"(%10) <{axis = 1 : i32}> ({
    ^bb0(%arg2: f32, %arg3: f32):
      %40 = arith.addf %arg2, %arg3 : f32
      tt.reduce.return %40 : f32
    }) : (tensor<8x4xf32>) -> tensor<8xf32>
    %16 = arith.addf %14, %15 : tensor<8xf32>
    %17 = tt.make_range {end = 8 : i32, start = 0 : i32} : tensor<8xi32>
    %18 = tt.splat %arg1 : !tt.ptr<f32> -> tensor<8x!tt.ptr<f32>>
    %19 = tt.addptr %18, %17 : tensor<8x!tt.ptr<f32>>, tensor<8xi32>
    %20 = tt.reshape %13 : tensor<4x2x4xf32> -> tensor<4x8xf32>
    %21 = "tt.reduce"(%20) <{axis = 1 : i32}> ({
    ^bb0(%arg2: f32, %arg3: f32):
      %40 = arith.addf %arg2, %arg3 : f32
      tt.reduce.return %40 : f32
    }) : (tensor<4x8xf32>) -> tensor<4xf32>
    %22 = tt.reshape %21 allow_reorder : tensor<4xf32> -> tensor<4xf32>
    %23 = "tt.reduce"(%22) <{axis = 0 : i32}> ({
    ^bb0(%arg2: f32, %arg3: f32):
      %40 = arith.addf %arg2, %arg3 : f32
      tt.reduce.return %40 : f32
    }) : (tensor<4xf32>) -> f32
    %24 = tt.splat %23 : f32 -> tensor<8xf32>
    %25 = arith.addf %16, %24 : tensor<8xf32>
    tt.store %19, %25 : tensor<8x!tt.ptr<f32>>
    %26 = tt.make_range {end = 64 : i32, start = 0 : i32} : tensor<64xi32>
    %27 = tt.splat %arg1 : !tt.ptr<f32> -> tensor<64x!tt.ptr<f32>>
    %28 = tt.addptr %27, %26 : tensor<64x!tt.ptr<f32>>, tensor<64xi32>
    tt.store %28, %8 : tensor<64x!tt.ptr<f32>>
    %29 = tt.expand_dims %3 {axis = 0 : i32} : tensor<32xf32> -> tensor<1x32xf32>
    %30 = tt.broadcast %29 : tensor<1x32xf32> -> tensor<4x32xf32>
    %31 = tt.make_range {end = 4 : i32, start = 0 : i32} : tensor<4xi32>
    %32 = tt.expand_dims %31 {axis = 1 : i32} : tensor<4xi32> -> tensor<4x1xi32>
    %33 = arith.muli %32, %cst : tensor<4x1xi32>
    %34 = tt.splat %arg1 : !tt.ptr<f32> -> tensor<4x1x!tt.ptr<f32>>
    %35 = tt.addptr %34, %33 : tensor<4x1x!tt.ptr<f32>>, tensor<4x1xi32>
    %36 = tt.expand_dims %0 {axis = 0 : i32} : tensor<32xi32> -> tensor<1x32xi32>
    %37 = tt.broadcast %35 : tensor<4x1x!tt.ptr<f32>> -> tensor<4x32x!tt.ptr<f32>>
    %38 = tt.broadcast %36 : tensor<1x32xi32> -> tensor<4x32xi32>
    %39 = tt.addptr %37, %38 : tensor<4x32x!tt.ptr<f32>>, tensor<4x32xi32>
    tt.store %39, %30 : tensor<4x32x!tt.ptr<f32>>
    tt.return
  }
}

// -----

// tl.join / tl.split, tt.unsplat of one-element tensors.
module {
  tt.func public @joinsplit(%arg0: !tt.ptr<f32>, %arg1: !tt.ptr<f32>) attributes {noinline = false} {
    %c1_i32 = arith.constant 1 : i32
    %cst = arith.constant dense<2> : tensor<32x1xi32>
    %c32_i32 = arith.constant 32 : i32
    %0 = tt.make_range {end = 32 : i32, start = 0 : i32} : tensor<32xi32>
    %1 = tt.splat %arg0 : !tt.ptr<f32> -> tensor<32x!tt.ptr<f32>>
    %2 = tt.addptr %1, %0 : tensor<32x!tt.ptr<f32>>, tensor<32xi32>
    %3 = tt.load %2 : tensor<32x!tt.ptr<f32>>
    %4 = tt.addptr %arg0, %c32_i32 : !tt.ptr<f32>, i32
    %5 = tt.splat %4 : !tt.ptr<f32> -> tensor<32x!tt.ptr<f32>>
    %6 = tt.addptr %5, %0 : tensor<32x!tt.ptr<f32>>, tensor<32xi32>
    %7 = tt.load %6 : tensor<32x!tt.ptr<f32>>
    %8 = tt.join %3, %7 : tensor<32xf32> -> tensor<32x2xf32>
    %9 = tt.expand_dims %0 {axis = 1 : i32} : tensor<32xi32> -> tensor<32x1xi32>
    %10 = arith.muli %9, %cst : tensor<32x1xi32>
    %11 = tt.splat %arg1 : !tt.ptr<f32> -> tensor<32x1x!tt.ptr<f32>>
    %12 = tt.addptr %11, %10 : tensor<32x1x!tt.ptr<f32>>, tensor<32x1xi32>
    %13 = tt.make_range {end = 2 : i32, start = 0 : i32} : tensor<2xi32>
    %14 = tt.expand_dims %13 {axis = 0 : i32} : tensor<2xi32> -> tensor<1x2xi32>
    %15 = tt.broadcast %12 : tensor<32x1x!tt.ptr<f32>> -> tensor<32x2x!tt.ptr<f32>>
    %16 = tt.broadcast %14 : tensor<1x2xi32> -> tensor<32x2xi32>
    %17 = tt.addptr %15, %16 : tensor<32x2x!tt.ptr<f32>>, tensor<32x2xi32>
    tt.store %17, %8 : tensor<32x2x!tt.ptr<f32>>
    %18 = tt.load %17 : tensor<32x2x!tt.ptr<f32>>
    %outLHS, %outRHS = tt.split %18 : tensor<32x2xf32> -> tensor<32xf32>
    %19 = arith.mulf %outLHS, %outRHS : tensor<32xf32>
    tt.store %2, %19 : tensor<32x!tt.ptr<f32>>
    %20 = tt.load %arg0 : !tt.ptr<f32>
    %21 = tt.addptr %arg0, %c1_i32 : !tt.ptr<f32>, i32
    %22 = tt.load %21 : !tt.ptr<f32>
    %23 = tt.splat %20 : f32 -> tensor<1xf32>
    %24 = tt.splat %22 : f32 -> tensor<1xf32>
    %25 = tt.join %23, %24 : tensor<1xf32> -> tensor<1x2xf32>
    %26 = tt.reshape %25 : tensor<1x2xf32> -> tensor<2xf32>
    %27 = tt.expand_dims %26 {axis = 0 : i32} : tensor<2xf32> -> tensor<1x2xf32>
    %outLHS_0, %outRHS_1 = tt.split %27 : tensor<1x2xf32> -> tensor<1xf32>
    %28 = tt.unsplat %outLHS_0 : tensor<1xf32>
    %29 = tt.unsplat %outRHS_1 : tensor<1xf32>
    %30 = arith.addf %28, %29 : f32
    tt.store %arg0, %30 : !tt.ptr<f32>
    %31 = tt.splat %arg0 : !tt.ptr<f32> -> tensor<1x!tt.ptr<f32>>
    %32 = tt.load %31 : tensor<1x!tt.ptr<f32>>
    %33 = tt.unsplat %32 : tensor<1xf32>
    tt.store %arg1, %33 : !tt.ptr<f32>
    tt.return
  }
}

// -----

// tl.gather and tl.histogram (with and without mask).
module {
  tt.func public @gather_hist(%arg0: !tt.ptr<f32>, %arg1: !tt.ptr<i32>, %arg2: !tt.ptr<f32>, %arg3: !tt.ptr<i32>) attributes {noinline = false} {
    %cst = arith.constant dense<10> : tensor<32xi32>
    %cst_0 = arith.constant dense<4> : tensor<32x1xi32>
    %cst_1 = arith.constant dense<8> : tensor<32x1xi32>
    %0 = tt.make_range {end = 32 : i32, start = 0 : i32} : tensor<32xi32>
    %1 = tt.expand_dims %0 {axis = 1 : i32} : tensor<32xi32> -> tensor<32x1xi32>
    %2 = arith.muli %1, %cst_1 : tensor<32x1xi32>
    %3 = tt.splat %arg0 : !tt.ptr<f32> -> tensor<32x1x!tt.ptr<f32>>
    %4 = tt.addptr %3, %2 : tensor<32x1x!tt.ptr<f32>>, tensor<32x1xi32>
    %5 = tt.make_range {end = 8 : i32, start = 0 : i32} : tensor<8xi32>
    %6 = tt.expand_dims %5 {axis = 0 : i32} : tensor<8xi32> -> tensor<1x8xi32>
    %7 = tt.broadcast %4 : tensor<32x1x!tt.ptr<f32>> -> tensor<32x8x!tt.ptr<f32>>
    %8 = tt.broadcast %6 : tensor<1x8xi32> -> tensor<32x8xi32>
    %9 = tt.addptr %7, %8 : tensor<32x8x!tt.ptr<f32>>, tensor<32x8xi32>
    %10 = tt.load %9 : tensor<32x8x!tt.ptr<f32>>
    %11 = arith.muli %1, %cst_0 : tensor<32x1xi32>
    %12 = tt.splat %arg1 : !tt.ptr<i32> -> tensor<32x1x!tt.ptr<i32>>
    %13 = tt.addptr %12, %11 : tensor<32x1x!tt.ptr<i32>>, tensor<32x1xi32>
    %14 = tt.make_range {end = 4 : i32, start = 0 : i32} : tensor<4xi32>
    %15 = tt.expand_dims %14 {axis = 0 : i32} : tensor<4xi32> -> tensor<1x4xi32>
    %16 = tt.broadcast %13 : tensor<32x1x!tt.ptr<i32>> -> tensor<32x4x!tt.ptr<i32>>
    %17 = tt.broadcast %15 : tensor<1x4xi32> -> tensor<32x4xi32>
    %18 = tt.addptr %16, %17 : tensor<32x4x!tt.ptr<i32>>, tensor<32x4xi32>
    %19 = tt.load %18 : tensor<32x4x!tt.ptr<i32>>
    %20 = tt.gather %10[%19] {axis = 1 : i32} : (tensor<32x8xf32>, tensor<32x4xi32>) -> tensor<32x4xf32>
    %21 = tt.splat %arg2 : !tt.ptr<f32> -> tensor<32x1x!tt.ptr<f32>>
    %22 = tt.addptr %21, %11 : tensor<32x1x!tt.ptr<f32>>, tensor<32x1xi32>
    %23 = tt.broadcast %22 : tensor<32x1x!tt.ptr<f32>> -> tensor<32x4x!tt.ptr<f32>>
    %24 = tt.addptr %23, %17 : tensor<32x4x!tt.ptr<f32>>, tensor<32x4xi32>
    tt.store %24, %20 : tensor<32x4x!tt.ptr<f32>>
    %25 = tt.splat %arg1 : !tt.ptr<i32> -> tensor<32x!tt.ptr<i32>>
    %26 = tt.addptr %25, %0 : tensor<32x!tt.ptr<i32>>, tensor<32xi32>
    %27 = tt.load %26 : tensor<32x!tt.ptr<i32>>
    %28 = tt.histogram %27 : tensor<32xi32> -> tensor<16xi32>
    %29 = tt.make_range {end = 16 : i32, start = 0 : i32} : tensor<16xi32>
    %30 = tt.splat %arg3 : !tt.ptr<i32> -> tensor<16x!tt.ptr<i32>>
    %31 = tt.addptr %30, %29 : tensor<16x!tt.ptr<i32>>, tensor<16xi32>
    tt.store %31, %28 : tensor<16x!tt.ptr<i32>>
    %32 = arith.cmpi slt, %0, %cst : tensor<32xi32>
    %33 = tt.load %26 : tensor<32x!tt.ptr<i32>>
    %34 = tt.histogram %33, %32 : tensor<32xi32> -> tensor<16xi32>
    tt.store %31, %34 : tensor<16x!tt.ptr<i32>>
    tt.return
  }
}

// -----

// libdevice calls (tt.extern_elementwise), tl.sqrt_rn / tl.div_rn, tl.clamp (tt.clampf), tl.umulhi (tt.mulhiui).
module {
  tt.func public @math_kernel(%arg0: !tt.ptr<f32>, %arg1: !tt.ptr<f32>, %arg2: !tt.ptr<i32>) attributes {noinline = false} {
    %cst = arith.constant dense<-1.000000e+00> : tensor<64xf32>
    %cst_0 = arith.constant dense<1.000000e+00> : tensor<64xf32>
    %cst_1 = arith.constant dense<0.000000e+00> : tensor<64xf32>
    %0 = tt.make_range {end = 64 : i32, start = 0 : i32} : tensor<64xi32>
    %1 = tt.splat %arg0 : !tt.ptr<f32> -> tensor<64x!tt.ptr<f32>>
    %2 = tt.addptr %1, %0 : tensor<64x!tt.ptr<f32>>, tensor<64xi32>
    %3 = tt.load %2 : tensor<64x!tt.ptr<f32>>
    %4 = tt.extern_elementwise %3 {libname = "", libpath = "", pure = true, symbol = "__nv_erff"} : (tensor<64xf32>) -> tensor<64xf32>
    %5 = tt.extern_elementwise %3 {libname = "", libpath = "", pure = true, symbol = "__nv_tanhf"} : (tensor<64xf32>) -> tensor<64xf32>
    %6 = arith.addf %4, %5 : tensor<64xf32>
    %7 = tt.extern_elementwise %3, %3 {libname = "", libpath = "", pure = true, symbol = "__nv_powf"} : (tensor<64xf32>, tensor<64xf32>) -> tensor<64xf32>
    %8 = arith.addf %6, %7 : tensor<64xf32>
    %9 = math.sqrt %3 : tensor<64xf32>
    %10 = tt.precise_sqrt %3 : tensor<64xf32>
    %11 = arith.addf %9, %10 : tensor<64xf32>
    %12 = tt.precise_divf %3, %8 : tensor<64xf32>
    %13 = arith.addf %11, %12 : tensor<64xf32>
    %14 = math.rsqrt %3 : tensor<64xf32>
    %15 = arith.addf %13, %14 : tensor<64xf32>
    %16 = math.exp2 %3 : tensor<64xf32>
    %17 = arith.addf %15, %16 : tensor<64xf32>
    %18 = math.log %3 : tensor<64xf32>
    %19 = arith.addf %17, %18 : tensor<64xf32>
    %20 = math.log2 %3 : tensor<64xf32>
    %21 = arith.addf %19, %20 : tensor<64xf32>
    %22 = arith.addf %8, %21 : tensor<64xf32>
    %23 = math.sin %3 : tensor<64xf32>
    %24 = math.cos %3 : tensor<64xf32>
    %25 = arith.addf %23, %24 : tensor<64xf32>
    %26 = math.absf %3 : tensor<64xf32>
    %27 = arith.addf %25, %26 : tensor<64xf32>
    %28 = math.floor %3 : tensor<64xf32>
    %29 = arith.addf %27, %28 : tensor<64xf32>
    %30 = math.ceil %3 : tensor<64xf32>
    %31 = arith.addf %29, %30 : tensor<64xf32>
    %32 = math.fma %3, %3, %3 : tensor<64xf32>
    %33 = arith.addf %31, %32 : tensor<64xf32>
    %34 = math.erf %3 : tensor<64xf32>
    %35 = arith.addf %33, %34 : tensor<64xf32>
    %36 = arith.addf %22, %35 : tensor<64xf32>
    %37 = tt.clampf %3, %cst_1, %cst_0, propagateNan = none : tensor<64xf32>
    %38 = tt.clampf %3, %cst, %cst_0, propagateNan = all : tensor<64xf32>
    %39 = arith.addf %37, %38 : tensor<64xf32>
    %40 = arith.addf %36, %39 : tensor<64xf32>
    %41 = arith.maxnumf %3, %40 : tensor<64xf32>
    %42 = arith.minimumf %3, %40 : tensor<64xf32>
    %43 = arith.addf %41, %42 : tensor<64xf32>
    %44 = arith.addf %40, %43 : tensor<64xf32>
    %45 = tt.precise_divf %3, %44 : tensor<64xf32>
    %46 = arith.addf %44, %45 : tensor<64xf32>
    %47 = tt.splat %arg2 : !tt.ptr<i32> -> tensor<64x!tt.ptr<i32>>
    %48 = tt.addptr %47, %0 : tensor<64x!tt.ptr<i32>>, tensor<64xi32>
    %49 = tt.load %48 : tensor<64x!tt.ptr<i32>>
    %50 = tt.mulhiui %49, %49 : tensor<64xi32>
    %51 = tt.extern_elementwise %49 {libname = "", libpath = "", pure = true, symbol = "__nv_popc"} : (tensor<64xi32>) -> tensor<64xi32>
    %52 = arith.addi %50, %51 : tensor<64xi32>
    tt.store %48, %52 : tensor<64x!tt.ptr<i32>>
    %53 = tt.splat %arg1 : !tt.ptr<f32> -> tensor<64x!tt.ptr<f32>>
    %54 = tt.addptr %53, %0 : tensor<64x!tt.ptr<f32>>, tensor<64xi32>
    tt.store %54, %46 : tensor<64x!tt.ptr<f32>>
    tt.return
  }
}

// -----

// Pointer <-> integer casts (tt.ptr_to_int, tt.int_to_ptr) and pointer bitcasts.
module {
  tt.func public @ptrs(%arg0: !tt.ptr<f32>, %arg1: !tt.ptr<f32>, %arg2: i64) attributes {noinline = false} {
    %c2_i32 = arith.constant 2 : i32
    %c1_i32 = arith.constant 1 : i32
    %0 = tt.ptr_to_int %arg0 : !tt.ptr<f32> -> i64
    %1 = tt.int_to_ptr %arg2 : i64 -> !tt.ptr<f32>
    %2 = tt.load %1 : !tt.ptr<f32>
    tt.store %arg1, %2 : !tt.ptr<f32>
    %3 = tt.make_range {end = 8 : i32, start = 0 : i32} : tensor<8xi32>
    %4 = tt.splat %arg0 : !tt.ptr<f32> -> tensor<8x!tt.ptr<f32>>
    %5 = tt.addptr %4, %3 : tensor<8x!tt.ptr<f32>>, tensor<8xi32>
    %6 = tt.load %5 : tensor<8x!tt.ptr<f32>>
    tt.store %5, %6 : tensor<8x!tt.ptr<f32>>
    %7 = tt.addptr %arg1, %c1_i32 : !tt.ptr<f32>, i32
    %8 = arith.addi %0, %0 : i64
    %9 = arith.sitofp %8 : i64 to f32
    tt.store %7, %9 : !tt.ptr<f32>
    %10 = tt.load %arg0 : !tt.ptr<f32>
    %11 = tt.bitcast %10 : f32 -> i32
    %12 = tt.addptr %arg1, %c2_i32 : !tt.ptr<f32>, i32
    %13 = tt.bitcast %11 : i32 -> f32
    tt.store %12, %13 : !tt.ptr<f32>
    tt.return
  }
}

// -----

// 3-D grids: tl.program_id and tl.num_programs on x, y and z.
module {
  tt.func public @pids(%arg0: !tt.ptr<i32>) attributes {noinline = false} {
    %0 = tt.get_program_id x : i32
    %1 = tt.get_program_id y : i32
    %2 = tt.get_program_id z : i32
    %3 = tt.get_num_programs x : i32
    %4 = tt.get_num_programs y : i32
    %5 = tt.get_num_programs z : i32
    %6 = arith.muli %1, %3 : i32
    %7 = arith.addi %0, %6 : i32
    %8 = arith.muli %2, %3 : i32
    %9 = arith.muli %8, %4 : i32
    %10 = arith.addi %7, %9 : i32
    %11 = arith.addi %10, %5 : i32
    tt.store %arg0, %11 : !tt.ptr<i32>
    tt.return
  }
}

// -----

// tl.device_print (tt.print) and tl.where.
module {
  tt.func public @debug_ops(%arg0: !tt.ptr<f32>, %arg1: i32) attributes {noinline = false} {
    %cst = arith.constant dense<1.000000e+00> : tensor<16xf32>
    %0 = tt.make_range {end = 16 : i32, start = 0 : i32} : tensor<16xi32>
    %1 = tt.splat %arg0 : !tt.ptr<f32> -> tensor<16x!tt.ptr<f32>>
    %2 = tt.addptr %1, %0 : tensor<16x!tt.ptr<f32>>, tensor<16xi32>
    %3 = tt.load %2 : tensor<16x!tt.ptr<f32>>
    tt.print " x=: " {hex = false, isSigned = array<i32: 0>} : %3 : tensor<16xf32>
    tt.print " hex: " {hex = true, isSigned = array<i32: 1>} : %0 : tensor<16xi32>
    tt.print " two: " {hex = false, isSigned = array<i32: 0, 1>} : %3, %0 : tensor<16xf32>, tensor<16xi32>
    tt.print " scalar: " {hex = false, isSigned = array<i32: 1>} : %arg1 : i32
    %4 = arith.cmpf ogt, %3, %cst : tensor<16xf32>
    %5 = arith.negf %3 : tensor<16xf32>
    %6 = arith.select %4, %3, %5 : tensor<16xi1>, tensor<16xf32>
    tt.store %2, %6 : tensor<16x!tt.ptr<f32>>
    tt.return
  }
}

// -----

// tl.device_assert with debug=True (tt.assert), scalar and tensor conditions.
module {
  tt.func public @asserts(%arg0: !tt.ptr<f32>, %arg1: i32) attributes {noinline = false} {
    %cst = arith.constant dense<true> : tensor<16xi1>
    %cst_0 = arith.constant dense<1.000000e+02> : tensor<16xf32>
    %c0_i32 = arith.constant 0 : i32
    %cst_1 = arith.constant dense<0.000000e+00> : tensor<16xf32>
    %0 = tt.make_range {end = 16 : i32, start = 0 : i32} : tensor<16xi32>
    %1 = tt.splat %arg0 : !tt.ptr<f32> -> tensor<16x!tt.ptr<f32>>
    %2 = tt.addptr %1, %0 : tensor<16x!tt.ptr<f32>>, tensor<16xi32>
    %3 = tt.load %2 : tensor<16x!tt.ptr<f32>>
    %4 = arith.cmpf ogt, %3, %cst_1 : tensor<16xf32>
    tt.assert %4, "x must be positive" : tensor<16xi1>
    %5 = arith.cmpi sgt, %arg1, %c0_i32 : i32
    tt.assert %5, "n positive" : i1
    %6 = tt.splat %arg1 : i32 -> tensor<16xi32>
    %7 = arith.cmpi slt, %0, %6 : tensor<16xi32>
    %8 = arith.cmpf olt, %3, %cst_0 : tensor<16xf32>
    %9 = arith.xori %7, %cst : tensor<16xi1>
    %10 = arith.ori %8, %9 : tensor<16xi1>
    tt.assert %10, "masked" : tensor<16xi1>
    tt.store %2, %3 : tensor<16x!tt.ptr<f32>>
    tt.return
  }
}

// -----

// noinline device functions: tt.call and private tt.func.
module {
  tt.func public @calls(%arg0: !tt.ptr<f32>, %arg1: !tt.ptr<f32>) attributes {noinline = false} {
    %0 = tt.make_range {end = 16 : i32, start = 0 : i32} : tensor<16xi32>
    %1 = tt.splat %arg0 : !tt.ptr<f32> -> tensor<16x!tt.ptr<f32>>
    %2 = tt.addptr %1, %0 : tensor<16x!tt.ptr<f32>>, tensor<16xi32>
    %3 = tt.load %2 : tensor<16x!tt.ptr<f32>>
    %4 = tt.load %arg0 : !tt.ptr<f32>
    %5 = tt.call @__main__.helper__fp32_c2.0(%4) : (f32) -> f32
    tt.call @__main__.helper2__Pfp32_fp32(%arg1, %5) : (!tt.ptr<f32>, f32) -> ()
    %6 = tt.splat %arg1 : !tt.ptr<f32> -> tensor<16x!tt.ptr<f32>>
    %7 = tt.addptr %6, %0 : tensor<16x!tt.ptr<f32>>, tensor<16xi32>
    tt.store %7, %3 : tensor<16x!tt.ptr<f32>>
    tt.return
  }
  tt.func private @__main__.helper__fp32_c2.0(%arg0: f32) -> f32 attributes {noinline = true} {
    %cst = arith.constant 1.000000e+00 : f32
    %cst_0 = arith.constant 2.000000e+00 : f32
    %0 = arith.mulf %arg0, %cst_0 : f32
    %1 = arith.addf %0, %cst : f32
    tt.return %1 : f32
  }
  tt.func private @__main__.helper2__Pfp32_fp32(%arg0: !tt.ptr<f32>, %arg1: f32) attributes {noinline = true} {
    tt.store %arg0, %arg1 : !tt.ptr<f32>
    tt.return
  }
}

// -----

// Tensor descriptors on sm_100: make_tensor_descriptor (padding nan), load, store, atomic_add (descriptor_reduce), gather, scatter.
module {
  tt.func public @desc_kernel(%arg0: !tt.ptr<f32>, %arg1: !tt.ptr<f32>, %arg2: i32, %arg3: i32) attributes {noinline = false} {
    %c0_i32 = arith.constant 0 : i32
    %c32_i32 = arith.constant 32 : i32
    %c1_i64 = arith.constant 1 : i64
    %0 = arith.extsi %arg3 : i32 to i64
    %1 = tt.make_tensor_descriptor %arg0, [%arg2, %arg3], [%0, %c1_i64] : <f32>, <32x32xf32>
    %2 = tt.make_tensor_descriptor %arg1, [%arg2, %arg3], [%0, %c1_i64] {padding = 2 : i32} : <f32>, <32x32xf32>
    %3 = tt.get_program_id x : i32
    %4 = arith.muli %3, %c32_i32 : i32
    %5 = tt.descriptor_load %1[%4, %c0_i32] : !tt.tensordesc<32x32xf32> -> tensor<32x32xf32>
    %6 = tt.get_program_id y : i32
    %7 = arith.muli %6, %c32_i32 : i32
    tt.descriptor_store %2[%c0_i32, %7], %5 : !tt.tensordesc<32x32xf32>, tensor<32x32xf32>
    tt.descriptor_reduce add, %2[%c0_i32, %c0_i32], %5 : !tt.tensordesc<32x32xf32>, tensor<32x32xf32>
    %8 = tt.make_range {end = 8 : i32, start = 0 : i32} : tensor<8xi32>
    %9 = tt.make_tensor_descriptor %arg0, [%arg2, %arg3], [%0, %c1_i64] : <f32>, <1x32xf32>
    %10 = tt.descriptor_gather %9[%8, %c0_i32] : (!tt.tensordesc<1x32xf32>, tensor<8xi32>, i32) -> tensor<8x32xf32>
    tt.descriptor_scatter %9[%8, %c0_i32], %10 : !tt.tensordesc<1x32xf32>, tensor<8xi32>, i32, tensor<8x32xf32>
    tt.return
  }
}

// -----

// A host-side tensor descriptor argument (!tt.tensordesc).
module {
  tt.func public @desc_arg(%arg0: !tt.tensordesc<32x32xf16>, %arg1: i32, %arg2: i32, %arg3: i64, %arg4: i64, %arg5: !tt.ptr<f16>) attributes {noinline = false} {
    %cst = arith.constant dense<32> : tensor<32x1xi32>
    %c0_i32 = arith.constant 0 : i32
    %0 = tt.descriptor_load %arg0[%c0_i32, %c0_i32] : !tt.tensordesc<32x32xf16> -> tensor<32x32xf16>
    %1 = tt.make_range {end = 32 : i32, start = 0 : i32} : tensor<32xi32>
    %2 = tt.expand_dims %1 {axis = 1 : i32} : tensor<32xi32> -> tensor<32x1xi32>
    %3 = arith.muli %2, %cst : tensor<32x1xi32>
    %4 = tt.splat %arg5 : !tt.ptr<f16> -> tensor<32x1x!tt.ptr<f16>>
    %5 = tt.addptr %4, %3 : tensor<32x1x!tt.ptr<f16>>, tensor<32x1xi32>
    %6 = tt.expand_dims %1 {axis = 0 : i32} : tensor<32xi32> -> tensor<1x32xi32>
    %7 = tt.broadcast %5 : tensor<32x1x!tt.ptr<f16>> -> tensor<32x32x!tt.ptr<f16>>
    %8 = tt.broadcast %6 : tensor<1x32xi32> -> tensor<32x32xi32>
    %9 = tt.addptr %7, %8 : tensor<32x32x!tt.ptr<f16>>, tensor<32x32xi32>
    tt.store %9, %0 : tensor<32x32x!tt.ptr<f16>>
    tt.return
  }
}

// -----

// tl.dot_scaled with a packed e2m1 lhs and its scales, bf16 rhs without scales.
module {
  tt.func public @dot_scaled_fp4(%arg0: !tt.ptr<i8>, %arg1: !tt.ptr<i8>, %arg2: !tt.ptr<bf16>, %arg3: !tt.ptr<f32>) attributes {noinline = false} {
    %cst = arith.constant dense<0.000000e+00> : tensor<32x32xf32>
    %cst_0 = arith.constant dense<2> : tensor<32x1xi32>
    %cst_1 = arith.constant dense<32> : tensor<64x1xi32>
    %cst_2 = arith.constant dense<32> : tensor<32x1xi32>
    %0 = tt.make_range {end = 32 : i32, start = 0 : i32} : tensor<32xi32>
    %1 = tt.expand_dims %0 {axis = 1 : i32} : tensor<32xi32> -> tensor<32x1xi32>
    %2 = arith.muli %1, %cst_2 : tensor<32x1xi32>
    %3 = tt.splat %arg0 : !tt.ptr<i8> -> tensor<32x1x!tt.ptr<i8>>
    %4 = tt.addptr %3, %2 : tensor<32x1x!tt.ptr<i8>>, tensor<32x1xi32>
    %5 = tt.expand_dims %0 {axis = 0 : i32} : tensor<32xi32> -> tensor<1x32xi32>
    %6 = tt.broadcast %4 : tensor<32x1x!tt.ptr<i8>> -> tensor<32x32x!tt.ptr<i8>>
    %7 = tt.broadcast %5 : tensor<1x32xi32> -> tensor<32x32xi32>
    %8 = tt.addptr %6, %7 : tensor<32x32x!tt.ptr<i8>>, tensor<32x32xi32>
    %9 = tt.load %8 : tensor<32x32x!tt.ptr<i8>>
    %10 = tt.make_range {end = 64 : i32, start = 0 : i32} : tensor<64xi32>
    %11 = tt.expand_dims %10 {axis = 1 : i32} : tensor<64xi32> -> tensor<64x1xi32>
    %12 = arith.muli %11, %cst_1 : tensor<64x1xi32>
    %13 = tt.splat %arg2 : !tt.ptr<bf16> -> tensor<64x1x!tt.ptr<bf16>>
    %14 = tt.addptr %13, %12 : tensor<64x1x!tt.ptr<bf16>>, tensor<64x1xi32>
    %15 = tt.broadcast %14 : tensor<64x1x!tt.ptr<bf16>> -> tensor<64x32x!tt.ptr<bf16>>
    %16 = tt.broadcast %5 : tensor<1x32xi32> -> tensor<64x32xi32>
    %17 = tt.addptr %15, %16 : tensor<64x32x!tt.ptr<bf16>>, tensor<64x32xi32>
    %18 = tt.load %17 : tensor<64x32x!tt.ptr<bf16>>
    %19 = arith.muli %1, %cst_0 : tensor<32x1xi32>
    %20 = tt.splat %arg1 : !tt.ptr<i8> -> tensor<32x1x!tt.ptr<i8>>
    %21 = tt.addptr %20, %19 : tensor<32x1x!tt.ptr<i8>>, tensor<32x1xi32>
    %22 = tt.make_range {end = 2 : i32, start = 0 : i32} : tensor<2xi32>
    %23 = tt.expand_dims %22 {axis = 0 : i32} : tensor<2xi32> -> tensor<1x2xi32>
    %24 = tt.broadcast %21 : tensor<32x1x!tt.ptr<i8>> -> tensor<32x2x!tt.ptr<i8>>
    %25 = tt.broadcast %23 : tensor<1x2xi32> -> tensor<32x2xi32>
    %26 = tt.addptr %24, %25 : tensor<32x2x!tt.ptr<i8>>, tensor<32x2xi32>
    %27 = tt.load %26 : tensor<32x2x!tt.ptr<i8>>
    %28 = tt.dot_scaled %9 scale %27, %18, %cst lhs = e2m1 rhs = bf16 {fastMath = true} : tensor<32x32xi8>, tensor<32x2xi8> * tensor<64x32xbf16> -> tensor<32x32xf32>
    %29 = tt.splat %arg3 : !tt.ptr<f32> -> tensor<32x1x!tt.ptr<f32>>
    %30 = tt.addptr %29, %2 : tensor<32x1x!tt.ptr<f32>>, tensor<32x1xi32>
    %31 = tt.broadcast %30 : tensor<32x1x!tt.ptr<f32>> -> tensor<32x32x!tt.ptr<f32>>
    %32 = tt.addptr %31, %7 : tensor<32x32x!tt.ptr<f32>>, tensor<32x32xi32>
    tt.store %32, %28 : tensor<32x32x!tt.ptr<f32>>
    tt.return
  }
}

// -----

// tl.map_elementwise with a branching scalar function (cf.cond_br inside the region) and two results.
module {
  tt.func public @mapelem(%arg0: !tt.ptr<f32>, %arg1: !tt.ptr<f32>) attributes {noinline = false} {
    %cst = arith.constant 0.000000e+00 : f32
    %cst_0 = arith.constant 1.000000e+00 : f32
    %cst_1 = arith.constant dense<1.500000e+00> : tensor<16xf32>
    %0 = tt.make_range {end = 16 : i32, start = 0 : i32} : tensor<16xi32>
    %1 = tt.splat %arg0 : !tt.ptr<f32> -> tensor<16x!tt.ptr<f32>>
    %2 = tt.addptr %1, %0 : tensor<16x!tt.ptr<f32>>, tensor<16xi32>
    %3 = tt.load %2 : tensor<16x!tt.ptr<f32>>
    %4 = "tt.map_elementwise"(%3, %cst_1) <{pack = 1 : i32}> ({
    ^bb0(%arg2: f32, %arg3: f32):
      %9 = arith.cmpf ogt, %arg2, %cst : f32
      cf.cond_br %9, ^bb2(%arg2 : f32), ^bb1
    ^bb1:  // pred: ^bb0
      %10 = math.exp %arg2 : f32
      %11 = arith.subf %10, %cst_0 : f32
      %12 = arith.mulf %arg3, %11 : f32
      cf.br ^bb2(%12 : f32)
    ^bb2(%13: f32):  // 2 preds: ^bb0, ^bb1
      tt.map_elementwise.return %13 : f32
    }) : (tensor<16xf32>, tensor<16xf32>) -> tensor<16xf32>
    %5:2 = "tt.map_elementwise"(%3, %4) <{pack = 1 : i32}> ({
    ^bb0(%arg2: f32, %arg3: f32):
      %9 = arith.addf %arg2, %arg3 : f32
      %10 = arith.mulf %arg2, %arg3 : f32
      tt.map_elementwise.return %9, %10 : f32, f32
    }) : (tensor<16xf32>, tensor<16xf32>) -> (tensor<16xf32>, tensor<16xf32>)
    %6 = tt.splat %arg1 : !tt.ptr<f32> -> tensor<16x!tt.ptr<f32>>
    %7 = tt.addptr %6, %0 : tensor<16x!tt.ptr<f32>>, tensor<16xi32>
    %8 = arith.addf %5#0, %5#1 : tensor<16xf32>
    tt.store %7, %8 : tensor<16x!tt.ptr<f32>>
    tt.return
  }
}

// -----

// tl.map_elementwise with pack=2.
module {
  tt.func public @mapelem_pack(%arg0: !tt.ptr<f32>, %arg1: !tt.ptr<f32>) attributes {noinline = false} {
    %0 = tt.make_range {end = 16 : i32, start = 0 : i32} : tensor<16xi32>
    %1 = tt.splat %arg0 : !tt.ptr<f32> -> tensor<16x!tt.ptr<f32>>
    %2 = tt.addptr %1, %0 : tensor<16x!tt.ptr<f32>>, tensor<16xi32>
    %3 = tt.load %2 : tensor<16x!tt.ptr<f32>>
    %4 = "tt.map_elementwise"(%3, %3) <{pack = 2 : i32}> ({
    ^bb0(%arg2: f32, %arg3: f32, %arg4: f32, %arg5: f32):
      %7 = arith.addf %arg2, %arg4 : f32
      %8 = arith.addf %arg3, %arg5 : f32
      tt.map_elementwise.return %7, %8 : f32, f32
    }) : (tensor<16xf32>, tensor<16xf32>) -> tensor<16xf32>
    %5 = tt.splat %arg1 : !tt.ptr<f32> -> tensor<16x!tt.ptr<f32>>
    %6 = tt.addptr %5, %0 : tensor<16x!tt.ptr<f32>>, tensor<16xi32>
    tt.store %6, %4 : tensor<16x!tt.ptr<f32>>
    tt.return
  }
}

// -----

// tl.inline_asm_elementwise.
module {
  tt.func public @inline_asm(%arg0: !tt.ptr<i32>, %arg1: !tt.ptr<i32>) attributes {noinline = false} {
    %0 = tt.make_range {end = 16 : i32, start = 0 : i32} : tensor<16xi32>
    %1 = tt.splat %arg0 : !tt.ptr<i32> -> tensor<16x!tt.ptr<i32>>
    %2 = tt.addptr %1, %0 : tensor<16x!tt.ptr<i32>>, tensor<16xi32>
    %3 = tt.load %2 : tensor<16x!tt.ptr<i32>>
    %4 = tt.elementwise_inline_asm "mov.b32 $0, $1;" {constraints = "=r,r", packed_element = 1 : i32, pure = true} %3 : tensor<16xi32> -> tensor<16xi32>
    %5 = tt.splat %arg1 : !tt.ptr<i32> -> tensor<16x!tt.ptr<i32>>
    %6 = tt.addptr %5, %0 : tensor<16x!tt.ptr<i32>>, tensor<16xi32>
    tt.store %6, %4 : tensor<16x!tt.ptr<i32>>
    tt.return
  }
}

// -----

// gdc_wait / gdc_launch_dependents (grid dependency control).
module {
  tt.func public @gdc(%arg0: !tt.ptr<f32>) attributes {noinline = false} {
    %cst = arith.constant 1.000000e+00 : f32
    tt.grid_dependency_wait
    tt.store %arg0, %cst : !tt.ptr<f32>
    tt.grid_dependency_launch_dependents
    tt.return
  }
}

// -----

// tt.divisibility on an argument, tl.multiple_of / tl.max_contiguous on a value.
module {
  tt.func public @hints(%arg0: !tt.ptr<f32> {tt.divisibility = 16 : i32}, %arg1: i32) attributes {noinline = false} {
    %cst = arith.constant dense<1.000000e+00> : tensor<16xf32>
    %0 = tt.make_range {end = 16 : i32, start = 0 : i32, tt.contiguity = dense<16> : tensor<1xi32>, tt.divisibility = dense<16> : tensor<1xi32>} : tensor<16xi32>
    %1 = tt.splat %arg0 : !tt.ptr<f32> -> tensor<16x!tt.ptr<f32>>
    %2 = tt.addptr %1, %0 : tensor<16x!tt.ptr<f32>>, tensor<16xi32>
    tt.store %2, %cst : tensor<16x!tt.ptr<f32>>
    tt.return
  }
}

// The register-pressure model of speir-vectorize-linalg: an all-parallel
// op takes the widest LMUL (8, 4, 2, 1 registers per vector: 64, 32, 16, 8
// f32 lanes at VLEN 256, the inner loop's step) at which the vector values
// its body keeps live at once, P register groups, fit the 32 registers
// with at most kSpillTolerance (2) groups over: P <= 32 / LMUL + 2, one
// group less when a mask holds v0.
// RUN: spine-opt %s -split-input-file -speir-vectorize-linalg | FileCheck %s
// RUN: spine-opt %s -split-input-file -speir-vectorize-linalg="registers-per-vector=2" | FileCheck %s --check-prefix=FORCED
// RUN: not spine-opt %s -split-input-file -speir-vectorize-linalg="registers-per-vector=3" 2>&1 | FileCheck %s --check-prefix=BAD
// BAD: error: speir-vectorize-linalg: registers-per-vector must be 0 (by register pressure), 1, 2, 4 or 8, not 3

#id = affine_map<(d0) -> (d0)>
// SiLU and multiply: x, the exp's three (its argument, polynomial and power
// of two) and y's load: P = 4, LMUL 8. registers-per-vector forces 2.
// CHECK-LABEL: func @silu_mul
// CHECK: scf.for %{{.*}} = %c0 to %c960 step %c64
// FORCED-LABEL: func @silu_mul
// FORCED: scf.for %{{.*}} = %c0 to %c992 step %c16
module attributes {speir.target = #speir.target<cpu = "spacemit-x60", arch_id = 20540, llvm_cpu = "spacemit-x60", llvm_features = "", vlen = 256, ime = 1, num_threads = 8>} {
  func.func @silu_mul(%a: memref<1000xf32>, %b: memref<1000xf32>, %out: memref<1000xf32>) {
    %zero = arith.constant 0.0 : f32
    %half = arith.constant 0.5 : f32
    linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel"]}
        ins(%a, %b : memref<1000xf32>, memref<1000xf32>) outs(%out : memref<1000xf32>) {
    ^bb0(%xa: f32, %xb: f32, %o: f32):
      %na = arith.negf %xa : f32
      %e = math.exp %na : f32
      %d = arith.addf %e, %half : f32
      %q = arith.divf %xa, %d : f32
      %r = arith.mulf %q, %xb : f32
      linalg.yield %r : f32
    }
    return
  }
}


// -----

#id = affine_map<(d0) -> (d0)>

// log keeps its polynomial, masks and constants of its ranges in registers
// (10 groups besides its argument): P = 11, LMUL 2.
// CHECK-LABEL: func @log_add
// CHECK: scf.for %{{.*}} = %c0 to %c992 step %c16
module attributes {speir.target = #speir.target<cpu = "spacemit-x60", arch_id = 20540, llvm_cpu = "spacemit-x60", llvm_features = "", vlen = 256, ime = 1, num_threads = 8>} {
  func.func @log_add(%a: memref<1000xf32>, %b: memref<1000xf32>, %out: memref<1000xf32>) {
    %zero = arith.constant 0.0 : f32
    %half = arith.constant 0.5 : f32
    linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel"]}
        ins(%a, %b : memref<1000xf32>, memref<1000xf32>) outs(%out : memref<1000xf32>) {
    ^bb0(%xa: f32, %xb: f32, %o: f32):
      %l = math.log %xa : f32
      %r = arith.addf %l, %xb : f32
      linalg.yield %r : f32
    }
    return
  }
}


// -----

#id = affine_map<(d0) -> (d0)>

// erf (speir-approximate-math's rational form: its square and two
// polynomials): P = 4, LMUL 8.
// CHECK-LABEL: func @erf_add
// CHECK: scf.for %{{.*}} = %c0 to %c960 step %c64
module attributes {speir.target = #speir.target<cpu = "spacemit-x60", arch_id = 20540, llvm_cpu = "spacemit-x60", llvm_features = "", vlen = 256, ime = 1, num_threads = 8>} {
  func.func @erf_add(%a: memref<1000xf32>, %b: memref<1000xf32>, %out: memref<1000xf32>) {
    %zero = arith.constant 0.0 : f32
    %half = arith.constant 0.5 : f32
    linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel"]}
        ins(%a, %b : memref<1000xf32>, memref<1000xf32>) outs(%out : memref<1000xf32>) {
    ^bb0(%xa: f32, %xb: f32, %o: f32):
      %l = math.erf %xa : f32
      %r = arith.addf %l, %xb : f32
      linalg.yield %r : f32
    }
    return
  }
}


// -----

#id = affine_map<(d0) -> (d0)>

// tanh (3 groups besides its argument) while x stays live for the product
// after it: P = 5, one over LMUL 8's four groups, within the tolerance.
// CHECK-LABEL: func @gelu_tanh
// CHECK: scf.for %{{.*}} = %c0 to %c960 step %c64
module attributes {speir.target = #speir.target<cpu = "spacemit-x60", arch_id = 20540, llvm_cpu = "spacemit-x60", llvm_features = "", vlen = 256, ime = 1, num_threads = 8>} {
  func.func @gelu_tanh(%a: memref<1000xf32>, %b: memref<1000xf32>, %out: memref<1000xf32>) {
    %zero = arith.constant 0.0 : f32
    %half = arith.constant 0.5 : f32
    linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel"]}
        ins(%a, %b : memref<1000xf32>, memref<1000xf32>) outs(%out : memref<1000xf32>) {
    ^bb0(%xa: f32, %xb: f32, %o: f32):
      %a2 = arith.mulf %xa, %xa : f32
      %k = arith.mulf %a2, %xa : f32
      %t = math.tanh %k : f32
      %h = arith.mulf %xa, %half : f32
      %g = arith.mulf %h, %t : f32
      %r = arith.mulf %g, %xb : f32
      linalg.yield %r : f32
    }
    return
  }
}


// -----

#id = affine_map<(d0) -> (d0)>

// Five inputs, summed, then each multiplied in again: all five are live at
// the last sum, P = 6: LMUL 8.
// CHECK-LABEL: func @five_live
// CHECK: scf.for %{{.*}} = %c0 to %c960 step %c64
module attributes {speir.target = #speir.target<cpu = "spacemit-x60", arch_id = 20540, llvm_cpu = "spacemit-x60", llvm_features = "", vlen = 256, ime = 1, num_threads = 8>} {
  func.func @five_live(%a: memref<1000xf32>, %b: memref<1000xf32>, %c: memref<1000xf32>, %d: memref<1000xf32>, %e: memref<1000xf32>, %out: memref<1000xf32>) {
    %zero = arith.constant 0.0 : f32
    %half = arith.constant 0.5 : f32
    linalg.generic {indexing_maps = [#id, #id, #id, #id, #id, #id], iterator_types = ["parallel"]}
        ins(%a, %b, %c, %d, %e : memref<1000xf32>, memref<1000xf32>, memref<1000xf32>, memref<1000xf32>, memref<1000xf32>) outs(%out : memref<1000xf32>) {
    ^bb0(%xa: f32, %xb: f32, %xc: f32, %xd: f32, %xe: f32, %o: f32):
      %s0 = arith.addf %xa, %xb : f32
      %s1 = arith.addf %s0, %xc : f32
      %s2 = arith.addf %s1, %xd : f32
      %s3 = arith.addf %s2, %xe : f32
      %ma = arith.mulf %s3, %xa : f32
      %mb = arith.mulf %ma, %xb : f32
      %mc = arith.mulf %mb, %xc : f32
      %md = arith.mulf %mc, %xd : f32
      %me = arith.mulf %md, %xe : f32
      linalg.yield %me : f32
    }
    return
  }
}


// -----

#id = affine_map<(d0) -> (d0)>

// The same with a compare and select after it: the mask takes v0 and its
// group, so LMUL 8 has three groups and P = 6 is three over: LMUL 4.
// CHECK-LABEL: func @five_live_masked
// CHECK: scf.for %{{.*}} = %c0 to %c992 step %c32
module attributes {speir.target = #speir.target<cpu = "spacemit-x60", arch_id = 20540, llvm_cpu = "spacemit-x60", llvm_features = "", vlen = 256, ime = 1, num_threads = 8>} {
  func.func @five_live_masked(%a: memref<1000xf32>, %b: memref<1000xf32>, %c: memref<1000xf32>, %d: memref<1000xf32>, %e: memref<1000xf32>, %out: memref<1000xf32>) {
    %zero = arith.constant 0.0 : f32
    %half = arith.constant 0.5 : f32
    linalg.generic {indexing_maps = [#id, #id, #id, #id, #id, #id], iterator_types = ["parallel"]}
        ins(%a, %b, %c, %d, %e : memref<1000xf32>, memref<1000xf32>, memref<1000xf32>, memref<1000xf32>, memref<1000xf32>) outs(%out : memref<1000xf32>) {
    ^bb0(%xa: f32, %xb: f32, %xc: f32, %xd: f32, %xe: f32, %o: f32):
      %s0 = arith.addf %xa, %xb : f32
      %s1 = arith.addf %s0, %xc : f32
      %s2 = arith.addf %s1, %xd : f32
      %s3 = arith.addf %s2, %xe : f32
      %ma = arith.mulf %s3, %xa : f32
      %mb = arith.mulf %ma, %xb : f32
      %mc = arith.mulf %mb, %xc : f32
      %md = arith.mulf %mc, %xd : f32
      %me = arith.mulf %md, %xe : f32
      %pos = arith.cmpf ogt, %me, %zero : f32
      %sel = arith.select %pos, %me, %zero : f32
      linalg.yield %sel : f32
    }
    return
  }
}


// -----

#id = affine_map<(d0) -> (d0)>

// Eight inputs live at once: P = 9, LMUL 4.
// CHECK-LABEL: func @eight_live
// CHECK: scf.for %{{.*}} = %c0 to %c992 step %c32
module attributes {speir.target = #speir.target<cpu = "spacemit-x60", arch_id = 20540, llvm_cpu = "spacemit-x60", llvm_features = "", vlen = 256, ime = 1, num_threads = 8>} {
  func.func @eight_live(%a: memref<1000xf32>, %b: memref<1000xf32>, %c: memref<1000xf32>, %d: memref<1000xf32>, %e: memref<1000xf32>, %f: memref<1000xf32>, %g: memref<1000xf32>, %h: memref<1000xf32>, %out: memref<1000xf32>) {
    %zero = arith.constant 0.0 : f32
    %half = arith.constant 0.5 : f32
    linalg.generic {indexing_maps = [#id, #id, #id, #id, #id, #id, #id, #id, #id], iterator_types = ["parallel"]}
        ins(%a, %b, %c, %d, %e, %f, %g, %h : memref<1000xf32>, memref<1000xf32>, memref<1000xf32>, memref<1000xf32>, memref<1000xf32>, memref<1000xf32>, memref<1000xf32>, memref<1000xf32>) outs(%out : memref<1000xf32>) {
    ^bb0(%xa: f32, %xb: f32, %xc: f32, %xd: f32, %xe: f32, %xf: f32, %xg: f32, %xh: f32, %o: f32):
      %s0 = arith.addf %xa, %xb : f32
      %s1 = arith.addf %s0, %xc : f32
      %s2 = arith.addf %s1, %xd : f32
      %s3 = arith.addf %s2, %xe : f32
      %s4 = arith.addf %s3, %xf : f32
      %s5 = arith.addf %s4, %xg : f32
      %s6 = arith.addf %s5, %xh : f32
      %ma = arith.mulf %s6, %xa : f32
      %mb = arith.mulf %ma, %xb : f32
      %mc = arith.mulf %mb, %xc : f32
      %md = arith.mulf %mc, %xd : f32
      %me = arith.mulf %md, %xe : f32
      %mf = arith.mulf %me, %xf : f32
      %mg = arith.mulf %mf, %xg : f32
      %mh = arith.mulf %mg, %xh : f32
      linalg.yield %mh : f32
    }
    return
  }
}


// -----

#id = affine_map<(d0) -> (d0)>

// The same in f16 with an f32 result: an f16 vector of f32's lanes is half
// a group, P = 4.5 + 1, LMUL 8.
// CHECK-LABEL: func @eight_live_f16
// CHECK: scf.for %{{.*}} = %c0 to %c960 step %c64
module attributes {speir.target = #speir.target<cpu = "spacemit-x60", arch_id = 20540, llvm_cpu = "spacemit-x60", llvm_features = "", vlen = 256, ime = 1, num_threads = 8>} {
  func.func @eight_live_f16(%a: memref<1000xf16>, %b: memref<1000xf16>, %c: memref<1000xf16>, %d: memref<1000xf16>, %e: memref<1000xf16>, %f: memref<1000xf16>, %g: memref<1000xf16>, %h: memref<1000xf16>, %out: memref<1000xf32>) {
    %zero = arith.constant 0.0 : f32
    %half = arith.constant 0.5 : f32
    linalg.generic {indexing_maps = [#id, #id, #id, #id, #id, #id, #id, #id, #id], iterator_types = ["parallel"]}
        ins(%a, %b, %c, %d, %e, %f, %g, %h : memref<1000xf16>, memref<1000xf16>, memref<1000xf16>, memref<1000xf16>, memref<1000xf16>, memref<1000xf16>, memref<1000xf16>, memref<1000xf16>) outs(%out : memref<1000xf32>) {
    ^bb0(%xa: f16, %xb: f16, %xc: f16, %xd: f16, %xe: f16, %xf: f16, %xg: f16, %xh: f16, %o: f32):
      %s0 = arith.addf %xa, %xb : f16
      %s1 = arith.addf %s0, %xc : f16
      %s2 = arith.addf %s1, %xd : f16
      %s3 = arith.addf %s2, %xe : f16
      %s4 = arith.addf %s3, %xf : f16
      %s5 = arith.addf %s4, %xg : f16
      %s6 = arith.addf %s5, %xh : f16
      %ma = arith.mulf %s6, %xa : f16
      %mb = arith.mulf %ma, %xb : f16
      %mc = arith.mulf %mb, %xc : f16
      %md = arith.mulf %mc, %xd : f16
      %me = arith.mulf %md, %xe : f16
      %mf = arith.mulf %me, %xf : f16
      %mg = arith.mulf %mf, %xg : f16
      %mh = arith.mulf %mg, %xh : f16
      %w = arith.extf %mh : f16 to f32
      linalg.yield %w : f32
    }
    return
  }
}

// -----

#id = affine_map<(d0) -> (d0)>

// A log (10 groups besides its argument) while eight inputs stay live:
// P = 19, more than LMUL 2's 16 + 2: LMUL 1.
// CHECK-LABEL: func @eight_live_log
// CHECK: scf.for %{{.*}} = %c0 to %c1000 step %c8
module attributes {speir.target = #speir.target<cpu = "spacemit-x60", arch_id = 20540, llvm_cpu = "spacemit-x60", llvm_features = "", vlen = 256, ime = 1, num_threads = 8>} {
  func.func @eight_live_log(%a: memref<1000xf32>, %b: memref<1000xf32>, %c: memref<1000xf32>, %d: memref<1000xf32>, %e: memref<1000xf32>, %f: memref<1000xf32>, %g: memref<1000xf32>, %h: memref<1000xf32>, %out: memref<1000xf32>) {
    linalg.generic {indexing_maps = [#id, #id, #id, #id, #id, #id, #id, #id, #id], iterator_types = ["parallel"]}
        ins(%a, %b, %c, %d, %e, %f, %g, %h : memref<1000xf32>, memref<1000xf32>, memref<1000xf32>, memref<1000xf32>, memref<1000xf32>, memref<1000xf32>, memref<1000xf32>, memref<1000xf32>) outs(%out : memref<1000xf32>) {
    ^bb0(%xa: f32, %xb: f32, %xc: f32, %xd: f32, %xe: f32, %xf: f32, %xg: f32, %xh: f32, %o: f32):
      %s0 = arith.addf %xa, %xb : f32
      %s1 = arith.addf %s0, %xc : f32
      %s2 = arith.addf %s1, %xd : f32
      %s3 = arith.addf %s2, %xe : f32
      %s4 = arith.addf %s3, %xf : f32
      %s5 = arith.addf %s4, %xg : f32
      %s6 = arith.addf %s5, %xh : f32
      %l = math.log %s6 : f32
      %ma = arith.mulf %l, %xa : f32
      %mb = arith.mulf %ma, %xb : f32
      %mc = arith.mulf %mb, %xc : f32
      %md = arith.mulf %mc, %xd : f32
      %me = arith.mulf %md, %xe : f32
      %mf = arith.mulf %me, %xf : f32
      %mg = arith.mulf %mf, %xg : f32
      %mh = arith.mulf %mg, %xh : f32
      linalg.yield %mh : f32
    }
    return
  }
}

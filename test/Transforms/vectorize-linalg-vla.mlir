// speir-vectorize-linalg="vector-length-agnostic=1": all-parallel ops whose
// innermost loop is longer than one vector at the target's VLEN, with
// operands contiguous along it and a body that lowers to vector
// instructions, step by vscale x n elements (n = LMUL x 64 / element bits;
// LLVM's vscale is VLEN / 64 on RISC-V) on scalable vectors, unmasked; the
// remainder runs once, masked. Everything else keeps fixed vectors.
// RUN: spine-opt %s -split-input-file -speir-vectorize-linalg="vector-length-agnostic=1" -canonicalize | FileCheck %s
// RUN: spine-opt %s -split-input-file -speir-vectorize-linalg | FileCheck %s --check-prefix=FIXED

#id = affine_map<(d0) -> (d0)>
// LMUL 8 for f32 (the register-pressure model's choice): vscale x 16 lanes,
// 64 at VLEN 256 and 32 at VLEN 128.
// CHECK-LABEL: func @silu_mul
// CHECK: %[[VSCALE:.*]] = vector.vscale
// CHECK: %[[STEP:.*]] = arith.muli %[[VSCALE]], %c16 : index
// CHECK: %[[MAIN:.*]] = affine.apply #{{.*}}()[%[[STEP]]]
// CHECK: scf.for %{{.*}} = %c0 to %[[MAIN]] step %[[STEP]] {
// CHECK-NOT: vector.mask
// CHECK: vector.transfer_read %{{.*}} {in_bounds = [true]} : memref<?xf32, strided<[1], offset: ?>>, vector<[16]xf32>
// CHECK: math.exp %{{.*}} : vector<[16]xf32>
// CHECK: vector.transfer_write %{{.*}} : vector<[16]xf32>, memref<?xf32, strided<[1], offset: ?>>
// CHECK: scf.for %{{.*}} = %[[MAIN]] to %c1000 step %[[STEP]] {
// CHECK: %[[MASK:.*]] = vector.create_mask %{{.*}} : vector<[16]xi1>
// CHECK: vector.mask %[[MASK]] { vector.transfer_read
// CHECK: vector.mask %[[MASK]] { vector.transfer_write
// FIXED-LABEL: func @silu_mul
// FIXED: scf.for %{{.*}} = %c0 to %c960 step %c64
// FIXED-NOT: vscale
module attributes {speir.target = #speir.target<cpu = "spacemit-x60", arch_id = 20540, llvm_cpu = "spacemit-x60", llvm_features = "", vlen = 256, ime = 1, num_threads = 8>} {
  func.func @silu_mul(%a: memref<1000xf32>, %b: memref<1000xf32>, %out: memref<1000xf32>) {
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

#map = affine_map<(d0, d1) -> (d0, d1)>
#row = affine_map<(d0, d1) -> (d1)>
#col = affine_map<(d0, d1) -> (d0)>
// A dynamic row length, an f16 input (half the bits: vector<1x[16]xf16>),
// a bias along the row and a scale per row (uniform along the vector).
// CHECK-LABEL: func @bias_scale
// CHECK: %[[STEP:.*]] = arith.muli %{{.*}}, %c16 : index
// CHECK: scf.for %{{.*}} = %c0 to %c4 step %c1 {
// CHECK: scf.for %{{.*}} = %c0 to %{{.*}} step %[[STEP]] {
// CHECK: vector.transfer_read {{.*}} vector<1x[16]xf16>
// CHECK: vector.transfer_read {{.*}} vector<1x[16]xf32>
// CHECK: arith.extf %{{.*}} : vector<1x[16]xf16> to vector<1x[16]xf32>
// CHECK: scf.for %{{.*}} step %[[STEP]] {
// CHECK: vector.create_mask %c1, %{{.*}} : vector<1x[16]xi1>
module attributes {speir.target = #speir.target<cpu = "spacemit-x60", arch_id = 20540, llvm_cpu = "spacemit-x60", llvm_features = "", vlen = 256, ime = 1, num_threads = 8>} {
  func.func @bias_scale(%x: memref<4x?xf16>, %bias: memref<?xf32>, %scale: memref<4xf32>, %out: memref<4x?xf32>) {
    linalg.generic {indexing_maps = [#map, #row, #col, #map], iterator_types = ["parallel", "parallel"]}
        ins(%x, %bias, %scale : memref<4x?xf16>, memref<?xf32>, memref<4xf32>) outs(%out : memref<4x?xf32>) {
    ^bb0(%v: f16, %b: f32, %s: f32, %o: f32):
      %w = arith.extf %v : f16 to f32
      %a = arith.addf %w, %b : f32
      %m = arith.mulf %a, %s : f32
      linalg.yield %m : f32
    }
    return
  }
}

// -----

#id = affine_map<(d0) -> (d0)>
// log takes LMUL 2 by register pressure: vscale x 4 lanes.
// CHECK-LABEL: func @log_add
// CHECK: arith.muli %{{.*}}, %c4 : index
// CHECK: math.log %{{.*}} : vector<[4]xf32>
module attributes {speir.target = #speir.target<cpu = "spacemit-x60", arch_id = 20540, llvm_cpu = "spacemit-x60", llvm_features = "", vlen = 256, ime = 1, num_threads = 8>} {
  func.func @log_add(%a: memref<1000xf32>, %b: memref<1000xf32>, %out: memref<1000xf32>) {
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
#map = affine_map<(d0, d1) -> (d0, d1)>
#tr = affine_map<(d0, d1) -> (d1, d0)>
// Fixed vectors stay where scalable ones would not serve: a row no longer
// than one vector at the target's VLEN (64 f32 at LMUL 8), a transpose (the
// input strided along the vector), a libm function (tan: one call per
// element, which a scalable vector cannot be split into), f64 exp, bf16
// arithmetic, and a reduction across rows (not along the innermost loop).
// CHECK-LABEL: func @fixed
// CHECK-NOT: vscale
// CHECK: vector<64xf32>
// CHECK: vector<1x64xf32>
// CHECK: vector<{{[0-9]+}}xf32>
// CHECK: vector<{{[0-9]+}}xf64>
// CHECK: vector<{{[0-9]+}}xbf16>
// CHECK: vector<1x{{[0-9]+}}xf32>
// CHECK-NOT: vscale
// CHECK: return
module attributes {speir.target = #speir.target<cpu = "spacemit-x60", arch_id = 20540, llvm_cpu = "spacemit-x60", llvm_features = "", vlen = 256, ime = 1, num_threads = 8>} {
  func.func @fixed(%short: memref<64xf32>, %t: memref<1000x4xf32>, %tout: memref<4x1000xf32>, %a: memref<1000xf32>, %out: memref<1000xf32>, %d: memref<1000xf64>, %dout: memref<1000xf64>, %h: memref<1000xbf16>, %hout: memref<1000xbf16>, %colsum: memref<4xf32>) {
    linalg.generic {indexing_maps = [#id], iterator_types = ["parallel"]} outs(%short : memref<64xf32>) {
    ^bb0(%o: f32):
      %r = arith.addf %o, %o : f32
      linalg.yield %r : f32
    }
    linalg.generic {indexing_maps = [#tr, #map], iterator_types = ["parallel", "parallel"]}
        ins(%t : memref<1000x4xf32>) outs(%tout : memref<4x1000xf32>) {
    ^bb0(%x: f32, %o: f32):
      linalg.yield %x : f32
    }
    linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
        ins(%a : memref<1000xf32>) outs(%out : memref<1000xf32>) {
    ^bb0(%x: f32, %o: f32):
      %r = math.tan %x : f32
      linalg.yield %r : f32
    }
    linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
        ins(%d : memref<1000xf64>) outs(%dout : memref<1000xf64>) {
    ^bb0(%x: f64, %o: f64):
      %r = math.exp %x : f64
      linalg.yield %r : f64
    }
    linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
        ins(%h : memref<1000xbf16>) outs(%hout : memref<1000xbf16>) {
    ^bb0(%x: bf16, %o: bf16):
      %r = arith.addf %x, %x : bf16
      linalg.yield %r : bf16
    }
    linalg.generic {indexing_maps = [#tr, affine_map<(d0, d1) -> (d0)>], iterator_types = ["parallel", "reduction"]}
        ins(%t : memref<1000x4xf32>) outs(%colsum : memref<4xf32>) {
    ^bb0(%x: f32, %o: f32):
      %r = arith.addf %x, %o : f32
      linalg.yield %r : f32
    }
    return
  }
}

// -----

#id = affine_map<(d0) -> (d0)>
// A row reduction (one row per program, as the frontend's kernels have it):
// chunks of four vectors (LMUL 2 for reductions; an exp body's live values
// take chunks of four, not eight: vscale x 16 lanes), whole in the main
// loop, whose vector accumulator is carried across it (one reduction across
// lanes after the loop), then the masked remainder.
// CHECK-LABEL: func @row_sum
// CHECK: %[[STEP:.*]] = arith.muli %{{.*}}, %c16 : index
// CHECK: %[[ACC:.*]] = scf.for %{{.*}} step %[[STEP]] iter_args(%[[CARRY:.*]] = %{{.*}}) -> (vector<[16]xf32>) {
// CHECK-NOT: vector.multi_reduction
// CHECK: %[[SUM:.*]] = arith.addf %{{.*}}, %[[CARRY]] : vector<[16]xf32>
// CHECK: scf.yield %[[SUM]]
// CHECK: vector.multi_reduction <add>, %[[ACC]], %{{.*}} [0] : vector<[16]xf32> to f32
// CHECK: scf.for %{{.*}} step %[[STEP]] {
// CHECK: vector.mask %{{.*}} { vector.multi_reduction <add>, %{{.*}} [0] : vector<[16]xf32> to f32 }
module attributes {speir.target = #speir.target<cpu = "spacemit-x60", arch_id = 20540, llvm_cpu = "spacemit-x60", llvm_features = "", vlen = 256, ime = 1, num_threads = 8>} {
  func.func @row_sum(%a: memref<1000xf32>, %out: memref<f32>) {
    %zero = arith.constant 0.0 : f32
    %acc = memref.alloc() : memref<f32>
    linalg.fill ins(%zero : f32) outs(%acc : memref<f32>)
    linalg.generic {indexing_maps = [#id, affine_map<(d0) -> ()>], iterator_types = ["reduction"]}
        ins(%a : memref<1000xf32>) outs(%acc : memref<f32>) {
    ^bb0(%x: f32, %o: f32):
      %e = math.exp %x : f32
      %r = arith.addf %e, %o : f32
      linalg.yield %r : f32
    }
    memref.copy %acc, %out : memref<f32> to memref<f32>
    memref.dealloc %acc : memref<f32>
    return
  }
}

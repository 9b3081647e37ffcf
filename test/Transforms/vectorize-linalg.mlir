// RUN: spine-opt %s -split-input-file -speir-vectorize-linalg | FileCheck %s
// RUN: spine-opt %s -split-input-file -speir-vectorize-linalg="registers-per-vector=1" | FileCheck %s --check-prefix=LMUL1

#id = affine_map<(d0, d1) -> (d0, d1)>
#row = affine_map<(d0, d1) -> (d0)>

// Elementwise over 8x200 f32 at VLEN 256: eight registers per vector (LMUL
// 8, the register-pressure model's choice for a body this short;
// vectorize-linalg-lmul.mlir has the model): the row is cut into 64-lane
// vectors, and the 8-element tail is peeled into a vector of its own, so
// every vector has a static shape (no masks). registers-per-vector=1
// forces 8 lanes, which divide the row.
// CHECK-LABEL: func @elementwise
// CHECK: scf.for
// CHECK: scf.for %{{.*}} = %c0 to %c192 step %c64
// CHECK: vector.transfer_read {{.*}} : memref<1x64xf32, strided<[200, 1], offset: ?>>, vector<1x64xf32>
// CHECK: math.exp %{{.*}} : vector<1x64xf32>
// CHECK: memref.subview %{{.*}}[%{{.*}}, 192] [1, 8] [1, 1]
// CHECK: math.exp %{{.*}} : vector<1x8xf32>
// CHECK-NOT: linalg.generic
// LMUL1-LABEL: func @elementwise
// LMUL1: scf.for %{{.*}} = %c0 to %c200 step %c8
module attributes {speir.target = #speir.target<cpu = "spacemit-x60", arch_id = 20540, llvm_cpu = "spacemit-x60", llvm_features = "", vlen = 256, ime = 1, num_threads = 8>} {
  func.func @elementwise(%in: memref<8x200xf32>, %out: memref<8x200xf32>) {
    linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
        ins(%in : memref<8x200xf32>) outs(%out : memref<8x200xf32>) {
    ^bb0(%x: f32, %o: f32):
      %e = math.exp %x : f32
      linalg.yield %e : f32
    }
    return
  }
}

// -----

#id = affine_map<(d0, d1) -> (d0, d1)>
#row = affine_map<(d0, d1) -> (d0)>

// A row reduction: the reduced dimension carries the vector, in chunks eight
// times wider (one horizontal reduction per chunk), the tail peeled.
// CHECK-LABEL: func @row_sum
// CHECK: scf.for %{{.*}} = %c0 to %c256 step %c128
// LMUL1-LABEL: func @row_sum
// LMUL1: scf.for %{{.*}} = %c0 to %c256 step %c64
// CHECK: vector.multi_reduction <add>, %{{.*}}, %{{.*}} [1] : vector<1x128xf32> to vector<1xf32>
// CHECK: vector.multi_reduction <add>, %{{.*}}, %{{.*}} [1] : vector<1x44xf32> to vector<1xf32>
module attributes {speir.target = #speir.target<cpu = "spacemit-x60", arch_id = 20540, llvm_cpu = "spacemit-x60", llvm_features = "", vlen = 256, ime = 1, num_threads = 8>} {
  func.func @row_sum(%in: memref<4x300xf32>, %out: memref<4xf32>) {
    linalg.generic {indexing_maps = [#id, #row], iterator_types = ["parallel", "reduction"]}
        ins(%in : memref<4x300xf32>) outs(%out : memref<4xf32>) {
    ^bb0(%x: f32, %acc: f32):
      %s = arith.addf %x, %acc : f32
      linalg.yield %s : f32
    }
    return
  }
}

// -----

#id = affine_map<(d0, d1) -> (d0, d1)>
#row = affine_map<(d0, d1) -> (d0)>

// Both dimensions called "reduction", yet the output is indexed by d0: the
// op verifies, and upstream's vectorizer would reduce d0 away into an
// invalid vector.multi_reduction. It stays a loop nest (fuzzer finding
// test/fuzz/regressions/parity-634baf38ef.mlir).
// CHECK-LABEL: func @reduced_dim_in_output
// CHECK-NOT: vector.
// CHECK: linalg.generic
// CHECK-SAME: iterator_types = ["reduction", "reduction"]
module attributes {speir.target = #speir.target<cpu = "spacemit-x60", arch_id = 20540, llvm_cpu = "spacemit-x60", llvm_features = "", vlen = 256, ime = 1, num_threads = 8>} {
  func.func @reduced_dim_in_output(%in: memref<4x200xf32>, %out: memref<4xf32>) {
    linalg.generic {indexing_maps = [#id, #row], iterator_types = ["reduction", "reduction"]}
        ins(%in : memref<4x200xf32>) outs(%out : memref<4xf32>) {
    ^bb0(%x: f32, %acc: f32):
      %s = arith.addf %x, %acc : f32
      linalg.yield %s : f32
    }
    return
  }
}

// -----

// Without a target the vector length is VLEN 128's; a short row is taken
// whole; contractions are left for the runtime's kernels.
// CHECK-LABEL: func @fill_and_matmul
// CHECK: vector.transfer_write %{{.*}} : vector<1x6xf16>
// CHECK: linalg.matmul
func.func @fill_and_matmul(%m: memref<3x6xf16>, %a: memref<4x4xf32>, %b: memref<4x4xf32>, %c: memref<4x4xf32>) {
  %z = arith.constant 0.0 : f16
  linalg.fill ins(%z : f16) outs(%m : memref<3x6xf16>)
  linalg.matmul ins(%a, %b : memref<4x4xf32>, memref<4x4xf32>) outs(%c : memref<4x4xf32>)
  return
}

// -----

// A dynamic innermost loop over contiguous operands (a masked load's fill of
// its block, flattened by speir-lower-copies) is peeled like a static one:
// whole 64-lane tiles are vector stores, the remainder (fewer than 64) a
// dynamic tile of its own. Strided along the innermost loop, the tiles would
// be built element by element: that loop stays unpeeled and scalar.
// CHECK-LABEL: func @dynamic_rows
// CHECK:         scf.for %{{.*}} = %c0 to %[[MAIN:.*]] step %c64
// CHECK:           vector.transfer_write %{{.*}} : vector<64xf32>, memref<64xf32, strided<[1], offset: ?>>
// CHECK:         scf.for %{{.*}} = %[[MAIN]] to %{{.*}} step %c64
// CHECK:           linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : memref<?xf32, strided<[1], offset: ?>>)
// CHECK:         scf.for %{{.*}} = %c0 to %{{.*}} step %c64
// CHECK-NOT:       vector.
// CHECK:           linalg.copy ins(%{{.*}} : memref<?xf32, strided<[?], offset: ?>>) outs(%{{.*}} : memref<?xf32, strided<[1], offset: ?>>)
// CHECK-NOT:     scf.for
// CHECK:         return
module attributes {speir.target = #speir.target<cpu = "spacemit-x60", arch_id = 20540, llvm_cpu = "spacemit-x60", llvm_features = "", vlen = 256, ime = 1, num_threads = 8>} {
  func.func @dynamic_rows(%buf: memref<?xf32>, %src: memref<?xf32, strided<[?]>>, %dst: memref<?xf32>) {
    %z = arith.constant 0.0 : f32
    linalg.fill ins(%z : f32) outs(%buf : memref<?xf32>)
    linalg.copy ins(%src : memref<?xf32, strided<[?]>>) outs(%dst : memref<?xf32>)
    return
  }
}

// -----

// A reduction whose length is known only at run time is peeled the same
// way: whole chunks of 128 lanes (LMUL 2, eight vectors) reduce as vectors,
// the remainder stays for the scalar lowering.
// CHECK-LABEL: func @dynamic_row_sum
// CHECK:         scf.for %{{.*}} = %c0 to %[[MAIN:.*]] step %c128
// CHECK:           vector.multi_reduction <add>, %{{.*}}, %{{.*}} [0] : vector<128xf32> to f32
// CHECK:         scf.for %{{.*}} = %[[MAIN]] to %{{.*}} step %c128
// CHECK:           linalg.generic
module attributes {speir.target = #speir.target<cpu = "spacemit-x60", arch_id = 20540, llvm_cpu = "spacemit-x60", llvm_features = "", vlen = 256, ime = 1, num_threads = 8>} {
  func.func @dynamic_row_sum(%in: memref<?xf32>, %acc: memref<f32>) {
    linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> ()>], iterator_types = ["reduction"]}
        ins(%in : memref<?xf32>) outs(%acc : memref<f32>) {
    ^bb0(%x: f32, %o: f32):
      %s = arith.addf %x, %o : f32
      linalg.yield %s : f32
    }
    return
  }
}

// -----

// A reduction into a buffer of the kernel's own carries a vector
// accumulator across the chunk loop, starting at the kind's identity (NaN for
// maxnumf, -0.0 for addf), and reduces across lanes once after the loop.
// CHECK-LABEL: func @carried_accumulators
// CHECK-DAG: %[[NEGZERO:.*]] = arith.constant dense<-0.000000e+00> : vector<128xf32>
// CHECK-DAG: %[[NAN:.*]] = arith.constant dense<0x7FC00000> : vector<128xf32>
// CHECK: %[[ACC:.*]] = memref.alloca() : memref<f32>
// CHECK: %[[MAX:.*]] = scf.for %{{.*}} = %c0 to %c896 step %c128 iter_args(%[[VMAX:.*]] = %[[NAN]]) -> (vector<128xf32>)
// CHECK-NOT: vector.multi_reduction
// CHECK: %[[M:.*]] = arith.maxnumf %{{.*}}, %[[VMAX]] : vector<128xf32>
// CHECK: scf.yield %[[M]]
// The accumulator is read and written as a scalar.
// CHECK: %[[OLD:.*]] = memref.load %[[ACC]][] : memref<f32>
// CHECK: %[[NEW:.*]] = vector.multi_reduction <maxnumf>, %[[MAX]], %[[OLD]] [0] : vector<128xf32> to f32
// CHECK: memref.store %[[NEW]], %[[ACC]][] : memref<f32>
// CHECK: vector.multi_reduction <maxnumf>, %{{.*}} [0] : vector<104xf32> to f32
// CHECK: %[[SUM:.*]] = scf.for %{{.*}} iter_args(%[[VSUM:.*]] = %[[NEGZERO]]) -> (vector<128xf32>)
// CHECK: %[[SQ:.*]] = arith.mulf
// CHECK: arith.addf %[[SQ]], %[[VSUM]] : vector<128xf32>
// CHECK: vector.multi_reduction <add>, %[[SUM]], %{{.*}} [0] : vector<128xf32> to f32
// The same sum into the caller's buffer: something else could reach it, so
// every chunk still reduces into memory.
// CHECK: scf.for %{{.*}} = %c0 to %c896 step %c128 {
// CHECK: vector.multi_reduction <add>, %{{.*}} [0] : vector<128xf32> to f32
// CHECK: memref.store
module attributes {speir.target = #speir.target<cpu = "spacemit-x60", arch_id = 20540, llvm_cpu = "spacemit-x60", llvm_features = "", vlen = 256, ime = 1, num_threads = 8>} {
  func.func @carried_accumulators(%in: memref<1000xf32>, %out: memref<f32>, %out2: memref<f32>) {
    %acc = memref.alloc() : memref<f32>
    %ninf = arith.constant 0xFF800000 : f32
    %zero = arith.constant 0.0 : f32
    linalg.fill ins(%ninf : f32) outs(%acc : memref<f32>)
    linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> ()>], iterator_types = ["reduction"]}
        ins(%in : memref<1000xf32>) outs(%acc : memref<f32>) {
    ^bb0(%x: f32, %a: f32):
      %m = arith.maxnumf %x, %a : f32
      linalg.yield %m : f32
    }
    memref.copy %acc, %out : memref<f32> to memref<f32>
    linalg.fill ins(%zero : f32) outs(%acc : memref<f32>)
    linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> ()>], iterator_types = ["reduction"]}
        ins(%in : memref<1000xf32>) outs(%acc : memref<f32>) {
    ^bb0(%x: f32, %a: f32):
      %sq = arith.mulf %x, %x : f32
      %s = arith.addf %sq, %a : f32
      linalg.yield %s : f32
    }
    memref.copy %acc, %out : memref<f32> to memref<f32>
    linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> ()>], iterator_types = ["reduction"]}
        ins(%in : memref<1000xf32>) outs(%out2 : memref<f32>) {
    ^bb0(%x: f32, %a: f32):
      %s = arith.addf %x, %a : f32
      linalg.yield %s : f32
    }
    memref.dealloc %acc : memref<f32>
    return
  }
}

// -----

// A sum of exp(x - m) keeps three register groups live at its peak (the
// exponential's expansion): chunks of four vectors (64 lanes), where the
// sums above (one or two groups) take eight (128 lanes), whose chunk-wide
// values would spill.
// CHECK-LABEL: func @exp_sum_chunks
// CHECK: scf.for %{{.*}} = %c0 to %c960 step %c64 iter_args(%{{.*}}) -> (vector<64xf32>)
// CHECK: math.exp %{{.*}} : vector<64xf32>
// CHECK: vector.multi_reduction <add>, %{{.*}} [0] : vector<40xf32> to f32
module attributes {speir.target = #speir.target<cpu = "spacemit-x60", arch_id = 20540, llvm_cpu = "spacemit-x60", llvm_features = "", vlen = 256, ime = 1, num_threads = 8>} {
  func.func @exp_sum_chunks(%in: memref<1000xf32>, %m: f32, %out: memref<f32>) {
    %acc = memref.alloc() : memref<f32>
    %zero = arith.constant 0.0 : f32
    linalg.fill ins(%zero : f32) outs(%acc : memref<f32>)
    linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> ()>], iterator_types = ["reduction"]}
        ins(%in : memref<1000xf32>) outs(%acc : memref<f32>) {
    ^bb0(%x: f32, %a: f32):
      %d = arith.subf %x, %m : f32
      %e = math.exp %d : f32
      %s = arith.addf %e, %a : f32
      linalg.yield %s : f32
    }
    memref.copy %acc, %out : memref<f32> to memref<f32>
    memref.dealloc %acc : memref<f32>
    return
  }
}

// -----

// Small buffers allocated in the function body move to the stack (their
// deallocs go); one inside a loop, one a parallel region uses, and a large
// one stay on the heap.
// CHECK-LABEL: func @small_buffers_to_stack
// CHECK: %[[STACK:.*]] = memref.alloca() {alignment = 64 : i64} : memref<f32>
// CHECK: scf.for
// CHECK: memref.alloc() : memref<f32>
// CHECK: memref.dealloc
// CHECK: memref.alloc() : memref<f32>
// CHECK: scf.forall
// CHECK: memref.alloc() : memref<32xf32>
// CHECK-NOT: memref.dealloc %[[STACK]]
// CHECK: return
module attributes {speir.target = #speir.target<cpu = "spacemit-x60", arch_id = 20540, llvm_cpu = "spacemit-x60", llvm_features = "", vlen = 256, ime = 1, num_threads = 8>} {
  func.func @small_buffers_to_stack(%x: f32, %out: memref<4xf32>, %n: index) {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %stack = memref.alloc() {alignment = 64 : i64} : memref<f32>
    memref.store %x, %stack[] : memref<f32>
    scf.for %i = %c0 to %n step %c1 {
      %inloop = memref.alloc() : memref<f32>
      memref.store %x, %inloop[] : memref<f32>
      %v = memref.load %inloop[] : memref<f32>
      memref.store %v, %out[%c0] : memref<4xf32>
      memref.dealloc %inloop : memref<f32>
    }
    %shared = memref.alloc() : memref<f32>
    memref.store %x, %shared[] : memref<f32>
    scf.forall (%j) in (4) {
      %v = memref.load %shared[] : memref<f32>
      memref.store %v, %out[%j] : memref<4xf32>
    }
    %large = memref.alloc() : memref<32xf32>
    memref.store %x, %large[%c0] : memref<32xf32>
    %l = memref.load %large[%c1] : memref<32xf32>
    memref.store %l, %out[%c0] : memref<4xf32>
    %w = memref.load %stack[] : memref<f32>
    memref.store %w, %out[%c1] : memref<4xf32>
    memref.dealloc %stack : memref<f32>
    memref.dealloc %shared : memref<f32>
    memref.dealloc %large : memref<32xf32>
    return
  }
}

// The TTIR form of a decode step without a K loop: y = silu(x . w + bias)
// with Triton's tl.zeros accumulator (a copy of a zero constant, absorbed as
// overwrite mode) fuses into one speir_gemm_fused call; the accumulator
// temporary and the bias broadcast disappear.
// RUN: spine-opt %s --spine-triton-e2e-pipeline="enable-epilogue-fusion=true" --mlir-print-ir-after=speir-fuse-gemm-epilogue -o /dev/null 2>&1 | FileCheck %s
// RUN: spine-opt %s --spine-triton-e2e-pipeline="enable-epilogue-fusion=true" | FileCheck %s --check-prefix=LLVM

// CHECK-NOT:   linalg.broadcast
// CHECK:       speir.gemm {{.*}} bias({{.*}}, per_col) activation(silu) out(
// CHECK-NOT:   linalg.generic
// CHECK:       return

// LLVM:        llvm.call @speir_gemm_fused(
// LLVM-NOT:    llvm.call @speir_gemm(
module attributes {tt.arch_id = "0x503C", tt.num_threads = 1 : i32} {
  tt.func public @decode_silu_kernel(%x_ptr: !tt.ptr<f32>, %w_ptr: !tt.ptr<f32>, %bias_ptr: !tt.ptr<f32>, %y_ptr: !tt.ptr<f32>) attributes {noinline = false} {
    %zeros = arith.constant dense<0.000000e+00> : tensor<4x16xf32>
    %one = arith.constant dense<1.000000e+00> : tensor<4x16xf32>
    %c32 = arith.constant dense<32> : tensor<4x1xi32>
    %c16 = arith.constant dense<16> : tensor<32x1xi32>
    %c16m = arith.constant dense<16> : tensor<4x1xi32>
    %rm = tt.make_range {end = 4 : i32, start = 0 : i32} : tensor<4xi32>
    %rk = tt.make_range {end = 32 : i32, start = 0 : i32} : tensor<32xi32>
    %rn = tt.make_range {end = 16 : i32, start = 0 : i32} : tensor<16xi32>
    %m1 = tt.expand_dims %rm {axis = 1 : i32} : tensor<4xi32> -> tensor<4x1xi32>
    %k0 = tt.expand_dims %rk {axis = 0 : i32} : tensor<32xi32> -> tensor<1x32xi32>
    %k1 = tt.expand_dims %rk {axis = 1 : i32} : tensor<32xi32> -> tensor<32x1xi32>
    %n0 = tt.expand_dims %rn {axis = 0 : i32} : tensor<16xi32> -> tensor<1x16xi32>
    %xr = arith.muli %m1, %c32 : tensor<4x1xi32>
    %xs = tt.splat %x_ptr : !tt.ptr<f32> -> tensor<4x1x!tt.ptr<f32>>
    %xp0 = tt.addptr %xs, %xr : tensor<4x1x!tt.ptr<f32>>, tensor<4x1xi32>
    %xp1 = tt.broadcast %xp0 : tensor<4x1x!tt.ptr<f32>> -> tensor<4x32x!tt.ptr<f32>>
    %xk = tt.broadcast %k0 : tensor<1x32xi32> -> tensor<4x32xi32>
    %xp = tt.addptr %xp1, %xk : tensor<4x32x!tt.ptr<f32>>, tensor<4x32xi32>
    %x = tt.load %xp : tensor<4x32x!tt.ptr<f32>>
    %wr = arith.muli %k1, %c16 : tensor<32x1xi32>
    %ws = tt.splat %w_ptr : !tt.ptr<f32> -> tensor<32x1x!tt.ptr<f32>>
    %wp0 = tt.addptr %ws, %wr : tensor<32x1x!tt.ptr<f32>>, tensor<32x1xi32>
    %wp1 = tt.broadcast %wp0 : tensor<32x1x!tt.ptr<f32>> -> tensor<32x16x!tt.ptr<f32>>
    %wn = tt.broadcast %n0 : tensor<1x16xi32> -> tensor<32x16xi32>
    %wp = tt.addptr %wp1, %wn : tensor<32x16x!tt.ptr<f32>>, tensor<32x16xi32>
    %w = tt.load %wp : tensor<32x16x!tt.ptr<f32>>
    %acc = tt.dot %x, %w, %zeros : tensor<4x32xf32> * tensor<32x16xf32> -> tensor<4x16xf32>
    %bs = tt.splat %bias_ptr : !tt.ptr<f32> -> tensor<16x!tt.ptr<f32>>
    %bp = tt.addptr %bs, %rn : tensor<16x!tt.ptr<f32>>, tensor<16xi32>
    %b = tt.load %bp : tensor<16x!tt.ptr<f32>>
    %b0 = tt.expand_dims %b {axis = 0 : i32} : tensor<16xf32> -> tensor<1x16xf32>
    %bb = tt.broadcast %b0 : tensor<1x16xf32> -> tensor<4x16xf32>
    %s = arith.addf %acc, %bb : tensor<4x16xf32>
    %ns = arith.subf %zeros, %s : tensor<4x16xf32>
    %e = math.exp %ns : tensor<4x16xf32>
    %d = arith.addf %one, %e : tensor<4x16xf32>
    %y = arith.divf %s, %d : tensor<4x16xf32>
    %yr = arith.muli %m1, %c16m : tensor<4x1xi32>
    %ys = tt.splat %y_ptr : !tt.ptr<f32> -> tensor<4x1x!tt.ptr<f32>>
    %yp0 = tt.addptr %ys, %yr : tensor<4x1x!tt.ptr<f32>>, tensor<4x1xi32>
    %yp1 = tt.broadcast %yp0 : tensor<4x1x!tt.ptr<f32>> -> tensor<4x16x!tt.ptr<f32>>
    %yn = tt.broadcast %n0 : tensor<1x16xi32> -> tensor<4x16xi32>
    %yp = tt.addptr %yp1, %yn : tensor<4x16x!tt.ptr<f32>>, tensor<4x16xi32>
    tt.store %yp, %y : tensor<4x16x!tt.ptr<f32>>
    tt.return
  }
}

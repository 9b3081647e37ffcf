// RUN: spine-opt %s --convert-triton-to-linalg -split-input-file | FileCheck %s
// Indirect (unstructured) loads and stores become vector gathers and
// scatters (RVV's indexed loads and stores) over the flattened tile, a chunk
// of 512 bits of data or (64-bit) offsets at a time; masks are read as bytes.

// CHECK-LABEL: func.func @gather_masked(
// CHECK: %[[BYTES:.*]] = arith.extui %{{.*}} : tensor<64xi1> to tensor<64xi8>
// CHECK: scf.for %[[I:.*]] = %{{.*}} to %{{.*}} step %{{.*}} iter_args(%[[ACC:.*]] = %{{.*}}) -> (tensor<64xf32>)
// CHECK:   %[[OFFS:.*]] = vector.transfer_read %{{.*}}[%[[I]]]{{.*}} : tensor<64xi64>, vector<8xi64>
// CHECK:   %[[MB:.*]] = vector.transfer_read %[[BYTES]][%[[I]]]{{.*}} : tensor<64xi8>, vector<8xi8>
// CHECK:   %[[M:.*]] = arith.cmpi ne, %[[MB]]
// CHECK:   %[[G:.*]] = vector.gather %{{.*}}[%{{.*}}] [%[[OFFS]]], %[[M]], %{{.*}} : memref<{{.*}}xf32{{.*}}>, vector<8xi64>, vector<8xi1>, vector<8xf32> into vector<8xf32>
// CHECK:   vector.transfer_write %[[G]], %[[ACC]][%[[I]]]
tt.func public @gather_masked(%x: !tt.ptr<f32>, %idx: !tt.ptr<i32>, %out: !tt.ptr<f32>, %n: i32) {
  %r = tt.make_range {end = 64 : i32, start = 0 : i32} : tensor<64xi32>
  %ns = tt.splat %n : i32 -> tensor<64xi32>
  %m = arith.cmpi slt, %r, %ns : tensor<64xi32>
  %ip = tt.splat %idx : !tt.ptr<i32> -> tensor<64x!tt.ptr<i32>>
  %ipp = tt.addptr %ip, %r : tensor<64x!tt.ptr<i32>>, tensor<64xi32>
  %i = tt.load %ipp, %m : tensor<64x!tt.ptr<i32>>
  %xp = tt.splat %x : !tt.ptr<f32> -> tensor<64x!tt.ptr<f32>>
  %xpp = tt.addptr %xp, %i : tensor<64x!tt.ptr<f32>>, tensor<64xi32>
  %v = tt.load %xpp, %m : tensor<64x!tt.ptr<f32>>
  %op = tt.splat %out : !tt.ptr<f32> -> tensor<64x!tt.ptr<f32>>
  %opp = tt.addptr %op, %r : tensor<64x!tt.ptr<f32>>, tensor<64xi32>
  tt.store %opp, %v, %m : tensor<64x!tt.ptr<f32>>
  tt.return
}

// -----

// A 2-D scatter of f64 with i64 offsets: 8 lanes, the tile flattened.
// CHECK-LABEL: func.func @scatter_2d(
// CHECK: tensor.collapse_shape %{{.*}} {{\[\[}}0, 1]] : tensor<4x8xi64> into tensor<32xi64>
// CHECK: scf.for
// CHECK:   vector.transfer_read %{{.*}} : tensor<32xi64>, vector<8xi64>
// CHECK:   %[[V:.*]] = vector.transfer_read %{{.*}} : tensor<32xf64>, vector<8xf64>
// CHECK:   vector.scatter %{{.*}}[%{{.*}}] [%{{.*}}], %cst{{.*}}, %[[V]] : memref<{{.*}}xf64{{.*}}>, vector<8xi64>, vector<8xi1>, vector<8xf64>
tt.func public @scatter_2d(%idx: !tt.ptr<i64>, %out: !tt.ptr<f64>) {
  %r4 = tt.make_range {end = 4 : i32, start = 0 : i32} : tensor<4xi32>
  %r8 = tt.make_range {end = 8 : i32, start = 0 : i32} : tensor<8xi32>
  %c8 = arith.constant dense<8> : tensor<4x1xi32>
  %rows = tt.expand_dims %r4 {axis = 1 : i32} : tensor<4xi32> -> tensor<4x1xi32>
  %rs = arith.muli %rows, %c8 : tensor<4x1xi32>
  %cols = tt.expand_dims %r8 {axis = 0 : i32} : tensor<8xi32> -> tensor<1x8xi32>
  %rb = tt.broadcast %rs : tensor<4x1xi32> -> tensor<4x8xi32>
  %cb = tt.broadcast %cols : tensor<1x8xi32> -> tensor<4x8xi32>
  %lin = arith.addi %rb, %cb : tensor<4x8xi32>
  %ip = tt.splat %idx : !tt.ptr<i64> -> tensor<4x8x!tt.ptr<i64>>
  %ipp = tt.addptr %ip, %lin : tensor<4x8x!tt.ptr<i64>>, tensor<4x8xi32>
  %i = tt.load %ipp : tensor<4x8x!tt.ptr<i64>>
  %v = arith.sitofp %i : tensor<4x8xi64> to tensor<4x8xf64>
  %op = tt.splat %out : !tt.ptr<f64> -> tensor<4x8x!tt.ptr<f64>>
  %opp = tt.addptr %op, %i : tensor<4x8x!tt.ptr<f64>>, tensor<4x8xi64>
  tt.store %opp, %v : tensor<4x8x!tt.ptr<f64>>
  tt.return
}

// -----

// Bytes of i1 (bool tensors in memory) and tiles no chunk divides stay
// element by element.
// CHECK-LABEL: func.func @gather_bool(
// CHECK-NOT: vector.gather
// CHECK: linalg.generic
// CHECK: memref.load
tt.func public @gather_bool(%x: !tt.ptr<i1>, %idx: !tt.ptr<i32>, %out: !tt.ptr<i1>) {
  %r = tt.make_range {end = 64 : i32, start = 0 : i32} : tensor<64xi32>
  %ip = tt.splat %idx : !tt.ptr<i32> -> tensor<64x!tt.ptr<i32>>
  %ipp = tt.addptr %ip, %r : tensor<64x!tt.ptr<i32>>, tensor<64xi32>
  %i = tt.load %ipp : tensor<64x!tt.ptr<i32>>
  %xp = tt.splat %x : !tt.ptr<i1> -> tensor<64x!tt.ptr<i1>>
  %xpp = tt.addptr %xp, %i : tensor<64x!tt.ptr<i1>>, tensor<64xi32>
  %v = tt.load %xpp : tensor<64x!tt.ptr<i1>>
  %op = tt.splat %out : !tt.ptr<i1> -> tensor<64x!tt.ptr<i1>>
  %opp = tt.addptr %op, %r : tensor<64x!tt.ptr<i1>>, tensor<64xi32>
  tt.store %opp, %v : tensor<64x!tt.ptr<i1>>
  tt.return
}

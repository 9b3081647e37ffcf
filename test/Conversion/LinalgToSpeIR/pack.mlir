// RUN: spine-opt %s -split-input-file -convert-linalg-pack-to-speir | FileCheck %s

// CHECK-LABEL: func @pack_lhs
// CHECK: %[[SRC:.*]] = bufferization.to_buffer %{{.*}} read_only : tensor<20x7xf32> to memref<20x7xf32, strided<[?, ?], offset: ?>>
// CHECK: %[[DST:.*]] = memref.alloc() : memref<3x7x8x1xf32>
// CHECK: speir.pack %[[SRC]] padding_value(%{{.*}} : f32) outer_dims_perm = [0, 1] inner_dims_pos = [0, 1] into %[[DST]]
// CHECK: bufferization.to_tensor %[[DST]] restrict writable : memref<3x7x8x1xf32> to tensor<3x7x8x1xf32>
// CHECK-NOT: linalg.pack
func.func @pack_lhs(%a: tensor<20x7xf32>) -> tensor<3x7x8x1xf32> {
  %pad = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<3x7x8x1xf32>
  %p = linalg.pack %a padding_value(%pad : f32) inner_dims_pos = [0, 1] inner_tiles = [8, 1] into %e : tensor<20x7xf32> -> tensor<3x7x8x1xf32>
  return %p : tensor<3x7x8x1xf32>
}

// -----

// The rhs layout [N1, K1, N0, K0] from K x N.
// CHECK-LABEL: func @pack_rhs
// CHECK: speir.pack %{{.*}} outer_dims_perm = [1, 0] inner_dims_pos = [1, 0] into %{{.*}} : memref<7x30xf32, strided<[?, ?], offset: ?>> -> memref<4x7x8x1xf32>
func.func @pack_rhs(%b: tensor<7x30xf32>) -> tensor<4x7x8x1xf32> {
  %pad = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<4x7x8x1xf32>
  %p = linalg.pack %b padding_value(%pad : f32) outer_dims_perm = [1, 0] inner_dims_pos = [1, 0] inner_tiles = [8, 1] into %e : tensor<7x30xf32> -> tensor<4x7x8x1xf32>
  return %p : tensor<4x7x8x1xf32>
}

// -----

// CHECK-LABEL: func @unpack
// CHECK: %[[DST:.*]] = memref.alloc() : memref<20x30xf32>
// CHECK: speir.unpack %{{.*}} outer_dims_perm = [0, 1] inner_dims_pos = [0, 1] into %[[DST]]
// CHECK: bufferization.to_tensor %[[DST]] restrict writable
func.func @unpack(%c: tensor<3x4x8x8xf32>) -> tensor<20x30xf32> {
  %e = tensor.empty() : tensor<20x30xf32>
  %u = linalg.unpack %c inner_dims_pos = [0, 1] inner_tiles = [8, 8] into %e : tensor<3x4x8x8xf32> -> tensor<20x30xf32>
  return %u : tensor<20x30xf32>
}

// -----

// Inner tiles ordered unlike the outer dimensions: no runtime kernel, the
// op stays for speir-decompose-linalg.
// CHECK-LABEL: func @mixed_order
// CHECK: linalg.pack
// CHECK-NOT: speir.pack
func.func @mixed_order(%b: tensor<16x16xf32>) -> tensor<2x2x8x8xf32> {
  %e = tensor.empty() : tensor<2x2x8x8xf32>
  %p = linalg.pack %b inner_dims_pos = [1, 0] inner_tiles = [8, 8] into %e : tensor<16x16xf32> -> tensor<2x2x8x8xf32>
  return %p : tensor<2x2x8x8xf32>
}

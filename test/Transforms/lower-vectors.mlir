// RUN: spine-opt %s -speir-lower-vectors | FileCheck %s

// What tiling leaves (unit dimensions, 2-D transfers, multi-reductions)
// becomes 1-D loads, stores and reductions.
// CHECK-LABEL: func @row_chunk
// CHECK-NOT: vector.transfer_read
// CHECK-NOT: vector.multi_reduction
// CHECK: %[[V:.*]] = vector.load %{{.*}} : memref<16xf32, #{{.*}}>, vector<16xf32>
// CHECK: vector.reduction <add>, %[[V]], %{{.*}} : vector<16xf32> into f32
func.func @row_chunk(%m: memref<1x16xf32, strided<[100, 1], offset: ?>>, %acc: vector<1xf32>) -> vector<1xf32> {
  %pad = ub.poison : f32
  %c0 = arith.constant 0 : index
  %v = vector.transfer_read %m[%c0, %c0], %pad {in_bounds = [true, true]} : memref<1x16xf32, strided<[100, 1], offset: ?>>, vector<1x16xf32>
  %r = vector.multi_reduction <add>, %v, %acc [1] : vector<1x16xf32> to vector<1xf32>
  return %r : vector<1xf32>
}

// A 2-D tile is written row by row.
// CHECK-LABEL: func @tile_2d
// CHECK-COUNT-2: vector.store %{{.*}} : memref<2x8xf32, strided<[64, 1], offset: ?>>, vector<8xf32>
// CHECK-NOT: vector.transfer_write
func.func @tile_2d(%m: memref<2x8xf32, strided<[64, 1], offset: ?>>, %v: vector<2x8xf32>) {
  %c0 = arith.constant 0 : index
  vector.transfer_write %v, %m[%c0, %c0] {in_bounds = [true, true]} : vector<2x8xf32>, memref<2x8xf32, strided<[64, 1], offset: ?>>
  return
}

// The masked remainder of a vector-length-agnostic loop: the mask moves
// into the transfers, which become masked loads and stores of the scalable
// vector (no unrolling: a scalable vector has no element count to unroll).
// CHECK-LABEL: func @scalable_remainder
// CHECK: %[[MASK:.*]] = vector.create_mask %{{.*}} : vector<[16]xi1>
// CHECK: %[[X:.*]] = vector.maskedload %{{.*}}[%{{.*}}], %[[MASK]], %{{.*}} : memref<?xf32, strided<[1], offset: ?>>, vector<[16]xi1>, vector<[16]xf32> into vector<[16]xf32>
// CHECK: vector.maskedstore %{{.*}}[%{{.*}}], %[[MASK]], %{{.*}} : memref<?xf32, strided<[1], offset: ?>>, vector<[16]xi1>, vector<[16]xf32>
// CHECK-NOT: vector.mask
func.func @scalable_remainder(%in: memref<?xf32, strided<[1], offset: ?>>, %out: memref<?xf32, strided<[1], offset: ?>>, %n: index) {
  %c0 = arith.constant 0 : index
  %pad = ub.poison : f32
  %mask = vector.create_mask %n : vector<[16]xi1>
  %x = vector.mask %mask { vector.transfer_read %in[%c0], %pad {in_bounds = [true]} : memref<?xf32, strided<[1], offset: ?>>, vector<[16]xf32> } : vector<[16]xi1> -> vector<[16]xf32>
  %y = arith.addf %x, %x : vector<[16]xf32>
  vector.mask %mask { vector.transfer_write %y, %out[%c0] {in_bounds = [true]} : vector<[16]xf32>, memref<?xf32, strided<[1], offset: ?>> } : vector<[16]xi1>
  return
}

// RUN: spine-opt %s -split-input-file -convert-linalg-to-speir | FileCheck %s

// fill(0) + matmul: the fill disappears into overwrite mode.
// CHECK-LABEL: func @matmul_zero_init
// CHECK-NOT: linalg.fill
// CHECK: speir.gemm %{{.*}}, %{{.*}} into %{{.*}} : memref<16x64xf32>, memref<64x16xf32, strided<[64, 1], offset: ?>> into memref<16x16xf32>
// CHECK-NOT: linalg.matmul
func.func @matmul_zero_init(%a: memref<16x64xf32>, %b: memref<64x16xf32, strided<[64, 1], offset: ?>>, %c: memref<16x16xf32>) {
  %z = arith.constant 0.0 : f32
  linalg.fill ins(%z : f32) outs(%c : memref<16x16xf32>)
  linalg.matmul ins(%a, %b : memref<16x64xf32>, memref<64x16xf32, strided<[64, 1], offset: ?>>) outs(%c : memref<16x16xf32>)
  return
}

// -----

// Without the zero fill the product accumulates.
// CHECK-LABEL: func @matmul_accumulate
// CHECK: linalg.fill
// CHECK: speir.gemm %{{.*}}, %{{.*}} into %{{.*}} accumulate : memref<4x8xf16>, memref<8x4xf16> into memref<4x4xf32>
func.func @matmul_accumulate(%a: memref<4x8xf16>, %b: memref<8x4xf16>, %c: memref<4x4xf32>) {
  %one = arith.constant 1.0 : f32
  linalg.fill ins(%one : f32) outs(%c : memref<4x4xf32>)
  linalg.matmul ins(%a, %b : memref<4x8xf16>, memref<8x4xf16>) outs(%c : memref<4x4xf32>)
  return
}

// -----

// Unsigned named ops and generic matmuls with extensions keep their signedness.
// CHECK-LABEL: func @int8
// CHECK: speir.gemm %{{.*}}, %{{.*}} into %{{.*}} accumulate lhs_unsigned rhs_unsigned : memref<4x8xi8>, memref<8x4xi8> into memref<4x4xi32>
// CHECK: speir.gemm %{{.*}}, %{{.*}} into %{{.*}} accumulate rhs_unsigned : memref<4x8xi8>, memref<8x4xi8> into memref<4x4xi32>
func.func @int8(%a: memref<4x8xi8>, %b: memref<8x4xi8>, %c: memref<4x4xi32>) {
  linalg.matmul {cast = #linalg.type_fn<cast_unsigned>} ins(%a, %b : memref<4x8xi8>, memref<8x4xi8>) outs(%c : memref<4x4xi32>)
  linalg.generic {indexing_maps = [affine_map<(m, n, k) -> (m, k)>, affine_map<(m, n, k) -> (k, n)>, affine_map<(m, n, k) -> (m, n)>],
                  iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a, %b : memref<4x8xi8>, memref<8x4xi8>) outs(%c : memref<4x4xi32>) {
  ^bb0(%x: i8, %y: i8, %acc: i32):
    %xs = arith.extsi %x : i8 to i32
    %yu = arith.extui %y : i8 to i32
    %p = arith.muli %xs, %yu : i32
    %s = arith.addi %acc, %p : i32
    linalg.yield %s : i32
  }
  return
}

// -----

// Batched, and a transposed B view (unit stride in its outer dimension).
// CHECK-LABEL: func @batched_and_transposed
// CHECK: speir.gemm %{{.*}}, %{{.*}} into %{{.*}} accumulate : memref<2x4x8xf32>, memref<2x8x4xf32> into memref<2x4x4xf32>
// CHECK: speir.gemm %{{.*}}, %{{.*}} into %{{.*}} accumulate : memref<4x8xf32>, memref<8x4xf32, strided<[1, 8]>> into memref<4x4xf32>
func.func @batched_and_transposed(%a: memref<2x4x8xf32>, %b: memref<2x8x4xf32>, %c: memref<2x4x4xf32>,
                                  %x: memref<4x8xf32>, %yt: memref<8x4xf32, strided<[1, 8]>>, %z: memref<4x4xf32>) {
  linalg.batch_matmul ins(%a, %b : memref<2x4x8xf32>, memref<2x8x4xf32>) outs(%c : memref<2x4x4xf32>)
  linalg.matmul ins(%x, %yt : memref<4x8xf32>, memref<8x4xf32, strided<[1, 8]>>) outs(%z : memref<4x4xf32>)
  return
}

// -----

// Packed tiles go to speir.mmt4d.
// CHECK-LABEL: func @mmt4d
// CHECK: speir.mmt4d %{{.*}}, %{{.*}} into %{{.*}} : memref<3x7x8x1xf32>, memref<4x7x8x1xf32> into memref<3x4x8x8xf32>
func.func @mmt4d(%a: memref<3x7x8x1xf32>, %b: memref<4x7x8x1xf32>, %c: memref<3x4x8x8xf32>) {
  %z = arith.constant 0.0 : f32
  linalg.fill ins(%z : f32) outs(%c : memref<3x4x8x8xf32>)
  linalg.mmt4d ins(%a, %b : memref<3x7x8x1xf32>, memref<4x7x8x1xf32>) outs(%c : memref<3x4x8x8xf32>)
  return
}

// -----

// What the runtime cannot serve stays in Linalg: f64, a view without a
// unit stride, a generic that is not a matmul.
// CHECK-LABEL: func @left_alone
// CHECK-NOT: speir.
// CHECK-COUNT-2: linalg.matmul
// CHECK: linalg.generic
func.func @left_alone(%a: memref<4x4xf64>, %c: memref<4x4xf64>, %s: memref<4x4xf32, strided<[8, 2]>>, %t: memref<4x4xf32>) {
  linalg.matmul ins(%a, %a : memref<4x4xf64>, memref<4x4xf64>) outs(%c : memref<4x4xf64>)
  linalg.matmul ins(%s, %t : memref<4x4xf32, strided<[8, 2]>>, memref<4x4xf32>) outs(%t : memref<4x4xf32>)
  linalg.generic {indexing_maps = [affine_map<(m, n, k) -> (m, k)>, affine_map<(m, n, k) -> (k, n)>, affine_map<(m, n, k) -> (m, n)>],
                  iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%t, %t : memref<4x4xf32>, memref<4x4xf32>) outs(%t : memref<4x4xf32>) {
  ^bb0(%x: f32, %y: f32, %acc: f32):
    %p = arith.maximumf %x, %y : f32
    %s2 = arith.addf %acc, %p : f32
    linalg.yield %s2 : f32
  }
  return
}

// -----

// Triton's `tl.zeros` accumulator arrives as a copy of an all-zero constant
// global: like a zero fill, it becomes overwrite mode.
memref.global "private" constant @zeros : memref<4x16xf32> = dense<0.000000e+00>
// CHECK-LABEL: func.func @zero_global_copy
// CHECK-NOT:     memref.copy
// CHECK:         speir.gemm %arg0, %arg1 into %arg2 :
func.func @zero_global_copy(%a: memref<4x8xf32>, %b: memref<8x16xf32>, %c: memref<4x16xf32>) {
  %z = memref.get_global @zeros : memref<4x16xf32>
  memref.copy %z, %c : memref<4x16xf32> to memref<4x16xf32>
  linalg.matmul ins(%a, %b : memref<4x8xf32>, memref<8x16xf32>) outs(%c : memref<4x16xf32>)
  return
}

// -----

// A global that is not all zeros, or not constant, is a real start value.
memref.global "private" constant @ones : memref<4x16xf32> = dense<1.000000e+00>
memref.global "private" @mutable_zeros : memref<4x16xf32> = dense<0.000000e+00>
// CHECK-LABEL: func.func @nonzero_global_copy
// CHECK:         memref.copy
// CHECK:         speir.gemm %arg0, %arg1 into %arg2 accumulate
// CHECK:         memref.copy
// CHECK:         speir.gemm %arg0, %arg1 into %arg2 accumulate
func.func @nonzero_global_copy(%a: memref<4x8xf32>, %b: memref<8x16xf32>, %c: memref<4x16xf32>) {
  %o = memref.get_global @ones : memref<4x16xf32>
  memref.copy %o, %c : memref<4x16xf32> to memref<4x16xf32>
  linalg.matmul ins(%a, %b : memref<4x8xf32>, memref<8x16xf32>) outs(%c : memref<4x16xf32>)
  %z = memref.get_global @mutable_zeros : memref<4x16xf32>
  memref.copy %z, %c : memref<4x16xf32> to memref<4x16xf32>
  linalg.matmul ins(%a, %b : memref<4x8xf32>, memref<8x16xf32>) outs(%c : memref<4x16xf32>)
  return
}

// -----

// Transposed operands through the maps (a weight stored N x K, as
// PyTorch's Linear keeps it; A stored K x M): a memref.transpose view of
// each, read in place by the GEMM (no copy).
// CHECK-LABEL: func @transposed_maps
// CHECK:         %[[BT:.*]] = memref.transpose %arg1 (d0, d1) -> (d1, d0) : memref<5x7xf32> to memref<7x5xf32, strided<[1, 7]>>
// CHECK:         speir.gemm %arg0, %[[BT]] into %arg2 : memref<3x7xf32>, memref<7x5xf32, strided<[1, 7]>> into memref<3x5xf32>
// CHECK:         %[[AT:.*]] = memref.transpose %arg3 (d0, d1) -> (d1, d0) : memref<7x3xf16> to memref<3x7xf16, strided<[1, 3]>>
// CHECK:         %[[BT2:.*]] = memref.transpose %arg4 (d0, d1) -> (d1, d0)
// CHECK:         speir.gemm %[[AT]], %[[BT2]] into %arg5 accumulate : memref<3x7xf16, strided<[1, 3]>>, memref<7x5xf16, strided<[1, 7]>> into memref<3x5xf32>
// CHECK-NOT:     linalg.matmul
func.func @transposed_maps(%a: memref<3x7xf32>, %bt: memref<5x7xf32>, %c: memref<3x5xf32>,
                           %at: memref<7x3xf16>, %bt2: memref<5x7xf16>, %c2: memref<3x5xf32>) {
  %z = arith.constant 0.0 : f32
  linalg.fill ins(%z : f32) outs(%c : memref<3x5xf32>)
  linalg.matmul indexing_maps = [affine_map<(m, n, k) -> (m, k)>, affine_map<(m, n, k) -> (n, k)>, affine_map<(m, n, k) -> (m, n)>]
      ins(%a, %bt : memref<3x7xf32>, memref<5x7xf32>) outs(%c : memref<3x5xf32>)
  linalg.matmul indexing_maps = [affine_map<(m, n, k) -> (k, m)>, affine_map<(m, n, k) -> (n, k)>, affine_map<(m, n, k) -> (m, n)>]
      ins(%at, %bt2 : memref<7x3xf16>, memref<5x7xf16>) outs(%c2 : memref<3x5xf32>)
  return
}

// -----

// bf16 operands with an f32 accumulator: speir_gemm's BF16_BF16_F32 (the
// packed mmt4d kernels have no bf16 variant: it stays).
// CHECK-LABEL: func @bf16
// CHECK:         speir.gemm %arg0, %arg1 into %arg2 : memref<2x9xbf16>, memref<9x5xbf16> into memref<2x5xf32>
// CHECK:         linalg.mmt4d
func.func @bf16(%a: memref<2x9xbf16>, %b: memref<9x5xbf16>, %c: memref<2x5xf32>,
                %pa: memref<1x2x8x1xbf16>, %pb: memref<1x2x8x1xbf16>, %pc: memref<1x1x8x8xf32>) {
  %z = arith.constant 0.0 : f32
  linalg.fill ins(%z : f32) outs(%c : memref<2x5xf32>)
  linalg.matmul ins(%a, %b : memref<2x9xbf16>, memref<9x5xbf16>) outs(%c : memref<2x5xf32>)
  linalg.mmt4d ins(%pa, %pb : memref<1x2x8x1xbf16>, memref<1x2x8x1xbf16>) outs(%pc : memref<1x1x8x8xf32>)
  return
}

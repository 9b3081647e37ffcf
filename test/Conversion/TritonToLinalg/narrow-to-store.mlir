// RUN: spine-opt %s -split-input-file -spine-narrow-to-store | FileCheck %s

// A decode program's block: matmul of 16 rows (the rows past %rows are the
// masked load's zeros), bias + silu, stored under the row and column mask
// as convert-triton-to-linalg versions it. Only the slice's store stays,
// and the slice bubbles up through the generic, the broadcast and the
// matmul: A's and B's leading slices, a fill of the sliced initial value.

// CHECK-LABEL: func.func @decode
// CHECK-SAME:    (%[[A:.*]]: tensor<16x?xf32>, %[[B:.*]]: tensor<?x32xf32>, %[[BIAS:.*]]: tensor<32xf32>, %[[DST:.*]]: memref<16x32xf32, strided<[?, 1], offset: ?>>, %[[RV:.*]]: index, %[[CV:.*]]: index)
// CHECK:         %[[R:.*]] = arith.minsi %[[RV]]
// CHECK:         %[[C:.*]] = arith.minsi %[[CV]]
// CHECK-NOT:     scf.if
// CHECK-DAG:     %[[AS:.*]] = tensor.extract_slice %[[A]][0, 0] [%[[R]], %{{.*}}] [1, 1] : tensor<16x?xf32> to tensor<?x?xf32>
// CHECK-DAG:     %[[BS:.*]] = tensor.extract_slice %[[B]][0, 0] [%{{.*}}, %[[C]]] [1, 1] : tensor<?x32xf32> to tensor<?x?xf32>
// CHECK-DAG:     %[[E:.*]] = tensor.empty(%[[R]], %[[C]]) : tensor<?x?xf32>
// CHECK-DAG:     %[[Z:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%[[E]] : tensor<?x?xf32>)
// CHECK:         %[[MM:.*]] = linalg.matmul ins(%[[AS]], %[[BS]] : tensor<?x?xf32>, tensor<?x?xf32>) outs(%[[Z]] : tensor<?x?xf32>) -> tensor<?x?xf32>
// CHECK:         %[[BIASS:.*]] = tensor.extract_slice %[[BIAS]][0] [%[[C]]] [1]
// CHECK:         %[[BC:.*]] = linalg.broadcast ins(%[[BIASS]] : tensor<?xf32>) outs(%{{.*}} : tensor<?x?xf32>) dimensions = [0]
// CHECK:         %[[EPI:.*]] = linalg.generic {{.*}} ins(%[[MM]], %[[BC]] : tensor<?x?xf32>, tensor<?x?xf32>) outs(%[[MM]] : tensor<?x?xf32>)
// CHECK-NOT:     spine.narrow_to_store
// CHECK:         %[[DS:.*]] = memref.subview %[[DST]][0, 0] [%[[R]], %[[C]]] [1, 1]
// CHECK:         bufferization.materialize_in_destination %[[EPI]] in writable %[[DS]]
// CHECK-NOT:     bufferization.materialize_in_destination
// CHECK:         return
#map = affine_map<(d0, d1) -> (d0, d1)>
func.func @decode(%a: tensor<16x?xf32>, %b: tensor<?x32xf32>, %bias: tensor<32xf32>, %dst: memref<16x32xf32, strided<[?, 1], offset: ?>>, %rv: index, %cv: index) {
  %c16 = arith.constant 16 : index
  %c32 = arith.constant 32 : index
  %one = arith.constant 1.0 : f32
  %acc = arith.constant dense<0.0> : tensor<16x32xf32>
  %r = arith.minsi %rv, %c16 : index
  %c = arith.minsi %cv, %c32 : index
  %mm = linalg.matmul ins(%a, %b : tensor<16x?xf32>, tensor<?x32xf32>) outs(%acc : tensor<16x32xf32>) -> tensor<16x32xf32>
  %e = tensor.empty() : tensor<16x32xf32>
  %bc = linalg.broadcast ins(%bias : tensor<32xf32>) outs(%e : tensor<16x32xf32>) dimensions = [0]
  %epi = linalg.generic {indexing_maps = [#map, #map, #map], iterator_types = ["parallel", "parallel"]} ins(%mm, %bc : tensor<16x32xf32>, tensor<16x32xf32>) outs(%mm : tensor<16x32xf32>) {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %s = arith.addf %x, %y : f32
    %n = arith.negf %s : f32
    %ex = math.exp %n : f32
    %d = arith.addf %ex, %one : f32
    %q = arith.divf %s, %d : f32
    linalg.yield %q : f32
  } -> tensor<16x32xf32>
  %wr = arith.cmpi eq, %r, %c16 : index
  %wc = arith.cmpi eq, %c, %c32 : index
  %whole = arith.andi %wr, %wc : i1
  scf.if %whole {
    bufferization.materialize_in_destination %epi in writable %dst : (tensor<16x32xf32>, memref<16x32xf32, strided<[?, 1], offset: ?>>) -> ()
  } else {
    %s = tensor.extract_slice %epi[0, 0] [%r, %c] [1, 1] : tensor<16x32xf32> to tensor<?x?xf32>
    %d = memref.subview %dst[0, 0] [%r, %c] [1, 1] : memref<16x32xf32, strided<[?, 1], offset: ?>> to memref<?x?xf32, strided<[?, 1], offset: ?>>
    bufferization.materialize_in_destination %s in writable %d : (tensor<?x?xf32>, memref<?x?xf32, strided<[?, 1], offset: ?>>) -> ()
  }
  return
}

// -----

// The store of an element-wise result that no contraction feeds: left
// alone (its static shapes serve the vectorizer).

// CHECK-LABEL: func.func @no_contraction
// CHECK:         scf.if
// CHECK:           bufferization.materialize_in_destination %{{.*}} in writable %{{.*}} : (tensor<16x32xf32>
// CHECK:         } else {
// CHECK:           tensor.extract_slice
#map = affine_map<(d0, d1) -> (d0, d1)>
func.func @no_contraction(%x: tensor<16x32xf32>, %dst: memref<16x32xf32, strided<[?, 1], offset: ?>>, %r: index) {
  %c16 = arith.constant 16 : index
  %e = tensor.empty() : tensor<16x32xf32>
  %y = linalg.generic {indexing_maps = [#map, #map], iterator_types = ["parallel", "parallel"]} ins(%x : tensor<16x32xf32>) outs(%e : tensor<16x32xf32>) {
  ^bb0(%in: f32, %o: f32):
    %n = arith.negf %in : f32
    linalg.yield %n : f32
  } -> tensor<16x32xf32>
  %whole = arith.cmpi eq, %r, %c16 : index
  scf.if %whole {
    bufferization.materialize_in_destination %y in writable %dst : (tensor<16x32xf32>, memref<16x32xf32, strided<[?, 1], offset: ?>>) -> ()
  } else {
    %s = tensor.extract_slice %y[0, 0] [%r, 32] [1, 1] : tensor<16x32xf32> to tensor<?x32xf32>
    %d = memref.subview %dst[0, 0] [%r, 32] [1, 1] : memref<16x32xf32, strided<[?, 1], offset: ?>> to memref<?x32xf32, strided<[?, 1], offset: ?>>
    bufferization.materialize_in_destination %s in writable %d : (tensor<?x32xf32>, memref<?x32xf32, strided<[?, 1], offset: ?>>) -> ()
  }
  return
}

// -----

// The condition does not say the slice is the whole block (it tests some
// other value): the two branches may store different elements, both stay.

// CHECK-LABEL: func.func @other_condition
// CHECK:         linalg.matmul {{.*}} outs(%{{.*}} : tensor<16x32xf32>)
// CHECK:         scf.if
// CHECK:         } else {
func.func @other_condition(%a: tensor<16x8xf32>, %b: tensor<8x32xf32>, %dst: memref<16x32xf32, strided<[?, 1], offset: ?>>, %r: index, %q: index) {
  %c16 = arith.constant 16 : index
  %acc = arith.constant dense<0.0> : tensor<16x32xf32>
  %mm = linalg.matmul ins(%a, %b : tensor<16x8xf32>, tensor<8x32xf32>) outs(%acc : tensor<16x32xf32>) -> tensor<16x32xf32>
  %whole = arith.cmpi eq, %q, %c16 : index
  scf.if %whole {
    bufferization.materialize_in_destination %mm in writable %dst : (tensor<16x32xf32>, memref<16x32xf32, strided<[?, 1], offset: ?>>) -> ()
  } else {
    %s = tensor.extract_slice %mm[0, 0] [%r, 32] [1, 1] : tensor<16x32xf32> to tensor<?x32xf32>
    %d = memref.subview %dst[0, 0] [%r, 32] [1, 1] : memref<16x32xf32, strided<[?, 1], offset: ?>> to memref<?x32xf32, strided<[?, 1], offset: ?>>
    bufferization.materialize_in_destination %s in writable %d : (tensor<?x32xf32>, memref<?x32xf32, strided<[?, 1], offset: ?>>) -> ()
  }
  return
}

// -----

// The product is also returned: its rows past the store's are needed, the
// store stays versioned and the matmul whole.

// CHECK-LABEL: func.func @product_used_elsewhere
// CHECK:         %[[MM:.*]] = linalg.matmul {{.*}} outs(%{{.*}} : tensor<16x32xf32>)
// CHECK:         scf.if
// CHECK:         return %[[MM]]
func.func @product_used_elsewhere(%a: tensor<16x8xf32>, %b: tensor<8x32xf32>, %dst: memref<16x32xf32, strided<[?, 1], offset: ?>>, %r: index) -> tensor<16x32xf32> {
  %c16 = arith.constant 16 : index
  %acc = arith.constant dense<0.0> : tensor<16x32xf32>
  %mm = linalg.matmul ins(%a, %b : tensor<16x8xf32>, tensor<8x32xf32>) outs(%acc : tensor<16x32xf32>) -> tensor<16x32xf32>
  %whole = arith.cmpi eq, %r, %c16 : index
  scf.if %whole {
    bufferization.materialize_in_destination %mm in writable %dst : (tensor<16x32xf32>, memref<16x32xf32, strided<[?, 1], offset: ?>>) -> ()
  } else {
    %s = tensor.extract_slice %mm[0, 0] [%r, 32] [1, 1] : tensor<16x32xf32> to tensor<?x32xf32>
    %d = memref.subview %dst[0, 0] [%r, 32] [1, 1] : memref<16x32xf32, strided<[?, 1], offset: ?>> to memref<?x32xf32, strided<[?, 1], offset: ?>>
    bufferization.materialize_in_destination %s in writable %d : (tensor<?x32xf32>, memref<?x32xf32, strided<[?, 1], offset: ?>>) -> ()
  }
  return %mm : tensor<16x32xf32>
}

// -----

// spine-raise-dot-k-loop's guarded product (an scf.if yielding the raised
// matmul, or the loop's result), stored in two versions of the destination
// (its inner stride 1 or not). The stores stay (a whole block keeps its
// static store); the raised branch computes only the stored block and
// yields it inserted into an empty tensor of the block's shape (the rest is
// never stored). The slice's sizes move above the guard.

// CHECK-LABEL: func.func @guarded_product
// CHECK-SAME:    (%[[A:.*]]: tensor<16x?xf32>, %[[B:.*]]: tensor<?x16xf32>, %[[LOOP:.*]]: tensor<16x16xf32>, %[[G:.*]]: i1, %[[DST:.*]]: memref<*xf32>, %[[S:.*]]: index, %[[RV:.*]]: index, %[[CV:.*]]: index)
// CHECK:         %[[R:.*]] = arith.minsi %[[RV]]
// CHECK:         %[[C:.*]] = arith.minsi %[[CV]]
// CHECK:         %[[P:.*]] = scf.if %[[G]] -> (tensor<16x16xf32>) {
// CHECK-DAG:       %[[AS:.*]] = tensor.extract_slice %[[A]][0, 0] [%[[R]], %{{.*}}] [1, 1]
// CHECK-DAG:       %[[BS:.*]] = tensor.extract_slice %[[B]][0, 0] [%{{.*}}, %[[C]]] [1, 1]
// CHECK:           %[[MM:.*]] = linalg.matmul ins(%[[AS]], %[[BS]] : tensor<?x?xf32>, tensor<?x?xf32>)
// CHECK:           %[[SHELL:.*]] = tensor.empty() : tensor<16x16xf32>
// CHECK:           %[[IN:.*]] = tensor.insert_slice %[[MM]] into %[[SHELL]][0, 0] [%[[R]], %[[C]]] [1, 1]
// CHECK:           scf.yield %[[IN]] : tensor<16x16xf32>
// CHECK:         } else {
// CHECK:           scf.yield %[[LOOP]] : tensor<16x16xf32>
// CHECK:         }
// CHECK-NOT:     spine.narrow_to_store
// CHECK:         scf.if
// CHECK:           scf.if
// CHECK:             bufferization.materialize_in_destination %[[P]] in writable
// CHECK:           } else {
// CHECK:             tensor.extract_slice %[[P]][0, 0] [%[[R]], %[[C]]] [1, 1]
// CHECK:         } else {
// CHECK:           scf.if
// CHECK:             bufferization.materialize_in_destination %[[P]] in writable
// CHECK:           } else {
// CHECK:             tensor.extract_slice %[[P]][0, 0] [%[[R]], %[[C]]] [1, 1]
// CHECK:         return
func.func @guarded_product(%a: tensor<16x?xf32>, %b: tensor<?x16xf32>, %loop: tensor<16x16xf32>, %g: i1, %dst: memref<*xf32>, %s: index, %rv: index, %cv: index) {
  %c1 = arith.constant 1 : index
  %c16 = arith.constant 16 : index
  %acc = arith.constant dense<0.0> : tensor<16x16xf32>
  %p = scf.if %g -> (tensor<16x16xf32>) {
    %mm = linalg.matmul ins(%a, %b : tensor<16x?xf32>, tensor<?x16xf32>) outs(%acc : tensor<16x16xf32>) -> tensor<16x16xf32>
    scf.yield %mm : tensor<16x16xf32>
  } else {
    scf.yield %loop : tensor<16x16xf32>
  }
  %r = arith.minsi %rv, %c16 : index
  %c = arith.minsi %cv, %c16 : index
  %unit = arith.cmpi eq, %s, %c1 : index
  scf.if %unit {
    %v = memref.reinterpret_cast %dst to offset: [0], sizes: [16, 16], strides: [16, 1] : memref<*xf32> to memref<16x16xf32, strided<[16, 1]>>
    %wr = arith.cmpi eq, %r, %c16 : index
    %wc = arith.cmpi eq, %c, %c16 : index
    %whole = arith.andi %wr, %wc : i1
    scf.if %whole {
      bufferization.materialize_in_destination %p in writable %v : (tensor<16x16xf32>, memref<16x16xf32, strided<[16, 1]>>) -> ()
    } else {
      %sl = tensor.extract_slice %p[0, 0] [%r, %c] [1, 1] : tensor<16x16xf32> to tensor<?x?xf32>
      %d = memref.subview %v[0, 0] [%r, %c] [1, 1] : memref<16x16xf32, strided<[16, 1]>> to memref<?x?xf32, strided<[16, 1]>>
      bufferization.materialize_in_destination %sl in writable %d : (tensor<?x?xf32>, memref<?x?xf32, strided<[16, 1]>>) -> ()
    }
  } else {
    %v = memref.reinterpret_cast %dst to offset: [0], sizes: [16, 16], strides: [16, %s] : memref<*xf32> to memref<16x16xf32, strided<[16, ?]>>
    %wr = arith.cmpi eq, %r, %c16 : index
    %wc = arith.cmpi eq, %c, %c16 : index
    %whole = arith.andi %wr, %wc : i1
    scf.if %whole {
      bufferization.materialize_in_destination %p in writable %v : (tensor<16x16xf32>, memref<16x16xf32, strided<[16, ?]>>) -> ()
    } else {
      %sl = tensor.extract_slice %p[0, 0] [%r, %c] [1, 1] : tensor<16x16xf32> to tensor<?x?xf32>
      %d = memref.subview %v[0, 0] [%r, %c] [1, 1] : memref<16x16xf32, strided<[16, ?]>> to memref<?x?xf32, strided<[16, ?]>>
      bufferization.materialize_in_destination %sl in writable %d : (tensor<?x?xf32>, memref<?x?xf32, strided<[16, ?]>>) -> ()
    }
  }
  return
}

// -----

// A product stored in two versions of the destination, the slice's sizes
// computed right after it (as the TTIR conversion orders a store's mask
// arithmetic): the stores stay, the product is computed on the slice
// before them, inserted into an empty tensor of its shape.

// CHECK-LABEL: func.func @two_store_versions
// CHECK:         %[[R:.*]] = arith.minsi
// CHECK:         %[[MM:.*]] = linalg.matmul ins(%{{.*}}, %{{.*}} : tensor<?x8xf32>, tensor<8x16xf32>)
// CHECK:         %[[IN:.*]] = tensor.insert_slice %[[MM]] into %{{.*}}[0, 0] [%[[R]], 16] [1, 1]
// CHECK:         scf.if
// CHECK:           bufferization.materialize_in_destination %[[IN]] in writable
// CHECK:         } else {
// CHECK:           bufferization.materialize_in_destination %[[IN]] in writable
// CHECK:         return
func.func @two_store_versions(%a: tensor<16x8xf32>, %b: tensor<8x16xf32>, %dst: memref<*xf32>, %s: index, %m: i32, %start: index) {
  %c1 = arith.constant 1 : index
  %c0 = arith.constant 0 : index
  %c16 = arith.constant 16 : index
  %acc = arith.constant dense<0.0> : tensor<16x16xf32>
  %p = linalg.matmul ins(%a, %b : tensor<16x8xf32>, tensor<8x16xf32>) outs(%acc : tensor<16x16xf32>) -> tensor<16x16xf32>
  %mi = arith.index_cast %m : i32 to index
  %left = arith.subi %mi, %start : index
  %pos = arith.maxsi %left, %c0 : index
  %r = arith.minsi %pos, %c16 : index
  %unit = arith.cmpi eq, %s, %c1 : index
  scf.if %unit {
    %v = memref.reinterpret_cast %dst to offset: [0], sizes: [16, 16], strides: [16, 1] : memref<*xf32> to memref<16x16xf32, strided<[16, 1]>>
    %whole = arith.cmpi eq, %r, %c16 : index
    scf.if %whole {
      bufferization.materialize_in_destination %p in writable %v : (tensor<16x16xf32>, memref<16x16xf32, strided<[16, 1]>>) -> ()
    } else {
      %sl = tensor.extract_slice %p[0, 0] [%r, 16] [1, 1] : tensor<16x16xf32> to tensor<?x16xf32>
      %d = memref.subview %v[0, 0] [%r, 16] [1, 1] : memref<16x16xf32, strided<[16, 1]>> to memref<?x16xf32, strided<[16, 1]>>
      bufferization.materialize_in_destination %sl in writable %d : (tensor<?x16xf32>, memref<?x16xf32, strided<[16, 1]>>) -> ()
    }
  } else {
    %v = memref.reinterpret_cast %dst to offset: [0], sizes: [16, 16], strides: [16, %s] : memref<*xf32> to memref<16x16xf32, strided<[16, ?]>>
    %whole = arith.cmpi eq, %r, %c16 : index
    scf.if %whole {
      bufferization.materialize_in_destination %p in writable %v : (tensor<16x16xf32>, memref<16x16xf32, strided<[16, ?]>>) -> ()
    } else {
      %sl = tensor.extract_slice %p[0, 0] [%r, 16] [1, 1] : tensor<16x16xf32> to tensor<?x16xf32>
      %d = memref.subview %v[0, 0] [%r, 16] [1, 1] : memref<16x16xf32, strided<[16, ?]>> to memref<?x16xf32, strided<[16, ?]>>
      bufferization.materialize_in_destination %sl in writable %d : (tensor<?x16xf32>, memref<?x16xf32, strided<[16, ?]>>) -> ()
    }
  }
  return
}

// RUN: spine-opt %s --pass-pipeline='builtin.module(func.func(speir-destination-passing))' | FileCheck %s
// RUN: spine-opt %s --pass-pipeline='builtin.module(func.func(speir-destination-passing),eliminate-empty-tensors)' | FileCheck %s --check-prefix=ELIM
// speir-destination-passing: element-wise kernels compute into their output
// (through upstream's eliminate-empty-tensors, ELIM) or into an input that
// dies; outputs that are also read, and inputs read after the output is first
// written, keep their temporaries.

#id = affine_map<(d0) -> (d0)>

// CHECK-LABEL: func.func @vecadd(
// CHECK-SAME:    %{{.*}}: memref<*xf32>, %{{.*}}: memref<*xf32>, %[[OUT:.*]]: memref<*xf32>,
// CHECK:         %[[E:.*]] = tensor.empty() : tensor<64xf32>
// CHECK:         %[[OFF:.*]] = arith.addi
// CHECK:         %[[RO:.*]] = memref.reinterpret_cast %[[OUT]] to offset: [%[[OFF]]]
// CHECK:         %[[S:.*]] = linalg.generic {{.*}} outs(%[[E]] :
// CHECK:         bufferization.materialize_in_destination %[[S]] in restrict writable %[[RO]]
// ELIM-LABEL:  func.func @vecadd(
// ELIM:          %[[RO:.*]] = memref.reinterpret_cast %arg2
// ELIM:          %[[T:.*]] = bufferization.to_tensor %[[RO]] restrict writable
// ELIM:          %[[S:.*]] = linalg.generic {{.*}} outs(%[[T]] :
// ELIM:          bufferization.materialize_in_destination %[[S]] in writable %[[RO]]
// The frontend's vector add: the output view is computed after the generic.
func.func @vecadd(%x: memref<*xf32>, %y: memref<*xf32>, %out: memref<*xf32>, %px: i32) {
  %c64 = arith.constant 64 : index
  %pid = arith.index_cast %px : i32 to index
  %start = arith.muli %pid, %c64 : index
  %rx = memref.reinterpret_cast %x to offset: [%start], sizes: [64], strides: [1] : memref<*xf32> to memref<64xf32, strided<[1], offset: ?>>
  %tx = bufferization.to_tensor %rx restrict : memref<64xf32, strided<[1], offset: ?>> to tensor<64xf32>
  %ry = memref.reinterpret_cast %y to offset: [%start], sizes: [64], strides: [1] : memref<*xf32> to memref<64xf32, strided<[1], offset: ?>>
  %ty = bufferization.to_tensor %ry restrict : memref<64xf32, strided<[1], offset: ?>> to tensor<64xf32>
  %e = tensor.empty() : tensor<64xf32>
  %s = linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel"]} ins(%tx, %ty : tensor<64xf32>, tensor<64xf32>) outs(%e : tensor<64xf32>) {
  ^bb0(%a: f32, %b: f32, %o: f32):
    %r = arith.addf %a, %b : f32
    linalg.yield %r : f32
  } -> tensor<64xf32>
  %off = arith.addi %start, %c64 : index
  %ro = memref.reinterpret_cast %out to offset: [%off], sizes: [64], strides: [1] : memref<*xf32> to memref<64xf32, strided<[1], offset: ?>>
  bufferization.materialize_in_destination %s in writable %ro : (tensor<64xf32>, memref<64xf32, strided<[1], offset: ?>>) -> ()
  return
}

// CHECK-LABEL: func.func @accumulate(
// CHECK:         %[[E:.*]] = tensor.empty()
// CHECK:         linalg.generic {{.*}} outs(%[[E]] :
// CHECK:         bufferization.materialize_in_destination %{{.*}} in writable
// ELIM-LABEL:  func.func @accumulate(
// ELIM:          %[[E:.*]] = tensor.empty()
// ELIM:          linalg.generic {{.*}} outs(%[[E]] :
// out = a + out: the output is also an input, so it keeps its temporary.
func.func @accumulate(%a: memref<*xf32>, %out: memref<*xf32>) {
  %ra = memref.reinterpret_cast %a to offset: [0], sizes: [64], strides: [1] : memref<*xf32> to memref<64xf32, strided<[1]>>
  %ta = bufferization.to_tensor %ra restrict : memref<64xf32, strided<[1]>> to tensor<64xf32>
  %ri = memref.reinterpret_cast %out to offset: [0], sizes: [64], strides: [1] : memref<*xf32> to memref<64xf32, strided<[1]>>
  %ti = bufferization.to_tensor %ri restrict : memref<64xf32, strided<[1]>> to tensor<64xf32>
  %e = tensor.empty() : tensor<64xf32>
  %s = linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel"]} ins(%ta, %ti : tensor<64xf32>, tensor<64xf32>) outs(%e : tensor<64xf32>) {
  ^bb0(%a0: f32, %b0: f32, %o: f32):
    %r = arith.addf %a0, %b0 : f32
    linalg.yield %r : f32
  } -> tensor<64xf32>
  %ro = memref.reinterpret_cast %out to offset: [0], sizes: [64], strides: [1] : memref<*xf32> to memref<64xf32, strided<[1]>>
  bufferization.materialize_in_destination %s in writable %ro : (tensor<64xf32>, memref<64xf32, strided<[1]>>) -> ()
  return
}

// CHECK-LABEL: func.func @read_after_write(
// CHECK:         %[[N:.*]] = linalg.generic {{.*}} outs(%{{.*}} : tensor<64xf32>)
// CHECK:           arith.negf
// CHECK:         %[[E2:.*]] = tensor.empty()
// CHECK:         %[[M:.*]] = linalg.generic {{.*}} outs(%[[E2]] :
// CHECK:           arith.mulf
// CHECK:         bufferization.materialize_in_destination %[[N]] in writable
// CHECK:         bufferization.materialize_in_destination %[[M]] in restrict writable
// ELIM-LABEL:  func.func @read_after_write(
// ELIM:          %[[E:.*]] = tensor.empty()
// ELIM:          linalg.generic {{.*}} outs(%[[E]] :
// ELIM-NEXT:     ^bb0
// ELIM-NEXT:       arith.negf
// ELIM:          %[[T:.*]] = bufferization.to_tensor %{{.*}} restrict writable
// ELIM:          linalg.generic {{.*}} outs(%[[T]] :
// ELIM-NEXT:     ^bb0
// ELIM-NEXT:       arith.mulf
// The input is read again after the output would first be written (a
// second output from the same input): the first output keeps its temporary.
func.func @read_after_write(%x: memref<*xf32>, %o1: memref<*xf32>, %o2: memref<*xf32>) {
  %rx = memref.reinterpret_cast %x to offset: [0], sizes: [64], strides: [1] : memref<*xf32> to memref<64xf32, strided<[1]>>
  %tx = bufferization.to_tensor %rx restrict : memref<64xf32, strided<[1]>> to tensor<64xf32>
  %e = tensor.empty() : tensor<64xf32>
  %n = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]} ins(%tx : tensor<64xf32>) outs(%e : tensor<64xf32>) {
  ^bb0(%a: f32, %o: f32):
    %r = arith.negf %a : f32
    linalg.yield %r : f32
  } -> tensor<64xf32>
  %m = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]} ins(%tx : tensor<64xf32>) outs(%e : tensor<64xf32>) {
  ^bb0(%a: f32, %o: f32):
    %r = arith.mulf %a, %a : f32
    linalg.yield %r : f32
  } -> tensor<64xf32>
  %r1 = memref.reinterpret_cast %o1 to offset: [0], sizes: [64], strides: [1] : memref<*xf32> to memref<64xf32, strided<[1]>>
  bufferization.materialize_in_destination %n in writable %r1 : (tensor<64xf32>, memref<64xf32, strided<[1]>>) -> ()
  %r2 = memref.reinterpret_cast %o2 to offset: [0], sizes: [64], strides: [1] : memref<*xf32> to memref<64xf32, strided<[1]>>
  bufferization.materialize_in_destination %m in writable %r2 : (tensor<64xf32>, memref<64xf32, strided<[1]>>) -> ()
  return
}

// CHECK-LABEL: func.func @softmax_tail(
// CHECK:         %[[EX:.*]] = linalg.generic
// CHECK:           math.exp
// CHECK:         linalg.reduce ins(%[[EX]]
// CHECK:         %[[Y:.*]] = linalg.generic {{.*}} ins(%[[EX]] : tensor<64xf32>) outs(%[[EX]] : tensor<64xf32>)
// CHECK:         bufferization.materialize_in_destination %[[Y]] in restrict writable
// ELIM-LABEL:  func.func @softmax_tail(
// ELIM:          %[[T:.*]] = bufferization.to_tensor %{{.*}} restrict writable
// ELIM:          %[[EX:.*]] = linalg.generic {{.*}} outs(%[[T]] :
// ELIM-NEXT:     ^bb0
// ELIM-NEXT:       math.exp
// ELIM:          linalg.generic {{.*}} ins(%[[EX]] : tensor<64xf32>) outs(%[[EX]] : tensor<64xf32>)
// Softmax's tail: the division reuses the exponentials (they die there),
// whose own destination becomes the output.
func.func @softmax_tail(%x: memref<*xf32>, %out: memref<*xf32>) {
  %zero = arith.constant 0.0 : f32
  %rx = memref.reinterpret_cast %x to offset: [0], sizes: [64], strides: [1] : memref<*xf32> to memref<64xf32, strided<[1]>>
  %tx = bufferization.to_tensor %rx restrict : memref<64xf32, strided<[1]>> to tensor<64xf32>
  %e = tensor.empty() : tensor<64xf32>
  %ex = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]} ins(%tx : tensor<64xf32>) outs(%e : tensor<64xf32>) {
  ^bb0(%a: f32, %o: f32):
    %r = math.exp %a : f32
    linalg.yield %r : f32
  } -> tensor<64xf32>
  %e0 = tensor.empty() : tensor<f32>
  %s0 = linalg.fill ins(%zero : f32) outs(%e0 : tensor<f32>) -> tensor<f32>
  %sum = linalg.reduce ins(%ex : tensor<64xf32>) outs(%s0 : tensor<f32>) dimensions = [0]
    (%a: f32, %acc: f32) {
      %r = arith.addf %a, %acc : f32
      linalg.yield %r : f32
    }
  %sv = tensor.extract %sum[] : tensor<f32>
  %y = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]} ins(%ex : tensor<64xf32>) outs(%e : tensor<64xf32>) {
  ^bb0(%a: f32, %o: f32):
    %r = arith.divf %a, %sv : f32
    linalg.yield %r : f32
  } -> tensor<64xf32>
  %ro = memref.reinterpret_cast %out to offset: [0], sizes: [64], strides: [1] : memref<*xf32> to memref<64xf32, strided<[1]>>
  bufferization.materialize_in_destination %y in writable %ro : (tensor<64xf32>, memref<64xf32, strided<[1]>>) -> ()
  return
}

// CHECK-LABEL: func.func @masked(
// CHECK-SAME:    %[[X:.*]]: memref<*xf32>, %{{.*}}: memref<*xf32>, %[[LEN:.*]]: index)
// CHECK:         %[[RX:.*]] = memref.reinterpret_cast %[[X]]
// CHECK:         %[[FULL:.*]] = arith.cmpi eq, %[[LEN]], %{{.*}} : index
// CHECK:         %[[T:.*]] = scf.if %[[FULL]] -> (tensor<64xf32>) {
// CHECK-NEXT:      %[[IN:.*]] = bufferization.to_tensor %[[RX]] restrict : memref<64xf32, strided<[1]>>
// CHECK-NEXT:      scf.yield %[[IN]]
// CHECK-NEXT:    } else {
// CHECK-NEXT:      %[[A:.*]] = memref.alloc() : memref<64xf32>
// CHECK-NEXT:      linalg.fill {{.*}} outs(%[[A]] :
// CHECK:           memref.copy
// CHECK-NEXT:      %[[AC:.*]] = memref.cast %[[A]] : memref<64xf32> to memref<64xf32, strided<[1]>>
// CHECK-NEXT:      %[[C:.*]] = bufferization.to_tensor %[[AC]] restrict writable
// CHECK-NEXT:      scf.yield %[[C]]
// CHECK:         %[[E:.*]] = tensor.empty() : tensor<64xf32>
// CHECK:         linalg.generic {{.*}} ins(%[[T]] : tensor<64xf32>) outs(%[[E]] : tensor<64xf32>)
// CHECK:         bufferization.materialize_in_destination %{{.*}} in writable

// A masked load (alloc, fill, copy of the valid part) is read in place when
// the valid part is the whole block; the store of the valid part (a slice)
// keeps its form.
func.func @masked(%x: memref<*xf32>, %out: memref<*xf32>, %len: index) {
  %zero = arith.constant 0.0 : f32
  %rx = memref.reinterpret_cast %x to offset: [0], sizes: [64], strides: [1] : memref<*xf32> to memref<64xf32, strided<[1]>>
  %ax = memref.alloc() : memref<64xf32>
  linalg.fill ins(%zero : f32) outs(%ax : memref<64xf32>)
  %sx = memref.subview %rx[0] [%len] [1] : memref<64xf32, strided<[1]>> to memref<?xf32, strided<[1]>>
  %dx = memref.subview %ax[0] [%len] [1] : memref<64xf32> to memref<?xf32, strided<[1]>>
  memref.copy %sx, %dx : memref<?xf32, strided<[1]>> to memref<?xf32, strided<[1]>>
  %tx = bufferization.to_tensor %ax restrict writable : memref<64xf32> to tensor<64xf32>
  %e = tensor.empty() : tensor<64xf32>
  %y = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]} ins(%tx : tensor<64xf32>) outs(%e : tensor<64xf32>) {
  ^bb0(%a: f32, %o: f32):
    %r = arith.negf %a : f32
    linalg.yield %r : f32
  } -> tensor<64xf32>
  %ro = memref.reinterpret_cast %out to offset: [0], sizes: [64], strides: [1] : memref<*xf32> to memref<64xf32, strided<[1]>>
  %part = tensor.extract_slice %y[0] [%len] [1] : tensor<64xf32> to tensor<?xf32>
  %so = memref.subview %ro[0] [%len] [1] : memref<64xf32, strided<[1]>> to memref<?xf32, strided<[1]>>
  bufferization.materialize_in_destination %part in writable %so : (tensor<?xf32>, memref<?xf32, strided<[1]>>) -> ()
  return
}

// CHECK-LABEL: func.func @masked_f16(
// CHECK:         %[[TX:.*]] = bufferization.to_tensor %{{.*}} restrict writable : memref<64xf16> to tensor<64xf16>
// CHECK:         linalg.generic {{.*}} ins(%[[TX]] : tensor<64xf16>) outs(%[[TX]] : tensor<64xf16>)

// With 16-bit elements the copy-in stays (see DestinationPassing.cpp), and
// the generic computes into it, its last reader.
func.func @masked_f16(%x: memref<*xf16>, %out: memref<*xf16>, %len: index) {
  %zero = arith.constant 0.0 : f16
  %rx = memref.reinterpret_cast %x to offset: [0], sizes: [64], strides: [1] : memref<*xf16> to memref<64xf16, strided<[1]>>
  %ax = memref.alloc() : memref<64xf16>
  linalg.fill ins(%zero : f16) outs(%ax : memref<64xf16>)
  %sx = memref.subview %rx[0] [%len] [1] : memref<64xf16, strided<[1]>> to memref<?xf16, strided<[1]>>
  %dx = memref.subview %ax[0] [%len] [1] : memref<64xf16> to memref<?xf16, strided<[1]>>
  memref.copy %sx, %dx : memref<?xf16, strided<[1]>> to memref<?xf16, strided<[1]>>
  %tx = bufferization.to_tensor %ax restrict writable : memref<64xf16> to tensor<64xf16>
  %e = tensor.empty() : tensor<64xf16>
  %y = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]} ins(%tx : tensor<64xf16>) outs(%e : tensor<64xf16>) {
  ^bb0(%a: f16, %o: f16):
    %r = arith.negf %a : f16
    linalg.yield %r : f16
  } -> tensor<64xf16>
  %ro = memref.reinterpret_cast %out to offset: [0], sizes: [64], strides: [1] : memref<*xf16> to memref<64xf16, strided<[1]>>
  %part = tensor.extract_slice %y[0] [%len] [1] : tensor<64xf16> to tensor<?xf16>
  %so = memref.subview %ro[0] [%len] [1] : memref<64xf16, strided<[1]>> to memref<?xf16, strided<[1]>>
  bufferization.materialize_in_destination %part in writable %so : (tensor<?xf16>, memref<?xf16, strided<[1]>>) -> ()
  return
}

// CHECK-LABEL: func.func @no_reuse(
// CHECK:         %[[TX:.*]] = bufferization.to_tensor %{{.*}} restrict writable : memref<64xf32, strided<[1]>>
// CHECK:         %[[E1:.*]] = tensor.empty()
// CHECK:         %[[E2:.*]] = tensor.empty()
// CHECK:         %[[N:.*]] = linalg.generic {{.*}} ins(%[[TX]] : tensor<64xf32>) outs(%[[E2]] :
// CHECK:         %[[SQ:.*]] = linalg.generic {{.*}} ins(%[[N]] : tensor<64xf32>) outs(%[[E1]] :
// CHECK:         linalg.generic {{.*}} ins(%[[N]], %[[SQ]] : tensor<64xf32>, tensor<64xf32>) outs(%[[N]] :
// Inputs read from kernel arguments are never overwritten, and an input
// that is read again later does not die: both keep the empty destination.
func.func @no_reuse(%x: memref<*xf32>, %out: memref<*xf32>) {
  %rx = memref.reinterpret_cast %x to offset: [0], sizes: [64], strides: [1] : memref<*xf32> to memref<64xf32, strided<[1]>>
  %tx = bufferization.to_tensor %rx restrict writable : memref<64xf32, strided<[1]>> to tensor<64xf32>
  %e = tensor.empty() : tensor<64xf32>
  %n = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]} ins(%tx : tensor<64xf32>) outs(%e : tensor<64xf32>) {
  ^bb0(%a: f32, %o: f32):
    %r = arith.negf %a : f32
    linalg.yield %r : f32
  } -> tensor<64xf32>
  %sq = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]} ins(%n : tensor<64xf32>) outs(%e : tensor<64xf32>) {
  ^bb0(%a: f32, %o: f32):
    %r = arith.mulf %a, %a : f32
    linalg.yield %r : f32
  } -> tensor<64xf32>
  %s = linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel"]} ins(%n, %sq : tensor<64xf32>, tensor<64xf32>) outs(%e : tensor<64xf32>) {
  ^bb0(%a: f32, %b: f32, %o: f32):
    %r = arith.addf %a, %b : f32
    linalg.yield %r : f32
  } -> tensor<64xf32>
  %ro = memref.reinterpret_cast %out to offset: [0], sizes: [64], strides: [1] : memref<*xf32> to memref<64xf32, strided<[1]>>
  bufferization.materialize_in_destination %s in writable %ro : (tensor<64xf32>, memref<64xf32, strided<[1]>>) -> ()
  return
}

// CHECK-LABEL: func.func @broadcast_add(
// CHECK-NOT:     linalg.broadcast
// CHECK:         linalg.generic {{.*}} ins(%{{.*}}, %{{.*}} : tensor<4x64xf32>, tensor<64xf32>) outs(%{{.*}} : tensor<4x64xf32>)
// CHECK:         bufferization.materialize_in_destination %{{.*}} in restrict writable
// A broadcast that only feeds element-wise generics is read through their
// indexing maps; the generic that also wrote into it gets its own init.
func.func @broadcast_add(%x: memref<*xf32>, %b: memref<*xf32>, %out: memref<*xf32>) {
  %rx = memref.reinterpret_cast %x to offset: [0], sizes: [4, 64], strides: [64, 1] : memref<*xf32> to memref<4x64xf32, strided<[64, 1]>>
  %tx = bufferization.to_tensor %rx restrict : memref<4x64xf32, strided<[64, 1]>> to tensor<4x64xf32>
  %rb = memref.reinterpret_cast %b to offset: [0], sizes: [64], strides: [1] : memref<*xf32> to memref<64xf32, strided<[1]>>
  %tb = bufferization.to_tensor %rb restrict : memref<64xf32, strided<[1]>> to tensor<64xf32>
  %e = tensor.empty() : tensor<4x64xf32>
  %bb = linalg.broadcast ins(%tb : tensor<64xf32>) outs(%e : tensor<4x64xf32>) dimensions = [0]
  %s = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%tx, %bb : tensor<4x64xf32>, tensor<4x64xf32>) outs(%bb : tensor<4x64xf32>) {
  ^bb0(%a: f32, %c: f32, %o: f32):
    %r = arith.addf %a, %c : f32
    linalg.yield %r : f32
  } -> tensor<4x64xf32>
  %ro = memref.reinterpret_cast %out to offset: [0], sizes: [4, 64], strides: [64, 1] : memref<*xf32> to memref<4x64xf32, strided<[64, 1]>>
  bufferization.materialize_in_destination %s in writable %ro : (tensor<4x64xf32>, memref<4x64xf32, strided<[64, 1]>>) -> ()
  return
}

// CHECK-LABEL: func.func @sum_of_squares(
// CHECK:         %[[S:.*]] = linalg.generic {{.*}} iterator_types = ["reduction"]} ins(%{{.*}} : tensor<64xf32>) outs(%{{.*}} : tensor<f32>)
// CHECK-NEXT:    ^bb0(%[[A:.*]]: f32, %[[ACC:.*]]: f32):
// CHECK-NEXT:      %[[SQ:.*]] = arith.mulf %[[A]], %[[A]]
// CHECK-NEXT:      arith.addf %[[SQ]], %[[ACC]]
// CHECK-NOT:     linalg.reduce
// The squares that only a sum reads are computed inside the reduction.
func.func @sum_of_squares(%x: memref<*xf32>) -> f32 {
  %zero = arith.constant 0.0 : f32
  %rx = memref.reinterpret_cast %x to offset: [0], sizes: [64], strides: [1] : memref<*xf32> to memref<64xf32, strided<[1]>>
  %tx = bufferization.to_tensor %rx restrict : memref<64xf32, strided<[1]>> to tensor<64xf32>
  %e = tensor.empty() : tensor<64xf32>
  %sq = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]} ins(%tx : tensor<64xf32>) outs(%e : tensor<64xf32>) {
  ^bb0(%a: f32, %o: f32):
    %r = arith.mulf %a, %a : f32
    linalg.yield %r : f32
  } -> tensor<64xf32>
  %e0 = tensor.empty() : tensor<f32>
  %s0 = linalg.fill ins(%zero : f32) outs(%e0 : tensor<f32>) -> tensor<f32>
  %sum = linalg.reduce ins(%sq : tensor<64xf32>) outs(%s0 : tensor<f32>) dimensions = [0]
    (%a: f32, %acc: f32) {
      %r = arith.addf %a, %acc : f32
      linalg.yield %r : f32
    }
  %v = tensor.extract %sum[] : tensor<f32>
  return %v : f32
}

// CHECK-LABEL: func.func @max_of_abs(
// CHECK:         linalg.generic {{.*}} iterator_types = ["reduction"]} ins(%{{.*}} : tensor<64xf32>) outs(%{{.*}} : tensor<f32>)
// CHECK-NEXT:    ^bb0(%[[A:.*]]: f32, %[[ACC:.*]]: f32):
// CHECK-NEXT:      %[[ABS:.*]] = math.absf %[[A]]
// CHECK-NEXT:      arith.maxnumf %[[ABS]], %[[ACC]]
// CHECK-NOT:     linalg.reduce
// A quantization's max |x|: math.absf is one vector instruction, so it moves
// into the reduction like arithmetic does (and math.exp, below).
func.func @max_of_abs(%x: memref<*xf32>) -> f32 {
  %zero = arith.constant 0.0 : f32
  %rx = memref.reinterpret_cast %x to offset: [0], sizes: [64], strides: [1] : memref<*xf32> to memref<64xf32, strided<[1]>>
  %tx = bufferization.to_tensor %rx restrict : memref<64xf32, strided<[1]>> to tensor<64xf32>
  %e = tensor.empty() : tensor<64xf32>
  %ab = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]} ins(%tx : tensor<64xf32>) outs(%e : tensor<64xf32>) {
  ^bb0(%a: f32, %o: f32):
    %r = math.absf %a : f32
    linalg.yield %r : f32
  } -> tensor<64xf32>
  %e0 = tensor.empty() : tensor<f32>
  %s0 = linalg.fill ins(%zero : f32) outs(%e0 : tensor<f32>) -> tensor<f32>
  %m = linalg.reduce ins(%ab : tensor<64xf32>) outs(%s0 : tensor<f32>) dimensions = [0]
    (%a: f32, %acc: f32) {
      %r = arith.maxnumf %a, %acc : f32
      linalg.yield %r : f32
    }
  %v = tensor.extract %m[] : tensor<f32>
  return %v : f32
}

// CHECK-LABEL: func.func @sum_of_exp(
// CHECK:         linalg.generic
// CHECK-SAME:      iterator_types = ["reduction"]
// CHECK:           math.exp
// CHECK-NEXT:      arith.addf
// CHECK-NOT:     linalg.reduce
// log_softmax's sum of exponentials: math.exp moves into the sum too.
func.func @sum_of_exp(%x: memref<*xf32>) -> f32 {
  %zero = arith.constant 0.0 : f32
  %rx = memref.reinterpret_cast %x to offset: [0], sizes: [64], strides: [1] : memref<*xf32> to memref<64xf32, strided<[1]>>
  %tx = bufferization.to_tensor %rx restrict : memref<64xf32, strided<[1]>> to tensor<64xf32>
  %e = tensor.empty() : tensor<64xf32>
  %ex = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]} ins(%tx : tensor<64xf32>) outs(%e : tensor<64xf32>) {
  ^bb0(%a: f32, %o: f32):
    %r = math.exp %a : f32
    linalg.yield %r : f32
  } -> tensor<64xf32>
  %e0 = tensor.empty() : tensor<f32>
  %s0 = linalg.fill ins(%zero : f32) outs(%e0 : tensor<f32>) -> tensor<f32>
  %sum = linalg.reduce ins(%ex : tensor<64xf32>) outs(%s0 : tensor<f32>) dimensions = [0]
    (%a: f32, %acc: f32) {
      %r = arith.addf %a, %acc : f32
      linalg.yield %r : f32
    }
  %v = tensor.extract %sum[] : tensor<f32>
  return %v : f32
}

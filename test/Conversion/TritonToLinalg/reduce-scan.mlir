// RUN: spine-opt %s --convert-triton-to-linalg --cse --canonicalize | FileCheck %s
// Reductions and scans keep Triton's combiner regions: a one-op combiner
// with a known identity starts from a filled init; any other (here an argmax
// over two tensors) starts from the first slice and reduces the rest in
// order; a scan is a loop over the scanned axis.

// CHECK-LABEL: func.func @sum_rows
// CHECK:       %[[ZERO:.*]] = arith.constant -0.000000e+00 : f32
// CHECK:       %[[INIT:.*]] = linalg.fill ins(%[[ZERO]] : f32) outs(%{{.*}} : tensor<4xf32>)
// CHECK:       linalg.reduce { arith.addf } ins(%{{.*}} : tensor<4x8xf32>) outs(%[[INIT]] : tensor<4xf32>) dimensions = [1]
tt.func public @sum_rows(%v: f32, %out: !tt.ptr<f32>) {
  %x = tt.splat %v : f32 -> tensor<4x8xf32>
  %r = "tt.reduce"(%x) <{axis = 1 : i32}> ({
  ^bb0(%a: f32, %b: f32):
    %s = arith.addf %a, %b : f32
    tt.reduce.return %s : f32
  }) : (tensor<4x8xf32>) -> tensor<4xf32>
  %p = tt.splat %out : !tt.ptr<f32> -> tensor<4x!tt.ptr<f32>>
  %range = tt.make_range {end = 4 : i32, start = 0 : i32} : tensor<4xi32>
  %ptrs = tt.addptr %p, %range : tensor<4x!tt.ptr<f32>>, tensor<4xi32>
  tt.store %ptrs, %r : tensor<4x!tt.ptr<f32>>
  tt.return
}

// CHECK-LABEL: func.func @argmax_cols
// CHECK-DAG:   %[[V0:.*]] = tensor.extract_slice %[[X:.*]][0, 0] [1, 8] [1, 1] : tensor<4x8xf32> to tensor<8xf32>
// CHECK-DAG:   %[[I0:.*]] = tensor.extract_slice %[[I:.*]][0, 0] [1, 8] [1, 1] : tensor<4x8xi32> to tensor<8xi32>
// CHECK-DAG:   %[[VREST:.*]] = tensor.extract_slice %[[X]][1, 0] [3, 8] [1, 1]
// CHECK-DAG:   %[[IREST:.*]] = tensor.extract_slice %[[I]][1, 0] [3, 8] [1, 1]
// CHECK:       linalg.reduce ins(%[[VREST]], %[[IREST]] : tensor<3x8xf32>, tensor<3x8xi32>)
// CHECK-SAME:    dimensions = [0]
// CHECK-NEXT:    (%[[IV:.*]]: f32, %[[II:.*]]: i32, %[[AV:.*]]: f32, %[[AI:.*]]: i32) {
// CHECK-NEXT:      arith.cmpf ogt, %[[AV]], %[[IV]] : f32
tt.func public @argmax_cols(%v: f32, %w: i32, %out: !tt.ptr<i32>) {
  %x = tt.splat %v : f32 -> tensor<4x8xf32>
  %i = tt.splat %w : i32 -> tensor<4x8xi32>
  %r:2 = "tt.reduce"(%x, %i) <{axis = 0 : i32}> ({
  ^bb0(%av: f32, %ai: i32, %bv: f32, %bi: i32):
    %gt = arith.cmpf ogt, %av, %bv : f32
    %m = arith.select %gt, %av, %bv : f32
    %j = arith.select %gt, %ai, %bi : i32
    tt.reduce.return %m, %j : f32, i32
  }) : (tensor<4x8xf32>, tensor<4x8xi32>) -> (tensor<8xf32>, tensor<8xi32>)
  %p = tt.splat %out : !tt.ptr<i32> -> tensor<8x!tt.ptr<i32>>
  %range = tt.make_range {end = 8 : i32, start = 0 : i32} : tensor<8xi32>
  %ptrs = tt.addptr %p, %range : tensor<8x!tt.ptr<i32>>, tensor<8xi32>
  tt.store %ptrs, %r#1 : tensor<8x!tt.ptr<i32>>
  tt.return
}

// CHECK-LABEL: func.func @cumsum
// CHECK:       %[[FIRST:.*]] = tensor.extract_slice %{{.*}}[0] [1] [1] : tensor<16xf32> to tensor<1xf32>
// CHECK:       scf.for %[[K:.*]] = %c1 to %c16 step %c1 iter_args(%[[OUT:.*]] = %{{.*}}, %[[CARRY:.*]] = %[[FIRST]])
// CHECK:         %[[XK:.*]] = tensor.extract_slice %{{.*}}[%[[K]]] [1] [1]
// CHECK:         %[[NEXT:.*]] = linalg.generic {{.*}} ins(%[[CARRY]], %[[XK]] : tensor<1xf32>, tensor<1xf32>)
// CHECK:           arith.addf
// CHECK:         tensor.insert_slice %[[NEXT]] into %[[OUT]][%[[K]]] [1] [1]
tt.func public @cumsum(%v: f32, %out: !tt.ptr<f32>) {
  %x = tt.splat %v : f32 -> tensor<16xf32>
  %r = "tt.scan"(%x) <{axis = 0 : i32, reverse = false}> ({
  ^bb0(%a: f32, %b: f32):
    %s = arith.addf %a, %b : f32
    tt.scan.return %s : f32
  }) : (tensor<16xf32>) -> tensor<16xf32>
  %p = tt.splat %out : !tt.ptr<f32> -> tensor<16x!tt.ptr<f32>>
  %range = tt.make_range {end = 16 : i32, start = 0 : i32} : tensor<16xi32>
  %ptrs = tt.addptr %p, %range : tensor<16x!tt.ptr<f32>>, tensor<16xi32>
  tt.store %ptrs, %r : tensor<16x!tt.ptr<f32>>
  tt.return
}

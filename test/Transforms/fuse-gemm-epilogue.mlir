// RUN: spine-opt %s -split-input-file -speir-fuse-gemm-epilogue | FileCheck %s

// Bias along N through the (d1) map and silu as x / (1 + exp(-x)), written
// in place into c: c stays, and is the epilogue's output.
// CHECK-LABEL: func.func @bias_silu_in_place
// CHECK:         speir.gemm %arg0, %arg1 into %arg2 bias(%arg3 : memref<16xf32>, per_col) activation(silu) out(%arg2 : memref<4x16xf32>)
// CHECK-NEXT:    return
func.func @bias_silu_in_place(%a: memref<4x8xf32>, %b: memref<8x16xf32>, %c: memref<4x16xf32>, %bias: memref<16xf32>) {
  %one = arith.constant 1.0 : f32
  speir.gemm %a, %b into %c : memref<4x8xf32>, memref<8x16xf32> into memref<4x16xf32>
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%c, %bias : memref<4x16xf32>, memref<16xf32>) outs(%c : memref<4x16xf32>) {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %s = arith.addf %x, %y : f32
    %n = arith.negf %s : f32
    %e = math.exp %n : f32
    %d = arith.addf %e, %one : f32
    %r = arith.divf %s, %d : f32
    linalg.yield %r : f32
  }
  return
}

// -----

// The C temporary has no other use: the product stays in registers and the
// allocation disappears. Bias along M through (d0), relu as maximumf.
// CHECK-LABEL: func.func @temporary_c_disappears
// CHECK-NOT:     memref.alloc
// CHECK:         speir.gemm %arg0, %arg1 acc_type(f32) bias(%arg2 : memref<4xf32>, per_row) activation(relu) out(%arg3 : memref<4x16xf32>) : memref<4x8xf32>, memref<8x16xf32>
// CHECK-NOT:     memref.dealloc
// CHECK-NOT:     linalg.generic
func.func @temporary_c_disappears(%a: memref<4x8xf32>, %b: memref<8x16xf32>, %bias: memref<4xf32>, %out: memref<4x16xf32>) {
  %zero = arith.constant 0.0 : f32
  %c = memref.alloc() : memref<4x16xf32>
  speir.gemm %a, %b into %c : memref<4x8xf32>, memref<8x16xf32> into memref<4x16xf32>
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%c, %bias : memref<4x16xf32>, memref<4xf32>) outs(%out : memref<4x16xf32>) {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %s = arith.addf %y, %x : f32
    %r = arith.maximumf %s, %zero : f32
    linalg.yield %r : f32
  }
  memref.dealloc %c : memref<4x16xf32>
  return
}

// -----

// The frontend's bias: a linalg.broadcast into a temporary, read through the
// identity map. The broadcast and its buffer disappear.
// CHECK-LABEL: func.func @broadcast_bias
// CHECK-NOT:     linalg.broadcast
// CHECK:         speir.gemm %arg0, %arg1 into %arg2 bias(%arg3 : memref<16xf32>, per_col) out(%arg2 : memref<4x16xf32>)
// CHECK-NEXT:    return
func.func @broadcast_bias(%a: memref<4x8xf32>, %b: memref<8x16xf32>, %c: memref<4x16xf32>, %bias: memref<16xf32>) {
  speir.gemm %a, %b into %c : memref<4x8xf32>, memref<8x16xf32> into memref<4x16xf32>
  %bb = memref.alloc() : memref<4x16xf32>
  linalg.broadcast ins(%bias : memref<16xf32>) outs(%bb : memref<4x16xf32>) dimensions = [0]
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%c, %bb : memref<4x16xf32>, memref<4x16xf32>) outs(%c : memref<4x16xf32>) {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %s = arith.addf %x, %y : f32
    linalg.yield %s : f32
  }
  memref.dealloc %bb : memref<4x16xf32>
  return
}

// -----

// Bias, relu as select(x > 0, x, 0), residual, then truncation to f16; the
// f16 bias and residual are extended in the body.
// CHECK-LABEL: func.func @bias_relu_residual_f16
// CHECK:         speir.gemm %arg0, %arg1 acc_type(f32) bias(%arg2 : memref<16xf16>, per_col) activation(relu) residual(%arg3 : memref<4x16xf16>) out(%arg4 : memref<4x16xf16>)
func.func @bias_relu_residual_f16(%a: memref<4x8xf32>, %b: memref<8x16xf32>, %bias: memref<16xf16>, %res: memref<4x16xf16>, %out: memref<4x16xf16>) {
  %zero = arith.constant 0.0 : f32
  %c = memref.alloc() : memref<4x16xf32>
  speir.gemm %a, %b into %c : memref<4x8xf32>, memref<8x16xf32> into memref<4x16xf32>
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%c, %bias, %res : memref<4x16xf32>, memref<16xf16>, memref<4x16xf16>) outs(%out : memref<4x16xf16>) {
  ^bb0(%x: f32, %y: f16, %z: f16, %o: f16):
    %yf = arith.extf %y : f16 to f32
    %s = arith.addf %x, %yf : f32
    %p = arith.cmpf ogt, %s, %zero : f32
    %r = arith.select %p, %s, %zero : f32
    %zf = arith.extf %z : f16 to f32
    %t = arith.addf %r, %zf : f32
    %h = arith.truncf %t : f32 to f16
    linalg.yield %h : f16
  }
  memref.dealloc %c : memref<4x16xf32>
  return
}

// -----

// int8 dequantization: sitofp(acc) * scale[n] + bias[n] -> f32.
// CHECK-LABEL: func.func @dequant
// CHECK:         speir.gemm %arg0, %arg1 acc_type(i32) scale(%arg2 : memref<16xf32>, per_col) bias(%arg3 : memref<16xf32>, per_col) out(%arg4 : memref<4x16xf32>) : memref<4x8xi8>, memref<8x16xi8>
func.func @dequant(%a: memref<4x8xi8>, %b: memref<8x16xi8>, %scale: memref<16xf32>, %bias: memref<16xf32>, %out: memref<4x16xf32>) {
  %c = memref.alloc() : memref<4x16xi32>
  speir.gemm %a, %b into %c : memref<4x8xi8>, memref<8x16xi8> into memref<4x16xi32>
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%c, %scale, %bias : memref<4x16xi32>, memref<16xf32>, memref<16xf32>) outs(%out : memref<4x16xf32>) {
  ^bb0(%x: i32, %s: f32, %y: f32, %o: f32):
    %f = arith.sitofp %x : i32 to f32
    %m = arith.mulf %s, %f : f32
    %r = arith.addf %m, %y : f32
    linalg.yield %r : f32
  }
  memref.dealloc %c : memref<4x16xi32>
  return
}

// -----

// An integer epilogue: bias in i32 and relu as maxsi.
// CHECK-LABEL: func.func @int_bias_relu
// CHECK:         speir.gemm %arg0, %arg1 into %arg2 bias(%arg3 : memref<16xi32>, per_col) activation(relu) out(%arg2 : memref<4x16xi32>)
func.func @int_bias_relu(%a: memref<4x8xi8>, %b: memref<8x16xi8>, %c: memref<4x16xi32>, %bias: memref<16xi32>) {
  %zero = arith.constant 0 : i32
  speir.gemm %a, %b into %c : memref<4x8xi8>, memref<8x16xi8> into memref<4x16xi32>
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%c, %bias : memref<4x16xi32>, memref<16xi32>) outs(%c : memref<4x16xi32>) {
  ^bb0(%x: i32, %y: i32, %o: i32):
    %s = arith.addi %x, %y : i32
    %r = arith.maxsi %s, %zero : i32
    linalg.yield %r : i32
  }
  return
}

// -----

// silu as x * sigmoid(x), gelu (erf and tanh forms, any association), each
// after a scalar (0-D) bias.
// CHECK-LABEL: func.func @activations
// CHECK:         speir.gemm {{.*}} bias(%arg3 : memref<f32>, scalar) activation(silu) out(%arg2
// CHECK:         speir.gemm {{.*}} activation(gelu_erf) out(%arg2
// CHECK:         speir.gemm {{.*}} activation(gelu_tanh) out(%arg2
// CHECK-NOT:     linalg.generic
func.func @activations(%a: memref<4x8xf32>, %b: memref<8x16xf32>, %c: memref<4x16xf32>, %bias: memref<f32>) {
  %one = arith.constant 1.0 : f32
  %half = arith.constant 0.5 : f32
  %rs2 = arith.constant 0.707106769 : f32
  %k0 = arith.constant 0.797884583 : f32
  %k1 = arith.constant 4.471500e-02 : f32
  %mone = arith.constant -1.0 : f32
  speir.gemm %a, %b into %c : memref<4x8xf32>, memref<8x16xf32> into memref<4x16xf32>
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> ()>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%c, %bias : memref<4x16xf32>, memref<f32>) outs(%c : memref<4x16xf32>) {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %s = arith.addf %x, %y : f32
    %n = arith.mulf %s, %mone : f32
    %e = math.exp %n : f32
    %d = arith.addf %one, %e : f32
    %sg = arith.divf %one, %d : f32
    %r = arith.mulf %sg, %s : f32
    linalg.yield %r : f32
  }
  speir.gemm %a, %b into %c : memref<4x8xf32>, memref<8x16xf32> into memref<4x16xf32>
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%c : memref<4x16xf32>) outs(%c : memref<4x16xf32>) {
  ^bb0(%v: f32, %o: f32):
    %t0 = arith.mulf %v, %rs2 : f32
    %er = math.erf %t0 : f32
    %t1 = arith.addf %er, %one : f32
    %t2 = arith.mulf %v, %half : f32
    %r = arith.mulf %t2, %t1 : f32
    linalg.yield %r : f32
  }
  speir.gemm %a, %b into %c : memref<4x8xf32>, memref<8x16xf32> into memref<4x16xf32>
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%c : memref<4x16xf32>) outs(%c : memref<4x16xf32>) {
  ^bb0(%v: f32, %o: f32):
    %x2 = arith.mulf %v, %v : f32
    %x3 = arith.mulf %x2, %v : f32
    %t0 = arith.mulf %x3, %k1 : f32
    %t1 = arith.addf %v, %t0 : f32
    %t2 = arith.mulf %t1, %k0 : f32
    %th = math.tanh %t2 : f32
    %t3 = arith.addf %th, %one : f32
    %t4 = arith.mulf %v, %half : f32
    %r = arith.mulf %t4, %t3 : f32
    linalg.yield %r : f32
  }
  return
}

// -----

// What does not fit stays separate.

// An operand of the wrong shape for a bias or residual: a 2-D operand read
// through a transposed map.
// CHECK-LABEL: func.func @transposed_operand
// CHECK:         speir.gemm %arg0, %arg1 into %arg2 :
// CHECK:         linalg.generic
func.func @transposed_operand(%a: memref<4x8xf32>, %b: memref<8x16xf32>, %c: memref<4x16xf32>, %r: memref<16x4xf32>) {
  speir.gemm %a, %b into %c : memref<4x8xf32>, memref<8x16xf32> into memref<4x16xf32>
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d1, d0)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%c, %r : memref<4x16xf32>, memref<16x4xf32>) outs(%c : memref<4x16xf32>) {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %s = arith.addf %x, %y : f32
    linalg.yield %s : f32
  }
  return
}

// -----

// Activation before bias: not in the epilogue's order.
// CHECK-LABEL: func.func @activation_before_bias
// CHECK:         speir.gemm %arg0, %arg1 into %arg2 :
// CHECK:         linalg.generic
func.func @activation_before_bias(%a: memref<4x8xf32>, %b: memref<8x16xf32>, %c: memref<4x16xf32>, %bias: memref<16xf32>) {
  %zero = arith.constant 0.0 : f32
  speir.gemm %a, %b into %c : memref<4x8xf32>, memref<8x16xf32> into memref<4x16xf32>
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%c, %bias : memref<4x16xf32>, memref<16xf32>) outs(%c : memref<4x16xf32>) {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %r = arith.maximumf %x, %zero : f32
    %s = arith.addf %r, %y : f32
    linalg.yield %s : f32
  }
  return
}

// -----

// C has another use after the epilogue, which writes elsewhere: C must be
// materialized, so nothing fuses.
// CHECK-LABEL: func.func @c_with_another_use
// CHECK:         speir.gemm %arg0, %arg1 into %[[C:[a-z_0-9]+]] :
// CHECK:         linalg.generic
// CHECK:         memref.copy %[[C]]
func.func @c_with_another_use(%a: memref<4x8xf32>, %b: memref<8x16xf32>, %bias: memref<16xf32>, %out: memref<4x16xf32>, %keep: memref<4x16xf32>) {
  %c = memref.alloc() : memref<4x16xf32>
  speir.gemm %a, %b into %c : memref<4x8xf32>, memref<8x16xf32> into memref<4x16xf32>
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%c, %bias : memref<4x16xf32>, memref<16xf32>) outs(%out : memref<4x16xf32>) {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %s = arith.addf %x, %y : f32
    linalg.yield %s : f32
  }
  memref.copy %c, %keep : memref<4x16xf32> to memref<4x16xf32>
  memref.dealloc %c : memref<4x16xf32>
  return
}

// -----

// A reduction after the matmul is no epilogue.
// CHECK-LABEL: func.func @reduction_after
// CHECK:         speir.gemm %arg0, %arg1 into %arg2 :
// CHECK:         linalg.generic
func.func @reduction_after(%a: memref<4x8xf32>, %b: memref<8x16xf32>, %c: memref<4x16xf32>, %sum: memref<4xf32>) {
  speir.gemm %a, %b into %c : memref<4x8xf32>, memref<8x16xf32> into memref<4x16xf32>
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0)>], iterator_types = ["parallel", "reduction"]} ins(%c : memref<4x16xf32>) outs(%sum : memref<4xf32>) {
  ^bb0(%x: f32, %o: f32):
    %s = arith.addf %x, %o : f32
    linalg.yield %s : f32
  }
  return
}

// -----

// C read between the gemm and the generic; an op the epilogue cannot express
// (exp alone); an f16 bias added in f32 without the f16 output it requires;
// a multiplication by a non-scale operand.
// CHECK-LABEL: func.func @not_fitting
// CHECK-COUNT-4: speir.gemm %arg0, %arg1 into %arg2 :
// CHECK-NOT:     out(
func.func @not_fitting(%a: memref<4x8xf32>, %b: memref<8x16xf32>, %c: memref<4x16xf32>, %bias: memref<16xf32>, %bias16: memref<16xf16>, %keep: memref<4x16xf32>, %m: memref<4x16xf32>) {
  speir.gemm %a, %b into %c : memref<4x8xf32>, memref<8x16xf32> into memref<4x16xf32>
  memref.copy %c, %keep : memref<4x16xf32> to memref<4x16xf32>
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%c, %bias : memref<4x16xf32>, memref<16xf32>) outs(%c : memref<4x16xf32>) {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %s = arith.addf %x, %y : f32
    linalg.yield %s : f32
  }
  speir.gemm %a, %b into %c : memref<4x8xf32>, memref<8x16xf32> into memref<4x16xf32>
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%c : memref<4x16xf32>) outs(%c : memref<4x16xf32>) {
  ^bb0(%x: f32, %o: f32):
    %e = math.exp %x : f32
    linalg.yield %e : f32
  }
  speir.gemm %a, %b into %c : memref<4x8xf32>, memref<8x16xf32> into memref<4x16xf32>
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%c, %bias16 : memref<4x16xf32>, memref<16xf16>) outs(%c : memref<4x16xf32>) {
  ^bb0(%x: f32, %y: f16, %o: f32):
    %yf = arith.extf %y : f16 to f32
    %s = arith.addf %x, %yf : f32
    linalg.yield %s : f32
  }
  speir.gemm %a, %b into %c : memref<4x8xf32>, memref<8x16xf32> into memref<4x16xf32>
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%c, %m : memref<4x16xf32>, memref<4x16xf32>) outs(%c : memref<4x16xf32>) {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %s = arith.mulf %x, %y : f32
    linalg.yield %s : f32
  }
  return
}

// -----

// The output is one of the product's operands: fusing would overwrite b
// while it is read.
// CHECK-LABEL: func.func @out_is_operand
// CHECK:         speir.gemm %arg0, %subview into %alloc :
// CHECK:         linalg.generic
func.func @out_is_operand(%a: memref<4x8xf32>, %b: memref<16x16xf32>, %bias: memref<16xf32>) {
  %c = memref.alloc() : memref<4x16xf32>
  %bv = memref.subview %b[0, 0] [8, 16] [1, 1] : memref<16x16xf32> to memref<8x16xf32, strided<[16, 1]>>
  %ov = memref.subview %b[8, 0] [4, 16] [1, 1] : memref<16x16xf32> to memref<4x16xf32, strided<[16, 1], offset: 128>>
  speir.gemm %a, %bv into %c : memref<4x8xf32>, memref<8x16xf32, strided<[16, 1]>> into memref<4x16xf32>
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%c, %bias : memref<4x16xf32>, memref<16xf32>) outs(%ov : memref<4x16xf32, strided<[16, 1], offset: 128>>) {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %s = arith.addf %x, %y : f32
    linalg.yield %s : f32
  }
  memref.dealloc %c : memref<4x16xf32>
  return
}

// -----

// A chain of generics extends the epilogue step by step: bias in place on
// the C temporary, then silu into the output; the temporary disappears.
// CHECK-LABEL: func.func @chain_of_generics
// CHECK-NOT:     memref.alloc
// CHECK:         speir.gemm %arg0, %arg1 acc_type(f32) bias(%arg2 : memref<16xf32>, per_col) activation(silu) out(%arg3 : memref<4x16xf32>)
// CHECK-NOT:     linalg.generic
// CHECK-NOT:     memref.dealloc
func.func @chain_of_generics(%a: memref<4x8xf32>, %b: memref<8x16xf32>, %bias: memref<16xf32>, %out: memref<4x16xf32>) {
  %one = arith.constant 1.0 : f32
  %c = memref.alloc() : memref<4x16xf32>
  speir.gemm %a, %b into %c : memref<4x8xf32>, memref<8x16xf32> into memref<4x16xf32>
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%c, %bias : memref<4x16xf32>, memref<16xf32>) outs(%c : memref<4x16xf32>) {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %s = arith.addf %x, %y : f32
    linalg.yield %s : f32
  }
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%c : memref<4x16xf32>) outs(%out : memref<4x16xf32>) {
  ^bb0(%s: f32, %o: f32):
    %n = arith.negf %s : f32
    %e = math.exp %n : f32
    %d = arith.addf %e, %one : f32
    %r = arith.divf %s, %d : f32
    linalg.yield %r : f32
  }
  memref.dealloc %c : memref<4x16xf32>
  return
}

// -----

// Across generics the order still holds: relu fuses, the bias after it
// stays a separate generic on the epilogue's output.
// CHECK-LABEL: func.func @chain_out_of_order
// CHECK:         speir.gemm %arg0, %arg1 into %arg2 activation(relu) out(%arg2 : memref<4x16xf32>)
// CHECK-NEXT:    linalg.generic
func.func @chain_out_of_order(%a: memref<4x8xf32>, %b: memref<8x16xf32>, %c: memref<4x16xf32>, %bias: memref<16xf32>) {
  %zero = arith.constant 0.0 : f32
  speir.gemm %a, %b into %c : memref<4x8xf32>, memref<8x16xf32> into memref<4x16xf32>
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%c : memref<4x16xf32>) outs(%c : memref<4x16xf32>) {
  ^bb0(%x: f32, %o: f32):
    %r = arith.maximumf %x, %zero : f32
    linalg.yield %r : f32
  }
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%c, %bias : memref<4x16xf32>, memref<16xf32>) outs(%c : memref<4x16xf32>) {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %s = arith.addf %x, %y : f32
    linalg.yield %s : f32
  }
  return
}

// -----

// An accumulating gemm (c holds a start value) keeps c when the epilogue
// writes elsewhere only if c has other uses; here c is a private temporary
// that was never written, but accumulate reads it: nothing fuses.
// CHECK-LABEL: func.func @accumulate_into_temporary
// CHECK:         speir.gemm %arg0, %arg1 into %{{.*}} accumulate :
// CHECK:         linalg.generic
func.func @accumulate_into_temporary(%a: memref<4x8xf32>, %b: memref<8x16xf32>, %out: memref<4x16xf32>) {
  %c = memref.alloc() : memref<4x16xf32>
  speir.gemm %a, %b into %c accumulate : memref<4x8xf32>, memref<8x16xf32> into memref<4x16xf32>
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%c : memref<4x16xf32>) outs(%out : memref<4x16xf32>) {
  ^bb0(%x: f32, %o: f32):
    %t = arith.truncf %x : f32 to f16
    %e = arith.extf %t : f16 to f32
    linalg.yield %e : f32
  }
  memref.dealloc %c : memref<4x16xf32>
  return
}

// -----

// Accumulating in place keeps c as the start value and the output.
// CHECK-LABEL: func.func @accumulate_in_place
// CHECK:         speir.gemm %arg0, %arg1 into %arg2 accumulate bias(%arg3 : memref<16xf32>, per_col) out(%arg2 : memref<4x16xf32>)
func.func @accumulate_in_place(%a: memref<4x8xf32>, %b: memref<8x16xf32>, %c: memref<4x16xf32>, %bias: memref<16xf32>) {
  speir.gemm %a, %b into %c accumulate : memref<4x8xf32>, memref<8x16xf32> into memref<4x16xf32>
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%c, %bias : memref<4x16xf32>, memref<16xf32>) outs(%c : memref<4x16xf32>) {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %s = arith.addf %x, %y : f32
    linalg.yield %s : f32
  }
  return
}

// -----

// A truncation toward zero (Triton's rtz fp_to_fp) is not the runtime's
// round-to-nearest-even conversion: it stays separate.
// CHECK-LABEL: func.func @truncation_toward_zero
// CHECK:         speir.gemm %arg0, %arg1 into %{{.*}} :
// CHECK:         arith.truncf {{.*}} toward_zero
func.func @truncation_toward_zero(%a: memref<4x8xf32>, %b: memref<8x16xf32>, %out: memref<4x16xf16>) {
  %c = memref.alloc() : memref<4x16xf32>
  speir.gemm %a, %b into %c : memref<4x8xf32>, memref<8x16xf32> into memref<4x16xf32>
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%c : memref<4x16xf32>) outs(%out : memref<4x16xf16>) {
  ^bb0(%x: f32, %o: f16):
    %h = arith.truncf %x toward_zero : f32 to f16
    linalg.yield %h : f16
  }
  memref.dealloc %c : memref<4x16xf32>
  return
}

// -----

// A plain truncation to bf16 is the convert step alone.
// CHECK-LABEL: func.func @convert_only_bf16
// CHECK:         speir.gemm %arg0, %arg1 acc_type(f32) out(%arg2 : memref<4x16xbf16>)
func.func @convert_only_bf16(%a: memref<4x8xf32>, %b: memref<8x16xf32>, %out: memref<4x16xbf16>) {
  %c = memref.alloc() : memref<4x16xf32>
  speir.gemm %a, %b into %c : memref<4x8xf32>, memref<8x16xf32> into memref<4x16xf32>
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%c : memref<4x16xf32>) outs(%out : memref<4x16xbf16>) {
  ^bb0(%x: f32, %o: bf16):
    %h = arith.truncf %x : f32 to bf16
    linalg.yield %h : bf16
  }
  memref.dealloc %c : memref<4x16xf32>
  return
}

// -----

// A scalar (non-buffer) operand has no address to hand the runtime: the
// bias stays separate.
// CHECK-LABEL: func.func @scalar_operand
// CHECK:         speir.gemm %arg0, %arg1 into %arg2 :
// CHECK:         linalg.generic
func.func @scalar_operand(%a: memref<4x8xf32>, %b: memref<8x16xf32>, %c: memref<4x16xf32>, %s: f32) {
  speir.gemm %a, %b into %c : memref<4x8xf32>, memref<8x16xf32> into memref<4x16xf32>
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> ()>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%c, %s : memref<4x16xf32>, f32) outs(%c : memref<4x16xf32>) {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %r = arith.addf %x, %y : f32
    linalg.yield %r : f32
  }
  return
}

// -----

// Between the gemm and its epilogue: a load of the bias into a fresh buffer
// does not touch the product's buffers, so the gemm moves down past it; a
// write into the gemm's lhs does not let it move.
// CHECK-LABEL: func.func @ops_in_between
// CHECK:         memref.copy %arg3, %[[BIAS:[a-z_0-9]+]]
// CHECK-NEXT:    speir.gemm %arg0, %arg1 into %arg2 bias(%[[BIAS]] : memref<16xf32>, per_col) out(%arg2
// CHECK:         speir.gemm %arg0, %arg1 into %arg2 :
// CHECK-NEXT:    linalg.fill
// CHECK-NEXT:    linalg.generic
func.func @ops_in_between(%a: memref<4x8xf32>, %b: memref<8x16xf32>, %c: memref<4x16xf32>, %bias: memref<16xf32>) {
  %zero = arith.constant 0.0 : f32
  speir.gemm %a, %b into %c : memref<4x8xf32>, memref<8x16xf32> into memref<4x16xf32>
  %lb = memref.alloc() : memref<16xf32>
  memref.copy %bias, %lb : memref<16xf32> to memref<16xf32>
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%c, %lb : memref<4x16xf32>, memref<16xf32>) outs(%c : memref<4x16xf32>) {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %s = arith.addf %x, %y : f32
    linalg.yield %s : f32
  }
  speir.gemm %a, %b into %c : memref<4x8xf32>, memref<8x16xf32> into memref<4x16xf32>
  linalg.fill ins(%zero : f32) outs(%a : memref<4x8xf32>)
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%c, %bias : memref<4x16xf32>, memref<16xf32>) outs(%c : memref<4x16xf32>) {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %s = arith.addf %x, %y : f32
    linalg.yield %s : f32
  }
  memref.dealloc %lb : memref<16xf32>
  return
}

// -----

// The bias changes after it was broadcast: the fused op, which reads it
// where the generic was, would see the new values, so nothing fuses.
// CHECK-LABEL: func.func @bias_written_after_broadcast
// CHECK:         speir.gemm %arg0, %arg1 into %arg2 :
// CHECK:         linalg.broadcast
// CHECK:         linalg.generic
func.func @bias_written_after_broadcast(%a: memref<4x8xf32>, %b: memref<8x16xf32>, %c: memref<4x16xf32>, %bias: memref<16xf32>) {
  %zero = arith.constant 0.0 : f32
  speir.gemm %a, %b into %c : memref<4x8xf32>, memref<8x16xf32> into memref<4x16xf32>
  %bb = memref.alloc() : memref<4x16xf32>
  linalg.broadcast ins(%bias : memref<16xf32>) outs(%bb : memref<4x16xf32>) dimensions = [0]
  linalg.fill ins(%zero : f32) outs(%bias : memref<16xf32>)
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%c, %bb : memref<4x16xf32>, memref<4x16xf32>) outs(%c : memref<4x16xf32>) {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %s = arith.addf %x, %y : f32
    linalg.yield %s : f32
  }
  memref.dealloc %bb : memref<4x16xf32>
  return
}

// -----

// The masked bias load of a TTIR kernel (an scf.if filling a buffer the
// gemm does not touch) between the gemm and its epilogue: independent, the
// gemm moves down and fuses.
// CHECK-LABEL: func.func @masked_bias_load_between
// CHECK:         scf.if
// CHECK:         speir.gemm %arg0, %arg1 into %arg2 bias(%[[BIAS:.*]] : memref<16xf32>, per_col) activation(relu) out(%arg2 : memref<4x16xf32>)
// CHECK-NOT:     linalg.generic
func.func @masked_bias_load_between(%a: memref<4x8xf32>, %b: memref<8x16xf32>, %c: memref<4x16xf32>, %src: memref<16xf32>, %full: i1, %n: index) {
  %zero = arith.constant 0.0 : f32
  speir.gemm %a, %b into %c : memref<4x8xf32>, memref<8x16xf32> into memref<4x16xf32>
  %bias = memref.alloc() : memref<16xf32>
  scf.if %full {
    memref.copy %src, %bias : memref<16xf32> to memref<16xf32>
  } else {
    linalg.fill ins(%zero : f32) outs(%bias : memref<16xf32>)
    %s0 = memref.subview %src[0] [%n] [1] : memref<16xf32> to memref<?xf32, strided<[1]>>
    %s1 = memref.subview %bias[0] [%n] [1] : memref<16xf32> to memref<?xf32, strided<[1]>>
    memref.copy %s0, %s1 : memref<?xf32, strided<[1]>> to memref<?xf32, strided<[1]>>
  }
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%c, %bias : memref<4x16xf32>, memref<16xf32>) outs(%c : memref<4x16xf32>) {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %s = arith.addf %x, %y : f32
    %r = arith.maximumf %s, %zero : f32
    linalg.yield %r : f32
  }
  return
}

// -----

// An scf.if that writes the gemm's A between the gemm and the generic: the
// gemm cannot move past it, nothing fuses.
// CHECK-LABEL: func.func @if_writes_a_between
// CHECK:         speir.gemm %arg0, %arg1 into %arg2 :
// CHECK:         scf.if
// CHECK:         linalg.generic
func.func @if_writes_a_between(%a: memref<4x8xf32>, %b: memref<8x16xf32>, %c: memref<4x16xf32>, %bias: memref<16xf32>, %full: i1) {
  %zero = arith.constant 0.0 : f32
  speir.gemm %a, %b into %c : memref<4x8xf32>, memref<8x16xf32> into memref<4x16xf32>
  scf.if %full {
    linalg.fill ins(%zero : f32) outs(%a : memref<4x8xf32>)
  }
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%c, %bias : memref<4x16xf32>, memref<16xf32>) outs(%c : memref<4x16xf32>) {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %s = arith.addf %x, %y : f32
    %r = arith.maximumf %s, %zero : f32
    linalg.yield %r : f32
  }
  return
}

// -----

// A product computed into a temporary and copied whole into a view of the
// output is computed in the view: the temporary and the copy go.
// CHECK-LABEL: func.func @product_into_copy_destination
// CHECK-NOT:     memref.alloc
// CHECK:         %[[V:.*]] = memref.subview %arg2[0, 0] [%arg3, 16] [1, 1]
// CHECK:         speir.gemm %arg0, %arg1 into %[[V]] : memref<?x8xf32>, memref<8x16xf32> into memref<?x16xf32, strided<[32, 1]>>
// CHECK-NOT:     memref.copy
// CHECK-NOT:     memref.dealloc
func.func @product_into_copy_destination(%a: memref<?x8xf32>, %b: memref<8x16xf32>, %o: memref<4x32xf32>, %m: index) {
  %v = memref.subview %o[0, 0] [%m, 16] [1, 1] : memref<4x32xf32> to memref<?x16xf32, strided<[32, 1]>>
  %t = memref.alloc(%m) : memref<?x16xf32>
  speir.gemm %a, %b into %t : memref<?x8xf32>, memref<8x16xf32> into memref<?x16xf32>
  memref.copy %t, %v : memref<?x16xf32> to memref<?x16xf32, strided<[32, 1]>>
  memref.dealloc %t : memref<?x16xf32>
  return
}

// -----

// With an epilogue applied in place in the temporary (its out is c), the
// copy's destination becomes the epilogue's output and C is not
// materialized (the Triton decode kernel's narrowed product).
// CHECK-LABEL: func.func @epilogue_into_copy_destination
// CHECK-NOT:     memref.alloc
// CHECK:         speir.gemm %arg0, %arg1 acc_type(f32) bias(%arg3 : memref<16xf32>, per_col) activation(relu) out(%arg2 : memref<4x16xf32>)
// CHECK-NOT:     memref.copy
func.func @epilogue_into_copy_destination(%a: memref<4x8xf32>, %b: memref<8x16xf32>, %o: memref<4x16xf32>, %bias: memref<16xf32>) {
  %zero = arith.constant 0.0 : f32
  %t = memref.alloc() : memref<4x16xf32>
  speir.gemm %a, %b into %t : memref<4x8xf32>, memref<8x16xf32> into memref<4x16xf32>
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%t, %bias : memref<4x16xf32>, memref<16xf32>) outs(%t : memref<4x16xf32>) {
  ^bb0(%x: f32, %y: f32, %z: f32):
    %s = arith.addf %x, %y : f32
    %r = arith.maximumf %s, %zero : f32
    linalg.yield %r : f32
  }
  memref.copy %t, %o : memref<4x16xf32> to memref<4x16xf32>
  memref.dealloc %t : memref<4x16xf32>
  return
}

// -----

// The destination is a view of A's buffer: the runtime would overwrite A
// while reading it, so the temporary stays.
// CHECK-LABEL: func.func @destination_is_an_operand
// CHECK:         memref.alloc
// CHECK:         speir.gemm %{{.*}}, %arg1 into %[[T:.*]] :
// CHECK:         memref.copy %[[T]]
func.func @destination_is_an_operand(%ab: memref<8x16xf32>, %b: memref<16x16xf32>) {
  %a = memref.subview %ab[0, 0] [4, 16] [1, 1] : memref<8x16xf32> to memref<4x16xf32, strided<[16, 1]>>
  %v = memref.subview %ab[4, 0] [4, 16] [1, 1] : memref<8x16xf32> to memref<4x16xf32, strided<[16, 1], offset: 64>>
  %t = memref.alloc() : memref<4x16xf32>
  speir.gemm %a, %b into %t : memref<4x16xf32, strided<[16, 1]>>, memref<16x16xf32> into memref<4x16xf32>
  memref.copy %t, %v : memref<4x16xf32> to memref<4x16xf32, strided<[16, 1], offset: 64>>
  return
}

// -----

// The destination is read between the product and the copy: computing in
// it would change what that read sees, so the temporary stays.
// CHECK-LABEL: func.func @destination_read_before_copy
// CHECK:         memref.alloc
// CHECK:         memref.load %arg2
// CHECK:         memref.copy
func.func @destination_read_before_copy(%a: memref<4x8xf32>, %b: memref<8x16xf32>, %o: memref<4x16xf32>, %p: memref<f32>) -> f32 {
  %c0 = arith.constant 0 : index
  %t = memref.alloc() : memref<4x16xf32>
  speir.gemm %a, %b into %t : memref<4x8xf32>, memref<8x16xf32> into memref<4x16xf32>
  %x = memref.load %o[%c0, %c0] : memref<4x16xf32>
  memref.copy %t, %o : memref<4x16xf32> to memref<4x16xf32>
  return %x : f32
}

// -----

// The temporary is read again after the copy: it stays.
// CHECK-LABEL: func.func @temporary_read_again
// CHECK:         memref.alloc
// CHECK:         memref.copy
func.func @temporary_read_again(%a: memref<4x8xf32>, %b: memref<8x16xf32>, %o: memref<4x16xf32>) -> f32 {
  %c0 = arith.constant 0 : index
  %t = memref.alloc() : memref<4x16xf32>
  speir.gemm %a, %b into %t : memref<4x8xf32>, memref<8x16xf32> into memref<4x16xf32>
  memref.copy %t, %o : memref<4x16xf32> to memref<4x16xf32>
  %x = memref.load %t[%c0, %c0] : memref<4x16xf32>
  return %x : f32
}

// -----

// A gemm inside a Linalg op's body (the fuzzer's input, not what the
// pipeline makes) is left alone: fusing the generic it sits in would erase
// it. The gemm before the generic takes it as its epilogue; the one inside
// is gone with it, never fused itself.
// CHECK-LABEL: func.func @gemm_in_linalg_body
// CHECK:         speir.gemm %arg0, %arg1 into %arg2 activation(relu) out(%arg2 : memref<4x16xf32>)
// CHECK-NOT:     speir.gemm
// CHECK:         return
func.func @gemm_in_linalg_body(%a: memref<4x8xf32>, %b: memref<8x16xf32>, %c: memref<4x16xf32>) {
  %zero = arith.constant 0.0 : f32
  speir.gemm %a, %b into %c : memref<4x8xf32>, memref<8x16xf32> into memref<4x16xf32>
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%c : memref<4x16xf32>) outs(%c : memref<4x16xf32>) {
  ^bb0(%v: f32, %o: f32):
    speir.gemm %a, %b into %c : memref<4x8xf32>, memref<8x16xf32> into memref<4x16xf32>
    %r = arith.maximumf %v, %zero : f32
    linalg.yield %r : f32
  }
  return
}

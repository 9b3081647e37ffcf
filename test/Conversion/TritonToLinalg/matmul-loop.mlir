// RUN: spine-opt %s --convert-triton-to-linalg --cse --canonicalize | FileCheck %s
// The tutorial matmul without grouping, as stock Triton prints it (locations
// dropped): the pointer iter_args of the K loop are carried as index offsets
// (their loop-invariant strides fold away), the K masks become one-dimension
// boxes, tt.dot accumulates into the loop-carried tensor, and the store is
// clipped to the (M, N) box.


  tt.func public @matmul_kernel(%a_ptr: !tt.ptr<f32>, %b_ptr: !tt.ptr<f32>, %c_ptr: !tt.ptr<f32>, %M: i32, %N: i32, %K: i32, %sam: i32, %sak: i32, %sbk: i32, %sbn: i32, %scm: i32, %scn: i32) attributes {noinline = false} {
    %c15_i32 = arith.constant 15 : i32
    %c1_i32 = arith.constant 1 : i32
    %c0_i32 = arith.constant 0 : i32
    %cst = arith.constant dense<0.000000e+00> : tensor<16x16xf32>
    %c16_i32 = arith.constant 16 : i32
    %pid_m = tt.get_program_id x : i32
    %pid_n = tt.get_program_id y : i32
    %rm = arith.muli %pid_m, %c16_i32 : i32
    %rm_0 = tt.make_range {end = 16 : i32, start = 0 : i32} : tensor<16xi32>
    %rm_1 = tt.splat %rm : i32 -> tensor<16xi32>
    %rm_2 = arith.addi %rm_1, %rm_0 : tensor<16xi32>
    %rn = arith.muli %pid_n, %c16_i32 : i32
    %rn_3 = tt.splat %rn : i32 -> tensor<16xi32>
    %rn_4 = arith.addi %rn_3, %rm_0 : tensor<16xi32>
    %a = tt.expand_dims %rm_2 {axis = 1 : i32} : tensor<16xi32> -> tensor<16x1xi32>
    %a_5 = tt.splat %sam : i32 -> tensor<16x1xi32>
    %a_6 = arith.muli %a, %a_5 : tensor<16x1xi32>
    %a_7 = tt.splat %a_ptr : !tt.ptr<f32> -> tensor<16x1x!tt.ptr<f32>>
    %a_8 = tt.addptr %a_7, %a_6 : tensor<16x1x!tt.ptr<f32>>, tensor<16x1xi32>
    %a_9 = tt.expand_dims %rm_0 {axis = 0 : i32} : tensor<16xi32> -> tensor<1x16xi32>
    %a_10 = tt.splat %sak : i32 -> tensor<1x16xi32>
    %a_11 = arith.muli %a_9, %a_10 : tensor<1x16xi32>
    %a_12 = tt.broadcast %a_8 : tensor<16x1x!tt.ptr<f32>> -> tensor<16x16x!tt.ptr<f32>>
    %a_13 = tt.broadcast %a_11 : tensor<1x16xi32> -> tensor<16x16xi32>
    %a_14 = tt.addptr %a_12, %a_13 : tensor<16x16x!tt.ptr<f32>>, tensor<16x16xi32>
    %b = tt.expand_dims %rm_0 {axis = 1 : i32} : tensor<16xi32> -> tensor<16x1xi32>
    %b_15 = tt.splat %sbk : i32 -> tensor<16x1xi32>
    %b_16 = arith.muli %b, %b_15 : tensor<16x1xi32>
    %b_17 = tt.splat %b_ptr : !tt.ptr<f32> -> tensor<16x1x!tt.ptr<f32>>
    %b_18 = tt.addptr %b_17, %b_16 : tensor<16x1x!tt.ptr<f32>>, tensor<16x1xi32>
    %b_19 = tt.expand_dims %rn_4 {axis = 0 : i32} : tensor<16xi32> -> tensor<1x16xi32>
    %b_20 = tt.splat %sbn : i32 -> tensor<1x16xi32>
    %b_21 = arith.muli %b_19, %b_20 : tensor<1x16xi32>
    %b_22 = tt.broadcast %b_18 : tensor<16x1x!tt.ptr<f32>> -> tensor<16x16x!tt.ptr<f32>>
    %b_23 = tt.broadcast %b_21 : tensor<1x16xi32> -> tensor<16x16xi32>
    %b_24 = tt.addptr %b_22, %b_23 : tensor<16x16x!tt.ptr<f32>>, tensor<16x16xi32>
    %0 = arith.addi %K, %c15_i32 : i32
    %1 = arith.divsi %0, %c16_i32 : i32
    %a_25 = arith.muli %sak, %c16_i32 : i32
    %a_26 = tt.splat %a_25 : i32 -> tensor<16x16xi32>
    %b_27 = arith.muli %sbk, %c16_i32 : i32
    %b_28 = tt.splat %b_27 : i32 -> tensor<16x16xi32>
    %acc:3 = scf.for %k = %c0_i32 to %1 step %c1_i32 iter_args(%a_37 = %a_14, %b_38 = %b_24, %acc_39 = %cst) -> (tensor<16x16x!tt.ptr<f32>>, tensor<16x16x!tt.ptr<f32>>, tensor<16x16xf32>)  : i32 {
      %av = arith.muli %k, %c16_i32 : i32
      %av_40 = arith.subi %K, %av : i32
      %av_41 = tt.splat %av_40 : i32 -> tensor<1x16xi32>
      %av_42 = arith.cmpi slt, %a_9, %av_41 : tensor<1x16xi32>
      %av_43 = tt.broadcast %av_42 : tensor<1x16xi1> -> tensor<16x16xi1>
      %av_44 = tt.load %a_37, %av_43, %cst : tensor<16x16x!tt.ptr<f32>>
      %bv = tt.splat %av_40 : i32 -> tensor<16x1xi32>
      %bv_45 = arith.cmpi slt, %b, %bv : tensor<16x1xi32>
      %bv_46 = tt.broadcast %bv_45 : tensor<16x1xi1> -> tensor<16x16xi1>
      %bv_47 = tt.load %b_38, %bv_46, %cst : tensor<16x16x!tt.ptr<f32>>
      %acc_48 = tt.dot %av_44, %bv_47, %acc_39, inputPrecision = tf32 : tensor<16x16xf32> * tensor<16x16xf32> -> tensor<16x16xf32>
      %a_49 = tt.addptr %a_37, %a_26 : tensor<16x16x!tt.ptr<f32>>, tensor<16x16xi32>
      %b_50 = tt.addptr %b_38, %b_28 : tensor<16x16x!tt.ptr<f32>>, tensor<16x16xi32>
      scf.yield %a_49, %b_50, %acc_48 : tensor<16x16x!tt.ptr<f32>>, tensor<16x16x!tt.ptr<f32>>, tensor<16x16xf32>
    }
    %c = tt.splat %scm : i32 -> tensor<16x1xi32>
    %c_29 = arith.muli %a, %c : tensor<16x1xi32>
    %c_30 = tt.splat %c_ptr : !tt.ptr<f32> -> tensor<16x1x!tt.ptr<f32>>
    %c_31 = tt.addptr %c_30, %c_29 : tensor<16x1x!tt.ptr<f32>>, tensor<16x1xi32>
    %c_32 = tt.splat %scn : i32 -> tensor<1x16xi32>
    %c_33 = arith.muli %b_19, %c_32 : tensor<1x16xi32>
    %c_34 = tt.broadcast %c_31 : tensor<16x1x!tt.ptr<f32>> -> tensor<16x16x!tt.ptr<f32>>
    %c_35 = tt.broadcast %c_33 : tensor<1x16xi32> -> tensor<16x16xi32>
    %c_36 = tt.addptr %c_34, %c_35 : tensor<16x16x!tt.ptr<f32>>, tensor<16x16xi32>
    %2 = tt.splat %M : i32 -> tensor<16x1xi32>
    %3 = arith.cmpi slt, %a, %2 : tensor<16x1xi32>
    %4 = tt.splat %N : i32 -> tensor<1x16xi32>
    %5 = arith.cmpi slt, %b_19, %4 : tensor<1x16xi32>
    %6 = tt.broadcast %3 : tensor<16x1xi1> -> tensor<16x16xi1>
    %7 = tt.broadcast %5 : tensor<1x16xi1> -> tensor<16x16xi1>
    %8 = arith.andi %6, %7 : tensor<16x16xi1>
    tt.store %c_36, %acc#2, %8 : tensor<16x16x!tt.ptr<f32>>
    tt.return
  }

// CHECK-LABEL: func.func @matmul_kernel(
// CHECK-SAME:    %[[A:arg[0-9]+]]: memref<*xf32>, %[[B:arg[0-9]+]]: memref<*xf32>, %[[C:arg[0-9]+]]: memref<*xf32>
// CHECK:       %[[ACC:.*]]:3 = scf.for %{{.*}} = %c0_i32 to %{{.*}} step %c1_i32
// CHECK-SAME:    iter_args(%[[AOFF:.*]] = %{{.*}}, %[[BOFF:.*]] = %{{.*}}, %[[SUM:.*]] = %{{.*}}) -> (index, index, tensor<16x16xf32>) : i32 {
// CHECK:         %[[AV:.*]] = memref.reinterpret_cast %[[A]] to offset: [%[[AOFF]]], sizes: [16, 16], strides: [%{{.*}}, %{{.*}}]
// CHECK:         %[[AS:.*]] = memref.subview %[[AV]][0, 0] [16, %[[KLEN:.*]]] [1, 1]
// CHECK:         %[[AT:.*]] = bufferization.to_tensor
// CHECK:         %[[BV:.*]] = memref.reinterpret_cast %[[B]] to offset: [%[[BOFF]]], sizes: [16, 16]
// CHECK:         memref.subview %[[BV]][0, 0] [%[[KLEN]], 16] [1, 1]
// CHECK:         %[[BT:.*]] = bufferization.to_tensor
// CHECK:         %[[DOT:.*]] = linalg.matmul ins(%[[AT]], %[[BT]] : tensor<16x16xf32>, tensor<16x16xf32>) outs(%[[SUM]] : tensor<16x16xf32>)
// CHECK:         %[[ANEXT:.*]] = arith.addi %[[AOFF]], %{{.*}} : index
// CHECK:         %[[BNEXT:.*]] = arith.addi %[[BOFF]], %{{.*}} : index
// CHECK:         scf.yield %[[ANEXT]], %[[BNEXT]], %[[DOT]] : index, index, tensor<16x16xf32>
// CHECK:       %[[CV:.*]] = memref.reinterpret_cast %[[C]]
// CHECK:       %[[PART:.*]] = tensor.extract_slice %[[ACC]]#2[0, 0] [%[[MLEN:.*]], %[[NLEN:.*]]] [1, 1]
// CHECK:       %[[CS:.*]] = memref.subview %[[CV]][0, 0] [%[[MLEN]], %[[NLEN]]] [1, 1]
// CHECK:       bufferization.materialize_in_destination %[[PART]] in writable %[[CS]]

// RUN: spine-opt %s --convert-triton-to-linalg --cse --canonicalize | FileCheck %s
// The tutorial vector add: splat/make_range/addptr chains become views of the
// kernel arguments, and the mask `offs < n` becomes the in-bounds box.

tt.func public @add_kernel(%x_ptr: !tt.ptr<f32>, %y_ptr: !tt.ptr<f32>, %out_ptr: !tt.ptr<f32>, %n: i32) {
  %c256_i32 = arith.constant 256 : i32
  %pid = tt.get_program_id x : i32
  %start = arith.muli %pid, %c256_i32 : i32
  %range = tt.make_range {end = 256 : i32, start = 0 : i32} : tensor<256xi32>
  %starts = tt.splat %start : i32 -> tensor<256xi32>
  %offs = arith.addi %starts, %range : tensor<256xi32>
  %ns = tt.splat %n : i32 -> tensor<256xi32>
  %mask = arith.cmpi slt, %offs, %ns : tensor<256xi32>
  %xs = tt.splat %x_ptr : !tt.ptr<f32> -> tensor<256x!tt.ptr<f32>>
  %xp = tt.addptr %xs, %offs : tensor<256x!tt.ptr<f32>>, tensor<256xi32>
  %x = tt.load %xp, %mask : tensor<256x!tt.ptr<f32>>
  %ys = tt.splat %y_ptr : !tt.ptr<f32> -> tensor<256x!tt.ptr<f32>>
  %yp = tt.addptr %ys, %offs : tensor<256x!tt.ptr<f32>>, tensor<256xi32>
  %y = tt.load %yp, %mask : tensor<256x!tt.ptr<f32>>
  %sum = arith.addf %x, %y : tensor<256xf32>
  %os = tt.splat %out_ptr : !tt.ptr<f32> -> tensor<256x!tt.ptr<f32>>
  %op = tt.addptr %os, %offs : tensor<256x!tt.ptr<f32>>, tensor<256xi32>
  tt.store %op, %sum, %mask : tensor<256x!tt.ptr<f32>>
  tt.return
}

// CHECK-LABEL: func.func @add_kernel(
// CHECK-SAME:    %[[X:arg[0-9]+]]: memref<*xf32>, %[[Y:arg[0-9]+]]: memref<*xf32>, %[[OUT:arg[0-9]+]]: memref<*xf32>, %[[N:arg[0-9]+]]: i32,
// CHECK-SAME:    %{{arg[0-9]+}}: i32, %{{arg[0-9]+}}: i32, %{{arg[0-9]+}}: i32, %[[PIDX:arg[0-9]+]]: i32, %{{arg[0-9]+}}: i32, %{{arg[0-9]+}}: i32)
// CHECK:       %[[START:.*]] = arith.muli %[[PIDX]], %c256_i32
// CHECK:       %[[OFF:.*]] = arith.index_cast %[[START]] : i32 to index
// CHECK:       %[[NI:.*]] = arith.index_cast %[[N]]
// CHECK:       %[[REST:.*]] = arith.subi %[[NI]], %[[OFF]]
// CHECK:       %[[LO:.*]] = arith.maxsi %[[REST]], %c0
// CHECK:       %[[LEN:.*]] = arith.minsi %[[LO]], %c256
// CHECK:       %[[XB:.*]] = memref.alloc() : memref<256xf32>
// CHECK:       %[[XV:.*]] = memref.reinterpret_cast %[[X]] to offset: [%[[OFF]]], sizes: [256], strides: [1]
// A box that covers the block at run time is a plain copy of static shape.
// CHECK:       %[[FULL:.*]] = arith.cmpi eq, %[[LEN]], %c256
// CHECK:       scf.if %[[FULL]] {
// CHECK-NEXT:    memref.copy %[[XV]], %[[XB]]
// CHECK-NEXT:  } else {
// CHECK-NEXT:    linalg.fill ins(%{{.*}} : f32) outs(%[[XB]]
// CHECK-NEXT:    %[[XS:.*]] = memref.subview %[[XV]][0] [%[[LEN]]] [1]
// CHECK-NEXT:    %[[XD:.*]] = memref.subview %[[XB]][0] [%[[LEN]]] [1]
// CHECK-NEXT:    memref.copy %[[XS]], %[[XD]]
// CHECK-NEXT:  }
// CHECK:       %[[XT:.*]] = bufferization.to_tensor %[[XB]] restrict writable
// CHECK:       memref.reinterpret_cast %[[Y]] to offset: [%[[OFF]]]
// CHECK:       %[[SUM:.*]] = arith.addf %[[XT]], %{{.*}} : tensor<256xf32>
// CHECK:       %[[OV:.*]] = memref.reinterpret_cast %[[OUT]] to offset: [%[[OFF]]], sizes: [256], strides: [1]
// CHECK:       scf.if %[[FULL]] {
// CHECK-NEXT:    bufferization.materialize_in_destination %[[SUM]] in writable %[[OV]]
// CHECK-NEXT:  } else {
// CHECK-NEXT:    %[[PART:.*]] = tensor.extract_slice %[[SUM]][0] [%[[LEN]]] [1]
// CHECK-NEXT:    %[[OS:.*]] = memref.subview %[[OV]][0] [%[[LEN]]] [1]
// CHECK-NEXT:    bufferization.materialize_in_destination %[[PART]] in writable %[[OS]]
// CHECK-NEXT:  }
// CHECK:       return

// RUN: spine-opt %s -split-input-file --spine-triton-e2e-pipeline | FileCheck %s
// RUN: spine-opt %s -split-input-file --spine-triton-e2e-pipeline="enable-always-tls=1" | FileCheck %s
// Element-wise kernels in the frontend's form (inputs read in place through
// `to_tensor ... restrict`, the result materialized into a view of the output
// argument) allocate nothing: the result is computed straight into the output
// (speir-destination-passing, then eliminate-empty-tensors), a broadcast
// operand is read through the indexing map, and the LLVM output has no heap
// allocation (malloc, or the scratch arena's _mlir_memref_to_llvm_alloc).

// A light element-wise body runs on LMUL-8 vectors (64 f32 at VLEN 256).
// CHECK-LABEL: llvm.func @vector_add(
// CHECK-NOT:     llvm.call @malloc
// CHECK-NOT:     _mlir_memref_to_llvm_alloc
// CHECK:         llvm.fadd {{.*}} : vector<64xf32>
// CHECK-NOT:     llvm.call @malloc
// CHECK-NOT:     _mlir_memref_to_llvm_alloc
// CHECK:         llvm.return
module attributes {dlti.target_system_spec = #dlti.target_system_spec<"CPU" = #dlti.target_device_spec<"arch_id" = "0x503C", "num_threads" = 1 : i32>>} {
  func.func @vector_add(%x: memref<*xf32>, %y: memref<*xf32>, %out: memref<*xf32>, %gx: i32, %gy: i32, %gz: i32, %px: i32, %py: i32, %pz: i32) {
    %c1024 = arith.constant 1024 : index
    %pid = arith.index_cast %px : i32 to index
    %start = arith.muli %pid, %c1024 : index
    %rx = memref.reinterpret_cast %x to offset: [%start], sizes: [1024], strides: [1] : memref<*xf32> to memref<1024xf32, strided<[1], offset: ?>>
    %tx = bufferization.to_tensor %rx restrict : memref<1024xf32, strided<[1], offset: ?>> to tensor<1024xf32>
    %ry = memref.reinterpret_cast %y to offset: [%start], sizes: [1024], strides: [1] : memref<*xf32> to memref<1024xf32, strided<[1], offset: ?>>
    %ty = bufferization.to_tensor %ry restrict : memref<1024xf32, strided<[1], offset: ?>> to tensor<1024xf32>
    %e = tensor.empty() : tensor<1024xf32>
    %s = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%tx, %ty : tensor<1024xf32>, tensor<1024xf32>) outs(%e : tensor<1024xf32>) {
    ^bb0(%a: f32, %b: f32, %o: f32):
      %r = arith.addf %a, %b : f32
      linalg.yield %r : f32
    } -> tensor<1024xf32>
    %ro = memref.reinterpret_cast %out to offset: [%start], sizes: [1024], strides: [1] : memref<*xf32> to memref<1024xf32, strided<[1], offset: ?>>
    bufferization.materialize_in_destination %s in writable %ro : (tensor<1024xf32>, memref<1024xf32, strided<[1], offset: ?>>) -> ()
    return
  }
}

// -----

// out[i, j] = x[i, j] + b[j], the row broadcast as a linalg.broadcast.
// CHECK-LABEL: llvm.func @broadcast_add(
// CHECK-NOT:     llvm.call @malloc
// CHECK-NOT:     _mlir_memref_to_llvm_alloc
// CHECK:         llvm.return
module attributes {dlti.target_system_spec = #dlti.target_system_spec<"CPU" = #dlti.target_device_spec<"arch_id" = "0x503C", "num_threads" = 1 : i32>>} {
  func.func @broadcast_add(%x: memref<*xf32>, %b: memref<*xf32>, %out: memref<*xf32>, %gx: i32, %gy: i32, %gz: i32, %px: i32, %py: i32, %pz: i32) {
    %c8 = arith.constant 8 : index
    %c512 = arith.constant 512 : index
    %pid = arith.index_cast %px : i32 to index
    %row = arith.muli %pid, %c8 : index
    %off = arith.muli %row, %c512 : index
    %rx = memref.reinterpret_cast %x to offset: [%off], sizes: [8, 64], strides: [512, 1] : memref<*xf32> to memref<8x64xf32, strided<[512, 1], offset: ?>>
    %tx = bufferization.to_tensor %rx restrict : memref<8x64xf32, strided<[512, 1], offset: ?>> to tensor<8x64xf32>
    %rb = memref.reinterpret_cast %b to offset: [0], sizes: [64], strides: [1] : memref<*xf32> to memref<64xf32, strided<[1]>>
    %tb = bufferization.to_tensor %rb restrict : memref<64xf32, strided<[1]>> to tensor<64xf32>
    %e = tensor.empty() : tensor<8x64xf32>
    %bb = linalg.broadcast ins(%tb : tensor<64xf32>) outs(%e : tensor<8x64xf32>) dimensions = [0]
    %s = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%tx, %bb : tensor<8x64xf32>, tensor<8x64xf32>) outs(%bb : tensor<8x64xf32>) {
    ^bb0(%a: f32, %c: f32, %o: f32):
      %r = arith.addf %a, %c : f32
      linalg.yield %r : f32
    } -> tensor<8x64xf32>
    %ro = memref.reinterpret_cast %out to offset: [%off], sizes: [8, 64], strides: [512, 1] : memref<*xf32> to memref<8x64xf32, strided<[512, 1], offset: ?>>
    bufferization.materialize_in_destination %s in writable %ro : (tensor<8x64xf32>, memref<8x64xf32, strided<[512, 1], offset: ?>>) -> ()
    return
  }
}

// -----

// out = f16(x).
// CHECK-LABEL: llvm.func @cast_f32_f16(
// CHECK-NOT:     llvm.call @malloc
// CHECK-NOT:     _mlir_memref_to_llvm_alloc
// CHECK:         llvm.return
module attributes {dlti.target_system_spec = #dlti.target_system_spec<"CPU" = #dlti.target_device_spec<"arch_id" = "0x503C", "num_threads" = 1 : i32>>} {
  func.func @cast_f32_f16(%x: memref<*xf32>, %out: memref<*xf16>, %gx: i32, %gy: i32, %gz: i32, %px: i32, %py: i32, %pz: i32) {
    %c256 = arith.constant 256 : index
    %pid = arith.index_cast %px : i32 to index
    %start = arith.muli %pid, %c256 : index
    %rx = memref.reinterpret_cast %x to offset: [%start], sizes: [256], strides: [1] : memref<*xf32> to memref<256xf32, strided<[1], offset: ?>>
    %tx = bufferization.to_tensor %rx restrict : memref<256xf32, strided<[1], offset: ?>> to tensor<256xf32>
    %e = tensor.empty() : tensor<256xf16>
    %h = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%tx : tensor<256xf32>) outs(%e : tensor<256xf16>) {
    ^bb0(%a: f32, %o: f16):
      %r = arith.truncf %a : f32 to f16
      linalg.yield %r : f16
    } -> tensor<256xf16>
    %ro = memref.reinterpret_cast %out to offset: [%start], sizes: [256], strides: [1] : memref<*xf16> to memref<256xf16, strided<[1], offset: ?>>
    bufferization.materialize_in_destination %h in writable %ro : (tensor<256xf16>, memref<256xf16, strided<[1], offset: ?>>) -> ()
    return
  }
}

// -----

// out = silu(g) * u, as two generics (silu, then the product).
// CHECK-LABEL: llvm.func @silu_mul(
// CHECK-NOT:     llvm.call @malloc
// CHECK-NOT:     _mlir_memref_to_llvm_alloc
// CHECK:         llvm.return
module attributes {dlti.target_system_spec = #dlti.target_system_spec<"CPU" = #dlti.target_device_spec<"arch_id" = "0x503C", "num_threads" = 1 : i32>>} {
  func.func @silu_mul(%g: memref<*xf32>, %u: memref<*xf32>, %out: memref<*xf32>, %gx: i32, %gy: i32, %gz: i32, %px: i32, %py: i32, %pz: i32) {
    %c512 = arith.constant 512 : index
    %one = arith.constant 1.0 : f32
    %pid = arith.index_cast %px : i32 to index
    %start = arith.muli %pid, %c512 : index
    %rg = memref.reinterpret_cast %g to offset: [%start], sizes: [512], strides: [1] : memref<*xf32> to memref<512xf32, strided<[1], offset: ?>>
    %tg = bufferization.to_tensor %rg restrict : memref<512xf32, strided<[1], offset: ?>> to tensor<512xf32>
    %ru = memref.reinterpret_cast %u to offset: [%start], sizes: [512], strides: [1] : memref<*xf32> to memref<512xf32, strided<[1], offset: ?>>
    %tu = bufferization.to_tensor %ru restrict : memref<512xf32, strided<[1], offset: ?>> to tensor<512xf32>
    %e = tensor.empty() : tensor<512xf32>
    %s = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%tg : tensor<512xf32>) outs(%e : tensor<512xf32>) {
    ^bb0(%v: f32, %o: f32):
      %n = arith.negf %v : f32
      %x = math.exp %n : f32
      %d = arith.addf %x, %one : f32
      %q = arith.divf %v, %d : f32
      linalg.yield %q : f32
    } -> tensor<512xf32>
    %m = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%s, %tu : tensor<512xf32>, tensor<512xf32>) outs(%e : tensor<512xf32>) {
    ^bb0(%a: f32, %b: f32, %o: f32):
      %r = arith.mulf %a, %b : f32
      linalg.yield %r : f32
    } -> tensor<512xf32>
    %ro = memref.reinterpret_cast %out to offset: [%start], sizes: [512], strides: [1] : memref<*xf32> to memref<512xf32, strided<[1], offset: ?>>
    bufferization.materialize_in_destination %m in writable %ro : (tensor<512xf32>, memref<512xf32, strided<[1], offset: ?>>) -> ()
    return
  }
}

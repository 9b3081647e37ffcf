// RUN: spine-opt %s --spine-triton-e2e-ref-pipeline | FileCheck %s
// RUN: spine-opt %s --spine-triton-e2e-ref-pipeline="enable-always-tls=0" | mlir-translate --mlir-to-llvmir | FileCheck %s --check-prefix=IR

// A linalgdir kernel becomes one LLVM function with the frontend's ABI: each
// unranked memref is (i64 rank, ptr descriptor), then the six i32 grid values.
// CHECK-NOT: speir.target
// CHECK: llvm.func @add_relu(%{{.*}}: i64, %{{.*}}: !llvm.ptr, %{{.*}}: i64, %{{.*}}: !llvm.ptr, %{{.*}}: i64, %{{.*}}: !llvm.ptr, %{{.*}}: i32, %{{.*}}: i32, %{{.*}}: i32, %{{.*}}: i32, %{{.*}}: i32, %{{.*}}: i32)
// CHECK-NOT: linalg.
// CHECK-NOT: memref.
// CHECK-NOT: bufferization.
// IR: define void @add_relu(i64 %0, ptr %1, i64 %2, ptr %3, i64 %4, ptr %5, i32 %6, i32 %7, i32 %8, i32 %9, i32 %10, i32 %11)
// IR-NOT: memrefCopy
module attributes {dlti.target_system_spec = #dlti.target_system_spec<"CPU" = #dlti.target_device_spec<"arch_id" = "0x503C", "num_threads" = 8 : i32>>} {
  func.func @add_relu(%arg0: memref<*xf32>, %arg1: memref<*xf32>, %arg2: memref<*xf32>, %gx: i32, %gy: i32, %gz: i32, %px: i32, %py: i32, %pz: i32) {
    %c1024 = arith.constant 1024 : i32
    %zero = arith.constant 0.0 : f32
    %0 = arith.muli %px, %c1024 : i32
    %1 = arith.index_cast %0 : i32 to index
    %ra = memref.reinterpret_cast %arg0 to offset: [%1], sizes: [1024], strides: [1] : memref<*xf32> to memref<1024xf32, strided<[1], offset: ?>>
    %alloc = memref.alloc() : memref<1024xf32>
    memref.copy %ra, %alloc : memref<1024xf32, strided<[1], offset: ?>> to memref<1024xf32>
    %a = bufferization.to_tensor %alloc restrict writable : memref<1024xf32> to tensor<1024xf32>
    %rb = memref.reinterpret_cast %arg1 to offset: [%1], sizes: [1024], strides: [1] : memref<*xf32> to memref<1024xf32, strided<[1], offset: ?>>
    %b = bufferization.to_tensor %rb restrict : memref<1024xf32, strided<[1], offset: ?>> to tensor<1024xf32>
    %s = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%a, %b : tensor<1024xf32>, tensor<1024xf32>) outs(%a : tensor<1024xf32>) {
    ^bb0(%x: f32, %y: f32, %o: f32):
      %t = arith.addf %x, %y : f32
      %r = arith.maximumf %t, %zero : f32
      linalg.yield %r : f32
    } -> tensor<1024xf32>
    %rc = memref.reinterpret_cast %arg2 to offset: [%1], sizes: [1024], strides: [1] : memref<*xf32> to memref<1024xf32, strided<[1], offset: ?>>
    bufferization.materialize_in_destination %s in writable %rc : (tensor<1024xf32>, memref<1024xf32, strided<[1], offset: ?>>) -> ()
    return
  }
}

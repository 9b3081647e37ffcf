// C[64x64] = relu(A[64x64] . B[64x64] + bias[64]), one 16x16 tile of C per
// program (grid 4x4x1), in the form the Spine Triton frontend emits
// (linalgdir): unranked memref arguments, then gridX/Y/Z and pidX/Y/Z.
module attributes {dlti.target_system_spec = #dlti.target_system_spec<"CPU" = #dlti.target_device_spec<"arch_id" = "0x503C", "num_threads" = 8 : i32>>} {
  func.func @matmul_bias_relu(%a: memref<*xf32>, %b: memref<*xf32>, %bias: memref<*xf32>, %c: memref<*xf32>, %gx: i32, %gy: i32, %gz: i32, %px: i32, %py: i32, %pz: i32) {
    %c16 = arith.constant 16 : index
    %c64 = arith.constant 64 : index
    %zero = arith.constant 0.0 : f32
    %pxi = arith.index_cast %px : i32 to index
    %pyi = arith.index_cast %py : i32 to index
    %m0 = arith.muli %pxi, %c16 : index
    %n0 = arith.muli %pyi, %c16 : index
    %aoff = arith.muli %m0, %c64 : index
    %ra = memref.reinterpret_cast %a to offset: [%aoff], sizes: [16, 64], strides: [64, 1] : memref<*xf32> to memref<16x64xf32, strided<[64, 1], offset: ?>>
    %rb = memref.reinterpret_cast %b to offset: [%n0], sizes: [64, 16], strides: [64, 1] : memref<*xf32> to memref<64x16xf32, strided<[64, 1], offset: ?>>
    %rbias = memref.reinterpret_cast %bias to offset: [%n0], sizes: [16], strides: [1] : memref<*xf32> to memref<16xf32, strided<[1], offset: ?>>
    %alloca = memref.alloc() : memref<16x64xf32>
    memref.copy %ra, %alloca : memref<16x64xf32, strided<[64, 1], offset: ?>> to memref<16x64xf32>
    %ta = bufferization.to_tensor %alloca restrict writable : memref<16x64xf32> to tensor<16x64xf32>
    %allocb = memref.alloc() : memref<64x16xf32>
    memref.copy %rb, %allocb : memref<64x16xf32, strided<[64, 1], offset: ?>> to memref<64x16xf32>
    %tb = bufferization.to_tensor %allocb restrict writable : memref<64x16xf32> to tensor<64x16xf32>
    %tbias = bufferization.to_tensor %rbias restrict : memref<16xf32, strided<[1], offset: ?>> to tensor<16xf32>
    %e = tensor.empty() : tensor<16x16xf32>
    %f = linalg.fill ins(%zero : f32) outs(%e : tensor<16x16xf32>) -> tensor<16x16xf32>
    %mm = linalg.matmul ins(%ta, %tb : tensor<16x64xf32>, tensor<64x16xf32>) outs(%f : tensor<16x16xf32>) -> tensor<16x16xf32>
    %r = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%mm, %tbias : tensor<16x16xf32>, tensor<16xf32>) outs(%mm : tensor<16x16xf32>) {
    ^bb0(%x: f32, %y: f32, %o: f32):
      %s = arith.addf %x, %y : f32
      %m = arith.maximumf %s, %zero : f32
      linalg.yield %m : f32
    } -> tensor<16x16xf32>
    %coff0 = arith.muli %m0, %c64 : index
    %coff = arith.addi %coff0, %n0 : index
    %rc = memref.reinterpret_cast %c to offset: [%coff], sizes: [16, 16], strides: [64, 1] : memref<*xf32> to memref<16x16xf32, strided<[64, 1], offset: ?>>
    bufferization.materialize_in_destination %r in writable %rc : (tensor<16x16xf32>, memref<16x16xf32, strided<[64, 1], offset: ?>>) -> ()
    return
  }
}

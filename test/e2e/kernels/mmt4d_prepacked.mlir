// linalg.mmt4d alone on operands already in the 4-D layouts (the host packed
// them): lhs [M1,K1,M0,K0] = 3x5x8x4, rhs [N1,K1,N0,K0] = 2x5x8x4, acc
// [M1,N1,M0,N0] = 3x2x8x8 accumulated onto the loaded C (tl.dot with acc).
// Grid 1x1x1.
module attributes {dlti.target_system_spec = #dlti.target_system_spec<"CPU" = #dlti.target_device_spec<"arch_id" = "0x503C", "num_threads" = 8 : i32>>} {
  func.func @mmt4d_prepacked(%a: memref<*xf32>, %b: memref<*xf32>, %c: memref<*xf32>, %gx: i32, %gy: i32, %gz: i32, %px: i32, %py: i32, %pz: i32) {
    %ra = memref.reinterpret_cast %a to offset: [0], sizes: [3, 5, 8, 4], strides: [160, 32, 4, 1] : memref<*xf32> to memref<3x5x8x4xf32, strided<[160, 32, 4, 1]>>
    %rb = memref.reinterpret_cast %b to offset: [0], sizes: [2, 5, 8, 4], strides: [160, 32, 4, 1] : memref<*xf32> to memref<2x5x8x4xf32, strided<[160, 32, 4, 1]>>
    %rc = memref.reinterpret_cast %c to offset: [0], sizes: [3, 2, 8, 8], strides: [128, 64, 8, 1] : memref<*xf32> to memref<3x2x8x8xf32, strided<[128, 64, 8, 1]>>
    %la = memref.alloc() : memref<3x5x8x4xf32>
    memref.copy %ra, %la : memref<3x5x8x4xf32, strided<[160, 32, 4, 1]>> to memref<3x5x8x4xf32>
    %ta = bufferization.to_tensor %la restrict writable : memref<3x5x8x4xf32> to tensor<3x5x8x4xf32>
    %lb = memref.alloc() : memref<2x5x8x4xf32>
    memref.copy %rb, %lb : memref<2x5x8x4xf32, strided<[160, 32, 4, 1]>> to memref<2x5x8x4xf32>
    %tb = bufferization.to_tensor %lb restrict writable : memref<2x5x8x4xf32> to tensor<2x5x8x4xf32>
    %lc = memref.alloc() : memref<3x2x8x8xf32>
    memref.copy %rc, %lc : memref<3x2x8x8xf32, strided<[128, 64, 8, 1]>> to memref<3x2x8x8xf32>
    %tc = bufferization.to_tensor %lc restrict writable : memref<3x2x8x8xf32> to tensor<3x2x8x8xf32>
    %mm = linalg.mmt4d ins(%ta, %tb : tensor<3x5x8x4xf32>, tensor<2x5x8x4xf32>) outs(%tc : tensor<3x2x8x8xf32>) -> tensor<3x2x8x8xf32>
    bufferization.materialize_in_destination %mm in writable %rc : (tensor<3x2x8x8xf32>, memref<3x2x8x8xf32, strided<[128, 64, 8, 1]>>) -> ()
    return
  }
}

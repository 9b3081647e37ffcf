// C[33x40] f32 = A[33x5] f32 . B[5x40] f32 through the mmt4d layouts the
// frontend emits: linalg.pack A to [M1,K1,M0,K0] = 3x5x16x1, B to [N1,K1,N0,K0] =
// 3x5x16x1 (inner tile stored N0 x K0), linalg.mmt4d into [M1,N1,M0,N0], linalg.unpack.
// Tiles M0 x K0 x N0 = 16x1x16; M = 33 padded to 48, N = 40 padded to 48. Grid 1x1x1.
module attributes {dlti.target_system_spec = #dlti.target_system_spec<"CPU" = #dlti.target_device_spec<"arch_id" = "0x503C", "num_threads" = 8 : i32>>} {
  func.func @mmt4d_f32_16x1x16(%a: memref<*xf32>, %b: memref<*xf32>, %c: memref<*xf32>, %gx: i32, %gy: i32, %gz: i32, %px: i32, %py: i32, %pz: i32) {
    %pad = arith.constant 0.0 : f32
    %zero = arith.constant 0.0 : f32
    %ra = memref.reinterpret_cast %a to offset: [0], sizes: [33, 5], strides: [5, 1] : memref<*xf32> to memref<33x5xf32, strided<[5, 1]>>
    %rb = memref.reinterpret_cast %b to offset: [0], sizes: [5, 40], strides: [40, 1] : memref<*xf32> to memref<5x40xf32, strided<[40, 1]>>
    %la = memref.alloc() : memref<33x5xf32>
    memref.copy %ra, %la : memref<33x5xf32, strided<[5, 1]>> to memref<33x5xf32>
    %ta = bufferization.to_tensor %la restrict writable : memref<33x5xf32> to tensor<33x5xf32>
    %lb = memref.alloc() : memref<5x40xf32>
    memref.copy %rb, %lb : memref<5x40xf32, strided<[40, 1]>> to memref<5x40xf32>
    %tb = bufferization.to_tensor %lb restrict writable : memref<5x40xf32> to tensor<5x40xf32>
    %ea = tensor.empty() : tensor<3x5x16x1xf32>
    %pa = linalg.pack %ta padding_value(%pad : f32) inner_dims_pos = [0, 1] inner_tiles = [16, 1] into %ea : tensor<33x5xf32> -> tensor<3x5x16x1xf32>
    %eb = tensor.empty() : tensor<3x5x16x1xf32>
    %pb = linalg.pack %tb padding_value(%pad : f32) outer_dims_perm = [1, 0] inner_dims_pos = [1, 0] inner_tiles = [16, 1] into %eb : tensor<5x40xf32> -> tensor<3x5x16x1xf32>
    %ec = tensor.empty() : tensor<3x3x16x16xf32>
    %fc = linalg.fill ins(%zero : f32) outs(%ec : tensor<3x3x16x16xf32>) -> tensor<3x3x16x16xf32>
    %mm = linalg.mmt4d ins(%pa, %pb : tensor<3x5x16x1xf32>, tensor<3x5x16x1xf32>) outs(%fc : tensor<3x3x16x16xf32>) -> tensor<3x3x16x16xf32>
    %eo = tensor.empty() : tensor<33x40xf32>
    %un = linalg.unpack %mm inner_dims_pos = [0, 1] inner_tiles = [16, 16] into %eo : tensor<3x3x16x16xf32> -> tensor<33x40xf32>
    %rc = memref.reinterpret_cast %c to offset: [0], sizes: [33, 40], strides: [40, 1] : memref<*xf32> to memref<33x40xf32, strided<[40, 1]>>
    bufferization.materialize_in_destination %un in writable %rc : (tensor<33x40xf32>, memref<33x40xf32, strided<[40, 1]>>) -> ()
    return
  }
}

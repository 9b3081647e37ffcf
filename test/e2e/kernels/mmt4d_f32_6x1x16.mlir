// C[14x20] f32 = A[14x9] f32 . B[9x20] f32 through the mmt4d layouts the
// frontend emits: linalg.pack A to [M1,K1,M0,K0] = 3x9x6x1, B to [N1,K1,N0,K0] =
// 2x9x16x1 (inner tile stored N0 x K0), linalg.mmt4d into [M1,N1,M0,N0], linalg.unpack.
// Tiles M0 x K0 x N0 = 6x1x16; M = 14 padded to 18, N = 20 padded to 32. Grid 1x1x1.
module attributes {dlti.target_system_spec = #dlti.target_system_spec<"CPU" = #dlti.target_device_spec<"arch_id" = "0x503C", "num_threads" = 8 : i32>>} {
  func.func @mmt4d_f32_6x1x16(%a: memref<*xf32>, %b: memref<*xf32>, %c: memref<*xf32>, %gx: i32, %gy: i32, %gz: i32, %px: i32, %py: i32, %pz: i32) {
    %pad = arith.constant 0.0 : f32
    %zero = arith.constant 0.0 : f32
    %ra = memref.reinterpret_cast %a to offset: [0], sizes: [14, 9], strides: [9, 1] : memref<*xf32> to memref<14x9xf32, strided<[9, 1]>>
    %rb = memref.reinterpret_cast %b to offset: [0], sizes: [9, 20], strides: [20, 1] : memref<*xf32> to memref<9x20xf32, strided<[20, 1]>>
    %la = memref.alloc() : memref<14x9xf32>
    memref.copy %ra, %la : memref<14x9xf32, strided<[9, 1]>> to memref<14x9xf32>
    %ta = bufferization.to_tensor %la restrict writable : memref<14x9xf32> to tensor<14x9xf32>
    %lb = memref.alloc() : memref<9x20xf32>
    memref.copy %rb, %lb : memref<9x20xf32, strided<[20, 1]>> to memref<9x20xf32>
    %tb = bufferization.to_tensor %lb restrict writable : memref<9x20xf32> to tensor<9x20xf32>
    %ea = tensor.empty() : tensor<3x9x6x1xf32>
    %pa = linalg.pack %ta padding_value(%pad : f32) inner_dims_pos = [0, 1] inner_tiles = [6, 1] into %ea : tensor<14x9xf32> -> tensor<3x9x6x1xf32>
    %eb = tensor.empty() : tensor<2x9x16x1xf32>
    %pb = linalg.pack %tb padding_value(%pad : f32) outer_dims_perm = [1, 0] inner_dims_pos = [1, 0] inner_tiles = [16, 1] into %eb : tensor<9x20xf32> -> tensor<2x9x16x1xf32>
    %ec = tensor.empty() : tensor<3x2x6x16xf32>
    %fc = linalg.fill ins(%zero : f32) outs(%ec : tensor<3x2x6x16xf32>) -> tensor<3x2x6x16xf32>
    %mm = linalg.mmt4d ins(%pa, %pb : tensor<3x9x6x1xf32>, tensor<2x9x16x1xf32>) outs(%fc : tensor<3x2x6x16xf32>) -> tensor<3x2x6x16xf32>
    %eo = tensor.empty() : tensor<14x20xf32>
    %un = linalg.unpack %mm inner_dims_pos = [0, 1] inner_tiles = [6, 16] into %eo : tensor<3x2x6x16xf32> -> tensor<14x20xf32>
    %rc = memref.reinterpret_cast %c to offset: [0], sizes: [14, 20], strides: [20, 1] : memref<*xf32> to memref<14x20xf32, strided<[20, 1]>>
    bufferization.materialize_in_destination %un in writable %rc : (tensor<14x20xf32>, memref<14x20xf32, strided<[20, 1]>>) -> ()
    return
  }
}

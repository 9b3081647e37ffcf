// C[20x19] f32 = A[20x7] f16 . B[7x19] f16 through linalg.pack (f16, padded
// with 0.0) into the mmt4d layouts with tiles M0 x K0 x N0 = 8x1x8,
// linalg.mmt4d with f16 ins and an f32 accumulator, linalg.unpack. Grid 1x1x1.
module attributes {dlti.target_system_spec = #dlti.target_system_spec<"CPU" = #dlti.target_device_spec<"arch_id" = "0x503C", "num_threads" = 8 : i32>>} {
  func.func @mmt4d_f16_8x1x8(%a: memref<*xf16>, %b: memref<*xf16>, %c: memref<*xf32>, %gx: i32, %gy: i32, %gz: i32, %px: i32, %py: i32, %pz: i32) {
    %pad = arith.constant 0.0 : f16
    %zero = arith.constant 0.0 : f32
    %ra = memref.reinterpret_cast %a to offset: [0], sizes: [20, 7], strides: [7, 1] : memref<*xf16> to memref<20x7xf16, strided<[7, 1]>>
    %rb = memref.reinterpret_cast %b to offset: [0], sizes: [7, 19], strides: [19, 1] : memref<*xf16> to memref<7x19xf16, strided<[19, 1]>>
    %la = memref.alloc() : memref<20x7xf16>
    memref.copy %ra, %la : memref<20x7xf16, strided<[7, 1]>> to memref<20x7xf16>
    %ta = bufferization.to_tensor %la restrict writable : memref<20x7xf16> to tensor<20x7xf16>
    %lb = memref.alloc() : memref<7x19xf16>
    memref.copy %rb, %lb : memref<7x19xf16, strided<[19, 1]>> to memref<7x19xf16>
    %tb = bufferization.to_tensor %lb restrict writable : memref<7x19xf16> to tensor<7x19xf16>
    %ea = tensor.empty() : tensor<3x7x8x1xf16>
    %pa = linalg.pack %ta padding_value(%pad : f16) inner_dims_pos = [0, 1] inner_tiles = [8, 1] into %ea : tensor<20x7xf16> -> tensor<3x7x8x1xf16>
    %eb = tensor.empty() : tensor<3x7x8x1xf16>
    %pb = linalg.pack %tb padding_value(%pad : f16) outer_dims_perm = [1, 0] inner_dims_pos = [1, 0] inner_tiles = [8, 1] into %eb : tensor<7x19xf16> -> tensor<3x7x8x1xf16>
    %ec = tensor.empty() : tensor<3x3x8x8xf32>
    %fc = linalg.fill ins(%zero : f32) outs(%ec : tensor<3x3x8x8xf32>) -> tensor<3x3x8x8xf32>
    %mm = linalg.mmt4d ins(%pa, %pb : tensor<3x7x8x1xf16>, tensor<3x7x8x1xf16>) outs(%fc : tensor<3x3x8x8xf32>) -> tensor<3x3x8x8xf32>
    %eo = tensor.empty() : tensor<20x19xf32>
    %un = linalg.unpack %mm inner_dims_pos = [0, 1] inner_tiles = [8, 8] into %eo : tensor<3x3x8x8xf32> -> tensor<20x19xf32>
    %rc = memref.reinterpret_cast %c to offset: [0], sizes: [20, 19], strides: [19, 1] : memref<*xf32> to memref<20x19xf32, strided<[19, 1]>>
    bufferization.materialize_in_destination %un in writable %rc : (tensor<20x19xf32>, memref<20x19xf32, strided<[19, 1]>>) -> ()
    return
  }
}

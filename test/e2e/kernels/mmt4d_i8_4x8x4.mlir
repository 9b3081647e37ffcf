// C[10x9] i32 = A[10x20] i8 . B[20x9] i8 through the mmt4d layouts the
// frontend emits: linalg.pack A to [M1,K1,M0,K0] = 3x3x4x8, B to [N1,K1,N0,K0] =
// 3x3x4x8 (inner tile stored N0 x K0), linalg.mmt4d into [M1,N1,M0,N0], linalg.unpack.
// Tiles M0 x K0 x N0 = 4x8x4; int8 inputs accumulated in int32, K = 20 padded to 24 with 0. Grid 1x1x1.
module attributes {dlti.target_system_spec = #dlti.target_system_spec<"CPU" = #dlti.target_device_spec<"arch_id" = "0x503C", "num_threads" = 8 : i32>>} {
  func.func @mmt4d_i8_4x8x4(%a: memref<*xi8>, %b: memref<*xi8>, %c: memref<*xi32>, %gx: i32, %gy: i32, %gz: i32, %px: i32, %py: i32, %pz: i32) {
    %pad = arith.constant 0 : i8
    %zero = arith.constant 0 : i32
    %ra = memref.reinterpret_cast %a to offset: [0], sizes: [10, 20], strides: [20, 1] : memref<*xi8> to memref<10x20xi8, strided<[20, 1]>>
    %rb = memref.reinterpret_cast %b to offset: [0], sizes: [20, 9], strides: [9, 1] : memref<*xi8> to memref<20x9xi8, strided<[9, 1]>>
    %la = memref.alloc() : memref<10x20xi8>
    memref.copy %ra, %la : memref<10x20xi8, strided<[20, 1]>> to memref<10x20xi8>
    %ta = bufferization.to_tensor %la restrict writable : memref<10x20xi8> to tensor<10x20xi8>
    %lb = memref.alloc() : memref<20x9xi8>
    memref.copy %rb, %lb : memref<20x9xi8, strided<[9, 1]>> to memref<20x9xi8>
    %tb = bufferization.to_tensor %lb restrict writable : memref<20x9xi8> to tensor<20x9xi8>
    %ea = tensor.empty() : tensor<3x3x4x8xi8>
    %pa = linalg.pack %ta padding_value(%pad : i8) inner_dims_pos = [0, 1] inner_tiles = [4, 8] into %ea : tensor<10x20xi8> -> tensor<3x3x4x8xi8>
    %eb = tensor.empty() : tensor<3x3x4x8xi8>
    %pb = linalg.pack %tb padding_value(%pad : i8) outer_dims_perm = [1, 0] inner_dims_pos = [1, 0] inner_tiles = [4, 8] into %eb : tensor<20x9xi8> -> tensor<3x3x4x8xi8>
    %ec = tensor.empty() : tensor<3x3x4x4xi32>
    %fc = linalg.fill ins(%zero : i32) outs(%ec : tensor<3x3x4x4xi32>) -> tensor<3x3x4x4xi32>
    %mm = linalg.mmt4d ins(%pa, %pb : tensor<3x3x4x8xi8>, tensor<3x3x4x8xi8>) outs(%fc : tensor<3x3x4x4xi32>) -> tensor<3x3x4x4xi32>
    %eo = tensor.empty() : tensor<10x9xi32>
    %un = linalg.unpack %mm inner_dims_pos = [0, 1] inner_tiles = [4, 4] into %eo : tensor<3x3x4x4xi32> -> tensor<10x9xi32>
    %rc = memref.reinterpret_cast %c to offset: [0], sizes: [10, 9], strides: [9, 1] : memref<*xi32> to memref<10x9xi32, strided<[9, 1]>>
    bufferization.materialize_in_destination %un in writable %rc : (tensor<10x9xi32>, memref<10x9xi32, strided<[9, 1]>>) -> ()
    return
  }
}

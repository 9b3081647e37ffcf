// out[1x6x6x8] f32 = conv_2d_nhwc_hwcf(x[1x8x8x12] f16, w[3x3x12x8] f16).
module attributes {dlti.target_system_spec = #dlti.target_system_spec<"CPU" = #dlti.target_device_spec<"arch_id" = "0x503C", "num_threads" = 8 : i32>>} {
  func.func @conv_f16_f32(%x: memref<*xf16>, %w: memref<*xf16>, %o: memref<*xf32>, %gx: i32, %gy: i32, %gz: i32, %px: i32, %py: i32, %pz: i32) {
    %rx = memref.reinterpret_cast %x to offset: [0], sizes: [1, 8, 8, 12], strides: [768, 96, 12, 1] : memref<*xf16> to memref<1x8x8x12xf16, strided<[768, 96, 12, 1]>>
    %lx = memref.alloc() : memref<1x8x8x12xf16>
    memref.copy %rx, %lx : memref<1x8x8x12xf16, strided<[768, 96, 12, 1]>> to memref<1x8x8x12xf16>
    %tx = bufferization.to_tensor %lx restrict writable : memref<1x8x8x12xf16> to tensor<1x8x8x12xf16>
    %rw = memref.reinterpret_cast %w to offset: [0], sizes: [3, 3, 12, 8], strides: [288, 96, 8, 1] : memref<*xf16> to memref<3x3x12x8xf16, strided<[288, 96, 8, 1]>>
    %lw = memref.alloc() : memref<3x3x12x8xf16>
    memref.copy %rw, %lw : memref<3x3x12x8xf16, strided<[288, 96, 8, 1]>> to memref<3x3x12x8xf16>
    %tw = bufferization.to_tensor %lw restrict writable : memref<3x3x12x8xf16> to tensor<3x3x12x8xf16>
    %fv = arith.constant 0.0 : f32
    %e = tensor.empty() : tensor<1x6x6x8xf32>
    %init = linalg.fill ins(%fv : f32) outs(%e : tensor<1x6x6x8xf32>) -> tensor<1x6x6x8xf32>
    %res = linalg.conv_2d_nhwc_hwcf {dilations = dense<[1, 1]> : tensor<2xi64>, strides = dense<[1, 1]> : tensor<2xi64>}
      ins(%tx, %tw : tensor<1x8x8x12xf16>, tensor<3x3x12x8xf16>) outs(%init : tensor<1x6x6x8xf32>) -> tensor<1x6x6x8xf32>
    %dst = memref.reinterpret_cast %o to offset: [0], sizes: [1, 6, 6, 8], strides: [288, 48, 8, 1] : memref<*xf32> to memref<1x6x6x8xf32, strided<[288, 48, 8, 1]>>
    bufferization.materialize_in_destination %res in writable %dst : (tensor<1x6x6x8xf32>, memref<1x6x6x8xf32, strided<[288, 48, 8, 1]>>) -> ()
    return
  }
}

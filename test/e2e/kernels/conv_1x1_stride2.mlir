// out[1x7x7x24] = conv_2d_nhwc_hwcf(x[1x14x14x16], w[1x1x16x24]), stride 2:
// ResNet's downsampling shortcut.
module attributes {dlti.target_system_spec = #dlti.target_system_spec<"CPU" = #dlti.target_device_spec<"arch_id" = "0x503C", "num_threads" = 8 : i32>>} {
  func.func @conv_1x1_stride2(%x: memref<*xf32>, %w: memref<*xf32>, %o: memref<*xf32>, %gx: i32, %gy: i32, %gz: i32, %px: i32, %py: i32, %pz: i32) {
    %rx = memref.reinterpret_cast %x to offset: [0], sizes: [1, 14, 14, 16], strides: [3136, 224, 16, 1] : memref<*xf32> to memref<1x14x14x16xf32, strided<[3136, 224, 16, 1]>>
    %lx = memref.alloc() : memref<1x14x14x16xf32>
    memref.copy %rx, %lx : memref<1x14x14x16xf32, strided<[3136, 224, 16, 1]>> to memref<1x14x14x16xf32>
    %tx = bufferization.to_tensor %lx restrict writable : memref<1x14x14x16xf32> to tensor<1x14x14x16xf32>
    %rw = memref.reinterpret_cast %w to offset: [0], sizes: [1, 1, 16, 24], strides: [384, 384, 24, 1] : memref<*xf32> to memref<1x1x16x24xf32, strided<[384, 384, 24, 1]>>
    %lw = memref.alloc() : memref<1x1x16x24xf32>
    memref.copy %rw, %lw : memref<1x1x16x24xf32, strided<[384, 384, 24, 1]>> to memref<1x1x16x24xf32>
    %tw = bufferization.to_tensor %lw restrict writable : memref<1x1x16x24xf32> to tensor<1x1x16x24xf32>
    %fv = arith.constant 0.0 : f32
    %e = tensor.empty() : tensor<1x7x7x24xf32>
    %init = linalg.fill ins(%fv : f32) outs(%e : tensor<1x7x7x24xf32>) -> tensor<1x7x7x24xf32>
    %res = linalg.conv_2d_nhwc_hwcf {dilations = dense<[1, 1]> : tensor<2xi64>, strides = dense<[2, 2]> : tensor<2xi64>}
      ins(%tx, %tw : tensor<1x14x14x16xf32>, tensor<1x1x16x24xf32>) outs(%init : tensor<1x7x7x24xf32>) -> tensor<1x7x7x24xf32>
    %dst = memref.reinterpret_cast %o to offset: [0], sizes: [1, 7, 7, 24], strides: [1176, 168, 24, 1] : memref<*xf32> to memref<1x7x7x24xf32, strided<[1176, 168, 24, 1]>>
    bufferization.materialize_in_destination %res in writable %dst : (tensor<1x7x7x24xf32>, memref<1x7x7x24xf32, strided<[1176, 168, 24, 1]>>) -> ()
    return
  }
}

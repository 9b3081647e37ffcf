// out[1x6x7x10] = conv_2d_nhwc_hwcf(pad(x[1x8x9x5], top 1 left 2 bottom 1 right 0), w[3x3x5x10]),
// dilation 2, stride 1: uneven padding, channels not a multiple of the vector length.
module attributes {dlti.target_system_spec = #dlti.target_system_spec<"CPU" = #dlti.target_device_spec<"arch_id" = "0x503C", "num_threads" = 8 : i32>>} {
  func.func @conv_nhwc_dilated(%x: memref<*xf32>, %w: memref<*xf32>, %o: memref<*xf32>, %gx: i32, %gy: i32, %gz: i32, %px: i32, %py: i32, %pz: i32) {
    %rx = memref.reinterpret_cast %x to offset: [0], sizes: [1, 8, 9, 5], strides: [360, 45, 5, 1] : memref<*xf32> to memref<1x8x9x5xf32, strided<[360, 45, 5, 1]>>
    %lx = memref.alloc() : memref<1x8x9x5xf32>
    memref.copy %rx, %lx : memref<1x8x9x5xf32, strided<[360, 45, 5, 1]>> to memref<1x8x9x5xf32>
    %tx = bufferization.to_tensor %lx restrict writable : memref<1x8x9x5xf32> to tensor<1x8x9x5xf32>
    %rw = memref.reinterpret_cast %w to offset: [0], sizes: [3, 3, 5, 10], strides: [150, 50, 10, 1] : memref<*xf32> to memref<3x3x5x10xf32, strided<[150, 50, 10, 1]>>
    %lw = memref.alloc() : memref<3x3x5x10xf32>
    memref.copy %rw, %lw : memref<3x3x5x10xf32, strided<[150, 50, 10, 1]>> to memref<3x3x5x10xf32>
    %tw = bufferization.to_tensor %lw restrict writable : memref<3x3x5x10xf32> to tensor<3x3x5x10xf32>
    %pv = arith.constant 0.0 : f32
    %pad = tensor.pad %tx low[0, 1, 2, 0] high[0, 1, 0, 0] {
    ^bb0(%i0: index, %i1: index, %i2: index, %i3: index):
      tensor.yield %pv : f32
    } : tensor<1x8x9x5xf32> to tensor<1x10x11x5xf32>
    %fv = arith.constant 0.0 : f32
    %e = tensor.empty() : tensor<1x6x7x10xf32>
    %init = linalg.fill ins(%fv : f32) outs(%e : tensor<1x6x7x10xf32>) -> tensor<1x6x7x10xf32>
    %res = linalg.conv_2d_nhwc_hwcf {dilations = dense<[2, 2]> : tensor<2xi64>, strides = dense<[1, 1]> : tensor<2xi64>}
      ins(%pad, %tw : tensor<1x10x11x5xf32>, tensor<3x3x5x10xf32>) outs(%init : tensor<1x6x7x10xf32>) -> tensor<1x6x7x10xf32>
    %dst = memref.reinterpret_cast %o to offset: [0], sizes: [1, 6, 7, 10], strides: [420, 70, 10, 1] : memref<*xf32> to memref<1x6x7x10xf32, strided<[420, 70, 10, 1]>>
    bufferization.materialize_in_destination %res in writable %dst : (tensor<1x6x7x10xf32>, memref<1x6x7x10xf32, strided<[420, 70, 10, 1]>>) -> ()
    return
  }
}

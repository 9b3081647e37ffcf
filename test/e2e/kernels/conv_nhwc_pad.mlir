// out[1x9x9x16] = conv_2d_nhwc_hwcf(pad(x[1x9x9x8], 1), w[3x3x8x16]), stride 1:
// the zero tensor.pad folds into the conv's padding, the zero fill into overwrite.
module attributes {dlti.target_system_spec = #dlti.target_system_spec<"CPU" = #dlti.target_device_spec<"arch_id" = "0x503C", "num_threads" = 8 : i32>>} {
  func.func @conv_nhwc_pad(%x: memref<*xf32>, %w: memref<*xf32>, %o: memref<*xf32>, %gx: i32, %gy: i32, %gz: i32, %px: i32, %py: i32, %pz: i32) {
    %rx = memref.reinterpret_cast %x to offset: [0], sizes: [1, 9, 9, 8], strides: [648, 72, 8, 1] : memref<*xf32> to memref<1x9x9x8xf32, strided<[648, 72, 8, 1]>>
    %lx = memref.alloc() : memref<1x9x9x8xf32>
    memref.copy %rx, %lx : memref<1x9x9x8xf32, strided<[648, 72, 8, 1]>> to memref<1x9x9x8xf32>
    %tx = bufferization.to_tensor %lx restrict writable : memref<1x9x9x8xf32> to tensor<1x9x9x8xf32>
    %rw = memref.reinterpret_cast %w to offset: [0], sizes: [3, 3, 8, 16], strides: [384, 128, 16, 1] : memref<*xf32> to memref<3x3x8x16xf32, strided<[384, 128, 16, 1]>>
    %lw = memref.alloc() : memref<3x3x8x16xf32>
    memref.copy %rw, %lw : memref<3x3x8x16xf32, strided<[384, 128, 16, 1]>> to memref<3x3x8x16xf32>
    %tw = bufferization.to_tensor %lw restrict writable : memref<3x3x8x16xf32> to tensor<3x3x8x16xf32>
    %pv = arith.constant 0.0 : f32
    %pad = tensor.pad %tx low[0, 1, 1, 0] high[0, 1, 1, 0] {
    ^bb0(%i0: index, %i1: index, %i2: index, %i3: index):
      tensor.yield %pv : f32
    } : tensor<1x9x9x8xf32> to tensor<1x11x11x8xf32>
    %fv = arith.constant 0.0 : f32
    %e = tensor.empty() : tensor<1x9x9x16xf32>
    %init = linalg.fill ins(%fv : f32) outs(%e : tensor<1x9x9x16xf32>) -> tensor<1x9x9x16xf32>
    %res = linalg.conv_2d_nhwc_hwcf {dilations = dense<[1, 1]> : tensor<2xi64>, strides = dense<[1, 1]> : tensor<2xi64>}
      ins(%pad, %tw : tensor<1x11x11x8xf32>, tensor<3x3x8x16xf32>) outs(%init : tensor<1x9x9x16xf32>) -> tensor<1x9x9x16xf32>
    %dst = memref.reinterpret_cast %o to offset: [0], sizes: [1, 9, 9, 16], strides: [1296, 144, 16, 1] : memref<*xf32> to memref<1x9x9x16xf32, strided<[1296, 144, 16, 1]>>
    bufferization.materialize_in_destination %res in writable %dst : (tensor<1x9x9x16xf32>, memref<1x9x9x16xf32, strided<[1296, 144, 16, 1]>>) -> ()
    return
  }
}

// out[1x5x5x20] = depthwise_conv_2d_nhwc_hwc(pad(x[1x10x10x20], 1), w[3x3x20]), stride 2.
module attributes {dlti.target_system_spec = #dlti.target_system_spec<"CPU" = #dlti.target_device_spec<"arch_id" = "0x503C", "num_threads" = 8 : i32>>} {
  func.func @depthwise_nhwc(%x: memref<*xf32>, %w: memref<*xf32>, %o: memref<*xf32>, %gx: i32, %gy: i32, %gz: i32, %px: i32, %py: i32, %pz: i32) {
    %rx = memref.reinterpret_cast %x to offset: [0], sizes: [1, 10, 10, 20], strides: [2000, 200, 20, 1] : memref<*xf32> to memref<1x10x10x20xf32, strided<[2000, 200, 20, 1]>>
    %lx = memref.alloc() : memref<1x10x10x20xf32>
    memref.copy %rx, %lx : memref<1x10x10x20xf32, strided<[2000, 200, 20, 1]>> to memref<1x10x10x20xf32>
    %tx = bufferization.to_tensor %lx restrict writable : memref<1x10x10x20xf32> to tensor<1x10x10x20xf32>
    %rw = memref.reinterpret_cast %w to offset: [0], sizes: [3, 3, 20], strides: [60, 20, 1] : memref<*xf32> to memref<3x3x20xf32, strided<[60, 20, 1]>>
    %lw = memref.alloc() : memref<3x3x20xf32>
    memref.copy %rw, %lw : memref<3x3x20xf32, strided<[60, 20, 1]>> to memref<3x3x20xf32>
    %tw = bufferization.to_tensor %lw restrict writable : memref<3x3x20xf32> to tensor<3x3x20xf32>
    %pv = arith.constant 0.0 : f32
    %pad = tensor.pad %tx low[0, 1, 1, 0] high[0, 1, 1, 0] {
    ^bb0(%i0: index, %i1: index, %i2: index, %i3: index):
      tensor.yield %pv : f32
    } : tensor<1x10x10x20xf32> to tensor<1x12x12x20xf32>
    %fv = arith.constant 0.0 : f32
    %e = tensor.empty() : tensor<1x5x5x20xf32>
    %init = linalg.fill ins(%fv : f32) outs(%e : tensor<1x5x5x20xf32>) -> tensor<1x5x5x20xf32>
    %res = linalg.depthwise_conv_2d_nhwc_hwc {dilations = dense<[1, 1]> : tensor<2xi64>, strides = dense<[2, 2]> : tensor<2xi64>}
      ins(%pad, %tw : tensor<1x12x12x20xf32>, tensor<3x3x20xf32>) outs(%init : tensor<1x5x5x20xf32>) -> tensor<1x5x5x20xf32>
    %dst = memref.reinterpret_cast %o to offset: [0], sizes: [1, 5, 5, 20], strides: [500, 100, 20, 1] : memref<*xf32> to memref<1x5x5x20xf32, strided<[500, 100, 20, 1]>>
    bufferization.materialize_in_destination %res in writable %dst : (tensor<1x5x5x20xf32>, memref<1x5x5x20xf32, strided<[500, 100, 20, 1]>>) -> ()
    return
  }
}

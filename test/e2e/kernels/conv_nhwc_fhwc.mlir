// out[1x8x8x12] = conv_2d_nhwc_fhwc(pad(x[1x10x10x6], top/left 1), w[12x3x3x6]), stride 1:
// TensorFlow/ONNX-style FHWC weights.
module attributes {dlti.target_system_spec = #dlti.target_system_spec<"CPU" = #dlti.target_device_spec<"arch_id" = "0x503C", "num_threads" = 8 : i32>>} {
  func.func @conv_nhwc_fhwc(%x: memref<*xf32>, %w: memref<*xf32>, %o: memref<*xf32>, %gx: i32, %gy: i32, %gz: i32, %px: i32, %py: i32, %pz: i32) {
    %rx = memref.reinterpret_cast %x to offset: [0], sizes: [1, 10, 10, 6], strides: [600, 60, 6, 1] : memref<*xf32> to memref<1x10x10x6xf32, strided<[600, 60, 6, 1]>>
    %lx = memref.alloc() : memref<1x10x10x6xf32>
    memref.copy %rx, %lx : memref<1x10x10x6xf32, strided<[600, 60, 6, 1]>> to memref<1x10x10x6xf32>
    %tx = bufferization.to_tensor %lx restrict writable : memref<1x10x10x6xf32> to tensor<1x10x10x6xf32>
    %rw = memref.reinterpret_cast %w to offset: [0], sizes: [12, 3, 3, 6], strides: [54, 18, 6, 1] : memref<*xf32> to memref<12x3x3x6xf32, strided<[54, 18, 6, 1]>>
    %lw = memref.alloc() : memref<12x3x3x6xf32>
    memref.copy %rw, %lw : memref<12x3x3x6xf32, strided<[54, 18, 6, 1]>> to memref<12x3x3x6xf32>
    %tw = bufferization.to_tensor %lw restrict writable : memref<12x3x3x6xf32> to tensor<12x3x3x6xf32>
    %pv = arith.constant 0.0 : f32
    %pad = tensor.pad %tx low[0, 1, 1, 0] high[0, 0, 0, 0] {
    ^bb0(%i0: index, %i1: index, %i2: index, %i3: index):
      tensor.yield %pv : f32
    } : tensor<1x10x10x6xf32> to tensor<1x11x11x6xf32>
    %fv = arith.constant 0.0 : f32
    %e = tensor.empty() : tensor<1x9x9x12xf32>
    %init = linalg.fill ins(%fv : f32) outs(%e : tensor<1x9x9x12xf32>) -> tensor<1x9x9x12xf32>
    %res = linalg.conv_2d_nhwc_fhwc {dilations = dense<[1, 1]> : tensor<2xi64>, strides = dense<[1, 1]> : tensor<2xi64>}
      ins(%pad, %tw : tensor<1x11x11x6xf32>, tensor<12x3x3x6xf32>) outs(%init : tensor<1x9x9x12xf32>) -> tensor<1x9x9x12xf32>
    %dst = memref.reinterpret_cast %o to offset: [0], sizes: [1, 9, 9, 12], strides: [972, 108, 12, 1] : memref<*xf32> to memref<1x9x9x12xf32, strided<[972, 108, 12, 1]>>
    bufferization.materialize_in_destination %res in writable %dst : (tensor<1x9x9x12xf32>, memref<1x9x9x12xf32, strided<[972, 108, 12, 1]>>) -> ()
    return
  }
}

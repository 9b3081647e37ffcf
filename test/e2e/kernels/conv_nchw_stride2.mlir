// out[2x12x5x5] += conv_2d_nchw_fchw(x[2x8x11x11], w[12x8x3x3]), stride 2:
// accumulates into the output's contents (no fill).
module attributes {dlti.target_system_spec = #dlti.target_system_spec<"CPU" = #dlti.target_device_spec<"arch_id" = "0x503C", "num_threads" = 8 : i32>>} {
  func.func @conv_nchw_stride2(%x: memref<*xf32>, %w: memref<*xf32>, %o: memref<*xf32>, %gx: i32, %gy: i32, %gz: i32, %px: i32, %py: i32, %pz: i32) {
    %rx = memref.reinterpret_cast %x to offset: [0], sizes: [2, 8, 11, 11], strides: [968, 121, 11, 1] : memref<*xf32> to memref<2x8x11x11xf32, strided<[968, 121, 11, 1]>>
    %lx = memref.alloc() : memref<2x8x11x11xf32>
    memref.copy %rx, %lx : memref<2x8x11x11xf32, strided<[968, 121, 11, 1]>> to memref<2x8x11x11xf32>
    %tx = bufferization.to_tensor %lx restrict writable : memref<2x8x11x11xf32> to tensor<2x8x11x11xf32>
    %rw = memref.reinterpret_cast %w to offset: [0], sizes: [12, 8, 3, 3], strides: [72, 9, 3, 1] : memref<*xf32> to memref<12x8x3x3xf32, strided<[72, 9, 3, 1]>>
    %lw = memref.alloc() : memref<12x8x3x3xf32>
    memref.copy %rw, %lw : memref<12x8x3x3xf32, strided<[72, 9, 3, 1]>> to memref<12x8x3x3xf32>
    %tw = bufferization.to_tensor %lw restrict writable : memref<12x8x3x3xf32> to tensor<12x8x3x3xf32>
    %ro = memref.reinterpret_cast %o to offset: [0], sizes: [2, 12, 5, 5], strides: [300, 25, 5, 1] : memref<*xf32> to memref<2x12x5x5xf32, strided<[300, 25, 5, 1]>>
    %lo = memref.alloc() : memref<2x12x5x5xf32>
    memref.copy %ro, %lo : memref<2x12x5x5xf32, strided<[300, 25, 5, 1]>> to memref<2x12x5x5xf32>
    %init = bufferization.to_tensor %lo restrict writable : memref<2x12x5x5xf32> to tensor<2x12x5x5xf32>
    %res = linalg.conv_2d_nchw_fchw {dilations = dense<[1, 1]> : tensor<2xi64>, strides = dense<[2, 2]> : tensor<2xi64>}
      ins(%tx, %tw : tensor<2x8x11x11xf32>, tensor<12x8x3x3xf32>) outs(%init : tensor<2x12x5x5xf32>) -> tensor<2x12x5x5xf32>
    %dst = memref.reinterpret_cast %o to offset: [0], sizes: [2, 12, 5, 5], strides: [300, 25, 5, 1] : memref<*xf32> to memref<2x12x5x5xf32, strided<[300, 25, 5, 1]>>
    bufferization.materialize_in_destination %res in writable %dst : (tensor<2x12x5x5xf32>, memref<2x12x5x5xf32, strided<[300, 25, 5, 1]>>) -> ()
    return
  }
}

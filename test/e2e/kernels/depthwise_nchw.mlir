// out[1x6x5x5] += depthwise_conv_2d_nchw_chw(x[1x6x9x9], w[6x3x3]), dilation 2.
module attributes {dlti.target_system_spec = #dlti.target_system_spec<"CPU" = #dlti.target_device_spec<"arch_id" = "0x503C", "num_threads" = 8 : i32>>} {
  func.func @depthwise_nchw(%x: memref<*xf32>, %w: memref<*xf32>, %o: memref<*xf32>, %gx: i32, %gy: i32, %gz: i32, %px: i32, %py: i32, %pz: i32) {
    %rx = memref.reinterpret_cast %x to offset: [0], sizes: [1, 6, 9, 9], strides: [486, 81, 9, 1] : memref<*xf32> to memref<1x6x9x9xf32, strided<[486, 81, 9, 1]>>
    %lx = memref.alloc() : memref<1x6x9x9xf32>
    memref.copy %rx, %lx : memref<1x6x9x9xf32, strided<[486, 81, 9, 1]>> to memref<1x6x9x9xf32>
    %tx = bufferization.to_tensor %lx restrict writable : memref<1x6x9x9xf32> to tensor<1x6x9x9xf32>
    %rw = memref.reinterpret_cast %w to offset: [0], sizes: [6, 3, 3], strides: [9, 3, 1] : memref<*xf32> to memref<6x3x3xf32, strided<[9, 3, 1]>>
    %lw = memref.alloc() : memref<6x3x3xf32>
    memref.copy %rw, %lw : memref<6x3x3xf32, strided<[9, 3, 1]>> to memref<6x3x3xf32>
    %tw = bufferization.to_tensor %lw restrict writable : memref<6x3x3xf32> to tensor<6x3x3xf32>
    %ro = memref.reinterpret_cast %o to offset: [0], sizes: [1, 6, 5, 5], strides: [150, 25, 5, 1] : memref<*xf32> to memref<1x6x5x5xf32, strided<[150, 25, 5, 1]>>
    %lo = memref.alloc() : memref<1x6x5x5xf32>
    memref.copy %ro, %lo : memref<1x6x5x5xf32, strided<[150, 25, 5, 1]>> to memref<1x6x5x5xf32>
    %init = bufferization.to_tensor %lo restrict writable : memref<1x6x5x5xf32> to tensor<1x6x5x5xf32>
    %res = linalg.depthwise_conv_2d_nchw_chw {dilations = dense<[2, 2]> : tensor<2xi64>, strides = dense<[1, 1]> : tensor<2xi64>}
      ins(%tx, %tw : tensor<1x6x9x9xf32>, tensor<6x3x3xf32>) outs(%init : tensor<1x6x5x5xf32>) -> tensor<1x6x5x5xf32>
    %dst = memref.reinterpret_cast %o to offset: [0], sizes: [1, 6, 5, 5], strides: [150, 25, 5, 1] : memref<*xf32> to memref<1x6x5x5xf32, strided<[150, 25, 5, 1]>>
    bufferization.materialize_in_destination %res in writable %dst : (tensor<1x6x5x5xf32>, memref<1x6x5x5xf32, strided<[150, 25, 5, 1]>>) -> ()
    return
  }
}

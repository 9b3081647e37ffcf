// out[1x4x4x7] = min(out, pooling_nhwc_min(x[1x9x9x7])), window 3x3, stride 2:
// accumulates into the output's contents.
module attributes {dlti.target_system_spec = #dlti.target_system_spec<"CPU" = #dlti.target_device_spec<"arch_id" = "0x503C", "num_threads" = 8 : i32>>} {
  func.func @minpool_nhwc_acc(%x: memref<*xf32>, %o: memref<*xf32>, %gx: i32, %gy: i32, %gz: i32, %px: i32, %py: i32, %pz: i32) {
    %rx = memref.reinterpret_cast %x to offset: [0], sizes: [1, 9, 9, 7], strides: [567, 63, 7, 1] : memref<*xf32> to memref<1x9x9x7xf32, strided<[567, 63, 7, 1]>>
    %lx = memref.alloc() : memref<1x9x9x7xf32>
    memref.copy %rx, %lx : memref<1x9x9x7xf32, strided<[567, 63, 7, 1]>> to memref<1x9x9x7xf32>
    %tx = bufferization.to_tensor %lx restrict writable : memref<1x9x9x7xf32> to tensor<1x9x9x7xf32>
    %ro = memref.reinterpret_cast %o to offset: [0], sizes: [1, 4, 4, 7], strides: [112, 28, 7, 1] : memref<*xf32> to memref<1x4x4x7xf32, strided<[112, 28, 7, 1]>>
    %lo = memref.alloc() : memref<1x4x4x7xf32>
    memref.copy %ro, %lo : memref<1x4x4x7xf32, strided<[112, 28, 7, 1]>> to memref<1x4x4x7xf32>
    %init = bufferization.to_tensor %lo restrict writable : memref<1x4x4x7xf32> to tensor<1x4x4x7xf32>
    %win = tensor.empty() : tensor<3x3xf32>
    %res = linalg.pooling_nhwc_min {dilations = dense<[1, 1]> : tensor<2xi64>, strides = dense<[2, 2]> : tensor<2xi64>}
      ins(%tx, %win : tensor<1x9x9x7xf32>, tensor<3x3xf32>) outs(%init : tensor<1x4x4x7xf32>) -> tensor<1x4x4x7xf32>
    %dst = memref.reinterpret_cast %o to offset: [0], sizes: [1, 4, 4, 7], strides: [112, 28, 7, 1] : memref<*xf32> to memref<1x4x4x7xf32, strided<[112, 28, 7, 1]>>
    bufferization.materialize_in_destination %res in writable %dst : (tensor<1x4x4x7xf32>, memref<1x4x4x7xf32, strided<[112, 28, 7, 1]>>) -> ()
    return
  }
}

// out[1x6x6x16] = pooling_nhwc_max(pad(x[1x12x12x16], 1, -inf)), window 3x3, stride 2
// (ResNet's stem pooling; -inf pad and fill fold away).
module attributes {dlti.target_system_spec = #dlti.target_system_spec<"CPU" = #dlti.target_device_spec<"arch_id" = "0x503C", "num_threads" = 8 : i32>>} {
  func.func @maxpool_nhwc(%x: memref<*xf32>, %o: memref<*xf32>, %gx: i32, %gy: i32, %gz: i32, %px: i32, %py: i32, %pz: i32) {
    %rx = memref.reinterpret_cast %x to offset: [0], sizes: [1, 12, 12, 16], strides: [2304, 192, 16, 1] : memref<*xf32> to memref<1x12x12x16xf32, strided<[2304, 192, 16, 1]>>
    %lx = memref.alloc() : memref<1x12x12x16xf32>
    memref.copy %rx, %lx : memref<1x12x12x16xf32, strided<[2304, 192, 16, 1]>> to memref<1x12x12x16xf32>
    %tx = bufferization.to_tensor %lx restrict writable : memref<1x12x12x16xf32> to tensor<1x12x12x16xf32>
    %pv = arith.constant 0xFF800000 : f32
    %pad = tensor.pad %tx low[0, 1, 1, 0] high[0, 1, 1, 0] {
    ^bb0(%i0: index, %i1: index, %i2: index, %i3: index):
      tensor.yield %pv : f32
    } : tensor<1x12x12x16xf32> to tensor<1x14x14x16xf32>
    %fv = arith.constant 0xFF800000 : f32
    %e = tensor.empty() : tensor<1x6x6x16xf32>
    %init = linalg.fill ins(%fv : f32) outs(%e : tensor<1x6x6x16xf32>) -> tensor<1x6x6x16xf32>
    %win = tensor.empty() : tensor<3x3xf32>
    %res = linalg.pooling_nhwc_max {dilations = dense<[1, 1]> : tensor<2xi64>, strides = dense<[2, 2]> : tensor<2xi64>}
      ins(%pad, %win : tensor<1x14x14x16xf32>, tensor<3x3xf32>) outs(%init : tensor<1x6x6x16xf32>) -> tensor<1x6x6x16xf32>
    %dst = memref.reinterpret_cast %o to offset: [0], sizes: [1, 6, 6, 16], strides: [576, 96, 16, 1] : memref<*xf32> to memref<1x6x6x16xf32, strided<[576, 96, 16, 1]>>
    bufferization.materialize_in_destination %res in writable %dst : (tensor<1x6x6x16xf32>, memref<1x6x6x16xf32, strided<[576, 96, 16, 1]>>) -> ()
    return
  }
}

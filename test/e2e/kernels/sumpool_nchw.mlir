// out[2x5x4x4] = pooling_nchw_sum(x[2x5x9x9]), window 2x2, stride 2.
module attributes {dlti.target_system_spec = #dlti.target_system_spec<"CPU" = #dlti.target_device_spec<"arch_id" = "0x503C", "num_threads" = 8 : i32>>} {
  func.func @sumpool_nchw(%x: memref<*xf32>, %o: memref<*xf32>, %gx: i32, %gy: i32, %gz: i32, %px: i32, %py: i32, %pz: i32) {
    %rx = memref.reinterpret_cast %x to offset: [0], sizes: [2, 5, 9, 9], strides: [405, 81, 9, 1] : memref<*xf32> to memref<2x5x9x9xf32, strided<[405, 81, 9, 1]>>
    %lx = memref.alloc() : memref<2x5x9x9xf32>
    memref.copy %rx, %lx : memref<2x5x9x9xf32, strided<[405, 81, 9, 1]>> to memref<2x5x9x9xf32>
    %tx = bufferization.to_tensor %lx restrict writable : memref<2x5x9x9xf32> to tensor<2x5x9x9xf32>
    %fv = arith.constant 0.0 : f32
    %e = tensor.empty() : tensor<2x5x4x4xf32>
    %init = linalg.fill ins(%fv : f32) outs(%e : tensor<2x5x4x4xf32>) -> tensor<2x5x4x4xf32>
    %win = tensor.empty() : tensor<2x2xf32>
    %res = linalg.pooling_nchw_sum {dilations = dense<[1, 1]> : tensor<2xi64>, strides = dense<[2, 2]> : tensor<2xi64>}
      ins(%tx, %win : tensor<2x5x9x9xf32>, tensor<2x2xf32>) outs(%init : tensor<2x5x4x4xf32>) -> tensor<2x5x4x4xf32>
    %dst = memref.reinterpret_cast %o to offset: [0], sizes: [2, 5, 4, 4], strides: [80, 16, 4, 1] : memref<*xf32> to memref<2x5x4x4xf32, strided<[80, 16, 4, 1]>>
    bufferization.materialize_in_destination %res in writable %dst : (tensor<2x5x4x4xf32>, memref<2x5x4x4xf32, strided<[80, 16, 4, 1]>>) -> ()
    return
  }
}

// out[1x4x4x12] i32 = pooling_nhwc_max(x[1x9x9x12] i8), window 3x3, stride 2;
// the INT32_MIN fill folds into overwrite mode.
module attributes {dlti.target_system_spec = #dlti.target_system_spec<"CPU" = #dlti.target_device_spec<"arch_id" = "0x503C", "num_threads" = 8 : i32>>} {
  func.func @maxpool_i8_i32(%x: memref<*xi8>, %o: memref<*xi32>, %gx: i32, %gy: i32, %gz: i32, %px: i32, %py: i32, %pz: i32) {
    %rx = memref.reinterpret_cast %x to offset: [0], sizes: [1, 9, 9, 12], strides: [972, 108, 12, 1] : memref<*xi8> to memref<1x9x9x12xi8, strided<[972, 108, 12, 1]>>
    %lx = memref.alloc() : memref<1x9x9x12xi8>
    memref.copy %rx, %lx : memref<1x9x9x12xi8, strided<[972, 108, 12, 1]>> to memref<1x9x9x12xi8>
    %tx = bufferization.to_tensor %lx restrict writable : memref<1x9x9x12xi8> to tensor<1x9x9x12xi8>
    %fv = arith.constant -2147483648 : i32
    %e = tensor.empty() : tensor<1x4x4x12xi32>
    %init = linalg.fill ins(%fv : i32) outs(%e : tensor<1x4x4x12xi32>) -> tensor<1x4x4x12xi32>
    %win = tensor.empty() : tensor<3x3xi8>
    %res = linalg.pooling_nhwc_max {dilations = dense<[1, 1]> : tensor<2xi64>, strides = dense<[2, 2]> : tensor<2xi64>}
      ins(%tx, %win : tensor<1x9x9x12xi8>, tensor<3x3xi8>) outs(%init : tensor<1x4x4x12xi32>) -> tensor<1x4x4x12xi32>
    %dst = memref.reinterpret_cast %o to offset: [0], sizes: [1, 4, 4, 12], strides: [192, 48, 12, 1] : memref<*xi32> to memref<1x4x4x12xi32, strided<[192, 48, 12, 1]>>
    bufferization.materialize_in_destination %res in writable %dst : (tensor<1x4x4x12xi32>, memref<1x4x4x12xi32, strided<[192, 48, 12, 1]>>) -> ()
    return
  }
}

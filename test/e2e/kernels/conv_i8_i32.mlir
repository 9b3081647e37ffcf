// out[1x7x7x32] i32 = conv_2d_nhwc_hwcf(pad(x[1x7x7x16] i8, 1), w[3x3x16x32] i8)
// (sign-extended): IME kernels on a K1.
module attributes {dlti.target_system_spec = #dlti.target_system_spec<"CPU" = #dlti.target_device_spec<"arch_id" = "0x503C", "num_threads" = 8 : i32>>} {
  func.func @conv_i8_i32(%x: memref<*xi8>, %w: memref<*xi8>, %o: memref<*xi32>, %gx: i32, %gy: i32, %gz: i32, %px: i32, %py: i32, %pz: i32) {
    %rx = memref.reinterpret_cast %x to offset: [0], sizes: [1, 7, 7, 16], strides: [784, 112, 16, 1] : memref<*xi8> to memref<1x7x7x16xi8, strided<[784, 112, 16, 1]>>
    %lx = memref.alloc() : memref<1x7x7x16xi8>
    memref.copy %rx, %lx : memref<1x7x7x16xi8, strided<[784, 112, 16, 1]>> to memref<1x7x7x16xi8>
    %tx = bufferization.to_tensor %lx restrict writable : memref<1x7x7x16xi8> to tensor<1x7x7x16xi8>
    %rw = memref.reinterpret_cast %w to offset: [0], sizes: [3, 3, 16, 32], strides: [1536, 512, 32, 1] : memref<*xi8> to memref<3x3x16x32xi8, strided<[1536, 512, 32, 1]>>
    %lw = memref.alloc() : memref<3x3x16x32xi8>
    memref.copy %rw, %lw : memref<3x3x16x32xi8, strided<[1536, 512, 32, 1]>> to memref<3x3x16x32xi8>
    %tw = bufferization.to_tensor %lw restrict writable : memref<3x3x16x32xi8> to tensor<3x3x16x32xi8>
    %pv = arith.constant 0 : i8
    %pad = tensor.pad %tx low[0, 1, 1, 0] high[0, 1, 1, 0] {
    ^bb0(%i0: index, %i1: index, %i2: index, %i3: index):
      tensor.yield %pv : i8
    } : tensor<1x7x7x16xi8> to tensor<1x9x9x16xi8>
    %fv = arith.constant 0 : i32
    %e = tensor.empty() : tensor<1x7x7x32xi32>
    %init = linalg.fill ins(%fv : i32) outs(%e : tensor<1x7x7x32xi32>) -> tensor<1x7x7x32xi32>
    %res = linalg.conv_2d_nhwc_hwcf {dilations = dense<[1, 1]> : tensor<2xi64>, strides = dense<[1, 1]> : tensor<2xi64>}
      ins(%pad, %tw : tensor<1x9x9x16xi8>, tensor<3x3x16x32xi8>) outs(%init : tensor<1x7x7x32xi32>) -> tensor<1x7x7x32xi32>
    %dst = memref.reinterpret_cast %o to offset: [0], sizes: [1, 7, 7, 32], strides: [1568, 224, 32, 1] : memref<*xi32> to memref<1x7x7x32xi32, strided<[1568, 224, 32, 1]>>
    bufferization.materialize_in_destination %res in writable %dst : (tensor<1x7x7x32xi32>, memref<1x7x7x32xi32, strided<[1568, 224, 32, 1]>>) -> ()
    return
  }
}

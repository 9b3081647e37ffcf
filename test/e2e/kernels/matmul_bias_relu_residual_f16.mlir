// O[M x 37] = f16(relu(A[M x 29] . B[29 x 37] + bias[37]) + R[M x 37]) with
// f16 bias, residual and output, the f32 accumulator never stored: the
// elementwise tail is speir.gemm's epilogue (bias, relu, residual, convert).
module attributes {dlti.target_system_spec = #dlti.target_system_spec<"CPU" = #dlti.target_device_spec<"arch_id" = "0x503C", "num_threads" = 8 : i32>>} {
  func.func @matmul_bias_relu_residual_f16(%a: memref<*xf32>, %b: memref<*xf32>, %bias: memref<*xf16>, %res: memref<*xf16>, %o: memref<*xf16>, %M: i32, %gx: i32, %gy: i32, %gz: i32, %px: i32, %py: i32, %pz: i32) {
    %zero = arith.constant 0.0 : f32
    %m = arith.index_cast %M : i32 to index
    %ra = memref.reinterpret_cast %a to offset: [0], sizes: [%m, 29], strides: [29, 1] : memref<*xf32> to memref<?x29xf32, strided<[29, 1]>>
    %rb = memref.reinterpret_cast %b to offset: [0], sizes: [29, 37], strides: [37, 1] : memref<*xf32> to memref<29x37xf32, strided<[37, 1]>>
    %rbias = memref.reinterpret_cast %bias to offset: [0], sizes: [37], strides: [1] : memref<*xf16> to memref<37xf16, strided<[1]>>
    %rres = memref.reinterpret_cast %res to offset: [0], sizes: [%m, 37], strides: [37, 1] : memref<*xf16> to memref<?x37xf16, strided<[37, 1]>>
    %ta = bufferization.to_tensor %ra restrict : memref<?x29xf32, strided<[29, 1]>> to tensor<?x29xf32>
    %tb = bufferization.to_tensor %rb restrict : memref<29x37xf32, strided<[37, 1]>> to tensor<29x37xf32>
    %tbias = bufferization.to_tensor %rbias restrict : memref<37xf16, strided<[1]>> to tensor<37xf16>
    %tres = bufferization.to_tensor %rres restrict : memref<?x37xf16, strided<[37, 1]>> to tensor<?x37xf16>
    %e = tensor.empty(%m) : tensor<?x37xf32>
    %f = linalg.fill ins(%zero : f32) outs(%e : tensor<?x37xf32>) -> tensor<?x37xf32>
    %mm = linalg.matmul ins(%ta, %tb : tensor<?x29xf32>, tensor<29x37xf32>) outs(%f : tensor<?x37xf32>) -> tensor<?x37xf32>
    %eo = tensor.empty(%m) : tensor<?x37xf16>
    %r = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%mm, %tbias, %tres : tensor<?x37xf32>, tensor<37xf16>, tensor<?x37xf16>) outs(%eo : tensor<?x37xf16>) {
    ^bb0(%x: f32, %y: f16, %z: f16, %out: f16):
      %yf = arith.extf %y : f16 to f32
      %s = arith.addf %x, %yf : f32
      %rl = arith.maximumf %s, %zero : f32
      %zf = arith.extf %z : f16 to f32
      %t = arith.addf %rl, %zf : f32
      %h = arith.truncf %t : f32 to f16
      linalg.yield %h : f16
    } -> tensor<?x37xf16>
    %ro = memref.reinterpret_cast %o to offset: [0], sizes: [%m, 37], strides: [37, 1] : memref<*xf16> to memref<?x37xf16, strided<[37, 1]>>
    bufferization.materialize_in_destination %r in writable %ro : (tensor<?x37xf16>, memref<?x37xf16, strided<[37, 1]>>) -> ()
    return
  }
}

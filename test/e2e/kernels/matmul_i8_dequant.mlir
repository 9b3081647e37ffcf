// O[M x 37] = f32(A[M x 29] . B[29 x 37]) * scale[37] + bias[37] with int8
// operands and an int32 accumulator: per-channel dequantization as
// speir.gemm's epilogue (scale, bias), the int32 C never stored.
module attributes {dlti.target_system_spec = #dlti.target_system_spec<"CPU" = #dlti.target_device_spec<"arch_id" = "0x503C", "num_threads" = 8 : i32>>} {
  func.func @matmul_i8_dequant(%a: memref<*xi8>, %b: memref<*xi8>, %scale: memref<*xf32>, %bias: memref<*xf32>, %o: memref<*xf32>, %M: i32, %gx: i32, %gy: i32, %gz: i32, %px: i32, %py: i32, %pz: i32) {
    %zero = arith.constant 0 : i32
    %m = arith.index_cast %M : i32 to index
    %ra = memref.reinterpret_cast %a to offset: [0], sizes: [%m, 29], strides: [29, 1] : memref<*xi8> to memref<?x29xi8, strided<[29, 1]>>
    %rb = memref.reinterpret_cast %b to offset: [0], sizes: [29, 37], strides: [37, 1] : memref<*xi8> to memref<29x37xi8, strided<[37, 1]>>
    %rscale = memref.reinterpret_cast %scale to offset: [0], sizes: [37], strides: [1] : memref<*xf32> to memref<37xf32, strided<[1]>>
    %rbias = memref.reinterpret_cast %bias to offset: [0], sizes: [37], strides: [1] : memref<*xf32> to memref<37xf32, strided<[1]>>
    %ta = bufferization.to_tensor %ra restrict : memref<?x29xi8, strided<[29, 1]>> to tensor<?x29xi8>
    %tb = bufferization.to_tensor %rb restrict : memref<29x37xi8, strided<[37, 1]>> to tensor<29x37xi8>
    %tscale = bufferization.to_tensor %rscale restrict : memref<37xf32, strided<[1]>> to tensor<37xf32>
    %tbias = bufferization.to_tensor %rbias restrict : memref<37xf32, strided<[1]>> to tensor<37xf32>
    %e = tensor.empty(%m) : tensor<?x37xi32>
    %f = linalg.fill ins(%zero : i32) outs(%e : tensor<?x37xi32>) -> tensor<?x37xi32>
    %mm = linalg.matmul ins(%ta, %tb : tensor<?x29xi8>, tensor<29x37xi8>) outs(%f : tensor<?x37xi32>) -> tensor<?x37xi32>
    %eo = tensor.empty(%m) : tensor<?x37xf32>
    %r = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%mm, %tscale, %tbias : tensor<?x37xi32>, tensor<37xf32>, tensor<37xf32>) outs(%eo : tensor<?x37xf32>) {
    ^bb0(%x: i32, %s: f32, %y: f32, %out: f32):
      %xf = arith.sitofp %x : i32 to f32
      %d = arith.mulf %xf, %s : f32
      %t = arith.addf %d, %y : f32
      linalg.yield %t : f32
    } -> tensor<?x37xf32>
    %ro = memref.reinterpret_cast %o to offset: [0], sizes: [%m, 37], strides: [37, 1] : memref<*xf32> to memref<?x37xf32, strided<[37, 1]>>
    bufferization.materialize_in_destination %r in writable %ro : (tensor<?x37xf32>, memref<?x37xf32, strided<[37, 1]>>) -> ()
    return
  }
}

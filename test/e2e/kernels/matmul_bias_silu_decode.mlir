// C[M x 37] = silu(A[M x 29] . B[29 x 37] + bias[37]) for a decode-shaped M
// given at run time (one program): the bias broadcast and the silu after the
// matmul become speir.gemm's epilogue (speir_gemm_fused), odd N and K.
module attributes {dlti.target_system_spec = #dlti.target_system_spec<"CPU" = #dlti.target_device_spec<"arch_id" = "0x503C", "num_threads" = 8 : i32>>} {
  func.func @matmul_bias_silu_decode(%a: memref<*xf32>, %b: memref<*xf32>, %bias: memref<*xf32>, %c: memref<*xf32>, %M: i32, %gx: i32, %gy: i32, %gz: i32, %px: i32, %py: i32, %pz: i32) {
    %zero = arith.constant 0.0 : f32
    %one = arith.constant 1.0 : f32
    %m = arith.index_cast %M : i32 to index
    %ra = memref.reinterpret_cast %a to offset: [0], sizes: [%m, 29], strides: [29, 1] : memref<*xf32> to memref<?x29xf32, strided<[29, 1]>>
    %rb = memref.reinterpret_cast %b to offset: [0], sizes: [29, 37], strides: [37, 1] : memref<*xf32> to memref<29x37xf32, strided<[37, 1]>>
    %rbias = memref.reinterpret_cast %bias to offset: [0], sizes: [37], strides: [1] : memref<*xf32> to memref<37xf32, strided<[1]>>
    %la = memref.alloc(%m) : memref<?x29xf32>
    memref.copy %ra, %la : memref<?x29xf32, strided<[29, 1]>> to memref<?x29xf32>
    %ta = bufferization.to_tensor %la restrict writable : memref<?x29xf32> to tensor<?x29xf32>
    %lb = memref.alloc() : memref<29x37xf32>
    memref.copy %rb, %lb : memref<29x37xf32, strided<[37, 1]>> to memref<29x37xf32>
    %tb = bufferization.to_tensor %lb restrict writable : memref<29x37xf32> to tensor<29x37xf32>
    %lbias = memref.alloc() : memref<37xf32>
    memref.copy %rbias, %lbias : memref<37xf32, strided<[1]>> to memref<37xf32>
    %tbias = bufferization.to_tensor %lbias restrict writable : memref<37xf32> to tensor<37xf32>
    %e = tensor.empty(%m) : tensor<?x37xf32>
    %f = linalg.fill ins(%zero : f32) outs(%e : tensor<?x37xf32>) -> tensor<?x37xf32>
    %mm = linalg.matmul ins(%ta, %tb : tensor<?x29xf32>, tensor<29x37xf32>) outs(%f : tensor<?x37xf32>) -> tensor<?x37xf32>
    %eb = tensor.empty(%m) : tensor<?x37xf32>
    %bb = linalg.broadcast ins(%tbias : tensor<37xf32>) outs(%eb : tensor<?x37xf32>) dimensions = [0]
    %r = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%mm, %bb : tensor<?x37xf32>, tensor<?x37xf32>) outs(%mm : tensor<?x37xf32>) {
    ^bb0(%x: f32, %y: f32, %o: f32):
      %s = arith.addf %x, %y : f32
      %ns = arith.negf %s : f32
      %ex = math.exp %ns : f32
      %den = arith.addf %ex, %one : f32
      %sg = arith.divf %s, %den : f32
      linalg.yield %sg : f32
    } -> tensor<?x37xf32>
    %rc = memref.reinterpret_cast %c to offset: [0], sizes: [%m, 37], strides: [37, 1] : memref<*xf32> to memref<?x37xf32, strided<[37, 1]>>
    bufferization.materialize_in_destination %r in writable %rc : (tensor<?x37xf32>, memref<?x37xf32, strided<[37, 1]>>) -> ()
    return
  }
}

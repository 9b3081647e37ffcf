// C[24x20] = A[24x28] . Bt[20x28]^T with B transposed, as a linalg.generic
// contraction reading B as (n, k). Grid 1x1x1.
module attributes {dlti.target_system_spec = #dlti.target_system_spec<"CPU" = #dlti.target_device_spec<"arch_id" = "0x503C", "num_threads" = 8 : i32>>} {
  func.func @matmul_bt_generic(%a: memref<*xf32>, %bt: memref<*xf32>, %c: memref<*xf32>, %gx: i32, %gy: i32, %gz: i32, %px: i32, %py: i32, %pz: i32) {
    %zero = arith.constant 0.0 : f32
    %ra = memref.reinterpret_cast %a to offset: [0], sizes: [24, 28], strides: [28, 1] : memref<*xf32> to memref<24x28xf32, strided<[28, 1]>>
    %rb = memref.reinterpret_cast %bt to offset: [0], sizes: [20, 28], strides: [28, 1] : memref<*xf32> to memref<20x28xf32, strided<[28, 1]>>
    %la = memref.alloc() : memref<24x28xf32>
    memref.copy %ra, %la : memref<24x28xf32, strided<[28, 1]>> to memref<24x28xf32>
    %ta = bufferization.to_tensor %la restrict writable : memref<24x28xf32> to tensor<24x28xf32>
    %lb = memref.alloc() : memref<20x28xf32>
    memref.copy %rb, %lb : memref<20x28xf32, strided<[28, 1]>> to memref<20x28xf32>
    %tb = bufferization.to_tensor %lb restrict writable : memref<20x28xf32> to tensor<20x28xf32>
    %e = tensor.empty() : tensor<24x20xf32>
    %f = linalg.fill ins(%zero : f32) outs(%e : tensor<24x20xf32>) -> tensor<24x20xf32>
    %mm = linalg.generic {indexing_maps = [affine_map<(m, n, k) -> (m, k)>, affine_map<(m, n, k) -> (n, k)>, affine_map<(m, n, k) -> (m, n)>], iterator_types = ["parallel", "parallel", "reduction"]} ins(%ta, %tb : tensor<24x28xf32>, tensor<20x28xf32>) outs(%f : tensor<24x20xf32>) {
    ^bb0(%x: f32, %y: f32, %acc: f32):
      %p = arith.mulf %x, %y : f32
      %s = arith.addf %acc, %p : f32
      linalg.yield %s : f32
    } -> tensor<24x20xf32>
    %rc = memref.reinterpret_cast %c to offset: [0], sizes: [24, 20], strides: [20, 1] : memref<*xf32> to memref<24x20xf32, strided<[20, 1]>>
    bufferization.materialize_in_destination %mm in writable %rc : (tensor<24x20xf32>, memref<24x20xf32, strided<[20, 1]>>) -> ()
    return
  }
}

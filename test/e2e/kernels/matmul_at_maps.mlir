// C[20x24] = At[28x20]^T . B[28x24]: A arrives transposed (K x M) and is read
// through linalg.matmul indexing_maps (k, m). Grid 1x1x1.
module attributes {dlti.target_system_spec = #dlti.target_system_spec<"CPU" = #dlti.target_device_spec<"arch_id" = "0x503C", "num_threads" = 8 : i32>>} {
  func.func @matmul_at_maps(%at: memref<*xf32>, %b: memref<*xf32>, %c: memref<*xf32>, %gx: i32, %gy: i32, %gz: i32, %px: i32, %py: i32, %pz: i32) {
    %zero = arith.constant 0.0 : f32
    %ra = memref.reinterpret_cast %at to offset: [0], sizes: [28, 20], strides: [20, 1] : memref<*xf32> to memref<28x20xf32, strided<[20, 1]>>
    %rb = memref.reinterpret_cast %b to offset: [0], sizes: [28, 24], strides: [24, 1] : memref<*xf32> to memref<28x24xf32, strided<[24, 1]>>
    %ta = bufferization.to_tensor %ra restrict : memref<28x20xf32, strided<[20, 1]>> to tensor<28x20xf32>
    %tb = bufferization.to_tensor %rb restrict : memref<28x24xf32, strided<[24, 1]>> to tensor<28x24xf32>
    %e = tensor.empty() : tensor<20x24xf32>
    %f = linalg.fill ins(%zero : f32) outs(%e : tensor<20x24xf32>) -> tensor<20x24xf32>
    %mm = linalg.matmul indexing_maps = [affine_map<(m, n, k) -> (k, m)>, affine_map<(m, n, k) -> (k, n)>, affine_map<(m, n, k) -> (m, n)>] ins(%ta, %tb : tensor<28x20xf32>, tensor<28x24xf32>) outs(%f : tensor<20x24xf32>) -> tensor<20x24xf32>
    %rc = memref.reinterpret_cast %c to offset: [0], sizes: [20, 24], strides: [24, 1] : memref<*xf32> to memref<20x24xf32, strided<[24, 1]>>
    bufferization.materialize_in_destination %mm in writable %rc : (tensor<20x24xf32>, memref<20x24xf32, strided<[24, 1]>>) -> ()
    return
  }
}

// out[r, c] = x[r, c] * scale[r * 16]: a per-row scale loaded through a
// non-unit stride and broadcast along the rows (issue 16: the fast pipeline
// left a 0-d strided vector read unlowered).
module attributes {dlti.target_system_spec = #dlti.target_system_spec<"CPU" = #dlti.target_device_spec<"arch_id" = "0x503C", "num_threads" = 1 : i32>>} {
  func.func @strided_broadcast(%scale: memref<*xf32>, %x: memref<*xf32>, %out: memref<*xf32>, %gx: i32, %gy: i32, %gz: i32, %px: i32, %py: i32, %pz: i32) {
    %rs = memref.reinterpret_cast %scale to offset: [0], sizes: [6], strides: [16] : memref<*xf32> to memref<6xf32, strided<[16]>>
    %s = bufferization.to_tensor %rs restrict : memref<6xf32, strided<[16]>> to tensor<6xf32>
    %rx = memref.reinterpret_cast %x to offset: [0], sizes: [6, 40], strides: [40, 1] : memref<*xf32> to memref<6x40xf32, strided<[40, 1]>>
    %tx = bufferization.to_tensor %rx restrict : memref<6x40xf32, strided<[40, 1]>> to tensor<6x40xf32>
    %e = tensor.empty() : tensor<6x40xf32>
    %y = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%s, %tx : tensor<6xf32>, tensor<6x40xf32>) outs(%e : tensor<6x40xf32>) {
    ^bb0(%v: f32, %w: f32, %o: f32):
      %m = arith.mulf %v, %w : f32
      linalg.yield %m : f32
    } -> tensor<6x40xf32>
    %ro = memref.reinterpret_cast %out to offset: [0], sizes: [6, 40], strides: [40, 1] : memref<*xf32> to memref<6x40xf32, strided<[40, 1]>>
    bufferization.materialize_in_destination %y in writable %ro : (tensor<6x40xf32>, memref<6x40xf32, strided<[40, 1]>>) -> ()
    return
  }
}

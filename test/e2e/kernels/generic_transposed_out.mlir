// A linalg.generic whose output indexing map is transposed ((d0, d1) ->
// (d1, d0)): out[24x12] = (x[12x24] * 3)^T, plus a 3-D linalg.transpose
// t[5x4x3] = permute(y[3x4x5], [2, 1, 0]). Grid 1x1x1.
module attributes {dlti.target_system_spec = #dlti.target_system_spec<"CPU" = #dlti.target_device_spec<"arch_id" = "0x503C", "num_threads" = 8 : i32>>} {
  func.func @generic_transposed_out(%xs: memref<*xf32>, %out: memref<*xf32>, %ys: memref<*xf32>, %t: memref<*xf32>, %gx: i32, %gy: i32, %gz: i32, %px: i32, %py: i32, %pz: i32) {
    %three = arith.constant 3.0 : f32
    %rx = memref.reinterpret_cast %xs to offset: [0], sizes: [12, 24], strides: [24, 1] : memref<*xf32> to memref<12x24xf32, strided<[24, 1]>>
    %x = bufferization.to_tensor %rx restrict : memref<12x24xf32, strided<[24, 1]>> to tensor<12x24xf32>
    %e = tensor.empty() : tensor<24x12xf32>
    %y = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d1, d0)>], iterator_types = ["parallel", "parallel"]} ins(%x : tensor<12x24xf32>) outs(%e : tensor<24x12xf32>) {
    ^bb0(%v: f32, %o: f32):
      %m = arith.mulf %v, %three : f32
      linalg.yield %m : f32
    } -> tensor<24x12xf32>
    %ro = memref.reinterpret_cast %out to offset: [0], sizes: [24, 12], strides: [12, 1] : memref<*xf32> to memref<24x12xf32, strided<[12, 1]>>
    bufferization.materialize_in_destination %y in writable %ro : (tensor<24x12xf32>, memref<24x12xf32, strided<[12, 1]>>) -> ()
    %ry = memref.reinterpret_cast %ys to offset: [0], sizes: [3, 4, 5], strides: [20, 5, 1] : memref<*xf32> to memref<3x4x5xf32, strided<[20, 5, 1]>>
    %y3 = bufferization.to_tensor %ry restrict : memref<3x4x5xf32, strided<[20, 5, 1]>> to tensor<3x4x5xf32>
    %e3 = tensor.empty() : tensor<5x4x3xf32>
    %tt = linalg.transpose ins(%y3 : tensor<3x4x5xf32>) outs(%e3 : tensor<5x4x3xf32>) permutation = [2, 1, 0]
    %rt = memref.reinterpret_cast %t to offset: [0], sizes: [5, 4, 3], strides: [12, 3, 1] : memref<*xf32> to memref<5x4x3xf32, strided<[12, 3, 1]>>
    bufferization.materialize_in_destination %tt in writable %rt : (tensor<5x4x3xf32>, memref<5x4x3xf32, strided<[12, 3, 1]>>) -> ()
    return
  }
}

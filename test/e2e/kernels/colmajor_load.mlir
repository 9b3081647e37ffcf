// A transposed load through pointer arithmetic: out[24x16] = x[16x24]^T + 1
// by reading x with sizes [24, 16] and strides [1, 24] (the column-major view
// triton-shared builds for a tl.load of x.T pointers). Grid 1x1x1.
module attributes {dlti.target_system_spec = #dlti.target_system_spec<"CPU" = #dlti.target_device_spec<"arch_id" = "0x503C", "num_threads" = 8 : i32>>} {
  func.func @colmajor_load(%src: memref<*xf32>, %out: memref<*xf32>, %gx: i32, %gy: i32, %gz: i32, %px: i32, %py: i32, %pz: i32) {
    %one = arith.constant 1.0 : f32
    %rx = memref.reinterpret_cast %src to offset: [0], sizes: [24, 16], strides: [1, 24] : memref<*xf32> to memref<24x16xf32, strided<[1, 24]>>
    %ax = memref.alloc() : memref<24x16xf32>
    memref.copy %rx, %ax : memref<24x16xf32, strided<[1, 24]>> to memref<24x16xf32>
    %x = bufferization.to_tensor %ax restrict writable : memref<24x16xf32> to tensor<24x16xf32>
    %e = tensor.empty() : tensor<24x16xf32>
    %y = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%x : tensor<24x16xf32>) outs(%e : tensor<24x16xf32>) {
    ^bb0(%v: f32, %o: f32):
      %a = arith.addf %v, %one : f32
      linalg.yield %a : f32
    } -> tensor<24x16xf32>
    %ro = memref.reinterpret_cast %out to offset: [0], sizes: [24, 16], strides: [16, 1] : memref<*xf32> to memref<24x16xf32, strided<[16, 1]>>
    bufferization.materialize_in_destination %y in writable %ro : (tensor<24x16xf32>, memref<24x16xf32, strided<[16, 1]>>) -> ()
    return
  }
}

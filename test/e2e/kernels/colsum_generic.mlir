// Column sums written as a linalg.generic reduction over d0 (iterators
// ["reduction", "parallel"]) rather than linalg.reduce, accumulating into the
// loaded out (out += sum_i x[i, :]). x is 33x20, grid 1x1x1.
module attributes {dlti.target_system_spec = #dlti.target_system_spec<"CPU" = #dlti.target_device_spec<"arch_id" = "0x503C", "num_threads" = 8 : i32>>} {
  func.func @colsum_generic(%src: memref<*xf32>, %out: memref<*xf32>, %gx: i32, %gy: i32, %gz: i32, %px: i32, %py: i32, %pz: i32) {
    %rx = memref.reinterpret_cast %src to offset: [0], sizes: [33, 20], strides: [20, 1] : memref<*xf32> to memref<33x20xf32, strided<[20, 1]>>
    %x = bufferization.to_tensor %rx restrict : memref<33x20xf32, strided<[20, 1]>> to tensor<33x20xf32>
    %ro = memref.reinterpret_cast %out to offset: [0], sizes: [20], strides: [1] : memref<*xf32> to memref<20xf32, strided<[1]>>
    %ao = memref.alloc() : memref<20xf32>
    memref.copy %ro, %ao : memref<20xf32, strided<[1]>> to memref<20xf32>
    %acc = bufferization.to_tensor %ao restrict writable : memref<20xf32> to tensor<20xf32>
    %s = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d1)>], iterator_types = ["reduction", "parallel"]} ins(%x : tensor<33x20xf32>) outs(%acc : tensor<20xf32>) {
    ^bb0(%v: f32, %a: f32):
      %t = arith.addf %v, %a : f32
      linalg.yield %t : f32
    } -> tensor<20xf32>
    bufferization.materialize_in_destination %s in writable %ro : (tensor<20xf32>, memref<20xf32, strided<[1]>>) -> ()
    return
  }
}

// tl.join-style concatenation and a two-result linalg.generic: each row of
// cat[8x40] is x[8x16] followed by y[8x24] (tensor.insert_slice at column
// offsets 0 and 16 into an empty tensor); one generic then yields both
// s = cat + 1 and p = cat * cat. Grid 1x1x1.
module attributes {dlti.target_system_spec = #dlti.target_system_spec<"CPU" = #dlti.target_device_spec<"arch_id" = "0x503C", "num_threads" = 8 : i32>>} {
  func.func @concat_multi_out(%xs: memref<*xf32>, %ys: memref<*xf32>, %s: memref<*xf32>, %p: memref<*xf32>, %gx: i32, %gy: i32, %gz: i32, %px: i32, %py: i32, %pz: i32) {
    %one = arith.constant 1.0 : f32
    %rx = memref.reinterpret_cast %xs to offset: [0], sizes: [8, 16], strides: [16, 1] : memref<*xf32> to memref<8x16xf32, strided<[16, 1]>>
    %x = bufferization.to_tensor %rx restrict : memref<8x16xf32, strided<[16, 1]>> to tensor<8x16xf32>
    %ry = memref.reinterpret_cast %ys to offset: [0], sizes: [8, 24], strides: [24, 1] : memref<*xf32> to memref<8x24xf32, strided<[24, 1]>>
    %y = bufferization.to_tensor %ry restrict : memref<8x24xf32, strided<[24, 1]>> to tensor<8x24xf32>
    %e = tensor.empty() : tensor<8x40xf32>
    %c1 = tensor.insert_slice %x into %e[0, 0] [8, 16] [1, 1] : tensor<8x16xf32> into tensor<8x40xf32>
    %cat = tensor.insert_slice %y into %c1[0, 16] [8, 24] [1, 1] : tensor<8x24xf32> into tensor<8x40xf32>
    %es = tensor.empty() : tensor<8x40xf32>
    %ep = tensor.empty() : tensor<8x40xf32>
    %r:2 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%cat : tensor<8x40xf32>) outs(%es, %ep : tensor<8x40xf32>, tensor<8x40xf32>) {
    ^bb0(%v: f32, %o1: f32, %o2: f32):
      %a = arith.addf %v, %one : f32
      %m = arith.mulf %v, %v : f32
      linalg.yield %a, %m : f32, f32
    } -> (tensor<8x40xf32>, tensor<8x40xf32>)
    %rs = memref.reinterpret_cast %s to offset: [0], sizes: [8, 40], strides: [40, 1] : memref<*xf32> to memref<8x40xf32, strided<[40, 1]>>
    bufferization.materialize_in_destination %r#0 in writable %rs : (tensor<8x40xf32>, memref<8x40xf32, strided<[40, 1]>>) -> ()
    %rp = memref.reinterpret_cast %p to offset: [0], sizes: [8, 40], strides: [40, 1] : memref<*xf32> to memref<8x40xf32, strided<[40, 1]>>
    bufferization.materialize_in_destination %r#1 in writable %rp : (tensor<8x40xf32>, memref<8x40xf32, strided<[40, 1]>>) -> ()
    return
  }
}

// tl.where with a tensor condition: cond = x > y materialized as a
// tensor<8x40xi1> by one linalg.generic, consumed by a second one:
// out = cond ? x * 2 : y - 1. One 8-row block per program (grid 2x1x1).
module attributes {dlti.target_system_spec = #dlti.target_system_spec<"CPU" = #dlti.target_device_spec<"arch_id" = "0x503C", "num_threads" = 8 : i32>>} {
  func.func @where_mask_tensor(%xs: memref<*xf32>, %ys: memref<*xf32>, %out: memref<*xf32>, %gx: i32, %gy: i32, %gz: i32, %px: i32, %py: i32, %pz: i32) {
    %c320 = arith.constant 320 : index
    %two = arith.constant 2.0 : f32
    %one = arith.constant 1.0 : f32
    %pid = arith.index_cast %px : i32 to index
    %off = arith.muli %pid, %c320 : index
    %rx = memref.reinterpret_cast %xs to offset: [%off], sizes: [8, 40], strides: [40, 1] : memref<*xf32> to memref<8x40xf32, strided<[40, 1], offset: ?>>
    %x = bufferization.to_tensor %rx restrict : memref<8x40xf32, strided<[40, 1], offset: ?>> to tensor<8x40xf32>
    %ry = memref.reinterpret_cast %ys to offset: [%off], sizes: [8, 40], strides: [40, 1] : memref<*xf32> to memref<8x40xf32, strided<[40, 1], offset: ?>>
    %y = bufferization.to_tensor %ry restrict : memref<8x40xf32, strided<[40, 1], offset: ?>> to tensor<8x40xf32>
    %ec = tensor.empty() : tensor<8x40xi1>
    %cond = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%x, %y : tensor<8x40xf32>, tensor<8x40xf32>) outs(%ec : tensor<8x40xi1>) {
    ^bb0(%a: f32, %b: f32, %o: i1):
      %c = arith.cmpf ogt, %a, %b : f32
      linalg.yield %c : i1
    } -> tensor<8x40xi1>
    %e = tensor.empty() : tensor<8x40xf32>
    %r = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%cond, %x, %y : tensor<8x40xi1>, tensor<8x40xf32>, tensor<8x40xf32>) outs(%e : tensor<8x40xf32>) {
    ^bb0(%c: i1, %a: f32, %b: f32, %o: f32):
      %a2 = arith.mulf %a, %two : f32
      %b1 = arith.subf %b, %one : f32
      %s = arith.select %c, %a2, %b1 : f32
      linalg.yield %s : f32
    } -> tensor<8x40xf32>
    %ro = memref.reinterpret_cast %out to offset: [%off], sizes: [8, 40], strides: [40, 1] : memref<*xf32> to memref<8x40xf32, strided<[40, 1], offset: ?>>
    bufferization.materialize_in_destination %r in writable %ro : (tensor<8x40xf32>, memref<8x40xf32, strided<[40, 1], offset: ?>>) -> ()
    return
  }
}

// out[12x40] = x * alpha + row[None, :] - col[:, None] in one linalg.generic
// whose indexing maps broadcast row (d1) and col (d0); alpha is an f32
// scalar argument. 4 rows per program (grid 3x1x1).
module attributes {dlti.target_system_spec = #dlti.target_system_spec<"CPU" = #dlti.target_device_spec<"arch_id" = "0x503C", "num_threads" = 8 : i32>>} {
  func.func @generic_bcast_maps(%x: memref<*xf32>, %row: memref<*xf32>, %col: memref<*xf32>, %out: memref<*xf32>, %alpha: f32, %gx: i32, %gy: i32, %gz: i32, %px: i32, %py: i32, %pz: i32) {
    %c4 = arith.constant 4 : index
    %c40 = arith.constant 40 : index
    %pid = arith.index_cast %px : i32 to index
    %r0 = arith.muli %pid, %c4 : index
    %xoff = arith.muli %r0, %c40 : index
    %rx = memref.reinterpret_cast %x to offset: [%xoff], sizes: [4, 40], strides: [40, 1] : memref<*xf32> to memref<4x40xf32, strided<[40, 1], offset: ?>>
    %tx = bufferization.to_tensor %rx restrict : memref<4x40xf32, strided<[40, 1], offset: ?>> to tensor<4x40xf32>
    %rrow = memref.reinterpret_cast %row to offset: [0], sizes: [40], strides: [1] : memref<*xf32> to memref<40xf32, strided<[1]>>
    %trow = bufferization.to_tensor %rrow restrict : memref<40xf32, strided<[1]>> to tensor<40xf32>
    %rcol = memref.reinterpret_cast %col to offset: [%r0], sizes: [4], strides: [1] : memref<*xf32> to memref<4xf32, strided<[1], offset: ?>>
    %tcol = bufferization.to_tensor %rcol restrict : memref<4xf32, strided<[1], offset: ?>> to tensor<4xf32>
    %e = tensor.empty() : tensor<4x40xf32>
    %r = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d0)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%tx, %trow, %tcol : tensor<4x40xf32>, tensor<40xf32>, tensor<4xf32>) outs(%e : tensor<4x40xf32>) {
    ^bb0(%a: f32, %b: f32, %c: f32, %o: f32):
      %m = arith.mulf %a, %alpha : f32
      %s = arith.addf %m, %b : f32
      %d = arith.subf %s, %c : f32
      linalg.yield %d : f32
    } -> tensor<4x40xf32>
    %ro = memref.reinterpret_cast %out to offset: [%xoff], sizes: [4, 40], strides: [40, 1] : memref<*xf32> to memref<4x40xf32, strided<[40, 1], offset: ?>>
    bufferization.materialize_in_destination %r in writable %ro : (tensor<4x40xf32>, memref<4x40xf32, strided<[40, 1], offset: ?>>) -> ()
    return
  }
}

// out[12x40] = (x + row[None, :]) * col[:, None] - 0.5 with linalg.broadcast
// (tl.broadcast_to of expand_dims), 4 rows per program (grid 3x1x1).
module attributes {dlti.target_system_spec = #dlti.target_system_spec<"CPU" = #dlti.target_device_spec<"arch_id" = "0x503C", "num_threads" = 8 : i32>>} {
  func.func @broadcast_chain(%x: memref<*xf32>, %row: memref<*xf32>, %col: memref<*xf32>, %out: memref<*xf32>, %gx: i32, %gy: i32, %gz: i32, %px: i32, %py: i32, %pz: i32) {
    %c4 = arith.constant 4 : index
    %c40 = arith.constant 40 : index
    %half = arith.constant 0.5 : f32
    %pid = arith.index_cast %px : i32 to index
    %r0 = arith.muli %pid, %c4 : index
    %xoff = arith.muli %r0, %c40 : index
    %rx = memref.reinterpret_cast %x to offset: [%xoff], sizes: [4, 40], strides: [40, 1] : memref<*xf32> to memref<4x40xf32, strided<[40, 1], offset: ?>>
    %lx = memref.alloc() : memref<4x40xf32>
    memref.copy %rx, %lx : memref<4x40xf32, strided<[40, 1], offset: ?>> to memref<4x40xf32>
    %tx = bufferization.to_tensor %lx restrict writable : memref<4x40xf32> to tensor<4x40xf32>
    %rrow = memref.reinterpret_cast %row to offset: [0], sizes: [40], strides: [1] : memref<*xf32> to memref<40xf32, strided<[1]>>
    %lrow = memref.alloc() : memref<40xf32>
    memref.copy %rrow, %lrow : memref<40xf32, strided<[1]>> to memref<40xf32>
    %trow = bufferization.to_tensor %lrow restrict writable : memref<40xf32> to tensor<40xf32>
    %rcol = memref.reinterpret_cast %col to offset: [%r0], sizes: [4], strides: [1] : memref<*xf32> to memref<4xf32, strided<[1], offset: ?>>
    %lcol = memref.alloc() : memref<4xf32>
    memref.copy %rcol, %lcol : memref<4xf32, strided<[1], offset: ?>> to memref<4xf32>
    %tcol = bufferization.to_tensor %lcol restrict writable : memref<4xf32> to tensor<4xf32>
    %e = tensor.empty() : tensor<4x40xf32>
    %brow = linalg.broadcast ins(%trow : tensor<40xf32>) outs(%e : tensor<4x40xf32>) dimensions = [0]
    %e2 = tensor.empty() : tensor<4x40xf32>
    %bcol = linalg.broadcast ins(%tcol : tensor<4xf32>) outs(%e2 : tensor<4x40xf32>) dimensions = [1]
    %sum = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%tx, %brow : tensor<4x40xf32>, tensor<4x40xf32>) outs(%tx : tensor<4x40xf32>) {
    ^bb0(%a: f32, %b: f32, %o: f32):
      %s = arith.addf %a, %b : f32
      linalg.yield %s : f32
    } -> tensor<4x40xf32>
    %prod = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%sum, %bcol : tensor<4x40xf32>, tensor<4x40xf32>) outs(%sum : tensor<4x40xf32>) {
    ^bb0(%a: f32, %b: f32, %o: f32):
      %m = arith.mulf %a, %b : f32
      %r = arith.subf %m, %half : f32
      linalg.yield %r : f32
    } -> tensor<4x40xf32>
    %ro = memref.reinterpret_cast %out to offset: [%xoff], sizes: [4, 40], strides: [40, 1] : memref<*xf32> to memref<4x40xf32, strided<[40, 1], offset: ?>>
    bufferization.materialize_in_destination %prod in writable %ro : (tensor<4x40xf32>, memref<4x40xf32, strided<[40, 1], offset: ?>>) -> ()
    return
  }
}

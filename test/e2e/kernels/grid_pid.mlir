// out[y, x] = in[y, x] * 2 + pid_x * 100 + pid_y * 1000 on an 8x8 block per
// program over a 2-D grid 3x2x1 (16 rows, 24 columns), with the program ids
// read through "xsmt_async.grid"(%axis) rather than the pid
// arguments.
module attributes {dlti.target_system_spec = #dlti.target_system_spec<"CPU" = #dlti.target_device_spec<"arch_id" = "0x503C", "num_threads" = 8 : i32>>} {
  func.func @grid_pid(%src: memref<*xf32>, %out: memref<*xf32>, %gx: i32, %gy: i32, %gz: i32, %px: i32, %py: i32, %pz: i32) {
    %a0 = arith.constant 0 : i64
    %a1 = arith.constant 1 : i64
    %c8 = arith.constant 8 : index
    %c24 = arith.constant 24 : index
    %two = arith.constant 2.0 : f32
    %k100 = arith.constant 100.0 : f32
    %k1000 = arith.constant 1000.0 : f32
    %idx = "xsmt_async.grid"(%a0) : (i64) -> i64
    %idy = "xsmt_async.grid"(%a1) : (i64) -> i64
    %pxi = arith.index_cast %idx : i64 to index
    %pyi = arith.index_cast %idy : i64 to index
    %fx = arith.sitofp %idx : i64 to f32
    %fy = arith.sitofp %idy : i64 to f32
    %bx = arith.mulf %fx, %k100 : f32
    %by = arith.mulf %fy, %k1000 : f32
    %bias = arith.addf %bx, %by : f32
    %col0 = arith.muli %pxi, %c8 : index
    %row0 = arith.muli %pyi, %c8 : index
    %roff = arith.muli %row0, %c24 : index
    %off = arith.addi %roff, %col0 : index
    %rx = memref.reinterpret_cast %src to offset: [%off], sizes: [8, 8], strides: [24, 1] : memref<*xf32> to memref<8x8xf32, strided<[24, 1], offset: ?>>
    %x = bufferization.to_tensor %rx restrict : memref<8x8xf32, strided<[24, 1], offset: ?>> to tensor<8x8xf32>
    %e = tensor.empty() : tensor<8x8xf32>
    %y = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%x : tensor<8x8xf32>) outs(%e : tensor<8x8xf32>) {
    ^bb0(%v: f32, %o: f32):
      %m = arith.mulf %v, %two : f32
      %r = arith.addf %m, %bias : f32
      linalg.yield %r : f32
    } -> tensor<8x8xf32>
    %ro = memref.reinterpret_cast %out to offset: [%off], sizes: [8, 8], strides: [24, 1] : memref<*xf32> to memref<8x8xf32, strided<[24, 1], offset: ?>>
    bufferization.materialize_in_destination %y in writable %ro : (tensor<8x8xf32>, memref<8x8xf32, strided<[24, 1], offset: ?>>) -> ()
    return
  }
}

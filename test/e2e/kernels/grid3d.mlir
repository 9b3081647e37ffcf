// A 3-D grid (2x3x2): program (x, y, z) writes an 8-element block of
// out[z][y][x*8 .. x*8+8] = in[...] + x + 10 y + 100 z, using all three pids
// and the grid sizes gridX and gridY for the strides.
module attributes {dlti.target_system_spec = #dlti.target_system_spec<"CPU" = #dlti.target_device_spec<"arch_id" = "0x503C", "num_threads" = 8 : i32>>} {
  func.func @grid3d(%src: memref<*xf32>, %out: memref<*xf32>, %gx: i32, %gy: i32, %gz: i32, %px: i32, %py: i32, %pz: i32) {
    %c8 = arith.constant 8 : index
    %k10 = arith.constant 10 : i32
    %k100 = arith.constant 100 : i32
    %gxi = arith.index_cast %gx : i32 to index
    %gyi = arith.index_cast %gy : i32 to index
    %pxi = arith.index_cast %px : i32 to index
    %pyi = arith.index_cast %py : i32 to index
    %pzi = arith.index_cast %pz : i32 to index
    %zy = arith.muli %pzi, %gyi : index
    %zyy = arith.addi %zy, %pyi : index
    %row = arith.muli %zyy, %gxi : index
    %blk = arith.addi %row, %pxi : index
    %off = arith.muli %blk, %c8 : index
    %t1 = arith.muli %py, %k10 : i32
    %t2 = arith.muli %pz, %k100 : i32
    %t3 = arith.addi %t1, %t2 : i32
    %t4 = arith.addi %t3, %px : i32
    %bias = arith.sitofp %t4 : i32 to f32
    %rx = memref.reinterpret_cast %src to offset: [%off], sizes: [8], strides: [1] : memref<*xf32> to memref<8xf32, strided<[1], offset: ?>>
    %x = bufferization.to_tensor %rx restrict : memref<8xf32, strided<[1], offset: ?>> to tensor<8xf32>
    %e = tensor.empty() : tensor<8xf32>
    %y = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%x : tensor<8xf32>) outs(%e : tensor<8xf32>) {
    ^bb0(%v: f32, %o: f32):
      %a = arith.addf %v, %bias : f32
      linalg.yield %a : f32
    } -> tensor<8xf32>
    %ro = memref.reinterpret_cast %out to offset: [%off], sizes: [8], strides: [1] : memref<*xf32> to memref<8xf32, strided<[1], offset: ?>>
    bufferization.materialize_in_destination %y in writable %ro : (tensor<8xf32>, memref<8xf32, strided<[1], offset: ?>>) -> ()
    return
  }
}

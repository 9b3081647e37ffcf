// Unsigned i32 arithmetic (tl.uint32): out = ((x /u 7) + (x %u 13)) >>u 2 ^
// (uitofp(x) > 2^31 ? 1 : 0), 100 elements, grid 1x1x1.
module attributes {dlti.target_system_spec = #dlti.target_system_spec<"CPU" = #dlti.target_device_spec<"arch_id" = "0x503C", "num_threads" = 8 : i32>>} {
  func.func @uint_ops(%src: memref<*xi32>, %out: memref<*xi32>, %gx: i32, %gy: i32, %gz: i32, %px: i32, %py: i32, %pz: i32) {
    %c7 = arith.constant 7 : i32
    %c13 = arith.constant 13 : i32
    %c2 = arith.constant 2 : i32
    %big = arith.constant 2147483648.0 : f32
    %rx = memref.reinterpret_cast %src to offset: [0], sizes: [100], strides: [1] : memref<*xi32> to memref<100xi32, strided<[1]>>
    %x = bufferization.to_tensor %rx restrict : memref<100xi32, strided<[1]>> to tensor<100xi32>
    %e = tensor.empty() : tensor<100xi32>
    %y = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%x : tensor<100xi32>) outs(%e : tensor<100xi32>) {
    ^bb0(%v: i32, %o: i32):
      %d = arith.divui %v, %c7 : i32
      %r = arith.remui %v, %c13 : i32
      %s = arith.addi %d, %r : i32
      %sh = arith.shrui %s, %c2 : i32
      %f = arith.uitofp %v : i32 to f32
      %gt = arith.cmpf ogt, %f, %big : f32
      %b = arith.extui %gt : i1 to i32
      %z = arith.xori %sh, %b : i32
      linalg.yield %z : i32
    } -> tensor<100xi32>
    %ro = memref.reinterpret_cast %out to offset: [0], sizes: [100], strides: [1] : memref<*xi32> to memref<100xi32, strided<[1]>>
    bufferization.materialize_in_destination %y in writable %ro : (tensor<100xi32>, memref<100xi32, strided<[1]>>) -> ()
    return
  }
}

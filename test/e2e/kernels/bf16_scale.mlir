// bf16 in and out: y = bf16(f32(x) * 2.5 + 1) (arith.extf / arith.truncf
// with bf16), 1-D BLOCK = 128 per program, grid 2x1x1 over 256 elements.
module attributes {dlti.target_system_spec = #dlti.target_system_spec<"CPU" = #dlti.target_device_spec<"arch_id" = "0x503C", "num_threads" = 8 : i32>>} {
  func.func @bf16_scale(%src: memref<*xbf16>, %out: memref<*xbf16>, %gx: i32, %gy: i32, %gz: i32, %px: i32, %py: i32, %pz: i32) {
    %c128 = arith.constant 128 : index
    %k = arith.constant 2.5 : f32
    %one = arith.constant 1.0 : f32
    %pid = arith.index_cast %px : i32 to index
    %off = arith.muli %pid, %c128 : index
    %rx = memref.reinterpret_cast %src to offset: [%off], sizes: [128], strides: [1] : memref<*xbf16> to memref<128xbf16, strided<[1], offset: ?>>
    %x = bufferization.to_tensor %rx restrict : memref<128xbf16, strided<[1], offset: ?>> to tensor<128xbf16>
    %e = tensor.empty() : tensor<128xbf16>
    %y = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%x : tensor<128xbf16>) outs(%e : tensor<128xbf16>) {
    ^bb0(%v: bf16, %o: bf16):
      %f = arith.extf %v : bf16 to f32
      %m = arith.mulf %f, %k : f32
      %a = arith.addf %m, %one : f32
      %t = arith.truncf %a : f32 to bf16
      linalg.yield %t : bf16
    } -> tensor<128xbf16>
    %ro = memref.reinterpret_cast %out to offset: [%off], sizes: [128], strides: [1] : memref<*xbf16> to memref<128xbf16, strided<[1], offset: ?>>
    bufferization.materialize_in_destination %y in writable %ro : (tensor<128xbf16>, memref<128xbf16, strided<[1], offset: ?>>) -> ()
    return
  }
}

// The frontend's call into the runtime: llvm.call @spine_get_stream_threads
// (worker threads of one stream) inside a linalgdir kernel. out = x * threads.
module attributes {dlti.target_system_spec = #dlti.target_system_spec<"CPU" = #dlti.target_device_spec<"arch_id" = "0x503C", "num_threads" = 8 : i32>>} {
  llvm.func @spine_get_stream_threads() -> i64
  func.func @stream_threads(%x: memref<*xf32>, %out: memref<*xf32>, %gx: i32, %gy: i32, %gz: i32, %px: i32, %py: i32, %pz: i32) {
    %threads = llvm.call @spine_get_stream_threads() : () -> i64
    %tf = arith.sitofp %threads : i64 to f32
    %rx = memref.reinterpret_cast %x to offset: [0], sizes: [40], strides: [1] : memref<*xf32> to memref<40xf32, strided<[1]>>
    %tx = bufferization.to_tensor %rx restrict : memref<40xf32, strided<[1]>> to tensor<40xf32>
    %e = tensor.empty() : tensor<40xf32>
    %y = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%tx : tensor<40xf32>) outs(%e : tensor<40xf32>) {
    ^bb0(%a: f32, %o: f32):
      %m = arith.mulf %a, %tf : f32
      linalg.yield %m : f32
    } -> tensor<40xf32>
    %ro = memref.reinterpret_cast %out to offset: [0], sizes: [40], strides: [1] : memref<*xf32> to memref<40xf32, strided<[1]>>
    bufferization.materialize_in_destination %y in writable %ro : (tensor<40xf32>, memref<40xf32, strided<[1]>>) -> ()
    return
  }
}

// out[i] = x[i] * scale + y[i] for i < n, 64 elements per program (grid
// ceil(n/64) x 1 x 1), in the form the Spine Triton frontend emits
// (linalgdir) for a masked Triton kernel: unranked memref arguments, the
// scalars, then gridX/Y/Z and pidX/Y/Z. The last program's block is cut to
// the n - 64*pid elements that remain, so the tail is never touched.
module attributes {dlti.target_system_spec = #dlti.target_system_spec<"CPU" = #dlti.target_device_spec<"arch_id" = "0x503C", "num_threads" = 8 : i32>>} {
  func.func @scale_add_masked(%x: memref<*xf32>, %y: memref<*xf32>, %out: memref<*xf32>, %scale: f32, %n: i32, %gx: i32, %gy: i32, %gz: i32, %px: i32, %py: i32, %pz: i32) {
    %c0 = arith.constant 0 : index
    %c64 = arith.constant 64 : index
    %pxi = arith.index_cast %px : i32 to index
    %ni = arith.index_cast %n : i32 to index
    %start = arith.muli %pxi, %c64 : index
    %remaining = arith.subi %ni, %start : index
    %upper = arith.minsi %remaining, %c64 : index
    %size = arith.maxsi %upper, %c0 : index
    %rx = memref.reinterpret_cast %x to offset: [%start], sizes: [%size], strides: [1] : memref<*xf32> to memref<?xf32, strided<[1], offset: ?>>
    %ry = memref.reinterpret_cast %y to offset: [%start], sizes: [%size], strides: [1] : memref<*xf32> to memref<?xf32, strided<[1], offset: ?>>
    %tx = bufferization.to_tensor %rx restrict : memref<?xf32, strided<[1], offset: ?>> to tensor<?xf32>
    %ty = bufferization.to_tensor %ry restrict : memref<?xf32, strided<[1], offset: ?>> to tensor<?xf32>
    %init = tensor.empty(%size) : tensor<?xf32>
    %r = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%tx, %ty : tensor<?xf32>, tensor<?xf32>) outs(%init : tensor<?xf32>) {
    ^bb0(%a: f32, %b: f32, %o: f32):
      %m = arith.mulf %a, %scale : f32
      %s = arith.addf %m, %b : f32
      linalg.yield %s : f32
    } -> tensor<?xf32>
    %ro = memref.reinterpret_cast %out to offset: [%start], sizes: [%size], strides: [1] : memref<*xf32> to memref<?xf32, strided<[1], offset: ?>>
    bufferization.materialize_in_destination %r in writable %ro : (tensor<?xf32>, memref<?xf32, strided<[1], offset: ?>>) -> ()
    return
  }
}

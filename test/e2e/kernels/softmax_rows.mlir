// Row softmax, one 96-wide row per program (grid 16x1x1): max, subtract,
// exp, sum, divide, as triton-shared emits it for tl.max / tl.sum.
module attributes {dlti.target_system_spec = #dlti.target_system_spec<"CPU" = #dlti.target_device_spec<"arch_id" = "0x503C", "num_threads" = 8 : i32>>} {
  func.func @softmax_rows(%in: memref<*xf32>, %out: memref<*xf32>, %gx: i32, %gy: i32, %gz: i32, %px: i32, %py: i32, %pz: i32) {
    %c96 = arith.constant 96 : index
    %ninf = arith.constant 0xFF800000 : f32
    %zero = arith.constant 0.0 : f32
    %row = arith.index_cast %px : i32 to index
    %off = arith.muli %row, %c96 : index
    %rin = memref.reinterpret_cast %in to offset: [%off], sizes: [96], strides: [1] : memref<*xf32> to memref<96xf32, strided<[1], offset: ?>>
    %x = bufferization.to_tensor %rin restrict : memref<96xf32, strided<[1], offset: ?>> to tensor<96xf32>
    %e0 = tensor.empty() : tensor<f32>
    %m0 = linalg.fill ins(%ninf : f32) outs(%e0 : tensor<f32>) -> tensor<f32>
    %mx = linalg.reduce ins(%x : tensor<96xf32>) outs(%m0 : tensor<f32>) dimensions = [0]
      (%a: f32, %acc: f32) {
        %r = arith.maxnumf %a, %acc : f32
        linalg.yield %r : f32
      }
    %mv = tensor.extract %mx[] : tensor<f32>
    %e1 = tensor.empty() : tensor<96xf32>
    %ex = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%x : tensor<96xf32>) outs(%e1 : tensor<96xf32>) {
    ^bb0(%a: f32, %o: f32):
      %s = arith.subf %a, %mv : f32
      %e = math.exp %s : f32
      linalg.yield %e : f32
    } -> tensor<96xf32>
    %s0 = linalg.fill ins(%zero : f32) outs(%e0 : tensor<f32>) -> tensor<f32>
    %sum = linalg.reduce ins(%ex : tensor<96xf32>) outs(%s0 : tensor<f32>) dimensions = [0]
      (%a: f32, %acc: f32) {
        %r = arith.addf %a, %acc : f32
        linalg.yield %r : f32
      }
    %sv = tensor.extract %sum[] : tensor<f32>
    %y = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%ex : tensor<96xf32>) outs(%e1 : tensor<96xf32>) {
    ^bb0(%a: f32, %o: f32):
      %d = arith.divf %a, %sv : f32
      linalg.yield %d : f32
    } -> tensor<96xf32>
    %rout = memref.reinterpret_cast %out to offset: [%off], sizes: [96], strides: [1] : memref<*xf32> to memref<96xf32, strided<[1], offset: ?>>
    bufferization.materialize_in_destination %y in writable %rout : (tensor<96xf32>, memref<96xf32, strided<[1], offset: ?>>) -> ()
    return
  }
}

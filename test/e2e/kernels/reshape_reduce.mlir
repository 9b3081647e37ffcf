// tl.reshape: a 96-element vector is expanded to 4x24 (tensor.expand_shape),
// summed along axis 1, and the 4x24 block scaled by its row sums is
// collapsed back to 96 (tensor.collapse_shape). Grid 2x1x1 over 192 elements.
module attributes {dlti.target_system_spec = #dlti.target_system_spec<"CPU" = #dlti.target_device_spec<"arch_id" = "0x503C", "num_threads" = 8 : i32>>} {
  func.func @reshape_reduce(%src: memref<*xf32>, %sums: memref<*xf32>, %out: memref<*xf32>, %gx: i32, %gy: i32, %gz: i32, %px: i32, %py: i32, %pz: i32) {
    %c4 = arith.constant 4 : index
    %c96 = arith.constant 96 : index
    %zero = arith.constant 0.0 : f32
    %pid = arith.index_cast %px : i32 to index
    %off = arith.muli %pid, %c96 : index
    %soff = arith.muli %pid, %c4 : index
    %rx = memref.reinterpret_cast %src to offset: [%off], sizes: [96], strides: [1] : memref<*xf32> to memref<96xf32, strided<[1], offset: ?>>
    %ax = memref.alloc() : memref<96xf32>
    memref.copy %rx, %ax : memref<96xf32, strided<[1], offset: ?>> to memref<96xf32>
    %x = bufferization.to_tensor %ax restrict writable : memref<96xf32> to tensor<96xf32>
    %x2 = tensor.expand_shape %x [[0, 1]] output_shape [4, 24] : tensor<96xf32> into tensor<4x24xf32>
    %e = tensor.empty() : tensor<4xf32>
    %f = linalg.fill ins(%zero : f32) outs(%e : tensor<4xf32>) -> tensor<4xf32>
    %s = linalg.reduce ins(%x2 : tensor<4x24xf32>) outs(%f : tensor<4xf32>) dimensions = [1]
      (%a: f32, %acc: f32) {
        %t = arith.addf %a, %acc : f32
        linalg.yield %t : f32
      }
    %e2 = tensor.empty() : tensor<4x24xf32>
    %y2 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%x2, %s : tensor<4x24xf32>, tensor<4xf32>) outs(%e2 : tensor<4x24xf32>) {
    ^bb0(%a: f32, %b: f32, %o: f32):
      %m = arith.mulf %a, %b : f32
      linalg.yield %m : f32
    } -> tensor<4x24xf32>
    %y = tensor.collapse_shape %y2 [[0, 1]] : tensor<4x24xf32> into tensor<96xf32>
    %rs = memref.reinterpret_cast %sums to offset: [%soff], sizes: [4], strides: [1] : memref<*xf32> to memref<4xf32, strided<[1], offset: ?>>
    bufferization.materialize_in_destination %s in writable %rs : (tensor<4xf32>, memref<4xf32, strided<[1], offset: ?>>) -> ()
    %ro = memref.reinterpret_cast %out to offset: [%off], sizes: [96], strides: [1] : memref<*xf32> to memref<96xf32, strided<[1], offset: ?>>
    bufferization.materialize_in_destination %y in writable %ro : (tensor<96xf32>, memref<96xf32, strided<[1], offset: ?>>) -> ()
    return
  }
}

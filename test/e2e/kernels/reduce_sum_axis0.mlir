// out[j] = sum_i x[i, j] over 32 rows (tl.sum(x, axis=0)); 8 columns per
// program of the 24 (grid 3x1x1), the tile read with row stride 24.
module attributes {dlti.target_system_spec = #dlti.target_system_spec<"CPU" = #dlti.target_device_spec<"arch_id" = "0x503C", "num_threads" = 8 : i32>>} {
  func.func @reduce_sum_axis0(%src: memref<*xf32>, %out: memref<*xf32>, %gx: i32, %gy: i32, %gz: i32, %px: i32, %py: i32, %pz: i32) {
    %c8 = arith.constant 8 : index
    %zero = arith.constant 0.0 : f32
    %pid = arith.index_cast %px : i32 to index
    %col0 = arith.muli %pid, %c8 : index
    %rx = memref.reinterpret_cast %src to offset: [%col0], sizes: [32, 8], strides: [24, 1] : memref<*xf32> to memref<32x8xf32, strided<[24, 1], offset: ?>>
    %ax = memref.alloc() : memref<32x8xf32>
    memref.copy %rx, %ax : memref<32x8xf32, strided<[24, 1], offset: ?>> to memref<32x8xf32>
    %x = bufferization.to_tensor %ax restrict writable : memref<32x8xf32> to tensor<32x8xf32>
    %e = tensor.empty() : tensor<8xf32>
    %f = linalg.fill ins(%zero : f32) outs(%e : tensor<8xf32>) -> tensor<8xf32>
    %red = linalg.reduce ins(%x : tensor<32x8xf32>) outs(%f : tensor<8xf32>) dimensions = [0]
      (%a: f32, %acc: f32) {
        %r = arith.addf %a, %acc : f32
        linalg.yield %r : f32
      }
    %ro = memref.reinterpret_cast %out to offset: [%col0], sizes: [8], strides: [1] : memref<*xf32> to memref<8xf32, strided<[1], offset: ?>>
    bufferization.materialize_in_destination %red in writable %ro : (tensor<8xf32>, memref<8xf32, strided<[1], offset: ?>>) -> ()
    return
  }
}

// out[24x36] = x[36x24]^T (tl.trans) with linalg.transpose; each program
// transposes a 12x24 row block of x into a 24x12 column block of out
// (grid 3x1x1, the store strided by 36).
module attributes {dlti.target_system_spec = #dlti.target_system_spec<"CPU" = #dlti.target_device_spec<"arch_id" = "0x503C", "num_threads" = 8 : i32>>} {
  func.func @transpose(%src: memref<*xf32>, %out: memref<*xf32>, %gx: i32, %gy: i32, %gz: i32, %px: i32, %py: i32, %pz: i32) {
    %c12 = arith.constant 12 : index
    %c24 = arith.constant 24 : index
    %pid = arith.index_cast %px : i32 to index
    %r0 = arith.muli %pid, %c12 : index
    %xoff = arith.muli %r0, %c24 : index
    %rx = memref.reinterpret_cast %src to offset: [%xoff], sizes: [12, 24], strides: [24, 1] : memref<*xf32> to memref<12x24xf32, strided<[24, 1], offset: ?>>
    %ax = memref.alloc() : memref<12x24xf32>
    memref.copy %rx, %ax : memref<12x24xf32, strided<[24, 1], offset: ?>> to memref<12x24xf32>
    %x = bufferization.to_tensor %ax restrict writable : memref<12x24xf32> to tensor<12x24xf32>
    %e = tensor.empty() : tensor<24x12xf32>
    %t = linalg.transpose ins(%x : tensor<12x24xf32>) outs(%e : tensor<24x12xf32>) permutation = [1, 0]
    %ro = memref.reinterpret_cast %out to offset: [%r0], sizes: [24, 12], strides: [36, 1] : memref<*xf32> to memref<24x12xf32, strided<[36, 1], offset: ?>>
    bufferization.materialize_in_destination %t in writable %ro : (tensor<24x12xf32>, memref<24x12xf32, strided<[36, 1], offset: ?>>) -> ()
    return
  }
}

// More programs than data: grid 6x1x1 of BLOCK 64 over n = 150, so programs
// 3..5 get a clamped length 0 (maxsi(min(end, n) - start, 0)): zero-sized
// subviews, copies, extract_slice and stores must be no-ops. out = x + 1.
module attributes {dlti.target_system_spec = #dlti.target_system_spec<"CPU" = #dlti.target_device_spec<"arch_id" = "0x503C", "num_threads" = 8 : i32>>} {
  func.func @masked_empty_programs(%x: memref<*xf32>, %out: memref<*xf32>, %n: i32, %gx: i32, %gy: i32, %gz: i32, %px: i32, %py: i32, %pz: i32) {
    %c0 = arith.constant 0 : index
    %c64 = arith.constant 64 : index
    %zero = arith.constant 0.0 : f32
    %one = arith.constant 1.0 : f32
    %pid = arith.index_cast %px : i32 to index
    %start = arith.muli %pid, %c64 : index
    %ni = arith.index_cast %n : i32 to index
    %end0 = arith.addi %start, %c64 : index
    %end = arith.minsi %end0, %ni : index
    %len0 = arith.subi %end, %start : index
    %len = arith.maxsi %len0, %c0 : index
    %rx = memref.reinterpret_cast %x to offset: [%start], sizes: [64], strides: [1] : memref<*xf32> to memref<64xf32, strided<[1], offset: ?>>
    %ax = memref.alloc() : memref<64xf32>
    linalg.fill ins(%zero : f32) outs(%ax : memref<64xf32>)
    %sx = memref.subview %rx[0] [%len] [1] : memref<64xf32, strided<[1], offset: ?>> to memref<?xf32, strided<[1], offset: ?>>
    %dx = memref.subview %ax[0] [%len] [1] : memref<64xf32> to memref<?xf32, strided<[1]>>
    memref.copy %sx, %dx : memref<?xf32, strided<[1], offset: ?>> to memref<?xf32, strided<[1]>>
    %tx = bufferization.to_tensor %ax restrict writable : memref<64xf32> to tensor<64xf32>
    %e = tensor.empty() : tensor<64xf32>
    %y = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%tx : tensor<64xf32>) outs(%e : tensor<64xf32>) {
    ^bb0(%v: f32, %o: f32):
      %a = arith.addf %v, %one : f32
      linalg.yield %a : f32
    } -> tensor<64xf32>
    %ro = memref.reinterpret_cast %out to offset: [%start], sizes: [64], strides: [1] : memref<*xf32> to memref<64xf32, strided<[1], offset: ?>>
    %part = tensor.extract_slice %y[0] [%len] [1] : tensor<64xf32> to tensor<?xf32>
    %so = memref.subview %ro[0] [%len] [1] : memref<64xf32, strided<[1], offset: ?>> to memref<?xf32, strided<[1], offset: ?>>
    bufferization.materialize_in_destination %part in writable %so : (tensor<?xf32>, memref<?xf32, strided<[1], offset: ?>>) -> ()
    return
  }
}

// out[i] = x[i] + y[i] for i < n, BLOCK = 256 per program: the frontend's
// masked load (fill + copy of the in-bounds part) and masked store
// (extract_slice + materialize into a subview).
module attributes {dlti.target_system_spec = #dlti.target_system_spec<"CPU" = #dlti.target_device_spec<"arch_id" = "0x503C", "num_threads" = 8 : i32>>} {
  func.func @add_masked(%x: memref<*xf32>, %y: memref<*xf32>, %out: memref<*xf32>, %n: i32, %gx: i32, %gy: i32, %gz: i32, %px: i32, %py: i32, %pz: i32) {
    %c256 = arith.constant 256 : index
    %zero = arith.constant 0.0 : f32
    %pid = arith.index_cast %px : i32 to index
    %start = arith.muli %pid, %c256 : index
    %ni = arith.index_cast %n : i32 to index
    %end0 = arith.addi %start, %c256 : index
    %end = arith.minsi %end0, %ni : index
    %len = arith.subi %end, %start : index
    %rx = memref.reinterpret_cast %x to offset: [%start], sizes: [256], strides: [1] : memref<*xf32> to memref<256xf32, strided<[1], offset: ?>>
    %ax = memref.alloc() : memref<256xf32>
    linalg.fill ins(%zero : f32) outs(%ax : memref<256xf32>)
    %sx = memref.subview %rx[0] [%len] [1] : memref<256xf32, strided<[1], offset: ?>> to memref<?xf32, strided<[1], offset: ?>>
    %dx = memref.subview %ax[0] [%len] [1] : memref<256xf32> to memref<?xf32, strided<[1]>>
    memref.copy %sx, %dx : memref<?xf32, strided<[1], offset: ?>> to memref<?xf32, strided<[1]>>
    %tx = bufferization.to_tensor %ax restrict writable : memref<256xf32> to tensor<256xf32>
    %ry = memref.reinterpret_cast %y to offset: [%start], sizes: [256], strides: [1] : memref<*xf32> to memref<256xf32, strided<[1], offset: ?>>
    %ay = memref.alloc() : memref<256xf32>
    linalg.fill ins(%zero : f32) outs(%ay : memref<256xf32>)
    %sy = memref.subview %ry[0] [%len] [1] : memref<256xf32, strided<[1], offset: ?>> to memref<?xf32, strided<[1], offset: ?>>
    %dy = memref.subview %ay[0] [%len] [1] : memref<256xf32> to memref<?xf32, strided<[1]>>
    memref.copy %sy, %dy : memref<?xf32, strided<[1], offset: ?>> to memref<?xf32, strided<[1]>>
    %ty = bufferization.to_tensor %ay restrict writable : memref<256xf32> to tensor<256xf32>
    %sum = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%tx, %ty : tensor<256xf32>, tensor<256xf32>) outs(%tx : tensor<256xf32>) {
    ^bb0(%a: f32, %b: f32, %o: f32):
      %s = arith.addf %a, %b : f32
      linalg.yield %s : f32
    } -> tensor<256xf32>
    %ro = memref.reinterpret_cast %out to offset: [%start], sizes: [256], strides: [1] : memref<*xf32> to memref<256xf32, strided<[1], offset: ?>>
    %part = tensor.extract_slice %sum[0] [%len] [1] : tensor<256xf32> to tensor<?xf32>
    %so = memref.subview %ro[0] [%len] [1] : memref<256xf32, strided<[1], offset: ?>> to memref<?xf32, strided<[1], offset: ?>>
    bufferization.materialize_in_destination %part in writable %so : (tensor<?xf32>, memref<?xf32, strided<[1], offset: ?>>) -> ()
    return
  }
}

// A scalar tl.load (affine.load of a 1-element reinterpret_cast) used as a
// scale, an i64 scalar argument for n and an f32 scalar shift:
// out[i] = x[i] * scale[0] + shift for i < n. BLOCK = 128, grid 3x1x1, n = 300.
module attributes {dlti.target_system_spec = #dlti.target_system_spec<"CPU" = #dlti.target_device_spec<"arch_id" = "0x503C", "num_threads" = 8 : i32>>} {
  func.func @scalar_load_i64(%x: memref<*xf32>, %scale: memref<*xf32>, %out: memref<*xf32>, %n: i64, %shift: f32, %gx: i32, %gy: i32, %gz: i32, %px: i32, %py: i32, %pz: i32) {
    %c128 = arith.constant 128 : index
    %zero = arith.constant 0.0 : f32
    %rs = memref.reinterpret_cast %scale to offset: [0], sizes: [1], strides: [1] : memref<*xf32> to memref<1xf32, strided<[1]>>
    %sv = affine.load %rs[0] : memref<1xf32, strided<[1]>>
    %pid = arith.index_cast %px : i32 to index
    %start = arith.muli %pid, %c128 : index
    %ni = arith.index_cast %n : i64 to index
    %end0 = arith.addi %start, %c128 : index
    %end = arith.minsi %end0, %ni : index
    %len = arith.subi %end, %start : index
    %rx = memref.reinterpret_cast %x to offset: [%start], sizes: [128], strides: [1] : memref<*xf32> to memref<128xf32, strided<[1], offset: ?>>
    %ax = memref.alloc() : memref<128xf32>
    linalg.fill ins(%zero : f32) outs(%ax : memref<128xf32>)
    %sx = memref.subview %rx[0] [%len] [1] : memref<128xf32, strided<[1], offset: ?>> to memref<?xf32, strided<[1], offset: ?>>
    %dx = memref.subview %ax[0] [%len] [1] : memref<128xf32> to memref<?xf32, strided<[1]>>
    memref.copy %sx, %dx : memref<?xf32, strided<[1], offset: ?>> to memref<?xf32, strided<[1]>>
    %tx = bufferization.to_tensor %ax restrict writable : memref<128xf32> to tensor<128xf32>
    %e = tensor.empty() : tensor<128xf32>
    %y = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%tx : tensor<128xf32>) outs(%e : tensor<128xf32>) {
    ^bb0(%v: f32, %o: f32):
      %m = arith.mulf %v, %sv : f32
      %a = arith.addf %m, %shift : f32
      linalg.yield %a : f32
    } -> tensor<128xf32>
    %ro = memref.reinterpret_cast %out to offset: [%start], sizes: [128], strides: [1] : memref<*xf32> to memref<128xf32, strided<[1], offset: ?>>
    %part = tensor.extract_slice %y[0] [%len] [1] : tensor<128xf32> to tensor<?xf32>
    %so = memref.subview %ro[0] [%len] [1] : memref<128xf32, strided<[1], offset: ?>> to memref<?xf32, strided<[1], offset: ?>>
    bufferization.materialize_in_destination %part in writable %so : (tensor<?xf32>, memref<?xf32, strided<[1], offset: ?>>) -> ()
    return
  }
}

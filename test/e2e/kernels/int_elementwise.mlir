// out[i] = ((x[i] * y[i]) >> s) & 0xFFFF ^ (x[i] + 7), i32, with s an i32
// scalar argument; 1-D BLOCK = 128 per program, masked for i < n.
module attributes {dlti.target_system_spec = #dlti.target_system_spec<"CPU" = #dlti.target_device_spec<"arch_id" = "0x503C", "num_threads" = 8 : i32>>} {
  func.func @int_elementwise(%x: memref<*xi32>, %y: memref<*xi32>, %out: memref<*xi32>, %s: i32, %n: i32, %gx: i32, %gy: i32, %gz: i32, %px: i32, %py: i32, %pz: i32) {
    %c128 = arith.constant 128 : index
    %zero = arith.constant 0 : i32
    %mask = arith.constant 65535 : i32
    %c7 = arith.constant 7 : i32
    %pid = arith.index_cast %px : i32 to index
    %start = arith.muli %pid, %c128 : index
    %ni = arith.index_cast %n : i32 to index
    %end0 = arith.addi %start, %c128 : index
    %end = arith.minsi %end0, %ni : index
    %len = arith.subi %end, %start : index
    %rx = memref.reinterpret_cast %x to offset: [%start], sizes: [128], strides: [1] : memref<*xi32> to memref<128xi32, strided<[1], offset: ?>>
    %ax = memref.alloc() : memref<128xi32>
    linalg.fill ins(%zero : i32) outs(%ax : memref<128xi32>)
    %sx = memref.subview %rx[0] [%len] [1] : memref<128xi32, strided<[1], offset: ?>> to memref<?xi32, strided<[1], offset: ?>>
    %dx = memref.subview %ax[0] [%len] [1] : memref<128xi32> to memref<?xi32, strided<[1]>>
    memref.copy %sx, %dx : memref<?xi32, strided<[1], offset: ?>> to memref<?xi32, strided<[1]>>
    %tx = bufferization.to_tensor %ax restrict writable : memref<128xi32> to tensor<128xi32>
    %ry = memref.reinterpret_cast %y to offset: [%start], sizes: [128], strides: [1] : memref<*xi32> to memref<128xi32, strided<[1], offset: ?>>
    %ay = memref.alloc() : memref<128xi32>
    linalg.fill ins(%zero : i32) outs(%ay : memref<128xi32>)
    %sy = memref.subview %ry[0] [%len] [1] : memref<128xi32, strided<[1], offset: ?>> to memref<?xi32, strided<[1], offset: ?>>
    %dy = memref.subview %ay[0] [%len] [1] : memref<128xi32> to memref<?xi32, strided<[1]>>
    memref.copy %sy, %dy : memref<?xi32, strided<[1], offset: ?>> to memref<?xi32, strided<[1]>>
    %ty = bufferization.to_tensor %ay restrict writable : memref<128xi32> to tensor<128xi32>
    %e = tensor.empty() : tensor<128xi32>
    %sh = linalg.fill ins(%s : i32) outs(%e : tensor<128xi32>) -> tensor<128xi32>
    %r = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%tx, %ty, %sh : tensor<128xi32>, tensor<128xi32>, tensor<128xi32>) outs(%e : tensor<128xi32>) {
    ^bb0(%a: i32, %b: i32, %k: i32, %o: i32):
      %p = arith.muli %a, %b : i32
      %q = arith.shrsi %p, %k : i32
      %m = arith.andi %q, %mask : i32
      %a7 = arith.addi %a, %c7 : i32
      %v = arith.xori %m, %a7 : i32
      linalg.yield %v : i32
    } -> tensor<128xi32>
    %ro = memref.reinterpret_cast %out to offset: [%start], sizes: [128], strides: [1] : memref<*xi32> to memref<128xi32, strided<[1], offset: ?>>
    %part = tensor.extract_slice %r[0] [%len] [1] : tensor<128xi32> to tensor<?xi32>
    %so = memref.subview %ro[0] [%len] [1] : memref<128xi32, strided<[1], offset: ?>> to memref<?xi32, strided<[1], offset: ?>>
    bufferization.materialize_in_destination %part in writable %so : (tensor<?xi32>, memref<?xi32, strided<[1], offset: ?>>) -> ()
    return
  }
}

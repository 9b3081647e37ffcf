// Triton's K loop: C[MxN] = A[MxK] . B[KxN] with BLOCK_M = BLOCK_N = 16,
// BLOCK_K = 32, M, N, K as i32 arguments (strides dynamic). scf.for over the
// K blocks carries the accumulator tensor in iter_args; each iteration loads
// masked A and B tiles (other = 0 for k >= K), runs tl.dot and adds it to the
// accumulator. Run with M = N = 32, K = 80 (tail block of 16), grid 2x2x1.
module attributes {dlti.target_system_spec = #dlti.target_system_spec<"CPU" = #dlti.target_device_spec<"arch_id" = "0x503C", "num_threads" = 8 : i32>>} {
  func.func @matmul_kloop(%a: memref<*xf32>, %b: memref<*xf32>, %c: memref<*xf32>, %M: i32, %N: i32, %K: i32, %gx: i32, %gy: i32, %gz: i32, %px: i32, %py: i32, %pz: i32) {
    %c0 = arith.constant 0 : index
    %c16 = arith.constant 16 : index
    %c32 = arith.constant 32 : index
    %zero = arith.constant 0.0 : f32
    %Ni = arith.index_cast %N : i32 to index
    %Ki = arith.index_cast %K : i32 to index
    %pxi = arith.index_cast %px : i32 to index
    %pyi = arith.index_cast %py : i32 to index
    %m0 = arith.muli %pxi, %c16 : index
    %n0 = arith.muli %pyi, %c16 : index
    %e = tensor.empty() : tensor<16x16xf32>
    %init = linalg.fill ins(%zero : f32) outs(%e : tensor<16x16xf32>) -> tensor<16x16xf32>
    %acc = scf.for %k = %c0 to %Ki step %c32 iter_args(%accum = %init) -> (tensor<16x16xf32>) {
      %kend0 = arith.addi %k, %c32 : index
      %kend = arith.minsi %kend0, %Ki : index
      %klen = arith.subi %kend, %k : index
      %arow = arith.muli %m0, %Ki : index
      %aoff = arith.addi %arow, %k : index
      %ra = memref.reinterpret_cast %a to offset: [%aoff], sizes: [16, 32], strides: [%Ki, 1] : memref<*xf32> to memref<16x32xf32, strided<[?, 1], offset: ?>>
      %la = memref.alloc() : memref<16x32xf32>
      linalg.fill ins(%zero : f32) outs(%la : memref<16x32xf32>)
      %sa = memref.subview %ra[0, 0] [16, %klen] [1, 1] : memref<16x32xf32, strided<[?, 1], offset: ?>> to memref<16x?xf32, strided<[?, 1], offset: ?>>
      %da = memref.subview %la[0, 0] [16, %klen] [1, 1] : memref<16x32xf32> to memref<16x?xf32, strided<[32, 1]>>
      memref.copy %sa, %da : memref<16x?xf32, strided<[?, 1], offset: ?>> to memref<16x?xf32, strided<[32, 1]>>
      %ta = bufferization.to_tensor %la restrict writable : memref<16x32xf32> to tensor<16x32xf32>
      %brow = arith.muli %k, %Ni : index
      %boff = arith.addi %brow, %n0 : index
      %rb = memref.reinterpret_cast %b to offset: [%boff], sizes: [32, 16], strides: [%Ni, 1] : memref<*xf32> to memref<32x16xf32, strided<[?, 1], offset: ?>>
      %lb = memref.alloc() : memref<32x16xf32>
      linalg.fill ins(%zero : f32) outs(%lb : memref<32x16xf32>)
      %sb = memref.subview %rb[0, 0] [%klen, 16] [1, 1] : memref<32x16xf32, strided<[?, 1], offset: ?>> to memref<?x16xf32, strided<[?, 1], offset: ?>>
      %db = memref.subview %lb[0, 0] [%klen, 16] [1, 1] : memref<32x16xf32> to memref<?x16xf32, strided<[16, 1]>>
      memref.copy %sb, %db : memref<?x16xf32, strided<[?, 1], offset: ?>> to memref<?x16xf32, strided<[16, 1]>>
      %tb = bufferization.to_tensor %lb restrict writable : memref<32x16xf32> to tensor<32x16xf32>
      %f = linalg.fill ins(%zero : f32) outs(%e : tensor<16x16xf32>) -> tensor<16x16xf32>
      %dot = linalg.matmul ins(%ta, %tb : tensor<16x32xf32>, tensor<32x16xf32>) outs(%f : tensor<16x16xf32>) -> tensor<16x16xf32>
      %sum = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%dot, %accum : tensor<16x16xf32>, tensor<16x16xf32>) outs(%dot : tensor<16x16xf32>) {
      ^bb0(%x: f32, %y: f32, %o: f32):
        %s = arith.addf %x, %y : f32
        linalg.yield %s : f32
      } -> tensor<16x16xf32>
      scf.yield %sum : tensor<16x16xf32>
    }
    %crow = arith.muli %m0, %Ni : index
    %coff = arith.addi %crow, %n0 : index
    %rc = memref.reinterpret_cast %c to offset: [%coff], sizes: [16, 16], strides: [%Ni, 1] : memref<*xf32> to memref<16x16xf32, strided<[?, 1], offset: ?>>
    bufferization.materialize_in_destination %acc in writable %rc : (tensor<16x16xf32>, memref<16x16xf32, strided<[?, 1], offset: ?>>) -> ()
    return
  }
}

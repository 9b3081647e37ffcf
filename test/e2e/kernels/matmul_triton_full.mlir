// The tutorial Triton matmul in full: f16 A[MxK], B[KxN], f32 accumulator,
// + bias[N], C[MxN] f32; M, N, K and all six strides are i32 arguments, so
// every reinterpret_cast has dynamic strides. BLOCK_M = BLOCK_N = 16,
// BLOCK_K = 32; the K loop masks rows/columns of A and B against M, N and K
// (other = 0), the store is masked on M and N. Run with M = 37, N = 29,
// K = 70, grid 3x2x1.
module attributes {dlti.target_system_spec = #dlti.target_system_spec<"CPU" = #dlti.target_device_spec<"arch_id" = "0x503C", "num_threads" = 8 : i32>>} {
  func.func @matmul_triton_full(%a: memref<*xf16>, %b: memref<*xf16>, %bias: memref<*xf32>, %c: memref<*xf32>, %M: i32, %N: i32, %K: i32, %sam: i32, %sak: i32, %sbk: i32, %sbn: i32, %scm: i32, %scn: i32, %gx: i32, %gy: i32, %gz: i32, %px: i32, %py: i32, %pz: i32) {
    %c0 = arith.constant 0 : index
    %c16 = arith.constant 16 : index
    %c32 = arith.constant 32 : index
    %zh = arith.constant 0.0 : f16
    %zero = arith.constant 0.0 : f32
    %Mi = arith.index_cast %M : i32 to index
    %Ni = arith.index_cast %N : i32 to index
    %Ki = arith.index_cast %K : i32 to index
    %sami = arith.index_cast %sam : i32 to index
    %saki = arith.index_cast %sak : i32 to index
    %sbki = arith.index_cast %sbk : i32 to index
    %sbni = arith.index_cast %sbn : i32 to index
    %scmi = arith.index_cast %scm : i32 to index
    %scni = arith.index_cast %scn : i32 to index
    %pxi = arith.index_cast %px : i32 to index
    %pyi = arith.index_cast %py : i32 to index
    %m0 = arith.muli %pxi, %c16 : index
    %n0 = arith.muli %pyi, %c16 : index
    %mend0 = arith.addi %m0, %c16 : index
    %mend = arith.minsi %mend0, %Mi : index
    %mlen = arith.subi %mend, %m0 : index
    %nend0 = arith.addi %n0, %c16 : index
    %nend = arith.minsi %nend0, %Ni : index
    %nlen = arith.subi %nend, %n0 : index
    %e = tensor.empty() : tensor<16x16xf32>
    %init = linalg.fill ins(%zero : f32) outs(%e : tensor<16x16xf32>) -> tensor<16x16xf32>
    %acc = scf.for %k = %c0 to %Ki step %c32 iter_args(%accum = %init) -> (tensor<16x16xf32>) {
      %kend0 = arith.addi %k, %c32 : index
      %kend = arith.minsi %kend0, %Ki : index
      %klen = arith.subi %kend, %k : index
      %ar = arith.muli %m0, %sami : index
      %ac = arith.muli %k, %saki : index
      %aoff = arith.addi %ar, %ac : index
      %ra = memref.reinterpret_cast %a to offset: [%aoff], sizes: [16, 32], strides: [%sami, %saki] : memref<*xf16> to memref<16x32xf16, strided<[?, ?], offset: ?>>
      %la = memref.alloc() : memref<16x32xf16>
      linalg.fill ins(%zh : f16) outs(%la : memref<16x32xf16>)
      %sa = memref.subview %ra[0, 0] [%mlen, %klen] [1, 1] : memref<16x32xf16, strided<[?, ?], offset: ?>> to memref<?x?xf16, strided<[?, ?], offset: ?>>
      %da = memref.subview %la[0, 0] [%mlen, %klen] [1, 1] : memref<16x32xf16> to memref<?x?xf16, strided<[32, 1]>>
      memref.copy %sa, %da : memref<?x?xf16, strided<[?, ?], offset: ?>> to memref<?x?xf16, strided<[32, 1]>>
      %ta = bufferization.to_tensor %la restrict writable : memref<16x32xf16> to tensor<16x32xf16>
      %br = arith.muli %k, %sbki : index
      %bc = arith.muli %n0, %sbni : index
      %boff = arith.addi %br, %bc : index
      %rb = memref.reinterpret_cast %b to offset: [%boff], sizes: [32, 16], strides: [%sbki, %sbni] : memref<*xf16> to memref<32x16xf16, strided<[?, ?], offset: ?>>
      %lb = memref.alloc() : memref<32x16xf16>
      linalg.fill ins(%zh : f16) outs(%lb : memref<32x16xf16>)
      %sb = memref.subview %rb[0, 0] [%klen, %nlen] [1, 1] : memref<32x16xf16, strided<[?, ?], offset: ?>> to memref<?x?xf16, strided<[?, ?], offset: ?>>
      %db = memref.subview %lb[0, 0] [%klen, %nlen] [1, 1] : memref<32x16xf16> to memref<?x?xf16, strided<[16, 1]>>
      memref.copy %sb, %db : memref<?x?xf16, strided<[?, ?], offset: ?>> to memref<?x?xf16, strided<[16, 1]>>
      %tb = bufferization.to_tensor %lb restrict writable : memref<32x16xf16> to tensor<32x16xf16>
      %f = linalg.fill ins(%zero : f32) outs(%e : tensor<16x16xf32>) -> tensor<16x16xf32>
      %dot = linalg.matmul ins(%ta, %tb : tensor<16x32xf16>, tensor<32x16xf16>) outs(%f : tensor<16x16xf32>) -> tensor<16x16xf32>
      %sum = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%dot, %accum : tensor<16x16xf32>, tensor<16x16xf32>) outs(%dot : tensor<16x16xf32>) {
      ^bb0(%x: f32, %y: f32, %o: f32):
        %s = arith.addf %x, %y : f32
        linalg.yield %s : f32
      } -> tensor<16x16xf32>
      scf.yield %sum : tensor<16x16xf32>
    }
    %rbias = memref.reinterpret_cast %bias to offset: [%n0], sizes: [16], strides: [1] : memref<*xf32> to memref<16xf32, strided<[1], offset: ?>>
    %lbias = memref.alloc() : memref<16xf32>
    linalg.fill ins(%zero : f32) outs(%lbias : memref<16xf32>)
    %sbias = memref.subview %rbias[0] [%nlen] [1] : memref<16xf32, strided<[1], offset: ?>> to memref<?xf32, strided<[1], offset: ?>>
    %dbias = memref.subview %lbias[0] [%nlen] [1] : memref<16xf32> to memref<?xf32, strided<[1]>>
    memref.copy %sbias, %dbias : memref<?xf32, strided<[1], offset: ?>> to memref<?xf32, strided<[1]>>
    %tbias = bufferization.to_tensor %lbias restrict writable : memref<16xf32> to tensor<16xf32>
    %r = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%acc, %tbias : tensor<16x16xf32>, tensor<16xf32>) outs(%acc : tensor<16x16xf32>) {
    ^bb0(%x: f32, %y: f32, %o: f32):
      %s = arith.addf %x, %y : f32
      linalg.yield %s : f32
    } -> tensor<16x16xf32>
    %cr = arith.muli %m0, %scmi : index
    %cc = arith.muli %n0, %scni : index
    %coff = arith.addi %cr, %cc : index
    %rc = memref.reinterpret_cast %c to offset: [%coff], sizes: [16, 16], strides: [%scmi, %scni] : memref<*xf32> to memref<16x16xf32, strided<[?, ?], offset: ?>>
    %part = tensor.extract_slice %r[0, 0] [%mlen, %nlen] [1, 1] : tensor<16x16xf32> to tensor<?x?xf32>
    %sc = memref.subview %rc[0, 0] [%mlen, %nlen] [1, 1] : memref<16x16xf32, strided<[?, ?], offset: ?>> to memref<?x?xf32, strided<[?, ?], offset: ?>>
    bufferization.materialize_in_destination %part in writable %sc : (tensor<?x?xf32>, memref<?x?xf32, strided<[?, ?], offset: ?>>) -> ()
    return
  }
}

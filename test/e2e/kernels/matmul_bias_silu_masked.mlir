// C[MxN] = silu(A[MxK] . B[KxN] + bias[N]) with 16x16 blocks over M = 21,
// N = 27, K = 12 (grid 2x2x1): masked loads of A rows / B columns / bias
// (other = 0) and a masked 2-D store (extract_slice + subview).
module attributes {dlti.target_system_spec = #dlti.target_system_spec<"CPU" = #dlti.target_device_spec<"arch_id" = "0x503C", "num_threads" = 8 : i32>>} {
  func.func @matmul_bias_silu_masked(%a: memref<*xf32>, %b: memref<*xf32>, %bias: memref<*xf32>, %c: memref<*xf32>, %M: i32, %N: i32, %gx: i32, %gy: i32, %gz: i32, %px: i32, %py: i32, %pz: i32) {
    %c12 = arith.constant 12 : index
    %c16 = arith.constant 16 : index
    %zero = arith.constant 0.0 : f32
    %one = arith.constant 1.0 : f32
    %Mi = arith.index_cast %M : i32 to index
    %Ni = arith.index_cast %N : i32 to index
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
    %aoff = arith.muli %m0, %c12 : index
    %ra = memref.reinterpret_cast %a to offset: [%aoff], sizes: [16, 12], strides: [12, 1] : memref<*xf32> to memref<16x12xf32, strided<[12, 1], offset: ?>>
    %la = memref.alloc() : memref<16x12xf32>
    linalg.fill ins(%zero : f32) outs(%la : memref<16x12xf32>)
    %sa = memref.subview %ra[0, 0] [%mlen, 12] [1, 1] : memref<16x12xf32, strided<[12, 1], offset: ?>> to memref<?x12xf32, strided<[12, 1], offset: ?>>
    %da = memref.subview %la[0, 0] [%mlen, 12] [1, 1] : memref<16x12xf32> to memref<?x12xf32, strided<[12, 1]>>
    memref.copy %sa, %da : memref<?x12xf32, strided<[12, 1], offset: ?>> to memref<?x12xf32, strided<[12, 1]>>
    %ta = bufferization.to_tensor %la restrict writable : memref<16x12xf32> to tensor<16x12xf32>
    %rb = memref.reinterpret_cast %b to offset: [%n0], sizes: [12, 16], strides: [%Ni, 1] : memref<*xf32> to memref<12x16xf32, strided<[?, 1], offset: ?>>
    %lb = memref.alloc() : memref<12x16xf32>
    linalg.fill ins(%zero : f32) outs(%lb : memref<12x16xf32>)
    %sb = memref.subview %rb[0, 0] [12, %nlen] [1, 1] : memref<12x16xf32, strided<[?, 1], offset: ?>> to memref<12x?xf32, strided<[?, 1], offset: ?>>
    %db = memref.subview %lb[0, 0] [12, %nlen] [1, 1] : memref<12x16xf32> to memref<12x?xf32, strided<[16, 1]>>
    memref.copy %sb, %db : memref<12x?xf32, strided<[?, 1], offset: ?>> to memref<12x?xf32, strided<[16, 1]>>
    %tb = bufferization.to_tensor %lb restrict writable : memref<12x16xf32> to tensor<12x16xf32>
    %rbias = memref.reinterpret_cast %bias to offset: [%n0], sizes: [16], strides: [1] : memref<*xf32> to memref<16xf32, strided<[1], offset: ?>>
    %lbias = memref.alloc() : memref<16xf32>
    linalg.fill ins(%zero : f32) outs(%lbias : memref<16xf32>)
    %sbias = memref.subview %rbias[0] [%nlen] [1] : memref<16xf32, strided<[1], offset: ?>> to memref<?xf32, strided<[1], offset: ?>>
    %dbias = memref.subview %lbias[0] [%nlen] [1] : memref<16xf32> to memref<?xf32, strided<[1]>>
    memref.copy %sbias, %dbias : memref<?xf32, strided<[1], offset: ?>> to memref<?xf32, strided<[1]>>
    %tbias = bufferization.to_tensor %lbias restrict writable : memref<16xf32> to tensor<16xf32>
    %e = tensor.empty() : tensor<16x16xf32>
    %f = linalg.fill ins(%zero : f32) outs(%e : tensor<16x16xf32>) -> tensor<16x16xf32>
    %mm = linalg.matmul ins(%ta, %tb : tensor<16x12xf32>, tensor<12x16xf32>) outs(%f : tensor<16x16xf32>) -> tensor<16x16xf32>
    %eb = tensor.empty() : tensor<16x16xf32>
    %bb = linalg.broadcast ins(%tbias : tensor<16xf32>) outs(%eb : tensor<16x16xf32>) dimensions = [0]
    %r = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%mm, %bb : tensor<16x16xf32>, tensor<16x16xf32>) outs(%mm : tensor<16x16xf32>) {
    ^bb0(%x: f32, %y: f32, %o: f32):
      %s = arith.addf %x, %y : f32
      %ns = arith.negf %s : f32
      %ex = math.exp %ns : f32
      %den = arith.addf %ex, %one : f32
      %sg = arith.divf %s, %den : f32
      linalg.yield %sg : f32
    } -> tensor<16x16xf32>
    %crow = arith.muli %m0, %Ni : index
    %coff = arith.addi %crow, %n0 : index
    %rc = memref.reinterpret_cast %c to offset: [%coff], sizes: [16, 16], strides: [%Ni, 1] : memref<*xf32> to memref<16x16xf32, strided<[?, 1], offset: ?>>
    %part = tensor.extract_slice %r[0, 0] [%mlen, %nlen] [1, 1] : tensor<16x16xf32> to tensor<?x?xf32>
    %sc = memref.subview %rc[0, 0] [%mlen, %nlen] [1, 1] : memref<16x16xf32, strided<[?, 1], offset: ?>> to memref<?x?xf32, strided<[?, 1], offset: ?>>
    bufferization.materialize_in_destination %part in writable %sc : (tensor<?x?xf32>, memref<?x?xf32, strided<[?, 1], offset: ?>>) -> ()
    return
  }
}

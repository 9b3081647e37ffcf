// out[i] = max_j x[i, j] (tl.max(x, axis=1)), other = -inf.
// 4 rows per program over M rows of length N (i32 arguments; N is also the
// row stride), BLOCK_N = 64: masked 2-D load, masked 1-D store.
module attributes {dlti.target_system_spec = #dlti.target_system_spec<"CPU" = #dlti.target_device_spec<"arch_id" = "0x503C", "num_threads" = 8 : i32>>} {
  func.func @reduce_max_axis1(%src: memref<*xf32>, %out: memref<*xf32>, %M: i32, %N: i32, %gx: i32, %gy: i32, %gz: i32, %px: i32, %py: i32, %pz: i32) {
    %c4 = arith.constant 4 : index
    %c64 = arith.constant 64 : index
    %other = arith.constant 0xFF800000 : f32
    %init = arith.constant 0xFF800000 : f32
    %pid = arith.index_cast %px : i32 to index
    %Mi = arith.index_cast %M : i32 to index
    %Ni = arith.index_cast %N : i32 to index
    %Nf = arith.sitofp %N : i32 to f32
    %row0 = arith.muli %pid, %c4 : index
    %rend0 = arith.addi %row0, %c4 : index
    %rend = arith.minsi %rend0, %Mi : index
    %rlen = arith.subi %rend, %row0 : index
    %len = arith.minsi %Ni, %c64 : index
    %off = arith.muli %row0, %Ni : index
    %rx = memref.reinterpret_cast %src to offset: [%off], sizes: [4, 64], strides: [%Ni, 1] : memref<*xf32> to memref<4x64xf32, strided<[?, 1], offset: ?>>
    %ax = memref.alloc() : memref<4x64xf32>
    linalg.fill ins(%other : f32) outs(%ax : memref<4x64xf32>)
    %sx = memref.subview %rx[0, 0] [%rlen, %len] [1, 1] : memref<4x64xf32, strided<[?, 1], offset: ?>> to memref<?x?xf32, strided<[?, 1], offset: ?>>
    %dx = memref.subview %ax[0, 0] [%rlen, %len] [1, 1] : memref<4x64xf32> to memref<?x?xf32, strided<[64, 1]>>
    memref.copy %sx, %dx : memref<?x?xf32, strided<[?, 1], offset: ?>> to memref<?x?xf32, strided<[64, 1]>>
    %x = bufferization.to_tensor %ax restrict writable : memref<4x64xf32> to tensor<4x64xf32>
    %e = tensor.empty() : tensor<4xf32>
    %f = linalg.fill ins(%init : f32) outs(%e : tensor<4xf32>) -> tensor<4xf32>
    %red = linalg.reduce ins(%x : tensor<4x64xf32>) outs(%f : tensor<4xf32>) dimensions = [1]
      (%a: f32, %acc: f32) {
        %r = arith.maxnumf %a, %acc : f32
        linalg.yield %r : f32
      }
    %ro = memref.reinterpret_cast %out to offset: [%row0], sizes: [4], strides: [1] : memref<*xf32> to memref<4xf32, strided<[1], offset: ?>>
    %part = tensor.extract_slice %red[0] [%rlen] [1] : tensor<4xf32> to tensor<?xf32>
    %so = memref.subview %ro[0] [%rlen] [1] : memref<4xf32, strided<[1], offset: ?>> to memref<?xf32, strided<[1], offset: ?>>
    bufferization.materialize_in_destination %part in writable %so : (tensor<?xf32>, memref<?xf32, strided<[1], offset: ?>>) -> ()
    return
  }
}

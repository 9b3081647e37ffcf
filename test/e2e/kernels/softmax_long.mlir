// Row softmax over long rows (speir-online-softmax's case): other = -inf,
// max over axis 1, exp(x - max), sum, divide.
// 2 rows per program, the row length N (an i32 argument, also the row
// stride) padded to BLOCK = 65536 (a 512 KiB tile: past min-bytes, so
// with enable-online-softmax=true the max and the sum run in one pass over
// column blocks): masked 2-D loads and a masked 2-D store.
module attributes {dlti.target_system_spec = #dlti.target_system_spec<"CPU" = #dlti.target_device_spec<"arch_id" = "0x503C", "num_threads" = 8 : i32>>} {
  func.func @softmax_long(%src: memref<*xf32>, %out: memref<*xf32>, %M: i32, %N: i32, %gx: i32, %gy: i32, %gz: i32, %px: i32, %py: i32, %pz: i32) {
    %cR = arith.constant 2 : index
    %zero = arith.constant 0.0 : f32
    %ninf = arith.constant 0xFF800000 : f32
    %eps = arith.constant 1.0e-05 : f32
    %pid = arith.index_cast %px : i32 to index
    %Mi = arith.index_cast %M : i32 to index
    %Ni = arith.index_cast %N : i32 to index
    %Nf = arith.sitofp %N : i32 to f32
    %row0 = arith.muli %pid, %cR : index
    %rend0 = arith.addi %row0, %cR : index
    %rend = arith.minsi %rend0, %Mi : index
    %rlen = arith.subi %rend, %row0 : index
    %cB = arith.constant 65536 : index
    %len = arith.minsi %Ni, %cB : index
    %off = arith.muli %row0, %Ni : index
    %rx = memref.reinterpret_cast %src to offset: [%off], sizes: [2, 65536], strides: [%Ni, 1] : memref<*xf32> to memref<2x65536xf32, strided<[?, 1], offset: ?>>
    %ax = memref.alloc() : memref<2x65536xf32>
    linalg.fill ins(%ninf : f32) outs(%ax : memref<2x65536xf32>)
    %sx = memref.subview %rx[0, 0] [%rlen, %len] [1, 1] : memref<2x65536xf32, strided<[?, 1], offset: ?>> to memref<?x?xf32, strided<[?, 1], offset: ?>>
    %dx = memref.subview %ax[0, 0] [%rlen, %len] [1, 1] : memref<2x65536xf32> to memref<?x?xf32, strided<[65536, 1]>>
    memref.copy %sx, %dx : memref<?x?xf32, strided<[?, 1], offset: ?>> to memref<?x?xf32, strided<[65536, 1]>>
    %x = bufferization.to_tensor %ax restrict writable : memref<2x65536xf32> to tensor<2x65536xf32>
    %emx = tensor.empty() : tensor<2xf32>
    %fmx = linalg.fill ins(%ninf : f32) outs(%emx : tensor<2xf32>) -> tensor<2xf32>
    %mx = linalg.reduce ins(%x : tensor<2x65536xf32>) outs(%fmx : tensor<2xf32>) dimensions = [1]
      (%in: f32, %acc: f32) {
        %rr = arith.maxnumf %in, %acc : f32
        linalg.yield %rr : f32
      }
    %eex = tensor.empty() : tensor<2x65536xf32>
    %ex = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%x, %mx : tensor<2x65536xf32>, tensor<2xf32>) outs(%eex : tensor<2x65536xf32>) {
    ^bb0(%b0: f32, %b1: f32, %o: f32):
      %d = arith.subf %b0, %b1 : f32
      %ee = math.exp %d : f32
      linalg.yield %ee : f32
    } -> tensor<2x65536xf32>
    %esm = tensor.empty() : tensor<2xf32>
    %fsm = linalg.fill ins(%zero : f32) outs(%esm : tensor<2xf32>) -> tensor<2xf32>
    %sm = linalg.reduce ins(%ex : tensor<2x65536xf32>) outs(%fsm : tensor<2xf32>) dimensions = [1]
      (%in: f32, %acc: f32) {
        %rr = arith.addf %in, %acc : f32
        linalg.yield %rr : f32
      }
    %ey = tensor.empty() : tensor<2x65536xf32>
    %y = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%ex, %sm : tensor<2x65536xf32>, tensor<2xf32>) outs(%ey : tensor<2x65536xf32>) {
    ^bb0(%b0: f32, %b1: f32, %o: f32):
      %d = arith.divf %b0, %b1 : f32
      linalg.yield %d : f32
    } -> tensor<2x65536xf32>
    %ro = memref.reinterpret_cast %out to offset: [%off], sizes: [2, 65536], strides: [%Ni, 1] : memref<*xf32> to memref<2x65536xf32, strided<[?, 1], offset: ?>>
    %part = tensor.extract_slice %y[0, 0] [%rlen, %len] [1, 1] : tensor<2x65536xf32> to tensor<?x?xf32>
    %so = memref.subview %ro[0, 0] [%rlen, %len] [1, 1] : memref<2x65536xf32, strided<[?, 1], offset: ?>> to memref<?x?xf32, strided<[?, 1], offset: ?>>
    bufferization.materialize_in_destination %part in writable %so : (tensor<?x?xf32>, memref<?x?xf32, strided<[?, 1], offset: ?>>) -> ()
    return
  }
}

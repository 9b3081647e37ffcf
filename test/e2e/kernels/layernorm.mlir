// LayerNorm over rows: mean, centered x masked with tl.where (linalg.index < N), variance, rsqrt(var + 1e-5), * weight + bias.
// 4 rows per program, the row length N (an i32 argument, also the row
// stride) padded to BLOCK = 64: masked 2-D loads and a masked 2-D store.
module attributes {dlti.target_system_spec = #dlti.target_system_spec<"CPU" = #dlti.target_device_spec<"arch_id" = "0x503C", "num_threads" = 8 : i32>>} {
  func.func @layernorm(%src: memref<*xf32>, %w: memref<*xf32>, %b: memref<*xf32>, %out: memref<*xf32>, %M: i32, %N: i32, %gx: i32, %gy: i32, %gz: i32, %px: i32, %py: i32, %pz: i32) {
    %cR = arith.constant 4 : index
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
    %cB = arith.constant 64 : index
    %len = arith.minsi %Ni, %cB : index
    %off = arith.muli %row0, %Ni : index
    %rx = memref.reinterpret_cast %src to offset: [%off], sizes: [4, 64], strides: [%Ni, 1] : memref<*xf32> to memref<4x64xf32, strided<[?, 1], offset: ?>>
    %ax = memref.alloc() : memref<4x64xf32>
    linalg.fill ins(%zero : f32) outs(%ax : memref<4x64xf32>)
    %sx = memref.subview %rx[0, 0] [%rlen, %len] [1, 1] : memref<4x64xf32, strided<[?, 1], offset: ?>> to memref<?x?xf32, strided<[?, 1], offset: ?>>
    %dx = memref.subview %ax[0, 0] [%rlen, %len] [1, 1] : memref<4x64xf32> to memref<?x?xf32, strided<[64, 1]>>
    memref.copy %sx, %dx : memref<?x?xf32, strided<[?, 1], offset: ?>> to memref<?x?xf32, strided<[64, 1]>>
    %x = bufferization.to_tensor %ax restrict writable : memref<4x64xf32> to tensor<4x64xf32>
    %rtw = memref.reinterpret_cast %w to offset: [0], sizes: [64], strides: [1] : memref<*xf32> to memref<64xf32, strided<[1]>>
    %atw = memref.alloc() : memref<64xf32>
    linalg.fill ins(%zero : f32) outs(%atw : memref<64xf32>)
    %stw = memref.subview %rtw[0] [%len] [1] : memref<64xf32, strided<[1]>> to memref<?xf32, strided<[1]>>
    %dtw = memref.subview %atw[0] [%len] [1] : memref<64xf32> to memref<?xf32, strided<[1]>>
    memref.copy %stw, %dtw : memref<?xf32, strided<[1]>> to memref<?xf32, strided<[1]>>
    %tw = bufferization.to_tensor %atw restrict writable : memref<64xf32> to tensor<64xf32>
    %rtb = memref.reinterpret_cast %b to offset: [0], sizes: [64], strides: [1] : memref<*xf32> to memref<64xf32, strided<[1]>>
    %atb = memref.alloc() : memref<64xf32>
    linalg.fill ins(%zero : f32) outs(%atb : memref<64xf32>)
    %stb = memref.subview %rtb[0] [%len] [1] : memref<64xf32, strided<[1]>> to memref<?xf32, strided<[1]>>
    %dtb = memref.subview %atb[0] [%len] [1] : memref<64xf32> to memref<?xf32, strided<[1]>>
    memref.copy %stb, %dtb : memref<?xf32, strided<[1]>> to memref<?xf32, strided<[1]>>
    %tb = bufferization.to_tensor %atb restrict writable : memref<64xf32> to tensor<64xf32>
    %esm = tensor.empty() : tensor<4xf32>
    %fsm = linalg.fill ins(%zero : f32) outs(%esm : tensor<4xf32>) -> tensor<4xf32>
    %sm = linalg.reduce ins(%x : tensor<4x64xf32>) outs(%fsm : tensor<4xf32>) dimensions = [1]
      (%in: f32, %acc: f32) {
        %rr = arith.addf %in, %acc : f32
        linalg.yield %rr : f32
      }
    %exc = tensor.empty() : tensor<4x64xf32>
    %xc = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%x, %sm : tensor<4x64xf32>, tensor<4xf32>) outs(%exc : tensor<4x64xf32>) {
    ^bb0(%b0: f32, %b1: f32, %o: f32):
      %j = linalg.index 1 : index
      %inb = arith.cmpi slt, %j, %Ni : index
      %mean = arith.divf %b1, %Nf : f32
      %d = arith.subf %b0, %mean : f32
      %mv = arith.select %inb, %d, %zero : f32
      linalg.yield %mv : f32
    } -> tensor<4x64xf32>
    %esq = tensor.empty() : tensor<4x64xf32>
    %sq = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%xc : tensor<4x64xf32>) outs(%esq : tensor<4x64xf32>) {
    ^bb0(%b0: f32, %o: f32):
      %q = arith.mulf %b0, %b0 : f32
      linalg.yield %q : f32
    } -> tensor<4x64xf32>
    %evs = tensor.empty() : tensor<4xf32>
    %fvs = linalg.fill ins(%zero : f32) outs(%evs : tensor<4xf32>) -> tensor<4xf32>
    %vs = linalg.reduce ins(%sq : tensor<4x64xf32>) outs(%fvs : tensor<4xf32>) dimensions = [1]
      (%in: f32, %acc: f32) {
        %rr = arith.addf %in, %acc : f32
        linalg.yield %rr : f32
      }
    %ey = tensor.empty() : tensor<4x64xf32>
    %y = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0)>, affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%xc, %vs, %tw, %tb : tensor<4x64xf32>, tensor<4xf32>, tensor<64xf32>, tensor<64xf32>) outs(%ey : tensor<4x64xf32>) {
    ^bb0(%b0: f32, %b1: f32, %b2: f32, %b3: f32, %o: f32):
      %var = arith.divf %b1, %Nf : f32
      %ve = arith.addf %var, %eps : f32
      %rs = math.rsqrt %ve : f32
      %n = arith.mulf %b0, %rs : f32
      %nw = arith.mulf %n, %b2 : f32
      %nb = arith.addf %nw, %b3 : f32
      linalg.yield %nb : f32
    } -> tensor<4x64xf32>
    %ro = memref.reinterpret_cast %out to offset: [%off], sizes: [4, 64], strides: [%Ni, 1] : memref<*xf32> to memref<4x64xf32, strided<[?, 1], offset: ?>>
    %part = tensor.extract_slice %y[0, 0] [%rlen, %len] [1, 1] : tensor<4x64xf32> to tensor<?x?xf32>
    %so = memref.subview %ro[0, 0] [%rlen, %len] [1, 1] : memref<4x64xf32, strided<[?, 1], offset: ?>> to memref<?x?xf32, strided<[?, 1], offset: ?>>
    bufferization.materialize_in_destination %part in writable %so : (tensor<?x?xf32>, memref<?x?xf32, strided<[?, 1], offset: ?>>) -> ()
    return
  }
}

// A 3-D scf.forall (2 x 3 x 5 sub-blocks, one program): sub-block (i, j, k)
// owns the 4x8 tile at rows 4*(3*i + j), columns 8*k of a 24x40 x and
// computes out = x * 2 + (100*i + 10*j + k). Lowered to one
// speir_parallel_for_range call whose outlined body delinearizes each
// linear index into (i, j, k): a wrong remainder or quotient shows up as a
// wrong tile or a wrong added constant.
module attributes {dlti.target_system_spec = #dlti.target_system_spec<"CPU" = #dlti.target_device_spec<"arch_id" = "0x503C", "num_threads" = 8 : i32>>} {
  func.func @forall_3d(%src: memref<*xf32>, %out: memref<*xf32>, %gx: i32, %gy: i32, %gz: i32, %px: i32, %py: i32, %pz: i32) {
    %c3 = arith.constant 3 : index
    %c4 = arith.constant 4 : index
    %c8 = arith.constant 8 : index
    %c10 = arith.constant 10 : index
    %c40 = arith.constant 40 : index
    %c100 = arith.constant 100 : index
    %two = arith.constant 2.0 : f32
    scf.forall (%i, %j, %k) in (2, 3, 5) {
      %ij = arith.muli %i, %c3 : index
      %blk = arith.addi %ij, %j : index
      %r = arith.muli %blk, %c4 : index
      %col = arith.muli %k, %c8 : index
      %roff = arith.muli %r, %c40 : index
      %off = arith.addi %roff, %col : index
      %hi = arith.muli %i, %c100 : index
      %mid = arith.muli %j, %c10 : index
      %t0 = arith.addi %hi, %mid : index
      %tag = arith.addi %t0, %k : index
      %tagi = arith.index_cast %tag : index to i32
      %tagf = arith.sitofp %tagi : i32 to f32
      %rx = memref.reinterpret_cast %src to offset: [%off], sizes: [4, 8], strides: [40, 1] : memref<*xf32> to memref<4x8xf32, strided<[40, 1], offset: ?>>
      %ax = memref.alloc() : memref<4x8xf32>
      memref.copy %rx, %ax : memref<4x8xf32, strided<[40, 1], offset: ?>> to memref<4x8xf32>
      %x = bufferization.to_tensor %ax restrict writable : memref<4x8xf32> to tensor<4x8xf32>
      %e = tensor.empty() : tensor<4x8xf32>
      %y = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%x : tensor<4x8xf32>) outs(%e : tensor<4x8xf32>) {
      ^bb0(%v: f32, %o: f32):
        %m = arith.mulf %v, %two : f32
        %a = arith.addf %m, %tagf : f32
        linalg.yield %a : f32
      } -> tensor<4x8xf32>
      %ro = memref.reinterpret_cast %out to offset: [%off], sizes: [4, 8], strides: [40, 1] : memref<*xf32> to memref<4x8xf32, strided<[40, 1], offset: ?>>
      bufferization.materialize_in_destination %y in writable %ro : (tensor<4x8xf32>, memref<4x8xf32, strided<[40, 1], offset: ?>>) -> ()
    }
    return
  }
}

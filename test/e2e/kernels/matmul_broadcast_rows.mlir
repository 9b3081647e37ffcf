// FlagGems' mm with M = 1 (Triton specializes M to 1, so `rm % M` is 0): every row of the 4 x 16 A block reads
// the same input row, a view with row stride 0 that speir-forward-loads reads in place; two K steps accumulate
// into C, and the 4 identical rows are stored. The runtime takes lda = 0 (a GEMM operand that repeats one line);
// until it did, the call failed and the kernel aborted (test/flaggems/test_model.py).
module attributes {dlti.target_system_spec = #dlti.target_system_spec<"CPU" = #dlti.target_device_spec<"arch_id" = "0x503C", "num_threads" = 2 : i32>>} {
  func.func @matmul_broadcast_rows(%a: memref<*xf32>, %b: memref<*xf32>, %c: memref<*xf32>, %gx: i32, %gy: i32, %gz: i32, %px: i32, %py: i32, %pz: i32) {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %c2 = arith.constant 2 : index
    %c16 = arith.constant 16 : index
    %c8 = arith.constant 8 : index
    %c24 = arith.constant 24 : index
    %zero = arith.constant 0.0 : f32
    %pidx = arith.index_cast %px : i32 to index
    %n0 = arith.muli %pidx, %c8 : index
    %e = tensor.empty() : tensor<4x8xf32>
    %init = linalg.fill ins(%zero : f32) outs(%e : tensor<4x8xf32>) -> tensor<4x8xf32>
    %acc = scf.for %kk = %c0 to %c2 step %c1 iter_args(%acc0 = %init) -> (tensor<4x8xf32>) {
      %k0 = arith.muli %kk, %c16 : index
      %va = memref.reinterpret_cast %a to offset: [%k0], sizes: [4, 16], strides: [0, 1] : memref<*xf32> to memref<4x16xf32, strided<[0, 1], offset: ?>>
      %la = memref.alloc() : memref<4x16xf32>
      memref.copy %va, %la : memref<4x16xf32, strided<[0, 1], offset: ?>> to memref<4x16xf32>
      %ta = bufferization.to_tensor %la restrict writable : memref<4x16xf32> to tensor<4x16xf32>
      %kb = arith.muli %k0, %c24 : index
      %ob = arith.addi %kb, %n0 : index
      %vb = memref.reinterpret_cast %b to offset: [%ob], sizes: [16, 8], strides: [24, 1] : memref<*xf32> to memref<16x8xf32, strided<[24, 1], offset: ?>>
      %lb = memref.alloc() : memref<16x8xf32>
      memref.copy %vb, %lb : memref<16x8xf32, strided<[24, 1], offset: ?>> to memref<16x8xf32>
      %tb = bufferization.to_tensor %lb restrict writable : memref<16x8xf32> to tensor<16x8xf32>
      %r = linalg.matmul ins(%ta, %tb : tensor<4x16xf32>, tensor<16x8xf32>) outs(%acc0 : tensor<4x8xf32>) -> tensor<4x8xf32>
      scf.yield %r : tensor<4x8xf32>
    }
    %vc = memref.reinterpret_cast %c to offset: [%n0], sizes: [4, 8], strides: [24, 1] : memref<*xf32> to memref<4x8xf32, strided<[24, 1], offset: ?>>
    bufferization.materialize_in_destination %acc in writable %vc : (tensor<4x8xf32>, memref<4x8xf32, strided<[24, 1], offset: ?>>) -> ()
    return
  }
}

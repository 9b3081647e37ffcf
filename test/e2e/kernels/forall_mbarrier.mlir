// smt.parallel(..., bind_sub_block=True) with xsmt_async mbarriers: each
// program owns a 64x32 tile (grid 2x1x1 over a 128x32 x), 4 sub-blocks of 16
// rows. Phase 1: each sub-block sums its rows and stores the partial sum to
// partial[pid * 4 + sub] (affine.store), then arrives on a barrier that
// completes after 4 arrivals. Phase 2: after waiting for phase 0 (parity 0)
// every sub-block reads all 4 partials of its program and writes
// out = x - mean(tile). Wrong without the barrier. Needs
// libSpeIRRuntimeLibs.so (speir_parallel_for, mbarriers).
module attributes {dlti.target_system_spec = #dlti.target_system_spec<"CPU" = #dlti.target_device_spec<"arch_id" = "0x503C", "num_threads" = 8 : i32>>} {
  func.func @forall_mbarrier(%src: memref<*xf32>, %partial: memref<*xf32>, %out: memref<*xf32>, %gx: i32, %gy: i32, %gz: i32, %px: i32, %py: i32, %pz: i32) {
    %c4 = arith.constant 4 : index
    %c16 = arith.constant 16 : index
    %c32 = arith.constant 32 : index
    %c64 = arith.constant 64 : index
    %zero = arith.constant 0.0 : f32
    %count = arith.constant 2048.0 : f32
    %parity = arith.constant 0 : i16
    %arr = arith.constant 4 : i16
    %tx = arith.constant 0 : i16
    %pid = arith.index_cast %px : i32 to index
    %row0 = arith.muli %pid, %c64 : index
    %poff = arith.muli %pid, %c4 : index
    %bar = "xsmt_async.mbarrier_alloc"(%parity, %arr, %tx, %arr) : (i16, i16, i16, i16) -> i64
    scf.forall (%sb) in (4) {
      %srow = arith.muli %sb, %c16 : index
      %r = arith.addi %row0, %srow : index
      %off = arith.muli %r, %c32 : index
      %rx = memref.reinterpret_cast %src to offset: [%off], sizes: [16, 32], strides: [32, 1] : memref<*xf32> to memref<16x32xf32, strided<[32, 1], offset: ?>>
      %ax = memref.alloc() : memref<16x32xf32>
      memref.copy %rx, %ax : memref<16x32xf32, strided<[32, 1], offset: ?>> to memref<16x32xf32>
      %x = bufferization.to_tensor %ax restrict writable : memref<16x32xf32> to tensor<16x32xf32>
      %e0 = tensor.empty() : tensor<f32>
      %f0 = linalg.fill ins(%zero : f32) outs(%e0 : tensor<f32>) -> tensor<f32>
      %s = linalg.reduce ins(%x : tensor<16x32xf32>) outs(%f0 : tensor<f32>) dimensions = [0, 1]
        (%a: f32, %acc: f32) {
          %t = arith.addf %a, %acc : f32
          linalg.yield %t : f32
        }
      %sv = tensor.extract %s[] : tensor<f32>
      %mine = arith.addi %poff, %sb : index
      %rp = memref.reinterpret_cast %partial to offset: [%mine], sizes: [1], strides: [1] : memref<*xf32> to memref<1xf32, strided<[1], offset: ?>>
      affine.store %sv, %rp[0] : memref<1xf32, strided<[1], offset: ?>>
      "xsmt_async.mbarrier_arrive"(%bar) : (i64) -> ()
      "xsmt_async.mbarrier_wait"(%bar, %parity, %arr) : (i64, i16, i16) -> ()
      %rall = memref.reinterpret_cast %partial to offset: [%poff], sizes: [4], strides: [1] : memref<*xf32> to memref<4xf32, strided<[1], offset: ?>>
      %aall = memref.alloc() : memref<4xf32>
      memref.copy %rall, %aall : memref<4xf32, strided<[1], offset: ?>> to memref<4xf32>
      %all = bufferization.to_tensor %aall restrict writable : memref<4xf32> to tensor<4xf32>
      %f1 = linalg.fill ins(%zero : f32) outs(%e0 : tensor<f32>) -> tensor<f32>
      %tot = linalg.reduce ins(%all : tensor<4xf32>) outs(%f1 : tensor<f32>) dimensions = [0]
        (%a: f32, %acc: f32) {
          %t = arith.addf %a, %acc : f32
          linalg.yield %t : f32
        }
      %tv = tensor.extract %tot[] : tensor<f32>
      %mean = arith.divf %tv, %count : f32
      %e = tensor.empty() : tensor<16x32xf32>
      %y = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%x : tensor<16x32xf32>) outs(%e : tensor<16x32xf32>) {
      ^bb0(%v: f32, %o: f32):
        %d = arith.subf %v, %mean : f32
        linalg.yield %d : f32
      } -> tensor<16x32xf32>
      %ro = memref.reinterpret_cast %out to offset: [%off], sizes: [16, 32], strides: [32, 1] : memref<*xf32> to memref<16x32xf32, strided<[32, 1], offset: ?>>
      bufferization.materialize_in_destination %y in writable %ro : (tensor<16x32xf32>, memref<16x32xf32, strided<[32, 1], offset: ?>>) -> ()
    }
    "xsmt_async.mbarrier_release"(%bar) : (i64) -> ()
    return
  }
}

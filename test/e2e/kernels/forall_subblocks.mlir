// smt.parallel(..., bind_sub_block=True) without barriers: each program owns
// a 64x32 tile (grid 2x1x1 over a 128x32 x) and splits it over an scf.forall
// of 4 sub-blocks of 16 rows; each sub-block loads its rows, computes
// out = x * x + pid_sub and stores them. Needs libSpeIRRuntimeLibs.so
// (speir_parallel_for).
module attributes {dlti.target_system_spec = #dlti.target_system_spec<"CPU" = #dlti.target_device_spec<"arch_id" = "0x503C", "num_threads" = 8 : i32>>} {
  func.func @forall_subblocks(%src: memref<*xf32>, %out: memref<*xf32>, %gx: i32, %gy: i32, %gz: i32, %px: i32, %py: i32, %pz: i32) {
    %c16 = arith.constant 16 : index
    %c32 = arith.constant 32 : index
    %c64 = arith.constant 64 : index
    %pid = arith.index_cast %px : i32 to index
    %row0 = arith.muli %pid, %c64 : index
    scf.forall (%sb) in (4) {
      %srow = arith.muli %sb, %c16 : index
      %r = arith.addi %row0, %srow : index
      %off = arith.muli %r, %c32 : index
      %sbi = arith.index_cast %sb : index to i32
      %sbf = arith.sitofp %sbi : i32 to f32
      %rx = memref.reinterpret_cast %src to offset: [%off], sizes: [16, 32], strides: [32, 1] : memref<*xf32> to memref<16x32xf32, strided<[32, 1], offset: ?>>
      %ax = memref.alloc() : memref<16x32xf32>
      memref.copy %rx, %ax : memref<16x32xf32, strided<[32, 1], offset: ?>> to memref<16x32xf32>
      %x = bufferization.to_tensor %ax restrict writable : memref<16x32xf32> to tensor<16x32xf32>
      %e = tensor.empty() : tensor<16x32xf32>
      %y = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%x : tensor<16x32xf32>) outs(%e : tensor<16x32xf32>) {
      ^bb0(%v: f32, %o: f32):
        %m = arith.mulf %v, %v : f32
        %a = arith.addf %m, %sbf : f32
        linalg.yield %a : f32
      } -> tensor<16x32xf32>
      %ro = memref.reinterpret_cast %out to offset: [%off], sizes: [16, 32], strides: [32, 1] : memref<*xf32> to memref<16x32xf32, strided<[32, 1], offset: ?>>
      bufferization.materialize_in_destination %y in writable %ro : (tensor<16x32xf32>, memref<16x32xf32, strided<[32, 1], offset: ?>>) -> ()
    }
    return
  }
}

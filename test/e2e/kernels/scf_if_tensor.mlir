// Control flow on tensors: programs with an even pid compute x * 2, odd ones
// x + 10, chosen by an scf.if that yields the tensor (a Triton 'if' on
// tl.program_id). 64 elements per program, grid 4x1x1.
module attributes {dlti.target_system_spec = #dlti.target_system_spec<"CPU" = #dlti.target_device_spec<"arch_id" = "0x503C", "num_threads" = 8 : i32>>} {
  func.func @scf_if_tensor(%src: memref<*xf32>, %out: memref<*xf32>, %gx: i32, %gy: i32, %gz: i32, %px: i32, %py: i32, %pz: i32) {
    %c64 = arith.constant 64 : index
    %c2i = arith.constant 2 : i32
    %c0i = arith.constant 0 : i32
    %two = arith.constant 2.0 : f32
    %ten = arith.constant 10.0 : f32
    %pid = arith.index_cast %px : i32 to index
    %off = arith.muli %pid, %c64 : index
    %rx = memref.reinterpret_cast %src to offset: [%off], sizes: [64], strides: [1] : memref<*xf32> to memref<64xf32, strided<[1], offset: ?>>
    %x = bufferization.to_tensor %rx restrict : memref<64xf32, strided<[1], offset: ?>> to tensor<64xf32>
    %rem = arith.remsi %px, %c2i : i32
    %even = arith.cmpi eq, %rem, %c0i : i32
    %e = tensor.empty() : tensor<64xf32>
    %y = scf.if %even -> (tensor<64xf32>) {
      %a = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%x : tensor<64xf32>) outs(%e : tensor<64xf32>) {
      ^bb0(%v: f32, %o: f32):
        %m = arith.mulf %v, %two : f32
        linalg.yield %m : f32
      } -> tensor<64xf32>
      scf.yield %a : tensor<64xf32>
    } else {
      %b = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%x : tensor<64xf32>) outs(%e : tensor<64xf32>) {
      ^bb0(%v: f32, %o: f32):
        %m = arith.addf %v, %ten : f32
        linalg.yield %m : f32
      } -> tensor<64xf32>
      scf.yield %b : tensor<64xf32>
    }
    %ro = memref.reinterpret_cast %out to offset: [%off], sizes: [64], strides: [1] : memref<*xf32> to memref<64xf32, strided<[1], offset: ?>>
    bufferization.materialize_in_destination %y in writable %ro : (tensor<64xf32>, memref<64xf32, strided<[1], offset: ?>>) -> ()
    return
  }
}

#id = affine_map<(d0, d1) -> (d0, d1)>
#row = affine_map<(d0, d1) -> (d0)>
module attributes {speir.target = #speir.target<cpu = "spacemit-x60", arch_id = 20540, llvm_cpu = "spacemit-x60", llvm_features = "", vlen = 256, ime = 1, num_threads = 8>} {
  func.func @row_sum(%in: memref<4x200xf32>, %out: memref<4xf32>) {
    linalg.generic {indexing_maps = [#id, #row], iterator_types = ["reduction", "reduction"]}
        ins(%in : memref<4x200xf32>) outs(%out : memref<4xf32>) {
    ^bb0(%x: f32, %acc: f32):
      %s = arith.addf %x, %acc : f32
      linalg.yield %s : f32
    }
    return
  }
}

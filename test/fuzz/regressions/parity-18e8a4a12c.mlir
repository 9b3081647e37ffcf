func.func @left_alone(%a: memref<4x4xf64>, %c: memref<4x4xf64>, %s: memref<4x4xf32, strided<[8, 2]>>, %t: memref<4x4xf32>) {
  linalg.generic {indexing_maps = [affine_map<(m, n, k) -> (m, k)>, affine_map<(m, n, k) -> (k, n)>, affine_map<(m, n, k) -> (m, n)>],
                  iterator_types = ["reduction", "parallel", "reduction"]}
      ins(%t, %t : memref<4x4xf32>, memref<4x4xf32>) outs(%t : memref<4x4xf32>) {
  ^bb0(%x: f32, %y: f32, %acc: f32):
    %p = arith.maximumf %x, %y : f32
    %s2 = arith.addf %acc, %p : f32
    linalg.yield %s2 : f32
  }
  return
}

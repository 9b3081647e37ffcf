func.func @activations(%a: memref<4x8xf32>, %b: memref<8x16xf32>, %c: memref<4x16xf32>, %bias: memref<f32>) {
  %one = arith.constant 1.0 : f32
  %half = arith.constant 0.5 : f32
  %rs2 = arith.constant 0.707106769 : f32
  %k0 = arith.constant 0.797884583 : f32
  %k1 = arith.constant 4.471500e-02 : f32
  %mone = arith.constant -1.0 : f32
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> ()>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%c, %bias : memref<4x16xf32>, memref<f32>) outs(%c : memref<4x16xf32>) {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %s = arith.maximumf %x, %y : f32
    %n = arith.mulf %s, %mone : f32
    %e = math.exp %n : f32
    %d = arith.addf %one, %e : f32
    %sg = arith.divf %one, %d : f32
    %r = arith.mulf %sg, %s : f32
    linalg.yield %r : f32
  }
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%c : memref<4x16xf32>) outs(%c : memref<4x16xf32>) {
  ^bb0(%v: f32, %o: f32):
    %t0 = arith.mulf %v, %rs2 : f32
    %er = math.erf %t0 : f32
    %t1 = arith.addf %er, %one : f32
    %t2 = arith.mulf %v, %half : f32
    %r = arith.mulf %t2, %t1 : f32
    linalg.yield %r : f32
  }
  speir.gemm %a, %b into %c : memref<4x8xf32>, memref<8x16xf32> into memref<4x16xf32>
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%c : memref<4x16xf32>) outs(%c : memref<4x16xf32>) {
  ^bb0(%v: f32, %o: f32):
    %x2 = arith.mulf %v, %v : f32
    %x3 = arith.mulf %x2, %v : f32
  speir.gemm %a, %b into %c : memref<4x8xf32>, memref<8x16xf32> into memref<4x16xf32>
    %t0 = arith.mulf %x3, %k1 : f32
    %t1 = arith.addf %v, %t0 : f32
    %t2 = arith.mulf %t1, %k0 : f32
    %th = math.tanh %t2 : f32
    %t3 = arith.addf %th, %one : f32
    %t4 = arith.mulf %v, %half : f32
    %r = arith.mulf %t4, %t3 : f32
    linalg.yield %r : f32
  }
  return
}

// RUN: spine-opt %s -split-input-file -speir-decompose-linalg -speir-online-softmax="min-bytes=4096 block-bytes=2048" | FileCheck %s
// RUN: spine-opt %s -split-input-file -speir-decompose-linalg -speir-online-softmax | FileCheck %s --check-prefix=DEFAULT
// RUN: not spine-opt %s -split-input-file -speir-decompose-linalg -speir-online-softmax="block-bytes=0" 2>&1 | FileCheck %s --check-prefix=ERR

// speir-online-softmax: the max and the sum of exp(x - max) along a large
// tile's innermost dimension become one loop over column blocks carrying
// both; exp(x - max) is then fused into the division that reads it. The
// default threshold (256 KiB) leaves these small tiles alone.

// DEFAULT-NOT: scf.for
// ERR: speir-online-softmax: min-bytes must not be negative and block-bytes must be positive

// A 4 x 1000 tile (16,000 bytes), blocks of 2048 / (4 rows x 4 bytes) = 128
// columns (the last one 104: affine.min). The max keeps its own init
// (linalg.softmax's decomposition starts from NaN, maxnumf's identity).
// CHECK-DAG: #[[$MIN:.*]] = affine_map<(d0) -> (128, -d0 + 1000)>
// CHECK-DAG: #[[$ID2:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[$ROW:.*]] = affine_map<(d0, d1) -> (d0)>
// CHECK-DAG: #[[$ID1:.*]] = affine_map<(d0) -> (d0)>
// CHECK-LABEL: func @softmax_2d(
// CHECK-SAME: %[[X:.*]]: tensor<4x1000xf32>
// CHECK-DAG: %[[OUT:.*]] = tensor.empty() : tensor<4x1000xf32>
// CHECK-DAG: %[[NAN:.*]] = arith.constant 0xFFC00000 : f32
// CHECK-DAG: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK-DAG: %[[NINF:.*]] = arith.constant 0xFF800000 : f32
// CHECK-DAG: %[[C0:.*]] = arith.constant 0 : index
// CHECK-DAG: %[[C1000:.*]] = arith.constant 1000 : index
// CHECK-DAG: %[[C128:.*]] = arith.constant 128 : index
// CHECK-DAG: %[[MINIT:.*]] = linalg.fill ins(%[[NAN]] : f32)
// CHECK-DAG: %[[SINIT:.*]] = linalg.fill ins(%[[ZERO]] : f32)
// CHECK: %[[STATS:.*]]:2 = scf.for %[[J:.*]] = %[[C0]] to %[[C1000]] step %[[C128]] iter_args(%[[M:.*]] = %[[MINIT]], %[[S:.*]] = %[[SINIT]]) -> (tensor<4xf32>, tensor<4xf32>) {
// CHECK:   %[[W:.*]] = affine.min #[[$MIN]](%[[J]])
// CHECK:   %[[BLOCK:.*]] = tensor.extract_slice %[[X]][0, %[[J]]] [4, %[[W]]] [1, 1] : tensor<4x1000xf32> to tensor<4x?xf32>
// CHECK:   %[[BMINIT:.*]] = linalg.fill ins(%[[NINF]] : f32)
// CHECK:   %[[BMAX:.*]] = linalg.generic {indexing_maps = [#[[$ID2]], #[[$ROW]]], iterator_types = ["parallel", "reduction"]} ins(%[[BLOCK]] : tensor<4x?xf32>) outs(%[[BMINIT]] : tensor<4xf32>)
// CHECK:     arith.maxnumf
// CHECK:   %[[UPD:.*]]:3 = linalg.generic {indexing_maps = [#[[$ID1]], #[[$ID1]], #[[$ID1]], #[[$ID1]], #[[$ID1]]], iterator_types = ["parallel"]} ins(%[[M]], %[[BMAX]] : tensor<4xf32>, tensor<4xf32>)
// CHECK:   ^bb0(%[[OLD:[^:]*]]: f32, %[[NEW:[^:]*]]: f32,
// CHECK:     %[[NEXT:.*]] = arith.maxnumf %[[NEW]], %[[OLD]] : f32
// CHECK:     %[[ISNINF:.*]] = arith.cmpf oeq, %[[NEXT]], %[[NINF]] : f32
// CHECK:     %[[OFFSET:.*]] = arith.select %[[ISNINF]], %[[ZERO]], %[[NEXT]] : f32
// CHECK:     %[[D:.*]] = arith.subf %[[OLD]], %[[OFFSET]] : f32
// CHECK:     %[[SCALE:.*]] = math.exp %[[D]] : f32
// CHECK:     linalg.yield %[[NEXT]], %[[OFFSET]], %[[SCALE]] : f32, f32, f32
// CHECK:   %[[BSUM:.*]] = linalg.generic {indexing_maps = [#[[$ID2]], #[[$ROW]], #[[$ROW]]], iterator_types = ["parallel", "reduction"]} ins(%[[BLOCK]], %[[UPD]]#1 : tensor<4x?xf32>, tensor<4xf32>)
// CHECK:     arith.subf
// CHECK:     math.exp
// CHECK:     arith.addf
// CHECK:   %[[NSUM:.*]] = linalg.generic {{.*}} ins(%[[S]], %[[UPD]]#2, %[[BSUM]] : tensor<4xf32>, tensor<4xf32>, tensor<4xf32>)
// CHECK:     arith.mulf
// CHECK:     arith.addf
// CHECK:   scf.yield %[[UPD]]#0, %[[NSUM]] : tensor<4xf32>, tensor<4xf32>
// CHECK: }
// One pass reads x again: exp(x - max) / sum, the exponential not stored.
// CHECK: %[[Y:.*]] = linalg.generic {indexing_maps = [#[[$ID2]], #[[$ROW]], #[[$ROW]], #[[$ID2]]], iterator_types = ["parallel", "parallel"]} ins(%[[X]], %[[STATS]]#0, %[[STATS]]#1 : {{.*}}) outs(%[[OUT]] : tensor<4x1000xf32>)
// CHECK:   arith.subf
// CHECK:   math.exp
// CHECK:   arith.divf
// CHECK-NOT: linalg.generic
// CHECK: return %[[Y]]
func.func @softmax_2d(%x: tensor<4x1000xf32>) -> tensor<4x1000xf32> {
  %e = tensor.empty() : tensor<4x1000xf32>
  %r = linalg.softmax dimension(1) ins(%x : tensor<4x1000xf32>) outs(%e : tensor<4x1000xf32>) -> tensor<4x1000xf32>
  return %r : tensor<4x1000xf32>
}

// -----

// One row (rank-0 statistics, the max read through tensor.extract as
// triton-shared emits it): blocks of 2048 / 4 = 512 columns, 4096 / 512 = 8
// of them, no affine.min. linalg.reduce ops, maximumf.
// CHECK-LABEL: func @softmax_row(
// CHECK-SAME: %[[X:.*]]: tensor<4096xf32>
// CHECK: %[[STATS:.*]]:2 = scf.for {{.*}} -> (tensor<f32>, tensor<f32>) {
// CHECK-NOT: affine.min
// CHECK:   tensor.extract_slice %[[X]][%{{.*}}] [512] [1] : tensor<4096xf32> to tensor<512xf32>
// CHECK:   arith.maximumf
// CHECK:   arith.maximumf
// CHECK:   math.exp
// CHECK:   math.exp
// CHECK:   scf.yield
// CHECK: }
// CHECK: %[[MV:.*]] = tensor.extract %[[STATS]]#0[] : tensor<f32>
// CHECK: %[[SV:.*]] = tensor.extract %[[STATS]]#1[] : tensor<f32>
// CHECK: linalg.generic {{.*}} ins(%[[X]] : tensor<4096xf32>)
// CHECK:   %[[D:.*]] = arith.subf %{{.*}}, %[[MV]] : f32
// CHECK:   %[[E:.*]] = math.exp %[[D]] : f32
// CHECK:   arith.divf %[[E]], %[[SV]] : f32
func.func @softmax_row(%x: tensor<4096xf32>) -> tensor<4096xf32> {
  %ninf = arith.constant 0xFF800000 : f32
  %zero = arith.constant 0.0 : f32
  %e0 = tensor.empty() : tensor<f32>
  %m0 = linalg.fill ins(%ninf : f32) outs(%e0 : tensor<f32>) -> tensor<f32>
  %mx = linalg.reduce ins(%x : tensor<4096xf32>) outs(%m0 : tensor<f32>) dimensions = [0]
    (%a: f32, %acc: f32) {
      %r = arith.maximumf %acc, %a : f32
      linalg.yield %r : f32
    }
  %mv = tensor.extract %mx[] : tensor<f32>
  %e1 = tensor.empty() : tensor<4096xf32>
  %ex = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%x : tensor<4096xf32>) outs(%e1 : tensor<4096xf32>) {
  ^bb0(%a: f32, %o: f32):
    %s = arith.subf %a, %mv : f32
    %e = math.exp %s : f32
    linalg.yield %e : f32
  } -> tensor<4096xf32>
  %s0 = linalg.fill ins(%zero : f32) outs(%e0 : tensor<f32>) -> tensor<f32>
  %sum = linalg.reduce ins(%ex : tensor<4096xf32>) outs(%s0 : tensor<f32>) dimensions = [0]
    (%a: f32, %acc: f32) {
      %r = arith.addf %a, %acc : f32
      linalg.yield %r : f32
    }
  %sv = tensor.extract %sum[] : tensor<f32>
  %y = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%ex : tensor<4096xf32>) outs(%e1 : tensor<4096xf32>) {
  ^bb0(%a: f32, %o: f32):
    %d = arith.divf %a, %sv : f32
    linalg.yield %d : f32
  } -> tensor<4096xf32>
  return %y : tensor<4096xf32>
}

// -----

// log_softmax: the exponentials feed only the sum, and disappear with it;
// the max and log(sum) are read by the rest as before.
// CHECK-LABEL: func @log_softmax(
// CHECK: %[[STATS:.*]]:2 = scf.for
// CHECK: scf.yield
// CHECK-NEXT: }
// CHECK-NOT: math.exp
// CHECK: linalg.generic {{.*}} ins(%{{.*}}, %[[STATS]]#0, %[[STATS]]#1 :
// CHECK:   math.log
func.func @log_softmax(%x: tensor<2x1024xf32>) -> tensor<2x1024xf32> {
  %ninf = arith.constant 0xFF800000 : f32
  %zero = arith.constant 0.0 : f32
  %e0 = tensor.empty() : tensor<2xf32>
  %m0 = linalg.fill ins(%ninf : f32) outs(%e0 : tensor<2xf32>) -> tensor<2xf32>
  %mx = linalg.reduce ins(%x : tensor<2x1024xf32>) outs(%m0 : tensor<2xf32>) dimensions = [1]
    (%a: f32, %acc: f32) {
      %r = arith.maxnumf %a, %acc : f32
      linalg.yield %r : f32
    }
  %e1 = tensor.empty() : tensor<2x1024xf32>
  %ex = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%x, %mx : tensor<2x1024xf32>, tensor<2xf32>) outs(%e1 : tensor<2x1024xf32>) {
  ^bb0(%a: f32, %m: f32, %o: f32):
    %s = arith.subf %a, %m : f32
    %e = math.exp %s : f32
    linalg.yield %e : f32
  } -> tensor<2x1024xf32>
  %s0 = linalg.fill ins(%zero : f32) outs(%e0 : tensor<2xf32>) -> tensor<2xf32>
  %sum = linalg.reduce ins(%ex : tensor<2x1024xf32>) outs(%s0 : tensor<2xf32>) dimensions = [1]
    (%a: f32, %acc: f32) {
      %r = arith.addf %a, %acc : f32
      linalg.yield %r : f32
    }
  %y = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0)>, affine_map<(d0, d1) -> (d0)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%x, %mx, %sum : tensor<2x1024xf32>, tensor<2xf32>, tensor<2xf32>) outs(%e1 : tensor<2x1024xf32>) {
  ^bb0(%a: f32, %m: f32, %s: f32, %o: f32):
    %l = math.log %s : f32
    %d = arith.subf %a, %m : f32
    %r = arith.subf %d, %l : f32
    linalg.yield %r : f32
  } -> tensor<2x1024xf32>
  return %y : tensor<2x1024xf32>
}

// -----

// Left alone: a tile below min-bytes (4 x 200 f32: 3,200 bytes); a sum
// that starts from 1 (rescaling would scale it too); an exponent that is
// not x minus the max of x; a tile of one block (32 x 64: 8,192 bytes, and
// blocks of at least 64 columns); a dynamic shape.
// CHECK-LABEL: func @left_alone(
// CHECK-NOT: scf.for
// CHECK: return
func.func @left_alone(%small: tensor<4x200xf32>, %x: tensor<4x1000xf32>, %y: tensor<4x1000xf32>,
                      %one: tensor<32x64xf32>, %dyn: tensor<4x?xf32>)
    -> (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<32xf32>, tensor<4xf32>) {
  %ninf = arith.constant 0xFF800000 : f32
  %zero = arith.constant 0.0 : f32
  %c1 = arith.constant 1.0 : f32
  %e4 = tensor.empty() : tensor<4xf32>
  %m4 = linalg.fill ins(%ninf : f32) outs(%e4 : tensor<4xf32>) -> tensor<4xf32>
  %z4 = linalg.fill ins(%zero : f32) outs(%e4 : tensor<4xf32>) -> tensor<4xf32>
  %o4 = linalg.fill ins(%c1 : f32) outs(%e4 : tensor<4xf32>) -> tensor<4xf32>
  %e2 = tensor.empty() : tensor<32xf32>
  %m2 = linalg.fill ins(%ninf : f32) outs(%e2 : tensor<32xf32>) -> tensor<32xf32>
  %z2 = linalg.fill ins(%zero : f32) outs(%e2 : tensor<32xf32>) -> tensor<32xf32>

  %ms = linalg.reduce ins(%small : tensor<4x200xf32>) outs(%m4 : tensor<4xf32>) dimensions = [1]
    (%a: f32, %acc: f32) { %r = arith.maxnumf %a, %acc : f32
      linalg.yield %r : f32 }
  %es0 = tensor.empty() : tensor<4x200xf32>
  %es = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%small, %ms : tensor<4x200xf32>, tensor<4xf32>) outs(%es0 : tensor<4x200xf32>) {
  ^bb0(%a: f32, %m: f32, %o: f32):
    %s = arith.subf %a, %m : f32
    %e = math.exp %s : f32
    linalg.yield %e : f32
  } -> tensor<4x200xf32>
  %ss = linalg.reduce ins(%es : tensor<4x200xf32>) outs(%z4 : tensor<4xf32>) dimensions = [1]
    (%a: f32, %acc: f32) { %r = arith.addf %a, %acc : f32
      linalg.yield %r : f32 }

  %mx = linalg.reduce ins(%x : tensor<4x1000xf32>) outs(%m4 : tensor<4xf32>) dimensions = [1]
    (%a: f32, %acc: f32) { %r = arith.maxnumf %a, %acc : f32
      linalg.yield %r : f32 }
  %ex0 = tensor.empty() : tensor<4x1000xf32>
  %ex = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%x, %mx : tensor<4x1000xf32>, tensor<4xf32>) outs(%ex0 : tensor<4x1000xf32>) {
  ^bb0(%a: f32, %m: f32, %o: f32):
    %s = arith.subf %a, %m : f32
    %e = math.exp %s : f32
    linalg.yield %e : f32
  } -> tensor<4x1000xf32>
  %sx = linalg.reduce ins(%ex : tensor<4x1000xf32>) outs(%o4 : tensor<4xf32>) dimensions = [1]
    (%a: f32, %acc: f32) { %r = arith.addf %a, %acc : f32
      linalg.yield %r : f32 }

  %ey = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%y, %mx : tensor<4x1000xf32>, tensor<4xf32>) outs(%ex0 : tensor<4x1000xf32>) {
  ^bb0(%a: f32, %m: f32, %o: f32):
    %s = arith.subf %a, %m : f32
    %e = math.exp %s : f32
    linalg.yield %e : f32
  } -> tensor<4x1000xf32>
  %sy = linalg.reduce ins(%ey : tensor<4x1000xf32>) outs(%z4 : tensor<4xf32>) dimensions = [1]
    (%a: f32, %acc: f32) { %r = arith.addf %a, %acc : f32
      linalg.yield %r : f32 }

  %m1 = linalg.reduce ins(%one : tensor<32x64xf32>) outs(%m2 : tensor<32xf32>) dimensions = [1]
    (%a: f32, %acc: f32) { %r = arith.maxnumf %a, %acc : f32
      linalg.yield %r : f32 }
  %e10 = tensor.empty() : tensor<32x64xf32>
  %e1 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%one, %m1 : tensor<32x64xf32>, tensor<32xf32>) outs(%e10 : tensor<32x64xf32>) {
  ^bb0(%a: f32, %m: f32, %o: f32):
    %s = arith.subf %a, %m : f32
    %e = math.exp %s : f32
    linalg.yield %e : f32
  } -> tensor<32x64xf32>
  %s1 = linalg.reduce ins(%e1 : tensor<32x64xf32>) outs(%z2 : tensor<32xf32>) dimensions = [1]
    (%a: f32, %acc: f32) { %r = arith.addf %a, %acc : f32
      linalg.yield %r : f32 }

  %md = linalg.reduce ins(%dyn : tensor<4x?xf32>) outs(%m4 : tensor<4xf32>) dimensions = [1]
    (%a: f32, %acc: f32) { %r = arith.maxnumf %a, %acc : f32
      linalg.yield %r : f32 }
  %c1i = arith.constant 1 : index
  %n = tensor.dim %dyn, %c1i : tensor<4x?xf32>
  %ed0 = tensor.empty(%n) : tensor<4x?xf32>
  %ed = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%dyn, %md : tensor<4x?xf32>, tensor<4xf32>) outs(%ed0 : tensor<4x?xf32>) {
  ^bb0(%a: f32, %m: f32, %o: f32):
    %s = arith.subf %a, %m : f32
    %e = math.exp %s : f32
    linalg.yield %e : f32
  } -> tensor<4x?xf32>
  %sd = linalg.reduce ins(%ed : tensor<4x?xf32>) outs(%z4 : tensor<4xf32>) dimensions = [1]
    (%a: f32, %acc: f32) { %r = arith.addf %a, %acc : f32
      linalg.yield %r : f32 }
  return %ss, %sx, %sy, %s1, %sd : tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<32xf32>, tensor<4xf32>
}

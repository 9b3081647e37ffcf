// RUN: spine-opt %s -split-input-file --spine-ttir-cleanup | FileCheck %s
// spine-ttir-cleanup acts only on modules convert-triton-to-linalg marked:
// element-wise ops on tensors become one fused linalg.generic that writes in
// place into its input, and the mark is removed.

// CHECK-LABEL: module {
// CHECK:       func.func @marked(%[[X:.*]]: tensor<64xf32>, %[[Y:.*]]: tensor<64xf32>)
// CHECK:         %[[R:.*]] = linalg.generic
// CHECK-SAME:      ins(%[[X]], %[[Y]] : tensor<64xf32>, tensor<64xf32>) outs(%[[X]] : tensor<64xf32>)
// CHECK:           arith.addf
// CHECK:           math.exp
// CHECK-NOT:     linalg.generic
// CHECK:         return %[[R]]
module attributes {spine.from_ttir} {
  func.func @marked(%x: tensor<64xf32>, %y: tensor<64xf32>) -> tensor<64xf32> {
    %s = arith.addf %x, %y : tensor<64xf32>
    %e = math.exp %s : tensor<64xf32>
    return %e : tensor<64xf32>
  }
}

// -----

// A frontend linalgdir module passes unchanged.
// CHECK-LABEL: func.func @unmarked
// CHECK:         arith.addf %{{.*}}, %{{.*}} : tensor<64xf32>
// CHECK:         math.exp %{{.*}} : tensor<64xf32>
module {
  func.func @unmarked(%x: tensor<64xf32>, %y: tensor<64xf32>) -> tensor<64xf32> {
    %s = arith.addf %x, %y : tensor<64xf32>
    %e = math.exp %s : tensor<64xf32>
    return %e : tensor<64xf32>
  }
}

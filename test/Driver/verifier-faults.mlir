// RUN: not spine-opt %s -split-input-file 2>&1 | FileCheck %s
// RUN: spine-opt %s -split-input-file > /dev/null 2>&1; test $? -eq 1
// Malformed IR on which an upstream verifier faults (mlir-opt-22 dies with
// SIGSEGV) is diagnosed before the verifier runs: a located error and exit
// 1, not the internal-error exit 70 (fuzzer findings
// test/fuzz/regressions/crash-1c4162cc8e.mlir, crash-5dbff066ea.mlir and
// crash-680058e4d7.mlir).

// CHECK: verifier-faults.mlir:[[@LINE+3]]:8: error: 'linalg.pack' op has 1 inner tiles equal to -9223372036854775808 (the marker of a dynamic value) but 0 such operands
func.func @pack(%b: tensor<16x16xf32>) -> tensor<2x2x8x8xf32> {
  %e = tensor.empty() : tensor<2x2x8x8xf32>
  %p = linalg.pack %b inner_dims_pos = [1, 0] inner_tiles = [-9223372036854775808, 8] into %e : tensor<16x16xf32> -> tensor<2x2x8x8xf32>
  return %p : tensor<2x2x8x8xf32>
}

// -----

// CHECK: verifier-faults.mlir:[[@LINE+3]]:8: error: 'linalg.unpack' op has 1 inner tiles equal to -9223372036854775808
func.func @unpack(%c: tensor<3x4x8x8xf32>) -> tensor<20x30xf32> {
  %e = tensor.empty() : tensor<20x30xf32>
  %u = linalg.unpack %c inner_dims_pos = [0, 1] inner_tiles = [-9223372036854775808, 8] into %e : tensor<3x4x8x8xf32> -> tensor<20x30xf32>
  return %u : tensor<20x30xf32>
}

// -----

// tensor.pad's verifier (and printer) index the padding operands likewise.
// CHECK: verifier-faults.mlir:[[@LINE+2]]:8: error: 'tensor.pad' op has 1 high paddings equal to -9223372036854775808 (the marker of a dynamic value) but 0 such operands
func.func @pad_high(%x: tensor<1x8xi8>, %v: i8) -> tensor<1x10xi8> {
  %p = tensor.pad %x low[0, 1] high[0, -9223372036854775808] {
  ^bb0(%a: index, %b: index):
    tensor.yield %v : i8
  } : tensor<1x8xi8> to tensor<1x10xi8>
  return %p : tensor<1x10xi8>
}

// -----

// CHECK: verifier-faults.mlir:[[@LINE+2]]:8: error: 'tensor.pad' op has 1 low paddings equal to -9223372036854775808 (the marker of a dynamic value) but 0 such operands
func.func @pad_low(%x: tensor<1x8xi8>, %v: i8) -> tensor<1x10xi8> {
  %p = tensor.pad %x low[-9223372036854775808, 1] high[0, 1] {
  ^bb0(%a: index, %b: index):
    tensor.yield %v : i8
  } : tensor<1x8xi8> to tensor<1x10xi8>
  return %p : tensor<1x10xi8>
}

// -----

// The ordinary verifier still runs on the input, also without passes.
// CHECK: verifier-faults.mlir:[[@LINE+2]]:3: error: 'func.return' op has 0 operands, but enclosing function (@no_result) returns 1
func.func @no_result() -> i32 {
  return
}

// -----

// A well-formed dynamic tile and dynamic padding are fine.
// CHECK-NOT: error
func.func @dynamic_tile(%b: tensor<16x16xf32>, %t: index, %e: tensor<?x2x?x8xf32>) -> tensor<?x2x?x8xf32> {
  %p = linalg.pack %b inner_dims_pos = [1, 0] inner_tiles = [%t, 8] into %e : tensor<16x16xf32> -> tensor<?x2x?x8xf32>
  return %p : tensor<?x2x?x8xf32>
}

func.func @dynamic_pad(%x: tensor<1x8xi8>, %v: i8, %h: index) -> tensor<1x?xi8> {
  %p = tensor.pad %x low[0, 1] high[0, %h] {
  ^bb0(%a: index, %b: index):
    tensor.yield %v : i8
  } : tensor<1x8xi8> to tensor<1x?xi8>
  return %p : tensor<1x?xi8>
}

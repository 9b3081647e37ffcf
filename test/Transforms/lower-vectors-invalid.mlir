// RUN: spine-opt %s -speir-lower-vectors -split-input-file -verify-diagnostics

// A vector of a million rows would unroll into a million stores: refused
// (found by the fuzzer, test/fuzz/regressions/hang-123072ee85.mlir).
func.func @huge_rows(%m: memref<1048576x8xf32>, %v: vector<1048576x8xf32>) {
  %c0 = arith.constant 0 : index
  // expected-error @+1 {{vector type 'vector<1048576x8xf32>' has more than 4096 rows; speir-lower-vectors unrolls vectors row by row}}
  vector.transfer_write %v, %m[%c0, %c0] {in_bounds = [true, true]} : vector<1048576x8xf32>, memref<1048576x8xf32>
  return
}

// -----

// Rows counted over all leading dimensions (64 x 128 = 8192), without
// overflowing on absurd sizes.
func.func @rows_product(%v: vector<64x128x4xf32>) -> vector<64x128x4xf32> {
  // expected-error @+1 {{has more than 4096 rows}}
  %r = arith.addf %v, %v : vector<64x128x4xf32>
  return %r : vector<64x128x4xf32>
}

// -----

func.func @huge_dim(%v: vector<2x9223372036854775807x4xf32>) {
  // expected-error @+1 {{has more than 4096 rows}}
  %r = arith.addf %v, %v : vector<2x9223372036854775807x4xf32>
  return
}

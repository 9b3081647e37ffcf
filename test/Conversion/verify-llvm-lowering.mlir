// RUN: spine-opt %s -split-input-file -spine-verify-llvm-lowering -verify-diagnostics

llvm.func @fine(%x: i32) -> i32 {
  llvm.return %x : i32
}

// -----

llvm.func @leftover() -> f32 {
  // expected-error @+1 {{'arith.constant' is not supported here: no pass of the pipeline lowered it to the LLVM dialect}}
  %c = arith.constant 1.0 : f32
  llvm.return %c : f32
}

// RUN: spine-opt %s -split-input-file -convert-speir-to-llvm -verify-diagnostics

// A scalable vector computed outside a parallel body cannot travel in its
// ctx struct (LLVM cannot allocate an unsized struct): refused, also when it
// is one row of a multi-dimensional vector (an array of scalable vectors).
func.func @scalable_capture(%n: index, %out: memref<?xf32>, %x: f32) {
  %v = vector.broadcast %x : f32 to vector<[16]xf32>
  // expected-error @+1 {{'speir.parallel' op cannot pass a value of type 'vector<[16]xf32>' into the parallel body}}
  speir.parallel (%i) in (%n) {
    vector.store %v, %out[%i] : memref<?xf32>, vector<[16]xf32>
  }
  return
}

// -----

func.func @scalable_rows_capture(%n: index, %out: memref<?x?xf32>, %x: f32) {
  %v = vector.broadcast %x : f32 to vector<2x[4]xf32>
  // expected-error @+1 {{'speir.parallel' op cannot pass a value of type 'vector<2x[4]xf32>' into the parallel body}}
  speir.parallel (%i) in (%n) {
    vector.store %v, %out[%i, %i] : memref<?x?xf32>, vector<2x[4]xf32>
  }
  return
}

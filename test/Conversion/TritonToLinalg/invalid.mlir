// RUN: spine-opt %s --convert-triton-to-linalg -split-input-file -verify-diagnostics
// What the TTIR conversion does not lower is a located error naming the op,
// never a crash or silently wrong code.

tt.func public @int_to_ptr(%a: i64) {
  // expected-error @+1 {{unsupported operation on pointers: tt.int_to_ptr}}
  %p = tt.int_to_ptr %a : i64 -> !tt.ptr<f32>
  %v = tt.load %p : !tt.ptr<f32>
  tt.return
}

// -----

tt.func public @unknown_extern(%x: f32, %out: !tt.ptr<f32>) {
  // expected-error @+1 {{tt.extern_elementwise of '__nv_no_such_fn' is not supported}}
  %y = tt.extern_elementwise %x {libname = "", libpath = "", pure = true, symbol = "__nv_no_such_fn"} : (f32) -> f32
  tt.store %out, %y : !tt.ptr<f32>
  tt.return
}

// -----

tt.func public @inline_asm(%x: f32, %out: !tt.ptr<f32>) {
  // expected-error @+1 {{the TTIR conversion does not support tt.elementwise_inline_asm yet}}
  %y = tt.elementwise_inline_asm "mov $0, $1" {constraints = "=r,r", packed_element = 1 : i32, pure = true} %x : f32 -> f32
  tt.store %out, %y : !tt.ptr<f32>
  tt.return
}

// -----

tt.func public @bitcast_width(%p: !tt.ptr<f32>) {
  // expected-error @+1 {{pointer bitcast between element types of different widths is not supported}}
  %q = tt.bitcast %p : !tt.ptr<f32> -> !tt.ptr<f16>
  %v = tt.load %q : !tt.ptr<f16>
  tt.return
}

// -----

// A loop-carried pointer tensor that is structured on entry and indirect
// (offsets loaded from memory) at the yield.
tt.func public @form_change(%p: !tt.ptr<f32>, %idx: !tt.ptr<i32>, %n: i32) {
  %c0 = arith.constant 0 : i32
  %c1 = arith.constant 1 : i32
  %r = tt.make_range {end = 16 : i32, start = 0 : i32} : tensor<16xi32>
  %s = tt.splat %p : !tt.ptr<f32> -> tensor<16x!tt.ptr<f32>>
  %ptrs = tt.addptr %s, %r : tensor<16x!tt.ptr<f32>>, tensor<16xi32>
  %is = tt.splat %idx : !tt.ptr<i32> -> tensor<16x!tt.ptr<i32>>
  %ip = tt.addptr %is, %r : tensor<16x!tt.ptr<i32>>, tensor<16xi32>
  %offs = tt.load %ip : tensor<16x!tt.ptr<i32>>
  // expected-error @+1 {{a loop-carried pointer changes its form inside the loop}}
  %last = scf.for %i = %c0 to %n step %c1 iter_args(%q = %ptrs) -> (tensor<16x!tt.ptr<f32>>) : i32 {
    %next = tt.addptr %q, %offs : tensor<16x!tt.ptr<f32>>, tensor<16xi32>
    scf.yield %next : tensor<16x!tt.ptr<f32>>
  }
  tt.return
}

// -----

tt.func private @forever(%x: f32) -> f32 {
  // expected-error @+1 {{recursive tt.call of 'forever' (Triton functions cannot recurse)}}
  %y = tt.call @forever(%x) : (f32) -> f32
  tt.return %y : f32
}

tt.func public @calls_recursive(%x: f32, %out: !tt.ptr<f32>) {
  %y = tt.call @forever(%x) : (f32) -> f32
  tt.store %out, %y : !tt.ptr<f32>
  tt.return
}

// -----

tt.func private @early_return(%p: !tt.ptr<f32>, %x: f32) {
  %zero = arith.constant 0.0 : f32
  %neg = arith.cmpf olt, %x, %zero : f32
  cf.cond_br %neg, ^bb1, ^bb2
^bb1:
  tt.return
^bb2:
  tt.store %p, %x : !tt.ptr<f32>
  tt.return
}

tt.func public @calls_in_loop(%out: !tt.ptr<f32>, %n: i32) {
  %c0 = arith.constant 0 : i32
  %c1 = arith.constant 1 : i32
  scf.for %i = %c0 to %n step %c1 : i32 {
    %x = arith.sitofp %i : i32 to f32
    // expected-error @+1 {{cannot inline the call of 'early_return' here: a function with an early return is called inside a loop or branch}}
    tt.call @early_return(%out, %x) : (!tt.ptr<f32>, f32) -> ()
  }
  tt.return
}

// -----

tt.func private @declared(%x: f32) -> f32

tt.func public @calls_declaration(%x: f32, %out: !tt.ptr<f32>) {
  // expected-error @+1 {{call of 'declared', which has no body here}}
  %y = tt.call @declared(%x) : (f32) -> f32
  tt.store %out, %y : !tt.ptr<f32>
  tt.return
}

// -----

tt.func public @select_two_args_elementwise(%a: !tt.ptr<f32>, %b: !tt.ptr<f32>, %out: !tt.ptr<f32>) {
  %r = tt.make_range {end = 16 : i32, start = 0 : i32} : tensor<16xi32>
  %c8 = arith.constant dense<8> : tensor<16xi32>
  %low = arith.cmpi slt, %r, %c8 : tensor<16xi32>
  %pa = tt.splat %a : !tt.ptr<f32> -> tensor<16x!tt.ptr<f32>>
  %pb = tt.splat %b : !tt.ptr<f32> -> tensor<16x!tt.ptr<f32>>
  // expected-error @+1 {{arith.select between pointers of different forms (different arguments or shapes under an element-wise condition) is not supported}}
  %p = arith.select %low, %pa, %pb : tensor<16xi1>, tensor<16x!tt.ptr<f32>>
  %v = tt.load %p : tensor<16x!tt.ptr<f32>>
  tt.store %p, %v : tensor<16x!tt.ptr<f32>>
  tt.return
}

// -----

tt.func public @ptr_to_int_tensor(%a: !tt.ptr<f32>, %out: !tt.ptr<i64>) {
  %r = tt.make_range {end = 16 : i32, start = 0 : i32} : tensor<16xi32>
  %pa = tt.splat %a : !tt.ptr<f32> -> tensor<16x!tt.ptr<f32>>
  %p = tt.addptr %pa, %r : tensor<16x!tt.ptr<f32>>, tensor<16xi32>
  // expected-error @+1 {{tt.ptr_to_int of a tensor of pointers is not supported}}
  %i = tt.ptr_to_int %p : tensor<16x!tt.ptr<f32>> -> tensor<16xi64>
  %po = tt.splat %out : !tt.ptr<i64> -> tensor<16x!tt.ptr<i64>>
  %q = tt.addptr %po, %r : tensor<16x!tt.ptr<i64>>, tensor<16xi32>
  tt.store %q, %i : tensor<16x!tt.ptr<i64>>
  tt.return
}

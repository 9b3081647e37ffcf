// RUN: spine-opt %s -split-input-file -verify-diagnostics

func.func @alloc_parity() {
  %p = arith.constant 2 : i16
  %a = arith.constant 4 : i16
  // expected-error @+1 {{'xsmt_async.mbarrier_alloc' op parity must be in [0, 1], got 2}}
  %b = "xsmt_async.mbarrier_alloc"(%p, %a, %a, %a) : (i16, i16, i16, i16) -> i64
  return
}

// -----

func.func @alloc_arrive() {
  %z = arith.constant 0 : i16
  // expected-error @+1 {{'xsmt_async.mbarrier_alloc' op arrive count must be in [1, 32767], got 0}}
  %b = "xsmt_async.mbarrier_alloc"(%z, %z, %z, %z) : (i16, i16, i16, i16) -> i64
  return
}

// -----

func.func @alloc_expect() {
  %z = arith.constant 0 : i16
  %one = arith.constant 1 : i16
  %neg = arith.constant -1 : i16
  // expected-error @+1 {{'xsmt_async.mbarrier_alloc' op expected count must be in [0, 32767], got -1}}
  %b = "xsmt_async.mbarrier_alloc"(%z, %one, %z, %neg) : (i16, i16, i16, i16) -> i64
  return
}

// -----

func.func @alloc_type(%p: i32) {
  // expected-error @+1 {{operand #0 must be 16-bit signless integer}}
  %b = "xsmt_async.mbarrier_alloc"(%p, %p, %p, %p) : (i32, i32, i32, i32) -> i64
  return
}

// -----

func.func @wait_parity(%b: i64) {
  %p = arith.constant 3 : i16
  %a = arith.constant 1 : i16
  // expected-error @+1 {{'xsmt_async.mbarrier_wait' op parity must be in [0, 1], got 3}}
  "xsmt_async.mbarrier_wait"(%b, %p, %a) : (i64, i16, i16) -> ()
  return
}

// -----

func.func @arrive_type(%b: i32) {
  // expected-error @+1 {{operand #0 must be 64-bit signless integer}}
  "xsmt_async.mbarrier_arrive"(%b) : (i32) -> ()
  return
}

// -----

func.func @grid_axis() -> i64 {
  %axis = arith.constant 3 : i64
  // expected-error @+1 {{'xsmt_async.grid' op axis must be in [0, 2], got 3}}
  %id = "xsmt_async.grid"(%axis) : (i64) -> i64
  return %id : i64
}

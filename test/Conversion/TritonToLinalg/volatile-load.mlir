// RUN: spine-opt %s --convert-triton-to-linalg | FileCheck %s
// RUN: spine-opt %s --spine-ttir-to-linalg --spine-triton-e2e-pipeline | FileCheck %s --check-prefix=LLVM
// A scalar tt.load {isVolatile} is a volatile LLVM load of the element's
// address: kernels spin on it until another program stores a flag (FlagGems'
// radix sort and look-back scans), and a plain load is one LLVM may hoist out
// of the spin loop (opt's licm does), which then never ends. Masked, the
// volatile load sits in the mask's scf.if. Other loads stay memref loads.

// CHECK-LABEL: func.func @spin(
// CHECK: memref.load
// CHECK: scf.while
// CHECK:   %[[BASE:.*]] = memref.extract_aligned_pointer_as_index
// CHECK:   %[[ADDR:.*]] = arith.index_cast %[[BASE]] : index to i64
// CHECK:   %[[PTR:.*]] = llvm.inttoptr %[[ADDR]] : i64 to !llvm.ptr
// CHECK:   %[[ELEM:.*]] = llvm.getelementptr %[[PTR]][%{{.*}}] : (!llvm.ptr, i64) -> !llvm.ptr, i32
// CHECK:   %[[FLAG:.*]] = llvm.load volatile %[[ELEM]] : !llvm.ptr -> i32
// CHECK:   arith.cmpi eq, %[[FLAG]]
// CHECK: scf.if
// CHECK:   llvm.load volatile %{{.*}} : !llvm.ptr -> i32
// CHECK: } else {
// LLVM-LABEL: llvm.func @spin(
// LLVM: llvm.load volatile %{{.*}} : !llvm.ptr -> i32
// LLVM: llvm.load volatile %{{.*}} : !llvm.ptr -> i32
tt.func public @spin(%flag: !tt.ptr<i32>, %data: !tt.ptr<i32>, %out: !tt.ptr<i32>, %n: i32) {
  %c0 = arith.constant 0 : i32
  %pid = tt.get_program_id x : i32
  %first = tt.load %data : !tt.ptr<i32>
  %f = tt.addptr %flag, %pid : !tt.ptr<i32>, i32
  %w = scf.while (%seen = %c0) : (i32) -> i32 {
    %v = tt.load %f {isVolatile = true} : !tt.ptr<i32>
    %wait = arith.cmpi eq, %v, %c0 : i32
    scf.condition(%wait) %v : i32
  } do {
  ^bb0(%seen2: i32):
    scf.yield %seen2 : i32
  }
  %in = arith.cmpi slt, %pid, %n : i32
  %d = tt.addptr %data, %pid : !tt.ptr<i32>, i32
  %m = tt.load %d, %in {isVolatile = true} : !tt.ptr<i32>
  %s = arith.addi %w, %m : i32
  %t = arith.addi %s, %first : i32
  %o = tt.addptr %out, %pid : !tt.ptr<i32>, i32
  tt.store %o, %t : !tt.ptr<i32>
  tt.return
}

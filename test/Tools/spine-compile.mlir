// spine-compile: linalgdir -> .so for the host and riscv64, or LLVM IR.
// RUN: spine-compile %spine_src_root/examples/matmul_bias_relu.mlir -o %t.so
// RUN: llvm-nm -D %t.so | FileCheck %s --check-prefix=HOST
// RUN: spine-compile %spine_src_root/examples/matmul_bias_relu.mlir -o %t.ll --emit llvm --ref
// RUN: FileCheck %s --check-prefix=IR < %t.ll
// RUN: spine-compile %spine_src_root/examples/matmul_bias_relu.mlir -o %t.rv64.so --target riscv64
// RUN: llvm-readelf -h %t.rv64.so | FileCheck %s --check-prefix=RV64
// RUN: not spine-compile %s.missing -o %t.x 2>&1 | FileCheck %s --check-prefix=MISSING
// RUN: not spine-compile %s -o %t.bad.so 2>&1 | FileCheck %s --check-prefix=BAD -DFILE=%s

// HOST: T matmul_bias_relu
// HOST: U speir_gemm
// IR: define void @matmul_bias_relu(i64 %0, ptr %1
// IR-NOT: speir_gemm
// RV64: Machine: RISC-V
// MISSING: spine-compile: {{.*}}No such file or directory
// BAD: spine-compile: command failed
// The diagnostic names the user's file and line (not a temporary copy).
// BAD: {{^}}[[FILE]]:[[@LINE+3]]:14: error: operation being parsed with an unregistered dialect

func.func @broken(%a: memref<*xf32>, %gx: i32, %gy: i32, %gz: i32, %px: i32, %py: i32, %pz: i32) {
  "not.an_op"() : () -> ()
  return
}

// The bundled example through each pipeline, mlir-translate and llc, linked
// with a harness that calls it with the frontend's kernel ABI and checks the
// numbers against a direct computation.

// RUN: spine-opt %spine_src_root/examples/matmul_bias_relu.mlir --spine-triton-e2e-ref-pipeline -o %t.ref.mlir
// RUN: mlir-translate --mlir-to-llvmir %t.ref.mlir -o %t.ref.ll
// RUN: llc -O3 --relocation-model=pic -filetype=obj %t.ref.ll -o %t.ref.o
// RUN: %host_cxx %t.ref.o %spine_src_root/examples/matmul_bias_relu_main.cpp -o %t.ref.exe
// RUN: %t.ref.exe | FileCheck %s

// RUN: spine-opt %spine_src_root/examples/matmul_bias_relu.mlir --spine-triton-e2e-pipeline="enable-always-tls=1 enable-fuse-group=false" -o %t.e2e.mlir
// RUN: mlir-translate --mlir-to-llvmir %t.e2e.mlir -o %t.e2e.ll
// RUN: llc -O3 --relocation-model=pic -filetype=obj %t.e2e.ll -o %t.e2e.o
// RUN: %host_cxx %t.e2e.o %spine_src_root/examples/matmul_bias_relu_main.cpp -o %t.e2e.exe
// RUN: %t.e2e.exe | FileCheck %s

// CHECK: matmul_bias_relu: 4096 elements match

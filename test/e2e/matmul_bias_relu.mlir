// The bundled example through each pipeline, mlir-translate and llc, linked
// with a harness that calls it with the frontend's kernel ABI and checks the
// numbers against a direct computation.

// RUN: spine-opt %spine_src_root/examples/matmul_bias_relu.mlir --spine-triton-e2e-ref-pipeline -o %t.ref.mlir
// RUN: mlir-translate --mlir-to-llvmir %t.ref.mlir -o %t.ref.ll
// RUN: llc -O3 --relocation-model=pic -filetype=obj %t.ref.ll -o %t.ref.o
// RUN: %host_cxx %t.ref.o %spine_src_root/examples/matmul_bias_relu_main.cpp -o %t.ref.exe -L%spine_runtime_lib_dir -lSpeIRRuntimeLibs -Wl,-rpath,%spine_runtime_lib_dir
// RUN: %t.ref.exe | FileCheck %s

// RUN: spine-opt %spine_src_root/examples/matmul_bias_relu.mlir --spine-triton-e2e-pipeline="enable-always-tls=1 enable-fuse-group=false" -o %t.e2e.mlir
// RUN: mlir-translate --mlir-to-llvmir %t.e2e.mlir -o %t.e2e.ll
// RUN: llc -O3 --relocation-model=pic -filetype=obj %t.e2e.ll -o %t.e2e.o
// RUN: %host_cxx %t.e2e.o %spine_src_root/examples/matmul_bias_relu_main.cpp -o %t.e2e.exe -L%spine_runtime_lib_dir -lSpeIRRuntimeLibs -Wl,-rpath,%spine_runtime_lib_dir
// RUN: %t.e2e.exe | FileCheck %s
// RUN: llvm-nm %t.e2e.o | FileCheck %s --check-prefix=CALLS

// The fast pipeline hands the matmul to the runtime GEMM.
// CALLS: U speir_gemm

// CHECK: matmul_bias_relu: 4096 elements match

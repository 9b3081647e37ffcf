// RUN: spine-opt --help | FileCheck %s

// CHECK-DAG: --spine-triton-e2e-pipeline
// CHECK-DAG: --spine-triton-e2e-ref-pipeline
// CHECK-DAG: enable-always-tls
// CHECK-DAG: enable-fuse-group
// CHECK-DAG: --ensure-debug-info-scope-on-llvm-func
// CHECK-DAG: --speir-attach-target
// CHECK-DAG: --convert-speir-to-llvm
// CHECK-DAG: --convert-xsmt-async-to-llvm

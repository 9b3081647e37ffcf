// The C and C++ sources are clang-format clean (.clang-format, LLVM style;
// scripts/check-format.sh --fix reformats), and the check catches a file
// that is not.
// RUN: %spine_src_root/scripts/check-format.sh --root %spine_src_root | FileCheck %s
// CHECK: {{^}}0 unformatted file(s)
// RUN: not %spine_src_root/scripts/check-format.sh %S/Inputs/unformatted.cc.in | FileCheck %s --check-prefix=BAD
// BAD: unformatted: {{.*}}unformatted.cc.in
// BAD: {{^}}1 unformatted file(s)

// The whole TTIR corpus (test/ttir/corpus, stock Triton 3.9's output for the
// kernels of test/ttir/kernels.py): round trip through spine-opt's printer
// (custom and generic forms) and conversion to linalgdir, file by file.
// RUN: bash %spine_src_root/test/ttir/check_corpus.sh spine-opt %t | FileCheck %s
// CHECK: checked {{[0-9][0-9]+}} TTIR files

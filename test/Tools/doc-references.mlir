// Every repository path named in comments and documents exists, nothing
// points at documents outside the repository, every environment variable
// the code reads is documented in docs/, and every spine/speir pass named
// is registered (scripts/check-doc-references.py).
// RUN: %spine_src_root/scripts/check-doc-references.py --root %spine_src_root --spine-opt spine-opt | FileCheck %s
// CHECK: {{^}}0 problem(s)

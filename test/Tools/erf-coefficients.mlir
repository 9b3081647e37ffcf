// speir-approximate-math's f32 erf (ErfF32) with the coefficients the source
// has: within 7 ulp of erf rounded from double over the whole range (the op
// sequence emulated in f32), +-1 exactly at the clamp, NaN through
// (scripts/fit_erf_f32.py, which also refits them).
// RUN: /usr/bin/python3 %spine_src_root/scripts/fit_erf_f32.py --check-source %spine_src_root/lib/Dialect/SpeIR/Transforms/ApproximateMath.cpp | FileCheck %s
// CHECK: source coefficients: 7 + 5
// CHECK: max error {{[0-6]\.[0-9]+}} ulp
// CHECK: erf of nan, inf, -inf, 0, -0, 4, -4: [nan, 1.0, -1.0, 0.0, -0.0, 1.0, -1.0]
// CHECK: saturation exact

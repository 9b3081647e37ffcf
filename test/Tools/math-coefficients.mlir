// speir-approximate-math's f32 erf and tanh (OddRationalF32) with the
// coefficients the source has: within 7 ulp of the function rounded from
// double over the whole range (the op sequence emulated in f32), +-1
// exactly at the clamp, NaN through (scripts/fit_math_f32.py, which also
// refits them).
// RUN: /usr/bin/python3 %spine_src_root/scripts/fit_math_f32.py --function erf --check-source %spine_src_root/lib/Dialect/SpeIR/Transforms/ApproximateMath.cpp | FileCheck %s --check-prefixes=CHECK,ERF
// RUN: /usr/bin/python3 %spine_src_root/scripts/fit_math_f32.py --function tanh --check-source %spine_src_root/lib/Dialect/SpeIR/Transforms/ApproximateMath.cpp | FileCheck %s --check-prefixes=CHECK,TANH
// ERF: source coefficients: 7 + 5
// TANH: source coefficients: 5 + 5
// CHECK: max error {{[0-6]\.[0-9]+}} ulp
// CHECK: f of nan, inf, -inf, 0, -0, 10, -10: [nan, 1.0, -1.0, 0.0, -0.0, 1.0, -1.0]
// CHECK: saturation exact

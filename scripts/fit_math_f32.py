#!/usr/bin/env python3
"""The coefficients of speir-approximate-math's f32 erf and tanh
(OddRationalF32 in lib/Dialect/SpeIR/Transforms/ApproximateMath.cpp), and
their check.

f(x) ~ x P(x^2) / Q(x^2) for x clamped to [-C, C] (beyond C the function
rounds to +-1 in f32), Q(0) = 1: erf with P of degree 6 and Q of degree 4,
C = 3.92; tanh with degrees 4 and 4, C = 9.02.

Fit: linearized least squares for relative error, x P(t) - f(x) Q(t)
weighted by 1 / (f(x) Q_prev(t)) and Lawson's multiplicative weights
(towards the minimax error). Then the coefficients are rounded to f32 one at
a time, Q's highest first, then P's, each rounding followed by a refit of the
coefficients still free, so the rounding errors are compensated.

Check: the kernel's exact op sequence (compare + select clamps, Horner steps
as f32 multiplies and adds, the product and the division) emulated in f32
with numpy over the whole range, against f rounded from double; prints the
coefficients as C++ hex floats and the largest error in ulp.

  python3 scripts/fit_math_f32.py --function erf|tanh [--check-source lib/.../ApproximateMath.cpp]

--check-source: instead of fitting, checks the function's two coefficient
lists as that file has them (kErfP/kErfQ, kTanhP/kTanhQ): the largest error
over the sweep at most MAX_ULP and +-1 exactly at the clamp
(test/Tools/math-coefficients.mlir runs it); exits 1 if not. (The fit's last bits depend on the LAPACK under numpy, so a refit
need not reproduce the source's coefficients bit for bit; its check must
pass.)
"""
import argparse
import math
import re
import sys

import numpy as np

# name: (function, bound, degree of P, degree of Q, the source's array prefix)
FUNCTIONS = {"erf": (np.vectorize(math.erf), 3.92, 6, 4, "kErf"),
             "tanh": (np.tanh, 9.02, 4, 4, "kTanh")}
MAX_ULP = 7.0
# Set by main() from --function: the fit's range is [1e-4, BOUND] (and
# [1e-6, 0.1] densely), the clamp C.
target, BOUND, DEG_P, DEG_Q, PREFIX = FUNCTIONS["erf"]
C = np.float32(BOUND)


def fit(fixed_p, fixed_q, iters=60):
    """P and Q (ascending coefficients) with the given ones fixed."""
    x = np.concatenate([np.linspace(1e-4, BOUND, 8000), np.geomspace(1e-6, 0.1, 500)])
    y, t = target(x), x * x
    fq = {0: 1.0, **fixed_q}
    free_p = [k for k in range(DEG_P + 1) if k not in fixed_p]
    free_q = [k for k in range(DEG_Q + 1) if k not in fq]
    columns = [x * t ** k for k in free_p] + [-y * t ** k for k in free_q]
    a = np.stack(columns, 1) if columns else np.zeros((len(x), 0))
    b = y * sum(v * t ** k for k, v in fq.items()) - x * sum(v * t ** k for k, v in fixed_p.items())
    weights, q_prev = np.ones_like(x), np.ones_like(x)
    for _ in range(iters):
        scale = np.sqrt(weights) / (y * q_prev)
        solution = np.linalg.lstsq(a * scale[:, None], b * scale, rcond=None)[0]
        p = np.array([fixed_p.get(k, 0.0) for k in range(DEG_P + 1)])
        q = np.array([fq.get(k, 0.0) for k in range(DEG_Q + 1)])
        p[free_p] = solution[:len(free_p)]
        q[free_q] = solution[len(free_p):]
        q_prev = np.polyval(q[::-1], t)
        error = np.abs(x * np.polyval(p[::-1], t) / q_prev - y) / y
        weights = weights * (error / error.max() + 1e-3)
        weights /= weights.mean()
    return p, q


def rounded_coefficients():
    fixed_p, fixed_q = {}, {}
    for kind, k in [("q", k) for k in range(DEG_Q, 0, -1)] + [("p", k) for k in range(DEG_P, -1, -1)]:
        p, q = fit(fixed_p, fixed_q)
        if kind == "q":
            fixed_q[k] = float(np.float32(q[k]))
        else:
            fixed_p[k] = float(np.float32(p[k]))
    return ([fixed_p[k] for k in range(DEG_P + 1)],
            [1.0] + [fixed_q[k] for k in range(1, DEG_Q + 1)])


def rational_f32(x, p, q):
    """OddRationalF32's op sequence in f32."""
    f = np.float32
    x = x.astype(f)
    x = np.where(x > C, C, x)
    x = np.where(x < -C, -C, x)
    t = x * x

    def horner(coefficients):
        r = f(coefficients[-1])
        for c in coefficients[-2::-1]:
            r = (r * t).astype(f) + f(c)
        return r
    return (x * horner(p)) / horner(q)


def source_coefficients(path):
    """The source's <PREFIX>P[] and <PREFIX>Q[] arrays (highest degree
    first)."""
    text = open(path).read()
    lists = [re.search(rf"{PREFIX}{name}\[\]\s*=\s*\{{([^}}]*)\}}", text).group(1) for name in "PQ"]
    return [[float.fromhex(v[:-1]) if "0x" in v else float(v[:-1])
             for v in re.findall(r"-?0x[0-9a-fA-F.]+p[+-]?\d+f|-?\d+\.\d*f", numbers)] for numbers in lists]


def check(p, q):
    """Prints the largest error over the sweep and the special values; True
    when within MAX_ULP and +-1 exactly at the clamp."""
    sweep = np.concatenate([np.linspace(-7, 7, 1400001), np.geomspace(1e-38, 1, 100000),
                            -np.geomspace(1e-38, 1, 1000)]).astype(np.float32)
    with np.errstate(over="ignore"):
        result = rational_f32(sweep, p, q).astype(np.float64)
    exact = target(sweep.astype(np.float64))
    ulps = np.abs(result - exact) / np.spacing(np.abs(exact).astype(np.float32)).astype(np.float64)
    print(f"max error {ulps.max():.2f} ulp at x = {float(sweep[ulps.argmax()])!r} ({sweep.size} points)")
    special = np.float32([np.nan, np.inf, -np.inf, 0.0, -0.0, 10.0, -10.0])
    print("f of nan, inf, -inf, 0, -0, 10, -10:", rational_f32(special, p, q).tolist())
    # Saturation: the clamp's value must give exactly +-1 (the function
    # rounds to 1 beyond the bound); the fit alone puts it within a few ulp.
    saturated = rational_f32(np.float32([BOUND, -BOUND]), p, q).tolist() == [1.0, -1.0]
    print("saturation exact" if saturated else "f(+-clamp) is not +-1: refit or move the bound")
    return saturated and ulps.max() <= MAX_ULP


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--function", choices=sorted(FUNCTIONS), required=True)
    parser.add_argument("--check-source", help="check the coefficients as this ApproximateMath.cpp has them")
    opts = parser.parse_args()
    global target, BOUND, DEG_P, DEG_Q, PREFIX, C
    target, BOUND, DEG_P, DEG_Q, PREFIX = FUNCTIONS[opts.function]
    C = np.float32(BOUND)
    if opts.check_source:
        p, q = (list(reversed(cs)) for cs in source_coefficients(opts.check_source))
        print(f"source coefficients: {len(p)} + {len(q)}")
    else:
        p, q = rounded_coefficients()
        hexes = lambda cs: ", ".join(float(np.float32(c)).hex().replace("00000p", "p").replace("00p", "p") + "f"
                                     for c in reversed(cs))
        print("P (highest degree first):", hexes(p))
        print("Q (highest degree first):", hexes(q))
    sys.exit(0 if check(p, q) else 1)


if __name__ == "__main__":
    main()

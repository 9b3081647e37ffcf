#!/usr/bin/env python3
"""Checks test/e2e/ttir_cases.py against Triton's interpreter: every kernel of
kernels.py runs with TRITON_INTERPRET=1 on torch CPU tensors made from its
case's make_args arrays (the same seed as test_ttir_kernels.py), on the case's
grid, and its buffers are compared with the case's numpy reference under the
case's tolerances; buffers the reference does not name must be unchanged.

    build/venv/bin/python test/ttir/check_cases_with_interpreter.py [kernel ...]

Also checks that every kernel has a case (some have several; each runs) and that each case's
arguments match the kernel's signature (count, dtypes, scalar types).
Exit status 1 on any mismatch; the last line is "N passed, N failed".
"""
import os

os.environ["TRITON_INTERPRET"] = "1"  # before Triton is imported
os.environ.setdefault("TRITON_DEFAULT_FP_FUSION", "0")

import argparse  # noqa: E402
import sys  # noqa: E402
import traceback  # noqa: E402
import warnings  # noqa: E402
import zlib  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "e2e"))

import torch  # noqa: E402

import kernels  # noqa: E402
from e2e_lib import Scalar  # noqa: E402
from ttir_cases import ALL_CASES  # noqa: E402

# Triton pointer type -> the numpy dtype of its buffer in the case table.
POINTER_DTYPES = {
    "*fp32": np.float32, "*fp16": np.float16, "*bf16": np.uint16, "*fp64": np.float64, "*i1": np.bool_,
    "*i8": np.int8, "*i16": np.int16, "*i32": np.int32, "*i64": np.int64, "*u8": np.uint8,
}
SCALAR_TYPES = {"i32": "int32_t", "i64": "int64_t", "fp32": "float"}

# Where Triton 3.9's interpreter itself deviates from compiled Triton, checked
# against what the interpreter does instead: {(kernel, argument index): why}.
# Its f32 -> bf16 cast (arith.truncf in the TTIR: round to nearest even, as on
# GPUs and in LLVM) truncates (interpreter.py: cast_impl passes no rounding
# mode to _convert_float), so its bits are the reference's or one bf16 ulp
# toward zero; the reference stays round-to-nearest-even.
BF16_TRUNCATION = "the interpreter truncates f32 -> bf16 (the TTIR's arith.truncf rounds to nearest even)"
INTERPRETER_DEVIATIONS = {
    ("cast_bf16_kernel", 2): BF16_TRUNCATION,
    ("bf16_arith_kernel", 2): BF16_TRUNCATION,
}


def _to_torch(arg, ttype):
    if ttype == "*bf16":
        return torch.from_numpy(arg.view(np.int16).copy()).view(torch.bfloat16)
    return torch.from_numpy(np.ascontiguousarray(arg).copy())


def _to_numpy(tensor, ttype):
    if ttype == "*bf16":
        return tensor.view(torch.int16).numpy().view(np.uint16)
    return tensor.numpy()


def check_signature(case, spec, args):
    runtime = [(name, t) for name, t in spec.signature.items() if t != "constexpr"]
    if len(runtime) != len(args):
        raise AssertionError(f"{len(args)} arguments for {len(runtime)} parameters {[n for n, _ in runtime]}")
    for (name, ttype), arg in zip(runtime, args):
        if ttype.startswith("*"):
            want = POINTER_DTYPES[ttype]
            if not isinstance(arg, np.ndarray) or arg.dtype != want:
                raise AssertionError(f"{name}: {ttype} wants a {np.dtype(want)} array, got "
                                     f"{getattr(arg, 'dtype', type(arg).__name__)}")
        elif not isinstance(arg, Scalar) or arg.ctype != SCALAR_TYPES[ttype]:
            raise AssertionError(f"{name}: {ttype} wants Scalar({SCALAR_TYPES[ttype]!r}), got {arg!r}")


def run_case(case, spec):
    rng = np.random.default_rng(zlib.crc32(case.name.encode()))
    args = case.make_args(rng)
    check_signature(case, spec, args)
    types = [t for t in spec.signature.values() if t != "constexpr"]
    before = [None if isinstance(a, Scalar) else a.copy() for a in args]
    expected = case.reference([a.copy() if isinstance(a, np.ndarray) else a for a in args])
    call = [a.value if isinstance(a, Scalar) else _to_torch(a, t) for a, t in zip(args, types)]
    spec.fn[case.grid](*call, **spec.constexprs)
    results = [None if isinstance(a, Scalar) else _to_numpy(c, t) for a, c, t in zip(args, call, types)]
    notes = []
    for index, want in expected.items():
        if (case.kernel, index) in INTERPRETER_DEVIATIONS:
            # bf16 bits are sign-magnitude: truncation is 0 or 1 below the rounded bits.
            below = want.astype(np.int64) - results[index].astype(np.int64)
            if not np.all((below == 0) | (below == 1)):
                raise AssertionError(f"argument {index}: neither rounded nor truncated bf16 at "
                                     f"{np.flatnonzero((below != 0) & (below != 1))[:8]}")
            notes.append(f"argument {index}: {int((below == 1).sum())} of {below.size} elements one bf16 ulp "
                         f"toward zero: {INTERPRETER_DEVIATIONS[case.kernel, index]}")
            continue
        np.testing.assert_allclose(results[index].astype(np.float64), want, rtol=case.rtol, atol=case.atol,
                                   err_msg=f"{case.kernel} argument {index}")
    for index, (old, new) in enumerate(zip(before, results)):
        if old is not None and index not in expected and not np.array_equal(old, new, equal_nan=True):
            raise AssertionError(f"argument {index} changed but the reference does not name it")
    return notes


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("kernels", nargs="*", help="only these kernels (default: all)")
    only = set(parser.parse_args().kernels)
    warnings.filterwarnings("ignore")
    specs = {s.name: s for s in kernels.SPECS}
    cases = {}
    for c in ALL_CASES:
        cases.setdefault(c.kernel, []).append(c)
    passed, failed = 0, []
    for name in sorted(set(specs) | set(cases)):
        if only and name not in only:
            continue
        if name not in cases or name not in specs:
            failed.append(name)
            print(f"FAIL {name}: " + ("no case in ttir_cases.py" if name not in cases else "no kernel in kernels.py"))
            continue
        for case in cases[name]:
            try:
                notes = run_case(case, specs[name])
            except Exception as e:  # noqa: BLE001 - every failure is reported
                failed.append(case.name)
                detail = "".join(traceback.format_exception_only(type(e), e)).strip()
                print(f"FAIL {case.name}: {detail}")
            else:
                passed += 1
                print(f"ok   {case.name}" + "".join(f"\n     (deviation) {n}" for n in notes))
    if failed:
        print("failed: " + " ".join(failed))
    print(f"{passed} passed, {len(failed)} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

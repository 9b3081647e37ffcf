#!/usr/bin/python3
"""Seeded random-shape differential suite (issue 16).

Generates linalgdir kernels with random sizes (test/random_shapes/kernels.py:
matmul f32 / f16->f32 / f16 / i8->i32 in all four A/B layouts, with and
without accumulation; batch_matmul; conv_2d_nhwc_{hwcf,fhwc} with padding,
stride and dilation; depthwise; max/min/sum pooling; row softmax; sum/max
reductions along either axis; pack + mmt4d + unpack), compiles each with the
fast pipeline and runs it through test/e2e's harness on the host and under
qemu-riscv64 at VLEN 256 and 128 (int8 contractions also on the emulated K1,
where smt.vmadot must run), with grids of up to 3x2 programs and 1-8 runtime
threads (SPINE_NUM_THREADS and the DLTI num_threads), against numpy.

The seed rotates daily (YYYYMMDD of today, UTC) unless SPINE_RANDOM_SHAPES_SEED
or --seed fixes it; it is printed first, and every failure prints the command
that reruns it. Prints "SUITE shapes: P passed, F failed, S skipped, 0 xfail" (random-shapes in
scripts/test.sh; one test per
kernel and target).

    test/random_shapes/run.py                      # today's seed, CI size
    test/random_shapes/run.py --seed 20261201 --per-family 20
    test/random_shapes/run.py --seed S --only matmul-3   # one failing case
    test/random_shapes/run.py --pipeline vla       # vector-length-agnostic=1, riscv64
"""
import argparse
import concurrent.futures
import datetime
import os
import shutil
import sys
import traceback
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[0] / "e2e"))
sys.path.insert(0, str(HERE))

import e2e_lib  # noqa: E402
import kernels  # noqa: E402

# Cases per family in CI (36 kernels, about 110 runs: one to two minutes on two cores).
DEFAULT_PER_FAMILY = {"matmul": 12, "batch_matmul": 3, "conv2d": 6, "depthwise": 3, "pooling": 3,
                      "softmax": 3, "reduction": 3, "mmt4d": 3}


QEMU_BUG = "decode_save_opc: Assertion `ctx->insn_start != NULL' failed"


def targets_for(case, all_targets):
    out = ["host"]
    if shutil.which("qemu-riscv64"):
        out += ["rv64-vlen256", "rv64-vlen128"]
        if case.uses_ime:
            out.append("rv64-x60-ime")
    return [t for t in out if t in all_targets]


def generate(seed, per_family, families):
    cases = []
    for family in families:
        for i in range(per_family.get(family, 0)):
            # One generator per case: a case's shape depends only on (seed, name).
            rng = np.random.default_rng([seed, sum(map(ord, family)), i])
            cases.append(kernels.GENERATORS[family](rng, f"{family}_{i}".replace("-", "_")))
    return cases


def run_case(case, targets, seed, keep, pipeline="e2e"):
    """-> [(target, ok, message)]"""
    workdir = e2e_lib.WORK / "random-shapes"
    workdir.mkdir(parents=True, exist_ok=True)
    mlir = workdir / f"{case.name}.mlir"
    mlir.write_text(case.mlir)
    results = []
    env = {"SPINE_NUM_THREADS": str(case.threads)}
    for target in targets:
        if target != "host" and e2e_lib.runtime_dir(target) is None:
            results.append((target, False, "no libSpeIRRuntimeLibs.so for riscv64 "
                                           "(build/runtime-riscv64: scripts/test-runtime.sh builds it)"))
            continue
        try:
            out = e2e_lib.run_kernel(f"rs_{case.name}", mlir, case.name, case.args, case.grid, pipeline,
                                     target, env=env)
            for index, expected in case.reference.items():
                np.testing.assert_allclose(out[index].astype(np.float64), expected, **case.tol,
                                           err_msg=f"{case.name} argument {index}")
            results.append((target, True, ""))
        except Exception as e:  # noqa: BLE001 - any failure is reported with the case
            msg = str(e) if not isinstance(e, (KeyError, TypeError, ValueError)) else traceback.format_exc()
            if QEMU_BUG in msg:
                # qemu 7.2 aborts translating some vfcvt.rtz.* sequences (its
                # own assertion, fixed upstream): the kernel never ran.
                results.append((target, None, QEMU_BUG))
                continue
            results.append((target, False, msg[-3000:]))
    return results


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    default_seed = os.environ.get("SPINE_RANDOM_SHAPES_SEED") or \
        datetime.datetime.now(datetime.timezone.utc).strftime("%Y%m%d")
    ap.add_argument("--seed", type=int, default=int(default_seed))
    ap.add_argument("--per-family", type=int, default=None,
                    help="cases per kernel family (default: the CI mix, 36 kernels)")
    ap.add_argument("--families", default=",".join(kernels.GENERATORS))
    ap.add_argument("--targets", default=",".join(e2e_lib.TARGETS))
    ap.add_argument("--only", default=None, help="run only this case name (e.g. matmul_3)")
    ap.add_argument("--pipeline", default="e2e", choices=["e2e", "vla"],
                    help="the fast pipeline (default) or with vector-length-agnostic=1 (riscv64 targets only)")
    ap.add_argument("--jobs", type=int, default=int(os.environ.get("JOBS", 2)))
    ap.add_argument("--list", action="store_true", help="print the cases and exit")
    args = ap.parse_args()
    families = args.families.split(",")
    per_family = ({f: args.per_family for f in families} if args.per_family is not None
                  else DEFAULT_PER_FAMILY)
    cases = generate(args.seed, per_family, families)
    if args.only:
        cases = [c for c in cases if c.name == args.only]
    print(f"random-shapes: seed {args.seed} (SPINE_RANDOM_SHAPES_SEED={args.seed} reruns it), "
          f"{len(cases)} kernels", flush=True)
    if args.list:
        for c in cases:
            print(f"  {c.name}: {c.describe}; grid {c.grid}, {c.threads} threads")
        return 0
    all_targets = args.targets.split(",")
    if args.pipeline == "vla":
        # Scalable vectors are RISC-V's alone.
        all_targets = [t for t in all_targets if e2e_lib.TARGETS[t]["qemu"] is not None]
    passed = failed = skipped = 0
    with concurrent.futures.ProcessPoolExecutor(args.jobs) as pool:
        futures = {pool.submit(run_case, c, targets_for(c, all_targets), args.seed, False, args.pipeline): c
                   for c in cases}
        for fut in concurrent.futures.as_completed(futures):
            case = futures[fut]
            try:
                results = fut.result()
            except Exception as e:  # noqa: BLE001
                results = [("all", False, f"worker failed: {e}")]
            for target, ok, msg in results:
                if ok is None:
                    skipped += 1
                    print(f"SKIP {case.name} {target}: qemu-riscv64 itself aborted ({msg}); "
                          f"{case.describe}", flush=True)
                elif ok:
                    passed += 1
                    print(f"PASS {case.name} {target}: {case.describe}; grid {case.grid}, "
                          f"{case.threads} threads", flush=True)
                else:
                    failed += 1
                    print(f"FAIL {case.name} {target}: {case.describe}; grid {case.grid}, "
                          f"{case.threads} threads\n  rerun: test/random_shapes/run.py --seed {args.seed} "
                          f"--only {case.name} --targets {target} --pipeline {args.pipeline}"
                          + (f" --per-family {args.per_family}" if args.per_family is not None else "")
                          + f"\n  kernel: {e2e_lib.WORK / 'random-shapes' / (case.name + '.mlir')}\n"
                          + "\n".join("  " + line for line in msg.splitlines()), flush=True)
    print(f"SUITE shapes: {passed} passed, {failed} failed, {skipped} skipped, 0 xfail (seed {args.seed}"
          + ("; skipped: qemu's own assertion" if skipped else "") + ")")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

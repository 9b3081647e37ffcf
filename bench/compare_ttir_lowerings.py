#!/usr/bin/env python3
"""Triton's own kernels, three lowerings of the same TTIR (test/ttir/corpus,
stock Triton 3.9's make_ttir output): ours (spine-opt's TTIR conversion, then
--spine-triton-e2e-pipeline), our reference pipeline, and upstream MLIR's
lowering of the Linalg our conversion produces (--spine-ttir-to-linalg, then
the pass list of docs/measuring.md via mlir-opt-22, as triton-shared's CPU backend
lowers its Linalg).

Reports, in one run: dynamic instructions under qemu-riscv64 (VLEN 256,
spacemit-x60 codegen, one thread; the whole grid, two repetitions minus one),
host wall time (median), and the TTIR -> .so compile time of the stages the
plugin runs (spine-opt, mlir-translate, opt, llc, link). Ratios are
upstream / ours. A benchmark, not a test.

  /usr/bin/python3 bench/compare_ttir_lowerings.py [--only NAME ...]
"""
import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
# The qemu icount plugin (docs/measuring.md); its source is not in this repository.
ICOUNT_DIR = Path(os.environ.get("SPINE_QEMU_ICOUNT_DIR") or ROOT.parent / "shared" / "tools" / "qemu-icount")
sys.path.insert(0, str(ROOT / "test" / "e2e"))
sys.path.insert(0, str(ROOT / "bench"))
import compare_lowerings  # noqa: E402
import e2e_lib  # noqa: E402
from e2e_lib import Scalar  # noqa: E402

CORPUS = ROOT / "test" / "ttir" / "corpus"


def _i(v):
    return Scalar("int32_t", int(v))


def matmul(n):
    """The tutorial matmul (grouped ordering, K loop, 16x16x16 blocks) on n^3 f32."""
    def args(rng):
        a = rng.uniform(-1, 1, (n, n)).astype(np.float32)
        b = rng.uniform(-1, 1, (n, n)).astype(np.float32)
        return [a, b, np.zeros((n, n), np.float32), _i(n), _i(n), _i(n), _i(n), _i(1), _i(n), _i(1), _i(n), _i(1)]
    return f"matmul_f32_{n}", "matmul_f32_kernel", args, ((n // 16) ** 2, 1, 1), 2 * n ** 3


def softmax(rows, cols):
    """The tutorial fused softmax (a row per program, BLOCK 128)."""
    def args(rng):
        return [np.zeros((rows, cols), np.float32), rng.uniform(-4, 4, (rows, cols)).astype(np.float32),
                _i(cols), _i(cols), _i(cols)]
    return f"softmax_{rows}x{cols}", "softmax_kernel", args, (rows, 1, 1), rows * cols


def layer_norm(rows, cols):
    """The tutorial layer norm forward (a row per program, 32-column chunks)."""
    def args(rng):
        return [rng.uniform(-2, 2, (rows, cols)).astype(np.float32), np.zeros((rows, cols), np.float32),
                rng.uniform(0.5, 1.5, (cols,)).astype(np.float32), rng.uniform(-1, 1, (cols,)).astype(np.float32),
                np.zeros((rows,), np.float32), np.zeros((rows,), np.float32), _i(cols), _i(cols),
                Scalar("float", 1e-5)]
    return f"layernorm_{rows}x{cols}", "layer_norm_fwd_kernel", args, (rows, 1, 1), rows * cols


CASES = [matmul(256), softmax(256, 128), layer_norm(256, 256)]


def to_linalg(ttir, out):
    linalg = out / "kernel.linalg.mlir"
    e2e_lib.run([e2e_lib.BUILD / "bin" / "spine-opt", ttir, "--spine-ttir-to-linalg", "-o", linalg])
    return linalg


def build(name, kernel, args, grid, lowering, target, work):
    out = work / target / lowering / name
    out.mkdir(parents=True, exist_ok=True)
    src = CORPUS / f"{kernel}.ttir"
    if lowering == "upstream":
        src = to_linalg(src, out)
    obj = e2e_lib.compile_kernel(src, lowering, target, out)
    return e2e_lib.build_executable(obj, kernel, args, grid, target, out,
                                    extra_libs=["SpineTritonRuntime"]), out


def compile_seconds(kernel, work, repeats=3):
    """TTIR -> .so for the host through spine-compile (the plugin's stages)."""
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        subprocess.run([e2e_lib.BUILD / "bin" / "spine-compile", CORPUS / f"{kernel}.ttir", "-o",
                        work / f"{kernel}.so"], check=True, capture_output=True)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", help="case names to run")
    parser.add_argument("--host-repeats", type=int, default=5)
    opts = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="spine-ttir-bench-"))
    plugin = work / "libicount.so"
    subprocess.run([ICOUNT_DIR / "build.sh", plugin], check=True,
                   capture_output=True)
    print("| kernel (TTIR) | work | insns ours | insns ref | insns upstream | upstream/ours | "
          "host ms ours | host ms upstream | upstream/ours | TTIR -> .so s |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    rng = np.random.default_rng(0)
    for name, kernel, make_args, grid, work_units in CASES:
        if opts.only and name not in opts.only:
            continue
        args = make_args(rng)
        insns, host_ms = {}, {}
        for lowering in ("e2e", "ref", "upstream"):
            exe, out = build(name, kernel, args, grid, lowering, "rv64-vlen256", work)
            insns[lowering] = (compare_lowerings.icount(exe, out, 2, plugin)
                               - compare_lowerings.icount(exe, out, 1, plugin))
            if lowering == "ref":
                continue
            exe, out = build(name, kernel, args, grid, lowering, "host", work)
            run = subprocess.run([exe, out, str(opts.host_repeats)], check=True, capture_output=True, text=True,
                                 env={**os.environ, "SPINE_NUM_THREADS": "1"})
            host_ms[lowering] = float(re.search(r"ns_per_run (\d+)", run.stdout).group(1)) / 1e6
        seconds = compile_seconds(kernel, work)
        print(f"| {name} | {work_units:.3g} | {insns['e2e']:,} | {insns['ref']:,} | {insns['upstream']:,} | "
              f"{insns['upstream'] / insns['e2e']:.1f}x | {host_ms['e2e']:.2f} | {host_ms['upstream']:.2f} | "
              f"{host_ms['upstream'] / host_ms['e2e']:.1f}x | {seconds:.2f} |", flush=True)
    print(f"\n(work dir {work}; work = flops for matmul, elements for the row kernels; insns = the whole grid "
          f"once, single thread, qemu-riscv64 VLEN 256, -mcpu=spacemit-x60)")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Decode-shaped GEMMs from Triton against the linalgdir matmul (issue 14):
stock Triton's tutorial matmul (test/ttir/corpus/matmul_f32_kernel.ttir:
BLOCK_M = BLOCK_N = BLOCK_K = 16, a `tt.dot` in an `scf.for` K loop over
masked pointer-tensor loads) run at M = 1 and 4 with N = K = 512 (grid
cdiv(M, 16) * cdiv(N, 16)), and the same product as one linalgdir
linalg.matmul, both through --spine-triton-e2e-pipeline.

Also matmul_decode_kernel (BLOCK_M = 16, BLOCK_N = BLOCK_K = 32, K loads
unmasked, bias + silu after the loop: the form spine-raise-dot-k-loop
raises), by the fast pipeline with its K loop left a loop of per-block GEMMs
(enable-raise-dot-k-loop=false, "unraised"), raised but without epilogue
fusion ("unfused"), and by default ("e2e": raised, narrowed to the stored
rows and columns by spine-narrow-to-store, operands read in place, epilogue
fused).

Reports qemu-riscv64 instructions (VLEN 256, spacemit-x60 codegen, one
thread; two grid repetitions minus one) per MAC, the speir_gemm* calls in the
generated LLVM IR and how many run (per program x K iterations). A benchmark,
not a test.

  /work/main/build/venv/bin/python bench/decode_ttir.py [--m 1 4] [--nk 512]
"""
import argparse
import re
import sys
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "test" / "e2e"))
sys.path.insert(0, str(ROOT / "bench"))
import compare_lowerings  # noqa: E402
from compare_lowerings import ICOUNT_DIR, build, icount  # noqa: E402
from e2e_lib import Scalar  # noqa: E402

TTIR = ROOT / "test" / "ttir" / "corpus" / "matmul_f32_kernel.ttir"
DECODE_TTIR = ROOT / "test" / "ttir" / "corpus" / "matmul_decode_kernel.ttir"
BLOCK = 16

LINALG = """module attributes {{dlti.target_system_spec = {spec}}} {{
  func.func @{name}(%a: memref<*xf32>, %b: memref<*xf32>, %c: memref<*xf32>, %gx: i32, %gy: i32, %gz: i32, %px: i32, %py: i32, %pz: i32) {{
    %zero = arith.constant 0.0 : f32
    %ra = memref.reinterpret_cast %a to offset: [0], sizes: [{m}, {k}], strides: [{k}, 1] : memref<*xf32> to memref<{m}x{k}xf32, strided<[{k}, 1]>>
    %rb = memref.reinterpret_cast %b to offset: [0], sizes: [{k}, {n}], strides: [{n}, 1] : memref<*xf32> to memref<{k}x{n}xf32, strided<[{n}, 1]>>
    %ta = bufferization.to_tensor %ra restrict : memref<{m}x{k}xf32, strided<[{k}, 1]>> to tensor<{m}x{k}xf32>
    %tb = bufferization.to_tensor %rb restrict : memref<{k}x{n}xf32, strided<[{n}, 1]>> to tensor<{k}x{n}xf32>
    %e = tensor.empty() : tensor<{m}x{n}xf32>
    %f = linalg.fill ins(%zero : f32) outs(%e : tensor<{m}x{n}xf32>) -> tensor<{m}x{n}xf32>
    %mm = linalg.matmul ins(%ta, %tb : tensor<{m}x{k}xf32>, tensor<{k}x{n}xf32>) outs(%f : tensor<{m}x{n}xf32>) -> tensor<{m}x{n}xf32>
    %rc = memref.reinterpret_cast %c to offset: [0], sizes: [{m}, {n}], strides: [{n}, 1] : memref<*xf32> to memref<{m}x{n}xf32, strided<[{n}, 1]>>
    bufferization.materialize_in_destination %mm in writable %rc : (tensor<{m}x{n}xf32>, memref<{m}x{n}xf32, strided<[{n}, 1]>>) -> ()
    return
  }}
}}
"""


def gemm_calls(out):
    ll = (out / "kernel.ll").read_text()
    return sorted(set(re.findall(r"call .*@(speir_gemm\w*)\(", ll))), len(re.findall(r"call .*@speir_gemm\w*\(", ll))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--m", type=int, nargs="*", default=[1, 4])
    parser.add_argument("--nk", type=int, default=512)
    opts = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="spine-decode-"))
    plugin = work / "libicount.so"
    import subprocess
    subprocess.run([ICOUNT_DIR / "build.sh", plugin], check=True, capture_output=True)
    n = k = opts.nk
    print("| form | M x N x K | grid | speir_gemm calls in IR | calls run | insns | insns/MAC |")
    print("|---|---|---|---|---|---|---|")
    rng = np.random.default_rng(0)
    for m in opts.m:
        a = rng.uniform(-1, 1, (m, k)).astype(np.float32)
        b = rng.uniform(-1, 1, (k, n)).astype(np.float32)
        macs = m * n * k
        # TTIR: a, b, c, M, N, K, stride_am, stride_ak, stride_bk, stride_bn, stride_cm, stride_cn.
        grid = (-(-m // BLOCK) * -(-n // BLOCK), 1, 1)
        ints = [Scalar("int32_t", v) for v in (m, n, k, k, 1, n, 1, n, 1)]
        args = [a, b, np.zeros((m, n), np.float32), *ints]
        name = "matmul_f32_kernel"
        exe, out = build(name, TTIR.read_text(), args, grid, "e2e", "rv64-vlen256", work / f"ttir{m}",
                         extra_libs=())
        insns = icount(exe, out, 2, plugin) - icount(exe, out, 1, plugin)
        kinds, static = gemm_calls(out)
        got = np.fromfile(out / "arg2.out", np.float32).reshape(m, n)
        np.testing.assert_allclose(got, a.astype(np.float64) @ b, rtol=1e-3, atol=1e-3)
        runs = grid[0] * -(-k // BLOCK)
        print(f"| TTIR tutorial matmul (16x16x16 blocks) | {m} x {n} x {k} | {grid[0]} | {static} "
              f"({', '.join(kinds)}) | {runs} | {insns:,} | {insns / macs:.3f} |", flush=True)
        lname = f"matmul_{m}x{n}x{k}"
        src = LINALG.format(spec=compare_lowerings.TARGET_SPEC, name=lname, m=m, n=n, k=k)
        args = [a, b, np.zeros((m, n), np.float32)]
        exe, out = build(lname, src, args, (1, 1, 1), "e2e", "rv64-vlen256", work / f"linalg{m}", extra_libs=())
        linsns = icount(exe, out, 2, plugin) - icount(exe, out, 1, plugin)
        kinds, static = gemm_calls(out)
        print(f"| linalgdir linalg.matmul | {m} x {n} x {k} | 1 | {static} ({', '.join(kinds)}) | 1 | "
              f"{linsns:,} | {linsns / macs:.3f} |", flush=True)
        print(f"| ratio TTIR / linalgdir | | | | | | {insns / linsns:.2f}x |", flush=True)
        bias = rng.uniform(-1, 1, (n,)).astype(np.float32)
        for lowering in ("unraised", "unfused", "e2e"):
            grid = (-(-n // 32), -(-m // BLOCK), 1)
            args = [a, b, bias, np.zeros((m, n), np.float32),
                    *[Scalar("int32_t", v) for v in (m, n, k, k, n, n)]]
            exe, out = build("matmul_decode_kernel", DECODE_TTIR.read_text(), args, grid, lowering,
                             "rv64-vlen256", work / f"decode{m}", extra_libs=())
            dinsns = icount(exe, out, 2, plugin) - icount(exe, out, 1, plugin)
            kinds, static = gemm_calls(out)
            got = np.fromfile(out / "arg3.out", np.float32).reshape(m, n)
            ref = a.astype(np.float64) @ b + bias
            np.testing.assert_allclose(got, ref / (1 + np.exp(-ref)), rtol=1e-3, atol=1e-3)
            print(f"| TTIR decode matmul + bias + silu ({lowering}) | {m} x {n} x {k} | {grid[0] * grid[1]} | "
                  f"{static} ({', '.join(kinds)}) | | {dinsns:,} | {dinsns / macs:.3f} |", flush=True)
    print(f"\n(work dir {work}; one thread, qemu-riscv64 VLEN 256, -mcpu=spacemit-x60)")


if __name__ == "__main__":
    main()

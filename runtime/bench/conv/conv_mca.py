#!/usr/bin/env python3
"""Modeled X60 cost of the convolution layer's own inner loop (llvm-mca).

The GEMM tile kernels the convolution feeds are reported by
bench/gemm/gemm_mca.py; the one new inner loop of the convolution layer is
the RVV im2col transpose (ukernels/riscv64/Im2colPackRvv.cpp): M0 row loads
and one segment store per VLMAX channels. This compiles that file as the
runtime build does, cuts out each instantiation's loop (the shortest label ..
back-branch span holding a vsseg), and runs llvm-mca -mcpu=spacemit-x60.
Reports modeled cycles per iteration, elements packed per iteration (VLEN
256, full vl) and cycles per packed element; and, for the tile kernel that
consumes the tile, the packing cycles per MAC for a given number of output
channels (each packed element feeds N MACs).

Also the IME slide tile's step loop (ukernels/riscv64/ImeSlideTile.cpp):
one step = one (ky, phase, channel chunk) with T = 1..4 taps; the compiled
loop is walked along the path of each T. The model has no IME timing, so
this reports vmadot density, bytes loaded per MAC and the modeled cycles of
the other instructions alone (vmadots removed).

Usage: conv_mca.py [--llvm-bin DIR] [--source-root DIR]
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "../gemm"))
from gemm_mca import compile_to_asm, functions, run_mca, BRANCH  # noqa: E402

LOOPS = [
    # symbol (element type j/t/h = uint32/16/8), label, SEW, NF (= M0 of
    # the consuming tile kernel)
    ("transposeRowsRvvEPKPKj", "f32 6 rows (RVV f32 6 x 32)", 32, 6),
    ("transposeRowsRvvEPKPKt", "f16 7 rows (RVV f16 7 x 32)", 16, 7),
    ("transposeRowsRvvEPKPKh", "int8 7 rows (RVV int8 7 x 32)", 8, 7),
]
VLEN = 256


def segment_loop(body, store):
    labels, best = {}, None
    for i, line in enumerate(body):
        m = re.match(r"^(\.?\w+):", line)
        if m:
            labels[m.group(1)] = i
        b = BRANCH.match(line)
        if b and b.group(2) in labels:
            loop = body[labels[b.group(2)]:i + 1]
            if any(store in l for l in loop) and (best is None or len(loop) < len(best)):
                best = loop
    return best


def step_path(loop, taps):
    """The instructions one step with `taps` taps executes, following the
    compiled loop's branches on the tap counter t2 (tapsMinus1)."""
    labels = {}
    for i, line in enumerate(loop):
        m = re.match(r"^(\.?\w+):", line)
        if m:
            labels[m.group(1)] = i
    t2, out, i = None, [], 0
    while i < len(loop):
        line = loop[i].strip()
        i += 1
        if not line or line.startswith((".", "#")) or line.endswith(":"):
            continue
        out.append(line)
        f = line.replace(",", " ").split()
        if f[0] == "ld" and f[1] == "t2":
            t2 = taps - 1
        elif f[0] == "addi" and f[1] == "t2":
            t2 += int(f[3])
        elif f[0] in ("bnez", "beqz") and f[1] == "t2":
            if (t2 != 0) == (f[0] == "bnez"):
                i = labels[f[2]]
        elif f[0] == "j":
            i = labels[f[1]]
        elif BRANCH.match(loop[i - 1]):
            break  # the loop's back branch
    return out


def slide_step_report(clang, mca_bin, root):
    src = os.path.join(root, "lib/kernels/conv/ukernels/riscv64/ImeSlideTile.cpp")
    asm = compile_to_asm(clang, src, root, "_xsmtvdot")
    body = next((b for n, b in functions(asm) if "slideTileS8S8" in n), None)
    start = next((i for i, l in enumerate(body or []) if re.search(r"\bld\s+t0, 0\(", l)), None)
    if start is None:
        print("IME slide step loop not found")
        return
    # Include the loop label line just before the first ld.
    loop = body[start - 1:]
    print()
    print("IME slide tile (8 pixels x 16 channels), one step, VLEN 256; vmadots not modeled")
    print(f"{'taps':>4} {'insns':>5} {'vmadots':>7} {'density':>7} {'bytes/MAC':>9} "
          f"{'other insns':>11} {'model cyc (other)':>17}")
    for taps in (1, 2, 3, 4):
        path = step_path(loop, taps)
        vmadots = sum("smt.vmadot" in l for l in path)
        other = [l for l in path if "smt.vmadot" not in l and not BRANCH.match("\t" + l)]
        nbytes = sum(int(m.group(1)) * 32 for l in path
                     for m in [re.search(r"\bvl(\d)re?\d*\.v", l)] if m)
        cyc, _ = run_mca(mca_bin, "vsetvli t0, zero, e8, m1\n# LLVM-MCA-BEGIN s\n" +
                         "\n".join(other) + "\n# LLVM-MCA-END\n")
        print(f"{taps:4d} {len(path):5d} {vmadots:7d} {vmadots / len(path):7.0%} "
              f"{nbytes / (vmadots * 128):9.3f} {len(other):11d} {cyc:17.1f}")
    print("(bytes/MAC: the GEMM layer's IME 8 x 16 x 8 main loop loads 0.188 at 82%"
          " vmadot density, before any im2col packing)")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--llvm-bin", default="/usr/lib/llvm-22/bin")
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--source-root", default=os.path.normpath(os.path.join(here, "../..")))
    args = ap.parse_args()
    clang = os.path.join(args.llvm_bin, "clang++")
    mca = os.path.join(args.llvm_bin, "llvm-mca")
    src = os.path.join(args.source_root, "lib/kernels/conv/ukernels/riscv64/Im2colPackRvv.cpp")
    asm = compile_to_asm(clang, src, args.source_root, "")
    print("llvm-mca -mcpu=spacemit-x60, VLEN 256 model; RVV im2col transpose, per loop iteration")
    print(f"{'loop':32} {'cycles':>7} {'insns':>5} {'elems':>5} {'cyc/elem':>8} "
          f"{'cyc/MAC N=64':>12} {'N=128':>7}")
    for sym, label, sew, nf in LOOPS:
        body = next((b for n, b in functions(asm) if sym in n), None)
        loop = segment_loop(body, f"vsseg{nf}e{sew}.v") if body else None
        if not loop:
            print(f"{label:32} (loop not found)")
            continue
        text = "# LLVM-MCA-BEGIN im2col\n" + "\n".join(loop) + "\n# LLVM-MCA-END\n"
        cycles, _ = run_mca(mca, text)
        insns = sum(1 for l in loop if re.match(r"^\s+[a-z]", l))
        elems = nf * VLEN // sew
        per = cycles / elems
        print(f"{label:32} {cycles:7.2f} {insns:5d} {elems:5d} {per:8.3f} "
              f"{per / 64:12.4f} {per / 128:7.4f}")
    print("(cyc/MAC: packing cycles per multiply-accumulate when each packed element")
    print(" feeds N output channels; compare the tile kernel's modeled cycles per MAC,")
    print(" e.g. f32 6 x 32: 1 / (16 lanes-per-cycle / 2 flops) = 1/8 cycle per MAC at peak)")
    slide_step_report(clang, mca, args.source_root)


if __name__ == "__main__":
    main()

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


if __name__ == "__main__":
    main()

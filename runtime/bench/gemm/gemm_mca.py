#!/usr/bin/env python3
"""Modeled X60 efficiency of each GEMM microkernel's inner loop (llvm-mca).

Compiles the riscv64 tile kernels to assembly exactly as the runtime build
does (plus the X60 tuning the build uses), cuts out every innermost loop,
puts the loop's vsetvli in front (llvm-mca needs the vector type), and runs
llvm-mca -mcpu=spacemit-x60. Reports per loop iteration: modeled cycles,
cycles the vector FP (or integer) unit is busy, and their ratio. IME loops:
the model knows nothing of vmadot timing, so it reports vmadot density and
bytes loaded per MAC instead. Also models a hand-written loop of the shape
OpenBLAS's published ZVL256B SGEMM kernel uses (16x8 tile, LMUL 1,
vfmacc.vf) for comparison.

Usage: gemm_mca.py [--llvm-bin DIR] [--source-root DIR]
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile

KERNELS = [
    # file, function-name substring, label, VLEN the figure is for
    ("Mmt4dF32Rvv.cpp", "mmt4dTileF32Rvv", "f32 RVV 6 x 32 x 1"),
    ("Mmt4dF16Rvv.cpp", "mmt4dTileF16F32Rvv", "f16->f32 RVV 7 x 32 x 1"),
    ("Mmt4dF16Rvv.cpp", "mmt4dTileF16F16Rvv", "f16->f16 RVV 7 x 32 x 1"),
    ("Mmt4dI8Rvv.cpp", "mmt4dTileS8S8Rvv", "s8s8 RVV 7 x 32 x 1"),
    ("Mmt4dI8Rvv.cpp", "mmt4dTileU8U8Rvv", "u8u8 RVV 7 x 32 x 1"),
    ("Mmt4dI8Ime.cpp", "mmt4dTileS8S8Ime", "s8s8 IME 8 x 16 x 8"),
]

# OpenBLAS ZVL256B sgemm shape: 16 rows = 2 m1 lhs vectors per k, 8 rhs
# scalars, 16 m1 accumulators, vfmacc.vf. Written here from the shape alone,
# software-pipelined the same way as our kernels (next k's loads interleaved
# with this k's vfmaccs, two k per trip) so the comparison is of shapes.
OPENBLAS_SHAPE = """\
vsetvli t0, zero, e32, m1, ta, ma
# LLVM-MCA-BEGIN openblas-shape-16x8-m1
.Lloop:
vfmacc.vf v8, fa0, v0
vle32.v v2, (a0)
vfmacc.vf v9, fa0, v1
addi t1, a0, 32
vfmacc.vf v10, fa1, v0
vle32.v v3, (t1)
vfmacc.vf v11, fa1, v1
flw ft0, 0(a1)
vfmacc.vf v12, fa2, v0
flw ft1, 4(a1)
vfmacc.vf v13, fa2, v1
flw ft2, 8(a1)
vfmacc.vf v14, fa3, v0
flw ft3, 12(a1)
vfmacc.vf v15, fa3, v1
flw ft4, 16(a1)
vfmacc.vf v16, fa4, v0
flw ft5, 20(a1)
vfmacc.vf v17, fa4, v1
flw ft6, 24(a1)
vfmacc.vf v18, fa5, v0
flw ft7, 28(a1)
vfmacc.vf v19, fa5, v1
addi a0, a0, 64
vfmacc.vf v20, fa6, v0
addi a1, a1, 32
vfmacc.vf v21, fa6, v1
vfmacc.vf v22, fa7, v0
vfmacc.vf v23, fa7, v1
vfmacc.vf v8, ft0, v2
vle32.v v0, (a0)
vfmacc.vf v9, ft0, v3
addi t1, a0, 32
vfmacc.vf v10, ft1, v2
vle32.v v1, (t1)
vfmacc.vf v11, ft1, v3
flw fa0, 0(a1)
vfmacc.vf v12, ft2, v2
flw fa1, 4(a1)
vfmacc.vf v13, ft2, v3
flw fa2, 8(a1)
vfmacc.vf v14, ft3, v2
flw fa3, 12(a1)
vfmacc.vf v15, ft3, v3
flw fa4, 16(a1)
vfmacc.vf v16, ft4, v2
flw fa5, 20(a1)
vfmacc.vf v17, ft4, v3
flw fa6, 24(a1)
vfmacc.vf v18, ft5, v2
flw fa7, 28(a1)
vfmacc.vf v19, ft5, v3
addi a0, a0, 64
vfmacc.vf v20, ft6, v2
addi a1, a1, 32
vfmacc.vf v21, ft6, v3
vfmacc.vf v22, ft7, v2
vfmacc.vf v23, ft7, v3
addi a2, a2, -2
bnez a2, .Lloop
# LLVM-MCA-END
"""

BRANCH = re.compile(r"^\s+(bnez|beqz|bne|beq|blt|bltu|bge|bgeu)\s+.*,\s*(\S+)\s*$")


def compile_to_asm(clang, src, root, extra):
    out = tempfile.NamedTemporaryFile(suffix=".s", delete=False).name
    cmd = [clang, "--target=riscv64-linux-gnu", "--gcc-toolchain=/usr",
           "-march=rv64gcv_zfh_zvfh" + extra, "-mtune=spacemit-x60", "-O3",
           "-std=c++17", "-I" + os.path.join(root, "lib"),
           "-I" + os.path.join(root, "include"), "-S", src, "-o", out]
    subprocess.run(cmd, check=True)
    return open(out).read().splitlines()


def functions(lines):
    """Yields (symbol, body lines) for each function in the listing."""
    name, body = None, []
    for line in lines:
        m = re.match(r"^(_Z\S+|[A-Za-z_]\S*):\s*(#.*)?$", line)
        if m and not line.startswith("."):
            if name:
                yield name, body
            name, body = m.group(1), []
        elif name:
            body.append(line)
    if name:
        yield name, body


MAC = re.compile(r"\b(vf?w?macc|smt\.vmadot)")


def inner_loop(body):
    """The main loop holding multiply-accumulates: of the spans from a label
    to a later branch back to it (compiler loops and inline-asm loops alike),
    the one with the most multiply-accumulates per line, the shorter on a tie
    (a kernel's tail loop has fewer). Returns (vsetvli line in effect, loop
    lines)."""
    labels = {}
    best = None
    for i, line in enumerate(body):
        m = re.match(r"^(\.?\w+):", line)
        if m:
            labels[m.group(1)] = i
        b = BRANCH.match(line)
        if b and b.group(2) in labels:
            start = labels[b.group(2)]
            loop = body[start:i + 1]
            macs = sum(bool(MAC.search(l)) for l in loop)
            key = (macs / len(loop), -len(loop))
            if macs and (best is None or key > best[2]):
                best = (start, loop, key)
    if best is None:
        return None, None
    start, loop, _ = best
    vset = [l for l in body[:start] if "vsetvli" in l and "zero" in l]
    vset_line = vset[-1].strip() if vset else "vsetvli t0, zero, e32, m4, ta, ma"
    return vset_line, loop


def run_mca(mca, text):
    with tempfile.NamedTemporaryFile("w", suffix=".s", delete=False) as f:
        f.write(text)
    r = subprocess.run([mca, "-mtriple=riscv64", "-mcpu=spacemit-x60",
                        "-iterations=400", f.name], capture_output=True,
                       text=True)
    if r.returncode != 0:
        sys.exit(r.stderr)
    out = r.stdout
    iters = int(re.search(r"Iterations:\s+(\d+)", out).group(1))
    cycles = int(re.search(r"Total Cycles:\s+(\d+)", out).group(1))
    res = re.findall(r"\[(\S+)\]\s+- (\S+)", out)
    idx = out.index("Resource pressure per iteration:")
    vals = out[idx:].splitlines()[2].split()
    pressure = {}
    for (_, name), v in zip(res, vals):
        pressure[name] = 0.0 if v == "-" else float(v)
    return cycles / iters, pressure


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--llvm-bin", default="/usr/lib/llvm-22/bin")
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--source-root", default=os.path.normpath(os.path.join(here, "../..")))
    args = ap.parse_args()
    clang = os.path.join(args.llvm_bin, "clang++")
    mca = os.path.join(args.llvm_bin, "llvm-mca")
    kdir = os.path.join(args.source_root, "lib/kernels/gemm/ukernels/riscv64")

    print("llvm-mca -mcpu=spacemit-x60, VLEN 256 model; per loop iteration")
    print(f"{'kernel':28} {'cycles':>7} {'VFP':>6} {'VIEU':>6} {'busy%':>6} "
          f"{'insns':>5} {'MACs':>5}")
    asm_cache = {}
    for fname, func, label in KERNELS:
        extra = "_xsmtvdot" if "Ime" in fname else ""
        if fname not in asm_cache:
            asm_cache[fname] = compile_to_asm(clang, os.path.join(kdir, fname),
                                              args.source_root, extra)
        body = next((b for n, b in functions(asm_cache[fname]) if func in n), None)
        vset, loop = inner_loop(body) if body else (None, None)
        if loop is None:
            print(f"{label:28} (loop of {func} not found)")
            continue
        insns = [l for l in loop if l.strip() and not l.strip().startswith((".", "#"))
                 and not l.strip().endswith(":")]
        if "Ime" in fname:
            vmadots = sum("smt.vmadot" in l for l in insns)
            # Whole-register loads: vl<N>r.v / vl<N>re8.v move N x 32 bytes.
            nbytes = sum(int(m.group(1)) * 32 for l in insns
                          for m in [re.search(r"\bvl(\d)re?\d*\.v", l)] if m)
            macs = vmadots * 128
            print(f"{label:28} {'-':>7} {'-':>6} {'-':>6} {'-':>6} {len(insns):5d} "
                  f"{macs:5d}  vmadot density {vmadots}/{len(insns)} = "
                  f"{vmadots / len(insns):.0%}, {nbytes / macs:.3f} bytes loaded/MAC")
            continue
        cyc, pr = run_mca(mca, f"{vset}\n# LLVM-MCA-BEGIN k\n" + "\n".join(loop) + "\n# LLVM-MCA-END\n")
        unit = "SMX60_VIEU" if "I8" in fname else "SMX60_VFP"
        busy = pr.get(unit, 0.0)
        fmas = sum(bool(re.search(r"\bv(f|fw|w)macc", l)) for l in insns)
        lanes = 32
        print(f"{label:28} {cyc:7.1f} {pr.get('SMX60_VFP', 0):6.1f} "
              f"{pr.get('SMX60_VIEU', 0):6.1f} {busy / cyc:6.1%} {len(insns):5d} "
              f"{fmas * lanes:5d}")
    cyc, pr = run_mca(mca, OPENBLAS_SHAPE)
    busy = pr.get("SMX60_VFP", 0)
    n_insns = OPENBLAS_SHAPE.count("\n") - 4
    print(f"{'OpenBLAS shape 16 x 8 m1':28} {cyc:7.1f} {busy:6.1f} "
          f"{pr.get('SMX60_VIEU', 0):6.1f} {busy / cyc:6.1%} {n_insns:5d} {2 * 16 * 8:5d}")
    print("busy% = cycles the vector FP (int8: integer) unit is busy / modeled cycles")


if __name__ == "__main__":
    main()

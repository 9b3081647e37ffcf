#!/usr/bin/env python3
"""Same linalgdir kernel, three lowerings: ours (--spine-triton-e2e-pipeline),
our reference (--spine-triton-e2e-ref-pipeline), and upstream MLIR's lowering
(UPSTREAM_PASSES in test/e2e/e2e_lib.py, via mlir-opt-22; docs/measuring.md).

Reports, side by side in one run:
  - dynamic instructions of one kernel run under qemu-riscv64 (VLEN 256,
    spacemit-x60 codegen) with the qemu icount plugin: a run with two grid
    repetitions minus one with one, so set-up and I/O cancel out. The runtime
    is not told it runs on a K1, so int8 GEMMs use the RVV kernels (IME
    figures: runtime/bench/gemm/gemm_bench.sh);
  - host wall time (median of repeated runs) on x86-64;
  - spine-opt compile time per kernel.
Ratios are upstream / ours. This is a benchmark, not a test.

With --epilogue, instead: a matmul + bias + silu at decode and square shapes
compiled three ways by our pipeline (the bare matmul, the same with the
epilogue fused into speir_gemm_fused (the default), and unfused
(enable-epilogue-fusion=false)),
qemu instructions (VLEN 256, one thread) and host time side by side.

  /usr/bin/python3 bench/compare_lowerings.py [--quick] [--only NAME ...]
  /usr/bin/python3 bench/compare_lowerings.py --epilogue
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
import e2e_lib  # noqa: E402
from e2e_lib import Scalar  # noqa: E402

TARGET_SPEC = ('#dlti.target_system_spec<"CPU" = #dlti.target_device_spec<'
               '"arch_id" = "0x503C", "num_threads" = 1 : i32>>')

# One program computes the whole product: C = A * B.
MATMUL = """module attributes {{dlti.target_system_spec = {spec}}} {{
  func.func @{name}(%a: memref<*x{t}>, %b: memref<*x{t}>, %c: memref<*x{acc}>, %gx: i32, %gy: i32, %gz: i32, %px: i32, %py: i32, %pz: i32) {{
    %zero = arith.constant {zero} : {acc}
    %ra = memref.reinterpret_cast %a to offset: [0], sizes: [{n}, {n}], strides: [{n}, 1] : memref<*x{t}> to memref<{n}x{n}x{t}, strided<[{n}, 1]>>
    %rb = memref.reinterpret_cast %b to offset: [0], sizes: [{n}, {n}], strides: [{n}, 1] : memref<*x{t}> to memref<{n}x{n}x{t}, strided<[{n}, 1]>>
    %ta = bufferization.to_tensor %ra restrict : memref<{n}x{n}x{t}, strided<[{n}, 1]>> to tensor<{n}x{n}x{t}>
    %tb = bufferization.to_tensor %rb restrict : memref<{n}x{n}x{t}, strided<[{n}, 1]>> to tensor<{n}x{n}x{t}>
    %e = tensor.empty() : tensor<{n}x{n}x{acc}>
    %f = linalg.fill ins(%zero : {acc}) outs(%e : tensor<{n}x{n}x{acc}>) -> tensor<{n}x{n}x{acc}>
    %m = linalg.matmul ins(%ta, %tb : tensor<{n}x{n}x{t}>, tensor<{n}x{n}x{t}>) outs(%f : tensor<{n}x{n}x{acc}>) -> tensor<{n}x{n}x{acc}>
    %rc = memref.reinterpret_cast %c to offset: [0], sizes: [{n}, {n}], strides: [{n}, 1] : memref<*x{acc}> to memref<{n}x{n}x{acc}, strided<[{n}, 1]>>
    bufferization.materialize_in_destination %m in writable %rc : (tensor<{n}x{n}x{acc}>, memref<{n}x{n}x{acc}, strided<[{n}, 1]>>) -> ()
    return
  }}
}}
"""

# One row per program.
ROWWISE_HEAD = """module attributes {{dlti.target_system_spec = {spec}}} {{
  func.func @{name}(%x: memref<*xf32>, %y: memref<*xf32>, %gx: i32, %gy: i32, %gz: i32, %px: i32, %py: i32, %pz: i32) {{
    %cn = arith.constant {n} : index
    %zero = arith.constant 0.0 : f32
    %row = arith.index_cast %px : i32 to index
    %off = arith.muli %row, %cn : index
    %rx = memref.reinterpret_cast %x to offset: [%off], sizes: [{n}], strides: [1] : memref<*xf32> to memref<{n}xf32, strided<[1], offset: ?>>
    %v = bufferization.to_tensor %rx restrict : memref<{n}xf32, strided<[1], offset: ?>> to tensor<{n}xf32>
    %e0 = tensor.empty() : tensor<f32>
    %e1 = tensor.empty() : tensor<{n}xf32>
"""
ROWWISE_TAIL = """    %ry = memref.reinterpret_cast %y to offset: [%off], sizes: [{n}], strides: [1] : memref<*xf32> to memref<{n}xf32, strided<[1], offset: ?>>
    bufferization.materialize_in_destination %out in writable %ry : (tensor<{n}xf32>, memref<{n}xf32, strided<[1], offset: ?>>) -> ()
    return
  }}
}}
"""
ID = "affine_map<(d0) -> (d0)>"


def reduce_(src, init, op, res):
    return f"""    %{res}i = linalg.fill ins({init} : f32) outs(%e0 : tensor<f32>) -> tensor<f32>
    %{res}r = linalg.reduce ins(%{src} : tensor<{{n}}xf32>) outs(%{res}i : tensor<f32>) dimensions = [0]
      (%a: f32, %acc: f32) {{{{
        %r = {op} %a, %acc : f32
        linalg.yield %r : f32
      }}}}
    %{res} = tensor.extract %{res}r[] : tensor<f32>
"""


def map_(src, res, body):
    return f"""    %{res} = linalg.generic {{{{indexing_maps = [{ID}, {ID}], iterator_types = ["parallel"]}}}} ins(%{src} : tensor<{{n}}xf32>) outs(%e1 : tensor<{{n}}xf32>) {{{{
    ^bb0(%a: f32, %o: f32):
{body}
    }}}} -> tensor<{{n}}xf32>
"""


def rowwise(*body, outs="%y: memref<*xf32>", consts=(), tail=ROWWISE_TAIL):
    """A one-row-per-program kernel: ROWWISE_HEAD with the output arguments
    `outs` after %x and the constants `consts` after %zero, then `body` and
    `tail`."""
    zero = "    %zero = arith.constant 0.0 : f32\n"
    head = ROWWISE_HEAD.replace("%y: memref<*xf32>,", outs + ",").replace(
        zero, zero + "".join(f"    {c}\n" for c in consts))
    return head + "".join(body) + tail


# The constants of the normalizations: the row length and epsilon.
FN_EPS = ("%fn = arith.constant {n}.0 : f32", "%eps = arith.constant 1.0e-5 : f32")

SOFTMAX = rowwise(reduce_("v", "%ninf", "arith.maxnumf", "mx"),
                  map_("v", "ex", "      %s = arith.subf %a, %mx : f32\n      %q = math.exp %s : f32\n      linalg.yield %q : f32"),
                  reduce_("ex", "%zero", "arith.addf", "sm"),
                  map_("ex", "out", "      %q = arith.divf %a, %sm : f32\n      linalg.yield %q : f32"),
                  consts=("%ninf = arith.constant 0xFF800000 : f32",))

LAYERNORM = rowwise(reduce_("v", "%zero", "arith.addf", "sum"),
                    "    %mean = arith.divf %sum, %fn : f32\n",
                    map_("v", "cen", "      %q = arith.subf %a, %mean : f32\n      linalg.yield %q : f32"),
                    map_("cen", "sq", "      %q = arith.mulf %a, %a : f32\n      linalg.yield %q : f32"),
                    reduce_("sq", "%zero", "arith.addf", "ss"),
                    "    %var = arith.divf %ss, %fn : f32\n    %ve = arith.addf %var, %eps : f32\n",
                    "    %rstd = math.rsqrt %ve : f32\n",
                    map_("cen", "out", "      %q = arith.mulf %a, %rstd : f32\n      linalg.yield %q : f32"),
                    consts=FN_EPS)


# y = x * rsqrt(mean(x^2) + eps) * w, one row per program (issue 17's RMS
# norm); w is a per-column weight vector.
RMSNORM = rowwise(map_("v", "sq", "      %q = arith.mulf %a, %a : f32\n      linalg.yield %q : f32"),
                  reduce_("sq", "%zero", "arith.addf", "ss"),
                  "    %ms = arith.divf %ss, %fn : f32\n    %me = arith.addf %ms, %eps : f32\n",
                  "    %rstd = math.rsqrt %me : f32\n",
                  "    %rw = memref.reinterpret_cast %w to offset: [0], sizes: [{n}], strides: [1] : memref<*xf32> to memref<{n}xf32, strided<[1]>>\n",
                  "    %tw = bufferization.to_tensor %rw restrict : memref<{n}xf32, strided<[1]>> to tensor<{n}xf32>\n",
                  f"""    %out = linalg.generic {{{{indexing_maps = [{ID}, {ID}, {ID}], iterator_types = ["parallel"]}}}} ins(%v, %tw : tensor<{{n}}xf32>, tensor<{{n}}xf32>) outs(%e1 : tensor<{{n}}xf32>) {{{{
    ^bb0(%a: f32, %b: f32, %o: f32):
      %q = arith.mulf %a, %rstd : f32
      %r = arith.mulf %q, %b : f32
      linalg.yield %r : f32
    }}}} -> tensor<{{n}}xf32>
""",
                  outs="%w: memref<*xf32>, %y: memref<*xf32>", consts=FN_EPS)

# Per-row symmetric int8 quantization, one row per program (issue 17):
# scale = max(|x|) / 127, q = clamp(roundeven(x / scale), -127, 127) as i8;
# q[row] and scale[row] are written. The conversion is fptosi to i32 then
# trunci to i8 (equal after the clamp): a direct fptosi f32 -> i8 becomes
# vfncvt.rtz.x.f.w + vnsrl.wi, which aborts qemu 7.2's translator
# (decode_save_opc assertion; see cast_float_to_int_kernel in
# test/e2e/ttir_cases.py), so it could not be measured.
QUANT_I8 = rowwise(map_("v", "ab", "      %r = math.absf %a : f32\n      linalg.yield %r : f32"),
                   reduce_("ab", "%zero", "arith.maxnumf", "mx"),
                   outs="%q: memref<*xi8>, %s: memref<*xf32>",
                   consts=("%qmax = arith.constant 127.0 : f32", "%qmin = arith.constant -127.0 : f32"),
                   tail="""    %scale = arith.divf %mx, %qmax : f32
    %eq = tensor.empty() : tensor<{n}xi8>
    %qt = linalg.generic {{indexing_maps = [{id}, {id}], iterator_types = ["parallel"]}} ins(%v : tensor<{n}xf32>) outs(%eq : tensor<{n}xi8>) {{
    ^bb0(%a: f32, %o: i8):
      %d = arith.divf %a, %scale : f32
      %r = math.roundeven %d : f32
      %c0 = arith.maximumf %r, %qmin : f32
      %c1 = arith.minimumf %c0, %qmax : f32
      %i = arith.fptosi %c1 : f32 to i32
      %t = arith.trunci %i : i32 to i8
      linalg.yield %t : i8
    }} -> tensor<{n}xi8>
    %rq = memref.reinterpret_cast %q to offset: [%off], sizes: [{n}], strides: [1] : memref<*xi8> to memref<{n}xi8, strided<[1], offset: ?>>
    bufferization.materialize_in_destination %qt in writable %rq : (tensor<{n}xi8>, memref<{n}xi8, strided<[1], offset: ?>>) -> ()
    %es = tensor.empty() : tensor<1xf32>
    %ts = linalg.fill ins(%scale : f32) outs(%es : tensor<1xf32>) -> tensor<1xf32>
    %rs = memref.reinterpret_cast %s to offset: [%row], sizes: [1], strides: [1] : memref<*xf32> to memref<1xf32, strided<[1], offset: ?>>
    bufferization.materialize_in_destination %ts in writable %rs : (tensor<1xf32>, memref<1xf32, strided<[1], offset: ?>>) -> ()
    return
  }}
}}
""")

# out = x + y, BLOCK elements per program, no mask (issue 17's vector add).
VECADD = """module attributes {{dlti.target_system_spec = {spec}}} {{
  func.func @{name}(%x: memref<*xf32>, %y: memref<*xf32>, %out: memref<*xf32>, %gx: i32, %gy: i32, %gz: i32, %px: i32, %py: i32, %pz: i32) {{
    %cb = arith.constant {block} : index
    %pid = arith.index_cast %px : i32 to index
    %start = arith.muli %pid, %cb : index
    %rx = memref.reinterpret_cast %x to offset: [%start], sizes: [{block}], strides: [1] : memref<*xf32> to memref<{block}xf32, strided<[1], offset: ?>>
    %tx = bufferization.to_tensor %rx restrict : memref<{block}xf32, strided<[1], offset: ?>> to tensor<{block}xf32>
    %ry = memref.reinterpret_cast %y to offset: [%start], sizes: [{block}], strides: [1] : memref<*xf32> to memref<{block}xf32, strided<[1], offset: ?>>
    %ty = bufferization.to_tensor %ry restrict : memref<{block}xf32, strided<[1], offset: ?>> to tensor<{block}xf32>
    %e = tensor.empty() : tensor<{block}xf32>
    %s = linalg.generic {{indexing_maps = [{id}, {id}, {id}], iterator_types = ["parallel"]}} ins(%tx, %ty : tensor<{block}xf32>, tensor<{block}xf32>) outs(%e : tensor<{block}xf32>) {{
    ^bb0(%a: f32, %b: f32, %o: f32):
      %r = arith.addf %a, %b : f32
      linalg.yield %r : f32
    }} -> tensor<{block}xf32>
    %ro = memref.reinterpret_cast %out to offset: [%start], sizes: [{block}], strides: [1] : memref<*xf32> to memref<{block}xf32, strided<[1], offset: ?>>
    bufferization.materialize_in_destination %s in writable %ro : (tensor<{block}xf32>, memref<{block}xf32, strided<[1], offset: ?>>) -> ()
    return
  }}
}}
"""

# out = silu(gate) * up = gate / (1 + exp(-gate)) * up, BLOCK elements per
# program, no mask (issue 17's SiLU-and-multiply, the LLaMA MLP's gating).
SILU_MUL = VECADD.replace(
    "    %cb = arith.constant {block} : index\n",
    "    %cb = arith.constant {block} : index\n    %one = arith.constant 1.0 : f32\n").replace(
    "      %r = arith.addf %a, %b : f32\n",
    "      %na = arith.negf %a : f32\n"
    "      %ex = math.exp %na : f32\n"
    "      %den = arith.addf %ex, %one : f32\n"
    "      %sg = arith.divf %a, %den : f32\n"
    "      %r = arith.mulf %sg, %b : f32\n")

# out = gelu(x) * y with GELU's tanh form (GPT-2's gelu_new):
# 0.5 x (1 + tanh(sqrt(2 / pi) (x + 0.044715 x^3))), BLOCK elements per
# program: a long body (tanh's two polynomials while x stays live) that
# takes LMUL 4 by register pressure.
GELU_MUL = VECADD.replace(
    "    %cb = arith.constant {block} : index\n",
    "    %cb = arith.constant {block} : index\n"
    "    %half = arith.constant 0.5 : f32\n    %one = arith.constant 1.0 : f32\n"
    "    %c3 = arith.constant 0.044715 : f32\n    %k = arith.constant 0.7978845608 : f32\n").replace(
    "      %r = arith.addf %a, %b : f32\n",
    "      %a2 = arith.mulf %a, %a : f32\n"
    "      %a3 = arith.mulf %a2, %a : f32\n"
    "      %in = math.fma %a3, %c3, %a : f32\n"
    "      %ks = arith.mulf %in, %k : f32\n"
    "      %th = math.tanh %ks : f32\n"
    "      %t1 = arith.addf %th, %one : f32\n"
    "      %ha = arith.mulf %a, %half : f32\n"
    "      %g = arith.mulf %ha, %t1 : f32\n"
    "      %r = arith.mulf %g, %b : f32\n")

# out = gelu(x) * y with GELU's exact (erf) form, 0.5 x (1 + erf(x / sqrt(2))).
GELU_ERF_MUL = VECADD.replace(
    "    %cb = arith.constant {block} : index\n",
    "    %cb = arith.constant {block} : index\n"
    "    %half = arith.constant 0.5 : f32\n    %one = arith.constant 1.0 : f32\n"
    "    %rs2 = arith.constant 0.70710678 : f32\n").replace(
    "      %r = arith.addf %a, %b : f32\n",
    "      %s = arith.mulf %a, %rs2 : f32\n"
    "      %er = math.erf %s : f32\n"
    "      %t1 = arith.addf %er, %one : f32\n"
    "      %ha = arith.mulf %a, %half : f32\n"
    "      %g = arith.mulf %ha, %t1 : f32\n"
    "      %r = arith.mulf %g, %b : f32\n")

# out = (x > 0 ? x : 0.01 x) * y: a compare and a select (a mask in v0).
LEAKY_MUL = VECADD.replace(
    "    %cb = arith.constant {block} : index\n",
    "    %cb = arith.constant {block} : index\n"
    "    %zero = arith.constant 0.0 : f32\n    %slope = arith.constant 0.01 : f32\n").replace(
    "      %r = arith.addf %a, %b : f32\n",
    "      %pos = arith.cmpf ogt, %a, %zero : f32\n"
    "      %neg = arith.mulf %a, %slope : f32\n"
    "      %l = arith.select %pos, %a, %neg : f32\n"
    "      %r = arith.mulf %l, %b : f32\n")

# One Adam step, BLOCK elements per program: parameters, gradients and the
# two moments in, the three updated out (seven operands, a multi-output
# element-wise op): m' = b1 m + (1 - b1) g, v' = b2 v + (1 - b2) g^2,
# p' = p - lr (m' c1) / (sqrt(v' c2) + eps), c1 and c2 the bias corrections.
ADAM = """module attributes {{dlti.target_system_spec = {spec}}} {{
  func.func @{name}(%p: memref<*xf32>, %g: memref<*xf32>, %m: memref<*xf32>, %v: memref<*xf32>, %po: memref<*xf32>, %mo: memref<*xf32>, %vo: memref<*xf32>, %gx: i32, %gy: i32, %gz: i32, %px: i32, %py: i32, %pz: i32) {{
    %cb = arith.constant {block} : index
    %b1 = arith.constant 0.9 : f32
    %nb1 = arith.constant 0.1 : f32
    %b2 = arith.constant 0.999 : f32
    %nb2 = arith.constant 0.001 : f32
    %c1 = arith.constant 2.0 : f32
    %c2 = arith.constant 4.0 : f32
    %lr = arith.constant 0.001 : f32
    %eps = arith.constant 1.0e-8 : f32
    %pid = arith.index_cast %px : i32 to index
    %start = arith.muli %pid, %cb : index
{loads}    %e = tensor.empty() : tensor<{block}xf32>
    %r:3 = linalg.generic {{indexing_maps = [{id}, {id}, {id}, {id}, {id}, {id}, {id}], iterator_types = ["parallel"]}} ins(%tp, %tg, %tm, %tv : tensor<{block}xf32>, tensor<{block}xf32>, tensor<{block}xf32>, tensor<{block}xf32>) outs(%e, %e, %e : tensor<{block}xf32>, tensor<{block}xf32>, tensor<{block}xf32>) {{
    ^bb0(%xp: f32, %xg: f32, %xm: f32, %xv: f32, %o0: f32, %o1: f32, %o2: f32):
      %m1 = arith.mulf %xm, %b1 : f32
      %m2 = arith.mulf %xg, %nb1 : f32
      %mn = arith.addf %m1, %m2 : f32
      %gg = arith.mulf %xg, %xg : f32
      %v1 = arith.mulf %xv, %b2 : f32
      %v2 = arith.mulf %gg, %nb2 : f32
      %vn = arith.addf %v1, %v2 : f32
      %mh = arith.mulf %mn, %c1 : f32
      %vh = arith.mulf %vn, %c2 : f32
      %sq = math.sqrt %vh : f32
      %den = arith.addf %sq, %eps : f32
      %q = arith.divf %mh, %den : f32
      %st = arith.mulf %q, %lr : f32
      %pn = arith.subf %xp, %st : f32
      linalg.yield %pn, %mn, %vn : f32, f32, f32
    }} -> (tensor<{block}xf32>, tensor<{block}xf32>, tensor<{block}xf32>)
{stores}    return
  }}
}}
"""
ADAM_LOAD = """    %r{x} = memref.reinterpret_cast %{x} to offset: [%start], sizes: [{{block}}], strides: [1] : memref<*xf32> to memref<{{block}}xf32, strided<[1], offset: ?>>
    %t{x} = bufferization.to_tensor %r{x} restrict : memref<{{block}}xf32, strided<[1], offset: ?>> to tensor<{{block}}xf32>
"""
ADAM_STORE = """    %r{x}o = memref.reinterpret_cast %{x}o to offset: [%start], sizes: [{{block}}], strides: [1] : memref<*xf32> to memref<{{block}}xf32, strided<[1], offset: ?>>
    bufferization.materialize_in_destination %r#{i} in writable %r{x}o : (tensor<{{block}}xf32>, memref<{{block}}xf32, strided<[1], offset: ?>>) -> ()
"""
ADAM = ADAM.replace("{loads}", "".join(ADAM_LOAD.format(x=x) for x in "pgmv")).replace(
    "{stores}", "".join(ADAM_STORE.format(x=x, i=i) for i, x in enumerate("pmv")))


# Row softmax in the frontend's copy-in form: each row is a masked load
# (alloc, fill with -inf, copy of the valid part) of BLOCK = n columns.
SOFTMAX_COPYIN = SOFTMAX.replace(
    "    %v = bufferization.to_tensor %rx restrict : memref<{n}xf32, strided<[1], offset: ?>> to tensor<{n}xf32>\n",
    "    %gzi = arith.index_cast %gz : i32 to index\n"
    "    %lim = arith.muli %gzi, %cn : index\n"
    "    %len = arith.minsi %lim, %cn : index\n"
    "    %ax = memref.alloc() : memref<{n}xf32>\n"
    "    linalg.fill ins(%ninf : f32) outs(%ax : memref<{n}xf32>)\n"
    "    %sx = memref.subview %rx[0] [%len] [1] : memref<{n}xf32, strided<[1], offset: ?>> to memref<?xf32, strided<[1], offset: ?>>\n"
    "    %dx = memref.subview %ax[0] [%len] [1] : memref<{n}xf32> to memref<?xf32, strided<[1]>>\n"
    "    memref.copy %sx, %dx : memref<?xf32, strided<[1], offset: ?>> to memref<?xf32, strided<[1]>>\n"
    "    %v = bufferization.to_tensor %ax restrict writable : memref<{n}xf32> to tensor<{n}xf32>\n")


def blockwise_case(kind, template, n, block, x_range, y_range):
    """x (uniform in x_range), y (in y_range) and the output, n elements,
    `block` per program."""
    name = f"{kind}_{n}"
    src = template.format(spec=TARGET_SPEC, name=name, block=block, id=ID)
    return name, src, lambda rng: [rng.uniform(*x_range, n).astype(np.float32),
                                   rng.uniform(*y_range, n).astype(np.float32),
                                   np.zeros(n, np.float32)], (n // block, 1, 1), n


def rowwise_case(kind, template, rows, n, rest=None):
    """x (rows x n, uniform in [-2, 2]), one row per program, then the
    arguments rest(rng) makes (by default the f32 output, rows x n)."""
    name = f"{kind}_{rows}x{n}"
    src = template.format(spec=TARGET_SPEC, name=name, n=n, id=ID)
    rest = rest or (lambda rng: [np.zeros((rows, n), np.float32)])
    return name, src, lambda rng: [rng.uniform(-2, 2, (rows, n)).astype(np.float32)] + rest(rng), (rows, 1, 1), rows * n


def rmsnorm_case(rows, n):
    return rowwise_case("rmsnorm", RMSNORM, rows, n,
                        lambda rng: [rng.uniform(0.5, 1.5, n).astype(np.float32), np.zeros((rows, n), np.float32)])


def quant_i8_case(rows, n):
    return rowwise_case("quant_i8", QUANT_I8, rows, n,
                        lambda rng: [np.zeros((rows, n), np.int8), np.zeros(rows, np.float32)])


# The e2e copies of issue 17's kernels (test/e2e/kernels/, checked by
# test/e2e/cases.py against numpy) at small odd sizes: --write-e2e-kernels.
E2E_KERNELS = {"rmsnorm_row": lambda: RMSNORM.format(spec=TARGET_SPEC, name="rmsnorm_row", n=37),
               "silu_mul": lambda: SILU_MUL.format(spec=TARGET_SPEC, name="silu_mul", block=37, id=ID),
               "gelu_mul": lambda: GELU_MUL.format(spec=TARGET_SPEC, name="gelu_mul", block=37, id=ID),
               "gelu_erf_mul": lambda: GELU_ERF_MUL.format(spec=TARGET_SPEC, name="gelu_erf_mul", block=37, id=ID),
               "leaky_mul": lambda: LEAKY_MUL.format(spec=TARGET_SPEC, name="leaky_mul", block=37, id=ID),
               "log_add": lambda: math_source("log").format(spec=TARGET_SPEC, name="log_add", block=37, id=ID),
               "adam_step": lambda: ADAM.format(spec=TARGET_SPEC, name="adam_step", block=37, id=ID),
               "quant_i8_row": lambda: QUANT_I8.format(spec=TARGET_SPEC, name="quant_i8_row", n=45, id=ID)}


def write_e2e_kernels():
    for name, text in E2E_KERNELS.items():
        path = ROOT / "test" / "e2e" / "kernels" / f"{name}.mlir"
        path.write_text(f"// Generated by bench/compare_lowerings.py --write-e2e-kernels (issue 17's\n"
                        f"// benchmark kernel at a small size); do not edit by hand.\n" + text())
        print(path)


def matmul_case(n, t, acc):
    dtype = {"f32": np.float32, "f16": np.float16, "i8": np.int8}[t]
    acc_dtype = {"f32": np.float32, "f16": np.float16, "i32": np.int32}[acc]
    zero = "0" if acc == "i32" else "0.0"
    name = f"matmul_{t}_{acc}_{n}"
    src = MATMUL.format(spec=TARGET_SPEC, name=name, n=n, t=t, acc=acc, zero=zero)

    def args(rng):
        if t == "i8":
            a, b = (rng.integers(-128, 128, (n, n)).astype(np.int8) for _ in range(2))
        else:
            a, b = (rng.uniform(-1, 1, (n, n)).astype(dtype) for _ in range(2))
        return [a, b, np.zeros((n, n), acc_dtype)]
    return name, src, args, (1, 1, 1), 2 * n ** 3


# One program: C[M x N] = A[M x K] . B[K x N], bare or followed by the
# frontend's bias-and-silu generic (bias along N).
MATMUL_EPILOGUE = """module attributes {{dlti.target_system_spec = {spec}}} {{
  func.func @{name}(%a: memref<*xf32>, %b: memref<*xf32>, %bias: memref<*xf32>, %c: memref<*xf32>, %gx: i32, %gy: i32, %gz: i32, %px: i32, %py: i32, %pz: i32) {{
    %zero = arith.constant 0.0 : f32
    %one = arith.constant 1.0 : f32
    %ra = memref.reinterpret_cast %a to offset: [0], sizes: [{m}, {k}], strides: [{k}, 1] : memref<*xf32> to memref<{m}x{k}xf32, strided<[{k}, 1]>>
    %rb = memref.reinterpret_cast %b to offset: [0], sizes: [{k}, {n}], strides: [{n}, 1] : memref<*xf32> to memref<{k}x{n}xf32, strided<[{n}, 1]>>
    %rbias = memref.reinterpret_cast %bias to offset: [0], sizes: [{n}], strides: [1] : memref<*xf32> to memref<{n}xf32, strided<[1]>>
    %ta = bufferization.to_tensor %ra restrict : memref<{m}x{k}xf32, strided<[{k}, 1]>> to tensor<{m}x{k}xf32>
    %tb = bufferization.to_tensor %rb restrict : memref<{k}x{n}xf32, strided<[{n}, 1]>> to tensor<{k}x{n}xf32>
    %tbias = bufferization.to_tensor %rbias restrict : memref<{n}xf32, strided<[1]>> to tensor<{n}xf32>
    %e = tensor.empty() : tensor<{m}x{n}xf32>
    %f = linalg.fill ins(%zero : f32) outs(%e : tensor<{m}x{n}xf32>) -> tensor<{m}x{n}xf32>
    %mm = linalg.matmul ins(%ta, %tb : tensor<{m}x{k}xf32>, tensor<{k}x{n}xf32>) outs(%f : tensor<{m}x{n}xf32>) -> tensor<{m}x{n}xf32>
{epilogue}
    %rc = memref.reinterpret_cast %c to offset: [0], sizes: [{m}, {n}], strides: [{n}, 1] : memref<*xf32> to memref<{m}x{n}xf32, strided<[{n}, 1]>>
    bufferization.materialize_in_destination {result} in writable %rc : (tensor<{m}x{n}xf32>, memref<{m}x{n}xf32, strided<[{n}, 1]>>) -> ()
    return
  }}
}}
"""
BIAS_SILU = """    %r = linalg.generic {{indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]}} ins(%mm, %tbias : tensor<{m}x{n}xf32>, tensor<{n}xf32>) outs(%mm : tensor<{m}x{n}xf32>) {{
    ^bb0(%x: f32, %y: f32, %o: f32):
      %s = arith.addf %x, %y : f32
      %ns = arith.negf %s : f32
      %ex = math.exp %ns : f32
      %den = arith.addf %ex, %one : f32
      %sg = arith.divf %s, %den : f32
      linalg.yield %sg : f32
    }} -> tensor<{m}x{n}xf32>"""
BIAS_RELU = """    %r = linalg.generic {{indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]}} ins(%mm, %tbias : tensor<{m}x{n}xf32>, tensor<{n}xf32>) outs(%mm : tensor<{m}x{n}xf32>) {{
    ^bb0(%x: f32, %y: f32, %o: f32):
      %s = arith.addf %x, %y : f32
      %rl = arith.maximumf %s, %zero : f32
      linalg.yield %rl : f32
    }} -> tensor<{m}x{n}xf32>"""
EPILOGUES = {"bias_silu": BIAS_SILU, "bias_relu": BIAS_RELU}


def matmul_epilogue_case(m, n, k, epilogue):
    """`epilogue`: a key of EPILOGUES, or None for the bare matmul."""
    name = f"matmul_{m}x{n}x{k}" + (f"_{epilogue}" if epilogue else "")
    body = EPILOGUES[epilogue].format(m=m, n=n) if epilogue else ""
    src = MATMUL_EPILOGUE.format(spec=TARGET_SPEC, name=name, m=m, n=n, k=k, epilogue=body,
                                 result="%r" if epilogue else "%mm")

    def args(rng):
        return [rng.uniform(-1, 1, (m, k)).astype(np.float32), rng.uniform(-1, 1, (k, n)).astype(np.float32),
                rng.uniform(-1, 1, (n,)).astype(np.float32), np.zeros((m, n), np.float32)]
    return name, src, args, (1, 1, 1), m * n * k


def epilogue_table(work, plugin, host_repeats):
    """Bare matmul vs matmul + bias + silu (and + relu), fused and unfused."""
    print("| shape M x N x K | epilogue | MACs | insns bare | insns fused | fused/bare | insns unfused | "
          "unfused/bare | host ms bare | host ms fused | host ms unfused |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    rng = np.random.default_rng(0)
    shapes = [(1, 1024, 1024, "bias_silu"), (4, 1024, 1024, "bias_silu"), (16, 512, 512, "bias_silu"),
              (256, 256, 256, "bias_silu"), (1, 1024, 1024, "bias_relu"), (256, 256, 256, "bias_relu")]
    for m, n, k, kind in shapes:
        insns, host_ms = {}, {}
        variants = {"bare": (None, "e2e"), "fused": (kind, "e2e"), "unfused": (kind, "unfused")}
        for variant, (epilogue, lowering) in variants.items():
            name, src, make_args, grid, macs = matmul_epilogue_case(m, n, k, epilogue)
            args = make_args(rng)
            exe, out = build(name, src, args, grid, lowering, "rv64-vlen256", work, extra_libs=())
            insns[variant] = icount(exe, out, 2, plugin) - icount(exe, out, 1, plugin)
            exe, out = build(name, src, args, grid, lowering, "host", work, extra_libs=())
            run = subprocess.run([exe, out, str(host_repeats)], check=True, capture_output=True, text=True,
                                 env={**os.environ, "SPINE_NUM_THREADS": "1"})
            host_ms[variant] = float(re.search(r"ns_per_run (\d+)", run.stdout).group(1)) / 1e6
        print(f"| {m} x {n} x {k} | {kind} | {macs:.3g} | {insns['bare']:,} | {insns['fused']:,} | "
              f"{insns['fused'] / insns['bare']:.3f}x | {insns['unfused']:,} | {insns['unfused'] / insns['bare']:.3f}x | "
              f"{host_ms['bare']:.3f} | {host_ms['fused']:.3f} | {host_ms['unfused']:.3f} |", flush=True)
    print(f"\n(work dir {work}; insns = one run, single thread, qemu-riscv64 VLEN 256, -mcpu=spacemit-x60; "
          f"host = median ns_per_run of {host_repeats} runs, one thread)")


# One program: a padded NHWC 3x3 convolution (the pad folds into speir.conv2d
# in our pipeline) or a 3x3/2 max pooling with a -inf pad.
WINDOW = """module attributes {{dlti.target_system_spec = {spec}}} {{
  func.func @{name}({args}, %gx: i32, %gy: i32, %gz: i32, %px: i32, %py: i32, %pz: i32) {{
    %pv = arith.constant {pad_value} : f32
    %rx = memref.reinterpret_cast %x to offset: [0], sizes: [1, {h}, {h}, {c}], strides: [{hhc}, {hc}, {c}, 1] : memref<*xf32> to memref<1x{h}x{h}x{c}xf32, strided<[{hhc}, {hc}, {c}, 1]>>
    %tx = bufferization.to_tensor %rx restrict : memref<1x{h}x{h}x{c}xf32, strided<[{hhc}, {hc}, {c}, 1]>> to tensor<1x{h}x{h}x{c}xf32>
    %pad = tensor.pad %tx low[0, 1, 1, 0] high[0, 1, 1, 0] {{
    ^bb0(%i0: index, %i1: index, %i2: index, %i3: index):
      tensor.yield %pv : f32
    }} : tensor<1x{h}x{h}x{c}xf32> to tensor<1x{hp}x{hp}x{c}xf32>
{body}
    %ry = memref.reinterpret_cast %y to offset: [0], sizes: [1, {o}, {o}, {f}], strides: [{oof}, {of}, {f}, 1] : memref<*xf32> to memref<1x{o}x{o}x{f}xf32, strided<[{oof}, {of}, {f}, 1]>>
    bufferization.materialize_in_destination %r in writable %ry : (tensor<1x{o}x{o}x{f}xf32>, memref<1x{o}x{o}x{f}xf32, strided<[{oof}, {of}, {f}, 1]>>) -> ()
    return
  }}
}}
"""
CONV_BODY = """    %rw = memref.reinterpret_cast %w to offset: [0], sizes: [3, 3, {c}, {f}], strides: [{wc}, {cf}, {f}, 1] : memref<*xf32> to memref<3x3x{c}x{f}xf32, strided<[{wc}, {cf}, {f}, 1]>>
    %tw = bufferization.to_tensor %rw restrict : memref<3x3x{c}x{f}xf32, strided<[{wc}, {cf}, {f}, 1]>> to tensor<3x3x{c}x{f}xf32>
    %e = tensor.empty() : tensor<1x{o}x{o}x{f}xf32>
    %init = linalg.fill ins(%pv : f32) outs(%e : tensor<1x{o}x{o}x{f}xf32>) -> tensor<1x{o}x{o}x{f}xf32>
    %r = linalg.conv_2d_nhwc_hwcf {{dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}}
      ins(%pad, %tw : tensor<1x{hp}x{hp}x{c}xf32>, tensor<3x3x{c}x{f}xf32>) outs(%init : tensor<1x{o}x{o}x{f}xf32>) -> tensor<1x{o}x{o}x{f}xf32>"""
POOL_BODY = """    %win = tensor.empty() : tensor<3x3xf32>
    %e = tensor.empty() : tensor<1x{o}x{o}x{f}xf32>
    %init = linalg.fill ins(%pv : f32) outs(%e : tensor<1x{o}x{o}x{f}xf32>) -> tensor<1x{o}x{o}x{f}xf32>
    %r = linalg.pooling_nhwc_max {{dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}}
      ins(%pad, %win : tensor<1x{hp}x{hp}x{c}xf32>, tensor<3x3xf32>) outs(%init : tensor<1x{o}x{o}x{f}xf32>) -> tensor<1x{o}x{o}x{f}xf32>"""


def window_case(kind, h, c, f):
    pool = kind == "maxpool"
    o = (h + 1) // 2 if pool else h
    if pool:
        f = c
    dims = dict(h=h, c=c, f=f, o=o, hp=h + 2, hc=h * c, hhc=h * h * c, of=o * f, oof=o * o * f,
                cf=c * f, wc=3 * c * f)
    body = (POOL_BODY if pool else CONV_BODY).format(**dims)
    name = f"{kind}_{h}x{h}x{c}" + ("" if pool else f"x{f}")
    args = "%x: memref<*xf32>, %y: memref<*xf32>" if pool else \
        "%x: memref<*xf32>, %w: memref<*xf32>, %y: memref<*xf32>"
    src = WINDOW.format(spec=TARGET_SPEC, name=name, args=args, body=body,
                        pad_value="0xFF800000" if pool else "0.0", **dims)

    def make(rng):
        x = rng.uniform(-1, 1, (1, h, h, c)).astype(np.float32)
        y = np.zeros((1, o, o, f), np.float32)
        if pool:
            return [x, y]
        return [x, rng.uniform(-1, 1, (3, 3, c, f)).astype(np.float32), y]
    work = o * o * f * (9 if pool else 9 * c * 2)
    return name, src, make, (1, 1, 1), work


def cases(quick):
    out = [matmul_case(256, "f32", "f32"), matmul_case(256, "f16", "f32"), matmul_case(256, "i8", "i32"),
           rowwise_case("softmax", SOFTMAX, 1024, 1024), rowwise_case("layernorm", LAYERNORM, 1024, 1024),
           blockwise_case("vecadd", VECADD, 65536, 1024, (-1, 1), (-1, 1)), rowwise_case("softmax_copyin", SOFTMAX_COPYIN, 256, 1024),
           window_case("conv3x3", 14, 64, 64), window_case("maxpool", 56, 64, 64),
           rmsnorm_case(1024, 1024), blockwise_case("silu_mul", SILU_MUL, 1024 * 1024, 1024, (-4, 4), (-2, 2)), quant_i8_case(1024, 1024)]
    if not quick:
        out += [matmul_case(512, "f32", "f32"), matmul_case(512, "f16", "f32"), matmul_case(512, "i8", "i32")]
    return out


def icount(exe, workdir, repeats, plugin, cpu=None):
    counts = workdir / f"counts{repeats}.txt"
    subprocess.run(["qemu-riscv64", "-plugin", f"{plugin},out={counts}", "-L", e2e_lib.RISCV_SYSROOT,
                    "-cpu", cpu or e2e_lib.TARGETS["rv64-vlen256"]["qemu"], exe, workdir, str(repeats)],
                   check=True, capture_output=True, env={**os.environ, "SPINE_NUM_THREADS": "1"})
    return int(re.search(r"total[=: ]+(\d+)", counts.read_text()).group(1))


def build(name, src, args, grid, lowering, target, work, extra_libs=("SpineTritonRuntime",)):
    out = work / target / lowering / name
    out.mkdir(parents=True, exist_ok=True)
    mlir = out / "kernel.in.mlir"
    mlir.write_text(src)
    obj = e2e_lib.compile_kernel(mlir, lowering, target, out)
    # libSpineTritonRuntime has memrefCopy, which upstream's lowering calls.
    return e2e_lib.build_executable(obj, name, args, grid, target, out,
                                    extra_libs=list(extra_libs)), out


def spine_opt_seconds(src, work, repeats=5):
    mlir = work / "compile_time.mlir"
    mlir.write_text(src)
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        subprocess.run([e2e_lib.BUILD / "bin" / "spine-opt", mlir, e2e_lib.PIPELINES["e2e"], "-o", os.devnull],
                       check=True)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


# torch eager CPU (build/venv's pinned torch, one thread) on the same
# arguments, for the issue 17 kernels: --torch adds its host time and the
# ratio. Each entry is the expression of the kernel's outputs from the
# arguments `a` (torch tensors of make_args' arrays).
TORCH_OPS = {
    "vecadd": "a[0] + a[1]",
    "silu_mul": "F.silu(a[0]) * a[1]",
    "softmax": "torch.softmax(a[0], -1)",
    "softmax_copyin": "torch.softmax(a[0], -1)",
    "layernorm": "F.layer_norm(a[0], a[0].shape[-1:], eps=1e-5)",
    "rmsnorm": "F.rms_norm(a[0], a[0].shape[-1:], a[1], eps=1e-5)",
    "quant_i8": "(lambda s: (torch.round(a[0] / s).clamp(-127, 127).to(torch.int8), s))"
                "(a[0].abs().amax(-1, keepdim=True) / 127)",
}

TORCH_TIMER = """
import sys, time
import numpy as np, torch
import torch.nn.functional as F
torch.set_num_threads(1)
a = [torch.from_numpy(np.load(p)) for p in sys.argv[3:]]
run = lambda: {expr}
run()
best = float("inf")
for _ in range(int(sys.argv[1])):
    start = time.perf_counter()
    for _ in range(int(sys.argv[2])):
        run()
    best = min(best, (time.perf_counter() - start) / int(sys.argv[2]))
print("ms", best * 1e3)
"""


def torch_ms(name, args, work, repeats):
    """torch eager's time for `name` (None when it has no TORCH_OPS entry
    or build/venv has no torch)."""
    kind = next((k for k in sorted(TORCH_OPS, key=len, reverse=True) if name.startswith(k + "_")), None)
    python = ROOT / "build" / "venv" / "bin" / "python"
    if kind is None or not python.exists():
        return None
    paths = []
    for i, arg in enumerate(args):
        if isinstance(arg, np.ndarray):
            paths.append(work / f"{name}.torch{i}.npy")
            np.save(paths[-1], arg)
    run = subprocess.run([python, "-c", TORCH_TIMER.format(expr=TORCH_OPS[kind]), str(repeats), "5", *paths],
                         capture_output=True, text=True)
    if run.returncode != 0:
        raise RuntimeError(f"torch timing of {name} failed:\n{run.stderr}")
    return float(run.stdout.split()[-1])


# --lmul: element-wise kernels of short and long bodies, compiled with
# vector-registers=N (LMUL N forced on every op) and with the default
# register-pressure choice. Each `f` is f(x) + y over 64 Ki f32 elements
# (math functions of upstream's polynomial approximations keep several
# coefficients in vector registers across the loop), besides issue 17's
# silu_mul, the GELU (tanh form) product and an Adam step.
LMUL_MATH = ["tanh", "erf", "erfc", "log", "log1p", "sin", "cos", "atan", "exp", "sqrt"]


def math_source(fn):
    """out = fn(x) + y."""
    return VECADD.replace("      %r = arith.addf %a, %b : f32\n",
                          f"      %t = math.{fn} %a : f32\n      %r = arith.addf %t, %b : f32\n")


def math_case(fn, n=65536, block=1024):
    return blockwise_case(f"{fn}_add", math_source(fn), n, block, (0.1, 4), (-1, 1))


def adam_case(n=65536, block=1024):
    name = f"adam_{n}"
    src = ADAM.format(spec=TARGET_SPEC, name=name, block=block, id=ID)
    return name, src, lambda rng: [rng.uniform(-1, 1, n).astype(np.float32) for _ in range(3)] + [
        rng.uniform(0, 1, n).astype(np.float32)] + [np.zeros(n, np.float32) for _ in range(3)], (n // block, 1, 1), n


def lmul_cases():
    return [blockwise_case("vecadd", VECADD, 65536, 1024, (-1, 1), (-1, 1)),
            blockwise_case("silu_mul", SILU_MUL, 65536, 1024, (-4, 4), (-2, 2)),
            blockwise_case("gelu_mul", GELU_MUL, 65536, 1024, (-4, 4), (-2, 2)),
            blockwise_case("gelu_erf_mul", GELU_ERF_MUL, 65536, 1024, (-4, 4), (-2, 2)),
            blockwise_case("leaky_mul", LEAKY_MUL, 65536, 1024, (-4, 4), (-2, 2)),
            adam_case()] + [math_case(fn) for fn in LMUL_MATH]


def vector_spills(obj):
    """Whole-register spills and reloads (vs<n>r.v, vl<n>re<w>.v) in an
    object file's code."""
    text = subprocess.run([e2e_lib.LLVM_BIN / "llvm-objdump", "-d", "--mattr=+v", obj],
                          check=True, capture_output=True, text=True).stdout
    return len(re.findall(r"\bv(?:s[1248]r\.v|l[1248]re\d+\.v)\b", text))


def mca_cycles_per_element(out):
    """llvm-mca's cycles per element of the kernel's innermost loop on the
    X60 model (docs/measuring.md): the loop cut out of llc's assembly (from
    its "Inner Loop Header" label to the branch back), elements per
    iteration from the loop's vsetvli (e32)."""
    asm = out / "kernel.s"
    e2e_lib.run(e2e_lib.stages.llc_command(str(out / "kernel.o.opt.ll"), str(asm),
                                           e2e_lib.TARGETS["rv64-vlen256"]["codegen"], filetype="asm"))
    lines = asm.read_text().splitlines()
    start = next(i for i, line in enumerate(lines) if "Inner Loop Header" in line)
    label = lines[start].split(":")[0]
    end = next(i for i in range(start + 1, len(lines)) if re.search(rf"[\s,]{re.escape(label)}$", lines[i]))
    body = [line for line in lines[start + 1:end + 1]
            if line.strip() and not line.strip().startswith((".", "#")) and not line.strip().endswith(":")]
    lmul = max(int(m) for m in re.findall(r"vseti?vli\s.*e32, m(\d)", asm.read_text()))
    mca = subprocess.run([e2e_lib.LLVM_BIN / "llvm-mca", "-mtriple=riscv64", "-mcpu=spacemit-x60", "-iterations=100"],
                         input="\n".join(body) + "\n", check=True, capture_output=True, text=True).stdout
    cycles = int(re.search(r"Total Cycles:\s+(\d+)", mca).group(1)) / 100
    return cycles / (lmul * 256 // 32), lmul


def lmul_table(work, plugin, host_repeats, only=None):
    choices = [1, 2, 4, 8]
    print("| kernel | " + " | ".join(f"LMUL {n}" for n in choices) +
          " | chosen (LMUL: insns / cycles / host ns) | chosen/best |")
    print("|---|" + "---|" * (len(choices) + 2))
    rng = np.random.default_rng(0)
    for name, src, make_args, grid, elements in lmul_cases():
        args = make_args(rng)
        if only and name not in only:
            continue
        insns, cycles, spills, lmul, host_ns = {}, {}, {}, {}, {}
        for lowering in ["e2e"] + [f"lmul{n}" for n in choices]:
            exe, out = build(name, src, args, grid, lowering, "rv64-vlen256", work)
            insns[lowering] = (icount(exe, out, 2, plugin) - icount(exe, out, 1, plugin)) / elements
            spills[lowering] = vector_spills(out / "kernel.o")
            cycles[lowering], lmul[lowering] = mca_cycles_per_element(out)
            exe, out = build(name, src, args, grid, lowering, "host", work)
            run = subprocess.run([exe, out, str(host_repeats)], check=True, capture_output=True, text=True,
                                 env={**os.environ, "SPINE_NUM_THREADS": "1"})
            host_ns[lowering] = float(re.search(r"ns_per_run (\d+)", run.stdout).group(1)) / elements
        best = min(cycles[f"lmul{n}"] for n in choices)
        cells = " | ".join(f"{insns[f'lmul{n}']:.2f} / {cycles[f'lmul{n}']:.2f} ({spills[f'lmul{n}']}) / "
                           f"{host_ns[f'lmul{n}']:.2f}" for n in choices)
        print(f"| {name} | {cells} | {lmul['e2e']}: {insns['e2e']:.2f} / {cycles['e2e']:.2f} / "
              f"{host_ns['e2e']:.2f} | {cycles['e2e'] / best:.2f} |", flush=True)
    print("\n(per element: qemu-riscv64 instructions (VLEN 256, one thread) / llvm-mca cycles of the inner loop "
          "on the spacemit-x60 model (in brackets the whole-register spills and reloads in the kernel's code) / "
          "host ns (x86-64, one thread, median); chosen/best in cycles)")


# --vla: the same kernels as fixed-width code and as vector-length-agnostic
# code (vector-length-agnostic=1), qemu instructions per element at each
# VLEN. "X60 fixed" is the default build for the K1 (-mcpu=spacemit-x60,
# VLEN >= 256 only); "portable" builds are for generic-rv64 + V (the X100
# row: any VLEN from 128), the one binary a VLEN-128 and a VLEN-256 machine
# can share.
VLA_VLENS = [128, 256, 512]


def vla_cases():
    return [blockwise_case("vecadd", VECADD, 65536, 1024, (-1, 1), (-1, 1)),
            blockwise_case("silu_mul", SILU_MUL, 65536, 1024, (-4, 4), (-2, 2)),
            blockwise_case("gelu_mul", GELU_MUL, 65536, 1024, (-4, 4), (-2, 2)),
            math_case("log"), adam_case(),
            rowwise_case("softmax", SOFTMAX, 256, 1024), rowwise_case("layernorm", LAYERNORM, 256, 1024),
            rmsnorm_case(256, 1024), quant_i8_case(256, 1024)]


def vla_table(work, plugin, only=None):
    def per_element(exe, out, vlen, elements):
        cpu = e2e_lib.qemu_cpu(vlen)
        return (icount(exe, out, 2, plugin, cpu) - icount(exe, out, 1, plugin, cpu)) / elements

    print("| kernel | X60 fixed, VLEN 256 | X60 VLA, VLEN 256 | portable fixed: " +
          " / ".join(f"VLEN {v}" for v in VLA_VLENS) + " | portable VLA: " +
          " / ".join(f"VLEN {v}" for v in VLA_VLENS) + " | portable VLA / X60 fixed at 256 |")
    print("|---|---|---|---|---|---|")
    rng = np.random.default_rng(0)
    for name, src, make_args, grid, elements in vla_cases():
        args = make_args(rng)
        if only and name not in only:
            continue
        exe, out = build(name, src, args, grid, "e2e", "rv64-vlen256", work)
        x60 = per_element(exe, out, 256, elements)
        exe, out = build(name, src, args, grid, "vla", "rv64-vlen256", work)
        x60_vla = per_element(exe, out, 256, elements)
        columns = {}
        for lowering in ("e2e", "vla"):
            exe, out = build(name, src, args, grid, lowering, "rv64-vlen128", work)
            columns[lowering] = [per_element(exe, out, vlen, elements) for vlen in VLA_VLENS]
        cells = [" / ".join(f"{x:.2f}" for x in columns[k]) for k in ("e2e", "vla")]
        print(f"| {name} | {x60:.2f} | {x60_vla:.2f} | {cells[0]} | {cells[1]} | {columns['vla'][1] / x60:.2f} |",
              flush=True)
    print("\n(qemu-riscv64 instructions per element, one thread; portable = -mcpu=generic-rv64 +V, the same "
          "binary at each VLEN; X60 fixed = -mcpu=spacemit-x60, the default K1 build)")


# --online: row softmax (one row per program) past speir-online-softmax's
# threshold (a 256 KiB tile) with its statistics in one pass
# (enable-online-softmax=true, "online") and in three (the default, "e2e"):
# the rewrite trades a second exponential per element for one pass fewer
# over a row that no longer stays in cache (the 1024 row is below the
# threshold: the same code twice).
ONLINE_ROWS = [(64, 1024), (8, 65536), (4, 262144), (2, 1048576), (1, 4194304), (1, 16777216)]


def online_table(work, plugin, host_repeats):
    print("| softmax rows x n | row KiB | qemu insns/element online / three-pass | "
          "host ns/element online / three-pass | host three-pass / online |")
    print("|---|---|---|---|---|")
    rng = np.random.default_rng(0)
    for rows, n in ONLINE_ROWS:
        name, src, make_args, grid, elements = rowwise_case("softmax", SOFTMAX, rows, n)
        args = make_args(rng)
        insns, host_ns = {}, {}
        for lowering in ("online", "e2e"):
            exe, out = build(name, src, args, grid, lowering, "rv64-vlen256", work)
            insns[lowering] = (icount(exe, out, 2, plugin) - icount(exe, out, 1, plugin)) / elements
            exe, out = build(name, src, args, grid, lowering, "host", work)
            run = subprocess.run([exe, out, str(host_repeats)], check=True, capture_output=True, text=True,
                                 env={**os.environ, "SPINE_NUM_THREADS": "1"})
            host_ns[lowering] = float(re.search(r"ns_per_run (\d+)", run.stdout).group(1)) / elements
        print(f"| {rows} x {n} | {n * 4 // 1024} | {insns['online']:.2f} / {insns['e2e']:.2f} | "
              f"{host_ns['online']:.3f} / {host_ns['e2e']:.3f} | "
              f"{host_ns['e2e'] / host_ns['online']:.2f} |", flush=True)
    print("\n(qemu-riscv64 VLEN 256, -mcpu=spacemit-x60, one thread; host x86-64, one thread, median)")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="skip the 512^3 matmuls")
    parser.add_argument("--only", nargs="*", help="case names to run")
    parser.add_argument("--host-repeats", type=int, default=5)
    parser.add_argument("--epilogue", action="store_true",
                        help="matmul + bias + silu: bare, fused and unfused epilogue")
    parser.add_argument("--torch", action="store_true",
                        help="also time torch eager CPU (build/venv, one thread) on the issue 17 kernels")
    parser.add_argument("--lmul", action="store_true",
                        help="element-wise kernels at LMUL 1, 2, 4, 8 and the register-pressure choice")
    parser.add_argument("--write-e2e-kernels", action="store_true",
                        help="regenerate the e2e copies of the issue 17 kernels (test/e2e/kernels) and exit")
    parser.add_argument("--lmul-only", nargs="*", help="with --lmul: kernel names to run")
    parser.add_argument("--vla", action="store_true",
                        help="fixed-width against vector-length-agnostic code, instructions at VLEN 128, 256, 512")
    parser.add_argument("--vla-only", nargs="*", help="with --vla: kernel names to run")
    parser.add_argument("--online", action="store_true",
                        help="long-row softmax: one-pass statistics (speir-online-softmax) against three passes")
    opts = parser.parse_args()
    if opts.write_e2e_kernels:
        write_e2e_kernels()
        return
    work = Path(tempfile.mkdtemp(prefix="spine-bench-"))
    plugin = work / "libicount.so"
    subprocess.run([ICOUNT_DIR / "build.sh", plugin], check=True,
                   capture_output=True)
    if opts.epilogue:
        epilogue_table(work, plugin, opts.host_repeats)
        return
    if opts.lmul:
        lmul_table(work, plugin, opts.host_repeats, opts.lmul_only)
        return
    if opts.vla:
        vla_table(work, plugin, opts.vla_only)
        return
    if opts.online:
        online_table(work, plugin, opts.host_repeats)
        return
    lowerings = ["e2e", "ref", "upstream"]
    torch_columns = " host ms torch | torch/ours |" if opts.torch else ""
    print("| kernel | work | insns ours | insns ref | insns upstream | upstream/ours | "
          "host ms ours | host ms upstream | upstream/ours | spine-opt ms |" + torch_columns)
    print("|---|---|---|---|---|---|---|---|---|---|" + ("---|---|" if opts.torch else ""))
    rng = np.random.default_rng(0)
    for name, src, make_args, grid, work_units in cases(opts.quick):
        if opts.only and name not in opts.only:
            continue
        args = make_args(rng)
        insns, host_ms = {}, {}
        for lowering in lowerings:
            exe, out = build(name, src, args, grid, lowering, "rv64-vlen256", work)
            try:
                insns[lowering] = icount(exe, out, 2, plugin) - icount(exe, out, 1, plugin)
            except subprocess.CalledProcessError:
                if lowering == "e2e":
                    raise
                # The peers' scalar loops, vectorized by the opt stage, can
                # hit qemu 7.2's translator assertion (narrowing conversions,
                # see ttir_cases.py's cast_float_to_int_kernel).
                insns[lowering] = None
            exe, out = build(name, src, args, grid, lowering, "host", work)
            if lowering != "ref":
                run = subprocess.run([exe, out, str(opts.host_repeats)], check=True, capture_output=True, text=True,
                                     env={**os.environ, "SPINE_NUM_THREADS": "1"})
                host_ms[lowering] = float(re.search(r"ns_per_run (\d+)", run.stdout).group(1)) / 1e6
        compile_ms = spine_opt_seconds(src, work) * 1e3
        torch_cells = ""
        if opts.torch:
            ms = torch_ms(name, args, work, opts.host_repeats)
            torch_cells = f" {ms:.2f} | {ms / host_ms['e2e']:.1f}x |" if ms is not None else " – | – |"
        ref, upstream = (f"{insns[k]:,}" if insns[k] is not None else "qemu abort" for k in ("ref", "upstream"))
        ratio = f"{insns['upstream'] / insns['e2e']:.1f}x" if insns["upstream"] is not None else "–"
        print(f"| {name} | {work_units:.3g} | {insns['e2e']:,} | {ref} | {upstream} | "
              f"{ratio} | {host_ms['e2e']:.2f} | {host_ms['upstream']:.2f} | "
              f"{host_ms['upstream'] / host_ms['e2e']:.1f}x | {compile_ms:.0f} |" + torch_cells, flush=True)
    print(f"\n(work dir {work}; work = flops for matmul and conv, elements for row kernels, window reads for pooling; insns = one run, "
          f"single thread, qemu-riscv64 VLEN 256, -mcpu=spacemit-x60)")


if __name__ == "__main__":
    main()

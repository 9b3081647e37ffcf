#!/usr/bin/env python3
"""A Llama-style decoder layer's decode step (one token) as a chain of
linalgdir kernels, before and after the decode-shape work (issue 14).

The step, one kernel each (one program, except attention: one per head):

  rms_attn    xn  = rmsnorm(x) * w_attn
  q_proj      q   = xn . Wq
  k_proj      K[pos] = xn . Wk          (written into the KV cache's row pos)
  v_proj      V[pos] = xn . Wv
  attention   per head h: p = softmax(q_h . K_h^T / sqrt(D)), a_h = p . V_h
              over the T cached tokens (pos = T - 1 is the new one)
  o_proj      h1  = x + a . Wo          (residual)
  rms_mlp     hn  = rmsnorm(h1) * w_mlp
  gate_up     m   = silu(hn . Wg) * (hn . Wu)
  down        out = h1 + m . Wd         (residual)

Kernels are written the way the frontend emits linalgdir (docs/frontend-contract.md):
unranked memref arguments plus the six grid arguments, tl.load as
alloc + memref.copy + to_tensor, tl.trans as linalg.transpose, stores as
materialize_in_destination (--load-form copy, the default); --load-form view
reads the operands in place instead (to_tensor of the reinterpret_cast, a
transposed operand as a transposed view), the form a frontend that forwards
its loads would give. Weights are row-major K x N (--layout kn) or torch's
N x K (--layout nk, i.e. B transposed).

Each kernel is compiled by our fast pipeline; one harness links them all and
runs the step on shared buffers. The final hidden state (and every
intermediate) is checked against a float64 numpy reference: on a mismatch the
script exits 1 and prints no figures.

Three configurations, side by side:
  before  SPINE_GEMM_SKINNY=0 (the runtime packs B on every call), no epilogue
          fusion (enable-epilogue-fusion=false): the path before issue 14
  after   the skinny GEMV path chosen by the cost model, fusion off
  fused   the defaults: skinny path and epilogue fusion (the residual adds
          become speir_gemm_fused epilogues)

Measured: dynamic instructions under qemu-riscv64 (VLEN 256, spacemit-x60
codegen, one thread, qemu icount plugin; a run with two repetitions minus one
with one) per kernel and for the whole step, and host wall time (median of
--host-repeats repetitions inside one process, one thread). This is a
benchmark, not a test; it prints ratios.

  /work/main/build/venv/bin/python bench/decode_step.py --quick
  /work/main/build/venv/bin/python bench/decode_step.py [--layout kn nk] [--load-form copy view]
"""
import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
ICOUNT_DIR = Path(os.environ.get("SPINE_QEMU_ICOUNT_DIR") or ROOT.parent / "shared" / "tools" / "qemu-icount")
sys.path.insert(0, str(ROOT / "test" / "e2e"))
import e2e_lib  # noqa: E402

TARGET_SPEC = ('#dlti.target_system_spec<"CPU" = #dlti.target_device_spec<'
               '"arch_id" = "0x503C", "num_threads" = 1 : i32>>')
GRID_ARGS = "%gx: i32, %gy: i32, %gz: i32, %px: i32, %py: i32, %pz: i32"
EPS = 1e-5

CONFIGS = {
    # name: (pipeline in e2e_lib.PIPELINES, runtime environment)
    "before": ("unfused", {"SPINE_GEMM_SKINNY": "0"}),
    "after": ("unfused", {}),
    "fused": ("e2e", {}),
}


def mt(shape, et="f32"):
    return "x".join(map(str, shape)) + "x" + et


class Body:
    """Builds one kernel body: SSA names are unique per kernel."""

    def __init__(self, form):
        self.form = form
        self.lines = []
        self.n = 0

    def fresh(self, stem):
        self.n += 1
        return f"%{stem}{self.n}"

    def emit(self, text):
        self.lines.append("    " + text)

    def view(self, arg, off, sizes, strides, et="f32"):
        """A reinterpret_cast of `arg`; `off` is an int or an index SSA value."""
        r = self.fresh("r")
        dyn = isinstance(off, str)
        vt = f"memref<{mt(sizes, et)}, strided<[{', '.join(map(str, strides))}], offset: {'?' if dyn else off}>>"
        self.emit(f"{r} = memref.reinterpret_cast %{arg} to offset: [{off}], sizes: [{', '.join(map(str, sizes))}], "
                  f"strides: [{', '.join(map(str, strides))}] : memref<*x{et}> to {vt}")
        return r, vt

    def load(self, arg, off, sizes, strides, et="f32"):
        """tl.load of a block: copy form (alloc + copy + to_tensor) or in place."""
        r, vt = self.view(arg, off, sizes, strides, et)
        t, m = self.fresh("t"), mt(sizes, et)
        if self.form == "copy":
            a = self.fresh("a")
            self.emit(f"{a} = memref.alloc() : memref<{m}>")
            self.emit(f"memref.copy {r}, {a} : {vt} to memref<{m}>")
            self.emit(f"{t} = bufferization.to_tensor {a} restrict writable : memref<{m}> to tensor<{m}>")
        else:
            self.emit(f"{t} = bufferization.to_tensor {r} restrict : {vt} to tensor<{m}>")
        return t

    def load_transposed(self, arg, off, rows, cols, row_stride, et="f32"):
        """The transpose (cols x rows) of a rows x cols block with unit column
        stride: tl.trans(tl.load(...)) in the copy form, a transposed view in place."""
        if self.form == "copy":
            t = self.load(arg, off, [rows, cols], [row_stride, 1], et)
            e, tt = self.fresh("e"), self.fresh("tr")
            self.emit(f"{e} = tensor.empty() : tensor<{mt([cols, rows], et)}>")
            self.emit(f"{tt} = linalg.transpose ins({t} : tensor<{mt([rows, cols], et)}>) "
                      f"outs({e} : tensor<{mt([cols, rows], et)}>) permutation = [1, 0]")
            return tt
        return self.load(arg, off, [cols, rows], [1, row_stride], et)

    def store(self, value, arg, off, sizes, strides):
        r, vt = self.view(arg, off, sizes, strides)
        self.emit(f"bufferization.materialize_in_destination {value} in writable {r} : (tensor<{mt(sizes)}>, {vt}) -> ()")

    def zeros(self, shape, et="f32"):
        e, f = self.fresh("e"), self.fresh("z")
        zero = "%zero" if et == "f32" else "%zero_i"
        self.emit(f"{e} = tensor.empty() : tensor<{mt(shape, et)}>")
        self.emit(f"{f} = linalg.fill ins({zero} : {et}) outs({e} : tensor<{mt(shape, et)}>) -> tensor<{mt(shape, et)}>")
        return f

    def matmul(self, a, b, m, k, n, et="f32", acc_et="f32"):
        acc, c = self.zeros([m, n], acc_et), self.fresh("mm")
        self.emit(f"{c} = linalg.matmul ins({a}, {b} : tensor<{mt([m, k], et)}>, tensor<{mt([k, n], et)}>) "
                  f"outs({acc} : tensor<{mt([m, n], acc_et)}>) -> tensor<{mt([m, n], acc_et)}>")
        return c

    def weight(self, arg, k, n, layout, et="f32"):
        """W as a K x N operand: stored K x N, or N x K (torch's Linear weight)."""
        if layout == "kn":
            return self.load(arg, 0, [k, n], [n, 1], et)
        return self.load_transposed(arg, 0, n, k, k, et)

    def generic(self, ins, shapes, maps, out_shape, body, out=None, in_types=None, out_type="f32"):
        """An elementwise generic over a 2-D iteration space; `body` lines use
        %b0, %b1, ... for the inputs and yield the result."""
        in_types = in_types or ["f32"] * len(ins)
        dest = out
        if dest is None:
            dest = self.fresh("e")
            self.emit(f"{dest} = tensor.empty() : tensor<{mt(out_shape, out_type)}>")
        res = self.fresh("g")
        amaps = ", ".join(f"affine_map<(d0, d1) -> ({m})>" for m in maps + ["d0, d1"])
        types = ", ".join(f"tensor<{mt(s, t)}>" for s, t in zip(shapes, in_types))
        args = ", ".join(f"%b{i}: {t}" for i, t in enumerate(in_types))
        self.emit(f'{res} = linalg.generic {{indexing_maps = [{amaps}], iterator_types = ["parallel", "parallel"]}} '
                  f"ins({', '.join(ins)} : {types}) outs({dest} : tensor<{mt(out_shape, out_type)}>) {{")
        self.emit(f"^bb0({args}, %bout: {out_type}):")
        for line in body:
            self.emit("  " + line)
        self.emit(f"}} -> tensor<{mt(out_shape, out_type)}>")
        return res

    def reduce_rows(self, src, shape, init, op):
        """[1, n] -> [1] with `op` (arith.addf, arith.maximumf...)."""
        e, f, r = self.fresh("e"), self.fresh("ri"), self.fresh("red")
        self.emit(f"{e} = tensor.empty() : tensor<{mt(shape[:1])}>")
        self.emit(f"{f} = linalg.fill ins({init} : f32) outs({e} : tensor<{mt(shape[:1])}>) -> tensor<{mt(shape[:1])}>")
        self.emit(f"{r} = linalg.reduce ins({src} : tensor<{mt(shape)}>) outs({f} : tensor<{mt(shape[:1])}>) dimensions = [1]")
        self.emit("  (%in: f32, %acc: f32) {")
        self.emit(f"    %rr = {op} %in, %acc : f32")
        self.emit("    linalg.yield %rr : f32")
        self.emit("  }")
        return r


def module(name, args, body, types=None):
    """`types`: element types of the arguments that are not f32."""
    params = ", ".join(f"%{a}: memref<*x{(types or {}).get(a, 'f32')}>" for a in args)
    head = [f"module attributes {{dlti.target_system_spec = {TARGET_SPEC}}} {{",
            f"  func.func @{name}({params}, {GRID_ARGS}) {{",
            "    %zero = arith.constant 0.0 : f32",
            "    %zero_i = arith.constant 0 : i32",
            "    %one = arith.constant 1.0 : f32",
            "    %qmax = arith.constant 127.0 : f32",
            "    %qmin = arith.constant -127.0 : f32"]
    return "\n".join(head + body.lines + ["    return", "  }", "}", ""])


def rmsnorm_kernel(name, hidden, form):
    b = Body(form)
    x = b.load("x", 0, [1, hidden], [hidden, 1])
    w = b.load("w", 0, [1, hidden], [hidden, 1])
    sq = b.generic([x], [[1, hidden]], ["d0, d1"], [1, hidden], ["%q = arith.mulf %b0, %b0 : f32", "linalg.yield %q : f32"])
    ss = b.reduce_rows(sq, [1, hidden], "%zero", "arith.addf")
    y = b.generic([x, ss, w], [[1, hidden], [1], [1, hidden]], ["d0, d1", "d0", "d0, d1"], [1, hidden],
                  [f"%ms = arith.mulf %b1, %inv_n : f32", "%me = arith.addf %ms, %eps : f32",
                   "%rs = math.rsqrt %me : f32", "%n = arith.mulf %b0, %rs : f32",
                   "%nw = arith.mulf %n, %b2 : f32", "linalg.yield %nw : f32"])
    b.store(y, "y", 0, [1, hidden], [hidden, 1])
    b.lines[:0] = [f"    %inv_n = arith.constant {1.0 / hidden:.9e} : f32", f"    %eps = arith.constant {EPS:.9e} : f32"]
    return module(name, ["x", "w", "y"], b)


def silu_mul(g, u):
    return [f"%ng = arith.negf {g} : f32", "%ex = math.exp %ng : f32", "%den = arith.addf %ex, %one : f32",
            f"%sg = arith.divf {g}, %den : f32", f"%p = arith.mulf %sg, {u} : f32", "linalg.yield %p : f32"]


def quantize(b, x, k):
    """Dynamic symmetric int8 quantization of the row x [1, k]: scale
    s = max|x| / 127, q = clamp(roundeven(x / s), -127, 127). Returns (q, max|x|)."""
    ab = b.generic([x], [[1, k]], ["d0, d1"], [1, k], ["%a = math.absf %b0 : f32", "linalg.yield %a : f32"])
    amax = b.reduce_rows(ab, [1, k], "%zero", "arith.maximumf")
    q = b.generic([x, amax], [[1, k], [1]], ["d0, d1", "d0"], [1, k],
                  ["%s = arith.divf %b1, %qmax : f32", "%d = arith.divf %b0, %s : f32", "%r = math.roundeven %d : f32",
                   "%c0 = arith.maximumf %r, %qmin : f32", "%c1 = arith.minimumf %c0, %qmax : f32",
                   "%i = arith.fptosi %c1 : f32 to i32", "%t = arith.trunci %i : i32 to i8", "linalg.yield %t : i8"],
                  out_type="i8")
    return q, amax


def linear_kernel(name, k, n, layout, form, residual=False, out_offset=0, int8=False):
    """y[out_offset:] = x . W (+ res). int8: W is int8 with a scale per output
    column (sw), x is quantized per row in the kernel, i8 x i8 -> i32, then
    dequantized: y = acc * (max|x| / 127) * sw (+ res)."""
    b = Body(form)
    x = b.load("x", 0, [1, k], [k, 1])
    args = ["x", "w"]
    if not int8:
        y = b.matmul(x, b.weight("w", k, n, layout), 1, k, n)
        if residual:
            r = b.load("res", 0, [1, n], [n, 1])
            y = b.generic([y, r], [[1, n], [1, n]], ["d0, d1", "d0, d1"], [1, n],
                          ["%s = arith.addf %b0, %b1 : f32", "linalg.yield %s : f32"], out=y)
    else:
        args.append("sw")
        xq, amax = quantize(b, x, k)
        acc = b.matmul(xq, b.weight("w", k, n, layout, "i8"), 1, k, n, "i8", "i32")
        sw = b.load("sw", 0, [1, n], [n, 1])
        ins, shapes, maps, types = [acc, amax, sw], [[1, n], [1], [1, n]], ["d0, d1", "d0", "d0, d1"], ["i32", "f32", "f32"]
        body = ["%af = arith.sitofp %b0 : i32 to f32", "%s = arith.divf %b1, %qmax : f32",
                "%t = arith.mulf %af, %s : f32", "%u = arith.mulf %t, %b2 : f32"]
        if residual:
            ins, shapes, maps, types = ins + [b.load("res", 0, [1, n], [n, 1])], shapes + [[1, n]], maps + ["d0, d1"], types + ["f32"]
            body += ["%v = arith.addf %u, %b3 : f32", "linalg.yield %v : f32"]
        else:
            body += ["linalg.yield %u : f32"]
        y = b.generic(ins, shapes, maps, [1, n], body, in_types=types)
    b.store(y, "y", out_offset, [1, n], [n, 1])
    return module(name, args + (["res"] if residual else []) + ["y"], b, {"w": "i8"} if int8 else None)


def gate_up_kernel(name, k, n, layout, form, int8=False):
    """y = silu(x . Wg) * (x . Wu); int8 as in linear_kernel (x quantized once)."""
    b = Body(form)
    x = b.load("x", 0, [1, k], [k, 1])
    if not int8:
        g = b.matmul(x, b.weight("wg", k, n, layout), 1, k, n)
        u = b.matmul(x, b.weight("wu", k, n, layout), 1, k, n)
        y = b.generic([g, u], [[1, n], [1, n]], ["d0, d1", "d0, d1"], [1, n],
                      silu_mul("%b0", "%b1"), out=g)
        b.store(y, "y", 0, [1, n], [n, 1])
        return module(name, ["x", "wg", "wu", "y"], b)
    xq, amax = quantize(b, x, k)
    g = b.matmul(xq, b.weight("wg", k, n, layout, "i8"), 1, k, n, "i8", "i32")
    u = b.matmul(xq, b.weight("wu", k, n, layout, "i8"), 1, k, n, "i8", "i32")
    sg, su = b.load("swg", 0, [1, n], [n, 1]), b.load("swu", 0, [1, n], [n, 1])
    y = b.generic([g, u, amax, sg, su], [[1, n], [1, n], [1], [1, n], [1, n]],
                  ["d0, d1", "d0, d1", "d0", "d0, d1", "d0, d1"], [1, n],
                  ["%s = arith.divf %b2, %qmax : f32",
                   "%gf = arith.sitofp %b0 : i32 to f32", "%gs = arith.mulf %gf, %s : f32", "%g = arith.mulf %gs, %b3 : f32",
                   "%uf = arith.sitofp %b1 : i32 to f32", "%us = arith.mulf %uf, %s : f32", "%u = arith.mulf %us, %b4 : f32"]
                  + silu_mul("%g", "%u"), in_types=["i32", "i32", "f32", "f32", "f32"])
    b.store(y, "y", 0, [1, n], [n, 1])
    return module(name, ["x", "wg", "wu", "swg", "swu", "y"], b, {"wg": "i8", "wu": "i8"})


def attention_kernel(name, heads, head_dim, tokens, form):
    """One program per head h (pidX): o_h = softmax(q_h . K_h^T * scale) . V_h,
    K and V caches stored token-major, T x heads x head_dim."""
    hd, d, t = heads * head_dim, head_dim, tokens
    b = Body(form)
    b.emit(f"%hd = arith.constant {d} : index")
    b.emit("%h = arith.index_cast %px : i32 to index")
    b.emit("%hoff = arith.muli %h, %hd : index")
    q = b.load("q", "%hoff", [1, d], [d, 1])
    kt = b.load_transposed("kc", "%hoff", t, d, hd)          # D x T
    s = b.matmul(q, kt, 1, d, t)
    mx = b.reduce_rows(s, [1, t], "%ninf", "arith.maxnumf")
    p = b.generic([s, mx], [[1, t], [1]], ["d0, d1", "d0"], [1, t],
                  ["%df = arith.subf %b0, %b1 : f32", "%sc = arith.mulf %df, %scale : f32",
                   "%ex = math.exp %sc : f32", "linalg.yield %ex : f32"])
    sm = b.reduce_rows(p, [1, t], "%zero", "arith.addf")
    pn = b.generic([p, sm], [[1, t], [1]], ["d0, d1", "d0"], [1, t],
                   ["%dv = arith.divf %b0, %b1 : f32", "linalg.yield %dv : f32"])
    v = b.load("vc", "%hoff", [t, d], [hd, 1])
    o = b.matmul(pn, v, 1, t, d)
    b.store(o, "o", "%hoff", [1, d], [d, 1])
    b.lines[:0] = ["    %ninf = arith.constant 0xFF800000 : f32",
                   f"    %scale = arith.constant {1.0 / np.sqrt(d):.9e} : f32"]
    return module(name, ["q", "kc", "vc", "o"], b)


class Step:
    """The kernels (name, source, buffer names, grid) and the buffers."""

    def __init__(self, hidden, heads, tokens, inter, layout, form, seed=0, int8=False):
        assert hidden % heads == 0
        self.hidden, self.heads, self.tokens, self.inter, self.int8 = hidden, heads, tokens, inter, int8
        d = hidden // heads
        pos = tokens - 1
        rng = np.random.default_rng(seed)
        H, F, T = hidden, inter, tokens
        shapes = {"wq": (H, H), "wk": (H, H), "wv": (H, H), "wo": (H, H), "wg": (H, F), "wu": (H, F), "wd": (F, H)}
        # K x N float weights; the int8 variant rounds them to int8 with a
        # symmetric scale per output column.
        self.float_weights = {n: (rng.standard_normal(kn) / np.sqrt(kn[0])).astype(np.float32) for n, kn in shapes.items()}
        self.weights, self.scales = {}, {}
        for n, w in self.float_weights.items():
            if int8:
                sc = (np.abs(w).max(axis=0, keepdims=True) / 127).astype(np.float32)
                self.weights[n] = np.clip(np.round(w / sc), -127, 127).astype(np.int8)
                self.scales[n] = sc
            else:
                self.weights[n] = w
        kc = rng.standard_normal((T, H)).astype(np.float32)
        vc = rng.standard_normal((T, H)).astype(np.float32)
        kc[pos] = vc[pos] = 0  # the new token's row, written by k_proj / v_proj
        stored = {n: (w if layout == "kn" else np.ascontiguousarray(w.T)) for n, w in self.weights.items()}
        scale_bufs = {f"s{n}": sc for n, sc in self.scales.items()}
        self.buffers = {
            "x": rng.standard_normal((1, H)).astype(np.float32),
            "w_attn": (1 + 0.1 * rng.standard_normal((1, H))).astype(np.float32),
            "w_mlp": (1 + 0.1 * rng.standard_normal((1, H))).astype(np.float32),
            **stored, **scale_bufs,
            "kc": kc, "vc": vc,
            "xn": np.zeros((1, H), np.float32), "q": np.zeros((1, H), np.float32),
            "att": np.zeros((1, H), np.float32), "h1": np.zeros((1, H), np.float32),
            "hn": np.zeros((1, H), np.float32), "act": np.zeros((1, F), np.float32),
            "out": np.zeros((1, H), np.float32),
        }
        self.inputs = {"x", "w_attn", "w_mlp", *stored, *scale_bufs}

        def lin(kname, k, n, x, w, y, **kw):
            args = [x, w] + ([f"s{w}"] if int8 else []) + (["x"] if kname == "o_proj" else ["h1"] if kname == "down" else []) + [y]
            return (kname, linear_kernel(kname, k, n, layout, form, int8=int8, **kw), args, (1, 1, 1))

        self.kernels = [
            ("rms_attn", rmsnorm_kernel("rms_attn", H, form), ["x", "w_attn", "xn"], (1, 1, 1)),
            lin("q_proj", H, H, "xn", "wq", "q"),
            lin("k_proj", H, H, "xn", "wk", "kc", out_offset=pos * H),
            lin("v_proj", H, H, "xn", "wv", "vc", out_offset=pos * H),
            ("attention", attention_kernel("attention", heads, d, T, form), ["q", "kc", "vc", "att"], (heads, 1, 1)),
            lin("o_proj", H, H, "att", "wo", "h1", residual=True),
            ("rms_mlp", rmsnorm_kernel("rms_mlp", H, form), ["h1", "w_mlp", "hn"], (1, 1, 1)),
            ("gate_up", gate_up_kernel("gate_up", H, F, layout, form, int8=int8),
             ["hn", "wg", "wu"] + (["swg", "swu"] if int8 else []) + ["act"], (1, 1, 1)),
            lin("down", F, H, "act", "wd", "out", residual=True),
        ]
        # Multiply-accumulates of each kernel (for instructions per MAC).
        self.macs = {"q_proj": H * H, "k_proj": H * H, "v_proj": H * H, "attention": 2 * T * H,
                     "o_proj": H * H, "gate_up": 2 * H * F, "down": F * H}

    def forward(self, actual=None, quantized=None):
        """The buffers the step must leave, in float64. With `actual` (the
        buffers a run left), each kernel's expectation is computed from the
        inputs that kernel actually read (for int8: its quantization is
        reproduced in float32, as the kernel does it), otherwise the
        reference is chained. quantized=False: the float weights, unquantized."""
        quantized = self.int8 if quantized is None else quantized
        b = {k: v.astype(np.float64) for k, v in self.buffers.items() if v.dtype != np.int8}
        H, T, nh = self.hidden, self.tokens, self.heads
        d, pos = H // nh, T - 1
        r = {}

        def inp(name):
            return (actual[name] if actual is not None else r[name]).astype(np.float64)

        def rms(x, w):
            return x / np.sqrt(np.mean(x * x) + EPS) * w

        def lin(x, w):
            if not quantized:
                return x @ self.float_weights[w].astype(np.float64)
            x32 = x.astype(np.float32)
            s = np.float32(np.abs(x32).max()) / np.float32(127)
            q = np.clip(np.round(x32 / s), -127, 127).astype(np.int64)
            acc = (q @ self.weights[w].astype(np.int64)).astype(np.float32)
            return ((acc * s) * self.scales[w]).astype(np.float64)

        r["xn"] = rms(b["x"], b["w_attn"])
        r["q"] = lin(inp("xn"), "wq")
        kc, vc = b["kc"].copy(), b["vc"].copy()
        kc[pos], vc[pos] = lin(inp("xn"), "wk")[0], lin(inp("xn"), "wv")[0]
        r["kc"], r["vc"] = kc, vc
        q, kc, vc = inp("q"), inp("kc"), inp("vc")
        att = np.zeros((1, H))
        for h in range(nh):
            sl = slice(h * d, (h + 1) * d)
            sc = kc[:, sl] @ q[0, sl] / np.sqrt(d)
            p = np.exp(sc - sc.max())
            att[0, sl] = (p / p.sum()) @ vc[:, sl]
        r["att"] = att
        r["h1"] = b["x"] + lin(inp("att"), "wo")
        r["hn"] = rms(inp("h1"), b["w_mlp"])
        g, u = lin(inp("hn"), "wg"), lin(inp("hn"), "wu")
        r["act"] = g / (1 + np.exp(-g)) * u
        r["out"] = inp("h1") + lin(inp("act"), "wd")
        return r


def harness_source(step):
    """One program: loads every buffer from DIR, runs kernel KERNEL (or the
    whole step for -1) REPEATS times, prints per-kernel and step medians, and
    stores the buffers the step writes into OUT."""
    names = list(step.buffers)
    index = {n: i for i, n in enumerate(names)}
    lines = ["#include <algorithm>", "#include <cstdint>", "#include <cstdio>", "#include <cstdlib>",
             "#include <ctime>", "#include <string>", "#include <vector>",
             "struct Descriptor { void *allocated; void *aligned; int64_t offset; };",
             "static void *load(const std::string &path, size_t bytes) {",
             "  void *data = aligned_alloc(64, (bytes + 63) / 64 * 64);",
             "  FILE *f = fopen(path.c_str(), \"rb\");",
             "  if (!data || !f || fread(data, 1, bytes, f) != bytes) { perror(path.c_str()); exit(2); }",
             "  fclose(f);", "  return data;", "}",
             "static void store(const std::string &path, const void *data, size_t bytes) {",
             "  FILE *f = fopen(path.c_str(), \"wb\");",
             "  if (!f || fwrite(data, 1, bytes, f) != bytes) { perror(path.c_str()); exit(2); }",
             "  fclose(f);", "}",
             "static double now_ns() {", "  timespec t;", "  clock_gettime(CLOCK_MONOTONIC, &t);",
             "  return t.tv_sec * 1e9 + t.tv_nsec;", "}",
             f"static Descriptor d[{len(names)}];"]
    for kname, _, args, _ in step.kernels:
        params = ", ".join(["int64_t, Descriptor *"] * len(args) + ["int32_t"] * 6)
        lines.append(f'extern "C" void {kname}({params});')
    lines.append("static void run_kernel(int k) {")
    lines.append("  switch (k) {")
    for i, (kname, _, args, (gx, gy, gz)) in enumerate(step.kernels):
        call = ", ".join(f"0, &d[{index[a]}]" for a in args)
        lines += [f"  case {i}:",
                  f"    for (int32_t z = 0; z < {gz}; ++z)",
                  f"      for (int32_t y = 0; y < {gy}; ++y)",
                  f"        for (int32_t x = 0; x < {gx}; ++x)",
                  f"          {kname}({call}, {gx}, {gy}, {gz}, x, y, z);",
                  "    break;"]
    lines += ["  }", "}",
              "int main(int argc, char **argv) {",
              "  if (argc != 5) { fprintf(stderr, \"usage: DIR OUT KERNEL REPEATS\\n\"); return 2; }",
              "  std::string dir = argv[1], out = argv[2];",
              "  int which = atoi(argv[3]), repeats = atoi(argv[4]);",
              f"  const int nk = {len(step.kernels)};",
              "  std::vector<std::vector<double>> times(nk);",
              "  std::vector<double> step_times;"]
    for i, n in enumerate(names):
        nbytes = step.buffers[n].nbytes
        lines += [f'  {{ void *p = load(dir + "/{n}.bin", {nbytes}); d[{i}] = Descriptor{{p, p, 0}}; }}']
    lines += ["  for (int r = 0; r < repeats; ++r) {",
              "    double s0 = now_ns();",
              "    for (int k = 0; k < nk; ++k) {",
              "      if (which >= 0 && k != which) continue;",
              "      double t0 = now_ns();",
              "      run_kernel(k);",
              "      times[k].push_back(now_ns() - t0);",
              "    }",
              "    step_times.push_back(now_ns() - s0);",
              "  }",
              "  auto median = [](std::vector<double> v) { std::sort(v.begin(), v.end()); return v[v.size() / 2]; };",
              "  for (int k = 0; k < nk; ++k)",
              "    if (!times[k].empty()) printf(\"kernel %d %.0f\\n\", k, median(times[k]));",
              "  if (!step_times.empty()) printf(\"step %.0f\\n\", median(step_times));"]
    for i, n in enumerate(names):
        if n not in step.inputs:
            lines.append(f'  store(out + "/{n}.out", d[{i}].aligned, {step.buffers[n].nbytes});')
    lines += ["  return 0;", "}"]
    return "\n".join(lines) + "\n"


def build(step, config, target, work, data_dir):
    """Compiles every kernel for `config`/`target` and links the harness."""
    pipeline = CONFIGS[config][0]
    out = work / f"{target}-{pipeline}"
    if (out / "step.exe").exists():
        return out / "step.exe"
    out.mkdir(parents=True, exist_ok=True)
    objs = []
    for kname, src, _, _ in step.kernels:
        kdir = out / kname
        kdir.mkdir(exist_ok=True)
        mlir = kdir / f"{kname}.mlir"
        mlir.write_text(src)
        objs.append(e2e_lib.compile_kernel(mlir, pipeline, target, kdir))
    harness = out / "harness.cpp"
    harness.write_text(harness_source(step))
    rt = e2e_lib.runtime_dir(target)
    if rt is None:
        sys.exit(f"decode_step: no libSpeIRRuntimeLibs.so for {target} under {e2e_lib.BUILD}")
    if target == "host":
        cxx = ["c++", "-O1", *e2e_lib.HOST_CXXFLAGS]
    else:
        cxx = [e2e_lib.LLVM_BIN / "clang++", "--target=riscv64-linux-gnu", "--gcc-toolchain=/usr", "-fuse-ld=lld",
               "-march=rv64gc", "-O1"]
    e2e_lib.run([*cxx, harness, *objs, "-o", out / "step.exe", f"-L{rt}", "-lSpeIRRuntimeLibs",
                 f"-Wl,-rpath,{rt}", "-lm"])
    return out / "step.exe"


def command(exe, target, plugin=None, counts=None):
    if target == "host":
        return [exe]
    cmd = ["qemu-riscv64", "-L", e2e_lib.RISCV_SYSROOT, "-cpu", e2e_lib.TARGETS[target]["qemu"]]
    if plugin:
        cmd += ["-plugin", f"{plugin},out={counts}"]
    return cmd + [exe]


def run_step(exe, target, config, data_dir, out_dir, which, repeats, plugin=None, counts=None):
    out_dir.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "SPINE_NUM_THREADS": "1", **CONFIGS[config][1]}
    if config != "before":
        env.pop("SPINE_GEMM_SKINNY", None)
    result = e2e_lib.run([*command(exe, target, plugin, counts), data_dir, out_dir, str(which), str(repeats)],
                         env=env, timeout=1800)
    return result.stdout


def compare(got, want, limit):
    """Names whose largest error, relative to the largest magnitude, exceeds
    `limit`, and the largest such error."""
    worst, bad = 0.0, []
    for name, w in want.items():
        err = float(np.max(np.abs(got[name] - w)) / max(1.0, np.max(np.abs(w))))
        worst = max(worst, err) if np.isfinite(err) else np.inf
        if not np.isfinite(err) or err > limit:
            bad.append(f"{name} (max error {err:.3g} of the largest magnitude)")
    return worst, bad


def check(step, out_dir, label):
    """Every buffer the step wrote, against float64 numpy: each kernel's
    output from the inputs it read (limit 2e-4), and, for f32 weights, the
    chained reference too. Returns the largest error, or None (reported) on
    a mismatch. For int8 weights also the distance of the final hidden state
    from the unquantized model's (step.quant_error; limit 0.1)."""
    got = {n: np.fromfile(out_dir / f"{n}.out", dtype=np.float32).reshape(step.buffers[n].shape)
           for n in step.buffers if n not in step.inputs}
    worst, bad = compare(got, step.forward(got), 2e-4)
    if not step.int8:
        w2, b2 = compare(got, step.forward(), 2e-4)
        worst, bad = max(worst, w2), bad + [f"chained: {x}" for x in b2]
    else:
        step.quant_error, b2 = compare({"out": got["out"]}, {"out": step.forward(quantized=False)["out"]}, 0.1)
        bad += [f"against the unquantized model: {x}" for x in b2]
    if bad:
        print(f"decode_step: {label}: wrong result: {', '.join(bad)}", file=sys.stderr)
        return None
    return worst


def icount(exe, target, config, data_dir, work, which, plugin):
    totals = []
    for repeats in (1, 2):
        counts = work / f"counts-{config}-{which}-{repeats}.txt"
        run_step(exe, target, config, data_dir, work / "icount-out", which, repeats, plugin, counts)
        totals.append(int(re.search(r"total[=: ]+(\d+)", counts.read_text()).group(1)))
    return totals[1] - totals[0]


def write_inputs(step, work):
    data_dir = work / "data"
    data_dir.mkdir(parents=True, exist_ok=True)
    for name, buf in step.buffers.items():
        np.ascontiguousarray(buf).tofile(data_dir / f"{name}.bin")
    return data_dir


def measure(step, opts, work, plugin, label):
    data_dir = write_inputs(step, work)
    names = [k[0] for k in step.kernels]
    insns = {c: {} for c in CONFIGS}
    errors, exes = {}, {}
    for config in CONFIGS:
        for target in ["rv64-vlen256", "host"]:
            exe = exes[(config, target)] = build(step, config, target, work, data_dir)
            out_dir = work / f"out-{target}-{config}"
            run_step(exe, target, config, data_dir, out_dir, -1, 1)
            err = check(step, out_dir, f"{label} {config} {target}")
            if err is None:
                sys.exit(1)
            errors[(config, target)] = err
            if target != "host" and not opts.no_icount:
                for i, kname in enumerate(names):
                    insns[config][kname] = icount(exe, target, config, data_dir, work, i, plugin)
                insns[config]["step"] = icount(exe, target, config, data_dir, work, -1, plugin)
    # Host time: the configurations take turns, --host-rounds processes each,
    # so a change of machine load hits all three; the figure is the median
    # over the rounds of each process's median of --host-repeats.
    samples = {c: {n: [] for n in names + ["step"]} for c in CONFIGS}
    for _ in range(opts.host_rounds):
        for config in CONFIGS:
            out_dir = work / f"out-host-{config}"
            stdout = run_step(exes[(config, "host")], "host", config, data_dir, out_dir, -1, opts.host_repeats)
            if check(step, out_dir, f"{label} {config} host (timed)") is None:
                sys.exit(1)
            for line in stdout.splitlines():
                parts = line.split()
                if parts[0] == "kernel":
                    samples[config][names[int(parts[1])]].append(float(parts[2]) / 1e6)
                elif parts[0] == "step":
                    samples[config]["step"].append(float(parts[1]) / 1e6)
    host = {c: {n: statistics.median(v) for n, v in samples[c].items()} for c in CONFIGS}
    return insns, host, errors


def print_tables(step, insns, host, errors, opts, label):
    names = [k[0] for k in step.kernels] + ["step"]
    print(f"\n### {label}\n")
    if not opts.no_icount:
        print("qemu-riscv64 instructions (VLEN 256, spacemit-x60, one thread; 2 repetitions - 1):\n")
        print("| kernel | MACs | before | after | fused | before/after | after/fused | insns/MAC after |")
        print("|---|---|---|---|---|---|---|---|")
        for n in names:
            b, a, f = insns["before"][n], insns["after"][n], insns["fused"][n]
            macs = sum(step.macs.values()) if n == "step" else step.macs.get(n)
            per = f"{a / macs:.3f}" if macs else "-"
            mac_s = f"{macs:,}" if macs else "-"
            row = "**step**" if n == "step" else n
            print(f"| {row} | {mac_s} | {b:,} | {a:,} | {f:,} | {b / a:.2f}x | {a / f:.2f}x | {per} |")
        print()
    print(f"host wall time, ms (median over {opts.host_rounds} alternating processes of the median of "
          f"{opts.host_repeats} repetitions, one thread):\n")
    print("| kernel | before | after | fused | before/after | after/fused |")
    print("|---|---|---|---|---|---|")
    for n in names:
        b, a, f = host["before"][n], host["after"][n], host["fused"][n]
        row = "**step**" if n == "step" else n
        print(f"| {row} | {b:.3f} | {a:.3f} | {f:.3f} | {b / a:.2f}x | {a / f:.2f}x |")
    worst = max(errors.values())
    print(f"\nchecked: every buffer the step writes, in all {len(errors)} runs, against float64 numpy; "
          f"largest error {worst:.2e} of the largest magnitude (limit 2e-4)")
    if step.int8:
        print(f"int8: the final hidden state is {step.quant_error:.2e} (of the largest magnitude) from the "
              f"unquantized model's")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hidden", type=int, default=2048)
    parser.add_argument("--heads", type=int, default=16)
    parser.add_argument("--tokens", type=int, default=512, help="KV cache length, the new token included")
    parser.add_argument("--inter", type=int, default=5632, help="MLP intermediate size")
    parser.add_argument("--quick", action="store_true", help="hidden 512, 4 heads, 128 tokens, intermediate 1408")
    parser.add_argument("--layout", nargs="+", choices=["kn", "nk"], default=["kn", "nk"],
                        help="weights stored K x N (row-major) and/or N x K (torch's, B transposed)")
    parser.add_argument("--load-form", nargs="+", choices=["copy", "view"], default=["copy", "view"],
                        help="copy: the frontend's tl.load (alloc + copy); view: operands read in place")
    parser.add_argument("--weights", nargs="+", choices=["f32", "int8"], default=["f32"],
                        help="int8: the projections' weights int8 with a scale per output column, activations "
                             "quantized per row in the kernel (i8 x i8 -> i32, dequantized)")
    parser.add_argument("--host-repeats", type=int, default=7, help="repetitions of the step per host process")
    parser.add_argument("--host-rounds", type=int, default=5, help="host processes per configuration, taking turns")
    parser.add_argument("--no-icount", action="store_true", help="host time and the check only")
    parser.add_argument("--work", type=Path, help="work directory (default: a new temporary one)")
    opts = parser.parse_args()
    if opts.quick:
        opts.hidden, opts.heads, opts.tokens, opts.inter = 512, 4, 128, 1408
    if opts.host_repeats <= 0 or opts.host_rounds <= 0 or opts.hidden <= 0 or opts.heads <= 0 or opts.tokens <= 0 or opts.inter <= 0 or opts.hidden % opts.heads:
        parser.error("sizes must be positive and --hidden a multiple of --heads")
    work = opts.work or Path(tempfile.mkdtemp(prefix="spine-decode-"))
    work.mkdir(parents=True, exist_ok=True)
    plugin = work / "libicount.so"
    if not opts.no_icount:
        subprocess.run([ICOUNT_DIR / "build.sh", plugin], check=True, capture_output=True)
    print(f"decode step: hidden {opts.hidden}, {opts.heads} heads x {opts.hidden // opts.heads}, "
          f"KV cache {opts.tokens} tokens, MLP intermediate {opts.inter} (SwiGLU); activations and KV cache f32; "
          f"work dir {work}")
    for weights in opts.weights:
        for form in opts.load_form:
            for layout in opts.layout:
                label = f"{weights} weights {'K x N' if layout == 'kn' else 'N x K (transposed B)'}, loads: {form}"
                step = Step(opts.hidden, opts.heads, opts.tokens, opts.inter, layout, form, int8=weights == "int8")
                insns, host, errors = measure(step, opts, work / f"{weights}-{form}-{layout}", plugin, label)
                print_tables(step, insns, host, errors, opts, label)
                sys.stdout.flush()


if __name__ == "__main__":
    main()

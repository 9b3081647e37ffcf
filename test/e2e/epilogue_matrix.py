"""The GEMM epilogue matrix (issue 14): generated linalgdir kernels, a decode-
shaped contraction followed by its elementwise tail, over every contraction
type speir.gemm fuses (f32, f16 -> f32, bf16 -> f32, int8 -> int32 with and
without a dequantization scale), B row-major, B transposed (linalg.matmul
with transposed maps) and the one-row forms (matvec, vecmat), and the
epilogue steps (per-row/per-column bias, relu, silu, gelu tanh/erf, residual,
conversion to f16/bf16). Each combination appears once; M cycles over
{1, 2, 3, 4, 7, 16, 17}, N and K are odd. test_kernels.py runs each through
the reference, the fast (epilogue fusion on, by default) and the unfused
(enable-epilogue-fusion=false) pipelines, and checks from the generated LLVM
IR that the fast pipeline calls speir_gemm_fused and the unfused one
speir_gemm (Case.gemm_call).

Kept small: the whole matrix is about 3 CPU-minutes of the e2e suite."""
import dataclasses
import math

import numpy as np

from e2e_lib import WORK, Scalar

M_CYCLE = (1, 2, 3, 4, 7, 16, 17)
NK_CYCLE = ((33, 47), (65, 35), (37, 129), (95, 41), (129, 65), (41, 97), (55, 33))

SQRT_2_OVER_PI = math.sqrt(2.0 / math.pi)
SQRT1_2 = math.sqrt(0.5)


@dataclasses.dataclass(frozen=True)
class Epilogue:
    scale: bool = False      # int8 only: f32 per-column dequantization scale
    bias: str = ""           # "", "row" (per M) or "col" (per N)
    act: str = ""            # "", relu, silu, gelu_tanh, gelu_erf
    residual: bool = False
    out: str = ""            # output element type; "" = the value type

    def tag(self):
        parts = (["scale"] if self.scale else []) + ([f"bias{self.bias}"] if self.bias else []) + \
                ([self.act] if self.act else []) + (["res"] if self.residual else []) + \
                ([self.out] if self.out else [])
        return "_".join(parts) or "none"


# Contraction type: (operand element type, accumulator element type).
TYPES = {"f32": ("f32", "f32"), "f16": ("f16", "f32"), "bf16": ("bf16", "f32"),
         "i8": ("i8", "i32"), "i8dq": ("i8", "i32")}

FLOAT_EPILOGUES = [
    Epilogue(bias="col", act="relu"),
    Epilogue(bias="row", act="silu"),
    Epilogue(act="gelu_tanh"),
    Epilogue(act="gelu_erf", residual=True),
    Epilogue(bias="col", act="silu", residual=True, out="f16"),
    Epilogue(bias="col", act="gelu_tanh", out="bf16"),
    Epilogue(residual=True),
    Epilogue(bias="row", act="relu", residual=True),
]
INT_EPILOGUES = [
    Epilogue(bias="col", act="relu"),
    Epilogue(bias="row", residual=True),
    Epilogue(act="relu"),
]
DEQUANT_EPILOGUES = [
    Epilogue(scale=True, bias="col"),
    Epilogue(scale=True, act="silu", out="f16"),
    Epilogue(scale=True, bias="row", act="gelu_erf", residual=True),
]
# The one-row forms: 1-D epilogues over the vector (column bias only).
VECTOR_EPILOGUES = {
    ("f32", "matvec"): Epilogue(bias="col", act="silu"),
    ("bf16", "matvec"): Epilogue(act="gelu_tanh", residual=True),
    ("f16", "vecmat"): Epilogue(bias="col", act="relu", out="f16"),
    ("i8dq", "vecmat"): Epilogue(scale=True, bias="col", act="gelu_erf"),
    ("i8", "matvec"): Epilogue(bias="col", act="relu"),
}

TARGET_SPEC = ('module attributes {dlti.target_system_spec = #dlti.target_system_spec<"CPU" = '
               '#dlti.target_device_spec<"arch_id" = "0x503C", "num_threads" = 8 : i32>>} {')


class _Body:
    """The generic's scalar body, one SSA line at a time."""

    def __init__(self):
        self.lines, self.n = [], 0

    def op(self, text, ty):
        self.n += 1
        name = f"%v{self.n}"
        # Casts are written "op %x : from to"; the result type follows.
        sep = " " if text.endswith(" to") else " : "
        self.lines.append(f"      {name} = {text}{sep}{ty}")
        return name

    def const(self, value, ty):
        self.n += 1
        name = f"%c{self.n}"
        literal = f"{value!r}" if ty != "i32" else str(int(value))
        self.lines.append(f"      {name} = arith.constant {literal} : {ty}")
        return name


def _activation(b, act, v, ty):
    if act == "relu":
        zero = b.const(0 if ty == "i32" else 0.0, ty)
        return b.op(f"{'arith.maxsi' if ty == 'i32' else 'arith.maximumf'} {v}, {zero}", ty)
    one = b.const(1.0, ty)
    half = b.const(0.5, ty)
    if act == "silu":
        neg = b.op(f"arith.negf {v}", ty)
        ex = b.op(f"math.exp {neg}", ty)
        den = b.op(f"arith.addf {ex}, {one}", ty)
        return b.op(f"arith.divf {v}, {den}", ty)
    if act == "gelu_tanh":
        k0, k1 = b.const(SQRT_2_OVER_PI, ty), b.const(0.044715, ty)
        sq = b.op(f"arith.mulf {v}, {v}", ty)
        cube = b.op(f"arith.mulf {sq}, {v}", ty)
        term = b.op(f"arith.mulf {cube}, {k1}", ty)
        inner = b.op(f"arith.addf {v}, {term}", ty)
        arg = b.op(f"arith.mulf {inner}, {k0}", ty)
        th = b.op(f"math.tanh {arg}", ty)
        opl = b.op(f"arith.addf {th}, {one}", ty)
        hx = b.op(f"arith.mulf {v}, {half}", ty)
        return b.op(f"arith.mulf {hx}, {opl}", ty)
    if act == "gelu_erf":
        k = b.const(SQRT1_2, ty)
        arg = b.op(f"arith.mulf {v}, {k}", ty)
        er = b.op(f"math.erf {arg}", ty)
        opl = b.op(f"arith.addf {er}, {one}", ty)
        hx = b.op(f"arith.mulf {v}, {half}", ty)
        return b.op(f"arith.mulf {hx}, {opl}", ty)
    raise ValueError(act)


def kernel_mlir(name, ty, layout, ep, N, K):
    """The kernel: O = epilogue(A[M x K] . B) with M a run-time argument
    (layout nn: B is K x N; nt: B is N x K; matvec: O[N] = B[N x K] x[K];
    vecmat: O[N] = x[K] B[K x N])."""
    el, acc = TYPES[ty]
    value = "f32" if acc == "f32" or ep.scale else "i32"
    out = ep.out or value
    vector = layout in ("matvec", "vecmat")
    params, lines, ins, in_types, maps = [], [], [], [], []
    ident = "affine_map<(d0) -> (d0)>" if vector else "affine_map<(d0, d1) -> (d0, d1)>"

    def buffer(arg, shape, et):
        params.append(f"%{arg}: memref<*x{et}>")
        dims = "x".join("?" if s == "m" else str(s) for s in shape)
        strides, stride = [], 1
        for s in reversed(shape):
            strides.insert(0, str(stride) if stride != "m" else "?")
            stride = "?" if s == "m" or stride == "?" else stride * s
        sizes = ", ".join("%m" if s == "m" else str(s) for s in shape)
        mt = f"memref<{dims}x{et}, strided<[{', '.join(strides)}]>>"
        lines.append(f"    %r{arg} = memref.reinterpret_cast %{arg} to offset: [0], sizes: [{sizes}], "
                     f"strides: [{', '.join(strides)}] : memref<*x{et}> to {mt}")
        return f"%r{arg}", mt, f"tensor<{dims}x{et}>"

    def tensor_in(arg, shape, et):
        ref, mt, tt = buffer(arg, shape, et)
        lines.append(f"    %t{arg} = bufferization.to_tensor {ref} restrict : {mt} to {tt}")
        return f"%t{arg}", tt

    if vector:
        a_shape = (K,)
        b_shape = (N, K) if layout == "matvec" else (K, N)
        o_shape = (N,)
    else:
        a_shape = ("m", K)
        b_shape = (K, N) if layout == "nn" else (N, K)
        o_shape = ("m", N)
    ta, tat = tensor_in("a", a_shape, el)
    tb, tbt = tensor_in("b", b_shape, el)
    dyn = "(%m)" if not vector else "()"
    acc_t = f"tensor<{'x'.join('?' if s == 'm' else str(s) for s in o_shape)}x{acc}>"
    zero = "0" if acc == "i32" else "0.0"
    lines.append(f"    %zero = arith.constant {zero} : {acc}")
    lines.append(f"    %e = tensor.empty{dyn} : {acc_t}")
    lines.append(f"    %f = linalg.fill ins(%zero : {acc}) outs(%e : {acc_t}) -> {acc_t}")
    if layout == "nn":
        op = "linalg.matmul"
    elif layout == "nt":
        op = ("linalg.matmul indexing_maps = [affine_map<(m, n, k) -> (m, k)>, "
              "affine_map<(m, n, k) -> (n, k)>, affine_map<(m, n, k) -> (m, n)>]")
    else:
        op = f"linalg.{layout}"
    first, second = ((tb, tbt), (ta, tat)) if layout == "matvec" else ((ta, tat), (tb, tbt))
    lines.append(f"    %mm = {op} ins({first[0]}, {second[0]} : {first[1]}, {second[1]}) "
                 f"outs(%f : {acc_t}) -> {acc_t}")
    ins.append(("%mm", acc_t)), maps.append(ident)
    b = _Body()
    args = ["%x"]
    arg_types = [acc]
    v = "%x"
    narrow = out in ("f16", "bf16")

    def extra_in(arg, shape, et, amap):
        t, tt = tensor_in(arg, shape, et)
        ins.append((t, tt))
        maps.append(amap)
        args.append(f"%{arg}_v")
        arg_types.append(et)
        return f"%{arg}_v"

    col_map = "affine_map<(d0) -> (d0)>" if vector else "affine_map<(d0, d1) -> (d1)>"
    if ep.scale:
        s = extra_in("scale", (N,), "f32", col_map)
        xf = b.op(f"arith.sitofp {v} : i32 to", "f32")
        v = b.op(f"arith.mulf {xf}, {s}", "f32")
    bias_et = out if value == "f32" else "i32"
    if ep.bias:
        shape, amap = ((N,), col_map) if ep.bias == "col" else (("m",), "affine_map<(d0, d1) -> (d0)>")
        bv = extra_in("bias", shape, bias_et, amap)
        if narrow:
            bv = b.op(f"arith.extf {bv} : {out} to", "f32")
        v = b.op(f"{'arith.addi' if value == 'i32' else 'arith.addf'} {v}, {bv}", value)
    if ep.act:
        v = _activation(b, ep.act, v, value)
    if ep.residual:
        rv = extra_in("res", o_shape, out, ident)
        if narrow:
            rv = b.op(f"arith.extf {rv} : {out} to", "f32")
        v = b.op(f"{'arith.addi' if value == 'i32' else 'arith.addf'} {v}, {rv}", value)
    if narrow:
        v = b.op(f"arith.truncf {v} : f32 to", out)
    out_t = f"tensor<{'x'.join('?' if s == 'm' else str(s) for s in o_shape)}x{out}>"
    lines.append(f"    %eo = tensor.empty{dyn} : {out_t}")
    iters = '"parallel"' if vector else '"parallel", "parallel"'
    block_args = ", ".join(f"{a}: {t}" for a, t in zip(args + ["%out_v"], arg_types + [out]))
    lines.append(f"    %r = linalg.generic {{indexing_maps = [{', '.join(maps + [ident])}], "
                 f"iterator_types = [{iters}]}} ins({', '.join(t for t, _ in ins)} : "
                 f"{', '.join(tt for _, tt in ins)}) outs(%eo : {out_t}) {{")
    lines.append(f"    ^bb0({block_args}):")
    lines += b.lines
    lines.append(f"      linalg.yield {v} : {out}")
    lines.append(f"    }} -> {out_t}")
    ro, rot, _ = buffer("o", o_shape, out)
    lines.append(f"    bufferization.materialize_in_destination %r in writable {ro} : ({out_t}, {rot}) -> ()")
    lines.append("    return")
    params.append("%M: i32")
    params += [f"%{g}: i32" for g in ("gx", "gy", "gz", "px", "py", "pz")]
    head = [f"// Generated by test/e2e/epilogue_matrix.py: {ty} {layout} {ep.tag()} N={N} K={K}",
            TARGET_SPEC, f"  func.func @{name}({', '.join(params)}) {{",
            "    %m = arith.index_cast %M : i32 to index"]
    return "\n".join(head + lines + ["  }", "}"]) + "\n"


def _bf16_bits(f32):
    b = np.asarray(f32, np.float32).view(np.uint32).astype(np.uint64)
    return ((b + 0x7FFF + ((b >> 16) & 1)) >> 16).astype(np.uint16)


def _bf16_to_f64(bits):
    return (bits.astype(np.uint32) << 16).view(np.float32).astype(np.float64)


def _erf(x):
    return np.vectorize(math.erf)(x)


def _apply_act(act, v):
    if act == "relu":
        return np.maximum(v, 0)
    if act == "silu":
        return v / (1 + np.exp(np.minimum(-v, 700.0)))  # no overflow warning
    if act == "gelu_tanh":
        return 0.5 * v * (1 + np.tanh(SQRT_2_OVER_PI * (v + 0.044715 * v ** 3)))
    if act == "gelu_erf":
        return 0.5 * v * (1 + _erf(v * SQRT1_2))
    return v


def _np_type(et):
    return {"f32": np.float32, "f16": np.float16, "bf16": np.uint16, "i8": np.int8,
            "i32": np.int32}[et]


def make_case(case_cls, ty, layout, ep, M, N, K):
    """A Case of the matrix (case_cls: cases.Case)."""
    name = f"epi_{ty}_{layout}_{ep.tag()}_m{M}"
    mlir = WORK / "generated" / f"{name}.mlir"
    mlir.parent.mkdir(parents=True, exist_ok=True)
    text = kernel_mlir(name, ty, layout, ep, N, K)
    if not mlir.exists() or mlir.read_text() != text:
        mlir.write_text(text)
    el, acc = TYPES[ty]
    value = "f32" if acc == "f32" or ep.scale else "i32"
    out = ep.out or value
    vector = layout in ("matvec", "vecmat")
    a_shape = (K,) if vector else (M, K)
    b_shape = (N, K) if layout in ("matvec", "nt") else (K, N)
    o_shape = (N,) if vector else (M, N)

    def operand(rng, shape, et, lo=-1.0, hi=1.0):
        if et == "i8":
            return rng.integers(-128, 128, size=shape).astype(np.int8)
        if et == "i32":
            return rng.integers(-5000, 5000, size=shape).astype(np.int32)
        x = rng.uniform(lo, hi, size=shape).astype(np.float32)
        return _bf16_bits(x) if et == "bf16" else x.astype(_np_type(et))

    def as_f64(x, et):
        return _bf16_to_f64(x) if et == "bf16" else x.astype(np.float64)

    # Argument order as kernel_mlir declares them.
    order = ["a", "b"] + (["scale"] if ep.scale else []) + (["bias"] if ep.bias else []) + \
            (["res"] if ep.residual else []) + ["o"]

    def make_args(rng):
        vals = {"a": operand(rng, a_shape, el), "b": operand(rng, b_shape, el)}
        if ep.scale:
            vals["scale"] = rng.uniform(1e-3, 1e-2, size=(N,)).astype(np.float32)
        if ep.bias:
            vals["bias"] = operand(rng, (N,) if ep.bias == "col" else (M,),
                                   out if value == "f32" else "i32")
        if ep.residual:
            vals["res"] = operand(rng, o_shape, out)
        vals["o"] = np.zeros(o_shape, _np_type(out))
        return [vals[k] for k in order] + [Scalar("int32_t", M)]

    def reference(args):
        vals = dict(zip(order, args))
        a, bm = as_f64(vals["a"], el), as_f64(vals["b"], el)
        if layout in ("nt", "matvec"):
            bm = bm.T
        v = a @ bm
        if acc == "f32":
            v = v.astype(np.float32).astype(np.float64)
        if ep.scale:
            v = v * vals["scale"]
        if ep.bias:
            bias = as_f64(vals["bias"], out if value == "f32" else "i32")
            v = v + (bias if ep.bias == "col" else bias[:, None])
        v = _apply_act(ep.act, v)
        if ep.residual:
            v = v + as_f64(vals["res"], out)
        if out == "f16":
            v = v.astype(np.float16).astype(np.float64)
        elif out == "bf16":
            v = _bf16_to_f64(_bf16_bits(v.astype(np.float32)))
        return {order.index("o"): v}

    if out in ("f16", "bf16") or el in ("f16", "bf16"):
        tol = dict(rtol=2e-2, atol=2e-2)
    elif value == "i32":
        tol = dict(rtol=0, atol=0)
    else:
        tol = dict(rtol=2e-4, atol=2e-4)
    views = {order.index("o"): _bf16_to_f64} if out == "bf16" else {}
    return case_cls(name, mlir, make_args, (1, 1, 1), reference, kernel=name, needs_runtime=True,
                    compare_fused=True, uses_ime=(el == "i8"), result_views=views,
                    gemm_call=True, ime_required=False,
                    expect_fused=not vector, **tol)


def matrix_cases(case_cls):
    cases, i = [], 0

    def add(ty, layout, ep):
        nonlocal i
        M = 1 if layout in ("matvec", "vecmat") else M_CYCLE[i % len(M_CYCLE)]
        N, K = NK_CYCLE[i % len(NK_CYCLE)]
        cases.append(make_case(case_cls, ty, layout, ep, M, N, K))
        i += 1

    for t, ty in enumerate(("f32", "f16", "bf16")):
        for e, ep in enumerate(FLOAT_EPILOGUES):
            add(ty, "nn" if (e + t) % 2 == 0 else "nt", ep)
    for e, ep in enumerate(INT_EPILOGUES):
        add("i8", "nn" if e % 2 == 0 else "nt", ep)
    for e, ep in enumerate(DEQUANT_EPILOGUES):
        add("i8dq", "nt" if e % 2 == 0 else "nn", ep)
    for (ty, layout), ep in VECTOR_EPILOGUES.items():
        add(ty, layout, ep)
    return cases

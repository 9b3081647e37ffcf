"""Random-shape linalgdir kernels with their inputs and numpy references.

Each generator takes a numpy Generator and returns a RandomCase: the kernel's
MLIR text in the frontend's form (unranked memref arguments, the six grid
i32s, the DLTI target), the arguments, the grid (programs split the problem
along their pids), the thread count and a reference. Sizes are drawn from
SIZES (1, primes, powers of two and their neighbours).
"""
import dataclasses

import numpy as np

from e2e_lib import Scalar  # noqa: F401  (kept for kernels with scalars)

SIZES = [1, 2, 3, 4, 5, 7, 8, 9, 11, 13, 15, 16, 17, 19, 23, 24, 29, 31, 32, 33, 37, 41, 48, 64]
MLIR_T = {np.float32: "f32", np.float16: "f16", np.int8: "i8", np.int32: "i32"}

F32_SUM = dict(rtol=1e-4, atol=1e-4)
F32_MATH = dict(rtol=2e-3, atol=2e-4)
F16 = dict(rtol=1e-2, atol=1e-2)
EXACT = dict(rtol=0, atol=0)


@dataclasses.dataclass
class RandomCase:
    name: str
    mlir: str
    args: list
    grid: tuple
    reference: dict  # argument index -> expected array (float64 / int64)
    tol: dict
    threads: int
    # Must run smt.vmadot on the emulated K1 (int8 contractions that reach
    # IME and have at least one multiply-accumulate).
    uses_ime: bool = False
    describe: str = ""


# Rows from which an int8 GEMM always takes the IME tiles on a K1: with
# fewer (one or two rows of C) the runtime's cost model (preferSkinny in
# runtime/lib/kernels/gemm/Skinny.cpp) may prefer the RVV skinny kernels,
# so no smt.vmadot runs.
IME_MIN_ROWS = 4

# Sizes large enough that the runtime's GEMMs and convolutions go
# multi-threaded (from 2^18 MACs) and block over K and N.
BIG_SIZES = [61, 64, 65, 96, 97, 127, 128, 131, 160]


def size(rng, hi=64):
    return int(rng.choice([s for s in SIZES if s <= hi]))


def big_or_small(rng, hi, p_big=0.3):
    return int(rng.choice(BIG_SIZES)) if rng.random() < p_big else size(rng, hi)


def or_zero(rng, n, p_zero=0.06):
    """n, or now and then an empty dimension (an empty reduction, or an
    empty output), which every pipeline must take like any other size."""
    return 0 if rng.random() < p_zero else n


def rand(rng, shape, dtype):
    if np.dtype(dtype).kind == "i":
        return rng.integers(-128, 128, size=shape).astype(dtype) if dtype == np.int8 else \
            rng.integers(-1000, 1000, size=shape).astype(dtype)
    return rng.uniform(-1, 1, size=shape).astype(dtype)


def f64(x):
    return x.astype(np.float64) if x.dtype.kind == "f" else x.astype(np.int64)


class Builder:
    """Emits one kernel function body with index constants and pid offsets."""

    def __init__(self, name, params, threads):
        self.name, self.params, self.body, self.consts, self.n = name, params, [], {}, 0
        self.threads = threads

    def tmp(self, base):
        self.n += 1
        return f"%{base}{self.n}"

    def idx(self, value):
        if value not in self.consts:
            self.consts[value] = f"%c{value}"
            self.body.insert(0, f"    %c{value} = arith.constant {value} : index")
        return self.consts[value]

    def pid(self, axis):
        name = f"%pid{axis}"
        if name not in self.consts.values():
            self.consts[f"pid{axis}"] = name
            self.body.append(f"    {name} = arith.index_cast %p{axis} : i32 to index")
        return name

    def offset(self, terms):
        """sum of pid(axis) * stride for (axis, stride) terms, as an index value."""
        acc = self.idx(0)
        for axis, stride in terms:
            t = self.tmp("o")
            self.body.append(f"    {t} = arith.muli {self.pid(axis)}, {self.idx(stride)} : index")
            if acc == self.idx(0):
                acc = t
            else:
                s = self.tmp("o")
                self.body.append(f"    {s} = arith.addi {acc}, {t} : index")
                acc = s
        return acc

    @staticmethod
    def ttype(shape, t):
        return f"tensor<{'x'.join(map(str, shape))}x{t}>"

    def view(self, arg, shape, strides, off, t):
        v = self.tmp("v")
        mt = f"memref<{'x'.join(map(str, shape))}x{t}, strided<[{', '.join(map(str, strides))}], offset: ?>>"
        self.body.append(f"    {v} = memref.reinterpret_cast %{arg} to offset: [{off}], sizes: "
                         f"[{', '.join(map(str, shape))}], strides: [{', '.join(map(str, strides))}] : "
                         f"memref<*x{t}> to {mt}")
        return v, mt

    def load(self, arg, shape, strides, off, t):
        v, mt = self.view(arg, shape, strides, off, t)
        buf, ten = self.tmp("l"), self.tmp("t")
        plain = f"memref<{'x'.join(map(str, shape))}x{t}>"
        self.body += [f"    {buf} = memref.alloc() : {plain}",
                      f"    memref.copy {v}, {buf} : {mt} to {plain}",
                      f"    {ten} = bufferization.to_tensor {buf} restrict writable : {plain} to "
                      f"{self.ttype(shape, t)}"]
        return ten

    def store(self, value, arg, shape, strides, off, t):
        v, mt = self.view(arg, shape, strides, off, t)
        self.body.append(f"    bufferization.materialize_in_destination {value} in writable {v} : "
                         f"({self.ttype(shape, t)}, {mt}) -> ()")

    def const(self, value, t):
        c = self.tmp("k")
        self.body.append(f"    {c} = arith.constant {value} : {t}")
        return c

    def filled(self, shape, t, value):
        e, f = self.tmp("e"), self.tmp("f")
        c = self.const(value, t)
        tt = self.ttype(shape, t)
        self.body += [f"    {e} = tensor.empty() : {tt}",
                      f"    {f} = linalg.fill ins({c} : {t}) outs({e} : {tt}) -> {tt}"]
        return f

    def op(self, text):
        r = self.tmp("r")
        self.body.append(f"    {r} = {text}")
        return r

    def pad(self, value, shape, lo, hi, t, fill):
        if not any(lo) and not any(hi):
            return value, shape
        out = [s + a + b for s, a, b in zip(shape, lo, hi)]
        c = self.const(fill, t)
        r = self.tmp("pad")
        idx = ", ".join(f"%i{k}: index" for k in range(len(shape)))
        self.body += [f"    {r} = tensor.pad {value} low[{', '.join(map(str, lo))}] high[{', '.join(map(str, hi))}] {{",
                      f"    ^bb0({idx}):", f"      tensor.yield {c} : {t}",
                      f"    }} : {self.ttype(shape, t)} to {self.ttype(out, t)}"]
        return r, out

    def text(self):
        params = ", ".join(f"%{n}: memref<*x{t}>" for n, t in self.params)
        grid = "%gx: i32, %gy: i32, %gz: i32, %px: i32, %py: i32, %pz: i32"
        return (
            "module attributes {dlti.target_system_spec = #dlti.target_system_spec<\"CPU\" = "
            "#dlti.target_device_spec<\"arch_id\" = \"0x503C\", \"num_threads\" = "
            f"{self.threads} : i32>>}} {{\n"
            f"  func.func @{self.name}({params}, {grid}) {{\n" + "\n".join(self.body) +
            "\n    return\n  }\n}\n")


def _threads(rng):
    return int(rng.integers(1, 9))


# --------------------------------------------------------------------------

MATMUL_TYPES = {  # variant -> (input dtype, output dtype, tolerance)
    "f32": (np.float32, np.float32, F32_SUM),
    "f16f32": (np.float16, np.float32, F32_SUM),
    "f16": (np.float16, np.float16, F16),
    "i8i32": (np.int8, np.int32, EXACT),
}


def matmul(rng, name, variant=None, layout=None):
    variant = variant or str(rng.choice(list(MATMUL_TYPES)))
    layout = layout or str(rng.choice(["nn", "nt", "tn", "tt"]))
    ti, to, tol = MATMUL_TYPES[variant]
    gx, gy = int(rng.integers(1, 4)), int(rng.integers(1, 3))
    tm, tn = or_zero(rng, big_or_small(rng, 37)), or_zero(rng, big_or_small(rng, 37))
    k = or_zero(rng, big_or_small(rng, 64) if variant != "f16" else size(rng, 24))
    m, n = gx * tm, gy * tn
    acc = bool(rng.integers(0, 2)) and variant != "f16"
    it, ot = MLIR_T[ti], MLIR_T[to]
    threads = _threads(rng)
    b = Builder(name, [("a", it), ("b", it), ("c", ot)], threads)
    if layout[0] == "n":  # A stored M x K
        ta = b.load("a", [tm, k], [k, 1], b.offset([("x", tm * k)]), it)
        amap, ashape = "(m, k)", [tm, k]
    else:  # A stored K x M
        ta = b.load("a", [k, tm], [m, 1], b.offset([("x", tm)]), it)
        amap, ashape = "(k, m)", [k, tm]
    if layout[1] == "n":  # B stored K x N
        tb = b.load("b", [k, tn], [n, 1], b.offset([("y", tn)]), it)
        bmap, bshape = "(k, n)", [k, tn]
    else:  # B stored N x K
        tb = b.load("b", [tn, k], [k, 1], b.offset([("y", tn * k)]), it)
        bmap, bshape = "(n, k)", [tn, k]
    coff = b.offset([("x", tm * n), ("y", tn)])
    if acc:
        init = b.load("c", [tm, tn], [n, 1], coff, ot)
    else:
        init = b.filled([tm, tn], ot, "0.0" if ot[0] == "f" else "0")
    maps = "" if layout == "nn" else (
        f"indexing_maps = [affine_map<(m, n, k) -> {amap}>, affine_map<(m, n, k) -> {bmap}>, "
        "affine_map<(m, n, k) -> (m, n)>] ")
    ct = b.ttype([tm, tn], ot)
    mm = b.op(f"linalg.matmul {maps}ins({ta}, {tb} : {b.ttype(ashape, it)}, {b.ttype(bshape, it)}) "
              f"outs({init} : {ct}) -> {ct}")
    b.store(mm, "c", [tm, tn], [n, 1], coff, ot)
    A = rand(rng, (m, k) if layout[0] == "n" else (k, m), ti)
    B = rand(rng, (k, n) if layout[1] == "n" else (n, k), ti)
    C = rand(rng, (m, n), to) if acc else np.zeros((m, n), to)
    Am = f64(A) if layout[0] == "n" else f64(A).T
    Bm = f64(B) if layout[1] == "n" else f64(B).T
    ref = Am @ Bm + (f64(C) if acc else 0)
    # Every layout reaches speir.gemm (and so IME): convert-linalg-to-speir
    # reads an operand with transposing indexing_maps as a transposed view.
    # Tiles of fewer than IME_MIN_ROWS rows may take the RVV skinny kernels.
    return RandomCase(name, b.text(), [A, B, C], (gx, gy, 1), {2: ref}, tol, threads,
                      uses_ime=variant == "i8i32" and tm >= IME_MIN_ROWS and tn * k > 0,
                      describe=f"matmul {variant} {layout} M={m} N={n} K={k} tile {tm}x{tn}"
                               f"{' acc' if acc else ''}")


def batch_matmul(rng, name):
    variant = str(rng.choice(["f32", "f16f32", "i8i32"]))
    ti, to, tol = MATMUL_TYPES[variant]
    it, ot = MLIR_T[ti], MLIR_T[to]
    gx, bt = int(rng.integers(1, 4)), int(rng.integers(1, 4))
    m, n, k = big_or_small(rng, 33, 0.2), big_or_small(rng, 33, 0.2), or_zero(rng, size(rng, 48))
    nb = gx * bt
    threads = _threads(rng)
    b = Builder(name, [("a", it), ("b", it), ("c", ot)], threads)
    ta = b.load("a", [bt, m, k], [m * k, k, 1], b.offset([("x", bt * m * k)]), it)
    tb = b.load("b", [bt, k, n], [k * n, n, 1], b.offset([("x", bt * k * n)]), it)
    init = b.filled([bt, m, n], ot, "0.0" if ot[0] == "f" else "0")
    ct = b.ttype([bt, m, n], ot)
    mm = b.op(f"linalg.batch_matmul ins({ta}, {tb} : {b.ttype([bt, m, k], it)}, {b.ttype([bt, k, n], it)}) "
              f"outs({init} : {ct}) -> {ct}")
    b.store(mm, "c", [bt, m, n], [m * n, n, 1], b.offset([("x", bt * m * n)]), ot)
    A, B = rand(rng, (nb, m, k), ti), rand(rng, (nb, k, n), ti)
    return RandomCase(name, b.text(), [A, B, np.zeros((nb, m, n), to)], (gx, 1, 1),
                      {2: f64(A) @ f64(B)}, tol, threads,
                      uses_ime=variant == "i8i32" and m >= IME_MIN_ROWS and n * k > 0,
                      describe=f"batch_matmul {variant} B={nb} ({bt} per program) M={m} N={n} K={k}")


def _windows(x, kernel, out_hw, stride, dilation, fill):
    """x: padded [N, H, W, C] float64 -> [KH, KW, N, OH, OW, C]."""
    (kh, kw), (sh, sw), (dh, dw), (oh, ow) = kernel, stride, dilation, out_hw
    return np.stack([np.stack([x[:, ky * dh:ky * dh + (oh - 1) * sh + 1:sh,
                                 kx * dw:kx * dw + (ow - 1) * sw + 1:sw, :]
                               for kx in range(kw)]) for ky in range(kh)])


def _conv_geometry(rng, kmax=3):
    while True:
        h, w = size(rng, 13), size(rng, 13)
        kh, kw = int(rng.integers(1, kmax + 1)), int(rng.integers(1, kmax + 1))
        sh, sw = int(rng.integers(1, 4)), int(rng.integers(1, 4))
        dh, dw = int(rng.integers(1, 3)), int(rng.integers(1, 3))
        pad = [int(v) for v in rng.integers(0, 3, size=4)] if rng.integers(0, 2) else [0, 0, 0, 0]
        ph, pw = h + pad[0] + pad[1], w + pad[2] + pad[3]
        oh, ow = (ph - dh * (kh - 1) - 1) // sh + 1, (pw - dw * (kw - 1) - 1) // sw + 1
        if oh >= 1 and ow >= 1:
            return dict(h=h, w=w, kh=kh, kw=kw, sh=sh, sw=sw, dh=dh, dw=dw, pad=pad, oh=oh, ow=ow)


def _geom_text(g):
    return (f"{g['h']}x{g['w']} window {g['kh']}x{g['kw']} stride {g['sh']},{g['sw']} "
            f"dilation {g['dh']},{g['dw']} pad {g['pad']}")


def _padded_input(b, g, c, it, fill, nimg_stride):
    x = b.load("x", [1, g["h"], g["w"], c], [g["h"] * g["w"] * c, g["w"] * c, c, 1],
               b.offset([("x", nimg_stride)]), it)
    p = g["pad"]
    return b.pad(x, [1, g["h"], g["w"], c], [0, p[0], p[2], 0], [0, p[1], p[3], 0], it, fill)


def _attrs(g):
    return (f"{{dilations = dense<[{g['dh']}, {g['dw']}]> : tensor<2xi64>, "
            f"strides = dense<[{g['sh']}, {g['sw']}]> : tensor<2xi64>}}")


def _np_pad(x, g, fill):
    p = g["pad"]
    return np.pad(f64(x), ((0, 0), (p[0], p[1]), (p[2], p[3]), (0, 0)), constant_values=fill)


def conv2d(rng, name):
    variant = str(rng.choice(["f32", "f16f32", "i8i32"]))
    layout = str(rng.choice(["hwcf", "fhwc"]))
    ti, to, tol = MATMUL_TYPES[variant]
    it, ot = MLIR_T[ti], MLIR_T[to]
    g = _conv_geometry(rng)
    nimg, c, f = int(rng.integers(1, 4)), or_zero(rng, big_or_small(rng, 24, 0.2)), or_zero(rng, big_or_small(rng, 24, 0.2))
    threads = _threads(rng)
    b = Builder(name, [("x", it), ("w", it), ("o", ot)], threads)
    xp, pshape = _padded_input(b, g, c, it, "0.0" if it[0] == "f" else "0", g["h"] * g["w"] * c)
    kh, kw = g["kh"], g["kw"]
    wshape = [kh, kw, c, f] if layout == "hwcf" else [f, kh, kw, c]
    wstr = [kw * c * f, c * f, f, 1] if layout == "hwcf" else [kh * kw * c, kw * c, c, 1]
    tw = b.load("w", wshape, wstr, b.idx(0), it)
    oshape = [1, g["oh"], g["ow"], f]
    init = b.filled(oshape, ot, "0.0" if ot[0] == "f" else "0")
    ct = b.ttype(oshape, ot)
    r = b.op(f"linalg.conv_2d_nhwc_{layout} {_attrs(g)} ins({xp}, {tw} : {b.ttype(pshape, it)}, "
             f"{b.ttype(wshape, it)}) outs({init} : {ct}) -> {ct}")
    ostr = [g["oh"] * g["ow"] * f, g["ow"] * f, f, 1]
    b.store(r, "o", oshape, ostr, b.offset([("x", ostr[0])]), ot)
    X, W = rand(rng, (nimg, g["h"], g["w"], c), ti), rand(rng, wshape, ti)
    Whwcf = f64(W) if layout == "hwcf" else f64(W).transpose(1, 2, 3, 0)
    win = _windows(_np_pad(X, g, 0), (kh, kw), (g["oh"], g["ow"]), (g["sh"], g["sw"]), (g["dh"], g["dw"]), 0)
    ref = np.einsum("yxnhwc,yxcf->nhwf", win, Whwcf)
    return RandomCase(name, b.text(), [X, W, np.zeros((nimg, *oshape[1:]), to)], (nimg, 1, 1), {2: ref},
                      tol, threads, uses_ime=variant == "i8i32" and c * f > 0,
                      describe=f"conv_2d_nhwc_{layout} {variant} N={nimg} C={c} F={f} {_geom_text(g)}")


def depthwise(rng, name):
    g = _conv_geometry(rng)
    nimg, c = int(rng.integers(1, 3)), or_zero(rng, size(rng, 33))
    threads = _threads(rng)
    b = Builder(name, [("x", "f32"), ("w", "f32"), ("o", "f32")], threads)
    xp, pshape = _padded_input(b, g, c, "f32", "0.0", g["h"] * g["w"] * c)
    kh, kw = g["kh"], g["kw"]
    tw = b.load("w", [kh, kw, c], [kw * c, c, 1], b.idx(0), "f32")
    oshape = [1, g["oh"], g["ow"], c]
    init = b.filled(oshape, "f32", "0.0")
    ct = b.ttype(oshape, "f32")
    r = b.op(f"linalg.depthwise_conv_2d_nhwc_hwc {_attrs(g)} ins({xp}, {tw} : {b.ttype(pshape, 'f32')}, "
             f"{b.ttype([kh, kw, c], 'f32')}) outs({init} : {ct}) -> {ct}")
    ostr = [g["oh"] * g["ow"] * c, g["ow"] * c, c, 1]
    b.store(r, "o", oshape, ostr, b.offset([("x", ostr[0])]), "f32")
    X, W = rand(rng, (nimg, g["h"], g["w"], c), np.float32), rand(rng, (kh, kw, c), np.float32)
    win = _windows(_np_pad(X, g, 0), (kh, kw), (g["oh"], g["ow"]), (g["sh"], g["sw"]), (g["dh"], g["dw"]), 0)
    ref = np.einsum("yxnhwc,yxc->nhwc", win, f64(W))
    return RandomCase(name, b.text(), [X, W, np.zeros((nimg, *oshape[1:]), np.float32)], (nimg, 1, 1),
                      {2: ref}, F32_SUM, threads,
                      describe=f"depthwise_conv_2d_nhwc_hwc N={nimg} C={c} {_geom_text(g)}")


POOL_FILL = {"max": ("0xFF800000", -np.inf), "min": ("0x7F800000", np.inf), "sum": ("0.0", 0.0)}


def pooling(rng, name):
    kind = str(rng.choice(["max", "min", "sum"]))
    g = _conv_geometry(rng)
    nimg, c = int(rng.integers(1, 3)), or_zero(rng, size(rng, 33))
    threads = _threads(rng)
    b = Builder(name, [("x", "f32"), ("o", "f32")], threads)
    fill_text, fill = POOL_FILL[kind]
    xp, pshape = _padded_input(b, g, c, "f32", fill_text, g["h"] * g["w"] * c)
    kh, kw = g["kh"], g["kw"]
    oshape = [1, g["oh"], g["ow"], c]
    init = b.filled(oshape, "f32", fill_text)
    win_t = b.tmp("w")
    b.body.append(f"    {win_t} = tensor.empty() : tensor<{kh}x{kw}xf32>")
    ct = b.ttype(oshape, "f32")
    r = b.op(f"linalg.pooling_nhwc_{kind} {_attrs(g)} ins({xp}, {win_t} : {b.ttype(pshape, 'f32')}, "
             f"tensor<{kh}x{kw}xf32>) outs({init} : {ct}) -> {ct}")
    ostr = [g["oh"] * g["ow"] * c, g["ow"] * c, c, 1]
    b.store(r, "o", oshape, ostr, b.offset([("x", ostr[0])]), "f32")
    X = rand(rng, (nimg, g["h"], g["w"], c), np.float32)
    win = _windows(_np_pad(X, g, fill), (kh, kw), (g["oh"], g["ow"]), (g["sh"], g["sw"]), (g["dh"], g["dw"]), fill)
    ref = {"max": np.max, "min": np.min, "sum": np.sum}[kind](win, axis=(0, 1))
    return RandomCase(name, b.text(), [X, np.zeros((nimg, *oshape[1:]), np.float32)], (nimg, 1, 1),
                      {1: ref}, F32_SUM if kind == "sum" else EXACT, threads,
                      describe=f"pooling_nhwc_{kind} N={nimg} C={c} {_geom_text(g)}")


def _reduce(b, x, shape, dim, t, init_value, combiner):
    oshape = [s for i, s in enumerate(shape) if i != dim]
    init = b.filled(oshape, t, init_value)
    a, acc, r = b.tmp("a"), b.tmp("acc"), b.tmp("y")
    red = b.op(f"linalg.reduce ins({x} : {b.ttype(shape, t)}) outs({init} : {b.ttype(oshape, t)}) "
               f"dimensions = [{dim}]\n      ({a}: {t}, {acc}: {t}) {{\n"
               f"        {r} = {combiner} {a}, {acc} : {t}\n        linalg.yield {r} : {t}\n      }}")
    return red, oshape


def softmax(rng, name):
    gx, rows, n = int(rng.integers(1, 5)), size(rng, 9), size(rng, 64)
    threads = _threads(rng)
    b = Builder(name, [("x", "f32"), ("o", "f32")], threads)
    off = b.offset([("x", rows * n)])
    x = b.load("x", [rows, n], [n, 1], off, "f32")
    mx, _ = _reduce(b, x, [rows, n], 1, "f32", "0xFF800000", "arith.maxnumf")
    tt = b.ttype([rows, n], "f32")
    e1 = b.tmp("e")
    b.body.append(f"    {e1} = tensor.empty() : {tt}")
    bcast = "affine_map<(d0, d1) -> (d0)>"
    ident = "affine_map<(d0, d1) -> (d0, d1)>"
    ex = b.op(f"linalg.generic {{indexing_maps = [{ident}, {bcast}, {ident}], iterator_types = "
              f"[\"parallel\", \"parallel\"]}} ins({x}, {mx} : {tt}, tensor<{rows}xf32>) outs({e1} : {tt}) {{\n"
              f"    ^bb0(%q: f32, %m: f32, %u: f32):\n      %s = arith.subf %q, %m : f32\n"
              f"      %z = math.exp %s : f32\n      linalg.yield %z : f32\n    }} -> {tt}")
    sm, _ = _reduce(b, ex, [rows, n], 1, "f32", "0.0", "arith.addf")
    y = b.op(f"linalg.generic {{indexing_maps = [{ident}, {bcast}, {ident}], iterator_types = "
             f"[\"parallel\", \"parallel\"]}} ins({ex}, {sm} : {tt}, tensor<{rows}xf32>) outs({e1} : {tt}) {{\n"
             f"    ^bb0(%q: f32, %m: f32, %u: f32):\n      %d = arith.divf %q, %m : f32\n"
             f"      linalg.yield %d : f32\n    }} -> {tt}")
    b.store(y, "o", [rows, n], [n, 1], off, "f32")
    X = rng.uniform(-5, 5, size=(gx * rows, n)).astype(np.float32)
    z = np.exp(f64(X) - f64(X).max(axis=1, keepdims=True))
    return RandomCase(name, b.text(), [X, np.zeros_like(X)], (gx, 1, 1),
                      {1: z / z.sum(axis=1, keepdims=True)}, F32_MATH, threads,
                      describe=f"softmax rows={gx * rows} ({rows} per program) N={n}")


REDUCTIONS = {("sum", "f32"): ("0.0", "arith.addf"), ("max", "f32"): ("0xFF800000", "arith.maxnumf"),
              ("sum", "i32"): ("0", "arith.addi"), ("max", "i32"): ("-2147483648", "arith.maxsi")}


def reduction(rng, name):
    kind, t = str(rng.choice(["sum", "max"])), str(rng.choice(["f32", "i32"]))
    dim = int(rng.integers(0, 2))
    gx, rows, n = int(rng.integers(1, 4)), size(rng, 33), size(rng, 64)
    threads = _threads(rng)
    b = Builder(name, [("x", t), ("o", t)], threads)
    x = b.load("x", [rows, n], [n, 1], b.offset([("x", rows * n)]), t)
    init, comb = REDUCTIONS[(kind, t)]
    red, oshape = _reduce(b, x, [rows, n], dim, t, init, comb)
    b.store(red, "o", oshape, [1], b.offset([("x", oshape[0])]), t)
    dt = np.float32 if t == "f32" else np.int32
    X = rand(rng, (gx, rows, n), dt)
    ref = (f64(X).sum if kind == "sum" else f64(X).max)(axis=1 + dim).reshape(-1)
    tol = EXACT if (t == "i32" or kind == "max") else F32_SUM
    return RandomCase(name, b.text(), [X.reshape(gx * rows, n), np.zeros(gx * oshape[0], dt)], (gx, 1, 1),
                      {1: ref}, tol, threads,
                      describe=f"reduce {kind} {t} over dim {dim} of {rows}x{n} per program, {gx} programs")


def mmt4d(rng, name):
    variant = str(rng.choice(["f32", "i8i32"]))
    ti, to, tol = MATMUL_TYPES[variant]
    it, ot = MLIR_T[ti], MLIR_T[to]
    m0, n0 = int(rng.choice([1, 2, 4, 6, 8, 16])), int(rng.choice([1, 4, 8, 16]))
    k0 = int(rng.choice([1, 2, 4, 8]))
    m, n, k = size(rng, 40), size(rng, 40), or_zero(rng, size(rng, 40))
    m1, n1, k1 = -(-m // m0), -(-n // n0), -(-k // k0)
    threads = _threads(rng)
    b = Builder(name, [("a", it), ("b", it), ("c", ot)], threads)
    zero = "0.0" if it[0] == "f" else "0"
    ta = b.load("a", [m, k], [k, 1], b.idx(0), it)
    tb = b.load("b", [k, n], [n, 1], b.idx(0), it)
    padv = b.const(zero, it)
    pa_t, pb_t = b.ttype([m1, k1, m0, k0], it), b.ttype([n1, k1, n0, k0], it)
    ea, eb = b.tmp("e"), b.tmp("e")
    b.body += [f"    {ea} = tensor.empty() : {pa_t}", f"    {eb} = tensor.empty() : {pb_t}"]
    pa = b.op(f"linalg.pack {ta} padding_value({padv} : {it}) inner_dims_pos = [0, 1] inner_tiles = "
              f"[{m0}, {k0}] into {ea} : {b.ttype([m, k], it)} -> {pa_t}")
    pb = b.op(f"linalg.pack {tb} padding_value({padv} : {it}) outer_dims_perm = [1, 0] inner_dims_pos = "
              f"[1, 0] inner_tiles = [{n0}, {k0}] into {eb} : {b.ttype([k, n], it)} -> {pb_t}")
    ct = b.ttype([m1, n1, m0, n0], ot)
    fc = b.filled([m1, n1, m0, n0], ot, "0.0" if ot[0] == "f" else "0")
    mm = b.op(f"linalg.mmt4d ins({pa}, {pb} : {pa_t}, {pb_t}) outs({fc} : {ct}) -> {ct}")
    eo = b.tmp("e")
    b.body.append(f"    {eo} = tensor.empty() : {b.ttype([m, n], ot)}")
    un = b.op(f"linalg.unpack {mm} inner_dims_pos = [0, 1] inner_tiles = [{m0}, {n0}] into {eo} : "
              f"{ct} -> {b.ttype([m, n], ot)}")
    b.store(un, "c", [m, n], [n, 1], b.idx(0), ot)
    A, B = rand(rng, (m, k), ti), rand(rng, (k, n), ti)
    return RandomCase(name, b.text(), [A, B, np.zeros((m, n), to)], (1, 1, 1), {2: f64(A) @ f64(B)},
                      tol, threads, uses_ime=False,
                      describe=f"pack + mmt4d + unpack {variant} M={m} N={n} K={k} tiles {m0}x{k0}x{n0}")


GENERATORS = {"matmul": matmul, "batch_matmul": batch_matmul, "conv2d": conv2d, "depthwise": depthwise,
              "pooling": pooling, "softmax": softmax, "reduction": reduction, "mmt4d": mmt4d}

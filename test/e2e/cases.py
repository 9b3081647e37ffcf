"""The end-to-end cases: a linalgdir kernel, its inputs, its grid and a numpy
reference. Each runs through both pipelines on every target (test_kernels.py).
"""
import dataclasses
from pathlib import Path
from typing import Callable

import numpy as np

from e2e_lib import ROOT, Scalar
from epilogue_matrix import matrix_cases

KERNELS = Path(__file__).resolve().parent / "kernels"


@dataclasses.dataclass
class Case:
    name: str
    mlir: Path
    make_args: Callable  # rng -> list of arrays / Scalars
    grid: tuple
    reference: Callable  # args -> {argument index: expected array}
    rtol: float = 1e-5
    atol: float = 1e-6
    kernel: str = ""
    # The kernel calls the runtime (scf.forall -> speir_parallel_for_range, mbarriers):
    # it is compiled anyway, then skipped when libSpeIRRuntimeLibs.so is not built.
    needs_runtime: bool = False
    # Known compiler failures: {(pipeline, target): reason}; "*" matches any
    # pipeline or target. Applied as strict xfails in test_kernels.py.
    xfail: dict = dataclasses.field(default_factory=dict)
    # The fast pipeline hands this kernel's int8 contraction to speir_gemm,
    # which takes the IME kernels on a K1 (run on the emulated K1 too).
    uses_ime: bool = False
    # Extra environment for the run (e.g. SPINE_NUM_THREADS).
    env: dict = dataclasses.field(default_factory=dict)
    # Libraries besides libSpeIRRuntimeLibs the kernel calls (device prints
    # and asserts: SpineTritonRuntime).
    extra_libs: tuple = ()
    # A regular expression the run's standard output must match (device
    # prints), checked on every target.
    expect_stdout: str = ""
    # Also run the fast pipeline with GEMM epilogue fusion disabled
    # ("unfused"; fusion is on by default), so fused and unfused results
    # are both checked.
    compare_fused: bool = False
    # {argument index: callable} applied to a result buffer before the
    # comparison (bf16 bit patterns -> values).
    result_views: dict = dataclasses.field(default_factory=dict)
    # The generated LLVM IR must call speir_gemm_fused in "e2e" (the
    # default fast pipeline) and speir_gemm (not fused) in "unfused": fusion
    # and the contraction's runtime call cannot silently stop.
    gemm_call: bool = False
    # With gemm_call: whether "e2e" fuses (False: it calls speir_gemm too,
    # e.g. the 1-D epilogue of a matvec, which the pass does not take yet).
    expect_fused: bool = True
    # A TTIR decode kernel: the fast pipeline raises its K loop to one
    # contraction and fuses the epilogue (one speir_gemm_fused call
    # expected); also run it with enable-raise-dot-k-loop=false ("unraised").
    compare_unraised: bool = False
    # Also run the fast pipeline with every vectorized op at LMUL 1, 2, 4
    # and 8 ("lmul1" ... "lmul8": vector-registers=N) besides the
    # register-pressure choice: element-wise bodies of each width and tail.
    compare_lmul: bool = False
    # Also run the fast pipeline with enable-online-softmax=true ("online"),
    # so both forms of a large softmax are checked.
    compare_online: bool = False
    # On the emulated K1, the run must execute smt.vmadot (few-row int8
    # GEMMs may take the RVV skinny kernels instead).
    ime_required: bool = True

    def __post_init__(self):
        self.kernel = self.kernel or self.name

    def xfail_reason(self, pipeline, target):
        for (p, t), reason in self.xfail.items():
            if p in ("*", pipeline) and t in ("*", target):
                return reason
        return None


def _uniform(rng, shape, lo=-1.0, hi=1.0, dtype=np.float32):
    return rng.uniform(lo, hi, size=shape).astype(dtype)


def _softmax(x):
    e = np.exp(x - x.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


CASES = [
    Case("matmul_bias_relu", ROOT / "examples" / "matmul_bias_relu.mlir",
         lambda rng: [_uniform(rng, (64, 64)), _uniform(rng, (64, 64)), _uniform(rng, (64,)),
                      np.zeros((64, 64), np.float32)],
         (4, 4, 1),
         lambda a: {3: np.maximum(a[0].astype(np.float64) @ a[1] + a[2], 0)},
         rtol=1e-4, atol=1e-5),
    Case("add_masked", KERNELS / "add_masked.mlir",
         lambda rng: [_uniform(rng, (1000,)), _uniform(rng, (1000,)),
                      np.full((1000,), 7.0, np.float32), Scalar("int32_t", 1000)],
         (4, 1, 1),
         lambda a: {2: a[0] + a[1]}),
    Case("softmax_rows", KERNELS / "softmax_rows.mlir",
         lambda rng: [_uniform(rng, (16, 96), -4, 4), np.zeros((16, 96), np.float32)],
         (16, 1, 1),
         lambda a: {1: _softmax(a[0].astype(np.float64))},
         rtol=1e-5, atol=1e-6),

]

# Tolerances (relative to a float64 numpy reference):
#   f32 results: rtol 1e-5 / atol 1e-5, or 1e-4 for long reductions, 2e-3 / 2e-4
#     where the fast pipeline's polynomial exp/tanh/erf are involved;
#   f16 results (or f16 inputs rounded at the end): rtol 1e-2 / atol 1e-2;
#   integer results: exact (rtol 0, atol 0).
F32 = dict(rtol=1e-5, atol=1e-5)
F32_SUM = dict(rtol=1e-4, atol=1e-5)
F32_MATH = dict(rtol=2e-3, atol=2e-4)
F16 = dict(rtol=1e-2, atol=1e-2)
EXACT = dict(rtol=0, atol=0)


def _f64(x):
    return x.astype(np.float64)


def _ints(rng, shape, lo, hi, dtype):
    return rng.integers(lo, hi, size=shape, endpoint=True).astype(dtype)


def _zeros(shape, dtype=np.float32):
    return np.zeros(shape, dtype)


CASES += [
    Case("matmul_f32_odd", KERNELS / "matmul_f32_odd.mlir",
         lambda rng: [_uniform(rng, (26, 17)), _uniform(rng, (17, 19)), _zeros((26, 19))],
         (2, 1, 1), lambda a: {2: _f64(a[0]) @ a[1]}, **F32_SUM),
    Case("matmul_f16_acc_f32", KERNELS / "matmul_f16_acc_f32.mlir",
         lambda rng: [_uniform(rng, (32, 40), dtype=np.float16),
                      _uniform(rng, (40, 24), dtype=np.float16), _zeros((32, 24))],
         (2, 1, 1), lambda a: {2: _f64(a[0]) @ _f64(a[1])}, **F32_SUM),
    Case("matmul_f16_out", KERNELS / "matmul_f16_out.mlir",
         lambda rng: [_uniform(rng, (32, 40), dtype=np.float16),
                      _uniform(rng, (40, 24), dtype=np.float16), _zeros((32, 24), np.float16)],
         (2, 1, 1), lambda a: {2: _f64(a[0]) @ _f64(a[1])}, **F16),
    Case("matmul_i8_i32", KERNELS / "matmul_i8_i32.mlir",
         lambda rng: [_ints(rng, (16, 36), -128, 127, np.int8), _ints(rng, (36, 20), -128, 127, np.int8),
                      _zeros((16, 20), np.int32)],
         (1, 1, 1), lambda a: {2: a[0].astype(np.int64) @ a[1].astype(np.int64)}, uses_ime=True, **EXACT),
    Case("matvec_f32", KERNELS / "matvec_f32.mlir",
         lambda rng: [_uniform(rng, (38, 131)), _uniform(rng, (131,)), _zeros((38,))],
         (2, 1, 1), lambda a: {2: _f64(a[0]) @ _f64(a[1])}, **F32_SUM),
    Case("vecmat_i8", KERNELS / "vecmat_i8.mlir",
         lambda rng: [_ints(rng, (2, 67), -128, 127, np.int8), _ints(rng, (67, 45), -128, 127, np.int8),
                      _ints(rng, (2, 45), -1000, 1000, np.int32)],
         (2, 1, 1), lambda a: {2: a[2].astype(np.int64) + a[0].astype(np.int64) @ a[1].astype(np.int64)},
         **EXACT),
    Case("matmul_i8_generic", KERNELS / "matmul_i8_generic.mlir",
         lambda rng: [_ints(rng, (16, 36), -128, 127, np.int8), _ints(rng, (36, 20), -128, 127, np.int8),
                      _zeros((16, 20), np.int32)],
         (1, 1, 1), lambda a: {2: a[0].astype(np.int64) @ a[1].astype(np.int64)}, uses_ime=True, **EXACT),
    Case("batch_matmul", KERNELS / "batch_matmul.mlir",
         lambda rng: [_uniform(rng, (4, 8, 12)), _uniform(rng, (4, 12, 10)), _zeros((4, 8, 10))],
         (2, 1, 1), lambda a: {2: _f64(a[0]) @ a[1]}, **F32_SUM),
    Case("matmul_bt_maps", KERNELS / "matmul_bt_maps.mlir",
         lambda rng: [_uniform(rng, (24, 28)), _uniform(rng, (20, 28)), _zeros((24, 20))],
         (1, 1, 1), lambda a: {2: _f64(a[0]) @ _f64(a[1]).T}, **F32_SUM),
    Case("matmul_bt_generic", KERNELS / "matmul_bt_generic.mlir",
         lambda rng: [_uniform(rng, (24, 28)), _uniform(rng, (20, 28)), _zeros((24, 20))],
         (1, 1, 1), lambda a: {2: _f64(a[0]) @ _f64(a[1]).T}, **F32_SUM),
    Case("matmul_kloop", KERNELS / "matmul_kloop.mlir",
         lambda rng: [_uniform(rng, (32, 80)), _uniform(rng, (80, 32)), _zeros((32, 32)),
                      Scalar("int32_t", 32), Scalar("int32_t", 32), Scalar("int32_t", 80)],
         (2, 2, 1), lambda a: {2: _f64(a[0]) @ a[1]}, **F32_SUM),
    Case("matmul_bias_silu_masked", KERNELS / "matmul_bias_silu_masked.mlir",
         lambda rng: [_uniform(rng, (21, 12)), _uniform(rng, (12, 27)), _uniform(rng, (27,)),
                      np.full((21, 27), 5.0, np.float32), Scalar("int32_t", 21), Scalar("int32_t", 27)],
         (2, 2, 1),
         lambda a: {3: (lambda z: z / (1 + np.exp(-z)))(_f64(a[0]) @ a[1] + a[2])}, **F32_MATH),
]



def _mmt4d_case(name, M, N, K, dtype, acc):
    if np.dtype(dtype).kind == "i":
        make = lambda rng: [_ints(rng, (M, K), -128, 127, dtype), _ints(rng, (K, N), -128, 127, dtype),
                            _zeros((M, N), acc)]
        ref = lambda a: {2: a[0].astype(np.int64) @ a[1].astype(np.int64)}
        tol = EXACT
    else:
        make = lambda rng: [_uniform(rng, (M, K)), _uniform(rng, (K, N)), _zeros((M, N))]
        ref = lambda a: {2: _f64(a[0]) @ a[1]}
        tol = F32_SUM
    return Case(name, KERNELS / f"{name}.mlir", make, (1, 1, 1), ref, **tol)


def _mmt4d_prepacked_ref(a):
    # lhs [M1,K1,M0,K0], rhs [N1,K1,N0,K0], acc [M1,N1,M0,N0]
    return {2: _f64(a[2]) + np.einsum("akmc,bknc->abmn", _f64(a[0]), _f64(a[1]))}


CASES += [
    _mmt4d_case("mmt4d_f32_8x1x8", 20, 19, 7, np.float32, np.float32),
    _mmt4d_case("mmt4d_i8_4x8x4", 10, 9, 20, np.int8, np.int32),
    _mmt4d_case("mmt4d_f32_16x1x16", 33, 40, 5, np.float32, np.float32),
    _mmt4d_case("mmt4d_f32_6x1x16", 14, 20, 9, np.float32, np.float32),
    Case("mmt4d_prepacked", KERNELS / "mmt4d_prepacked.mlir",
         lambda rng: [_uniform(rng, (3, 5, 8, 4)), _uniform(rng, (2, 5, 8, 4)), _uniform(rng, (3, 2, 8, 8))],
         (1, 1, 1), _mmt4d_prepacked_ref, **F32_SUM),
]


def _unary_case(name, fn, tol, n=1000, lo=-6.0, hi=6.0, out_dtype=np.float32, in_dtype=np.float32):
    return Case(name, KERNELS / f"{name}.mlir",
                lambda rng: [_uniform(rng, (n,), lo, hi, in_dtype), np.full((n,), 7.0, out_dtype),
                             Scalar("int32_t", n)],
                (-(-n // 256), 1, 1), lambda a: {1: fn(_f64(a[0]))}, **tol)


def _sigmoid(x):
    return 1 / (1 + np.exp(-x))


def _erf(x):
    from math import erf
    return np.vectorize(erf)(x)


def _exp_sweep_args(rng):
    """exp's whole f32 range: a sweep from below underflow (-110) to beyond
    overflow (95), random arguments near 0, and the special points (NaN,
    infinities, signed zeros, the clamp bounds, both sides of the overflow
    and subnormal thresholds, the reduction's +-ln 2 / 2)."""
    special = [np.nan, np.inf, -np.inf, 0.0, -0.0, 1e-30, -1e-30, 88.72, 88.73, 88.75, 89.0, -87.33, -87.34,
               -103.9, -104.0, -104.1, -150.0, 1000.0, -1000.0, 3.4e38, -3.4e38, 0.34657359, -0.34657359,
               0.6931472, -0.6931472]
    x = np.concatenate([np.linspace(-110.0, 95.0, 3001), rng.uniform(-5, 5, 500), special]).astype(np.float32)
    return [x, np.full(x.shape, 7.0, np.float32), Scalar("int32_t", x.size)]


def _odd_sweep_args(rng, bound):
    """An odd saturating function's whole f32 range: a sweep over
    [-1.5 bound, 1.5 bound] (saturated beyond the bound), arguments from
    1e-30 to 1 of both signs, subnormals, NaN and infinities."""
    tiny = np.geomspace(1e-30, 1.0, 600)
    special = [np.nan, np.inf, -np.inf, 0.0, -0.0, 1e-45, -1e-45, 1e-39, -1e-39, bound, -bound, bound * 1.01,
               2 * bound, 1e30, -1e30]
    x = np.concatenate([np.linspace(-1.5 * bound, 1.5 * bound, 3001), tiny, -tiny,
                        rng.uniform(-bound, bound, 500), special])
    return [x.astype(np.float32), np.full(x.shape, 7.0, np.float32), Scalar("int32_t", x.size)]


def _sigmoid_sweep_args(rng):
    """exp_sweep's arguments, plus the one-scale form's bound (-86), for
    silu, sigmoid and exp + 1 (three outputs)."""
    x = _exp_sweep_args(rng)[0]
    x = np.concatenate([x, np.float32([-86.0, -85.99, -86.01, 86.0, 88.3, 88.38, 88.5, 88.6])])
    return [x, *(np.full(x.shape, 7.0, np.float32) for _ in range(3)), Scalar("int32_t", x.size)]


def _sigmoid_sweep_ref(a):
    x = _f64(a[0])
    with np.errstate(over="ignore", invalid="ignore"):
        e = np.exp(-x)
        return {1: x / (1 + e), 2: 1 / (1 + e),
                3: (np.exp(x) + 1).astype(np.float32).astype(np.float64)}


def _exp_f32(x):
    """exp rounded to f32 (inf beyond FLT_MAX), as float64."""
    with np.errstate(over="ignore"):
        return np.exp(_f64(x)).astype(np.float32).astype(np.float64)


def _int_elementwise(a):
    x, y, s = a[0].astype(np.int64), a[1].astype(np.int64), 5
    return {2: (((x * y) >> s) & 0xFFFF) ^ (x + 7)}


CASES += [
    # n = 1000: four programs, the last one masked (232 of 256 lanes).
    _unary_case("relu6", lambda x: np.clip(x, 0, 6), EXACT, lo=-3, hi=9),
    _unary_case("sigmoid", _sigmoid, F32_MATH),
    _unary_case("silu", lambda x: x * _sigmoid(x), F32_MATH),
    # Within 2 ulp (rtol 2^-22) of exp rounded to f32, and within 2 of the
    # smallest subnormal (atol) where the result is subnormal.
    Case("exp_sweep", KERNELS / "exp_sweep.mlir", _exp_sweep_args, (-(-3526 // 256), 1, 1),
         lambda a: {1: _exp_f32(a[0])}, rtol=2.0 ** -22, atol=2.9e-45),
    # 1 + exp(.) only: the one-scale exp (x >= -86); within 4 ulp where the
    # result is a normal f32, silu's subnormal results (x < -86) as 0.
    Case("sigmoid_sweep", KERNELS / "sigmoid_sweep.mlir", _sigmoid_sweep_args, (-(-3534 // 256), 1, 1),
         _sigmoid_sweep_ref, rtol=2.0 ** -21, atol=1e-36),
    # Within 8 ulp of erf and tanh rounded to f32 (the relative tolerance;
    # OddRationalF32 is within 6.6 and 5.7 by emulation; the subnormal
    # results of tiny arguments within atol).
    Case("erf_sweep", KERNELS / "erf_sweep.mlir", lambda rng: _odd_sweep_args(rng, 3.92), (-(-4716 // 256), 1, 1),
         lambda a: {1: _erf(_f64(a[0])).astype(np.float32).astype(np.float64)}, rtol=2.0 ** -21, atol=1e-44),
    Case("tanh_sweep", KERNELS / "tanh_sweep.mlir", lambda rng: _odd_sweep_args(rng, 9.02), (-(-4716 // 256), 1, 1),
         lambda a: {1: np.tanh(_f64(a[0])).astype(np.float32).astype(np.float64)}, rtol=2.0 ** -21, atol=1e-44),
    _unary_case("gelu_tanh", lambda x: 0.5 * x * (1 + np.tanh(np.sqrt(2 / np.pi) * (x + 0.044715 * x ** 3))),
                F32_MATH),
    _unary_case("gelu_erf", lambda x: 0.5 * x * (1 + _erf(x / np.sqrt(2))), F32_MATH),
    # f16 output: rounding of x * 3 to half precision (|x * 3| <= 18).
    _unary_case("cast_f32_f16", lambda x: x * 3.0, dict(rtol=1e-3, atol=1e-3), out_dtype=np.float16),
    Case("int_elementwise", KERNELS / "int_elementwise.mlir",
         lambda rng: [_ints(rng, (300,), -30000, 30000, np.int32), _ints(rng, (300,), -30000, 30000, np.int32),
                      np.full((300,), -1, np.int32), Scalar("int32_t", 5), Scalar("int32_t", 300)],
         (3, 1, 1), _int_elementwise, **EXACT),
    Case("broadcast_chain", KERNELS / "broadcast_chain.mlir",
         lambda rng: [_uniform(rng, (12, 40)), _uniform(rng, (40,)), _uniform(rng, (12,)), _zeros((12, 40))],
         (3, 1, 1), lambda a: {3: (_f64(a[0]) + a[1][None, :]) * a[2][:, None] - 0.5}, **F32),
    Case("generic_bcast_maps", KERNELS / "generic_bcast_maps.mlir",
         lambda rng: [_uniform(rng, (12, 40)), _uniform(rng, (40,)), _uniform(rng, (12,)), _zeros((12, 40)),
                      Scalar("float", 1.75)],
         (3, 1, 1), lambda a: {3: _f64(a[0]) * 1.75 + a[1][None, :] - a[2][:, None]}, **F32),
]


# Row-wise kernels: M = 10 rows (4 per program, the last program masked to
# 2 rows), N = 50 columns in a BLOCK of 64 (not a multiple of 16).
ROWS_M, ROWS_N = 10, 50


def _rows_case(name, extra, out_shape, ref, tol, lo=-4.0, hi=4.0, xfail=None):
    def make(rng):
        vecs = [_uniform(rng, (ROWS_N,), 0.5, 1.5) for _ in range(extra)]
        return [_uniform(rng, (ROWS_M, ROWS_N), lo, hi), *vecs, np.full(out_shape, 9.0, np.float32),
                Scalar("int32_t", ROWS_M), Scalar("int32_t", ROWS_N)]
    return Case(name, KERNELS / f"{name}.mlir", make, (-(-ROWS_M // 4), 1, 1),
                lambda a: {1 + extra: ref(_f64(a[0]), *[_f64(v) for v in a[1:1 + extra]])},
                xfail=xfail or {}, **tol)


def _log_softmax(x):
    z = x - x.max(axis=-1, keepdims=True)
    return z - np.log(np.exp(z).sum(axis=-1, keepdims=True))


def _layernorm(x, w, b):
    mu = x.mean(axis=-1, keepdims=True)
    var = ((x - mu) ** 2).mean(axis=-1, keepdims=True)
    return (x - mu) / np.sqrt(var + 1e-5) * w + b


def _rmsnorm(x, w):
    return x / np.sqrt((x * x).mean(axis=-1, keepdims=True) + 1e-5) * w


CASES += [
    _rows_case("reduce_sum_axis1", 0, (ROWS_M,), lambda x: x.sum(axis=1), F32_SUM),
    _rows_case("reduce_max_axis1", 0, (ROWS_M,), lambda x: x.max(axis=1), EXACT),
    _rows_case("reduce_mean_axis1", 0, (ROWS_M,), lambda x: x.mean(axis=1), F32_SUM),
    Case("reduce_sum_axis0", KERNELS / "reduce_sum_axis0.mlir",
         lambda rng: [_uniform(rng, (32, 24)), _zeros((24,))],
         (3, 1, 1), lambda a: {1: _f64(a[0]).sum(axis=0)}, **F32_SUM),
    _rows_case("softmax_block2d", 0, (ROWS_M, ROWS_N), _softmax, F32_MATH),
    _rows_case("log_softmax", 0, (ROWS_M, ROWS_N), _log_softmax, F32_MATH),
    _rows_case("layernorm", 2, (ROWS_M, ROWS_N), _layernorm, F32_MATH),
    _rows_case("rmsnorm", 1, (ROWS_M, ROWS_N), _rmsnorm, F32_MATH),
]


# speir-online-softmax's case (the "online" pipeline; the others compute
# three passes): tiles of 2 rows x 65,536 columns (512 KiB, past min-bytes;
# column blocks of 2,048), M = 3 rows (the last program
# masked to one row), N = 40,000. Row 0 starts with 3,000 -inf: its whole
# first column block is -inf, where the running max stays -inf and the
# block must add nothing to the sum (not NaN).
LONG_M, LONG_N = 3, 40000


def _long_rows_args(rng):
    x = _uniform(rng, (LONG_M, LONG_N), -4, 4)
    x[0, :3000] = -np.inf
    return [x, np.full((LONG_M, LONG_N), 9.0, np.float32), Scalar("int32_t", LONG_M), Scalar("int32_t", LONG_N)]


CASES += [
    # Softmax values are about 1e-4 down to 5e-8: relative tolerance only.
    Case("softmax_long", KERNELS / "softmax_long.mlir", _long_rows_args, (2, 1, 1),
         lambda a: {1: _softmax(_f64(a[0]))}, compare_online=True, rtol=2e-3, atol=1e-10),
    Case("log_softmax_long", KERNELS / "log_softmax_long.mlir", _long_rows_args, (2, 1, 1),
         lambda a: {1: _log_softmax(_f64(a[0]))}, compare_online=True, **F32_MATH),
]


# Issue 17's benchmark kernels (bench/compare_lowerings.py RMSNORM, SILU_MUL,
# QUANT_I8, written out by its --write-e2e-kernels) at small odd sizes: one
# row per program (5 rows of 37 / 45), and 3 programs of 37 elements.
def _quant_i8_args(rng):
    x = _uniform(rng, (5, 45), -2, 2)
    # Row 0: max |x| = 127, so scale = 1 and x / scale is exact: the halves
    # check round-half-to-even. Row 1: the maximum is a negative value.
    x[0, :8] = [127.0, 2.5, -2.5, 3.5, -0.5, 0.5, 1.5, 126.5]
    x[1, 3] = -5.0
    return [x, _zeros((5, 45), np.int8), np.full((5,), 9.0, np.float32)]


def _quant_i8_ref(a):
    # The kernel's arithmetic in f32: scale = max|x| / 127, q = roundeven(x / scale).
    x = a[0]
    scale = np.abs(x).max(axis=1) / np.float32(127)
    q = np.clip(np.round(x / scale[:, None]), -127, 127)  # np.round rounds half to even
    return {1: q, 2: scale}


def _silu_mul_ref(a):
    g, u = _f64(a[0]), _f64(a[1])
    return {2: g / (1 + np.exp(-g)) * u}


CASES += [
    Case("rmsnorm_row", KERNELS / "rmsnorm_row.mlir",
         lambda rng: [_uniform(rng, (5, 37), -4, 4), _uniform(rng, (37,), 0.5, 1.5), _zeros((5, 37))],
         (5, 1, 1), lambda a: {2: _rmsnorm(_f64(a[0]), _f64(a[1]))}, **F32_MATH),
    Case("silu_mul", KERNELS / "silu_mul.mlir",
         lambda rng: [_uniform(rng, (111,), -8, 8), _uniform(rng, (111,), -2, 2), _zeros((111,))],
         (3, 1, 1), _silu_mul_ref, compare_lmul=True, **F32_MATH),
    Case("quant_i8_row", KERNELS / "quant_i8_row.mlir", _quant_i8_args, (5, 1, 1), _quant_i8_ref, **EXACT),
]


# Element-wise bodies short and long, compiled at the register-pressure
# model's LMUL and at each forced LMUL (compare_lmul): 3 programs of 37
# elements, so every LMUL has a peeled tail (37 = 32 + 5 = 2 * 16 + 5 ...).
def _gelu_tanh(x):
    return 0.5 * x * (1 + np.tanh(0.7978845608 * (x + 0.044715 * x ** 3)))


def _adam_args(rng):
    return [_uniform(rng, (111,), -1, 1), _uniform(rng, (111,), -1, 1), _uniform(rng, (111,), -1, 1),
            _uniform(rng, (111,), 0, 1), _zeros((111,)), _zeros((111,)), _zeros((111,))]


def _adam_ref(a):
    p, g, m, v = (_f64(x) for x in a[:4])
    m1 = 0.9 * m + 0.1 * g
    v1 = 0.999 * v + 0.001 * g * g
    return {4: p - 0.001 * (m1 * 2) / (np.sqrt(v1 * 4) + 1e-8), 5: m1, 6: v1}


def _pair(rng):
    return [_uniform(rng, (111,), -6, 6), _uniform(rng, (111,), -2, 2), _zeros((111,))]


CASES += [
    Case("gelu_mul", KERNELS / "gelu_mul.mlir", _pair, (3, 1, 1),
         lambda a: {2: _gelu_tanh(_f64(a[0])) * _f64(a[1])}, compare_lmul=True, **F32_MATH),
    Case("gelu_erf_mul", KERNELS / "gelu_erf_mul.mlir", _pair, (3, 1, 1),
         lambda a: {2: 0.5 * _f64(a[0]) * (1 + _erf(_f64(a[0]) / np.sqrt(2))) * _f64(a[1])},
         compare_lmul=True, **F32_MATH),
    Case("leaky_mul", KERNELS / "leaky_mul.mlir", _pair, (3, 1, 1),
         lambda a: {2: np.where(a[0] > 0, _f64(a[0]), 0.01 * _f64(a[0])) * _f64(a[1])}, compare_lmul=True, **F32),
    Case("log_add", KERNELS / "log_add.mlir",
         lambda rng: [_uniform(rng, (111,), 1e-3, 100), _uniform(rng, (111,), -2, 2), _zeros((111,))], (3, 1, 1),
         lambda a: {2: np.log(_f64(a[0])) + _f64(a[1])}, compare_lmul=True, **F32_MATH),
    Case("adam_step", KERNELS / "adam_step.mlir", _adam_args, (3, 1, 1), _adam_ref, compare_lmul=True, **F32),
]


def _fill_copy_ref(a):
    out = np.full((768,), 2.5)
    out[:700] = a[0][:700]
    return {1: out}


def _grid_pid_ref(a):
    out = _f64(a[0]) * 2
    for py in range(2):
        for px in range(3):
            out[py * 8:(py + 1) * 8, px * 8:(px + 1) * 8] += px * 100 + py * 1000
    return {1: out}


CASES += [
    Case("transpose", KERNELS / "transpose.mlir",
         lambda rng: [_uniform(rng, (36, 24)), _zeros((24, 36))],
         (3, 1, 1), lambda a: {1: _f64(a[0]).T}, **EXACT),
    Case("fill_copy", KERNELS / "fill_copy.mlir",
         lambda rng: [_uniform(rng, (768,)), _zeros((768,)), Scalar("float", 2.5), Scalar("int32_t", 700)],
         (3, 1, 1), _fill_copy_ref, **EXACT),
    Case("grid_pid", KERNELS / "grid_pid.mlir",
         lambda rng: [_uniform(rng, (16, 24)), _zeros((16, 24))],
         (3, 2, 1), _grid_pid_ref, **F32),
]


def _forall_subblocks_ref(a):
    x = _f64(a[0])
    sub = (np.arange(128) // 16) % 4
    return {1: x * x + sub[:, None]}


def _forall_mbarrier_ref(a):
    x = _f64(a[0])
    tiles = x.reshape(2, 64, 32)
    partial = x.reshape(8, 16 * 32).sum(axis=1)
    out = (tiles - tiles.mean(axis=(1, 2), keepdims=True)).reshape(128, 32)
    return {1: partial, 2: out}


CASES += [
    Case("forall_subblocks", KERNELS / "forall_subblocks.mlir",
         lambda rng: [_uniform(rng, (128, 32)), _zeros((128, 32))],
         (2, 1, 1), _forall_subblocks_ref, needs_runtime=True, **F32),
    # Partial sums of 512 values in f32: rtol/atol 1e-4. The 4 sub-blocks wait
    # on each other, so all 4 must run at once. With plain speir_parallel_for
    # and H = 2 threads this deadlocked (two bodies blocked in mbarrier_wait,
    # the other two never started); the lowering now uses
    # speir_parallel_for_concurrent for foralls with barriers. Run with 4
    # threads and oversubscribed with 1 thread.
    Case("forall_mbarrier", KERNELS / "forall_mbarrier.mlir",
         lambda rng: [_uniform(rng, (128, 32)), np.full((8,), -1.0, np.float32), _zeros((128, 32))],
         (2, 1, 1), _forall_mbarrier_ref, needs_runtime=True,
         env={"SPINE_NUM_THREADS": "4"}, rtol=1e-4, atol=1e-4),
    Case("forall_mbarrier_1_thread", KERNELS / "forall_mbarrier.mlir",
         lambda rng: [_uniform(rng, (128, 32)), np.full((8,), -1.0, np.float32), _zeros((128, 32))],
         (2, 1, 1), _forall_mbarrier_ref, kernel="forall_mbarrier", needs_runtime=True,
         env={"SPINE_NUM_THREADS": "1"}, rtol=1e-4, atol=1e-4),
]


def _grid3d_ref(a):
    out = _f64(a[0]).reshape(2, 3, 2, 8).copy()  # [z][y][x][8]
    for z in range(2):
        for y in range(3):
            for x in range(2):
                out[z, y, x] += x + 10 * y + 100 * z
    return {1: out.reshape(96)}


def _reshape_reduce_ref(a):
    x = _f64(a[0]).reshape(8, 24)
    s = x.sum(axis=1)
    return {1: s, 2: (x * s[:, None]).reshape(192)}


def _scf_if_ref(a):
    x = _f64(a[0]).reshape(4, 64)
    return {1: np.where((np.arange(4) % 2 == 0)[:, None], x * 2, x + 10).reshape(256)}


CASES += [
    # f16 in and out, math in f16: rtol/atol 1e-2.
    _unary_case("silu_f16", lambda x: x * _sigmoid(x), F16, in_dtype=np.float16, out_dtype=np.float16),
    Case("where_mask_tensor", KERNELS / "where_mask_tensor.mlir",
         lambda rng: [_uniform(rng, (16, 40)), _uniform(rng, (16, 40)), _zeros((16, 40))],
         (2, 1, 1), lambda a: {2: np.where(a[0] > a[1], _f64(a[0]) * 2, _f64(a[1]) - 1)}, **F32),
    Case("reduce_i32", KERNELS / "reduce_i32.mlir",
         lambda rng: [_ints(rng, (6, 37), -100000, 100000, np.int32), _zeros((6,), np.int32),
                      _zeros((6,), np.int32)],
         (1, 1, 1), lambda a: {1: a[0].astype(np.int64).sum(axis=1), 2: a[0].max(axis=1)}, **EXACT),
    Case("colmajor_load", KERNELS / "colmajor_load.mlir",
         lambda rng: [_uniform(rng, (16, 24)), _zeros((24, 16))],
         (1, 1, 1), lambda a: {1: _f64(a[0]).T + 1}, **F32),
    Case("scf_if_tensor", KERNELS / "scf_if_tensor.mlir",
         lambda rng: [_uniform(rng, (256,)), _zeros((256,))],
         (4, 1, 1), _scf_if_ref, **F32),
    Case("reshape_reduce", KERNELS / "reshape_reduce.mlir",
         lambda rng: [_uniform(rng, (192,)), _zeros((8,)), _zeros((192,))],
         (2, 1, 1), _reshape_reduce_ref, **F32_SUM),
    # f16 accumulation over K = 40 of products in [-1, 1]: rtol/atol 2e-2.
    Case("matmul_f16_acc_f16", KERNELS / "matmul_f16_acc_f16.mlir",
         lambda rng: [_uniform(rng, (32, 40), dtype=np.float16),
                      _uniform(rng, (40, 24), dtype=np.float16), _zeros((32, 24), np.float16)],
         (2, 1, 1), lambda a: {2: _f64(a[0]) @ _f64(a[1])}, rtol=2e-2, atol=2e-2),
    Case("grid3d", KERNELS / "grid3d.mlir",
         lambda rng: [_uniform(rng, (96,)), _zeros((96,))],
         (2, 3, 2), _grid3d_ref, **F32),
    Case("softmax_f16", KERNELS / "softmax_f16.mlir",
         lambda rng: [_uniform(rng, (6, 80), -4, 4, dtype=np.float16), _zeros((6, 80), np.float16)],
         (6, 1, 1), lambda a: {1: _softmax(_f64(a[0]))}, rtol=1e-2, atol=1e-3),
]


def _quantize_ref(a):
    x, sc = _f64(a[0]), _f64(a[1])[:, None]
    q = np.clip(np.round(x / sc), -128, 127)  # np.round is round-half-even
    return {2: q, 3: q * sc}


def _uint_ref(a):
    x = a[0].view(np.uint32).astype(np.uint64)
    r = (((x // 7) + (x % 13)) >> 2) ^ (x.astype(np.float32) > np.float32(2 ** 31)).astype(np.uint64)
    return {1: r.astype(np.uint32).view(np.int32)}


def _masked_empty_ref(a):
    return {1: _f64(a[0]) + 1}


CASES += [
    Case("matmul_at_maps", KERNELS / "matmul_at_maps.mlir",
         lambda rng: [_uniform(rng, (28, 20)), _uniform(rng, (28, 24)), _zeros((20, 24))],
         (1, 1, 1), lambda a: {2: _f64(a[0]).T @ a[1]}, **F32_SUM),
    # The frontend's copy-form loads read in place (speir-forward-loads), the
    # N x K weight's linalg.transpose folded into the matmul (B read through a
    # transposed view): K x N and N x K weights, M = 1 (GEMV) and 5.
    Case("linear_copy_kn_m1", KERNELS / "linear_copy_kn_m1.mlir",
         lambda rng: [_uniform(rng, (1, 67)), _uniform(rng, (67, 45)), _zeros((1, 45))],
         (1, 1, 1), lambda a: {2: _f64(a[0]) @ _f64(a[1])}, **F32_SUM),
    Case("linear_copy_kn_m5", KERNELS / "linear_copy_kn_m5.mlir",
         lambda rng: [_uniform(rng, (5, 67)), _uniform(rng, (67, 45)), _zeros((5, 45))],
         (1, 1, 1), lambda a: {2: _f64(a[0]) @ _f64(a[1])}, **F32_SUM),
    Case("linear_copy_nk_m1", KERNELS / "linear_copy_nk_m1.mlir",
         lambda rng: [_uniform(rng, (1, 67)), _uniform(rng, (45, 67)), _zeros((1, 45))],
         (1, 1, 1), lambda a: {2: _f64(a[0]) @ _f64(a[1]).T}, **F32_SUM),
    Case("linear_copy_nk_m5", KERNELS / "linear_copy_nk_m5.mlir",
         lambda rng: [_uniform(rng, (5, 67)), _uniform(rng, (45, 67)), _zeros((5, 45))],
         (1, 1, 1), lambda a: {2: _f64(a[0]) @ _f64(a[1]).T}, **F32_SUM),
    # Quantized values exact; dequantized exact up to f32 rounding of q * scale.
    Case("quantize_i8", KERNELS / "quantize_i8.mlir",
         lambda rng: [_uniform(rng, (6, 40), -3, 3), _uniform(rng, (6,), 0.01, 0.03),
                      _zeros((6, 40), np.int8), _zeros((6, 40))],
         (1, 1, 1), _quantize_ref, **F32),
    Case("uint_ops", KERNELS / "uint_ops.mlir",
         lambda rng: [rng.integers(0, 2 ** 32, size=(100,), dtype=np.uint64).astype(np.uint32).view(np.int32),
                      _zeros((100,), np.int32)],
         (1, 1, 1), _uint_ref, **EXACT),
    Case("colsum_generic", KERNELS / "colsum_generic.mlir",
         lambda rng: [_uniform(rng, (33, 20)), _uniform(rng, (20,))],
         (1, 1, 1), lambda a: {1: _f64(a[1]) + _f64(a[0]).sum(axis=0)}, **F32_SUM),
    Case("masked_empty_programs", KERNELS / "masked_empty_programs.mlir",
         lambda rng: [_uniform(rng, (150,)), _zeros((150,)), Scalar("int32_t", 150)],
         (6, 1, 1), _masked_empty_ref, **F32),
    Case("matmul_tt_k1", KERNELS / "matmul_tt_k1.mlir",
         lambda rng: [_uniform(rng, (1, 16)), _uniform(rng, (32, 1)), _zeros((16, 32))],
         (2, 2, 1), lambda a: {2: _f64(a[0]).T @ _f64(a[1]).T}, **F32_SUM),
    Case("matmul_broadcast_rows", KERNELS / "matmul_broadcast_rows.mlir",
         lambda rng: [_uniform(rng, (32,)), _uniform(rng, (32, 24)), _zeros((4, 24))],
         (3, 1, 1), lambda a: {2: np.repeat((_f64(a[0]) @ _f64(a[1]))[None, :], 4, axis=0)}, **F32_SUM),
    Case("mmt4d_f16_8x1x8", KERNELS / "mmt4d_f16_8x1x8.mlir",
         lambda rng: [_uniform(rng, (20, 7), dtype=np.float16), _uniform(rng, (7, 19), dtype=np.float16),
                      _zeros((20, 19))],
         (1, 1, 1), lambda a: {2: _f64(a[0]) @ _f64(a[1])}, **F32_SUM),
]


def _online_softmax_args(rng):
    return [_uniform(rng, (3, 200), -5, 5), _zeros((3, 200)), Scalar("int32_t", 200)]


def _bf16_bits(f32):
    """float32 -> bf16 bit patterns, round to nearest even."""
    b = f32.astype(np.float32).view(np.uint32).astype(np.uint64)
    return ((b + 0x7FFF + ((b >> 16) & 1)) >> 16).astype(np.uint16)


def _bf16_to_f32(bits):
    return (bits.astype(np.uint32) << 16).view(np.float32)


def _bf16_scale_ref(a):
    x = _bf16_to_f32(a[0])
    return {1: _bf16_bits(x * np.float32(2.5) + np.float32(1.0))}


CASES += [
    Case("softmax_online", KERNELS / "softmax_online.mlir", _online_softmax_args,
         (3, 1, 1), lambda a: {1: _softmax(_f64(a[0]))}, **F32_MATH),
    Case("concat_multi_out", KERNELS / "concat_multi_out.mlir",
         lambda rng: [_uniform(rng, (8, 16)), _uniform(rng, (8, 24)), _zeros((8, 40)), _zeros((8, 40))],
         (1, 1, 1),
         lambda a: (lambda c: {2: c + 1, 3: c * c})(np.concatenate([_f64(a[0]), _f64(a[1])], axis=1)),
         **F32),
    # bf16 buffers travel as uint16 bit patterns; the result bits must equal
    # round-to-nearest-even of the f32 computation exactly.
    Case("bf16_scale", KERNELS / "bf16_scale.mlir",
         lambda rng: [_bf16_bits(_uniform(rng, (256,), -8, 8)), np.zeros((256,), np.uint16)],
         (2, 1, 1), _bf16_scale_ref, **EXACT),
]


def _matmul_full_args(rng):
    M, N, K = 37, 29, 70
    return [_uniform(rng, (M, K), dtype=np.float16), _uniform(rng, (K, N), dtype=np.float16),
            _uniform(rng, (N,)), np.full((M, N), 3.0, np.float32),
            *[Scalar("int32_t", v) for v in (M, N, K, K, 1, N, 1, N, 1)]]


CASES += [
    Case("scalar_load_i64", KERNELS / "scalar_load_i64.mlir",
         lambda rng: [_uniform(rng, (300,)), np.array([1.5], np.float32), _zeros((300,)),
                      Scalar("int64_t", 300), Scalar("float", -0.25)],
         (3, 1, 1), lambda a: {2: _f64(a[0]) * 1.5 - 0.25}, **F32),
    # f16 products summed in f32 over K = 70: rtol/atol 1e-4.
    Case("matmul_triton_full", KERNELS / "matmul_triton_full.mlir", _matmul_full_args,
         (3, 2, 1), lambda a: {3: _f64(a[0]) @ _f64(a[1]) + a[2]}, **F32_SUM),
]


def _bool_store_args(rng):
    x = _uniform(rng, (200,))
    x[::7] = 0.0
    return [x, _uniform(rng, (200,)), _ints(rng, (200,), -128, 127, np.int8), _ints(rng, (200,), -128, 127, np.int8),
            np.full((200,), 5, np.int8), np.zeros((200,), np.int8)]


CASES += [
    Case("reduce_3d_mid", KERNELS / "reduce_3d_mid.mlir",
         lambda rng: [_uniform(rng, (4, 6, 10)), _zeros((4, 10)), _zeros((4, 6))],
         (1, 1, 1), lambda a: {1: _f64(a[0]).sum(axis=1), 2: a[0].max(axis=2)}, **F32_SUM),
    Case("generic_transposed_out", KERNELS / "generic_transposed_out.mlir",
         lambda rng: [_uniform(rng, (12, 24)), _zeros((24, 12)), _uniform(rng, (3, 4, 5)), _zeros((5, 4, 3))],
         (1, 1, 1), lambda a: {1: (_f64(a[0]) * 3).T, 3: _f64(a[2]).transpose(2, 1, 0)}, **F32),
    Case("bool_store", KERNELS / "bool_store.mlir", _bool_store_args, (1, 1, 1),
         lambda a: {4: ((a[0] > a[1]) & (a[0] != 0)).astype(np.int64),
                    5: (a[2].astype(np.int64) + a[3] + 128) % 256 - 128}, **EXACT),
]


# llvm.call @spine_get_stream_threads, as the frontend emits it: with three
# threads and no SpacemiT core detected, one stream holds all three.
CASES += [
    Case("stream_threads", KERNELS / "stream_threads.mlir",
         lambda rng: [_uniform(rng, (40,)), _zeros((40,))], (1, 1, 1),
         lambda a: {1: _f64(a[0]) * 3}, needs_runtime=True, env={"SPINE_NUM_THREADS": "3"}, **F32),
]


# Convolution and pooling: speir.conv2d / speir.pool2d -> speir_conv2d /
# speir_pool2d in the fast pipeline, scalar loops in the reference one.
def _windows(x, kernel, out_hw, stride, dilation, pad_lo, fill):
    """NHWC windows of x: an array [KH, KW, N, OH, OW, C] (float64), padding
    read as `fill`."""
    n, h, w, c = x.shape
    oh, ow = out_hw
    (kh, kw), (sh, sw), (dh, dw), (ph, pw) = kernel, stride, dilation, pad_lo
    big = np.full((n, h + ph + kh * dh + oh * sh, w + pw + kw * dw + ow * sw, c), fill)
    big[:, ph:ph + h, pw:pw + w, :] = x
    return np.stack([np.stack([big[:, ky * dh:ky * dh + oh * sh:sh, kx * dw:kx * dw + ow * sw:sw, :]
                               for kx in range(kw)]) for ky in range(kh)])


def _conv_nhwc(x, w, out_hw, stride=(1, 1), dilation=(1, 1), pad_lo=(0, 0)):
    win = _windows(_f64(x), w.shape[:2], out_hw, stride, dilation, pad_lo, 0.0)
    return np.einsum("yxnhwc,yxcf->nhwf", win, _f64(w))


def _depthwise_nhwc(x, w, out_hw, stride=(1, 1), dilation=(1, 1), pad_lo=(0, 0)):
    win = _windows(_f64(x), w.shape[:2], out_hw, stride, dilation, pad_lo, 0.0)
    return np.einsum("yxnhwc,yxc->nhwc", win, _f64(w))


def _pool_nhwc(x, kind, kernel, out_hw, stride=(1, 1), dilation=(1, 1), pad_lo=(0, 0)):
    fill = {"max": -np.inf, "min": np.inf, "sum": 0.0}[kind]
    win = _windows(_f64(x), kernel, out_hw, stride, dilation, pad_lo, fill)
    return {"max": np.max, "min": np.min, "sum": np.sum}[kind](win, axis=(0, 1))


def _nchw(f, x, *args, **kw):
    """f applied in NHWC to an NCHW x, the result back in NCHW."""
    return f(x.transpose(0, 2, 3, 1), *args, **kw).transpose(0, 3, 1, 2)


CASES += [
    Case("conv_nhwc_pad", KERNELS / "conv_nhwc_pad.mlir",
         lambda rng: [_uniform(rng, (1, 9, 9, 8)), _uniform(rng, (3, 3, 8, 16)), _zeros((1, 9, 9, 16))],
         (1, 1, 1), lambda a: {2: _conv_nhwc(a[0], a[1], (9, 9), pad_lo=(1, 1))}, **F32_SUM),
    Case("conv_nchw_stride2", KERNELS / "conv_nchw_stride2.mlir",
         lambda rng: [_uniform(rng, (2, 8, 11, 11)), _uniform(rng, (12, 8, 3, 3)), _uniform(rng, (2, 12, 5, 5))],
         (1, 1, 1),
         lambda a: {2: a[2] + _nchw(_conv_nhwc, a[0], a[1].transpose(2, 3, 1, 0), (5, 5), stride=(2, 2))},
         **F32_SUM),
    Case("conv_nhwc_dilated", KERNELS / "conv_nhwc_dilated.mlir",
         lambda rng: [_uniform(rng, (1, 8, 9, 5)), _uniform(rng, (3, 3, 5, 10)), _zeros((1, 6, 7, 10))],
         (1, 1, 1),
         lambda a: {2: _conv_nhwc(a[0], a[1], (6, 7), dilation=(2, 2), pad_lo=(1, 2))}, **F32_SUM),
    Case("conv_1x1_stride2", KERNELS / "conv_1x1_stride2.mlir",
         lambda rng: [_uniform(rng, (1, 14, 14, 16)), _uniform(rng, (1, 1, 16, 24)), _zeros((1, 7, 7, 24))],
         (1, 1, 1), lambda a: {2: _conv_nhwc(a[0], a[1], (7, 7), stride=(2, 2))}, **F32_SUM),
    Case("conv_f16_f32", KERNELS / "conv_f16_f32.mlir",
         lambda rng: [_uniform(rng, (1, 8, 8, 12), dtype=np.float16),
                      _uniform(rng, (3, 3, 12, 8), dtype=np.float16), _zeros((1, 6, 6, 8))],
         (1, 1, 1), lambda a: {2: _conv_nhwc(a[0], a[1], (6, 6))}, **F32_SUM),
    Case("conv_i8_i32", KERNELS / "conv_i8_i32.mlir",
         lambda rng: [_ints(rng, (1, 7, 7, 16), -128, 127, np.int8), _ints(rng, (3, 3, 16, 32), -128, 127, np.int8),
                      _zeros((1, 7, 7, 32), np.int32)],
         (1, 1, 1), lambda a: {2: _conv_nhwc(a[0], a[1], (7, 7), pad_lo=(1, 1))}, uses_ime=True, **EXACT),
    Case("depthwise_nhwc", KERNELS / "depthwise_nhwc.mlir",
         lambda rng: [_uniform(rng, (1, 10, 10, 20)), _uniform(rng, (3, 3, 20)), _zeros((1, 5, 5, 20))],
         (1, 1, 1),
         lambda a: {2: _depthwise_nhwc(a[0], a[1], (5, 5), stride=(2, 2), pad_lo=(1, 1))}, **F32_SUM),
    Case("depthwise_nchw", KERNELS / "depthwise_nchw.mlir",
         lambda rng: [_uniform(rng, (1, 6, 9, 9)), _uniform(rng, (6, 3, 3)), _uniform(rng, (1, 6, 5, 5))],
         (1, 1, 1),
         lambda a: {2: a[2] + _nchw(_depthwise_nhwc, a[0], a[1].transpose(1, 2, 0), (5, 5), dilation=(2, 2))},
         **F32_SUM),
    Case("maxpool_nhwc", KERNELS / "maxpool_nhwc.mlir",
         lambda rng: [_uniform(rng, (1, 12, 12, 16)), _zeros((1, 6, 6, 16))],
         (1, 1, 1),
         lambda a: {1: _pool_nhwc(a[0], "max", (3, 3), (6, 6), stride=(2, 2), pad_lo=(1, 1))}, **EXACT),
    Case("sumpool_nchw", KERNELS / "sumpool_nchw.mlir",
         lambda rng: [_uniform(rng, (2, 5, 9, 9)), _zeros((2, 5, 4, 4))],
         (1, 1, 1), lambda a: {1: _nchw(_pool_nhwc, a[0], "sum", (2, 2), (4, 4), stride=(2, 2))}, **F32),
    Case("minpool_nhwc_acc", KERNELS / "minpool_nhwc_acc.mlir",
         lambda rng: [_uniform(rng, (1, 9, 9, 7)), _uniform(rng, (1, 4, 4, 7))],
         (1, 1, 1),
         lambda a: {1: np.minimum(a[1], _pool_nhwc(a[0], "min", (3, 3), (4, 4), stride=(2, 2)))}, **EXACT),
]

CASES += [
    Case("maxpool_i8_i32", KERNELS / "maxpool_i8_i32.mlir",
         lambda rng: [_ints(rng, (1, 9, 9, 12), -128, 127, np.int8), _zeros((1, 4, 4, 12), np.int32)],
         (1, 1, 1), lambda a: {1: _pool_nhwc(a[0], "max", (3, 3), (4, 4), stride=(2, 2))}, **EXACT),
]

CASES += [
    Case("conv_nhwc_fhwc", KERNELS / "conv_nhwc_fhwc.mlir",
         lambda rng: [_uniform(rng, (1, 10, 10, 6)), _uniform(rng, (12, 3, 3, 6)), _zeros((1, 9, 9, 12))],
         (1, 1, 1),
         lambda a: {2: _conv_nhwc(a[0], a[1].transpose(1, 2, 3, 0), (9, 9), pad_lo=(1, 1))}, **F32_SUM),
]


def _forall_3d_ref(a):
    rows, cols = np.arange(24)[:, None], np.arange(40)[None, :]
    blk, k = rows // 4, cols // 8
    i, j = blk // 3, blk % 3
    return {1: _f64(a[0]) * 2 + (100 * i + 10 * j + k)}


# A 3-D forall: the outlined range body's delinearization, end to end.
CASES += [
    Case("forall_3d", KERNELS / "forall_3d.mlir",
         lambda rng: [_uniform(rng, (24, 40)), _zeros((24, 40))],
         (1, 1, 1), _forall_3d_ref, needs_runtime=True, **F32),
]

# Kernels the fast pipeline once rejected while the reference compiled them
# (issue 16's parity failures): a strided operand broadcast along rows, f64
# math without LLVM intrinsics (libm calls on vectors).
CASES += [
    Case("strided_broadcast", KERNELS / "strided_broadcast.mlir",
         lambda rng: [_uniform(rng, (96,)), _uniform(rng, (6, 40)), _zeros((6, 40))],
         (1, 1, 1), lambda a: {2: _f64(a[0])[::16][:, None] * a[1]}, **F32),
    Case("gelu_f64", KERNELS / "gelu_f64.mlir",
         lambda rng: [_uniform(rng, (100,), -3, 3, np.float64), np.zeros((100,), np.float64)],
         (1, 1, 1),
         lambda a: {1: np.tanh(np.exp(0.5 * a[0] * (1 + _erf(a[0] / np.sqrt(2)))))}, rtol=1e-12, atol=1e-12),
]


# GEMM epilogues (issue 14): the elementwise tail of a decode-shaped matmul
# runs as speir.gemm's epilogue (speir_gemm_fused) with enable-epilogue-fusion
# (by default), as a separate loop in "unfused"; M in {1, 4, 17}, odd N = 37,
# K = 29.
# test/Pipelines/gemm-epilogue-fusion.mlir checks that these kernels fuse.
def _silu(x):
    return x / (1 + np.exp(-x))


def _epilogue_cases(M):
    return [
        Case(f"matmul_bias_silu_decode_m{M}", KERNELS / "matmul_bias_silu_decode.mlir",
             lambda rng: [_uniform(rng, (M, 29)), _uniform(rng, (29, 37)), _uniform(rng, (37,)),
                          _zeros((M, 37)), Scalar("int32_t", M)],
             (1, 1, 1), lambda a: {3: _silu(_f64(a[0]) @ a[1] + a[2])},
             kernel="matmul_bias_silu_decode", needs_runtime=True, compare_fused=True,
             **F32_SUM),
        Case(f"matmul_bias_relu_residual_f16_m{M}", KERNELS / "matmul_bias_relu_residual_f16.mlir",
             lambda rng: [_uniform(rng, (M, 29)), _uniform(rng, (29, 37)),
                          _uniform(rng, (37,), dtype=np.float16),
                          _uniform(rng, (M, 37), dtype=np.float16),
                          _zeros((M, 37), np.float16), Scalar("int32_t", M)],
             (1, 1, 1),
             lambda a: {4: (np.maximum(_f64(a[0]) @ a[1] + _f64(a[2]), 0)
                            + _f64(a[3])).astype(np.float16)},
             kernel="matmul_bias_relu_residual_f16", needs_runtime=True, compare_fused=True,
             rtol=1e-3, atol=1e-3),
        Case(f"matmul_i8_dequant_m{M}", KERNELS / "matmul_i8_dequant.mlir",
             lambda rng: [_ints(rng, (M, 29), -128, 127, np.int8),
                          _ints(rng, (29, 37), -128, 127, np.int8),
                          _uniform(rng, (37,), 1e-3, 1e-2), _uniform(rng, (37,)),
                          _zeros((M, 37)), Scalar("int32_t", M)],
             (1, 1, 1),
             lambda a: {4: (a[0].astype(np.int64) @ a[1].astype(np.int64)).astype(np.float32)
                        .astype(np.float64) * a[2] + a[3]},
             kernel="matmul_i8_dequant", needs_runtime=True, compare_fused=True,
             **F32_SUM),
    ]


CASES += [case for M in (1, 4, 17) for case in _epilogue_cases(M)]

# The generated epilogue matrix: every contraction type x B layout x
# epilogue step once (epilogue_matrix.py).
CASES += matrix_cases(Case)

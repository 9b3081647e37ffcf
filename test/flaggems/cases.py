"""The FlagGems case table: one Case per operator (the aten op FlagGems
registers), its call, input makers, shapes (a small non-power-of-2 one and a
larger one) and dtypes. The reference is the same call in torch eager on
float64 copies of the inputs (FlagGems' tests upcast theirs), rounded to the
output dtype torch gives; random operators are checked by their statistics.
"""

import math

import torch
import torch.nn.functional as F

F32, F16, BF16 = torch.float32, torch.float16, torch.bfloat16
FLOAT = (F32, F16, BF16)
I32, I64, BOOL = torch.int32, torch.int64, torch.bool

# 2-D shapes: small with odd extents, and larger (more than one program).
# Extents are not multiples of 16, so where the block sizes agree, Triton's
# divisibility specialization does not compile a second kernel for the
# larger shape (the suite's time is mostly compilation).
PW = [(17, 33), (127, 1031)]
RED = [(17, 33), (63, 1031)]
MAT = [(17, 33, 9), (63, 95, 131)]  # (M, K, N)


class Case:

    def __init__(self, name, fn, make, dtypes=FLOAT, shapes=PW, aten=None, ref=None, check=None, upcast=True,
                 reduce_dim=None, flaky=None, isolate=None):
        self.name = name
        self.fn = fn
        self.ref = ref or fn
        self.make = make
        self.dtypes = tuple(dtypes)
        self.shapes = list(shapes)
        self.aten = aten or name
        self.check = check
        self.upcast = upcast
        self.reduce_dim = reduce_dim
        # A known nondeterministic failure (e.g. a crash that depends on what
        # masked-off lanes hold): run in a subprocess, never counted as a pass.
        self.flaky = flaky
        # A case whose kernels are known to corrupt memory or crash: the
        # pytest suite runs it in a worker process.
        self.isolate = isolate


# ---- input makers (shape, dtype) -> args ---------------------------------


def randn(shape, dtype):
    return torch.randn(shape, dtype=torch.float32).to(dtype)


def rand_in(lo, hi):
    return lambda shape, dtype: (lo + (hi - lo) * torch.rand(shape, dtype=torch.float32)).to(dtype)


def one(maker):
    return lambda shape, dtype: (maker(shape, dtype), )


def two(maker, maker2=None):
    maker2 = maker2 or maker
    return lambda shape, dtype: (maker(shape, dtype), maker2(shape, dtype))


def ints(shape, dtype, lo=-100, hi=100):
    return torch.randint(lo, hi, shape, dtype=dtype)


def small_ints(shape, dtype):
    return torch.randint(0, 8, shape, dtype=dtype)


def bools(shape, dtype=BOOL):
    return torch.rand(shape) > 0.5


def any_of(shape, dtype):
    if dtype == BOOL:
        return bools(shape)
    if dtype.is_floating_point:
        return randn(shape, dtype)
    return ints(shape, dtype)


def with_ties(shape, dtype):
    """Values drawn from few levels, so comparisons see equal elements."""
    return torch.randint(-3, 4, shape).to(dtype)


def nonzero_den(shape, dtype):
    x = torch.randn(shape)
    return torch.where(x.abs() < 0.1, torch.full_like(x, 0.5), x).to(dtype)


POS = rand_in(0.1, 4.0)
UNIT = rand_in(-0.9, 0.9)


# ---- checks for random operators -----------------------------------------


def check_fraction(values, lo, hi, what):
    assert lo <= values <= hi, "%s %.3f outside [%.3f, %.3f]" % (what, values, lo, hi)


def check_dropout(p):

    def check(res, args, shape, dtype):
        x = args[0]
        out = res.float()
        from flag_gems.testing import assert_close
        kept = out != 0
        assert_close(res[kept], (x.double() / (1 - p))[kept], dtype)  # kept elements are x/(1-p)
        check_fraction(1 - kept.float().mean().item(), p - 0.08, p + 0.08, "dropped fraction")

    return check


def check_uniform(lo, hi):

    def check(res, args, shape, dtype):
        assert res.dtype == dtype and tuple(res.shape) == tuple(shape), (res.dtype, res.shape)
        v = res.float()
        assert v.min() >= lo and v.max() <= hi, "values outside [%g, %g]" % (lo, hi)
        check_fraction(v.mean().item(), (lo + hi) / 2 - 0.05 * (hi - lo), (lo + hi) / 2 + 0.05 * (hi - lo), "mean")
        check_fraction(v.std().item(), (hi - lo) / math.sqrt(12) * 0.85, (hi - lo) / math.sqrt(12) * 1.15, "std")

    return check


def check_normal(mean, std):

    def check(res, args, shape, dtype):
        assert res.dtype == dtype and tuple(res.shape) == tuple(shape), (res.dtype, res.shape)
        v = res.float()
        check_fraction(v.mean().item(), mean - 0.15 * std, mean + 0.15 * std, "mean")
        check_fraction(v.std().item(), std * 0.85, std * 1.15, "std")

    return check


def check_exponential(res, args, shape, dtype):
    v = res.float()
    assert v.min() >= 0, "negative sample"
    check_fraction(v.mean().item(), 0.85, 1.15, "mean of exponential(1)")


def check_bernoulli(res, args, shape, dtype):
    v = res.float()
    assert ((v == 0) | (v == 1)).all(), "values other than 0 and 1"
    check_fraction(v.mean().item(), 0.22, 0.38, "fraction of ones (p=0.3)")


def check_randperm(res, args, shape, dtype):
    n = args[0]
    assert res.dtype == torch.int64 and res.shape == (n, ), (res.dtype, res.shape)
    assert torch.equal(torch.sort(res).values, torch.arange(n)), "not a permutation"
    assert not torch.equal(res, torch.arange(n)), "identity permutation"


def check_multinomial(res, args, shape, dtype):
    probs, n = args
    assert res.shape == (probs.shape[0], n) and res.dtype == torch.int64, (res.shape, res.dtype)
    assert (probs.gather(1, res) > 0).all(), "drew a zero-probability category"
    for row in res:
        assert row.unique().numel() == n, "drew a category twice without replacement"


def check_sort(descending):

    def check(res, args, shape, dtype):
        x = args[0]
        values, indices = res
        ref = torch.sort(x.float(), dim=-1, descending=descending, stable=True)
        assert values.dtype == dtype and indices.dtype == torch.int64
        assert torch.equal(values.float(), ref.values), "values not sorted as torch sorts them"
        assert torch.equal(x.gather(-1, indices), values), "indices do not point at the values"

    return check


def check_topk(k, largest):

    def check(res, args, shape, dtype):
        x = args[0]
        values, indices = res
        ref = torch.topk(x.float(), k, dim=-1, largest=largest)
        assert values.dtype == dtype and indices.dtype == torch.int64
        assert torch.equal(values.float(), ref.values), "values differ from torch.topk's"
        assert torch.equal(x.gather(-1, indices), values), "indices do not point at the values"

    return check


# ---- the table ------------------------------------------------------------


def _unary(name, fn, make=randn, dtypes=FLOAT, **kw):
    return Case(name, fn, one(make), dtypes, **kw)


def _binary(name, fn, make=randn, make2=None, dtypes=FLOAT, **kw):
    return Case(name, fn, two(make, make2), dtypes, **kw)


def _red(shape):
    return shape[-1]


def _all(shape):
    return math.prod(shape)


def _mm_k(shape):
    return shape[1]


def _mat(shape, dtype):
    m, k, n = shape
    return randn((m, k), dtype), randn((k, n), dtype)


def _bmat(shape, dtype):
    m, k, n = shape
    return randn((3, m, k), dtype), randn((3, k, n), dtype)


def _index(shape, dtype):
    x = randn(shape, dtype)
    return x, torch.randint(0, shape[0], (shape[0] * 2, ))


def _gather(shape, dtype):
    x = randn(shape, dtype)
    return x, torch.randint(0, shape[1], (shape[0], shape[1] // 2))


def _scatter(shape, dtype):
    x = randn(shape, dtype)
    # distinct indices per row: scatter's result is then defined
    idx = torch.stack([torch.randperm(shape[1])[:shape[1] // 2] for _ in range(shape[0])])
    return x, idx, randn(idx.shape, dtype)


def _scatter_dup(shape, dtype):
    x = randn(shape, dtype)
    idx = torch.randint(0, shape[1], (shape[0], shape[1] // 2))
    return x, idx, randn(idx.shape, dtype)


def _layer_norm(shape, dtype):
    return randn(shape, dtype), randn(shape[-1:], dtype), randn(shape[-1:], dtype)


def _group_norm(shape, dtype):
    n, c = shape[0] // 4 + 1, 8
    return randn((n, c, shape[1]), dtype), randn((c, ), dtype), randn((c, ), dtype)


def _batch_norm(shape, dtype):
    n, c = shape[0], 6
    return randn((n, c, shape[1]), dtype), randn((c, ), dtype), randn((c, ), dtype)


def _embedding(shape, dtype):
    return torch.randint(0, shape[0], (shape[0], 5)), randn(shape, dtype)


def _conv2d(shape, dtype):
    n, h = shape
    return randn((2, 3, n, h // 8 + 5), dtype), randn((4, 3, 3, 3), dtype)


def _pool_in(shape, dtype):
    n, h = shape
    return (randn((2, 3, n, h // 8 + 5), dtype), )


def _nll(shape, dtype):
    logits = torch.log_softmax(torch.randn(shape), dim=-1).to(dtype)
    return logits, torch.randint(0, shape[1], (shape[0], ))


def _mse(shape, dtype):
    return randn(shape, dtype), randn(shape, dtype)


def _masked(shape, dtype):
    return randn(shape, dtype), bools(shape)


def _where(shape, dtype):
    return bools(shape), randn(shape, dtype), randn(shape, dtype)


def _lerp(shape, dtype):
    small = rand_in(-0.1, 0.1)
    return small(shape, dtype), small(shape, dtype), small(shape, dtype)


def _three(shape, dtype):
    return randn(shape, dtype), randn(shape, dtype), nonzero_den(shape, dtype)


def _vec(shape, dtype):
    n = math.prod(shape)
    return randn((n, ), dtype), randn((n, ), dtype)


def _mv(shape, dtype):
    m, k, _ = shape
    return randn((m, k), dtype), randn((k, ), dtype)


def _addmv(shape, dtype):
    m, k, _ = shape
    return randn((m, ), dtype), randn((m, k), dtype), randn((k, ), dtype)


def _addmm(shape, dtype):
    m, k, n = shape
    return randn((m, n), dtype), randn((m, k), dtype), randn((k, n), dtype)


def _baddbmm(shape, dtype):
    m, k, n = shape
    return randn((3, m, n), dtype), randn((3, m, k), dtype), randn((3, k, n), dtype)


def _addr(shape, dtype):
    m, _, n = shape
    return randn((m, n), dtype), randn((m, ), dtype), randn((n, ), dtype)


def _kron(shape, dtype):
    m, k, n = shape
    return randn((m // 4 + 1, 3), dtype), randn((5, n // 4 + 1), dtype)


def _list3(shape, dtype):
    return ([randn(shape, dtype), randn(shape, dtype), randn(shape, dtype)], )


def _polar(shape, dtype):
    return rand_in(0.1, 2)(shape, dtype), randn(shape, dtype)


def _index_put(shape, dtype):
    x = randn(shape, dtype)
    rows = torch.randperm(shape[0])[:shape[0] // 2]
    return x, rows, randn((rows.numel(), shape[1]), dtype)


def _index_add(shape, dtype):
    x = randn(shape, dtype)
    idx = torch.randperm(shape[0])[:shape[0] // 2]
    return x, idx, randn((idx.numel(), shape[1]), dtype)


def _isin(shape, dtype):
    return ints(shape, dtype, 0, 50), torch.randint(0, 50, (20, ), dtype=dtype)


def _weight_norm(shape, dtype):
    return randn(shape, dtype), rand_in(0.5, 2)((shape[0], 1), dtype)


def _probs(shape, dtype):
    p = torch.rand(shape)
    p[:, ::3] = 0
    return p.to(dtype), 3


def _slice_scatter(shape, dtype):
    x = randn(shape, dtype)
    return x, randn((shape[0], len(range(1, shape[1], 2))), dtype)


def _select_scatter(shape, dtype):
    return randn(shape, dtype), randn((shape[0], ), dtype)


def _masked_scatter(shape, dtype):
    return randn(shape, dtype), bools(shape), randn(shape, dtype)


def _margin(shape, dtype):
    return randn(shape, dtype), randn(shape, dtype), torch.sign(torch.randn(shape)).to(dtype)


def _soft_margin(shape, dtype):
    return randn(shape, dtype), torch.sign(torch.randn(shape)).to(dtype)


def _pixel(shape, dtype):
    return (randn((2, 3, shape[0] // 2 * 2, 4 * (shape[1] // 8 + 1)), dtype), )


def _upsample(shape, dtype):
    return (randn((2, 3, shape[0] // 4 + 3, shape[1] // 16 + 3), dtype), )


def _upsample1d(shape, dtype):
    return (randn((2, 3, shape[1] // 4 + 3), dtype), )


def _sizes(shape, dtype):
    return (shape, )


INT_DT = (I32, I64)
# Operators FlagGems autotunes over many configs (each one a compile): f32
# and bf16 only, to keep the suite within its time.
HEAVY_DT = (F32, BF16)
CMP_DT = FLOAT + (I32, )

CASES = [
    # -- unary elementwise ------------------------------------------------
    _unary("abs", torch.abs, dtypes=FLOAT + (I32, )),
    _unary("abs_", lambda x: x.abs_()),
    _unary("neg", torch.neg, dtypes=FLOAT + (I32, )),
    _unary("neg_", lambda x: x.neg_()),
    _unary("exp", torch.exp),
    _unary("exp_", lambda x: x.exp_()),
    _unary("exp2", torch.exp2),
    _unary("expm1", torch.expm1),
    _unary("log", torch.log, POS),
    _unary("log10", torch.log10, POS),
    _unary("log1p_", lambda x: x.log1p_(), POS),
    _unary("sqrt", torch.sqrt, POS),
    _unary("rsqrt", torch.rsqrt, POS),
    _unary("reciprocal", torch.reciprocal, POS),
    _unary("square", torch.square),
    _unary("sin", torch.sin),
    _unary("cos", torch.cos),
    _unary("tan", torch.tan, UNIT),
    _unary("tanh", torch.tanh),
    _unary("atan", torch.atan),
    _unary("acos", torch.acos, UNIT),
    _unary("arcsinh", torch.arcsinh),
    _unary("asinh_", lambda x: x.asinh_()),
    _unary("arctanh_", lambda x: x.arctanh_(), UNIT),
    _unary("sinh_", lambda x: x.sinh_()),
    _unary("cosh", torch.cosh),
    _unary("erf", torch.erf),
    _unary("sigmoid", torch.sigmoid),
    _unary("logit", torch.logit, rand_in(0.05, 0.95)),
    _unary("ceil", torch.ceil),
    _unary("floor_", lambda x: x.floor_()),
    _unary("round", torch.round),
    _unary("sgn_", lambda x: x.sgn_()),
    _unary("signbit", torch.signbit),
    _unary("i0", torch.i0),
    _unary("special_i0e", torch.special.i0e),
    _unary("special_i1", torch.special.i1),
    _unary("digamma_", lambda x: x.digamma_(), POS),
    _unary("relu", torch.relu),
    _unary("relu6", F.relu6),
    _unary("gelu", F.gelu),
    _unary("gelu(tanh)", lambda x: F.gelu(x, approximate="tanh"), aten="gelu"),
    _unary("silu", F.silu),
    _unary("elu", F.elu),
    _unary("celu", F.celu),
    _unary("selu", F.selu),
    _unary("hardsigmoid", F.hardsigmoid),
    _unary("hardswish_", lambda x: F.hardswish(x, inplace=True)),
    _unary("softplus", F.softplus),
    _unary("softshrink", F.softshrink),
    _unary("log_sigmoid", F.logsigmoid),
    _unary("threshold", lambda x: F.threshold(x, 0.5, -1.0)),
    _unary("clamp", lambda x: torch.clamp(x, -0.5, 0.7), dtypes=FLOAT + (I32, )),
    _unary("clamp_min", lambda x: torch.clamp_min(x, 0.2)),
    _unary("clip_", lambda x: x.clip_(-1.0, 1.0)),
    _unary("nan_to_num", torch.nan_to_num,
           lambda s, d: torch.where(torch.rand(s) < 0.1, torch.tensor(float("nan")), torch.randn(s)).to(d)),
    _unary("isnan", torch.isnan, lambda s, d: torch.log(torch.randn(s)).to(d)),
    _unary("isinf", torch.isinf, lambda s, d: (1 / torch.randint(-2, 3, s).float()).to(d)),
    _unary("isfinite", torch.isfinite, lambda s, d: torch.log(torch.randn(s)).to(d)),
    _unary("isneginf", torch.isneginf, lambda s, d: (1 / torch.randint(-2, 3, s).float()).to(d)),
    _unary("angle", torch.angle),
    _unary("logical_not", torch.logical_not, any_of, dtypes=(F32, I32, BOOL)),
    _unary("bitwise_not", torch.bitwise_not, any_of, dtypes=(I32, I64, BOOL)),
    _unary("_to_copy", lambda x: x.to(torch.float32 if x.dtype != torch.float32 else torch.float16)),
    _unary("copy_", lambda x: torch.empty_like(x).copy_(x)),
    # -- binary elementwise -----------------------------------------------
    _binary("add", torch.add, dtypes=FLOAT + (I32, ), make=any_of),
    _binary("add_", lambda x, y: x.add_(y, alpha=2)),
    _binary("sub", torch.sub, dtypes=FLOAT + (I32, ), make=any_of),
    _binary("mul", torch.mul, dtypes=FLOAT + (I32, ), make=any_of),
    _binary("mul_", lambda x, y: x.mul_(y)),
    _binary("div", torch.div, make2=nonzero_den),
    _binary("div(floor)", lambda x, y: torch.div(x, y, rounding_mode="floor"), make2=nonzero_den, aten="div"),
    _binary("div(trunc)", lambda x, y: torch.div(x, y, rounding_mode="trunc"), make2=nonzero_den, aten="div"),
    _binary("floor_divide", torch.floor_divide, make=lambda s, d: ints(s, d), make2=lambda s, d: ints(s, d, 1, 9),
            dtypes=INT_DT),
    _binary("remainder", torch.remainder, make2=nonzero_den, dtypes=FLOAT),
    _binary("pow", torch.pow, make=POS),
    _unary("pow.Tensor_Scalar", lambda x: torch.pow(x, 3), aten="pow"),
    _unary("pow.Scalar", lambda x: torch.pow(2.0, x), aten="pow"),
    _binary("maximum", torch.maximum, make=any_of, dtypes=CMP_DT),
    _binary("minimum", torch.minimum, make=any_of, dtypes=CMP_DT),
    _binary("fmin", torch.fmin),
    _binary("atan2", torch.atan2),
    _binary("hypot", torch.hypot),
    _binary("copysign", torch.copysign),
    _binary("logaddexp", torch.logaddexp),
    Case("lerp", torch.lerp, _lerp, upcast=False),  # as FlagGems' test: small inputs, same-dtype reference
    Case("addcmul", lambda x, y, z: torch.addcmul(x, y, z, value=0.5), _three),
    Case("addcdiv", lambda x, y, z: torch.addcdiv(x, y, z, value=0.5), _three),
    _binary("eq", torch.eq, make=with_ties, dtypes=CMP_DT),
    _binary("ne", torch.ne, make=with_ties, dtypes=CMP_DT),
    _binary("lt", torch.lt, make=with_ties, dtypes=CMP_DT),
    _binary("le", torch.le, make=with_ties, dtypes=CMP_DT),
    _binary("gt", torch.gt, make=with_ties, dtypes=CMP_DT),
    _binary("ge", torch.ge, make=with_ties, dtypes=CMP_DT),
    _unary("gt(scalar)", lambda x: torch.gt(x, 0.25), aten="gt"),
    _binary("logical_and", torch.logical_and, make=any_of, dtypes=(BOOL, I32)),
    _binary("logical_or", torch.logical_or, make=any_of, dtypes=(BOOL, I32)),
    _binary("logical_xor", torch.logical_xor, make=any_of, dtypes=(BOOL, I32)),
    _binary("bitwise_and", torch.bitwise_and, make=any_of, dtypes=(I32, I64, BOOL)),
    _binary("bitwise_or", torch.bitwise_or, make=any_of, dtypes=(I32, I64, BOOL)),
    _binary("bitwise_left_shift", torch.bitwise_left_shift, make=any_of, make2=lambda s, d: ints(s, d, 0, 8),
            dtypes=INT_DT),
    _binary("bitwise_right_shift", torch.bitwise_right_shift, make=any_of, make2=lambda s, d: ints(s, d, 0, 8),
            dtypes=INT_DT),
    _binary("isclose", lambda x, y: torch.isclose(x, y, rtol=1e-2, atol=1e-2),
            make2=lambda s, d: (torch.randn(s) * 0.01).to(d)),
    _binary("allclose", lambda x, y: torch.allclose(x, y, rtol=1e-2, atol=1e-1),
            make2=lambda s, d: (torch.randn(s) * 0.01).to(d)),
    _binary("equal", torch.equal, make=with_ties, make2=with_ties, dtypes=CMP_DT),
    Case("where", torch.where, _where),
    Case("masked_fill", lambda x, m: x.masked_fill(m, -2.5), _masked),
    Case("masked_fill_", lambda x, m: x.masked_fill_(m, 3.0), _masked),
    _binary("prelu", F.prelu, make2=lambda s, d: randn((1, ), d)),
    _unary("glu", F.glu, lambda s, d: randn((s[0], s[1] + s[1] % 2), d)),
    Case("polar", torch.polar, _polar, dtypes=(F32, )),
    # -- reductions ---------------------------------------------------------
    _unary("sum", torch.sum, shapes=RED, reduce_dim=_all),
    _unary("sum.dim", lambda x: torch.sum(x, dim=1), shapes=RED, reduce_dim=_red, aten="sum"),
    _unary("mean", torch.mean, shapes=RED),
    _unary("mean.dim", lambda x: torch.mean(x, dim=0), shapes=RED, aten="mean"),
    _unary("prod", lambda x: torch.prod(x, dim=1), rand_in(0.9, 1.1), shapes=RED),
    _unary("amax", lambda x: torch.amax(x, dim=1), shapes=RED),
    _unary("max", torch.max, shapes=RED),
    _unary("max.dim", lambda x: torch.max(x, dim=1), shapes=RED, aten="max"),
    _unary("min", torch.min, shapes=RED),
    _unary("min.dim", lambda x: torch.min(x, dim=0), shapes=RED, aten="min"),
    _unary("aminmax", lambda x: torch.aminmax(x, dim=1), shapes=RED),
    _unary("argmax", lambda x: torch.argmax(x, dim=1), shapes=RED),
    _unary("argmin", lambda x: torch.argmin(x, dim=1), shapes=RED,
           isolate="wrong indices, then heap corruption (the process aborts later) or a hang"),
    _unary("all", lambda x: torch.all(x, dim=1), lambda s, d: torch.rand(s) > 0.01, dtypes=(BOOL, ), shapes=RED),
    _unary("any", lambda x: torch.any(x, dim=1), lambda s, d: torch.rand(s) > 0.99, dtypes=(BOOL, ), shapes=RED),
    _unary("count_nonzero", lambda x: torch.count_nonzero(x, dim=1), with_ties, shapes=RED),
    _unary("var", lambda x: torch.var(x, dim=1), shapes=RED),
    _unary("std", lambda x: torch.std(x, dim=1), shapes=RED),
    _unary("var_mean", lambda x: torch.var_mean(x, dim=1), shapes=RED),
    _unary("linalg_vector_norm", lambda x: torch.linalg.vector_norm(x, dim=1), shapes=RED),
    _unary("cumsum", lambda x: torch.cumsum(x, dim=1), shapes=RED, reduce_dim=_red),
    _unary("cummax", lambda x: torch.cummax(x, dim=1), shapes=RED),
    _unary("cummin", lambda x: torch.cummin(x, dim=1), shapes=RED),
    _unary("softmax", lambda x: torch.softmax(x, dim=-1), shapes=RED, aten="_softmax"),
    _unary("log_softmax", lambda x: torch.log_softmax(x, dim=-1), shapes=RED, aten="_log_softmax"),
    _unary("trace", torch.trace, shapes=RED),
    Case("dot", torch.dot, _vec, shapes=RED, reduce_dim=_all),
    Case("vdot", torch.vdot, _vec, shapes=RED, reduce_dim=_all),
    Case("mse_loss", F.mse_loss, _mse, shapes=RED),
    Case("nll_loss", F.nll_loss, _nll, shapes=RED, aten="nll_loss_forward"),
    Case("soft_margin_loss", F.soft_margin_loss, _soft_margin, shapes=RED),
    Case("margin_ranking_loss", F.margin_ranking_loss, _margin, shapes=RED),
    _unary("quantile", lambda x: torch.quantile(x, torch.tensor([0.25, 0.5], dtype=x.dtype), dim=1), shapes=RED,
           dtypes=(F32, )),
    _unary("sort", lambda x: torch.sort(x, dim=-1, stable=True), shapes=RED, check=check_sort(False)),
    _unary("sort(descending)", lambda x: torch.sort(x, dim=-1, descending=True, stable=True), shapes=RED,
           check=check_sort(True), aten="sort"),
    _unary("topk", lambda x: torch.topk(x, 5, dim=-1), shapes=RED, check=check_topk(5, True)),
    _unary("unique_consecutive", lambda x: torch.unique_consecutive(x.flatten(), return_counts=True),
           lambda s, d: torch.sort(torch.randint(0, 40, s).flatten()).values.reshape(s).to(d), dtypes=(I32, I64),
           shapes=RED),
    _unary("_unique2", lambda x: torch.unique(x, sorted=True, return_inverse=True, return_counts=True),
           lambda s, d: torch.randint(0, 40, s, dtype=d), dtypes=(I32, I64), shapes=RED),
    _unary("nonzero", torch.nonzero, with_ties, dtypes=(F32, I32, BOOL), shapes=RED),
    Case("masked_select", torch.masked_select, _masked, shapes=RED),
    _unary("bincount", torch.bincount, lambda s, d: torch.randint(0, 50, (s[0] * s[1], ), dtype=d),
           dtypes=(I32, I64), shapes=RED),
    # -- normalizations -----------------------------------------------------
    Case("layer_norm", lambda x, w, b: F.layer_norm(x, x.shape[-1:], w, b), _layer_norm, shapes=RED,
         aten="native_layer_norm"),
    Case("rms_norm", lambda x, w, b: F.rms_norm(x, x.shape[-1:], w, eps=1e-6), _layer_norm, shapes=RED),
    Case("group_norm", lambda x, w, b: F.group_norm(x, 4, w, b), _group_norm, shapes=RED, aten="native_group_norm"),
    # Without running statistics FlagGems passes the input itself as their
    # buffers (ops/batch_norm.py: `running_mean = input if running_mean is
    # None`), and its kernel then overwrites input elements that other
    # programs still read: wrong on any device that does not run every
    # program at once. With them (as nn.BatchNorm in training has), it works.
    Case("batch_norm", lambda x, w, b: F.batch_norm(x, None, None, w, b, training=True), _batch_norm, shapes=RED,
         aten="native_batch_norm"),
    Case("batch_norm(running stats)",
         lambda x, w, b: F.batch_norm(x, torch.zeros(w.shape, dtype=x.dtype), torch.ones(w.shape, dtype=x.dtype), w,
                                      b, training=True), _batch_norm, shapes=RED, aten="native_batch_norm"),
    Case("weight_norm", lambda v, g: torch._weight_norm(v, g, 0), _weight_norm, shapes=RED, dtypes=HEAVY_DT,
         aten="_weight_norm_interface"),
    # -- matrix products ----------------------------------------------------
    Case("mm", torch.mm, _mat, shapes=MAT, reduce_dim=_mm_k),
    Case("bmm", torch.bmm, _bmat, shapes=MAT, reduce_dim=_mm_k),
    Case("addmm", lambda c, a, b: torch.addmm(c, a, b, beta=0.5, alpha=2.0), _addmm, shapes=MAT, reduce_dim=_mm_k),
    Case("baddbmm", torch.baddbmm, _baddbmm, shapes=MAT, dtypes=HEAVY_DT, reduce_dim=_mm_k),
    Case("mv", torch.mv, _mv, shapes=MAT, dtypes=HEAVY_DT, reduce_dim=_mm_k),
    Case("addmv", torch.addmv, _addmv, shapes=MAT, dtypes=HEAVY_DT, reduce_dim=_mm_k),
    Case("addr", torch.addr, _addr, shapes=MAT),
    Case("kron", torch.kron, _kron, shapes=MAT),
    # -- indexing, scatter/gather ------------------------------------------
    Case("gather", lambda x, i: torch.gather(x, 1, i), _gather, upcast=False),
    Case("scatter", lambda x, i, s: torch.scatter(x, 1, i, s), _scatter, upcast=False),
    Case("scatter(add)", lambda x, i, s: torch.scatter(x, 1, i, s, reduce="add"), _scatter_dup, aten="scatter"),
    Case("scatter_add_", lambda x, i, s: x.scatter_add_(1, i, s), _scatter_dup),
    Case("index_select", lambda x, i: torch.index_select(x, 0, i), _index, upcast=False),
    Case("index", lambda x, i: x[i], _index, upcast=False),
    Case("index_put", lambda x, i, v: x.index_put((i, ), v), _index_put, upcast=False),
    Case("index_add", lambda x, i, s: x.index_add(0, i, s), _index_add),
    Case("embedding", lambda i, w: F.embedding(i, w), _embedding, upcast=False),
    _unary("one_hot", lambda x: F.one_hot(x, 10), lambda s, d: torch.randint(0, 10, s), dtypes=(I64, )),
    Case("isin", torch.isin, _isin, dtypes=(I32, I64)),
    Case("select_scatter", lambda x, s: torch.select_scatter(x, s, 1, 3), _select_scatter, upcast=False),
    Case("slice_scatter", lambda x, s: torch.slice_scatter(x, s, 1, 1, None, 2), _slice_scatter, upcast=False),
    Case("masked_scatter", torch.masked_scatter, _masked_scatter, upcast=False),
    # -- shape and data movement -------------------------------------------
    _unary("pad", lambda x: F.pad(x, (2, 3, 1, 0), value=0.5), upcast=False, aten="constant_pad_nd"),
    _unary("reflection_pad1d", lambda x: F.pad(x, (3, 2), mode="reflect"), upcast=False),
    _unary("reflection_pad2d", lambda x: F.pad(x[None], (3, 2, 1, 2), mode="reflect"), upcast=False),
    _unary("replication_pad1d", lambda x: F.pad(x, (3, 2), mode="replicate"), upcast=False),
    Case("cat", lambda xs: torch.cat(xs, dim=1), _list3, upcast=False),
    Case("stack", lambda xs: torch.stack(xs, dim=0), _list3, upcast=False),
    Case("hstack", torch.hstack, _list3, upcast=False),
    Case("vstack", torch.vstack, _list3, upcast=False),
    _unary("repeat", lambda x: x.repeat(2, 3), upcast=False),
    _unary("tile", lambda x: torch.tile(x, (1, 2)), upcast=False),
    _unary("repeat_interleave", lambda x: torch.repeat_interleave(x, 2, dim=0), upcast=False),
    _unary("flip", lambda x: torch.flip(x, (0, 1)), upcast=False),
    _unary("roll", lambda x: torch.roll(x, (3, -5), (0, 1)), upcast=False),
    _unary("tril", lambda x: torch.tril(x, 1), upcast=False),
    _unary("triu", lambda x: torch.triu(x, -1), upcast=False),
    _unary("diag", lambda x: torch.diag(x, 1), upcast=False),
    _unary("diag_embed", lambda x: torch.diag_embed(x[:4]), upcast=False),
    Case("pixel_unshuffle", lambda x: F.pixel_unshuffle(x, 2), _pixel, upcast=False),
    # -- creation -----------------------------------------------------------
    Case("zeros", lambda s: torch.zeros(s), _sizes, dtypes=(F32, )),
    Case("ones", lambda s: torch.ones(s, dtype=torch.float16), _sizes, dtypes=(F16, )),
    Case("full", lambda s: torch.full(s, 2.5, dtype=torch.bfloat16), _sizes, dtypes=(BF16, )),
    _unary("zeros_like", torch.zeros_like, upcast=False),
    _unary("ones_like", torch.ones_like, upcast=False),
    _unary("full_like", lambda x: torch.full_like(x, -1.5), upcast=False),
    _unary("new_full", lambda x: x.new_full((x.shape[1], 7), 3.0), upcast=False),
    _unary("fill_", lambda x: x.fill_(1.25), upcast=False),
    _unary("zero_", lambda x: x.zero_(), upcast=False),
    Case("arange", lambda s: torch.arange(3, 3 + s[1] * 2, 2, dtype=torch.float32), _sizes, dtypes=(F32, )),
    Case("arange(int)", lambda s: torch.arange(s[0] * s[1]), _sizes, dtypes=(I64, ), aten="arange"),
    Case("linspace", lambda s: torch.linspace(-2, 5, s[1]), _sizes, dtypes=(F32, )),
    Case("logspace", lambda s: torch.logspace(-2, 2, s[1] // 8 + 2), _sizes, dtypes=(F32, )),
    Case("eye", lambda s: torch.eye(s[0], s[1] // 4), _sizes, dtypes=(F32, )),
    # -- random -------------------------------------------------------------
    _unary("dropout", lambda x: F.dropout(x, 0.3, training=True), check=check_dropout(0.3), aten="native_dropout"),
    Case("rand", lambda s, d: torch.rand(s, dtype=d), lambda s, d: (s, d), check=check_uniform(0, 1)),
    Case("randn", lambda s, d: torch.randn(s, dtype=d), lambda s, d: (s, d), check=check_normal(0, 1)),
    _unary("rand_like", torch.rand_like, check=check_uniform(0, 1)),
    _unary("uniform_", lambda x: x.uniform_(-2, 3), check=check_uniform(-2, 3)),
    _unary("normal_", lambda x: x.normal_(1.0, 2.0), check=check_normal(1.0, 2.0)),
    _unary("exponential_", lambda x: x.exponential_(), check=check_exponential),
    _unary("bernoulli_", lambda x: x.bernoulli_(0.3), check=check_bernoulli),
    Case("multinomial", torch.multinomial, _probs, dtypes=(F32, ), shapes=RED, check=check_multinomial),
    Case("randperm", lambda n: torch.randperm(n), lambda s, d: (s[0] * s[1], ), dtypes=(I64, ),
         check=check_randperm),
    # -- convolution, pooling, resampling ---------------------------------
    Case("conv2d", lambda x, w: F.conv2d(x, w, padding=1), _conv2d, dtypes=(F32, ),  # bf16: ~5 min of autotuning
         reduce_dim=lambda s: 27),
    Case("max_pool2d", lambda x: F.max_pool2d(x, 3, stride=2, padding=1), _pool_in, dtypes=HEAVY_DT, upcast=False,
         aten="max_pool2d_with_indices"),
    Case("avg_pool2d", lambda x: F.avg_pool2d(x, 3, stride=2, padding=1), _pool_in, dtypes=HEAVY_DT),
    Case("upsample_nearest2d", lambda x: F.interpolate(x, scale_factor=2, mode="nearest"), _upsample, upcast=False),
    Case("upsample_bicubic2d", lambda x: F.interpolate(x, scale_factor=2, mode="bicubic", align_corners=False),
         _upsample),
    Case("upsample_linear1d", lambda x: F.interpolate(x, scale_factor=2, mode="linear", align_corners=False),
         _upsample1d),
]

# Random creation ops take (shape, dtype), not tensors: no upcast.
for _case in CASES:
    if _case.name in ("rand", "randn"):
        _case.upcast = False

_names = [c.name for c in CASES]
assert len(_names) == len(set(_names)), sorted(n for n in _names if _names.count(n) > 1)


def all_params():
    """(case, dtype) in table order."""
    return [(case, dtype) for case in CASES for dtype in case.dtypes]

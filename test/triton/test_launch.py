"""What a launch takes: torch CPU tensors of Triton's dtypes (contiguous or
strided views), scalars of every kind, None and constexpr arguments, 1-3-D
grids as tuples or functions of the meta-parameters; triton.heuristics,
triton.autotune, triton.testing.do_bench and Triton's launch hooks."""

import pytest
import torch
import triton
import triton.language as tl
from triton import knobs
from triton.language.extra import libdevice

from triton.backends.spine_triton.stages import KernelCompilationError


@triton.jit
def scale_kernel(x_ptr, out_ptr, n, alpha, stride_x, stride_out, BLOCK: tl.constexpr):
    offs = tl.program_id(0) * BLOCK + tl.arange(0, BLOCK)
    mask = offs < n
    x = tl.load(x_ptr + offs * stride_x, mask=mask)
    tl.store(out_ptr + offs * stride_out, (x * alpha).to(out_ptr.dtype.element_ty), mask=mask)


DTYPES = [torch.float32, torch.float16, torch.bfloat16, torch.float64, torch.int8, torch.uint8, torch.int16,
          torch.int32, torch.int64]


@pytest.mark.parametrize("dtype", DTYPES, ids=str)
def test_tensor_dtypes(dtype):
    n = 300
    x = (torch.arange(n) % 50 - 20).to(dtype)
    out = torch.zeros(n, dtype=dtype)
    scale_kernel[lambda meta: (triton.cdiv(n, meta["BLOCK"]), )](x, out, n, 3, 1, 1, BLOCK=64)
    torch.testing.assert_close(out, (x * 3).to(dtype), rtol=0, atol=0)


@triton.jit
def select_kernel(cond_ptr, a_ptr, out_ptr, n, fill, flag: tl.constexpr, BLOCK: tl.constexpr):
    offs = tl.program_id(0) * BLOCK + tl.arange(0, BLOCK)
    mask = offs < n
    c = tl.load(cond_ptr + offs, mask=mask, other=0)
    r = tl.where(c, tl.load(a_ptr + offs, mask=mask), fill)
    if flag:
        tl.store(out_ptr + offs, r != fill, mask=mask)
    else:
        tl.store(out_ptr + offs, r, mask=mask)


def test_bool_tensors_in_and_out():
    n = 100
    cond = torch.arange(n) % 3 == 0
    a = torch.arange(n, dtype=torch.int32) + 1
    out = torch.zeros(n, dtype=torch.int32)
    select_kernel[(4, )](cond, a, out, n, -7, False, BLOCK=32)
    torch.testing.assert_close(out, torch.where(cond, a, torch.tensor(-7, dtype=torch.int32)))
    flags = torch.zeros(n, dtype=torch.bool)
    select_kernel[(4, )](cond, a, flags, n, -7, True, BLOCK=32)
    assert torch.equal(flags, cond)


def test_strided_views_in_and_out():
    base = torch.randn(400)
    x = base[::3]  # 134 elements, stride 3
    out_base = torch.zeros(600)
    out = out_base[1::4][:x.numel()]  # stride 4, offset 1
    scale_kernel[(3, )](x, out, x.numel(), -0.5, x.stride(0), out.stride(0), BLOCK=64)
    torch.testing.assert_close(out, x * -0.5)
    untouched = torch.ones(600, dtype=torch.bool)
    untouched[1:1 + 4 * x.numel():4] = False
    assert (out_base[untouched] == 0).all()


@triton.jit
def copy_2d_kernel(x_ptr, y_ptr, M, N, sxm, sxn, sym, syn, BM: tl.constexpr, BN: tl.constexpr):
    rm = tl.program_id(0) * BM + tl.arange(0, BM)
    rn = tl.program_id(1) * BN + tl.arange(0, BN)
    mask = (rm[:, None] < M) & (rn[None, :] < N)
    x = tl.load(x_ptr + rm[:, None] * sxm + rn[None, :] * sxn, mask=mask)
    tl.store(y_ptr + rm[:, None] * sym + rn[None, :] * syn, x + tl.program_id(2).to(x.dtype) * 0, mask=mask)


@pytest.mark.parametrize("grid_kind", ["tuple2", "tuple3", "lambda"])
def test_transposed_view_over_2d_and_3d_grids(grid_kind):
    x = torch.randn(40, 70).t()  # 70 x 40, strides (1, 70)
    y = torch.zeros(70, 80)[:, ::2]  # 70 x 40, strides (80, 2)
    grid = {
        "tuple2": (5, 3),
        "tuple3": (5, 3, 2),
        "lambda": lambda meta: (triton.cdiv(70, meta["BM"]), triton.cdiv(40, meta["BN"])),
    }[grid_kind]
    copy_2d_kernel[grid](x, y, 70, 40, x.stride(0), x.stride(1), y.stride(0), y.stride(1), BM=16, BN=16)
    assert torch.equal(y, x)


@triton.jit
def scalars_kernel(out_ptr, i32, neg, i64, u64, f, b, none_arg, c: tl.constexpr, f16: tl.float16, bf16: tl.bfloat16,
                   i8: tl.int8, u16: tl.uint16):
    tl.store(out_ptr + 0, i32.to(tl.float64))
    tl.store(out_ptr + 1, neg.to(tl.float64))
    tl.store(out_ptr + 2, i64.to(tl.float64))
    tl.store(out_ptr + 3, (u64 >> 32).to(tl.float64))
    tl.store(out_ptr + 4, f.to(tl.float64))
    tl.store(out_ptr + 5, b.to(tl.float64))
    tl.store(out_ptr + 6, 1.0 if none_arg is None else 0.0)
    tl.store(out_ptr + 7, c)
    tl.store(out_ptr + 8, f16.to(tl.float64))
    tl.store(out_ptr + 9, bf16.to(tl.float64))
    tl.store(out_ptr + 10, i8.to(tl.float64))
    tl.store(out_ptr + 11, u16.to(tl.float64))


def test_scalars_of_every_kind():
    out = torch.zeros(12, dtype=torch.float64)
    big = 3 * 2**40 + 5  # past int32: an i64 argument
    huge = 2**63 + 2**33  # past int64: a u64 argument
    kernel = scalars_kernel[(1, )](out, 123457, -99, big, huge, 0.625, True, None, 4.5, -1.5, 3.140625, -3, 60000)
    signature = kernel.src.signature
    assert (signature["i32"], signature["neg"], signature["i64"], signature["u64"], signature["f"],
            signature["b"]) == ("i32", "i32", "i64", "u64", "fp32", "u1")
    assert signature["none_arg"] == signature["c"] == "constexpr"
    assert out.tolist() == [123457, -99, big, huge >> 32, 0.625, 1, 1, 4.5, -1.5, 3.140625, -3, 60000]
    scalars_kernel[(1, )](out, 7, -1, -big, 2**64 - 1, -2.0, False, None, 4.5, 0.25, -2.0, 127, 1)
    assert out.tolist() == [7, -1, -big, 2**32 - 1, -2.0, 0, 1, 4.5, 0.25, -2.0, 127, 1]


def test_integer_specialization_keeps_results_right():
    # 1 becomes a constexpr, multiples of 16 are assumed divisible: all give right answers.
    for n in (1, 16, 17, 64):
        x = torch.arange(n, dtype=torch.float32)
        out = torch.zeros(n)
        scale_kernel[(triton.cdiv(n, 16), )](x, out, n, 2.0, 1, 1, BLOCK=16)
        torch.testing.assert_close(out, 2 * x)


@triton.heuristics({"EVEN": lambda args: args["n"] % args["BLOCK"] == 0})
@triton.jit
def heuristic_kernel(x_ptr, n, BLOCK: tl.constexpr, EVEN: tl.constexpr):
    offs = tl.program_id(0) * BLOCK + tl.arange(0, BLOCK)
    if EVEN:
        tl.store(x_ptr + offs, tl.load(x_ptr + offs) + 1)
    else:
        tl.store(x_ptr + offs, tl.load(x_ptr + offs, mask=offs < n) + 2, mask=offs < n)


def test_heuristics():
    x = torch.zeros(64)
    heuristic_kernel[(2, )](x, 64, BLOCK=32)
    assert (x == 1).all()
    y = torch.zeros(60)
    heuristic_kernel[(2, )](y, 60, BLOCK=32)
    assert (y == 2).all()


@triton.autotune(configs=[triton.Config({"BLOCK": 32}), triton.Config({"BLOCK": 128}, num_warps=8, num_stages=2)],
                 key=["n"], reset_to_zero=["acc_ptr"])
@triton.jit
def accumulate_kernel(x_ptr, acc_ptr, n, BLOCK: tl.constexpr):
    offs = tl.program_id(0) * BLOCK + tl.arange(0, BLOCK)
    mask = offs < n
    tl.store(acc_ptr + offs, tl.load(acc_ptr + offs, mask=mask) + tl.load(x_ptr + offs, mask=mask), mask=mask)


def test_autotune_benchmarks_every_config_and_resets():
    n = 1000
    x = torch.randn(n)
    acc = torch.zeros(n)
    accumulate_kernel[lambda meta: (triton.cdiv(n, meta["BLOCK"]), )](x, acc, n)
    # Every config ran many times while tuning; reset_to_zero leaves one final run.
    torch.testing.assert_close(acc, x)
    timings = accumulate_kernel.configs_timings
    assert len(timings) == 2 and all(t[0] > 0 for t in timings.values())
    assert accumulate_kernel.best_config in timings


@triton.autotune(configs=[triton.Config({"BLOCK": 64}), triton.Config({"BLOCK": 256})], key=["n"],
                 prune_configs_by={"early_config_prune": lambda configs, named_args, **kw: configs[:1]})
@triton.heuristics({"HALF": lambda args: args["n"] // 2})
@triton.jit
def pruned_kernel(x_ptr, n, HALF: tl.constexpr, BLOCK: tl.constexpr):
    offs = tl.program_id(0) * BLOCK + tl.arange(0, BLOCK)
    tl.store(x_ptr + offs, tl.where(offs < HALF, 1.0, 2.0), mask=offs < n)


def test_autotune_with_pruning_over_heuristics():
    x = torch.zeros(300)
    pruned_kernel[lambda meta: (triton.cdiv(300, meta["BLOCK"]), )](x, 300)
    assert pruned_kernel.best_config.kwargs == {"BLOCK": 64}
    assert (x[:150] == 1).all() and (x[150:] == 2).all()


def test_do_bench_times_a_kernel():
    x = torch.randn(1 << 16)
    out = torch.empty_like(x)
    ms = triton.testing.do_bench(lambda: scale_kernel[(64, )](x, out, x.numel(), 2.0, 1, 1, BLOCK=1024), warmup=5,
                                 rep=20)
    assert 0 < ms < 1000
    q = triton.testing.do_bench(lambda: scale_kernel[(64, )](x, out, x.numel(), 2.0, 1, 1, BLOCK=1024), warmup=5,
                                rep=20, quantiles=[0.2, 0.5, 0.8])
    assert len(q) == 3 and q[0] <= q[1] <= q[2]


def test_launch_hooks_and_hook_timing():
    from triton.backends.spine_triton.driver import CPUDeviceInterface
    seen = []
    knobs.runtime.launch_enter_hook = lambda metadata: seen.append(("enter", metadata.get()["name"]))
    knobs.runtime.launch_exit_hook = lambda metadata: seen.append(("exit", metadata.get()["name"]))
    try:
        x = torch.ones(64)
        scale_kernel[(1, )](x, x, 64, 2.0, 1, 1, BLOCK=64)
    finally:
        knobs.runtime.launch_enter_hook = knobs.runtime.launch_exit_hook = None
    assert seen == [("enter", "scale_kernel"), ("exit", "scale_kernel")]
    assert (x == 2).all()
    # The frontend's hook timing: events measure only the launches in between.
    interface = CPUDeviceInterface()
    interface.enable_hook_timing()
    try:
        start, end = interface.Event(), interface.Event()
        start.record()
        for _ in range(3):
            scale_kernel[(1, )](x, x, 64, 1.0, 1, 1, BLOCK=64)
        end.record()
    finally:
        knobs.runtime.launch_enter_hook = knobs.runtime.launch_exit_hook = None
    assert len(interface.kernel_times) == 3 and start.elapsed_time(end) > 0


def test_compiled_kernel_and_warmup():
    x = torch.arange(32, dtype=torch.float32)
    out = torch.zeros(32)
    compiled = scale_kernel.warmup(torch.float32, torch.float32, 32, 1.0, 1, 1, BLOCK=32, grid=(1, ))
    assert compiled.asm["so"][:4] == b"\x7fELF" and "tt.func" in compiled.asm["ttir"]
    assert "linalg" in compiled.asm["linalgdir"] and "define void @scale_kernel(" in compiled.asm["llir"]
    compiled[(1, 1, 1)](x, out, 32, 4.0, 1, 1, 32)  # every argument, constexprs included, as the JIT passes them
    torch.testing.assert_close(out, 4 * x)
    # Without the declared constexprs, as FlagGems' libentry calls compiled kernels under Triton >= 3.7.
    compiled[(1, 1, 1)](x, out, 32, 5.0, 1, 1)
    torch.testing.assert_close(out, 5 * x)


def test_empty_grid_runs_nothing():
    out = torch.zeros(16)
    scale_kernel[(0, )](torch.ones(16), out, 16, 1.0, 1, 1, BLOCK=16)
    assert (out == 0).all()


@triton.jit
def tuple_args_kernel(ptrs, n, affine, BLOCK: tl.constexpr):
    offs = tl.arange(0, BLOCK)
    mask = offs < n
    x = tl.load(ptrs[0] + offs, mask=mask)
    tl.store(ptrs[1] + offs, x * affine[0] + affine[1], mask=mask)


def test_tuple_arguments():
    x = torch.arange(10, dtype=torch.float32)
    y = torch.zeros(10)
    kernel = tuple_args_kernel[(1, )]((x, y), 10, (2.0, 1), BLOCK=16)  # the 1 becomes a constexpr
    assert kernel.src.signature["affine"] == ("fp32", "constexpr")
    torch.testing.assert_close(y, 2 * x + 1)
    tuple_args_kernel[(1, )]((x, y), 10, (-1.0, 0.5), BLOCK=16)
    torch.testing.assert_close(y, 0.5 - x)


@triton.jit
def descriptor_copy_kernel(x_ptr, y_ptr, M, N, BM: tl.constexpr, BN: tl.constexpr):
    x_desc = tl.make_tensor_descriptor(x_ptr, shape=[M, N], strides=[N, 1], block_shape=[BM, BN])
    y_desc = tl.make_tensor_descriptor(y_ptr, shape=[M, N], strides=[N, 1], block_shape=[BM, BN])
    off_m, off_n = tl.program_id(0) * BM, tl.program_id(1) * BN
    y_desc.store([off_m, off_n], x_desc.load([off_m, off_n]) * 2)


def test_tensor_descriptors_made_in_the_kernel():
    x = torch.randn(50, 36)
    y = torch.zeros(50, 36)
    descriptor_copy_kernel[(4, 3)](x, y, 50, 36, BM=16, BN=16)
    torch.testing.assert_close(y, 2 * x)


@triton.jit
def host_descriptor_kernel(desc, out_ptr):
    offs = tl.arange(0, 16)
    tl.store(out_ptr + offs[:, None] * 16 + offs[None, :], desc.load([0, 0]))


def test_host_side_tensor_descriptors_are_refused_cleanly():
    from triton.backends.spine_triton.stages import KernelCompilationError
    from triton.tools.tensor_descriptor import TensorDescriptor
    with pytest.raises(KernelCompilationError, match="unsupported kernel argument type '!tt.tensordesc"):
        host_descriptor_kernel[(1, )](TensorDescriptor.from_tensor(torch.randn(32, 32), [16, 16]), torch.empty(256))


@triton.jit
def libdevice_kernel(x_ptr, y_ptr, BLOCK: tl.constexpr):
    offs = tl.arange(0, BLOCK)
    x = tl.load(x_ptr + offs)
    y = libdevice.tanh(x) + libdevice.pow(tl.abs(x), 1.5) + libdevice.rint(x * 3) + libdevice.log1p(tl.abs(x))
    tl.store(y_ptr + offs, y + libdevice.atan2(x, 2.0) + libdevice.cbrt(x))


def test_libdevice_functions():
    x = torch.randn(64)
    y = torch.empty(64)
    libdevice_kernel[(1, )](x, y, BLOCK=64)
    expected = (torch.tanh(x) + x.abs()**1.5 + torch.round(x * 3) + torch.log1p(x.abs()) +
                torch.atan2(x, torch.tensor(2.0)) + torch.sign(x) * x.abs()**(1 / 3))
    torch.testing.assert_close(y, expected, rtol=1e-5, atol=1e-5)


@triton.jit
def libdevice_erf_kernel(x_ptr, y_ptr, BLOCK: tl.constexpr):
    offs = tl.arange(0, BLOCK)
    tl.store(y_ptr + offs, libdevice.erf(tl.load(x_ptr + offs)))


def test_libdevice_erf():
    x = torch.randn(64)
    y = torch.empty(64)
    libdevice_erf_kernel[(1, )](x, y, BLOCK=64)
    # The fast pipeline's erf is a polynomial (speir-approximate-math).
    torch.testing.assert_close(y, torch.erf(x), rtol=2e-3, atol=1e-4)


@triton.jit
def libdevice_classify_kernel(x_ptr, flags_ptr, y_ptr, BLOCK: tl.constexpr):
    offs = tl.arange(0, BLOCK)
    x = tl.load(x_ptr + offs)
    flags = libdevice.isnan(x) + 2 * libdevice.isinf(x) + 4 * libdevice.finitef(x) + 8 * libdevice.signbit(x)
    tl.store(flags_ptr + offs, flags)
    a = tl.abs(x) + 1.5
    y = libdevice.erfc(x) + libdevice.asinh(x) + libdevice.acosh(a) + libdevice.atanh(x * 0.25) + libdevice.hypot(x, a)
    tl.store(y_ptr + offs, y)


def test_libdevice_classification_and_more_math():
    x = torch.randn(64)
    x[:4] = torch.tensor([float("nan"), float("inf"), -float("inf"), -0.0])
    flags = torch.empty(64, dtype=torch.int32)
    y = torch.empty(64)
    libdevice_classify_kernel[(1, )](x, flags, y, BLOCK=64)
    expected = (x.isnan().int() + 2 * x.isinf().int() + 4 * x.isfinite().int() + 8 * x.signbit().int())
    torch.testing.assert_close(flags, expected.to(torch.int32), rtol=0, atol=0)
    a = x.abs() + 1.5
    ref = torch.special.erfc(x) + torch.asinh(x) + torch.acosh(a) + torch.atanh(x * 0.25) + torch.hypot(x, a)
    torch.testing.assert_close(y[4:], ref[4:], rtol=1e-5, atol=1e-5)


@triton.jit
def libdevice_div_pow_kernel(x_ptr, y_ptr, rn_ptr, rz_ptr, powi_ptr, BLOCK: tl.constexpr):
    offs = tl.arange(0, BLOCK)
    x = tl.load(x_ptr + offs)
    y = tl.load(y_ptr + offs)
    tl.store(rn_ptr + offs, libdevice.div_rn(x, y))
    tl.store(rz_ptr + offs, libdevice.div_rz(x, y))
    tl.store(powi_ptr + offs, libdevice.pow(x, 3))


def test_libdevice_rounded_division_and_powi():
    x = torch.randn(256) * 100
    y = torch.randn(256) + 0.01
    x[:3] = torch.tensor([1.0, -1.0, 7.0])
    y[:3] = torch.tensor([3.0, 3.0, 0.1])
    rn, rz, powi = (torch.empty(256) for _ in range(3))
    libdevice_div_pow_kernel[(1, )](x, y, rn, rz, powi, BLOCK=256)
    torch.testing.assert_close(rn, x / y, rtol=0, atol=0)
    # Toward zero: the exact quotient (in f64) truncated to f32's grid.
    exact = x.double() / y.double()
    nearest = exact.float()
    expected = torch.where(nearest.double().abs() > exact.abs(),
                           torch.nextafter(nearest, torch.zeros_like(nearest)), nearest)
    torch.testing.assert_close(rz, expected, rtol=0, atol=0)
    assert (rz.double().abs() <= exact.abs()).all()
    torch.testing.assert_close(powi, x ** 3, rtol=1e-6, atol=1e-6)


@triton.jit
def optional_pointer_kernel(x_ptr, w_ptr, out_ptr, BLOCK: tl.constexpr):
    # tt.ptr_to_int: an optional argument tested against null.
    offs = tl.arange(0, BLOCK)
    x = tl.load(x_ptr + offs)
    if w_ptr:
        x = x * tl.load(w_ptr + offs)
    tl.store(out_ptr + offs, x)


def test_optional_pointer_argument():
    x, w = torch.randn(32), torch.randn(32)
    out = torch.empty(32)
    optional_pointer_kernel[(1, )](x, w, out, BLOCK=32)
    torch.testing.assert_close(out, x * w)
    ptr = torch.zeros(32).data_ptr()  # noqa: F841 (a live tensor, not null)
    optional_pointer_kernel[(1, )](x, None, out, BLOCK=32)
    torch.testing.assert_close(out, x)

"""linalgdir kernels through llir and so, launched over their grids by the
generated launcher on the host, checked against numpy."""

import numpy as np
import pytest

from conftest import read_example

SCALE_ADD_SIGNATURE = {0: "*fp32", 1: "*fp32", 2: "*fp32", 3: "fp32", 4: "i32"}
MATMUL_SIGNATURE = {0: "*fp32", 1: "*fp32", 2: "*fp32", 3: "*fp32"}


def compile_example(spine_triton, filename, name, reference=False):
    from spine_triton import stages
    metadata = {"name": name, "smt_parallel_inside": False, "arch_id": "0x503C"}
    llir = stages.linalgdir_to_llir(read_example(filename), metadata, reference=reference)
    assert "define void @%s(" % name in llir
    return stages.llir_to_so(llir, metadata)


@pytest.fixture(scope="module", params=[False, True], ids=["e2e", "ref"])
def scale_add_kernel(request, spine_triton, built_tools):
    from spine_triton import runtime_libraries
    binary = compile_example(spine_triton, "scale_add_masked.mlir", "scale_add_masked", reference=request.param)
    return runtime_libraries.load_binary("scale_add_masked", binary)[1]


@pytest.fixture(scope="module")
def scale_add_launcher(spine_triton, built_tools):
    from spine_triton.launcher import Launcher
    return Launcher(SCALE_ADD_SIGNATURE, kernel_name="scale_add_masked")


def launch(launcher, function, grid, *args, hooks=(None, None), metadata=None):
    from spine_triton import runtime_libraries
    launcher(grid[0], grid[1], grid[2], runtime_libraries.current_stream(), function, None, metadata, hooks[0],
             hooks[1], *args)


@pytest.mark.parametrize("n", [1, 64, 65, 200, 64 * 37 + 5])
def test_scale_add_over_grids(scale_add_kernel, scale_add_launcher, n):
    rng = np.random.default_rng(n)
    x = rng.standard_normal(n + 8).astype(np.float32)  # 8 guard elements past n
    y = rng.standard_normal(n + 8).astype(np.float32)
    out = np.full(n + 8, 7.0, np.float32)
    grid = ((n + 63) // 64, 1, 1)
    launch(scale_add_launcher, scale_add_kernel, grid, x, y.ctypes.data, out, 0.5, n)
    np.testing.assert_allclose(out[:n], x[:n] * np.float32(0.5) + y[:n], rtol=1e-6)
    assert (out[n:] == 7.0).all(), "the mask let a program write past n"


def test_extra_grid_dimensions_rerun_the_same_programs(scale_add_kernel, scale_add_launcher):
    # y/z programs of this 1-D kernel write the same block again: same result.
    n = 300
    x = np.arange(n, dtype=np.float32)
    y = np.ones(n, np.float32)
    out = np.zeros(n, np.float32)
    launch(scale_add_launcher, scale_add_kernel, (5, 3, 2), x, y, out, 2.0, n)
    np.testing.assert_array_equal(out, 2 * x + 1)


def test_empty_grid_runs_nothing_but_calls_hooks(scale_add_kernel, scale_add_launcher):
    calls = []
    out = np.zeros(64, np.float32)
    launch(scale_add_launcher, scale_add_kernel, (0, 1, 1), out, out, out, 1.0, 64,
           hooks=(lambda m: calls.append(("enter", m)), lambda m: calls.append(("exit", m))), metadata="meta")
    assert calls == [("enter", "meta"), ("exit", "meta")]


def test_bad_arguments_raise(scale_add_kernel, scale_add_launcher):
    out = np.zeros(64, np.float32)
    with pytest.raises(TypeError, match="argument 1"):
        launch(scale_add_launcher, scale_add_kernel, (1, 1, 1), out, "not a pointer", out, 1.0, 64)
    with pytest.raises(ValueError, match="null"):
        launch(scale_add_launcher, 0, (1, 1, 1), out, out, out, 1.0, 64)
    with pytest.raises(ZeroDivisionError):
        launch(scale_add_launcher, scale_add_kernel, (1, 1, 1), out, out, out, 1.0, 64, hooks=(lambda m: 1 / 0, None))


def test_smt_parallel_inside_dispatches_the_grid_directly(spine_triton, scale_add_kernel):
    from spine_triton.launcher import Launcher
    launcher = Launcher(SCALE_ADD_SIGNATURE, smt_parallel_inside=True, kernel_name="scale_add_masked")
    n = 64 * 9 + 1
    x = np.linspace(-1, 1, n, dtype=np.float32)
    out = np.zeros(n, np.float32)
    launch(launcher, scale_add_kernel, (10, 1, 1), x, x, out, 3.0, n)
    np.testing.assert_allclose(out, 4 * x, rtol=1e-6)


def test_kernel_profiling_records_each_launch(spine_triton, scale_add_kernel, monkeypatch):
    from spine_triton import runtime_libraries
    from spine_triton.launcher import Launcher
    monkeypatch.setenv("PROTON_KERNEL_CAPTURE", "1")
    launcher = Launcher(SCALE_ADD_SIGNATURE, kernel_name="scale_add_masked")
    runtime_libraries.reset_profiler()
    x = np.ones(128, np.float32)
    for _ in range(3):
        launch(launcher, scale_add_kernel, (2, 1, 1), x, x, x, 1.0, 128)
    scopes = runtime_libraries.profiler_scopes()
    runtime_libraries.reset_profiler()
    assert [name for name, _ in scopes] == ["scale_add_masked[2,1,1]"] * 3
    assert all(seconds > 0 for _, seconds in scopes)


@pytest.mark.parametrize("reference", [False, True], ids=["e2e", "ref"])
def test_matmul_bias_relu(spine_triton, built_tools, reference):
    from spine_triton import runtime_libraries
    from spine_triton.launcher import Launcher
    binary = compile_example(spine_triton, "matmul_bias_relu.mlir", "matmul_bias_relu", reference=reference)
    function = runtime_libraries.load_binary("matmul_bias_relu", binary)[1]
    launcher = Launcher(MATMUL_SIGNATURE, kernel_name="matmul_bias_relu")
    rng = np.random.default_rng(7)
    a = rng.standard_normal((64, 64)).astype(np.float32)
    b = rng.standard_normal((64, 64)).astype(np.float32)
    bias = rng.standard_normal(64).astype(np.float32)
    c = np.full((64, 64), np.nan, np.float32)
    launch(launcher, function, (4, 4, 1), a, b, bias, c)
    expected = np.maximum(a.astype(np.float64) @ b + bias, 0)
    np.testing.assert_allclose(c, expected, rtol=1e-4, atol=1e-4)


def test_cross_compiled_kernel_is_riscv64(spine_triton, built_tools, monkeypatch):
    import os
    if not os.path.isdir("/usr/riscv64-linux-gnu/lib"):
        pytest.skip("no riscv64 sysroot (Debian: g++-riscv64-linux-gnu)")
    monkeypatch.setenv("SPINE_TRITON_TARGET_ARCH", "riscv64")
    monkeypatch.delenv("SPINE_TRITON_CROSS_TOOLCHAIN", raising=False)
    binary = compile_example(spine_triton, "scale_add_masked.mlir", "scale_add_masked")
    assert binary[:4] == b"\x7fELF"
    assert int.from_bytes(binary[18:20], "little") == 243  # EM_RISCV

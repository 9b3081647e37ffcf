"""The generated launcher source: the contract's ABI and grid loop."""

import os
import re

import pytest


def test_kernel_abi_and_constexpr_handling(spine_triton):
    from spine_triton.launcher import generate_launcher_source
    source = generate_launcher_source({0: "*fp32", 1: "constexpr", 2: "i32", 3: "*i8", 4: "fp64"}, kernel_name="k")
    # Pointers as (rank, descriptor), the constexpr dropped, then the six grid ints.
    assert ("using KernelFunction = void (*)(int64_t, void *, int32_t, int64_t, void *, double, "
            "int32_t, int32_t, int32_t, int32_t, int32_t, int32_t);") in source
    assert "kernel(0, &desc0, arg2, 0, &desc3, arg4, gridX, gridY, gridZ," in source
    assert "PointerDescriptor desc0{arg0, arg0, 0};" in source
    # launch() still receives every argument: 9 fixed, then O, O, L, O, d (integers
    # parsed as long long, floats as double, converted to the kernel's types).
    assert '"iiiKKOOOOOOLOd"' in source
    assert ", static_cast<int32_t>(py_arg2)" in source and ", static_cast<double>(py_arg4)" in source


def test_grid_loop_is_the_contracts(spine_triton):
    from spine_triton.launcher import generate_launcher_source
    source = generate_launcher_source({0: "*fp32"})
    assert "constexpr bool kSmtParallelInside = false;" in source
    assert "(gridX + threads - 1) / threads" in source
    assert "{blocksX, gridY, gridZ}" in source and "{threads, 1, 1}" in source
    assert "spine_require_stream()" in source and "spine_release_stream(borrowed)" in source
    assert "if (x < gridX)" in source
    inside = generate_launcher_source({0: "*fp32"}, smt_parallel_inside=True)
    assert "constexpr bool kSmtParallelInside = true;" in inside


def test_profiling_is_decided_at_generation(spine_triton, monkeypatch):
    from spine_triton.launcher import generate_launcher_source
    monkeypatch.setenv("PROTON_KERNEL_CAPTURE", "1")
    assert "kProfileKernel = true" in generate_launcher_source({}, kernel_name="k")
    monkeypatch.setenv("PROTON_KERNEL_CAPTURE", "0")
    assert "kProfileKernel = false" in generate_launcher_source({}, kernel_name="k")


def test_signature_by_name_and_no_arguments(spine_triton):
    from spine_triton.launcher import _normalized_signature, generate_launcher_source
    assert _normalized_signature({"y": "i32", "x": "*fp16"}, arg_names=["x", "y"]) == {0: "*fp16", 1: "i32"}
    source = generate_launcher_source({})
    assert "using KernelFunction = void (*)(int32_t, int32_t, int32_t, int32_t, int32_t, int32_t);" in source
    assert '"iiiKKOOOO"' in source


def test_kernel_name_is_escaped(spine_triton):
    from spine_triton.launcher import generate_launcher_source
    source = generate_launcher_source({}, kernel_name='we"ird\\name', profile_kernel=True)
    assert re.search(r'kKernelName = "we\\"ird\\\\name";', source)


def test_unsupported_type(spine_triton):
    from spine_triton.launcher import cpp_type
    assert cpp_type("*bf16") == "void *" and cpp_type("u64") == "uint64_t" and cpp_type("fp16") == "spine_half_t"
    with pytest.raises(ValueError, match="unsupported"):
        cpp_type("fp8e4nv")


def test_c_entry_flavor_needs_no_python(spine_triton):
    from spine_triton.launcher import generate_launcher_source
    source = generate_launcher_source({0: "*fp32", 1: "constexpr", 2: "i64"}, python_module=False)
    assert "Python.h" not in source and "PyObject" not in source
    assert ('extern "C" int spine_triton_launch(int gridX, int gridY, int gridZ, void *stream, void *function, '
            'void * arg0, int64_t arg2)') in source
    assert "launchGrid(gridX, gridY, gridZ, stream, reinterpret_cast<KernelFunction>(function), arg0, arg2);" in source


def test_scalar_conversions(spine_triton):
    from spine_triton.launcher import generate_launcher_source
    source = generate_launcher_source({0: "i8", 1: "u64", 2: "fp16", 3: "bf16", 4: "i1"})
    assert '"iiiKKOOOOLKddL"' in source
    assert ("static_cast<int8_t>(py_arg0), static_cast<uint64_t>(py_arg1), static_cast<spine_half_t>(py_arg2), "
            "spineBFloat16(py_arg3), static_cast<int32_t>(py_arg4)") in source
    assert "typedef _Float16 spine_half_t;" in source


def test_c_entry_can_be_named(spine_triton):
    from spine_triton.launcher import c_entry_parameters, generate_launcher_source
    source = generate_launcher_source({0: "*fp32", 1: "fp32"}, python_module=False, entry_name="k_launch")
    assert 'extern "C" int k_launch(int gridX, int gridY, int gridZ, void *stream, void *function, ' \
           'void * arg0, float arg1)' in source
    assert c_entry_parameters({0: "*fp32", 1: "constexpr", 2: "fp32"}) == "void * arg0, float arg2"


def test_runtime_symbols_come_from_the_runtime_headers(spine_triton):
    """The launcher declares no runtime function itself: it includes the
    runtime's headers, so a signature change there cannot go unnoticed."""
    from spine_triton import environment
    from spine_triton.launcher import compile_command, generate_launcher_source
    source = generate_launcher_source({0: "*fp32", 1: "i32"}, kernel_name="k")
    assert '#include "speir/spine_runtime.h"' in source
    assert '#include "spine_triton/spine_triton_runtime.h"' in source
    for symbol in ("spine_get_stream_threads", "spine_require_stream", "spine_release_stream", "proton_enter_kernel",
                   "spine_assert_failure_count", "spineMultiStreamDispatch", "spineStreamDispatch"):
        assert not re.search(r"^\s*[\w:]+[\s\*]+%s\s*\(" % symbol, source, re.MULTILINE), symbol
    dirs = environment.runtime_include_dirs()
    assert any(os.path.isfile(os.path.join(d, "speir", "abi.h")) for d in dirs)
    command = compile_command("launcher.cpp", "launcher.so")
    assert all("-I" + d in command for d in dirs)

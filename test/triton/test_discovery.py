"""How stock Triton finds the plugin: the `triton.backends` entry point, the
frontend's Python names, the driver becoming active on a machine without a
GPU, and a user script unchanged -- from this checkout's editable install
and from the wheel installed with pip next to Triton."""

import importlib.metadata
import inspect
import os
import shutil
import subprocess
import sys

import pytest
import triton

from conftest import BUILD_DIR, REPO_ROOT, check_output, run_python

USER_SCRIPT = """
import torch, triton, triton.language as tl
from triton.backends.spine_triton.driver import CPUDriver
triton.runtime.driver.set_active(CPUDriver())

@triton.jit
def add_kernel(x_ptr, y_ptr, output_ptr, n_elements, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(axis=0)
    offsets = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = offsets < n_elements
    tl.store(output_ptr + offsets, tl.load(x_ptr + offsets, mask=mask) + tl.load(y_ptr + offsets, mask=mask),
             mask=mask)

x, y = torch.rand(98432), torch.rand(98432)
out = torch.empty_like(x)
add_kernel[lambda meta: (triton.cdiv(98432, meta["BLOCK_SIZE"]),)](x, y, out, 98432, BLOCK_SIZE=1024)
torch.testing.assert_close(out, x + y)
import triton.backends.spine_triton as plugin
print("PASS", plugin.__file__)
"""


def test_entry_point_names_the_package():
    eps = [ep for ep in importlib.metadata.entry_points(group="triton.backends") if ep.name == "spine_triton"]
    assert [ep.value for ep in eps] == ["triton.backends.spine_triton"]


def test_triton_discovers_exactly_our_classes():
    from triton.backends import _find_concrete_subclasses, backends
    from triton.backends.compiler import BaseBackend
    from triton.backends.driver import DriverBase
    from triton.backends.spine_triton import compiler, driver
    assert backends["spine_triton"].compiler is compiler.SpineTritonBackend
    assert backends["spine_triton"].driver is driver.SpineTritonDriver
    # Triton's rule, with the frontend's aliases in place: one concrete subclass per module.
    assert _find_concrete_subclasses(compiler, BaseBackend) is compiler.SpineTritonBackend
    assert _find_concrete_subclasses(driver, DriverBase) is driver.SpineTritonDriver
    assert not inspect.isabstract(driver.SpineTritonDriver) and not inspect.isabstract(compiler.SpineTritonBackend)


def test_the_frontends_names():
    from triton.backends.spine_triton import compiler, driver
    from triton.backends.spine_triton.compiler import CPUBackend, CPUOptions, get_cache_sizes
    from triton.backends.spine_triton.driver import (AICPUTarget, CPUDeviceInterface, CPUDriver, CPULauncher,
                                                     CPUUtils)
    assert CPUDriver is driver.SpineTritonDriver and CPUBackend is compiler.SpineTritonBackend
    assert CPUOptions is compiler.SpineTritonOptions and CPUUtils is driver.SpineTritonUtils
    assert CPULauncher is driver.SpineTritonLauncher and CPUDeviceInterface is driver.SpineTritonDeviceInterface
    assert AICPUTarget is driver.SpineTritonTarget
    sizes = get_cache_sizes()
    assert len(sizes) == 3 and all(isinstance(s, int) and s >= 0 for s in sizes)
    from triton.backends.spine_triton import get_cpu_name_from_arch_id
    assert get_cpu_name_from_arch_id("0x503C") == "spacemit-x60"


def test_target_and_options(driver):
    target = driver.get_current_target()
    assert target.backend == "cpu" and target.arch == "spacemit-x60" and target.arch_id == "0x503C"
    assert target.num_threads >= 1 and target.force_vector_interleave == 2
    from triton.compiler.compiler import make_backend
    backend = make_backend(target)
    options = backend.parse_options({"num_warps": 8, "num_stages": 2, "debug": True, "instrumentation_mode": ""})
    assert options.num_warps == 8 and options.debug and options.arch == "spacemit-x60"
    assert driver.get_active_torch_device().type == "cpu" and driver.get_current_device() == "cpu"
    assert driver.map_python_to_cpp_type("*fp16") == "void *" and driver.map_python_to_cpp_type("i64") == "int64_t"


def test_active_without_set_active_when_there_is_no_gpu():
    out = check_output(
        run_python("""
        import torch, triton
        from triton.backends.spine_triton.driver import SpineTritonDriver
        assert not torch.cuda.is_available()
        assert type(triton.runtime.driver.active) is SpineTritonDriver
        import tutorial_kernels as tk
        x, y = torch.rand(1000), torch.rand(1000)
        assert torch.equal(tk.add(x, y), x + y)
        print("auto ok")
        """))
    assert "auto ok" in out


def test_active_driver_environment_variables():
    chosen = check_output(
        run_python(
            """
        import triton
        print(type(triton.runtime.driver.active).__name__)
        """, dict(TRITON_DEFAULT_BACKEND="spine_triton")))
    assert chosen.strip() == "SpineTritonDriver"
    other = run_python(
        """
        import triton
        from triton.backends.spine_triton.driver import SpineTritonDriver
        assert not SpineTritonDriver.is_active()
        triton.runtime.driver.active
        """, dict(TRITON_ACTIVE_DRIVER="cuda"))
    assert other.returncode != 0 and "0 active drivers" in other.stderr


def test_user_script_from_the_editable_install_without_any_variable():
    """Only the checkout's build/ (found next to backend/): no SPINE_*,
    LLVM_BINARY_DIR or PYTHONPATH."""
    if not os.path.isfile(os.path.join(REPO_ROOT, "build", "bin", "spine-opt")):
        pytest.fail("no %s/build/bin/spine-opt (run scripts/setup.sh)" % REPO_ROOT)
    env = {name: None for name in os.environ if name.startswith("SPINE_") or name in ("LLVM_BINARY_DIR", "PYTHONPATH")}
    out = check_output(run_python(USER_SCRIPT, env, python=sys.executable))
    assert out.startswith("PASS " + os.path.join(REPO_ROOT, "backend"))


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    """The host wheel (spine-opt and the runtime; LLVM's tools from the
    system), built by scripts/build_triton_spacemit_backend_wheel.sh from an
    install prefix of this build."""
    prefix = tmp_path_factory.mktemp("prefix")
    (prefix / "bin").mkdir()
    (prefix / "lib").mkdir()
    shutil.copy(os.environ["SPINE_MLIR_OPT_PATH"], prefix / "bin" / "spine-opt")
    from triton.backends.spine_triton import environment
    speir = environment.find_runtime_library("libSpeIRRuntimeLibs.so")
    for name in ("libSpeIRRuntimeLibs.so", "libSpeIRRuntimeLibs.so.0"):
        shutil.copy(os.path.join(os.path.dirname(speir), name), prefix / "lib" / name)
    shutil.copy(environment.find_runtime_library("libSpineTritonRuntime.so"), prefix / "lib")
    dist = tmp_path_factory.mktemp("dist")
    env = dict(os.environ, WHEEL_DIST_DIR=str(dist), SPINE_WHEEL_BUNDLE_LLVM_LIBS="0")
    result = subprocess.run(["bash", os.path.join(REPO_ROOT, "scripts", "build_triton_spacemit_backend_wheel.sh"),
                             str(prefix), "linux-" + os.uname().machine, ""], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_pip_installed_wheel_next_to_stock_triton(wheel, tmp_path):
    """pip install of the wheel into a copy of build/venv (hard links: the
    copy shares Triton's and torch's files, build/venv stays as it is), then
    the user's script with only the wheel's tools and libraries."""
    venv = os.path.join(BUILD_DIR, "test-venvs", "wheel-%d" % os.getpid())
    shutil.rmtree(venv, ignore_errors=True)
    os.makedirs(os.path.dirname(venv), exist_ok=True)
    try:
        subprocess.run(["cp", "-al", sys.prefix, venv], check=True)
        python = os.path.join(venv, "bin", "python")
        install = subprocess.run([python, "-m", "pip", "install", "--no-deps", "--no-index", "--quiet", wheel],
                                 stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=300)
        assert install.returncode == 0, install.stdout
        env = {name: None for name in os.environ if name.startswith("SPINE_") or name in ("LLVM_BINARY_DIR",
                                                                                        "PYTHONPATH")}
        env["TRITON_CACHE_DIR"] = str(tmp_path / "cache")
        out = check_output(run_python(USER_SCRIPT, env, python=python))
        site = os.path.join(venv, "lib", "python%d.%d" % sys.version_info[:2], "site-packages")
        assert out.startswith("PASS " + os.path.join(site, "triton", "backends", "spine_triton")), out
        assert os.path.isfile(os.path.join(site, "triton", "backends", "spine_triton", "bin", "spine-opt"))
    finally:
        shutil.rmtree(venv, ignore_errors=True)
    # build/venv is untouched: its plugin is still this checkout's, editable.
    assert not os.path.exists(os.path.join(os.path.dirname(triton.__file__), "backends", "spine_triton"))
    out = check_output(run_python("""
        import triton.backends.spine_triton as plugin
        from importlib.metadata import distribution
        print(plugin.__file__, distribution("triton-spacemit-backend").read_text("direct_url.json"))
        """))
    assert out.startswith(os.path.join(REPO_ROOT, "backend")) and '"editable": true' in out

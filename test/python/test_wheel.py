"""The wheel: built by scripts/build_triton_spacemit_backend_wheel.sh from an
install prefix, its file list checked, installed into a fresh venv, and the
installed plugin used with only its bundled tools and libraries."""

import os
import shutil
import subprocess
import sys
import textwrap
import zipfile

import pytest

from conftest import BUILD_DIR, EXAMPLES_DIR, LLVM_BIN_DIR, REPO_ROOT

SCRIPT = os.path.join(REPO_ROOT, "scripts", "build_triton_spacemit_backend_wheel.sh")
PACKAGE = "triton/backends/spine_triton/"
PYTHON_FILES = ["__init__.py", "aot.py", "compiler.py", "disk_cache.py", "driver.py", "environment.py", "flaggems.py",
                "launcher.py", "runtime_libraries.py", "spacemit_cores.py", "stages.py"]
BINARIES = [
    "SpacemitCores.def", "bin/spine-triton-opt", "bin/llc", "bin/mlir-translate", "bin/opt", "bin/spine-opt", "lib/libSpeIRRuntimeLibs.so",
    "lib/libSpeIRRuntimeLibs.so.0", "_C/libSpineTritonRuntime.so", "include/speir/abi.h",
    "include/speir/spine_runtime.h", "include/spine_triton/spine_triton_runtime.h",
    # What Debian's LLVM 22 tools and spine-opt load through RUNPATH $ORIGIN/../lib.
    "lib/libLLVM.so.22.1", "lib/libMLIR.so.22.1"
]


def host_plat_name():
    return "linux-" + os.uname().machine


def run_script(args, dist_dir):
    env = dict(os.environ, WHEEL_DIST_DIR=str(dist_dir))
    return subprocess.run(["bash", SCRIPT, *args], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          text=True, timeout=600)


@pytest.fixture(scope="module")
def install_prefix(tmp_path_factory, spine_triton, built_tools):
    """An install tree as `cmake --install` makes it, from the tested build."""
    from spine_triton import environment
    prefix = tmp_path_factory.mktemp("prefix")
    (prefix / "bin").mkdir()
    (prefix / "lib").mkdir()
    shutil.copy(os.environ["SPINE_MLIR_OPT_PATH"], prefix / "bin" / "spine-opt")
    speir = environment.find_runtime_library("libSpeIRRuntimeLibs.so")
    for name in ("libSpeIRRuntimeLibs.so", "libSpeIRRuntimeLibs.so.0"):
        shutil.copy(os.path.join(os.path.dirname(speir), name), prefix / "lib" / name)
    shutil.copy(environment.find_runtime_library("libSpineTritonRuntime.so"), prefix / "lib")
    return prefix


@pytest.fixture(scope="module")
def host_wheel(install_prefix, tmp_path_factory):
    dist = tmp_path_factory.mktemp("dist")
    # Any executable of this machine stands in for the frontend's binary; it is bundled under its name.
    frontend_binary = tmp_path_factory.mktemp("frontend") / "my-spine-triton-opt"
    shutil.copy("/bin/true", frontend_binary)
    result = run_script([str(install_prefix), host_plat_name(), os.path.dirname(LLVM_BIN_DIR),
                         str(frontend_binary)], dist)
    assert result.returncode == 0, result.stderr
    wheel = result.stdout.strip().splitlines()[-1]
    assert os.path.dirname(wheel) == str(dist) and os.path.isfile(wheel)
    return wheel


def test_wheel_name_and_file_list(host_wheel):
    assert os.path.basename(host_wheel) == "triton_spacemit_backend-0.1.0-py3-none-%s.whl" % host_plat_name().replace(
        "-", "_")
    with zipfile.ZipFile(host_wheel) as wheel:
        names = set(wheel.namelist())
        entry_points = wheel.read("triton_spacemit_backend-0.1.0.dist-info/entry_points.txt").decode()
        wheel_info = wheel.read("triton_spacemit_backend-0.1.0.dist-info/WHEEL").decode()
        modes = {info.filename: info.external_attr >> 16 for info in wheel.infolist()}
    package_files = {n[len(PACKAGE):] for n in names if n.startswith(PACKAGE)}
    assert package_files == set(PYTHON_FILES + BINARIES)
    assert all(n.startswith(PACKAGE) or n.startswith("triton_spacemit_backend-0.1.0.dist-info/") for n in names)
    # No triton/__init__.py: Triton's own files must not be replaced.
    assert "triton/__init__.py" not in names and "triton/backends/__init__.py" not in names
    assert "[triton.backends]\nspine_triton = triton.backends.spine_triton" in entry_points
    assert "Root-Is-Purelib: false" in wheel_info
    assert modes[PACKAGE + "bin/spine-opt"] & 0o111, "spine-opt must stay executable"


def test_wheel_refuses_binaries_of_another_machine(install_prefix, tmp_path):
    other = "linux-riscv64" if os.uname().machine != "riscv64" else "linux-x86_64"
    result = run_script([str(install_prefix), other, ""], tmp_path)
    assert result.returncode != 0
    assert "not " + other.split("-")[1] in result.stderr
    assert not list(tmp_path.glob("*.whl"))


INSTALLED_CHECK = textwrap.dedent("""
    import importlib.metadata, os, sys
    import numpy as np
    import triton.backends.spine_triton as plugin
    from triton.backends.spine_triton import environment, launcher, runtime_libraries, stages
    site = os.path.dirname(plugin.__file__)
    assert site.startswith(sys.prefix), (site, sys.prefix)
    eps = [ep for ep in importlib.metadata.entry_points(group="triton.backends") if ep.name == "spine_triton"]
    assert [ep.value for ep in eps] == ["triton.backends.spine_triton"], eps
    assert plugin.get_cpu_name_from_arch_id("0xA064") == "spacemit-a100"
    assert plugin.spacemit_cores.default_core_table_path() == os.path.join(site, "SpacemitCores.def")
    for tool in ("spine-opt", "mlir-translate", "opt", "llc"):
        path = environment.get_spine_mlir_opt_path() if tool == "spine-opt" else environment.get_llvm_bin_path(tool)
        assert path == os.path.join(site, "bin", tool) and os.access(path, os.X_OK), path
    assert environment.get_spine_triton_opt_path() == os.path.join(site, "bin", "spine-triton-opt")
    speir, triton_runtime = runtime_libraries.load_runtime_libraries()
    assert speir._name.startswith(site) and triton_runtime._name.startswith(site)
    assert runtime_libraries.stream_threads() > 0

    metadata = {"name": "scale_add_masked", "arch_id": "0x503C"}
    binary = stages.llir_to_so(stages.linalgdir_to_llir(open(sys.argv[1]).read(), metadata), metadata)
    function = runtime_libraries.load_binary("scale_add_masked", binary)[1]
    run = launcher.Launcher({0: "*fp32", 1: "*fp32", 2: "*fp32", 3: "fp32", 4: "i32"}, kernel_name="scale_add_masked")
    x = np.arange(100, dtype=np.float32)
    out = np.zeros(100, np.float32)
    run(2, 1, 1, runtime_libraries.current_stream(), function, None, None, None, None, x, x, out, 3.0, 100)
    np.testing.assert_array_equal(out, 4 * x)
    print("installed wheel ok")
""")


def test_wheel_installs_into_a_fresh_venv_and_runs_a_kernel(host_wheel, tmp_path):
    venv = tmp_path / "venv"
    subprocess.run(["/usr/bin/python3", "-m", "venv", "--system-site-packages", str(venv)], check=True, timeout=300)
    python = str(venv / "bin" / "python")
    install = subprocess.run([python, "-m", "pip", "install", "--no-index", "--no-deps", "--quiet", host_wheel],
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=300)
    assert install.returncode == 0, install.stdout
    # Only the wheel's own tools and libraries: no build tree, no LLVM_BINARY_DIR.
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SPINE_", "LLVM_BINARY_DIR"))}
    env["SPINE_TRITON_CACHE_DIR"] = str(tmp_path / "cache")
    result = subprocess.run([python, "-c", INSTALLED_CHECK, os.path.join(EXAMPLES_DIR, "scale_add_masked.mlir")],
                            cwd=str(tmp_path), env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stdout
    assert "installed wheel ok" in result.stdout

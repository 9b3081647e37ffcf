"""Fixtures for the spine_triton plugin's tests.

The plugin's source directory (backend/) is imported as the package
`spine_triton`, without Triton. Tools and runtime libraries come from the
build tree scripts/setup.sh made (BUILD_DIR, default build/): spine-opt in
bin/, libSpeIRRuntimeLibs in runtime/, libSpineTritonRuntime in
runtime/triton/; LLVM's tools from LLVM_BINARY_DIR (default Debian's LLVM 22).
"""

import os
import sys

import pytest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir))
from plugin_source import import_plugin_source  # noqa: E402,F401 (tests import it from here)

REPO_ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), os.pardir, os.pardir))
BUILD_DIR = os.path.abspath(os.environ.get("BUILD_DIR", os.path.join(REPO_ROOT, "build")))
EXAMPLES_DIR = os.path.join(REPO_ROOT, "examples")
LLVM_BIN_DIR = os.environ.get("LLVM_BINARY_DIR", "/usr/lib/llvm-22/bin")


def runtime_dirs():
    return [os.path.join(BUILD_DIR, "runtime", "triton"), os.path.join(BUILD_DIR, "runtime")]


def _setdefault_env():
    os.environ.setdefault("SPINE_MLIR_OPT_PATH", os.path.join(BUILD_DIR, "bin", "spine-opt"))
    os.environ.setdefault("LLVM_BINARY_DIR", LLVM_BIN_DIR)
    os.environ.setdefault("SPINE_TRITON_RUNTIME_DIR", os.pathsep.join(runtime_dirs()))


_setdefault_env()


@pytest.fixture(scope="session", autouse=True)
def private_cache_dir(tmp_path_factory):
    """Launchers build into a fresh cache per session, so a test never reuses
    a launcher some other source built."""
    path = str(tmp_path_factory.mktemp("spine_triton_cache"))
    old = os.environ.get("SPINE_TRITON_CACHE_DIR")
    os.environ["SPINE_TRITON_CACHE_DIR"] = path
    yield path
    if old is None:
        os.environ.pop("SPINE_TRITON_CACHE_DIR", None)
    else:
        os.environ["SPINE_TRITON_CACHE_DIR"] = old


@pytest.fixture(scope="session")
def spine_triton():
    return import_plugin_source()


@pytest.fixture(scope="session")
def built_tools(spine_triton):
    """Skips nothing: a missing build is a failure, with the reason."""
    spine_opt = os.environ["SPINE_MLIR_OPT_PATH"]
    missing = [p for p in [spine_opt] + [os.path.join(LLVM_BIN_DIR, t) for t in ("mlir-translate", "opt", "llc")]
               if not os.path.isfile(p)]
    from spine_triton import environment
    missing += [name for name in ("libSpineTritonRuntime.so", "libSpeIRRuntimeLibs.so")
                if environment.find_runtime_library(name) is None]
    if missing:
        pytest.fail("missing build artifacts (run scripts/setup.sh): " + ", ".join(missing))
    return spine_opt


def read_example(name):
    with open(os.path.join(EXAMPLES_DIR, name)) as f:
        return f.read()

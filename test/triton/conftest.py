"""The spine_triton plugin under stock Triton (requirements.txt's pin), run
with build/venv/bin/python, where scripts/setup.sh installs the plugin in
editable mode (scripts/install-plugin-dev.sh): Triton finds it through the
`triton.backends` entry point like any installed backend.

Tools and runtime libraries come from the build tree (BUILD_DIR, default
build/): spine-opt, the host runtime (SPINE_TRITON_RUNTIME_DIR, default
build/runtime/triton:build/runtime), LLVM 22's tools (LLVM_BINARY_DIR).
Triton's cache (kernels and launchers) is a fresh directory per session.
Nothing is skipped for a missing build: that is a failure saying what to run.
"""

import os
import shutil
import subprocess
import sys
import tempfile
import textwrap

import pytest

REPO_ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), os.pardir, os.pardir))
BUILD_DIR = os.path.abspath(os.environ.get("BUILD_DIR", os.path.join(REPO_ROOT, "build")))
LLVM_BIN_DIR = os.environ.get("LLVM_BINARY_DIR", "/usr/lib/llvm-22/bin")
TESTS_DIR = os.path.dirname(os.path.abspath(__file__))


def _pinned_triton_version():
    with open(os.path.join(REPO_ROOT, "requirements.txt")) as f:
        for line in f:
            if line.startswith("triton=="):
                return line.split("==", 1)[1].split()[0]
    return None


def _setdefault_env():
    os.environ.setdefault("SPINE_MLIR_OPT_PATH", os.path.join(BUILD_DIR, "bin", "spine-opt"))
    os.environ.setdefault("LLVM_BINARY_DIR", LLVM_BIN_DIR)
    os.environ.setdefault("SPINE_TRITON_RUNTIME_DIR",
                          os.pathsep.join([os.path.join(BUILD_DIR, "runtime", "triton"),
                                           os.path.join(BUILD_DIR, "runtime")]))
    # Launchers go to Triton's cache (TRITON_CACHE_DIR), not ours.
    os.environ.pop("SPINE_TRITON_CACHE_DIR", None)
    for name in ("SPINE_TRITON_DUMP_PATH", "SPINE_TRITON_USE_REF_PIPELINE", "SPINE_TRITON_PIPELINE_OPTION",
                 "SPINE_TRITON_TARGET_ARCH", "SPINE_MLIR_DEBUG_MODE", "PROTON_KERNEL_CAPTURE",
                 "TRITON_ACTIVE_DRIVER", "TRITON_DEFAULT_BACKEND", "TRITON_INTERPRET", "SPINE_TRITON_ASSERT_NONFATAL"):
        os.environ.pop(name, None)


_setdefault_env()


def pytest_configure(config):
    problems = []
    try:
        import triton
    except ImportError as error:
        pytest.exit("test/triton needs Triton: run it with build/venv/bin/python (scripts/setup.sh makes the "
                    "venv): %s" % error, returncode=2)
    pinned = _pinned_triton_version()
    if triton.__version__ != pinned:
        problems.append("Triton %s at %s, requirements.txt pins %s: use build/venv/bin/python" %
                        (triton.__version__, os.path.dirname(triton.__file__), pinned))
    from triton.backends import backends
    if "spine_triton" not in backends:
        problems.append("Triton did not discover the spine_triton backend: install the plugin into this Python "
                        "(scripts/install-plugin-dev.sh %s)" % sys.executable)
    for path in (os.environ["SPINE_MLIR_OPT_PATH"], ):
        if not os.path.isfile(path):
            problems.append("missing %s (run scripts/setup.sh)" % path)
    if problems:
        pytest.exit("\n".join(problems), returncode=2)


@pytest.fixture(scope="session", autouse=True)
def triton_cache_dir():
    """A private directory (not under pytest's shared basetemp, which another
    session of the same user may prune)."""
    path = tempfile.mkdtemp(prefix="spine_triton_test_cache_")
    old = os.environ.get("TRITON_CACHE_DIR")
    os.environ["TRITON_CACHE_DIR"] = path
    yield path
    if old is None:
        os.environ.pop("TRITON_CACHE_DIR", None)
    else:
        os.environ["TRITON_CACHE_DIR"] = old
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture(scope="session", autouse=True)
def driver(triton_cache_dir):
    """What a user script does first."""
    import triton
    from triton.backends.spine_triton.driver import CPUDriver
    triton.runtime.driver.set_active(CPUDriver())
    yield triton.runtime.driver.active
    triton.runtime.driver.reset_active()


def run_python(code, env=None, timeout=300, cwd=None, python=None):
    """Runs code as a script file (Triton reads kernels' source from their
    file) in a fresh interpreter (default: this one), with this process's
    environment plus env (a None value removes a variable); returns the
    CompletedProcess (stdout, stderr text)."""
    full_env = dict(os.environ)
    for name, value in (env or {}).items():
        if value is None:
            full_env.pop(name, None)
        else:
            full_env[name] = value
    if python is None:
        full_env["PYTHONPATH"] = os.pathsep.join([TESTS_DIR] + [p for p in [full_env.get("PYTHONPATH")] if p])
    with tempfile.TemporaryDirectory(prefix="spine_triton_script_") as directory:
        script = os.path.join(directory, "script.py")
        with open(script, "w") as f:
            f.write(textwrap.dedent(code))
        return subprocess.run([python or sys.executable, script], env=full_env, cwd=cwd or directory,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=timeout)


def check_output(result):
    assert result.returncode == 0, "exit %d\nstdout:\n%s\nstderr:\n%s" % (result.returncode, result.stdout,
                                                                       result.stderr)
    return result.stdout

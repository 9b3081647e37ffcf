"""Where the tools and libraries are, and the environment variables the
Spine Triton frontend reads (same names, same meaning)."""

import functools
import glob
import hashlib
import os
import subprocess
import platform
import shutil
from typing import Iterable, List, Optional

PACKAGE_DIR = os.path.dirname(os.path.abspath(__file__))
BUNDLED_BIN_DIR = os.path.join(PACKAGE_DIR, "bin")
BUNDLED_LIB_DIR = os.path.join(PACKAGE_DIR, "lib")  # libSpeIRRuntimeLibs.so*
BUNDLED_RUNTIME_DIR = os.path.join(PACKAGE_DIR, "_C")  # libSpineTritonRuntime.so
BUNDLED_INCLUDE_DIR = os.path.join(PACKAGE_DIR, "include")

# Debian's LLVM 22, used when neither LLVM_BINARY_DIR nor the wheel has a tool.
_SYSTEM_LLVM_BIN_DIRS = ("/usr/lib/llvm-22/bin", )


def checkout_build_dir() -> Optional[str]:
    """<checkout>/build when this package is backend/ of a source checkout
    (pip install -e, or imported from the tree) rather than an installed
    wheel: spine-opt and the runtime libraries are then found there, after
    the environment variables and before the defaults."""
    root = os.path.dirname(PACKAGE_DIR)
    if os.path.isdir(BUNDLED_BIN_DIR) or not os.path.isfile(os.path.join(root, "CMakeLists.txt")):
        return None
    build = os.path.join(root, "build")
    return build if os.path.isdir(build) else None


def _env(name: str) -> str:
    return os.environ.get(name, "")


def get_spine_mlir_opt_path() -> str:
    """SPINE_MLIR_OPT_PATH, else the wheel's bin/spine-opt (a checkout's
    build/bin/spine-opt for a source install)."""
    if _env("SPINE_MLIR_OPT_PATH"):
        return _env("SPINE_MLIR_OPT_PATH")
    build = checkout_build_dir()
    if build and os.path.isfile(os.path.join(build, "bin", "spine-opt")):
        return os.path.join(build, "bin", "spine-opt")
    return os.path.join(BUNDLED_BIN_DIR, "spine-opt")


def find_spine_triton_opt_path() -> Optional[str]:
    """The frontend's spine-triton-opt: the wheel's bin/spine-triton-opt, else
    SPINE_TRITON_OPT_PATH (the frontend's order); None when neither is there,
    and spine-opt converts TTIR itself."""
    bundled = os.path.join(BUNDLED_BIN_DIR, "spine-triton-opt")
    if os.path.isfile(bundled):
        return bundled
    return _env("SPINE_TRITON_OPT_PATH") or None


def get_spine_triton_opt_path() -> str:
    path = find_spine_triton_opt_path()
    if not path:
        raise RuntimeError("spine-triton-opt is not bundled in %s and SPINE_TRITON_OPT_PATH is not set" %
                           BUNDLED_BIN_DIR)
    return path


def get_llvm_bin_path(name: str) -> str:
    """LLVM_BINARY_DIR/<name>, else the wheel's bin/<name>, else Debian's LLVM 22."""
    llvm_dir = _env("LLVM_BINARY_DIR")
    if llvm_dir:
        return os.path.join(llvm_dir, name)
    for directory in (BUNDLED_BIN_DIR, ) + _SYSTEM_LLVM_BIN_DIRS:
        candidate = os.path.join(directory, name)
        if os.path.isfile(candidate):
            return candidate
    return shutil.which(name) or shutil.which(name + "-22") or os.path.join(BUNDLED_BIN_DIR, name)


def get_spine_mlir_opt_options() -> str:
    return _env("SPINE_TRITON_PIPELINE_OPTION")


def use_ref_pipeline() -> bool:
    value = _env("SPINE_TRITON_USE_REF_PIPELINE") or "0"
    try:
        return int(value) > 0
    except ValueError:
        raise ValueError("SPINE_TRITON_USE_REF_PIPELINE must be an integer, got %r" % value) from None


def get_spine_mlir_cc_debug() -> bool:
    return _env("SPINE_MLIR_DEBUG_MODE") == "1"


def get_cpu_arch() -> str:
    """The machine we run on: 'x86_64', 'riscv64', ..."""
    return platform.machine()


def get_target_arch() -> str:
    """SPINE_TRITON_TARGET_ARCH ('riscv64' cross-compiles from x86), else the host."""
    return _env("SPINE_TRITON_TARGET_ARCH") or get_cpu_arch()


def get_cross_toolchain() -> str:
    return _env("SPINE_TRITON_CROSS_TOOLCHAIN")


def get_dump_path() -> str:
    return _env("SPINE_TRITON_DUMP_PATH")


def dump_ir_if_needed(files: Iterable[str], kernel_name: Optional[str] = None) -> None:
    """Copies files into SPINE_TRITON_DUMP_PATH as <kernel>_<basename>."""
    dump_dir = get_dump_path()
    if not dump_dir:
        return
    os.makedirs(dump_dir, exist_ok=True)
    for path in files:
        name = os.path.basename(path)
        if kernel_name:
            name = kernel_name + "_" + name
        shutil.copy(path, os.path.join(dump_dir, name))


def runtime_library_dirs() -> List[str]:
    """Directories holding libSpineTritonRuntime.so and libSpeIRRuntimeLibs.so:
    the wheel's _C/ and lib/, then SPINE_TRITON_RUNTIME_DIR (colon-separated;
    for running from a build tree)."""
    dirs = [BUNDLED_RUNTIME_DIR, BUNDLED_LIB_DIR]
    dirs += [d for d in _env("SPINE_TRITON_RUNTIME_DIR").split(os.pathsep) if d]
    build = checkout_build_dir()
    if build:
        dirs += [os.path.join(build, "runtime", "triton"), os.path.join(build, "runtime")]
    return dirs


def runtime_include_dirs() -> List[str]:
    """Directories holding the runtime's headers (speir/abi.h,
    speir/spine_runtime.h, spine_triton/spine_triton_runtime.h), which the
    launcher includes: the wheel's include/, or a source checkout's
    runtime/include and runtime/triton/include."""
    if os.path.isfile(os.path.join(BUNDLED_INCLUDE_DIR, "speir", "abi.h")):
        return [BUNDLED_INCLUDE_DIR]
    root = os.path.dirname(PACKAGE_DIR)
    dirs = [os.path.join(root, "runtime", "include"), os.path.join(root, "runtime", "triton", "include")]
    if all(os.path.isdir(d) for d in dirs):
        return dirs
    raise RuntimeError("the runtime headers (speir/abi.h) are neither in %s nor in a source checkout" %
                       BUNDLED_INCLUDE_DIR)


def find_runtime_library(filename: str, dirs: Optional[List[str]] = None) -> Optional[str]:
    for directory in dirs if dirs is not None else runtime_library_dirs():
        candidate = os.path.join(directory, filename)
        if os.path.isfile(candidate):
            return os.path.abspath(candidate)
    return None


# What decides the binary a kernel compiles to, besides its source and options.
COMPILE_ENV_VARS = ("SPINE_TRITON_USE_REF_PIPELINE", "SPINE_TRITON_PIPELINE_OPTION", "SPINE_TRITON_TARGET_ARCH",
                    "SPINE_TRITON_CROSS_TOOLCHAIN", "SPINE_TRITON_CROSS_RUNTIME_DIR", "SPINE_TRITON_DUMP_PATH",
                    "SPINE_TRITON_RUNTIME_DIR", "SPINE_TRITON_HOST_MCPU", "SPINE_TRITON_RISCV64_MATTR", "CXX")


def get_riscv64_extra_mattr() -> str:
    """SPINE_TRITON_RISCV64_MATTR: comma-separated +/-features appended to
    riscv64 kernels' -mattr after the core table's, e.g. "-zicond" for
    qemu-riscv64 7.2, which lacks the Zicond the X60's -mcpu implies."""
    return _env("SPINE_TRITON_RISCV64_MATTR")


def get_host_mcpu() -> str:
    """SPINE_TRITON_HOST_MCPU: the -mcpu of kernels compiled for the host
    (default native: this machine's vector extensions, e.g. AVX2/AVX-512 and
    FMA; "x86-64" for binaries that must run on any x86-64)."""
    return os.environ.get("SPINE_TRITON_HOST_MCPU", "native") or "native"


@functools.lru_cache(maxsize=None)
def host_cpu_name() -> str:
    """The CPU LLVM's llc takes for -mcpu=native here (part of the cache key:
    a cache directory shared between machines must not hand one's kernels
    to another)."""
    try:
        out = subprocess.run([get_llvm_bin_path("llc"), "--version"], capture_output=True, text=True,
                             check=False).stdout
    except OSError:
        return "?"
    for line in out.splitlines():
        if "Host CPU:" in line:
            return line.split(":", 1)[1].strip()
    return "?"


def _file_identity(path: str) -> str:
    try:
        st = os.stat(path)
    except OSError:
        return "%s:missing" % path
    return "%s:%d:%d" % (os.path.realpath(path), st.st_size, st.st_mtime_ns)


@functools.lru_cache(maxsize=None)
def plugin_source_digest() -> str:
    """sha256 of this package's Python files and its core table."""
    digest = hashlib.sha256()
    files = sorted(glob.glob(os.path.join(PACKAGE_DIR, "*.py")))
    from .spacemit_cores import default_core_table_path
    for path in files + [default_core_table_path()]:
        with open(path, "rb") as f:
            digest.update(os.path.basename(path).encode() + b"\0" + f.read())
    return digest.hexdigest()


def compile_fingerprint() -> str:
    """Part of Triton's cache key (the backend's hash): the plugin's sources,
    the identity (path, size, mtime) of every tool the stages run, and the
    environment variables that change their output, so a rebuilt spine-opt
    or SPINE_TRITON_USE_REF_PIPELINE=1 never reuses a stale binary."""
    tools = [get_spine_mlir_opt_path(), find_spine_triton_opt_path() or "-"]
    tools += [get_llvm_bin_path(name) for name in ("mlir-translate", "opt", "llc")]
    parts = [plugin_source_digest()] + [_file_identity(t) if t != "-" else t for t in tools]
    parts += ["%s=%s" % (name, _env(name)) for name in COMPILE_ENV_VARS]
    if get_host_mcpu() == "native":
        parts.append("host-cpu=" + host_cpu_name())
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()


def _parse_cache_size(text: str) -> int:
    text = text.strip().upper()
    scale = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30}.get(text[-1:], 1)
    digits = text[:-1] if text[-1:] in "KMG" else text
    try:
        return int(digits) * scale
    except ValueError:
        return 0


@functools.lru_cache(maxsize=None)
def cache_sizes() -> tuple:
    """(L1d, L2, L3) of cpu0 in bytes from sysfs; 0 where unknown."""
    sizes = {1: 0, 2: 0, 3: 0}
    for index in glob.glob("/sys/devices/system/cpu/cpu0/cache/index*"):
        try:
            with open(os.path.join(index, "level")) as f:
                level = int(f.read())
            with open(os.path.join(index, "type")) as f:
                kind = f.read().strip()
            with open(os.path.join(index, "size")) as f:
                size = _parse_cache_size(f.read())
        except (OSError, ValueError):
            continue
        if level in sizes and kind in ("Data", "Unified"):
            sizes[level] = max(sizes[level], size)
    return (sizes[1], sizes[2], sizes[3])

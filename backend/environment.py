"""Where the tools and libraries are, and the environment variables the
Spine Triton frontend reads (same names, same meaning)."""

import os
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


def _env(name: str) -> str:
    return os.environ.get(name, "")


def get_spine_mlir_opt_path() -> str:
    """SPINE_MLIR_OPT_PATH, else the wheel's bin/spine-opt."""
    return _env("SPINE_MLIR_OPT_PATH") or os.path.join(BUNDLED_BIN_DIR, "spine-opt")


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
    return dirs


def find_runtime_library(filename: str, dirs: Optional[List[str]] = None) -> Optional[str]:
    for directory in dirs if dirs is not None else runtime_library_dirs():
        candidate = os.path.join(directory, filename)
        if os.path.isfile(candidate):
            return os.path.abspath(candidate)
    return None

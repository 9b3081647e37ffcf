"""Loading the runtime libraries into the process and asking them about the
machine, with ctypes (no compiled helper module, no Triton).

libSpeIRRuntimeLibs and libSpineTritonRuntime are loaded with RTLD_GLOBAL so
kernels and launchers dlopen'd later resolve their runtime symbols here.
"""

import ctypes
import functools
import os
import tempfile
import threading
from typing import Optional, Tuple

from . import environment as env

SPEIR_RUNTIME = "libSpeIRRuntimeLibs.so"
SPINE_TRITON_RUNTIME = "libSpineTritonRuntime.so"

_lock = threading.Lock()
_loaded = {}


def _libstdcxx_is_loaded() -> bool:
    try:
        with open("/proc/self/maps") as f:
            return "libstdc++.so" in f.read()
    except OSError:
        return False


def _check_no_replacement_allocator(path: str) -> None:
    """A runtime built with -DSPINE_RUNTIME_USE_MIMALLOC=ON needs libmimalloc.so,
    which replaces operator new/delete for whatever resolves them through it.
    dlopen'd into a process where libstdc++ is already loaded (any script
    that imported torch first), new and delete then come from different
    allocators and the process dies (SIGFPE in mi_free): say so instead."""
    with open(path, "rb") as f:
        needs_mimalloc = b"libmimalloc.so" in f.read()
    if needs_mimalloc and _libstdcxx_is_loaded():
        raise ImportError("%s links libmimalloc, which crashes a process that already loaded libstdc++ (e.g. "
                          "through torch); rebuild the runtime with -DSPINE_RUNTIME_USE_MIMALLOC=OFF (the default)" %
                          path)


def _load_global(filename: str) -> ctypes.CDLL:
    with _lock:
        if filename not in _loaded:
            path = env.find_runtime_library(filename)
            if path is None:
                raise ImportError("%s not found in %s (install the wheel, or point SPINE_TRITON_RUNTIME_DIR at a "
                                  "build)" % (filename, ", ".join(env.runtime_library_dirs())))
            if filename == SPEIR_RUNTIME:
                _check_no_replacement_allocator(path)
            _loaded[filename] = ctypes.CDLL(path, mode=ctypes.RTLD_GLOBAL)
        return _loaded[filename]


def load_runtime_libraries() -> Tuple[ctypes.CDLL, ctypes.CDLL]:
    """(libSpeIRRuntimeLibs, libSpineTritonRuntime), loaded once per process."""
    speir = _load_global(SPEIR_RUNTIME)
    return speir, _load_global(SPINE_TRITON_RUNTIME)


@functools.lru_cache(maxsize=None)
def _speir_function(name: str, restype, argtypes: tuple):
    """The runtime's C function `name`, looked up once (current_stream runs
    on every launch: a lookup there cost microseconds each time)."""
    function = getattr(load_runtime_libraries()[0], name)
    function.restype, function.argtypes = restype, list(argtypes)
    return function


def current_arch_id() -> str:
    """The detected core's arch_id as the frontend spells it, e.g. '0x503C'."""
    return "0x%X" % _speir_function("spine_get_current_arch_id", ctypes.c_uint16, ())()


def num_cores() -> int:
    return _speir_function("spine_get_num_cores", ctypes.c_int64, ())()


def stream_threads() -> int:
    return _speir_function("spine_get_stream_threads", ctypes.c_int64, ())()


def current_stream() -> int:
    """The default multi-stream handle the launcher is given (0 if none)."""
    stream = _speir_function("spine_get_current_stream", ctypes.c_void_p, (ctypes.c_int64, ))(-1)
    return stream or 0


class LoadedKernel:
    """A kernel .so loaded privately (RTLD_LOCAL): kernels of different
    compilations may share a name."""

    def __init__(self, name: str, binary: bytes):
        load_runtime_libraries()
        fd, path = tempfile.mkstemp(prefix="spine_triton_kernel_", suffix=".so")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(binary)
            self.library = ctypes.CDLL(path, mode=ctypes.RTLD_LOCAL)
        finally:
            os.unlink(path)
        try:
            self.function = ctypes.cast(getattr(self.library, name), ctypes.c_void_p).value
        except AttributeError:
            raise RuntimeError("kernel binary has no symbol %r" % name) from None


_kernels = []  # keeps every loaded kernel library alive for the process


def load_binary(name: str, binary: bytes, shared=0, device=None) -> Tuple[int, int, int, int, int]:
    """Triton's utils.load_binary: (module, function, n_regs, n_spills, n_max_threads)."""
    if device not in (None, "cpu") and not isinstance(device, int):
        raise ValueError("Invalid device %r; expected 'cpu'" % (device, ))
    kernel = LoadedKernel(name, binary)
    _kernels.append(kernel)
    return (kernel.library._handle, kernel.function, 0, 0, 0)


def forget_binary(module) -> None:
    """Drops the reference load_binary keeps for a module handle. The
    library stays mapped: ctypes never dlcloses, and a launcher may still
    hold the kernel's address."""
    for i, kernel in enumerate(_kernels):
        if kernel.library._handle == module:
            del _kernels[i]
            return


def profiler_scopes() -> list:
    """The completed profiling scopes: [(name, seconds)]."""
    library = load_runtime_libraries()[1]
    library.proton_num_completed_scopes.restype = ctypes.c_int64
    library.spine_profiler_ticks_per_second.restype = ctypes.c_int64
    library.proton_get_completed_scope.argtypes = [
        ctypes.c_int64, ctypes.POINTER(ctypes.c_char_p),
        ctypes.POINTER(ctypes.c_int64)
    ]
    rate = library.spine_profiler_ticks_per_second()
    scopes = []
    for i in range(library.proton_num_completed_scopes()):
        name, ticks = ctypes.c_char_p(), ctypes.c_int64()
        if library.proton_get_completed_scope(i, ctypes.byref(name), ctypes.byref(ticks)) == 0:
            scopes.append((name.value.decode(), ticks.value / rate))
    return scopes


def reset_profiler() -> None:
    load_runtime_libraries()[1].proton_reset()


def loaded_library_path(filename: str) -> Optional[str]:
    library = _loaded.get(filename)
    return library._name if library is not None else None

"""Triton's driver interface for the Spine backend (imports Triton).

Loads libSpeIRRuntimeLibs and libSpineTritonRuntime into the process,
describes the target (arch_id, threads), loads kernel binaries and builds a
launcher per kernel signature (launcher.py).

The frontend's names are here too (`from triton.backends.spine_triton.driver
import CPUDriver`): CPUDriver, CPUUtils, CPULauncher, CPUDeviceInterface,
AICPUTarget.
"""

import os
import time
from dataclasses import dataclass

from triton.backends.compiler import GPUTarget
from triton.backends.driver import DriverBase

from . import environment, runtime_libraries
from .launcher import Launcher, cpp_type
from .spacemit_cores import core_for_arch_id, get_cpu_name_from_arch_id, load_spacemit_cores
from .stages import is_cross_compiling

DEFAULT_ARCH_ID = "0x503C"  # a K1, when the host is no SpacemiT core (cross-compiling)
# Threads the kernel may run on, as far as Triton's checks are concerned.
_MAX_THREADS = 1 << 30


@dataclass(frozen=True)
class SpineTritonTarget(GPUTarget):
    core: int
    ai_core: int
    arch_id: str
    num_threads: int
    force_vector_interleave: int


class SpineTritonUtils:
    """What Triton calls through driver.active.utils."""

    def __init__(self):
        runtime_libraries.load_runtime_libraries()

    @staticmethod
    def load_binary(name, binary, shared, device):
        """(module, function, n_regs, n_spills, n_max_threads). A kernel built
        for another machine (SPINE_TRITON_TARGET_ARCH=riscv64 on x86-64) cannot
        be loaded here: that is a RuntimeError saying how to get at it."""
        machine = _elf_machine(binary)
        here = environment.get_cpu_arch()
        if machine is not None and machine != here:
            raise RuntimeError(
                "kernel %r was compiled for %s (SPINE_TRITON_TARGET_ARCH=%s) and cannot run on this %s machine: "
                "compile it with kernel.warmup(...) or triton.compile(...) and take the binary from "
                "compiled.asm['so'] (or SPINE_TRITON_DUMP_PATH) to run it on the target" %
                (name, machine, environment.get_target_arch(), here))
        module, function, n_regs, n_spills, _ = runtime_libraries.load_binary(name, binary, shared, device)
        return module, function, n_regs, n_spills, _MAX_THREADS

    @staticmethod
    def unload_module(module):
        """Triton calls this when a CompiledKernel is collected. Kernel
        libraries stay mapped (a launcher of another CompiledKernel of the
        same binary may still run it); only our reference is dropped."""
        runtime_libraries.forget_binary(module)

    @staticmethod
    def get_device_properties(device):
        return {
            "max_shared_mem": 1 << 20,
            "max_num_regs": 0,
            "multiprocessor_count": runtime_libraries.num_cores(),
            "warpSize": 1,
            "sm_clock_rate": 0,
            "mem_clock_rate": 0,
            "mem_bus_width": 0,
        }

    @staticmethod
    def get_current_stream():
        return runtime_libraries.current_stream()

    @staticmethod
    def get_arch_id():
        detected = runtime_libraries.current_arch_id()
        known = {core.arch_id_string for core in load_spacemit_cores().values()}
        return detected if detected in known else DEFAULT_ARCH_ID

    @staticmethod
    def get_num_cores():
        return runtime_libraries.num_cores()

    @staticmethod
    def get_stream_threads():
        return runtime_libraries.stream_threads()


def _elf_machine(binary):
    if not isinstance(binary, (bytes, bytearray)) or binary[:4] != b"\x7fELF" or len(binary) < 20:
        return None
    return {62: "x86_64", 243: "riscv64", 183: "aarch64"}.get(int.from_bytes(binary[18:20], "little"))


class _TritonCache:
    """Built launchers in Triton's cache (TRITON_CACHE_DIR), next to the kernels."""

    def __init__(self, key):
        from triton.runtime.cache import get_cache_manager
        self.manager = get_cache_manager(key)

    def get(self, filename):
        return self.manager.get_file(filename)

    def put(self, data, filename):
        return self.manager.put(data, filename, binary=True)


class SpineTritonLauncher:
    """driver.launcher_cls: Triton makes one per CompiledKernel and calls it
    with (gridX, gridY, gridZ, stream, function, packed_metadata,
    launch_metadata, enter_hook, exit_hook, *args), args in the kernel's
    parameter order, constexprs included."""

    def __init__(self, src, metadata):
        fn = getattr(src, "fn", None)
        arg_names = getattr(fn, "arg_names", None)
        signature = dict(src.signature)
        if arg_names is not None and all(isinstance(key, str) for key in signature):
            signature = {name: signature[name] for name in arg_names if name in signature}
        types = list(signature.values())
        unsupported = ["%s: %s" % (name, ty) for name, ty in signature.items() if _has_descriptor(ty)]
        if unsupported:
            raise NotImplementedError("spine_triton: host-side tensor descriptors are not supported yet: %s" %
                                      ", ".join(unsupported))
        # Tuple arguments reach the kernel as their elements, in order.
        self.tuples = any(isinstance(ty, tuple) for ty in types)
        flat = []
        _flatten(types, flat)
        kernel_name = getattr(metadata, "name", None) or getattr(fn, "__name__", "kernel")
        self.launcher = Launcher(dict(enumerate(flat)), bool(getattr(metadata, "smt_parallel_inside", False)),
                                 kernel_name, device_print=bool(getattr(metadata, "device_print", False)),
                                 cache_factory=_TritonCache)
        self.launch = self.launcher.launch
        # Positions of the parameters declared tl.constexpr: callers that
        # leave them out (FlagGems' libentry does under Triton >= 3.7) get
        # them filled in, since the kernel never reads them.
        params = getattr(fn, "params", None) or []
        self.declared_constexprs = frozenset(i for i, p in enumerate(params) if getattr(p, "is_constexpr", False))
        self.num_params = len(params)

    def __call__(self, *args):
        if (self.declared_constexprs and not self.tuples and
                len(args) - 9 == self.num_params - len(self.declared_constexprs)):
            given = iter(args[9:])
            args = args[:9] + tuple(None if i in self.declared_constexprs else next(given)
                                    for i in range(self.num_params))
        if self.tuples:
            flat = []
            _flatten(args[9:], flat)
            args = args[:9] + tuple(flat)
        self.launch(*args)


def _has_descriptor(ty):
    if isinstance(ty, tuple):
        return any(_has_descriptor(t) for t in ty)
    return not isinstance(ty, str) or ty.startswith("tensordesc")


def _flatten(values, out):
    for value in values:
        if isinstance(value, tuple):
            _flatten(value, out)
        else:
            out.append(value)


class SpineTritonDeviceInterface:
    """driver.get_device_interface(), for triton.testing.do_bench: a launch
    has finished when it returns, so events are wall-clock timestamps.
    enable_hook_timing() (the frontend's) times only the launches, through
    Triton's launch hooks."""

    class Event:

        def __init__(self, enable_timing=True):
            self.time = 0.0

        def record(self):
            self.time = time.perf_counter()

        def elapsed_time(self, end_event) -> float:
            return (end_event.time - self.time) * 1000.0

    class _HookEvent:

        def __init__(self, interface):
            self.interface = interface
            self.index = 0

        def record(self):
            self.index = len(self.interface.kernel_times)

        def elapsed_time(self, end_event) -> float:
            return 1000.0 * sum(self.interface.kernel_times[self.index:end_event.index])

    def __init__(self):
        self.kernel_times = []
        self._started = 0.0
        self.use_hooks = False

    def enable_hook_timing(self):
        from triton import knobs
        self.use_hooks = True
        self.Event = lambda enable_timing=True: SpineTritonDeviceInterface._HookEvent(self)
        knobs.runtime.launch_enter_hook = lambda metadata: self._enter()
        knobs.runtime.launch_exit_hook = lambda metadata: self._exit()

    def _enter(self):
        self._started = time.perf_counter()

    def _exit(self):
        self.kernel_times.append(time.perf_counter() - self._started)

    def synchronize(self):
        pass

    def current_device(self):
        return "cpu"

    def device_count(self):
        return 1


class SpineTritonDriver(DriverBase):

    def __init__(self):
        super().__init__()
        self.utils = SpineTritonUtils()
        self.launcher_cls = SpineTritonLauncher
        self.binary_ext = "so"
        # Under Triton a failed tl.device_assert raises AssertionError from the
        # launch (as Triton's interpreter does) instead of aborting the
        # process; SPINE_TRITON_ASSERT_NONFATAL=0 restores the abort.
        os.environ.setdefault("SPINE_TRITON_ASSERT_NONFATAL", "1")
        self.current_arch_id = self.utils.get_arch_id()
        if is_cross_compiling():
            # This machine's cores say nothing about the target's: take its table row.
            core = core_for_arch_id(self.current_arch_id)
            self.num_cores, self.num_stream_threads = core.num_cores, core.stream_threads
        else:
            self.num_cores = self.utils.get_num_cores()
            self.num_stream_threads = self.utils.get_stream_threads()
        self.cpu_arch = get_cpu_name_from_arch_id(self.current_arch_id)
        self.force_vector_interleave = 2

    @classmethod
    def is_active(cls):
        """TRITON_ACTIVE_DRIVER=spine_triton (or cpu) selects this driver and
        any other value deselects it; unset, it is active when no other
        installed Triton backend is (no GPU), so `import triton` on a K1 or on
        a host without a GPU finds it. set_active(CPUDriver()) always works."""
        chosen = os.environ.get("TRITON_ACTIVE_DRIVER")
        if chosen:
            return chosen in ("spine_triton", "cpu")
        from triton.backends import backends
        for name, backend in backends.items():
            if backend.driver is cls or issubclass(backend.driver, SpineTritonDriver):
                continue
            try:
                if backend.driver.is_active():
                    return False
            except Exception:  # a broken GPU stack is no GPU
                continue
        return True

    @staticmethod
    def target_name():
        return "spine_triton"

    def get_current_target(self):
        return SpineTritonTarget("cpu", self.cpu_arch, 0, self.num_cores, self.num_stream_threads,
                                 self.current_arch_id, self.num_stream_threads, self.force_vector_interleave)

    def get_benchmarker(self):
        from triton.testing import do_bench
        return do_bench

    def get_device_capability(self, device=None):
        return ("cpu", 0)

    def get_current_stream(self, device=None):
        return self.utils.get_current_stream()

    def get_current_device(self):
        return "cpu"

    def set_current_device(self, device):
        if device not in ("cpu", 0):
            raise ValueError("the spine_triton driver has only the device 'cpu'")

    def get_active_torch_device(self):
        import torch
        return torch.device("cpu")

    def assemble_tensormap_to_arg(self, tensormaps_info, args):
        return args

    def get_device_interface(self):
        return SpineTritonDeviceInterface()

    def get_empty_cache_for_benchmark(self):
        """The buffer do_bench writes between runs to evict the inputs: twice
        the largest cache of this machine, within 4..64 MiB (the frontend's
        256 MiB takes longer to clear on a CPU than most kernels run)."""
        import torch
        largest = max(environment.cache_sizes())
        size = min(max(2 * largest, 4 << 20), 64 << 20)
        return torch.empty(size // 4, dtype=torch.int, device="cpu")

    def clear_cache(self, cache):
        cache.zero_()

    def map_python_to_cpp_type(self, ty: str) -> str:
        return cpp_type(ty)

    def allocate_default_profile_scratch(self, size: int, alignment: int, stream):
        import torch
        return torch.zeros(size, dtype=torch.int8, device="cpu")


# The frontend's names. CPUDriver resolves on access: Triton's backend
# discovery wants exactly one DriverBase subclass among this module's
# attributes (dir()), and a second name for it would count twice.
CPUUtils = SpineTritonUtils
CPULauncher = SpineTritonLauncher
CPUDeviceInterface = SpineTritonDeviceInterface
AICPUTarget = SpineTritonTarget


def __getattr__(name):
    if name == "CPUDriver":
        return SpineTritonDriver
    raise AttributeError("module %r has no attribute %r" % (__name__, name))


__all__ = ["SpineTritonDriver", "SpineTritonTarget", "CPUDriver", "CPUUtils", "CPULauncher", "CPUDeviceInterface",
           "AICPUTarget"]

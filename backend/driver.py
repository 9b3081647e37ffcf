"""Triton's driver interface for the Spine backend (imports Triton).

Loads libSpeIRRuntimeLibs and libSpineTritonRuntime into the process,
describes the target (arch_id, threads), loads kernel binaries and builds a
launcher per kernel signature (launcher.py).
"""

import os
import time
from dataclasses import dataclass

from triton.backends.compiler import GPUTarget
from triton.backends.driver import DriverBase

from . import runtime_libraries
from .launcher import Launcher, cpp_type
from .spacemit_cores import core_for_arch_id, load_spacemit_cores
from .stages import is_cross_compiling

DEFAULT_ARCH_ID = "0x503C"  # a K1, when the host is no SpacemiT core (cross-compiling)


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
        return runtime_libraries.load_binary(name, binary, shared, device)

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


class SpineTritonLauncher:

    def __init__(self, src, metadata):
        arg_names = getattr(getattr(src, "fn", None), "arg_names", None)
        signature = dict(src.signature)
        kernel_name = getattr(metadata, "name", None) or getattr(getattr(src, "fn", None), "__name__", "kernel")
        self.launcher = Launcher(signature, bool(getattr(metadata, "smt_parallel_inside", False)), kernel_name,
                                 arg_names=arg_names)

    def __call__(self, *args):
        self.launcher.launch(*args)


class SpineTritonDeviceInterface:
    """Timing for triton.testing.do_bench: kernels finish before launch() returns."""

    class Event:

        def __init__(self, enable_timing=True):
            self.time = 0.0

        def record(self):
            self.time = time.perf_counter()

        def elapsed_time(self, end_event) -> float:
            return (end_event.time - self.time) * 1000.0

    def synchronize(self):
        pass


class SpineTritonDriver(DriverBase):

    def __init__(self):
        super().__init__()
        self.utils = SpineTritonUtils()
        self.launcher_cls = SpineTritonLauncher
        self.binary_ext = "so"
        self.current_arch_id = self.utils.get_arch_id()
        if is_cross_compiling():
            # This machine's cores say nothing about the target's: take its table row.
            core = core_for_arch_id(self.current_arch_id)
            self.num_cores, self.num_stream_threads = core.num_cores, core.stream_threads
        else:
            self.num_cores = self.utils.get_num_cores()
            self.num_stream_threads = self.utils.get_stream_threads()
        self.force_vector_interleave = 2

    # Like the frontend: chosen only when asked for, e.g. TRITON_ACTIVE_DRIVER=spine_triton
    # or triton.runtime.driver.set_active(SpineTritonDriver()).
    @classmethod
    def is_active(cls):
        return os.environ.get("TRITON_ACTIVE_DRIVER") in ("spine_triton", "cpu")

    @staticmethod
    def target_name():
        return "spine_triton"

    def get_current_target(self):
        from .spacemit_cores import get_cpu_name_from_arch_id
        return SpineTritonTarget("cpu", get_cpu_name_from_arch_id(self.current_arch_id), 0, self.num_cores,
                                 self.num_stream_threads, self.current_arch_id, self.num_stream_threads,
                                 self.force_vector_interleave)

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
        import torch
        return torch.empty(256 * 1024 * 1024 // 4, dtype=torch.int, device="cpu")

    def clear_cache(self, cache):
        cache.zero_()

    def map_python_to_cpp_type(self, ty: str) -> str:
        return cpp_type(ty)


__all__ = ["SpineTritonDriver", "SpineTritonTarget"]

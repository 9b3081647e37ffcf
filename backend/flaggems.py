"""FlagGems on the CPU with this backend.

FlagGems (``flag_gems`` from PyPI) picks a vendor at import time and then
calls that vendor's torch device module (``torch.cuda`` and the like) for
device guards, properties and the Philox generator state. Release 5.0.2 has a
CPU configuration (its ``_arm`` vendor directory: device ``cpu``, CPU block
sizes) but leaves it out of its vendor list, and ``torch.cpu`` lacks most of
what it calls. Importing this module before ``flag_gems`` fills both gaps:

    import triton.backends.spine_triton.flaggems   # before flag_gems
    import flag_gems
    flag_gems.use_gems()          # torch operators now run our Triton kernels

It also makes this backend's driver the active Triton driver. Nothing of
FlagGems is changed on disk; the module only adds the CPU vendor to
FlagGems' vendor table while it loads and hands FlagGems a device object for
``cpu``.
"""

import contextlib
import importlib.abc
import importlib.machinery
import os
import sys
import types

import torch

VENDOR = "arm"  # FlagGems' vendor directory whose device is "cpu"


class _DeviceProperties:
    """What FlagGems reads of a device's properties (the grid-sizing ones)."""

    def __init__(self):
        from . import runtime_libraries

        self.name = "cpu"
        self.major, self.minor = 0, 0
        self.multi_processor_count = max(1, runtime_libraries.num_cores())
        self.total_memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
        self.L2_cache_size = 0


class _PhiloxGenerator:
    """FlagGems' random operators (dropout, rand, normal, ...) keep a Philox
    (seed, offset) pair in the device generator's state, as CUDA's generator
    does; CPU generators hold a Mersenne Twister state instead. This keeps
    the pair, seeded from torch's initial seed, so torch.manual_seed makes
    FlagGems' random operators repeatable."""

    def __init__(self):
        self._state = torch.tensor([torch.initial_seed() & (2**63 - 1), 0], dtype=torch.int64)
        self._seed = torch.initial_seed()

    def get_state(self):
        if torch.initial_seed() != self._seed:  # torch.manual_seed since
            self.__init__()
        return self._state.clone()

    def set_state(self, state):
        self._state = state.clone().view(torch.int64)[:2]


class _CpuDevice(types.ModuleType):
    """torch.cpu with the CUDA-style calls FlagGems makes on its device
    module: device(...) guards, properties, capability, generators."""

    def __init__(self):
        super().__init__("torch.cpu")
        self.default_generators = (_PhiloxGenerator(),)

    def __getattr__(self, name):
        return getattr(torch.cpu, name)

    @staticmethod
    def device(_device=None):
        return contextlib.nullcontext()

    _DeviceGuard = device

    @staticmethod
    def current_device():
        return 0

    @staticmethod
    def device_count():
        return 1

    @staticmethod
    def is_available():
        return True

    @staticmethod
    def get_device_properties(_device=None):
        return _DeviceProperties()

    @staticmethod
    def get_device_capability(_device=None):
        return (0, 0)

    @staticmethod
    def get_device_name(_device=None):
        return "cpu"

    @staticmethod
    def mem_get_info(_device=None):
        total = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
        free = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_AVPHYS_PAGES")
        return free, total


def _add_cpu_vendor(common):
    vendors = common.vendors
    listed = vendors.get_all_vendors.__func__
    # Not a member of FlagGems' vendor enum: compares unequal to all of them,
    # so the CPU counts as supporting fp64, bf16 and int64.
    vendors.get_all_vendors = classmethod(lambda cls: {**listed(cls), VENDOR: "cpu"})


def _set_cpu_device(backend):
    backend.torch_device_object = _CpuDevice()
    # The arm directory's own operators are a demo (add and gelu print a
    # banner on every call; add does not broadcast, gelu rejects f16) and it
    # excludes add and cos, which then stay torch's. The CPU takes FlagGems'
    # generic operators instead, as the NVIDIA vendor does.
    backend.get_customized_ops = lambda vendor_name=None: []
    backend.get_unused_ops = lambda vendor_name=None: []


def _set_cpu_codegen(config_utils):
    """Element-wise kernels that FlagGems generates (pointwise_dynamic) for
    the CPU: N-d tiles over plain pointers (Triton 3.9 has no block
    pointers), 1024 elements at most per program."""
    config_utils.CODEGEN_COFIGS["cpu"] = config_utils.CodeGenConfig(
        1024, (65536, 65536, 65536), 32, prefer_block_pointer=False, prefer_1d_tile=False)


class _TorchWithCpuDevice(types.ModuleType):
    """torch, with torch.cuda being the CPU's device object."""

    def __init__(self):
        super().__init__("torch")
        self.cuda = _CpuDevice()

    def __getattr__(self, name):
        return getattr(torch, name)


def _set_cpu_heuristics(heuristics):
    """FlagGems' default (NVIDIA) heuristics, which the CPU vendor inherits
    for the reductions along a non-last dimension (argmax, softmax, mean),
    size tiles by torch.cuda's SM count: they get the CPU's core count."""
    heuristics.torch = _TorchWithCpuDevice()


def _set_cpu_tuning(configloader):
    """FlagGems' autotuned kernels try configs that differ only in
    num_warps/num_stages/num_ctas, which this backend accepts and ignores
    (SpineTritonOptions): each would compile the same code again and time
    the same kernel. The CPU keeps the first of each such group."""
    get_tuned_config = configloader.ConfigLoader.get_tuned_config

    def distinct_tuned_config(self, op_name):
        configs = get_tuned_config(self, op_name)
        kept, seen = [], set()
        for config in configs:
            key = repr(sorted(getattr(config, "kwargs", {}).items()))
            if key not in seen:
                seen.add(key)
                kept.append(config)
        return kept

    configloader.ConfigLoader.get_tuned_config = distinct_tuned_config


def _allow_cpu_where(where):
    """FlagGems' where.self asserts that some operand is on a non-CPU device
    (on a GPU build, an all-CPU call is a dispatch mistake). Here the CPU is
    the device: all-CPU operands run FlagGems' own where kernel
    (where_inner) on this backend; anything else goes to FlagGems' code."""
    original = where.where_self_out

    def where_self_out(condition, self, other, out=None):
        operands = (condition, self, other)
        if any(isinstance(x, torch.Tensor) and x.device.type != "cpu" for x in operands):
            return original(condition, self, other, out=out)
        result_type = torch.result_type(self, other)
        if out is not None and out.dtype != result_type:
            raise RuntimeError("where: expected out dtype %s, got %s" % (result_type, out.dtype))
        c, a, b = (x if isinstance(x, torch.Tensor) else torch.tensor(x) for x in operands)
        if c.dtype != torch.bool:
            raise RuntimeError("where expected condition to be a boolean tensor, but got %s" % c.dtype)
        a, b = a.to(result_type), b.to(result_type)
        if out is None:
            out = torch.empty(torch.broadcast_shapes(c.shape, a.shape, b.shape), dtype=result_type)
        where.where_inner.instantiate(max(c.ndim, a.ndim, b.ndim))
        where.where_inner(c, a, b, out0=out)
        return out

    where.where_self_out = where_self_out


_PATCHES = {
    "flag_gems.ops.where": _allow_cpu_where,
    "flag_gems.runtime.configloader": _set_cpu_tuning,
    "_nvidia.heuristics_config_utils": _set_cpu_heuristics,
    "flag_gems.runtime.common": _add_cpu_vendor,
    "flag_gems.runtime.backend": _set_cpu_device,
    "flag_gems.utils.codegen_config_utils": _set_cpu_codegen,
}


class _PatchingFinder(importlib.abc.MetaPathFinder):
    """Runs a patch right after one of FlagGems' modules has loaded."""

    def find_spec(self, fullname, path, target=None):
        patch = _PATCHES.get(fullname)
        if patch is None:
            return None
        spec = importlib.machinery.PathFinder.find_spec(fullname, path)
        if spec is None or spec.loader is None:
            return spec
        load = spec.loader.exec_module

        def exec_module(module):
            load(module)
            patch(module)

        spec.loader.exec_module = exec_module
        return spec


def _install():
    if "flag_gems" in sys.modules:
        if getattr(sys.modules["flag_gems"], "device", None) == "cpu":
            return
        raise ImportError("import triton.backends.spine_triton.flaggems before flag_gems: "
                          "flag_gems has already picked a device")
    os.environ["GEMS_VENDOR"] = VENDOR
    # FlagGems' math shim falls back to tl.extra.libdevice, which this
    # backend maps onto its own math lowering (SpineTritonBackend.get_module_map).
    import triton
    import triton.language.extra.libdevice  # noqa: F401
    from .driver import SpineTritonDriver

    if not isinstance(triton.runtime.driver.active, SpineTritonDriver):
        triton.runtime.driver.set_active(SpineTritonDriver())
    if not any(isinstance(finder, _PatchingFinder) for finder in sys.meta_path):
        sys.meta_path.insert(0, _PatchingFinder())


_install()

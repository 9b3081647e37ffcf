"""Triton's compiler interface for the Spine backend (imports Triton).

Stages: ttir (Triton's cleanup + the target attributes) -> linalgdir
(spine-opt --spine-ttir-to-linalg, or the frontend's spine-triton-opt) ->
llir (spine-opt, mlir-translate) -> so (opt, llc, link). Everything after
ttir lives in stages.py and runs without Triton; a tool's failure there
becomes a KernelCompilationError naming the kernel and the stage.

The frontend's names are here too: CPUBackend, CPUOptions, get_cache_sizes.
"""

import hashlib
from dataclasses import dataclass
from types import ModuleType
from typing import Any, Dict, Optional, Tuple

from triton._C.libtriton import ir, passes
from triton.backends.compiler import BaseBackend, GPUTarget

from . import environment, stages

try:  # the frontend's Triton build has its dialects in libtriton
    from triton._C.libtriton import spine_triton as _frontend_dialects
except ImportError:
    _frontend_dialects = None

PLUGIN_VERSION = "0.1.0"


@dataclass(frozen=True)
class SpineTritonOptions:
    """What Triton's JIT and autotuner may pass (num_warps, num_stages, ... of
    a triton.Config are accepted and ignored on a CPU), and what its code
    generator reads."""
    debug: bool = False
    arch: str = None
    num_warps: int = 0
    num_ctas: int = 0
    num_stages: int = 1
    warp_size: int = 1
    maxnreg: Optional[int] = None
    enable_warp_specialization: bool = False
    enable_fp_fusion: bool = False
    launch_cooperative_grid: bool = False
    launch_pdl: bool = False
    extern_libs = None
    cluster_dims: tuple = (1, 1, 1)
    shared: bool = False
    supported_fp8_dtypes: Tuple[str] = ()
    deprecated_fp8_dot_operand_dtypes: Tuple[str] = ()
    allow_fp8e4nv: bool = False
    allowed_dot_input_precisions: Tuple[str] = ("ieee", )
    default_dot_input_precision: str = "ieee"
    max_num_imprecise_acc_default: int = 0
    sanitize_overflow: bool = True
    instrumentation_mode: str = ""
    fpsan_homomorphic_casts: bool = False
    ir_override: Optional[str] = None
    backend_name: str = "spine_triton"

    def hash(self):
        key = "_".join("%s-%s" % (name, value) for name, value in sorted(self.__dict__.items()))
        return hashlib.sha256(key.encode("utf-8")).hexdigest()


def _target_attribute(target, name, default):
    return getattr(target, name, default) if target is not None else default


class SpineTritonBackend(BaseBackend):
    binary_ext = "so"

    @staticmethod
    def supports_target(target: GPUTarget):
        return target.backend == "cpu"

    def __init__(self, target: GPUTarget) -> None:
        super().__init__(target)

    def parse_options(self, opts) -> Any:
        args = {"arch": self.target.arch}
        args.update({k: opts[k] for k in SpineTritonOptions.__dataclass_fields__ if k in opts})
        return SpineTritonOptions(**args)

    def get_codegen_implementation(self, options=None):
        return {"min_dot_size": lambda lhs_type, rhs_type: (1, 1, 1)}

    def pack_metadata(self, metadata):
        return (metadata.num_warps, metadata.num_ctas, metadata.shared, metadata.cluster_dims[0],
                metadata.cluster_dims[1], metadata.cluster_dims[2], metadata.name)

    def load_dialects(self, ctx):
        if _frontend_dialects is not None:
            _frontend_dialects.load_dialects(ctx)

    @staticmethod
    def make_ttir(mod, metadata, options):
        pm = ir.pass_manager(mod.context)
        pm.enable_debug()
        passes.common.add_inliner(pm)
        passes.ttir.add_combine(pm)
        passes.common.add_canonicalizer(pm)
        passes.ttir.add_reorder_broadcast(pm)
        passes.common.add_cse(pm)
        passes.common.add_licm(pm)
        passes.common.add_symbol_dce(pm)
        try:
            pm.run(mod, "make_ttir")  # the frontend's Triton names each pass-manager run
        except TypeError:
            pm.run(mod)
        target = metadata["target"]
        builder = ir.builder(mod.context)
        mod.set_attr("tt.num_threads", builder.get_int32_attr(_target_attribute(target, "num_threads", 1)))
        mod.set_attr("tt.arch_id", builder.get_string_attr(_target_attribute(target, "arch_id", "0x503C")))
        mod.set_attr(
            "tt.force_vector_interleave",
            builder.get_int32_attr(
                _target_attribute(target, "force_vector_interleave", stages.DEFAULT_FORCE_VECTOR_INTERLEAVE)))
        metadata["name"] = stages.kernel_name_from_ttir(str(mod))
        return mod

    @staticmethod
    def make_linalgdir(src, metadata):
        ttir = str(src)
        if not metadata.get("name"):  # triton.compile("kernel.ttir") starts here, after make_ttir
            metadata["name"] = stages.kernel_name_from_ttir(ttir)
        metadata["smt_parallel_inside"] = stages.smt_parallel_inside(ttir)
        metadata["device_print"] = stages.has_device_print(ttir)
        return stages.ttir_to_linalgdir(ttir, metadata)

    @staticmethod
    def make_llir(src, metadata):
        metadata["spine_pipeline"] = stages.spine_opt_pipeline_argument(metadata)
        return stages.linalgdir_to_llir(src, metadata)

    @staticmethod
    def make_so(src, metadata):
        metadata["target_machine"] = stages.target_machine()
        return stages.llir_to_so(src, metadata)

    def add_stages(self, stages_dict, options, language=None):
        stages_dict["ttir"] = lambda src, metadata: self.make_ttir(src, metadata, options)
        stages_dict["linalgdir"] = _reporting("linalgdir", self.make_linalgdir)
        stages_dict["llir"] = _reporting("llir", self.make_llir)
        stages_dict["so"] = _reporting("so", self.make_so)

    def hash(self):
        # Computed per compilation (Triton makes a backend for each): a rebuilt
        # spine-opt or a changed SPINE_TRITON_* variable is a new cache key.
        return "spine_triton-%s-%s-%s" % (PLUGIN_VERSION, self.target, environment.compile_fingerprint())

    def get_module_map(self) -> Dict[str, ModuleType]:
        """tl.extra.libdevice: Triton's libdevice functions emit
        tt.extern_elementwise with libdevice's symbols (__nv_tanhf, ...), which
        spine-opt's TTIR conversion turns into math-dialect operations (the
        usual ones: exp/log/trig/hyperbolic/rounding/pow/fma...; others are
        a compile error naming the symbol)."""
        from triton.language.extra.cuda import libdevice
        return {"triton.language.extra.libdevice": libdevice}


def _reporting(stage, function):
    """A stage whose tool failures become a KernelCompilationError naming the
    kernel and the stage, with the tool's diagnostics."""

    def run(src, metadata):
        try:
            return function(src, metadata)
        except stages.StageError as error:
            raise stages.KernelCompilationError(metadata.get("name", "?"), stage, error) from None

    return run


def get_cache_sizes():
    """[L1d, L2, L3] data cache sizes in bytes of this machine's first core
    (0 where unknown), as the frontend's compiler module offers them for
    picking block sizes."""
    return list(environment.cache_sizes())


# The frontend's names (scripts import them): resolved on access, so Triton's
# backend discovery, which wants exactly one BaseBackend subclass among the
# module's attributes, sees only SpineTritonBackend.
_FRONTEND_NAMES = {"CPUBackend": "SpineTritonBackend", "CPUOptions": "SpineTritonOptions"}


def __getattr__(name):
    if name in _FRONTEND_NAMES:
        return globals()[_FRONTEND_NAMES[name]]
    raise AttributeError("module %r has no attribute %r" % (__name__, name))

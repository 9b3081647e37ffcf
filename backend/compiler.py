"""Triton's compiler interface for the Spine backend (imports Triton).

Stages: ttir (Triton's cleanup + the target attributes) -> linalgdir
(spine-triton-opt) -> llir (spine-opt, mlir-translate) -> so (opt, llc,
link). Everything after ttir lives in stages.py and runs without Triton.
"""

import functools
import hashlib
from dataclasses import dataclass
from types import ModuleType
from typing import Any, Dict, Tuple

from triton._C.libtriton import ir, passes
from triton.backends.compiler import BaseBackend, GPUTarget

from . import stages

try:  # the frontend's Triton build has its dialects in libtriton
    from triton._C.libtriton import spine_triton as _frontend_dialects
except ImportError:
    _frontend_dialects = None

PLUGIN_VERSION = "0.1.0"


@dataclass(frozen=True)
class SpineTritonOptions:
    debug: bool = False
    arch: str = None
    num_warps: int = 0
    num_ctas: int = 0
    num_stages: int = 1
    enable_warp_specialization: bool = False
    enable_fp_fusion: bool = False
    extern_libs = None
    cluster_dims: tuple = (1, 1, 1)
    shared: bool = False
    supported_fp8_dtypes: Tuple[str] = ()
    allow_fp8e4nv: bool = False
    allowed_dot_input_precisions: Tuple[str] = ("ieee", )
    sanitize_overflow: bool = True

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
        metadata["smt_parallel_inside"] = stages.smt_parallel_inside(ttir)
        return stages.ttir_to_linalgdir(ttir, metadata)

    def add_stages(self, stages_dict, options, language=None):
        stages_dict["ttir"] = lambda src, metadata: self.make_ttir(src, metadata, options)
        stages_dict["linalgdir"] = lambda src, metadata: self.make_linalgdir(src, metadata)
        stages_dict["llir"] = lambda src, metadata: stages.linalgdir_to_llir(src, metadata)
        stages_dict["so"] = lambda src, metadata: stages.llir_to_so(src, metadata)

    @functools.lru_cache()
    def hash(self):
        return "spine_triton-%s-%s" % (PLUGIN_VERSION, self.target)

    def get_module_map(self) -> Dict[str, ModuleType]:
        return {}

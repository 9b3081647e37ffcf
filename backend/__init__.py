"""spine_triton: the Spine backend as a Triton backend plugin.

Installed as ``triton.backends.spine_triton`` and found by Triton through the
``triton.backends`` entry-point group. ``compiler`` and ``driver`` import
Triton; everything else here (the core table, tool discovery, the
linalgdir -> llir -> so stages, the launcher generator, the disk cache, the
runtime libraries and aot.export_kernel) works without Triton, so importing
this package never imports Triton.
"""

from .spacemit_cores import (SpacemitCore, load_spacemit_cores, core_for_arch_id,
                             get_cpu_name_from_arch_id)
from .environment import (PACKAGE_DIR, get_spine_mlir_opt_path, get_spine_triton_opt_path,
                          get_llvm_bin_path, get_spine_mlir_opt_options, get_spine_mlir_cc_debug,
                          get_target_arch, get_cpu_arch, get_cross_toolchain, use_ref_pipeline,
                          dump_ir_if_needed)

__all__ = [
    "SpacemitCore",
    "load_spacemit_cores",
    "core_for_arch_id",
    "get_cpu_name_from_arch_id",
    "PACKAGE_DIR",
    "get_spine_mlir_opt_path",
    "get_spine_triton_opt_path",
    "get_llvm_bin_path",
    "get_spine_mlir_opt_options",
    "get_spine_mlir_cc_debug",
    "get_target_arch",
    "get_cpu_arch",
    "get_cross_toolchain",
    "use_ref_pipeline",
    "dump_ir_if_needed",
]

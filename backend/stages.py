"""The compile stages after Triton's own: ttir -> linalgdir -> llir -> so.

Each stage is a function (text, metadata) -> text (bytes for "so"), as Triton
calls them, and needs no Triton: metadata is any dict with
  name                  the kernel's symbol
  smt_parallel_inside   the kernel has its own scf.forall (bind_sub_block)
  target                an object with .arch_id (or a plain "arch_id" key)
and optionally target.force_vector_interleave.
"""

import dataclasses
import os
import re
import subprocess
import tempfile
from pathlib import Path
from typing import List, Mapping, Optional, Sequence

from . import environment as env
from .spacemit_cores import SpacemitCore, core_for_arch_id

RISCV64_TRIPLE = "riscv64-unknown-linux-gnu"
# Extensions every SpacemiT core has; the core table adds the rest.
RISCV64_BASE_MATTR = ("+64bit", "+a", "+b", "+c", "+d", "+f", "+i", "+m", "+v", "+zfh", "+zvfh", "+zicbop", "+zicbom",
                      "+zicboz")
# What a launcher or kernel .so needs from the runtime, in link order.
RUNTIME_LIBRARIES = ("SpineTritonRuntime", "SpeIRRuntimeLibs")
DEFAULT_FORCE_VECTOR_INTERLEAVE = 2


class StageError(RuntimeError):
    """A tool of a stage failed; the message holds its command line and output."""

    def __init__(self, message: str, diagnostics: str = "", command: Sequence[str] = ()):
        super().__init__(message)
        self.diagnostics = diagnostics
        self.command = list(command)


class KernelCompilationError(StageError):
    """A Triton kernel failed to compile in one of the plugin's stages:
    kernel name, stage and the tool's diagnostics (MLIR's carry the Python
    source location of the offending operation)."""

    STAGE_TOOLS = {
        "ttir": "Triton's TTIR passes",
        "linalgdir": "TTIR -> Linalg",
        "llir": "Linalg -> LLVM IR",
        "so": "LLVM IR -> shared object",
    }

    def __init__(self, kernel: str, stage: str, error: StageError):
        self.kernel, self.stage = kernel, stage
        what = self.STAGE_TOOLS.get(stage, stage)
        diagnostics = error.diagnostics.strip() or str(error)
        message = "spine_triton: kernel '%s' failed to compile in stage '%s' (%s):\n%s" % (kernel, stage, what,
                                                                                         diagnostics)
        if error.command:
            message += "\ncommand: %s" % " ".join(error.command)
        if not env.get_dump_path():
            message += "\n(set SPINE_TRITON_DUMP_PATH=<dir> to keep every stage's input)"
        super().__init__(message, error.diagnostics, error.command)


def run_tool(argv: Sequence[str]) -> None:
    try:
        result = subprocess.run(list(argv), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    except FileNotFoundError:
        raise StageError("tool not found: %s (set SPINE_MLIR_OPT_PATH / LLVM_BINARY_DIR, or install the wheel's "
                         "bundled tools)" % argv[0], command=argv) from None
    if result.returncode != 0:
        status = ("killed by signal %d" % -result.returncode) if result.returncode < 0 else (
            "exit %d" % result.returncode)
        diagnostics = result.stdout + result.stderr
        raise StageError("command failed (%s): %s\n%s" % (status, " ".join(argv), diagnostics),
                         "%s (%s):\n%s" % (os.path.basename(argv[0]), status, diagnostics), argv)


def _get(metadata, key, default=None):
    if isinstance(metadata, Mapping):
        return metadata.get(key, default)
    return getattr(metadata, key, default)


def kernel_arch_id(metadata) -> str:
    target = _get(metadata, "target")
    arch_id = getattr(target, "arch_id", None) if target is not None else None
    return arch_id or _get(metadata, "arch_id") or "0x503C"


def smt_parallel_inside(ttir: str) -> bool:
    """The kernel parallelizes itself (smt.parallel(..., bind_sub_block=True))."""
    return "bind_sub_block = true" in ttir


def has_device_print(ttir: str) -> bool:
    """The kernel prints (tl.device_print, or print() in a kernel: tt.print)."""
    return "tt.print" in ttir


def target_machine() -> str:
    """What the .so is for: 'riscv64' when cross-compiling, else this machine."""
    return "riscv64" if env.get_target_arch() == "riscv64" else env.get_cpu_arch()


def kernel_name_from_ttir(ttir: str) -> str:
    names = re.findall(r"tt\.func\s+public\s+@([\w$.]+)\s*\(", ttir)
    if len(names) != 1:
        raise StageError("expected exactly one public tt.func in the TTIR, found %d" % len(names))
    return names[0]


def pipeline_option_string(metadata, reference: bool) -> str:
    """SPINE_TRITON_PIPELINE_OPTION, else the frontend's defaults: thread-local
    scratch unless the kernel runs its own scf.forall."""
    override = env.get_spine_mlir_opt_options()
    if override:
        return override
    tls = "0" if _get(metadata, "smt_parallel_inside", False) else "1"
    if reference:
        return "enable-always-tls=" + tls
    return "enable-always-tls=%s enable-fuse-group=false" % tls


def spine_opt_pipeline_argument(metadata, reference: Optional[bool] = None) -> str:
    if reference is None:
        reference = env.use_ref_pipeline()
    pipeline = "spine-triton-e2e-ref-pipeline" if reference else "spine-triton-e2e-pipeline"
    return '--%s=%s' % (pipeline, pipeline_option_string(metadata, reference))


def ttir_to_linalgdir(ttir: str, metadata) -> str:
    """TTIR -> linalgdir: spine-opt's own conversion (--spine-ttir-to-linalg),
    or the frontend's `spine-triton-opt --triton-to-linalg-experimental` when
    one is bundled or SPINE_TRITON_OPT_PATH names it."""
    name = _get(metadata, "name")
    with tempfile.TemporaryDirectory() as tmp:
        src, dst = os.path.join(tmp, "tt.mlir"), os.path.join(tmp, "linalg.mlir")
        Path(src).write_text(ttir)
        env.dump_ir_if_needed([src], name)
        frontend = env.find_spine_triton_opt_path()
        if frontend:
            run_tool([frontend, src, "--triton-to-linalg-experimental", "-o", dst])
        else:
            run_tool([env.get_spine_mlir_opt_path(), src, "--spine-ttir-to-linalg", "-o", dst])
        env.dump_ir_if_needed([dst], name)
        return Path(dst).read_text()


def linalgdir_to_llir(linalgdir: str, metadata, reference: Optional[bool] = None,
                      source_path: Optional[str] = None, pipeline_argument: Optional[str] = None) -> str:
    """spine-opt's e2e (or reference) pipeline, then mlir-translate.

    source_path: the file linalgdir was read from, if any. spine-opt then
    reads that file, so its diagnostics name the user's file and lines
    instead of a temporary copy. pipeline_argument: spine-opt's pipeline
    argument in place of the frontend's (spine_opt_pipeline_argument)."""
    name = _get(metadata, "name")
    spine_opt = env.get_spine_mlir_opt_path()
    with tempfile.TemporaryDirectory() as tmp:
        linalg_path = source_path or os.path.join(tmp, "linalg.mlir")
        llmlir_path = os.path.join(tmp, "ll.mlir")
        llir_path = os.path.join(tmp, "ll.ir")
        if source_path is None:
            Path(linalg_path).write_text(linalgdir)
        pipeline = pipeline_argument or spine_opt_pipeline_argument(metadata, reference)
        run_tool([spine_opt, linalg_path, pipeline, "-o", llmlir_path])
        env.dump_ir_if_needed([llmlir_path], name)
        translate_input = llmlir_path
        if env.get_dump_path():
            # Locations in the dumped LLVM IR point into the dumped ll.mlir.
            translate_input = os.path.join(tmp, "ll_with_debuginfo.mlir")
            run_tool([
                spine_opt, llmlir_path, "--ensure-debug-info-scope-on-llvm-func", "-mlir-print-debuginfo", "-o",
                translate_input
            ])
        run_tool([env.get_llvm_bin_path("mlir-translate"), translate_input, "--mlir-to-llvmir", "-o", llir_path])
        env.dump_ir_if_needed([llir_path], name)
        return Path(llir_path).read_text()


def riscv64_mattr(core: SpacemitCore, extra: str = "") -> str:
    """The base features, the core's, then extra's (SPINE_TRITON_RISCV64_MATTR:
    last, so "-zicond" removes what the core's -mcpu implies)."""
    features = list(RISCV64_BASE_MATTR)
    for source in (core.llvm_features, extra):
        for feature in filter(None, (f.strip() for f in source.split(","))):
            if feature[:1] not in "+-":
                raise ValueError("SPINE_TRITON_RISCV64_MATTR: %r is not +feature or -feature" % feature)
            if feature not in features:
                features.append(feature)
    return ",".join(features)


def is_cross_compiling() -> bool:
    return env.get_target_arch() == "riscv64" and env.get_cpu_arch() != "riscv64"


@dataclasses.dataclass(frozen=True)
class CodegenTarget:
    """The machine opt and llc compile a kernel for: a SpacemiT core (riscv64)
    or, with core None, the host with host_mcpu."""
    core: Optional[SpacemitCore] = None
    host_mcpu: str = "native"
    extra_mattr: str = ""  # +/-features after the core's
    vector_interleave: int = DEFAULT_FORCE_VECTOR_INTERLEAVE

    @classmethod
    def of_kernel(cls, metadata) -> "CodegenTarget":
        """What the plugin targets: the kernel's arch_id row when the target
        is riscv64 (SPINE_TRITON_TARGET_ARCH or a riscv64 host), else the host."""
        if env.get_target_arch() != "riscv64":
            return cls(host_mcpu=env.get_host_mcpu())
        interleave = getattr(_get(metadata, "target"), "force_vector_interleave", None)
        return cls(core=core_for_arch_id(kernel_arch_id(metadata)), extra_mattr=env.get_riscv64_extra_mattr(),
                   vector_interleave=interleave or DEFAULT_FORCE_VECTOR_INTERLEAVE)

    def machine_flags(self, mattr_flag: str) -> List[str]:
        if self.core is None:
            return ["-mcpu=" + self.host_mcpu]
        return [
            "-mtriple=" + RISCV64_TRIPLE, "-mcpu=" + self.core.llvm_cpu,
            mattr_flag + "=" + riscv64_mattr(self.core, self.extra_mattr)
        ]


# The LLVM IR passes between mlir-translate and llc: scalar replacement and
# instcombine first (the kernel's stack accumulators into registers, the
# translated IR's redundant casts and address arithmetic folded), loop
# rotation and invariant code motion (MLIR's loops test at the top; rotated,
# the entry guard folds away and llc keeps the vsetvli and the constants out
# of the loop), then the loop vectorizer for the scalar loops spine-opt
# leaves. instcombine does not insist on reaching a fixpoint in one run (as
# in LLVM's own -O pipelines): opt aborts when it checks that on some kernels
# (the TTIR histogram's).
OPT_PASSES = "sroa,instcombine<no-verify-fixpoint>,loop-mssa(loop-rotate,licm),simplifycfg,loop-vectorize"


def opt_command(src: str, dst: str, target: CodegenTarget) -> List[str]:
    argv = [env.get_llvm_bin_path("opt"), src, "-passes=" + OPT_PASSES, *target.machine_flags("-mattr")]
    if target.core is not None:
        argv += ["-force-vector-width=32", "-force-vector-interleave=%d" % target.vector_interleave]
    return argv + ["-o", dst]


def llc_command(src: str, dst: str, target: CodegenTarget, filetype: str = "obj") -> List[str]:
    argv = [env.get_llvm_bin_path("llc"), src, "-O3", "--float-abi=hard", "--relocation-model=pic"]
    argv += target.machine_flags("--mattr")
    if target.core is not None:
        argv.append("--target-abi=lp64d")
    return argv + ["-filetype=" + filetype, "-o", dst]


def check_scalable_vectors(llir: str, target: CodegenTarget) -> None:
    """Scalable vectors (spine-opt's vector-length-agnostic=1) are RISC-V's
    alone: llc for the host would abort on them, so the option is refused
    there with a clear message instead."""
    if target.core is None and "<vscale x" in llir:
        raise StageError(
            "the kernel uses scalable vectors (vector-length-agnostic=1 in SPINE_TRITON_PIPELINE_OPTION), "
            "which only riscv64 has; this host (%s) has none: drop the option, or compile for riscv64 "
            "(SPINE_TRITON_TARGET_ARCH=riscv64)" % target_machine())


def llir_to_object(llir_path: str, obj_path: str, target: CodegenTarget, asm_path: Optional[str] = None) -> None:
    """opt, then llc: an object file (and, given asm_path, its assembly)."""
    with open(llir_path) as f:
        check_scalable_vectors(f.read(), target)
    optimized = obj_path + ".opt.ll"
    run_tool(opt_command(llir_path, optimized, target))
    if asm_path:
        run_tool(llc_command(optimized, asm_path, target, filetype="asm"))
    run_tool(llc_command(optimized, obj_path, target))


def cross_compiler_command() -> List[str]:
    """clang++ for riscv64 from SPINE_TRITON_CROSS_TOOLCHAIN: SpacemiT's layout
    (<dir>/bin/clang++, <dir>/sysroot) or Debian's (<dir> = /usr/riscv64-linux-gnu,
    the default, with clang++ from LLVM 22)."""
    toolchain = env.get_cross_toolchain()
    if toolchain and os.path.isfile(os.path.join(toolchain, "bin", "clang++")) and os.path.isdir(
            os.path.join(toolchain, "sysroot")):
        return [
            os.path.join(toolchain, "bin", "clang++"), "--target=riscv64-unknown-linux-gnu",
            "--sysroot=" + os.path.join(toolchain, "sysroot"), "-fuse-ld=lld"
        ]
    debian_root = os.path.normpath(toolchain or "/usr/riscv64-linux-gnu")
    if os.path.isdir(os.path.join(debian_root, "riscv64-linux-gnu", "lib")):  # given /usr, not /usr/riscv64-linux-gnu
        debian_root = os.path.join(debian_root, "riscv64-linux-gnu")
    if os.path.isdir(os.path.join(debian_root, "lib")):
        return [
            env.get_llvm_bin_path("clang++"), "--target=riscv64-linux-gnu",
            "--gcc-toolchain=" + os.path.dirname(debian_root), "-fuse-ld=lld"
        ]
    raise StageError("no riscv64 toolchain: set SPINE_TRITON_CROSS_TOOLCHAIN to SpacemiT's toolchain "
                     "(bin/clang++, sysroot/) or install Debian's g++-riscv64-linux-gnu")


def runtime_link_arguments(dirs: Optional[List[str]]) -> List[str]:
    """-L/-l/rpath for the runtime libraries when they are found in dirs;
    nothing otherwise (the symbols then resolve when the driver dlopens the
    kernel after loading the runtime with RTLD_GLOBAL)."""
    found = []
    for library in RUNTIME_LIBRARIES:
        path = env.find_runtime_library("lib%s.so" % library, dirs)
        if path is None:
            return []
        found.append(os.path.dirname(path))
    unique_dirs = list(dict.fromkeys(found))
    args = ["-L" + d for d in unique_dirs] + ["-l" + lib for lib in RUNTIME_LIBRARIES]
    return args + ["-Wl,-rpath," + d for d in unique_dirs]


def host_builtins_archive() -> Optional[str]:
    """compiler-rt's builtins archive of the LLVM whose llc made the object,
    when it has one: llc emits calls such as __truncsfbf2 (f32 -> bf16) that
    an older libgcc (GCC 12's) lacks."""
    import glob
    import platform

    llvm_lib = os.path.join(os.path.dirname(os.path.realpath(env.get_llvm_bin_path("llc"))), os.pardir, "lib")
    machine = platform.machine()
    patterns = [os.path.join(llvm_lib, "clang", "*", "lib", "linux", "libclang_rt.builtins-%s.a" % machine),
                os.path.join(llvm_lib, "clang", "*", "lib", "%s-*linux-gnu" % machine, "libclang_rt.builtins.a")]
    for pattern in patterns:
        found = sorted(glob.glob(pattern))
        if found:
            return os.path.normpath(found[-1])
    return None


def link_command(objects: Sequence[str], dst: str) -> List[str]:
    if is_cross_compiling():
        cross_dirs = [d for d in os.environ.get("SPINE_TRITON_CROSS_RUNTIME_DIR", "").split(os.pathsep) if d]
        return (cross_compiler_command() + ["-shared", "-fPIC", "-nostdlib++", *objects] +
                runtime_link_arguments(cross_dirs) + ["-o", dst])
    compiler = os.environ.get("CXX") or "g++"
    builtins = host_builtins_archive()
    return ([compiler, "-shared", "-fPIC", *objects] + ([builtins] if builtins else []) +
            runtime_link_arguments(None) + ["-o", dst])


def llir_to_so(llir: str, metadata) -> bytes:
    """opt, llc (llir_to_object), then link a shared object for the target."""
    name = _get(metadata, "name")
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "kernel.ll")
        obj = os.path.join(tmp, "kernel.o")
        so = os.path.join(tmp, "kernel.so")
        Path(src).write_text(llir)
        dump_dir = env.get_dump_path()
        asm = os.path.join(tmp, "kernel.s") if dump_dir else None
        llir_to_object(src, obj, CodegenTarget.of_kernel(metadata), asm_path=asm)
        if asm:
            env.dump_ir_if_needed([asm], name)
        run_tool(link_command([obj], so))
        env.dump_ir_if_needed([so], name)
        return Path(so).read_bytes()

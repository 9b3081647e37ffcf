"""Compile a linalgdir kernel with spine-opt, call it through the frontend's
kernel ABI from a generated C++ harness, on the host or on riscv64 under
qemu, and hand back its buffers.

The harness is the launcher's contract in miniature: every buffer is passed as
(int64_t rank = 0, descriptor*) with a rank-0 descriptor {allocated, aligned,
offset}, scalars by value, then gridX, gridY, gridZ and the program ids; the
grid runs program by program.
"""
import dataclasses
import hashlib
import os
import sys
import re
import shutil
import subprocess
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
BUILD = Path(os.environ.get("SPINE_BUILD_DIR", ROOT / "build"))
LLVM_BIN = Path(os.environ.get("LLVM_BIN", "/usr/lib/llvm-22/bin"))
RISCV_SYSROOT = "/usr/riscv64-linux-gnu"
WORK = Path(os.environ.get("SPINE_E2E_WORK", BUILD / "test" / "e2e-work"))
# Extra flags for compiling and linking the host harness (the sanitizer runs:
# scripts/test-sanitizers.sh sets -fsanitize=address,undefined).
HOST_CXXFLAGS = os.environ.get("SPINE_E2E_HOST_CXXFLAGS", "").split()
# SPINE_E2E_ASAN_KERNELS=1: host kernels instrumented with AddressSanitizer
# (link them with -fsanitize=address in SPINE_E2E_HOST_CXXFLAGS).
ASAN_KERNELS = os.environ.get("SPINE_E2E_ASAN_KERNELS") == "1"


# backend/stages.py, the plugin's and spine-compile's stages: the tests
# compile as users do.
sys.path.insert(0, str(ROOT / "test"))
from plugin_source import import_plugin_source  # noqa: E402

import_plugin_source()
from spine_triton import stages  # noqa: E402

os.environ["SPINE_MLIR_OPT_PATH"] = str(BUILD / "bin" / "spine-opt")
os.environ["LLVM_BINARY_DIR"] = str(LLVM_BIN)

# Upstream MLIR's lowering of the same input, as triton-shared's CPU backend
# runs it (docs/measuring.md, "Peers"): scalar loops, no tiling, no vectorization.
UPSTREAM_PASSES = [
    "--convert-linalg-to-affine-loops", "--empty-tensor-to-alloc-tensor",
    "--one-shot-bufferize=allow-return-allocs-from-loops=true", "--lower-affine",
    "--convert-linalg-to-loops", "--expand-strided-metadata", "--convert-scf-to-cf",
    "--convert-arith-to-llvm", "--convert-math-to-llvm", "--convert-complex-to-llvm",
    "--convert-vector-to-llvm", "--convert-index-to-llvm", "--memref-expand",
    "--finalize-memref-to-llvm", "--convert-func-to-llvm", "--convert-cf-to-llvm",
    "--lower-affine", "--convert-arith-to-llvm", "--reconcile-unrealized-casts"]

PIPELINES = {
    "e2e": "--spine-triton-e2e-pipeline=enable-always-tls=1 enable-fuse-group=false",
    "ref": "--spine-triton-e2e-ref-pipeline=enable-always-tls=1",
    # The fast pipeline without GEMM epilogue fusion (on by default): only
    # for the cases that ask for it (Case.compare_fused), to check both forms.
    "unfused": "--spine-triton-e2e-pipeline=enable-always-tls=1 enable-fuse-group=false "
               "enable-epilogue-fusion=false",
    # TTIR decode kernels with their K loop left a loop of per-block GEMMs
    # (spine-raise-dot-k-loop is on by default); only for the cases that ask
    # for it (Case.compare_unraised).
    "unraised": "--spine-triton-e2e-pipeline=enable-always-tls=1 enable-fuse-group=false "
                "enable-raise-dot-k-loop=false",
    # Softmax over a large tile with its max and sum in one pass
    # (enable-online-softmax=true: speir-online-softmax, off by default);
    # only for the cases that ask for it (Case.compare_online).
    "online": "--spine-triton-e2e-pipeline=enable-always-tls=1 enable-fuse-group=false "
              "enable-online-softmax=true",
    # Every vectorized op at one LMUL (vector-registers=N) instead of the
    # register-pressure choice; only for the cases that ask for it
    # (Case.compare_lmul).
    **{f"lmul{n}": "--spine-triton-e2e-pipeline=enable-always-tls=1 enable-fuse-group=false "
                   f"vector-registers={n}" for n in (1, 2, 4, 8)},
    # Element-wise loops on scalable vectors (vector-length-agnostic=1): every
    # case, on the riscv64 targets only (x86-64 has no scalable vectors).
    "vla": "--spine-triton-e2e-pipeline=enable-always-tls=1 enable-fuse-group=false "
           "vector-length-agnostic=1",
}

# How opt/llc (a stages.CodegenTarget, as the plugin makes one from the core
# table), the linker and qemu see each target.
_X60 = stages.core_for_arch_id(0x503C)


def qemu_cpu(vlen):
    """qemu-riscv64's -cpu for an RVV machine of `vlen` bits (with Zfh)."""
    return f"rv64,v=true,vlen={vlen},Zfh=true"


TARGETS = {
    # The host build targets this machine (FMA, AVX2...), as a user's would.
    "host": dict(codegen=stages.CodegenTarget(host_mcpu="native"), qemu=None),
    # qemu 7.2 has no Zicond (czero.*), which the X60 model would use: the
    # contract's SPINE_TRITON_RISCV64_MATTR=-zicond, as the plugin's qemu tests set.
    "rv64-vlen256": dict(codegen=stages.CodegenTarget(core=_X60, extra_mattr="-zicond"),
                         qemu=qemu_cpu(256)),
    # A K1 (SPINE_ARCH_ID=0x503C): int8 GEMMs take the IME kernels, whose
    # smt.vmadot* the test-only SIGILL emulator executes under qemu.
    "rv64-x60-ime": dict(codegen=stages.CodegenTarget(core=_X60, extra_mattr="-zicond"),
                         qemu=qemu_cpu(256), env={"SPINE_ARCH_ID": "0x503C"}, ime_emulator=True),
    # X60 code assumes Zvl256b; the X100 row (generic-rv64 + V) runs at any VLEN.
    "rv64-vlen128": dict(codegen=stages.CodegenTarget(core=stages.core_for_arch_id(0x5064)),
                         qemu=qemu_cpu(128)),
}

C_TYPES = {
    np.dtype(np.float32): "float", np.dtype(np.float16): "_Float16",
    np.dtype(np.int8): "int8_t", np.dtype(np.uint8): "uint8_t",
    np.dtype(np.int16): "int16_t", np.dtype(np.int32): "int32_t",
    np.dtype(np.int64): "int64_t", np.dtype(np.float64): "double",
}


@dataclasses.dataclass
class Scalar:
    ctype: str  # "int32_t", "int64_t", "float"
    value: object


def runtime_dir(target):
    """Directory of libSpeIRRuntimeLibs.so for `target`, or None."""
    if target == "host":
        candidates = [BUILD / "runtime", BUILD / "runtime-host"]
        if "SPINE_RUNTIME_HOST_DIR" in os.environ:
            candidates = [Path(os.environ["SPINE_RUNTIME_HOST_DIR"])]
    else:
        candidates = [Path(os.environ.get("SPINE_RUNTIME_RISCV64_DIR", BUILD / "runtime-riscv64"))]
    for d in candidates:
        if (d / "libSpeIRRuntimeLibs.so").exists():
            return d
    return None


def run(cmd, **kw):
    result = subprocess.run([str(c) for c in cmd], capture_output=True, text=True, **kw)
    if result.returncode != 0:
        raise RuntimeError(f"command failed ({result.returncode}): {' '.join(map(str, cmd))}\n"
                           f"{result.stdout}\n{result.stderr}")
    return result


def compile_kernel(mlir, pipeline, target, out):
    """linalgdir -> object file for `target` through the plugin's stages
    (backend/stages.py: spine-opt, mlir-translate, opt, llc); the upstream
    baseline's first stage is mlir-opt instead of spine-opt."""
    ll, obj = out / "kernel.ll", out / "kernel.o"
    if pipeline == "upstream":
        llvm_mlir = out / "kernel.llvm.mlir"
        run([LLVM_BIN / "mlir-opt", mlir, *UPSTREAM_PASSES, "-o", llvm_mlir])
        run([LLVM_BIN / "mlir-translate", "--mlir-to-llvmir", llvm_mlir, "-o", ll])
    else:
        # A failing tool raises stages.StageError, a RuntimeError like run()'s.
        ll.write_text(stages.linalgdir_to_llir("", {"name": Path(mlir).stem}, source_path=str(mlir),
                                               pipeline_argument=PIPELINES[pipeline]))
    if target == "host" and ASAN_KERNELS:
        # The kernel's own loads and stores checked by AddressSanitizer:
        # every function marked sanitize_address, compiled by clang with ASan.
        text = re.sub(r"^(define .*\))( #\d+)? \{$", r"\1\2 sanitize_address {", ll.read_text(), flags=re.M)
        ll.write_text(text)
        run([LLVM_BIN / "clang", "-O3", "-fPIC", "-march=native", "-fsanitize=address",
             "-Wno-override-module", "-c", ll, "-o", obj])
        return obj
    stages.llir_to_object(str(ll), str(obj), TARGETS[target]["codegen"])
    return obj


IME_EMULATOR_DIR = ROOT / "runtime" / "test" / "ime_emulator"


def harness_source(kernel, args, grid, ime_emulator=False):
    lines = ["#include <algorithm>", "#include <cstdint>", "#include <cstdio>", "#include <cstdlib>",
             "#include <ctime>", "#include <string>", "#include <vector>",
             "namespace {",
             "struct Descriptor { void *allocated; void *aligned; int64_t offset; };",
             "void *load(const std::string &path, size_t bytes) {",
             "  void *data = aligned_alloc(64, (bytes + 63) / 64 * 64 + 64);",
             "  FILE *f = fopen(path.c_str(), \"rb\");",
             "  if (!f || fread(data, 1, bytes, f) != bytes) { perror(path.c_str()); exit(2); }",
             "  fclose(f);", "  return data;", "}",
             "void store(const std::string &path, const void *data, size_t bytes) {",
             "  FILE *f = fopen(path.c_str(), \"wb\");",
             "  if (!f || fwrite(data, 1, bytes, f) != bytes) { perror(path.c_str()); exit(2); }",
             "  fclose(f);", "}", "} // namespace"]
    params, call = [], []
    for i, arg in enumerate(args):
        if isinstance(arg, Scalar):
            params.append(arg.ctype)
            call.append(f"({arg.ctype}){arg.value!r}" if arg.ctype != "float" else f"{float(arg.value)!r}f")
        else:
            params += ["int64_t", "Descriptor *"]
            call += ["0", f"&d{i}"]
    params += ["int32_t"] * 6
    lines.append(f'extern "C" void {kernel}({", ".join(params)});')
    if ime_emulator:
        lines += ['#include "ImeEmulator.h"']
    # argv[2], when given, repeats the whole grid and reports the median time
    # of one repetition (benchmarks); the outputs are those of the last one.
    lines += ["int main(int argc, char **argv) {", "  std::string dir = argv[1];",
              "  int repeats = argc > 2 ? atoi(argv[2]) : 1;",
              "  std::vector<double> times;"]
    if ime_emulator:
        lines += ["  if (!speir::test::installImeEmulator()) {",
                  '    fprintf(stderr, "the IME emulator needs riscv64 at VLEN 256\\n");',
                  "    return 3;", "  }"]
    for i, arg in enumerate(args):
        if not isinstance(arg, Scalar):
            lines.append(f'  void *b{i} = load(dir + "/arg{i}.bin", {arg.nbytes});')
            lines.append(f"  Descriptor d{i}{{b{i}, b{i}, 0}};")
    gx, gy, gz = grid
    lines += ["  for (int r = 0; r < repeats; ++r) {",
              "    timespec t0, t1;",
              "    clock_gettime(CLOCK_MONOTONIC, &t0);",
              f"    for (int32_t z = 0; z < {gz}; ++z)",
              f"      for (int32_t y = 0; y < {gy}; ++y)",
              f"        for (int32_t x = 0; x < {gx}; ++x)",
              f"          {kernel}({', '.join(call + [str(gx), str(gy), str(gz), 'x', 'y', 'z'])});",
              "    clock_gettime(CLOCK_MONOTONIC, &t1);",
              "    times.push_back((t1.tv_sec - t0.tv_sec) * 1e9 + (t1.tv_nsec - t0.tv_nsec));",
              "  }",
              "  std::sort(times.begin(), times.end());",
              "  if (argc > 2)",
              "    printf(\"ns_per_run %.0f min %.0f max %.0f\\n\", times[times.size() / 2], times.front(), times.back());"]
    for i, arg in enumerate(args):
        if not isinstance(arg, Scalar):
            lines.append(f'  store(dir + "/arg{i}.out", b{i}, {arg.nbytes});')
    if ime_emulator:
        lines.append('  printf("ime_emulated %llu\\n", (unsigned long long)speir::test::imeEmulatedCount());')
    lines += ["  return 0;", "}"]
    return "\n".join(lines) + "\n"


def link(obj, harness, target, exe, extra_libs=()):
    """extra_libs: further libraries from the runtime directory (e.g.
    SpineTritonRuntime, which has memrefCopy for upstream's lowering)."""
    rt = runtime_dir(target)
    libs = []
    if rt:
        libs = [f"-L{rt}", f"-L{rt}/triton", *[f"-l{lib}" for lib in extra_libs], "-lSpeIRRuntimeLibs",
                f"-Wl,-rpath,{rt}", f"-Wl,-rpath,{rt}/triton"]
    if target == "host":
        cxx = ["c++", "-O1", *HOST_CXXFLAGS]
    else:
        cxx = [LLVM_BIN / "clang++", "--target=riscv64-linux-gnu", "--gcc-toolchain=/usr",
               "-fuse-ld=lld", "-march=rv64gc", "-O1"]
    sources = []
    if TARGETS[target].get("ime_emulator"):
        # Built without V (-march=rv64gc): the handler must not touch vector state.
        cxx.append(f"-I{IME_EMULATOR_DIR}")
        sources.append(_harness_object(IME_EMULATOR_DIR / "ImeEmulator.cpp", cxx))
    run([*cxx, _harness_object(harness, cxx), *sources, obj, "-o", exe, *libs, "-lm"])


def _harness_object(harness, cxx):
    """Compiles the harness once per distinct source and compiler (both
    pipelines of a case share it): compiling it is most of a test's time."""
    source = Path(harness).read_text()
    key = hashlib.sha1("\0".join([source, *map(str, cxx)]).encode()).hexdigest()
    cached = WORK / "harness-cache" / f"{key}.o"
    if not cached.exists():
        cached.parent.mkdir(parents=True, exist_ok=True)
        tmp = cached.with_suffix(f".{os.getpid()}.o")
        run([*cxx, "-c", harness, "-o", tmp])
        os.replace(tmp, cached)
    return cached


def build_executable(obj, kernel, args, grid, target, out, extra_libs=()):
    """The harness around `obj`, linked for `target`, with the argument
    buffers written beside it; returns the executable (run it with `out`)."""
    harness = out / "harness.cpp"
    harness.write_text(harness_source(kernel, args, grid,
                                      ime_emulator=TARGETS[target].get("ime_emulator", False)))
    exe = out / "kernel.exe"
    link(obj, harness, target, exe, extra_libs)
    for i, arg in enumerate(args):
        if not isinstance(arg, Scalar):
            np.ascontiguousarray(arg).tofile(out / f"arg{i}.bin")
    return exe


def run_kernel(name, mlir, kernel, args, grid, pipeline, target, env=None, compile_only=False,
               extra_libs=(), require_ime=True):
    """Compiles and runs `kernel`; returns the list of buffers after the run
    (None for scalar arguments), or None when `compile_only`."""
    out = WORK / target / pipeline / name
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    obj = compile_kernel(mlir, pipeline, target, out)
    if compile_only:
        return None
    exe = build_executable(obj, kernel, args, grid, target, out, extra_libs)
    return run_executable(name, exe, out, args, target, env, require_ime)


# Standard output of the last run_executable (device prints).
last_stdout = ""


def run_executable(name, exe, out, args, target, env=None, require_ime=True, qemu=None):
    """Runs a harness built by build_executable (under qemu for riscv64
    targets, or the `qemu` CPU given); returns the buffers after the run
    (None for scalars)."""
    ime = TARGETS[target].get("ime_emulator", False)
    qemu = qemu or TARGETS[target]["qemu"]
    cmd = [exe, out] if qemu is None else ["qemu-riscv64", "-L", RISCV_SYSROOT, "-cpu", qemu, exe, out]
    # A kernel that hangs (e.g. a barrier that never completes) fails after a minute.
    result = run(cmd, env={**os.environ, **TARGETS[target].get("env", {}), **(env or {})}, timeout=60)
    global last_stdout
    last_stdout = result.stdout
    if ime and require_ime:
        emulated = re.search(r"ime_emulated (\d+)", result.stdout)
        if not emulated or int(emulated.group(1)) == 0:
            raise RuntimeError(f"{name}: no smt.vmadot ran on the emulated K1:\n{result.stdout}")
    results = []
    for i, arg in enumerate(args):
        if isinstance(arg, Scalar):
            results.append(None)
        else:
            results.append(np.fromfile(out / f"arg{i}.out", dtype=arg.dtype).reshape(arg.shape))
    return results

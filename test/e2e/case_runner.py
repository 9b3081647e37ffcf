"""How a Case (cases.py) runs: the pipeline x target combinations it takes,
and one compile-run-compare. Shared by test_kernels.py (linalgdir) and
test_ttir_kernels.py (the TTIR corpus)."""
import re
import shutil
import zlib

import numpy as np
import pytest

import e2e_lib
from e2e_lib import TARGETS, PIPELINES, run_kernel, runtime_dir


def target_available(target):
    if target == "host":
        return True
    return shutil.which("qemu-riscv64") is not None


def combinations(cases):
    """Every case on every target through both pipelines; the emulated K1
    only for the fast pipeline's int8 contractions, the ones that reach IME;
    the vector-length-agnostic pipeline ("vla") on the riscv64 targets."""
    for case in cases:
        for pipeline in PIPELINES:
            if pipeline == "unfused" and not case.compare_fused:
                continue
            if pipeline == "unraised" and not case.compare_unraised:
                continue
            if pipeline.startswith("lmul") and not case.compare_lmul:
                continue
            if pipeline == "online" and not case.compare_online:
                continue
            for target, spec in TARGETS.items():
                if spec.get("ime_emulator") and not (pipeline == "e2e" and case.uses_ime):
                    continue
                if pipeline == "vla" and spec["qemu"] is None:
                    continue
                yield pytest.param(case, pipeline, target, id=f"{case.name}-{pipeline}-{target}")


def check_case(case, pipeline, target, request):
    """Compiles and runs `case` and compares every output buffer (and the
    standard output, for device prints) with its reference."""
    if not target_available(target):
        pytest.skip("qemu-riscv64 not installed")
    reason = case.xfail_reason(pipeline, target)
    if reason:
        request.applymarker(pytest.mark.xfail(strict=True, reason=reason))
    rng = np.random.default_rng(zlib.crc32(case.name.encode()))
    args = case.make_args(rng)
    # Cases that need libSpeIRRuntimeLibs.so are still compiled (so compiler
    # failures show) and skipped only when the library is missing.
    skip_run = None
    if case.needs_runtime and runtime_dir(target) is None:
        where = ("build/runtime, build/runtime-host" if target == "host"
                 else "$SPINE_RUNTIME_RISCV64_DIR or build/runtime-riscv64")
        skip_run = (f"needs_runtime: libSpeIRRuntimeLibs.so for {target} not found in {where}; "
                    f"kernel compiled but not run")
    results = run_kernel(case.name, case.mlir, case.kernel, args, case.grid, pipeline, target,
                         env=case.env, compile_only=bool(skip_run), extra_libs=case.extra_libs,
                         require_ime=case.ime_required)
    if case.compare_unraised and pipeline == "e2e":
        # One fused GEMM call site: the K loop's matmuls became one
        # contraction, and the epilogue after the loop its epilogue.
        ll = (e2e_lib.WORK / target / pipeline / case.name / "kernel.ll").read_text()
        calls = re.findall(r"call .*@(speir_gemm\w*)\(", ll)
        assert calls == ["speir_gemm_fused"], f"{case.name} (e2e) calls {calls}"
    if case.gemm_call and pipeline in ("e2e", "unfused"):
        ll = (e2e_lib.WORK / target / pipeline / case.name / "kernel.ll").read_text()
        calls = set(re.findall(r"call .*@(speir_gemm\w*)\(", ll))
        expected = "speir_gemm_fused" if pipeline == "e2e" and case.expect_fused else "speir_gemm"
        assert calls == {expected}, f"{case.name} ({pipeline}) calls {sorted(calls)}, expected {expected}"
    if skip_run:
        pytest.skip(skip_run)
    if case.expect_stdout:
        assert re.search(case.expect_stdout, e2e_lib.last_stdout), e2e_lib.last_stdout
    compare(case, args, results, "")
    if pipeline == "vla" and target == "rv64-vlen128":
        # One binary for every VLEN: the code built for VLEN >= 128 (the
        # X100 row, generic-rv64 + V) runs again on a VLEN 512 machine, where
        # its scalable loops take four times the elements per vector.
        out = e2e_lib.WORK / target / pipeline / case.name
        results = e2e_lib.run_executable(case.name, out / "kernel.exe", out, args, target, case.env,
                                         qemu=e2e_lib.qemu_cpu(512))
        compare(case, args, results, " (the same binary at VLEN 512)")


def compare(case, args, results, where):
    for index, expected in case.reference(args).items():
        result = results[index]
        if index in case.result_views:
            result = case.result_views[index](result)
        np.testing.assert_allclose(result.astype(np.float64), expected,
                                   rtol=case.rtol, atol=case.atol,
                                   err_msg=f"{case.name} argument {index}{where}")

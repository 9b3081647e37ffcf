"""The TTIR corpus end to end: every case of ttir_cases.py (test/ttir/corpus/*.ttir,
stock Triton's make_ttir output) x {e2e, ref} pipeline x {host, riscv64 VLEN 256,
riscv64 VLEN 128}, and the int8 dots on an emulated K1 (IME): spine-opt takes
the TTIR, the harness runs the grid, the buffers are compared with numpy.

The special cases (tt.print, tt.assert) run the same way: their buffers are
checked, and the print's output too (expect_stdout)."""
import re
import shutil
import zlib

import numpy as np
import pytest

from e2e_lib import TARGETS, PIPELINES, run_kernel, runtime_dir
from ttir_cases import ALL_CASES, CORPUS


def _target_available(target):
    if target == "host":
        return True
    return shutil.which("qemu-riscv64") is not None


def _combinations():
    """Every case on every target through both pipelines; the emulated K1
    only for the fast pipeline's int8 dots, the ones that reach IME."""
    for case in ALL_CASES:
        for pipeline in PIPELINES:
            for target, spec in TARGETS.items():
                if spec.get("ime_emulator") and not (pipeline == "e2e" and case.uses_ime):
                    continue
                yield pytest.param(case, pipeline, target, id=f"{case.name}-{pipeline}-{target}")


@pytest.mark.parametrize("case,pipeline,target", list(_combinations()))
def test_ttir_kernel(case, pipeline, target, request):
    if not _target_available(target):
        pytest.skip("qemu-riscv64 not installed")
    reason = case.xfail_reason(pipeline, target)
    if reason:
        request.applymarker(pytest.mark.xfail(strict=True, reason=reason))
    rng = np.random.default_rng(zlib.crc32(case.name.encode()))
    args = case.make_args(rng)
    skip_run = None
    if case.needs_runtime and runtime_dir(target) is None:
        skip_run = f"needs_runtime: libSpeIRRuntimeLibs.so for {target} not found; kernel compiled but not run"
    results = run_kernel(case.name, case.mlir, case.kernel, args, case.grid, pipeline, target,
                         env=case.env, compile_only=bool(skip_run), extra_libs=case.extra_libs)
    if skip_run:
        pytest.skip(skip_run)
    if case.expect_stdout:
        import e2e_lib
        assert re.search(case.expect_stdout, e2e_lib.last_stdout), e2e_lib.last_stdout
    for index, expected in case.reference(args).items():
        np.testing.assert_allclose(results[index].astype(np.float64), expected,
                                   rtol=case.rtol, atol=case.atol,
                                   err_msg=f"{case.name} argument {index}")


def test_ttir_corpus_has_cases():
    """Every corpus file has exactly one case and every case its file."""
    files = sorted(p.stem for p in CORPUS.glob("*.ttir"))
    kernels = sorted(case.kernel for case in ALL_CASES)
    assert files == kernels

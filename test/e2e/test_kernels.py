"""Every case x {e2e, ref} pipeline x {host, riscv64 VLEN 256, riscv64 VLEN 128}:
compile, run, compare with numpy."""
import shutil
import zlib

import numpy as np
import pytest

from cases import CASES
from e2e_lib import TARGETS, PIPELINES, run_kernel


def _target_available(target):
    if target == "host":
        return True
    return shutil.which("qemu-riscv64") is not None


@pytest.mark.parametrize("target", list(TARGETS))
@pytest.mark.parametrize("pipeline", list(PIPELINES))
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_kernel(case, pipeline, target):
    if not _target_available(target):
        pytest.skip("qemu-riscv64 not installed")
    rng = np.random.default_rng(zlib.crc32(case.name.encode()))
    args = case.make_args(rng)
    results = run_kernel(case.name, case.mlir, case.kernel, args, case.grid, pipeline, target)
    for index, expected in case.reference(args).items():
        np.testing.assert_allclose(results[index].astype(np.float64), expected,
                                   rtol=case.rtol, atol=case.atol,
                                   err_msg=f"{case.name} argument {index}")

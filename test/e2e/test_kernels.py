"""Every case x {e2e, ref} pipeline x {host, riscv64 VLEN 256, riscv64 VLEN 128},
and the int8 GEMMs on an emulated K1 (IME): compile, run, compare with numpy."""
import pytest

from case_runner import check_case, combinations
from cases import CASES


@pytest.mark.parametrize("case,pipeline,target", list(combinations(CASES)))
def test_kernel(case, pipeline, target, request):
    check_case(case, pipeline, target, request)

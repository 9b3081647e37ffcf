"""The TTIR corpus end to end: every case of ttir_cases.py (test/ttir/corpus/*.ttir,
stock Triton's make_ttir output) x {e2e, ref} pipeline x {host, riscv64 VLEN 256,
riscv64 VLEN 128}, and the int8 dots on an emulated K1 (IME): spine-opt takes
the TTIR, the harness runs the grid, the buffers are compared with numpy.

The special cases (tt.print, tt.assert) run the same way: their buffers are
checked, and the print's output too (expect_stdout)."""
import pytest

from case_runner import check_case, combinations
from ttir_cases import ALL_CASES, CORPUS, EXTRA_CASES


@pytest.mark.parametrize("case,pipeline,target", list(combinations(ALL_CASES + EXTRA_CASES)))
def test_ttir_kernel(case, pipeline, target, request):
    check_case(case, pipeline, target, request)


def test_ttir_corpus_has_cases():
    """Every corpus file has a case (a few kernels have several, one per
    path they take) and every case its file."""
    files = sorted(p.stem for p in CORPUS.glob("*.ttir"))
    kernels = sorted(set(case.kernel for case in ALL_CASES))
    assert files == kernels
    names = [case.name for case in ALL_CASES]
    assert len(names) == len(set(names))

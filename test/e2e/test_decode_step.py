"""bench/decode_step.py at toy sizes on the host: the chained decode-step
kernels give the float64 reference's buffers, and the benchmark's check
rejects a wrong buffer (so it cannot print figures for wrong results)."""
import sys
from pathlib import Path

import numpy as np
import pytest

import e2e_lib

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
import decode_step  # noqa: E402


def _step(layout, form):
    # hidden 64 = 2 heads x 32, 40 cached tokens, intermediate 96.
    return decode_step.Step(64, 2, 40, 96, layout, form, seed=3)


@pytest.mark.parametrize("layout,form,config", [("kn", "copy", "after"), ("nk", "view", "fused"),
                                                ("nk", "copy", "before")])
def test_decode_step_matches_reference(layout, form, config):
    if e2e_lib.runtime_dir("host") is None:
        pytest.skip("no host runtime build")
    work = e2e_lib.WORK / "decode_step" / f"{layout}-{form}-{config}"
    step = _step(layout, form)
    data = decode_step.write_inputs(step, work)
    exe = decode_step.build(step, config, "host", work, data)
    out = work / "out"
    # Three repetitions: the step is idempotent (K/V rows rewritten, no buffer read after it is written).
    decode_step.run_step(exe, "host", config, data, out, -1, 3)
    assert decode_step.check(step, step.reference(), out, "toy") is not None


def test_check_rejects_a_wrong_buffer(tmp_path):
    step = _step("kn", "view")
    ref = step.reference()
    for name, want in ref.items():
        want.astype(np.float32).tofile(tmp_path / f"{name}.out")
    assert decode_step.check(step, ref, tmp_path, "exact") is not None
    bad = ref["att"].astype(np.float32)
    bad[0, 5] += 0.01 * np.abs(ref["att"]).max()
    bad.tofile(tmp_path / "att.out")
    assert decode_step.check(step, ref, tmp_path, "perturbed") is None

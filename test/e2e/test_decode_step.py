"""bench/decode_step.py at toy sizes on the host: the chained decode-step
kernels (f32 and int8 weights) give the float64 reference's buffers, and the
benchmark's check rejects a wrong buffer (so it cannot print figures for
wrong results)."""
import sys
from pathlib import Path

import numpy as np
import pytest

import e2e_lib

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
import decode_step  # noqa: E402


def _step(layout, form, int8=False):
    # hidden 64 = 2 heads x 32, 40 cached tokens, intermediate 96.
    return decode_step.Step(64, 2, 40, 96, layout, form, seed=3, int8=int8)


@pytest.mark.parametrize("layout,form,config,int8", [("kn", "copy", "after", False), ("nk", "view", "fused", False),
                                                     ("nk", "copy", "before", False), ("kn", "view", "after", True),
                                                     ("nk", "copy", "fused", True)])
def test_decode_step_matches_reference(layout, form, config, int8):
    if e2e_lib.runtime_dir("host") is None:
        pytest.skip("no host runtime build")
    work = e2e_lib.WORK / "decode_step" / f"{layout}-{form}-{config}-{'int8' if int8 else 'f32'}"
    step = _step(layout, form, int8)
    data = decode_step.write_inputs(step, work)
    exe = decode_step.build(step, config, "host", work, data)
    out = work / "out"
    # Three repetitions: the step is idempotent (K/V rows rewritten, no buffer read after it is written).
    decode_step.run_step(exe, "host", config, data, out, -1, 3)
    assert decode_step.check(step, out, "toy") is not None


@pytest.mark.parametrize("int8", [False, True])
def test_check_rejects_a_wrong_buffer(tmp_path, int8):
    step = _step("kn", "view", int8)
    ref = step.forward()
    for name, want in ref.items():
        want.astype(np.float32).tofile(tmp_path / f"{name}.out")
    assert decode_step.check(step, tmp_path, "exact") is not None
    # One element of the attention output off by 1% of the largest: attention's own check fails.
    bad = ref["att"].astype(np.float32)
    bad[0, 5] += 0.01 * np.abs(ref["att"]).max()
    bad.tofile(tmp_path / "att.out")
    assert decode_step.check(step, tmp_path, "perturbed") is None

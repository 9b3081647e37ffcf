"""Every FlagGems case (cases.py) against torch eager, with the outcome
expected.json records (run_cases.py --update writes it from a run).

A case expected to pass must pass. Any other recorded outcome (wrong
numbers, does not compile, FlagGems error, not overridden) is a strict
xfail: the case still runs, and when it starts passing the suite fails until
the expectations are updated. Cases that crashed or hung, and known flaky
ones, run in a worker process (run_cases.py's), so they cannot take the
suite down; a flaky case is a non-strict xfail.
"""

import pytest

import cases
import harness

EXPECTED = harness.load_expected()


def _params():
    params = []
    for case, dtype in cases.all_params():
        key = harness.case_key(case, dtype)
        entry = EXPECTED.get(key)
        marks = []
        if case.flaky:
            marks.append(pytest.mark.xfail(strict=False, reason="flaky: %s" % case.flaky))
        elif entry is None:
            pass  # not in expected.json: must pass (or run run_cases.py --update)
        elif entry["status"] != "pass":
            marks.append(pytest.mark.xfail(strict=True, reason="%s: %s" % (entry["status"], entry["reason"])))
        params.append(pytest.param(case, dtype, id=key, marks=marks))
    return params


@pytest.mark.parametrize("case,dtype", _params())
def test_operator(case, dtype, flag_gems):
    entry = EXPECTED.get(harness.case_key(case, dtype)) or {}
    if case.flaky or case.isolate or entry.get("status") in ("crash", "hang", "flaky"):
        import run_cases
        key = harness.case_key(case, dtype)
        result = run_cases.run_all([key], timeout=60, verbose=False)[key]
        status, reason = result["status"], result["reason"]
        if case.flaky and status == "flaky" and "(this run: pass)" in reason:
            status = "pass"
    else:
        status, reason = harness.run_case(case, dtype)
    assert status == "pass", "%s: %s" % (status, reason)

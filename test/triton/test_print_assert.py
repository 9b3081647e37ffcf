"""tl.device_print and tl.device_assert under Triton.

Prints go to stdout, one whole line per program and call, in order with the
script's own output. A failed device assert (debug=True) raises
AssertionError from the launch, after the whole grid ran, with the report
"<file>:<line>: <kernel>: block: [x, y, z] Assertion `<msg>` failed." --
as Triton's interpreter raises AssertionError -- and every failing program's
report goes to stderr. SPINE_TRITON_ASSERT_NONFATAL=0 makes the first
failure abort the process instead, as a device assert does on a GPU.
(Triton 3.9's interpreter runs kernels with debug off, so it checks no
device assert at all; its create_assert raises AssertionError.)
"""

import os
import re
import signal

import pytest
import torch
import triton
import triton.language as tl

from conftest import check_output, run_python

THIS_FILE = os.path.abspath(__file__)


@triton.jit
def print_kernel(x_ptr, BLOCK: tl.constexpr):
    offs = tl.program_id(0) * BLOCK + tl.arange(0, BLOCK)
    tl.device_print("x", tl.load(x_ptr + offs))


@triton.jit(debug=True)
def checked_kernel(x_ptr, limit, BLOCK: tl.constexpr):
    offs = tl.program_id(0) * BLOCK + tl.arange(0, BLOCK)
    x = tl.load(x_ptr + offs)
    tl.device_assert(x < limit, "x < limit")  # ASSERT-LINE
    tl.store(x_ptr + offs, x + 1)


@triton.jit
def unchecked_kernel(x_ptr, limit, BLOCK: tl.constexpr):
    offs = tl.program_id(0) * BLOCK + tl.arange(0, BLOCK)
    x = tl.load(x_ptr + offs)
    tl.device_assert(x < limit, "x < limit")
    tl.store(x_ptr + offs, x + 1)


def _assert_line():
    with open(THIS_FILE) as f:
        return next(i for i, line in enumerate(f, 1) if "# ASSERT-LINE" in line and "next(" not in line)


def test_device_print_goes_to_stdout(capfd):
    x = torch.arange(12, dtype=torch.float32) / 4
    print("before", flush=True)
    print_kernel[(3, )](x, BLOCK=4)
    print("after", flush=True)
    out = capfd.readouterr().out.splitlines()
    assert out[0] == "before" and out[-1] == "after"
    assert sorted(out[1:-1]) == [
        "(0, 0, 0) x: rank=1 sizes=[4] [0, 0.25, 0.5, 0.75]",
        "(1, 0, 0) x: rank=1 sizes=[4] [1, 1.25, 1.5, 1.75]",
        "(2, 0, 0) x: rank=1 sizes=[4] [2, 2.25, 2.5, 2.75]",
    ]


def test_failed_device_assert_raises_assertion_error(capfd):
    x = torch.arange(8, dtype=torch.float32)
    with pytest.raises(AssertionError) as info:
        checked_kernel[(2, )](x, 5.0, BLOCK=4)  # program 1 holds 5, 6, 7
    message = str(info.value)
    assert re.match(r"%s:%d: checked_kernel: block: \[1, 0, 0\] Assertion `x < limit` failed\." %
                    (re.escape(THIS_FILE), _assert_line()), message), message
    assert "1 failed device assertion(s)" in message
    assert "Assertion `x < limit` failed." in capfd.readouterr().err
    # The grid ran to the end (the stores happened) and the process goes on.
    assert torch.equal(x, torch.arange(8, dtype=torch.float32) + 1)
    checked_kernel[(2, )](x, 100.0, BLOCK=4)
    assert torch.equal(x, torch.arange(8, dtype=torch.float32) + 2)


def test_several_failing_programs_are_counted():
    x = torch.arange(16, dtype=torch.float32)
    with pytest.raises(AssertionError, match=r"3 failed device assertion\(s\)"):
        checked_kernel[(4, )](x, 4.0, BLOCK=4)


def test_asserts_are_compiled_out_without_debug():
    x = torch.arange(8, dtype=torch.float32)
    unchecked_kernel[(2, )](x, 0.0, BLOCK=4)
    assert torch.equal(x, torch.arange(8, dtype=torch.float32) + 1)


ASSERTING_SCRIPT = """
import torch, triton, triton.language as tl
{driver}
@triton.jit(debug=True)
def checked(x_ptr, limit, BLOCK: tl.constexpr):
    offs = tl.program_id(0) * BLOCK + tl.arange(0, BLOCK)
    tl.device_assert(tl.load(x_ptr + offs) < limit, "x < limit")
try:
    checked[(2,)](torch.arange(8, dtype=torch.float32), 5.0, BLOCK=4)
    print("no error")
except AssertionError as error:
    print("AssertionError:", error)
"""
SET_DRIVER = "from triton.backends.spine_triton.driver import CPUDriver\ntriton.runtime.driver.set_active(CPUDriver())"


def test_a_script_catches_the_assertion_and_exits_normally():
    result = run_python(ASSERTING_SCRIPT.format(driver=SET_DRIVER))
    assert check_output(result).startswith("AssertionError: ")
    assert "Assertion `x < limit` failed." in result.stderr


def test_fatal_mode_aborts_like_a_gpu():
    result = run_python(ASSERTING_SCRIPT.format(driver=SET_DRIVER), dict(SPINE_TRITON_ASSERT_NONFATAL="0"))
    assert result.returncode == -signal.SIGABRT, (result.returncode, result.stdout, result.stderr)
    assert "block: [1, 0, 0] Assertion `x < limit` failed." in result.stderr
    assert "no error" not in result.stdout and "AssertionError" not in result.stdout

"""Compile failures are Python exceptions (KernelCompilationError, a
RuntimeError) naming the kernel, the stage and carrying the compiler's
diagnostic: the offending operation and its file:line in the kernel's
source. The interpreter lives on."""

import os
import stat

import pytest
import torch
import triton
import triton.language as tl

from triton.backends.spine_triton.stages import KernelCompilationError

THIS_FILE = os.path.abspath(__file__)


def _line_of(marker):
    with open(THIS_FILE) as f:
        for number, line in enumerate(f, 1):
            if marker in line and "_line_of" not in line:
                return number
    raise AssertionError(marker)


@triton.jit
def inline_asm_kernel(x_ptr, y_ptr, BLOCK: tl.constexpr):
    offs = tl.arange(0, BLOCK)
    x = tl.load(x_ptr + offs)
    y = tl.inline_asm_elementwise("mov $0, $1;", "=r,r", [x], dtype=tl.float32, is_pure=True, pack=1)  # ASM-LINE
    tl.store(y_ptr + offs, y)


@triton.jit
def pointer_bitcast_kernel(x_ptr, y_ptr, BLOCK: tl.constexpr):
    offs = tl.arange(0, BLOCK)
    bytes_ptr = x_ptr.to(tl.pointer_type(tl.int8), bitcast=True)  # BITCAST-LINE
    tl.store(y_ptr + offs, tl.load(bytes_ptr + offs))


@triton.jit
def fine_kernel(x_ptr, BLOCK: tl.constexpr):
    offs = tl.arange(0, BLOCK)
    tl.store(x_ptr + offs, tl.load(x_ptr + offs) * 2)


def test_unsupported_inline_asm_is_an_exception_with_location():
    with pytest.raises(KernelCompilationError) as info:
        inline_asm_kernel[(1, )](torch.randn(16), torch.empty(16), BLOCK=16)
    error = info.value
    assert isinstance(error, RuntimeError)
    assert error.kernel == "inline_asm_kernel" and error.stage == "linalgdir"
    message = str(error)
    assert "kernel 'inline_asm_kernel' failed to compile in stage 'linalgdir'" in message
    assert "tt.elementwise_inline_asm" in message
    assert "%s:%d:" % (THIS_FILE, _line_of("# ASM-LINE")) in message, message
    assert "error:" in error.diagnostics


def test_pointer_bitcast_between_widths_is_an_exception_with_location():
    with pytest.raises(KernelCompilationError) as info:
        pointer_bitcast_kernel[(1, )](torch.randn(16), torch.empty(16, dtype=torch.int8), BLOCK=16)
    message = str(info.value)
    assert "kernel 'pointer_bitcast_kernel'" in message and "tt.bitcast" in message
    assert "pointer bitcast" in message
    assert "%s:%d:" % (THIS_FILE, _line_of("# BITCAST-LINE")) in message, message


def test_the_process_goes_on_after_failures():
    for _ in range(2):  # a failed compilation is not cached as a success
        with pytest.raises(KernelCompilationError):
            inline_asm_kernel[(1, )](torch.randn(16), torch.empty(16), BLOCK=16)
    x = torch.arange(8, dtype=torch.float32)
    fine_kernel[(1, )](x, BLOCK=8)
    assert torch.equal(x, 2 * torch.arange(8, dtype=torch.float32))


def test_a_crashing_tool_is_an_exception_too(tmp_path, monkeypatch):
    crashing = tmp_path / "spine-opt"
    crashing.write_text("#!/bin/sh\necho 'spine-opt: about to crash' >&2\nkill -SEGV $$\n")
    crashing.chmod(crashing.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("SPINE_MLIR_OPT_PATH", str(crashing))

    @triton.jit
    def crash_probe_kernel(x_ptr, BLOCK: tl.constexpr):
        offs = tl.arange(0, BLOCK)
        tl.store(x_ptr + offs, tl.load(x_ptr + offs) + 3)

    with pytest.raises(KernelCompilationError) as info:
        crash_probe_kernel[(1, )](torch.zeros(8), BLOCK=8)
    assert "killed by signal 11" in str(info.value) and "about to crash" in str(info.value)


def test_a_missing_tool_says_which(monkeypatch, tmp_path):
    monkeypatch.setenv("SPINE_MLIR_OPT_PATH", str(tmp_path / "no-such-spine-opt"))

    @triton.jit
    def missing_tool_kernel(x_ptr, BLOCK: tl.constexpr):
        offs = tl.arange(0, BLOCK)
        tl.store(x_ptr + offs, tl.load(x_ptr + offs) + 4)

    with pytest.raises(KernelCompilationError, match="tool not found: .*no-such-spine-opt"):
        missing_tool_kernel[(1, )](torch.zeros(8), BLOCK=8)

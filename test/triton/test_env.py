"""The contract's environment variables under Triton, with real kernels:
SPINE_TRITON_DUMP_PATH, SPINE_TRITON_USE_REF_PIPELINE,
SPINE_TRITON_PIPELINE_OPTION, SPINE_MLIR_DEBUG_MODE, PROTON_KERNEL_CAPTURE.
They are read when a kernel compiles (and are part of Triton's cache key),
so each test compiles a kernel of its own."""

import os
import subprocess

import torch
import triton
import triton.language as tl

import tutorial_kernels as tk


def _softmax_kernel_copy():
    """A new JITFunction of the tutorial's softmax (Triton keeps compiled
    kernels per JITFunction, so this one compiles under the test's env)."""
    return triton.jit(tk.softmax_kernel.fn)


def _softmax_with(kernel, x):
    n_rows, n_cols = x.shape
    out = torch.empty_like(x)
    compiled = kernel[(4, )](out, x, x.stride(0), out.stride(0), n_rows, n_cols,
                             BLOCK_SIZE=triton.next_power_of_2(n_cols))
    return out, compiled


def test_dump_path_keeps_every_stage(tmp_path, monkeypatch):
    dump = tmp_path / "dumps"
    monkeypatch.setenv("SPINE_TRITON_DUMP_PATH", str(dump))
    kernel = _softmax_kernel_copy()
    x = torch.randn(33, 100)
    out, compiled = _softmax_with(kernel, x)
    torch.testing.assert_close(out, torch.softmax(x, dim=-1))
    name = "softmax_kernel"
    files = sorted(os.listdir(dump))
    assert files == sorted("%s_%s" % (name, f)
                           for f in ("tt.mlir", "linalg.mlir", "ll.mlir", "ll.ir", "kernel.s", "kernel.so")), files
    tt = (dump / ("%s_tt.mlir" % name)).read_text()
    assert "tt.func public @softmax_kernel" in tt and 'tt.arch_id = "0x' in tt
    assert "func.func @softmax_kernel" in (dump / ("%s_linalg.mlir" % name)).read_text()
    assert "llvm.func @softmax_kernel" in (dump / ("%s_ll.mlir" % name)).read_text()
    llvm_ir = (dump / ("%s_ll.ir" % name)).read_text()
    assert "define void @softmax_kernel(" in llvm_ir and "!DILocation" in llvm_ir  # locations into ll.mlir
    assert (dump / ("%s_kernel.so" % name)).read_bytes() == compiled.asm["so"]


def test_reference_pipeline(monkeypatch):
    monkeypatch.setenv("SPINE_TRITON_USE_REF_PIPELINE", "1")
    kernel = _softmax_kernel_copy()
    x = torch.randn(20, 300)
    out, compiled = _softmax_with(kernel, x)
    assert compiled.metadata.spine_pipeline == "--spine-triton-e2e-ref-pipeline=enable-always-tls=1"
    torch.testing.assert_close(out, torch.softmax(x, dim=-1))
    monkeypatch.delenv("SPINE_TRITON_USE_REF_PIPELINE")
    fast = _softmax_kernel_copy()
    out_fast, compiled_fast = _softmax_with(fast, x)
    assert compiled_fast.metadata.spine_pipeline.startswith("--spine-triton-e2e-pipeline=")
    assert compiled_fast.asm["so"] != compiled.asm["so"]
    torch.testing.assert_close(out_fast, out)


def test_pipeline_option_override(monkeypatch):
    monkeypatch.setenv("SPINE_TRITON_PIPELINE_OPTION", "enable-always-tls=0 enable-fuse-group=true")
    kernel = _softmax_kernel_copy()
    x = torch.randn(9, 50)
    out, compiled = _softmax_with(kernel, x)
    assert compiled.metadata.spine_pipeline == \
        "--spine-triton-e2e-pipeline=enable-always-tls=0 enable-fuse-group=true"
    torch.testing.assert_close(out, torch.softmax(x, dim=-1))


def test_debug_mode_builds_launchers_with_debug_info(monkeypatch):
    monkeypatch.setenv("SPINE_MLIR_DEBUG_MODE", "1")

    @triton.jit
    def debug_mode_kernel(x_ptr, n, BLOCK: tl.constexpr):
        offs = tl.program_id(0) * BLOCK + tl.arange(0, BLOCK)
        tl.store(x_ptr + offs, tl.load(x_ptr + offs, mask=offs < n) - 1, mask=offs < n)

    x = torch.zeros(10)
    compiled = debug_mode_kernel[(1, )](x, 10, BLOCK=16)
    assert (x == -1).all()
    module_path = compiled.run.launcher.module.__file__
    sections = subprocess.run(["readelf", "-S", module_path], stdout=subprocess.PIPE, text=True).stdout
    assert ".debug_info" in sections


def test_kernel_capture_profiles_each_launch(monkeypatch):
    from triton.backends.spine_triton import runtime_libraries
    monkeypatch.setenv("PROTON_KERNEL_CAPTURE", "1")

    @triton.jit
    def profiled_kernel(x_ptr, BLOCK: tl.constexpr):
        offs = tl.program_id(0) * BLOCK + tl.arange(0, BLOCK)
        tl.store(x_ptr + offs, tl.load(x_ptr + offs) * 2)

    x = torch.ones(64)
    runtime_libraries.reset_profiler()
    for _ in range(3):
        profiled_kernel[(2, )](x, BLOCK=32)
    scopes = runtime_libraries.profiler_scopes()
    runtime_libraries.reset_profiler()
    assert [name for name, _ in scopes] == ["profiled_kernel[2,1,1]"] * 3
    assert all(seconds > 0 for _, seconds in scopes) and (x == 8).all()

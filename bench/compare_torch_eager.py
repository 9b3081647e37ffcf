#!/usr/bin/env python3
"""Torch eager (CPU) against our compiled Triton kernels, host, same run:
the tutorial kernels (test/triton/tutorial_kernels.py: vector add 2^24,
fused softmax 4096x4096, layer norm 4096x4096, matmul 1024^3, all f32) and
the transformer of test/flaggems/model.py (Qwen3, random weights) under
flag_gems.use_gems(): one decode step with the KV cache, and time per
generated token of prefill + 16 greedy tokens.

Median wall time after warm-up (compilation and autotuning excluded). For
each tutorial kernel the launch parameter (block size, programs, matmul
tile) is the best of a few candidates, measured in the same run and named in
the table. Ratio = torch ms / ours ms (> 1: ours is faster). A benchmark,
not a test.

  build/venv/bin/python bench/compare_torch_eager.py [--quick] [--host-mcpu native]

--host-mcpu sets SPINE_TRITON_HOST_MCPU, the -mcpu the plugin's opt and llc
use for host kernels (default native; docs/frontend-contract.md).
"""
import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "test" / "flaggems"))
sys.path.insert(0, str(ROOT / "test" / "triton"))

os.environ.setdefault("TRITON_CACHE_DIR", tempfile.mkdtemp(prefix="spine_bench_triton_cache_"))
import model as qwen  # noqa: E402  (build-tree environment, flag_gems on our driver)
import torch  # noqa: E402
import triton  # noqa: E402
import tutorial_kernels as tk  # noqa: E402
from triton.backends.spine_triton import runtime_libraries  # noqa: E402


def median_ms(fn, repeats, warmup=2):
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1e3


def best(candidates, make_fn, repeats, check):
    """(ms, label) of the fastest candidate; each result checked first."""
    results = []
    for label, arg in candidates:
        fn = make_fn(arg)
        check(fn())
        results.append((median_ms(fn, repeats), label))
    return min(results)


def close(expected, atol=1e-4, rtol=1e-4):
    def check(out):
        torch.testing.assert_close(out, expected, atol=atol, rtol=rtol)
    return check


def matmul_with(config):
    """The tutorial matmul kernel with one fixed tile (its own autotuner's
    candidates are only 32x32x32 and 64x64x16)."""
    kernel = triton.autotune(configs=[triton.Config(config)], key=["M", "N", "K"])(tk.matmul_kernel.fn)

    def run(a, b):
        M, K = a.shape
        N = b.shape[1]
        c = torch.empty((M, N), dtype=a.dtype)
        grid = lambda meta: (triton.cdiv(M, meta["BLOCK_M"]) * triton.cdiv(N, meta["BLOCK_N"]), )
        kernel[grid](a, b, c, M, N, K, a.stride(0), a.stride(1), b.stride(0), b.stride(1), c.stride(0),
                     c.stride(1), GROUP_M=4)
        return c
    return run


def kernel_rows(quick):
    repeats = 3 if quick else 10
    torch.manual_seed(0)
    n = 1 << 24
    x, y = torch.rand(n), torch.rand(n)
    ref = x + y
    torch_ms = median_ms(lambda: x + y, repeats)
    blocks = [4096, 65536] if quick else [1024, 4096, 16384, 65536]
    ours_ms, label = best([("BLOCK %d" % b, b) for b in blocks], lambda b: lambda: tk.add(x, y, b), repeats,
                          close(ref, 0, 0))
    yield ("vector add 2^24", torch_ms, ours_ms, label)

    s = torch.randn(4096, 4096)
    ref = torch.softmax(s, -1)
    torch_ms = median_ms(lambda: torch.softmax(s, -1), repeats)
    programs = [64] if quick else [2, 64, 4096]
    ours_ms, label = best([("%d programs, BLOCK 4096" % p, p) for p in programs], lambda p: lambda: tk.softmax(s, p),
                          repeats, close(ref, 1e-6, 1e-4))
    yield ("softmax 4096x4096", torch_ms, ours_ms, label)

    w, b = torch.rand(4096), torch.rand(4096)
    ref = torch.nn.functional.layer_norm(s, (4096, ), w, b, 1e-5)
    torch_ms = median_ms(lambda: torch.nn.functional.layer_norm(s, (4096, ), w, b, 1e-5), repeats)
    blocks = [1024] if quick else [256, 1024, 4096]
    ours_ms, label = best([("BLOCK %d" % bs, bs) for bs in blocks],
                          lambda bs: lambda: tk.layer_norm(s, w, b, 1e-5, bs)[0], repeats, close(ref))
    yield ("layer norm 4096x4096", torch_ms, ours_ms, label)

    a, bm = torch.randn(1024, 1024), torch.randn(1024, 1024)
    ref = a @ bm
    torch_ms = median_ms(lambda: a @ bm, repeats)
    tiles = [(64, 64, 32)] if quick else [(32, 32, 32), (64, 64, 16), (64, 64, 32), (128, 128, 32)]
    candidates = [("%dx%dx%d tiles" % t, {"BLOCK_M": t[0], "BLOCK_N": t[1], "BLOCK_K": t[2]}) for t in tiles]
    ours_ms, label = best(candidates, lambda cfg: (lambda run: lambda: run(a, bm))(matmul_with(cfg)),
                          max(3, repeats // 2), close(ref, 1e-3, 1e-3))
    yield ("matmul 1024^3 f32", torch_ms, ours_ms, label)


def model_rows(quick):
    repeats = 5 if quick else 20
    model = qwen.build_model()
    ids = qwen.prompt(model)

    step = qwen.DecodeStep(model, ids)
    ref_token = step()
    torch_ms = median_ms(step, repeats)
    with qwen.count_launches() as launches, qwen.gems():
        step = qwen.DecodeStep(model, ids)
        assert torch.equal(step(), ref_token)
        ours_ms = median_ms(step, repeats)
        launches.clear()
        step()
        per_step = sum(launches.values())
    yield ("Qwen3 decode step (KV cache)", torch_ms, ours_ms, "%d Triton launches per step" % per_step)

    gen_repeats = 2 if quick else 5
    ref_tokens, _ = qwen.generate(model, ids)
    torch_ms = median_ms(lambda: qwen.generate(model, ids), gen_repeats, warmup=1) / qwen.NEW_TOKENS
    with qwen.gems():
        tokens, _ = qwen.generate(model, ids)
        assert torch.equal(tokens, ref_tokens)
        ours_ms = median_ms(lambda: qwen.generate(model, ids), gen_repeats, warmup=1) / qwen.NEW_TOKENS
    yield ("Qwen3 per generated token (generate: prefill + 16)", torch_ms, ours_ms, "total / 16")


def overhead_rows(quick):
    """What one operator costs when there is almost no work (128 f32
    elements): where the decode step's time goes."""
    repeats = 200 if quick else 2000
    x, y = torch.rand(128), torch.rand(128)
    out = torch.empty(128)
    torch_ms = median_ms(lambda: x + y, repeats, warmup=10)
    launch = lambda: tk.add_kernel[(1, )](x, y, out, 128, BLOCK_SIZE=128)
    ours_ms = median_ms(launch, repeats, warmup=10)
    torch.testing.assert_close(out, x + y)
    yield ("add, 128 elements: tutorial kernel launched from Python", torch_ms, ours_ms, "one program")
    with qwen.gems():
        result = x + y
        ours_ms = median_ms(lambda: x + y, repeats, warmup=10)
    torch.testing.assert_close(result, out)
    yield ("add, 128 elements: `x + y` under flag_gems.use_gems()", torch_ms, ours_ms, "FlagGems' add")


def _ms(ms):
    return "%.2f" % ms if ms >= 1 else "%.4f" % ms


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="one candidate per kernel, fewer repeats")
    parser.add_argument("--only", choices=["kernels", "model", "overhead"])
    parser.add_argument("--host-mcpu", help="-mcpu for opt/llc on host kernels (SPINE_TRITON_HOST_MCPU)")
    opts = parser.parse_args()
    if opts.host_mcpu:
        os.environ["SPINE_TRITON_HOST_MCPU"] = opts.host_mcpu

    print("torch %s threads %d; our runtime: %d threads (%d per stream), arch_id %s; spine-opt %s%s" %
          (torch.__version__, torch.get_num_threads(), runtime_libraries.num_cores(),
           runtime_libraries.stream_threads(), runtime_libraries.current_arch_id(),
           os.environ["SPINE_MLIR_OPT_PATH"], "; -mcpu=" + opts.host_mcpu if opts.host_mcpu else ""))
    print("| workload | torch eager ms | ours ms | torch/ours | ours |")
    print("|---|---|---|---|---|")
    parts = {"kernels": kernel_rows, "model": model_rows, "overhead": overhead_rows}
    parts = list(parts.values()) if opts.only is None else [parts[opts.only]]
    for part in parts:
        for name, torch_ms, ours_ms, note in part(opts.quick):
            print("| %s | %s | %s | **%.2fx** | %s |" % (name, _ms(torch_ms), _ms(ours_ms), torch_ms / ours_ms, note),
                  flush=True)


if __name__ == "__main__":
    main()

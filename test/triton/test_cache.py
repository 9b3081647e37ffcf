"""Triton's own cache: a kernel compiles once; a second launch, in the same
process or in a new one sharing TRITON_CACHE_DIR, runs no stage and builds
no launcher; what changes the binary (the pipeline, a rebuilt spine-opt)
is part of the key."""

import collections
import json
import os
import shutil

import torch
import triton
import triton.language as tl
from triton import knobs

from conftest import check_output, run_python


def _count_stage_calls(monkeypatch):
    from triton.backends.spine_triton import launcher, stages
    calls = collections.Counter()

    def counting(name, function):

        def wrapper(*args, **kwargs):
            calls[name] += 1
            return function(*args, **kwargs)

        return wrapper

    for name in ("ttir_to_linalgdir", "linalgdir_to_llir", "llir_to_so"):
        monkeypatch.setattr(stages, name, counting(name, getattr(stages, name)))
    monkeypatch.setattr(launcher, "build_launcher", counting("build_launcher", launcher.build_launcher))
    return calls


def test_second_launch_in_the_process_compiles_nothing(monkeypatch):

    @triton.jit
    def cache_probe_kernel(x_ptr, n, BLOCK: tl.constexpr):
        offs = tl.program_id(0) * BLOCK + tl.arange(0, BLOCK)
        tl.store(x_ptr + offs, tl.load(x_ptr + offs, mask=offs < n) + 17, mask=offs < n)

    calls = _count_stage_calls(monkeypatch)
    compiles = []
    monkeypatch.setattr(knobs.compilation, "listener", lambda **kw: compiles.append(kw["cache_hit"]))
    x = torch.zeros(100)
    cache_probe_kernel[(4, )](x, 100, BLOCK=32)
    assert dict(calls) == {"ttir_to_linalgdir": 1, "linalgdir_to_llir": 1, "llir_to_so": 1, "build_launcher": 1}
    assert compiles == [False]
    for _ in range(3):
        cache_probe_kernel[(4, )](x, 100, BLOCK=32)
    assert dict(calls) == {"ttir_to_linalgdir": 1, "linalgdir_to_llir": 1, "llir_to_so": 1, "build_launcher": 1}
    assert compiles == [False], "a launch of a compiled kernel went back to the compiler"
    assert (x == 4 * 17).all()
    # A new specialization (another BLOCK) is a new kernel.
    cache_probe_kernel[(2, )](x, 100, BLOCK=64)
    assert calls["llir_to_so"] == 2 and compiles == [False, False]


RUN = """
import collections, json, os, sys
import torch, triton
from triton import knobs
from triton.backends.spine_triton import launcher, stages
from triton.backends.spine_triton.driver import CPUDriver
triton.runtime.driver.set_active(CPUDriver())
calls = collections.Counter()
def counting(name, function):
    def wrapper(*args, **kwargs):
        calls[name] += 1
        return function(*args, **kwargs)
    return wrapper
for name in ("ttir_to_linalgdir", "linalgdir_to_llir", "llir_to_so"):
    setattr(stages, name, counting(name, getattr(stages, name)))
import subprocess, types
def compiler_run(argv, *args, **kwargs):
    calls["launcher_cxx"] += 1
    return subprocess.run(argv, *args, **kwargs)
# Only the launcher module's subprocess: counts C++ compilations of launchers.
launcher.subprocess = types.SimpleNamespace(run=compiler_run, PIPE=subprocess.PIPE, STDOUT=subprocess.STDOUT)
hits = []
knobs.compilation.listener = lambda **kw: hits.append(kw["cache_hit"])
import tutorial_kernels as tk
x, y = torch.rand(5000), torch.rand(5000)
ok = torch.equal(tk.add(x, y), x + y)
compiled = list(tk.add_kernel.device_caches["cpu"][0].values())[0]
print(json.dumps({"ok": ok, "hits": hits, "calls": calls, "pipeline": compiled.metadata.spine_pipeline}))
"""


def _run(cache_dir, **env):
    out = check_output(run_python(RUN, dict(env, TRITON_CACHE_DIR=str(cache_dir))))
    return json.loads(out.strip().splitlines()[-1])


def _files(directory):
    return sorted(os.path.relpath(os.path.join(d, f), directory) for d, _, fs in os.walk(directory) for f in fs)


def test_a_new_process_reuses_triton_cache(tmp_path):
    cache = tmp_path / "cache"
    first = _run(cache)
    assert first["ok"] and first["hits"] == [False]
    assert first["calls"] == {"ttir_to_linalgdir": 1, "linalgdir_to_llir": 1, "llir_to_so": 1, "launcher_cxx": 1}
    files = _files(cache)
    assert any(f.endswith("add_kernel.so") for f in files), files
    assert any("__spine_triton_kernel_launcher" in f for f in files), "the launcher is not in Triton's cache"

    second = _run(cache)
    assert second["ok"] and second["hits"] == [True]
    assert second["calls"] == {}, "a cache hit ran a stage or built a launcher"
    assert _files(cache) == files

    # The reference pipeline is another binary: a miss, then its own hit.
    ref = _run(cache, SPINE_TRITON_USE_REF_PIPELINE="1")
    assert ref["ok"] and ref["hits"] == [False]
    assert ref["pipeline"].startswith("--spine-triton-e2e-ref-pipeline")
    assert _run(cache, SPINE_TRITON_USE_REF_PIPELINE="1")["hits"] == [True]
    assert _run(cache)["pipeline"].startswith("--spine-triton-e2e-pipeline=")


def test_a_rebuilt_spine_opt_invalidates_the_cache(tmp_path):
    spine_opt = tmp_path / "spine-opt"
    shutil.copy2(os.environ["SPINE_MLIR_OPT_PATH"], spine_opt)
    env = dict(SPINE_MLIR_OPT_PATH=str(spine_opt))
    assert _run(tmp_path / "cache", **env)["hits"] == [False]
    assert _run(tmp_path / "cache", **env)["hits"] == [True]
    os.utime(spine_opt, ns=(spine_opt.stat().st_atime_ns, spine_opt.stat().st_mtime_ns + 10**9))
    again = _run(tmp_path / "cache", **env)
    assert again["hits"] == [False] and again["calls"]["llir_to_so"] == 1

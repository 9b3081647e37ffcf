"""@triton.jit kernels cross-compiled for a K1 from this x86-64 host
(SPINE_TRITON_TARGET_ARCH=riscv64), exported with aot.export_kernel (the
kernel's .so, a C launcher, a header), linked into a small C++ program
against the riscv64 runtime and run under qemu-riscv64 at VLEN 256 (a
K1's) and 512 (code for the X60 may assume VLEN >= 256, so not 128); the
results are checked against torch here.

Needs the riscv64 runtime: SPINE_TRITON_RISCV64_PREFIX, default
build/riscv64/runtime/Release/installed (scripts/build_triton_spacemit_backend_riscv64.sh
"" runtime Release install makes it; scripts/test.sh does before this suite).
"""

import os
import shutil
import subprocess

import numpy as np
import pytest
import torch

from conftest import BUILD_DIR, check_output, run_python

PREFIX = os.environ.get("SPINE_TRITON_RISCV64_PREFIX",
                        os.path.join(BUILD_DIR, "riscv64", "runtime", "Release", "installed"))
SYSROOT = "/usr/riscv64-linux-gnu"
QEMU = shutil.which("qemu-riscv64")

COMPILE = """
import json, sys
import torch, triton
from triton.backends.spine_triton.driver import CPUDriver
from triton.backends.spine_triton.aot import export_kernel
triton.runtime.driver.set_active(CPUDriver())
import tutorial_kernels as tk
out_dir = sys.argv[1] if len(sys.argv) > 1 else {out_dir!r}
add = tk.add_kernel.warmup(torch.float32, torch.float32, torch.float32, 5000, BLOCK_SIZE=256, grid=(1,))
softmax = tk.softmax_kernel.warmup(torch.float32, torch.float32, 781, 781, 100, 781, BLOCK_SIZE=1024, grid=(1,))
layer_norm = tk.layer_norm_kernel.warmup(torch.float32, torch.float32, torch.float32, torch.float32, torch.float32,
                                         torch.float32, 1000, 1000, 1e-5, BLOCK_SIZE=256, grid=(1,))
machines = [k.metadata.target_machine for k in (add, softmax, layer_norm)]
for k in (add, softmax, layer_norm):
    export_kernel(k, out_dir)
try:  # the host cannot run what was compiled for the K1
    x = torch.rand(5000)
    tk.add_kernel[(20,)](x, x, torch.empty_like(x), 5000, BLOCK_SIZE=256)
    refused = None
except RuntimeError as error:
    refused = str(error)
print(json.dumps({{"machines": machines, "refused": refused}}))
"""

HARNESS = r"""
#include "add_kernel.h"
#include "layer_norm_kernel.h"
#include "softmax_kernel.h"

#include <cstdio>
#include <cstdlib>
#include <vector>

static std::vector<float> load(const char *name, size_t n) {
  std::vector<float> v(n);
  FILE *f = std::fopen(name, "rb");
  if (!f || std::fread(v.data(), sizeof(float), n, f) != n) {
    std::fprintf(stderr, "cannot read %s\n", name);
    std::exit(3);
  }
  std::fclose(f);
  return v;
}

static void save(const char *name, const std::vector<float> &v) {
  FILE *f = std::fopen(name, "wb");
  std::fwrite(v.data(), sizeof(float), v.size(), f);
  std::fclose(f);
}

int main() {
  const int n = 5000, rows = 100, cols = 781, lnRows = 37, lnCols = 1000;
  std::vector<float> x = load("x.bin", n), y = load("y.bin", n), sum(n, -1.0f);
  if (add_kernel_run((n + 255) / 256, 1, 1, x.data(), y.data(), sum.data(), n) != 0)
    return 2;
  save("sum.bin", sum);

  std::vector<float> logits = load("logits.bin", rows * cols), probs(rows * cols, -1.0f);
  if (softmax_kernel_run(4, 1, 1, probs.data(), logits.data(), cols, cols, rows, cols) != 0)
    return 2;
  save("probs.bin", probs);

  std::vector<float> a = load("ln_x.bin", lnRows * lnCols), w = load("ln_w.bin", lnCols),
                     b = load("ln_b.bin", lnCols), out(lnRows * lnCols), mean(lnRows), rstd(lnRows);
  if (layer_norm_kernel_run(lnRows, 1, 1, a.data(), out.data(), w.data(), b.data(), mean.data(), rstd.data(),
                            lnCols, lnCols, 1e-5f) != 0)
    return 2;
  save("ln_y.bin", out);
  std::printf("riscv64 kernels ran\n");
  return 0;
}
"""


@pytest.fixture(scope="module")
def riscv64_program(tmp_path_factory):
    if not (QEMU and os.path.isdir(SYSROOT)):
        pytest.skip("needs qemu-riscv64 and Debian's riscv64 sysroot (scripts/setup.sh installs both)")
    lib_dir = os.path.join(PREFIX, "lib")
    missing = [n for n in ("libSpeIRRuntimeLibs.so", "libSpineTritonRuntime.so")
               if not os.path.isfile(os.path.join(lib_dir, n))]
    if missing:
        pytest.fail("no riscv64 runtime in %s (%s): run scripts/build_triton_spacemit_backend_riscv64.sh \"\" "
                    "runtime Release install" % (lib_dir, ", ".join(missing)))
    work = tmp_path_factory.mktemp("riscv64")
    result = run_python(COMPILE.format(out_dir=str(work)),
                        # qemu 7.2 has no Zicond, which -mcpu=spacemit-x60 lets llc use.
                        dict(SPINE_TRITON_TARGET_ARCH="riscv64", SPINE_TRITON_CROSS_RUNTIME_DIR=lib_dir,
                             SPINE_TRITON_RISCV64_MATTR="-zicond"))
    import json
    report = json.loads(check_output(result).strip().splitlines()[-1])
    assert report["machines"] == ["riscv64"] * 3
    assert report["refused"] and "compiled for riscv64" in report["refused"], report
    for name in ("add_kernel", "softmax_kernel", "layer_norm_kernel"):
        with open(work / ("lib%s.so" % name), "rb") as f:
            header = f.read(20)
        assert int.from_bytes(header[18:20], "little") == 243, name  # EM_RISCV
    (work / "main.cpp").write_text(HARNESS)
    from triton.backends.spine_triton import stages
    stages.run_tool(stages.cross_compiler_command() + [
        "-std=c++17", "-O2", "-march=rv64gcv", "-mabi=lp64d", "-I" + str(work),
        str(work / "main.cpp"), *[str(work / ("%s_launcher.cpp" % n))
                                  for n in ("add_kernel", "softmax_kernel", "layer_norm_kernel")],
        "-L" + str(work), "-ladd_kernel", "-lsoftmax_kernel", "-llayer_norm_kernel", "-L" + lib_dir,
        "-lSpineTritonRuntime", "-lSpeIRRuntimeLibs", "-Wl,-rpath," + str(work) + ":" + lib_dir, "-o",
        str(work / "program")
    ])
    return work


@pytest.mark.parametrize("vlen", [256, 512])
def test_cross_compiled_triton_kernels_run_under_qemu(riscv64_program, vlen):
    work = riscv64_program
    gen = torch.Generator().manual_seed(vlen)
    x, y = torch.rand(5000, generator=gen), torch.rand(5000, generator=gen)
    logits = torch.randn(100, 781, generator=gen) * 3
    ln_x = torch.randn(37, 1000, generator=gen) * 2 + 1
    ln_w, ln_b = torch.rand(1000, generator=gen), torch.randn(1000, generator=gen)
    for name, tensor in dict(x=x, y=y, logits=logits, ln_x=ln_x, ln_w=ln_w, ln_b=ln_b).items():
        tensor.numpy().tofile(str(work / ("%s.bin" % name)))
    result = subprocess.run([QEMU, "-L", SYSROOT, "-cpu", "rv64,v=true,vlen=%d" % vlen,
                             str(work / "program")], cwd=str(work), stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, timeout=300)
    assert result.returncode == 0, result.stdout
    assert "riscv64 kernels ran" in result.stdout

    def read(name, shape):
        return torch.from_numpy(np.fromfile(str(work / ("%s.bin" % name)), dtype=np.float32).reshape(shape))

    torch.testing.assert_close(read("sum", (5000, )), x + y, rtol=0, atol=0)
    torch.testing.assert_close(read("probs", (100, 781)), torch.softmax(logits, dim=-1), rtol=1e-5, atol=1e-6)
    expected = torch.nn.functional.layer_norm(ln_x, (1000, ), ln_w, ln_b, eps=1e-5)
    torch.testing.assert_close(read("ln_y", (37, 1000)), expected, rtol=1e-5, atol=1e-5)

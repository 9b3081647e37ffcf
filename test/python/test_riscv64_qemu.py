"""riscv64 from x86-64: a kernel cross-compiled through the plugin's stages
(SPINE_TRITON_TARGET_ARCH=riscv64), launched by the generated launcher's
grid loop (C entry) against the riscv64 runtime libraries, run under
qemu-riscv64 at VLEN 256 and 128.

Needs SPINE_TRITON_RISCV64_PREFIX: an install prefix of
scripts/build_triton_spacemit_backend_riscv64.sh (lib/libSpeIRRuntimeLibs.so,
lib/libSpineTritonRuntime.so); scripts/test-python.sh makes one.
"""

import os
import shutil
import subprocess

import pytest

from conftest import read_example

PREFIX = os.environ.get("SPINE_TRITON_RISCV64_PREFIX", "")
SYSROOT = "/usr/riscv64-linux-gnu"
QEMU = shutil.which("qemu-riscv64")

pytestmark = pytest.mark.skipif(
    not (PREFIX and QEMU and os.path.isdir(SYSROOT)),
    reason="needs SPINE_TRITON_RISCV64_PREFIX, qemu-riscv64 and Debian's riscv64 sysroot")

HARNESS = r"""
#include "launcher.cpp"

#include <cmath>
#include <cstdio>
#include <vector>

extern "C" void *spine_get_current_stream(int64_t);
extern "C" void scale_add_masked();

int main() {
  void *stream = spine_get_current_stream(-1);
  const int sizes[] = {1, 64, 65, 2373};
  for (int n : sizes) {
    std::vector<float> x(n + 8), y(n + 8), out(n + 8, 7.0f);
    for (int i = 0; i < n + 8; ++i) {
      x[i] = 0.25f * i - 3.0f;
      y[i] = 1.0f / (1 + i);
    }
    int grids[][3] = {{(n + 63) / 64, 1, 1}, {(n + 63) / 64 + 3, 2, 1}};
    for (auto &grid : grids) {
      std::fill(out.begin(), out.end(), 7.0f);
      if (spine_triton_launch(grid[0], grid[1], grid[2], stream, reinterpret_cast<void *>(&scale_add_masked),
                              x.data(), y.data(), out.data(), -1.5f, n) != 0)
        return 2;
      for (int i = 0; i < n + 8; ++i) {
        float expected = i < n ? x[i] * -1.5f + y[i] : 7.0f;
        if (std::fabs(out[i] - expected) > 1e-5f * (1 + std::fabs(expected))) {
          std::printf("n=%d grid=%dx%dx%d: out[%d] = %g, expected %g\n", n, grid[0], grid[1], grid[2], i, out[i],
                      expected);
          return 1;
        }
      }
    }
  }
  std::printf("riscv64 launcher ok\n");
  return 0;
}
"""


# The core each VLEN runs: the X60's -mcpu implies Zvl256b (code for VLEN >= 256),
# the X100's table row is generic-rv64 + V (VLEN >= 128).
ARCH_FOR_VLEN = {256: "0x503C", 128: "0x5064"}


@pytest.fixture(scope="module")
def riscv64_harnesses(tmp_path_factory, spine_triton, built_tools):
    return {vlen: _build_harness(tmp_path_factory, arch_id) for vlen, arch_id in ARCH_FOR_VLEN.items()}


# The frontend asks for vector-length-agnostic code through the contract's
# SPINE_TRITON_PIPELINE_OPTION; built once for the X100 row (generic-rv64 +
# V: any VLEN from 128), the one binary runs at every VLEN.
VLA_OPTIONS = "enable-always-tls=1 enable-fuse-group=false vector-length-agnostic=1"


@pytest.fixture(scope="module")
def vla_harness(tmp_path_factory, spine_triton, built_tools):
    return _build_harness(tmp_path_factory, "0x5064", pipeline_option=VLA_OPTIONS)


def _build_harness(tmp_path_factory, arch_id, pipeline_option=None):
    from spine_triton import environment, stages
    from spine_triton.launcher import generate_launcher_source
    lib_dir = os.path.join(PREFIX, "lib")
    work = tmp_path_factory.mktemp("riscv64-" + arch_id + ("-vla" if pipeline_option else ""))
    old = {k: os.environ.get(k)
           for k in ("SPINE_TRITON_TARGET_ARCH", "SPINE_TRITON_CROSS_RUNTIME_DIR", "SPINE_TRITON_RISCV64_MATTR",
                     "SPINE_TRITON_PIPELINE_OPTION")}
    # qemu 7.2 has no Zicond (czero.*), which -mcpu=spacemit-x60 lets llc use.
    os.environ.update(SPINE_TRITON_TARGET_ARCH="riscv64", SPINE_TRITON_CROSS_RUNTIME_DIR=lib_dir,
                      SPINE_TRITON_RISCV64_MATTR="-zicond")
    if pipeline_option:
        os.environ["SPINE_TRITON_PIPELINE_OPTION"] = pipeline_option
    try:
        metadata = {"name": "scale_add_masked", "arch_id": arch_id}
        llir = stages.linalgdir_to_llir(read_example("scale_add_masked.mlir"), metadata)
        assert ("<vscale x" in llir) == bool(pipeline_option)
        binary = stages.llir_to_so(llir, metadata)
        (work / "libscale_add_masked.so").write_bytes(binary)
        (work / "launcher.cpp").write_text(
            generate_launcher_source({0: "*fp32", 1: "*fp32", 2: "*fp32", 3: "fp32", 4: "i32"},
                                     kernel_name="scale_add_masked", python_module=False))
        (work / "main.cpp").write_text(HARNESS)
        stages.run_tool(stages.cross_compiler_command() + [
            "-std=c++17", "-O2", "-march=rv64gcv", "-mabi=lp64d", "-I" + str(work),
            *["-I" + d for d in environment.runtime_include_dirs()],
            str(work / "main.cpp"), "-L" + str(work), "-lscale_add_masked", "-L" + lib_dir, "-lSpineTritonRuntime",
            "-lSpeIRRuntimeLibs", "-Wl,-rpath," + str(work) + ":" + lib_dir, "-o", str(work / "harness")
        ])
    finally:
        for key, value in old.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    return work / "harness"


def test_runtime_libraries_are_riscv64():
    for name in ("libSpeIRRuntimeLibs.so", "libSpineTritonRuntime.so"):
        with open(os.path.join(PREFIX, "lib", name), "rb") as f:
            header = f.read(20)
        assert header[:4] == b"\x7fELF" and int.from_bytes(header[18:20], "little") == 243, name


def _run_under_qemu(harness, vlen):
    result = subprocess.run([
        QEMU, "-L", SYSROOT, "-cpu", "rv64,v=true,vext_spec=v1.0,vlen=%d,Zfh=true,zba=true,zbb=true,zbs=true" % vlen,
        str(harness)
    ], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=300)
    assert result.returncode == 0, result.stdout
    assert "riscv64 launcher ok" in result.stdout


@pytest.mark.parametrize("vlen", [256, 128])
def test_cross_compiled_kernel_runs_under_qemu(riscv64_harnesses, vlen):
    _run_under_qemu(riscv64_harnesses[vlen], vlen)


@pytest.mark.parametrize("vlen", [128, 256, 512])
def test_vector_length_agnostic_binary_runs_at_every_vlen(vla_harness, vlen):
    _run_under_qemu(vla_harness, vlen)

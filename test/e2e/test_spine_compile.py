"""spine-compile end to end: a kernel.so built in one step (the plugin's
stages), linked with the harness and run on the host and under qemu, against
the same numpy references as test_kernels.py. Convolution and pooling, whose
fast path is the runtime's speir_conv2d / speir_pool2d."""
import os
import shutil
import zlib

import numpy as np
import pytest

from cases import CASES
from e2e_lib import BUILD, TARGETS, WORK, build_executable, run, run_executable, runtime_dir

NAMES = ["conv_nhwc_pad", "conv_nchw_stride2", "depthwise_nhwc", "maxpool_nhwc", "conv_i8_i32"]
BY_NAME = {case.name: case for case in CASES}


def _combinations():
    """riscv64 .so files are built as the plugin builds them, for the X60
    (-mcpu=spacemit-x60 implies VLEN >= 256), so they run at VLEN 256 only;
    the emulated K1 runs the kernels that reach IME."""
    for name in NAMES:
        for target in ["host", "rv64-vlen256", "rv64-x60-ime"]:
            if TARGETS[target].get("ime_emulator") and not BY_NAME[name].uses_ime:
                continue
            yield pytest.param(name, target, id=f"{name}-{target}")


@pytest.mark.parametrize("name,target", list(_combinations()))
def test_spine_compile_so(name, target):
    case = BY_NAME[name]
    if target != "host" and shutil.which("qemu-riscv64") is None:
        pytest.skip("qemu-riscv64 not installed")
    if runtime_dir(target) is None:
        pytest.skip(f"libSpeIRRuntimeLibs.so for {target} not built")
    out = WORK / "spine-compile" / target / name
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    so = out / "kernel.so"
    env = dict(os.environ)
    if target == "host":
        env["SPINE_TRITON_RUNTIME_DIR"] = str(runtime_dir(target))
        cmd = [BUILD / "bin" / "spine-compile", case.mlir, "-o", so]
    else:
        env["SPINE_TRITON_CROSS_RUNTIME_DIR"] = str(runtime_dir(target))
        cmd = [BUILD / "bin" / "spine-compile", case.mlir, "-o", so, "--target", "riscv64"]
    run(cmd, env=env)
    rng = np.random.default_rng(zlib.crc32(case.name.encode()))
    args = case.make_args(rng)
    exe = build_executable(so, case.kernel, args, case.grid, target, out)
    results = run_executable(name, exe, out, args, target, env=case.env)
    for index, expected in case.reference(args).items():
        np.testing.assert_allclose(results[index].astype(np.float64), expected,
                                   rtol=case.rtol, atol=case.atol,
                                   err_msg=f"{name} argument {index} (spine-compile, {target})")

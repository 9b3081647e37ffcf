"""tl.device_print / tl.device_assert as the frontend lowers them
(examples/device_print_assert.mlir): compiled by spine-opt, calling
spine_print_unranked_memref and spine_assert in libSpineTritonRuntime with
the frontend's ABI. Each run is a subprocess: a failed assert aborts it
(SPINE_TRITON_ASSERT_NONFATAL=1: the launch raises AssertionError instead)."""

import os
import re
import signal
import subprocess
import sys
import textwrap

from conftest import EXAMPLES_DIR, REPO_ROOT

RUN = textwrap.dedent("""
    import sys
    sys.path.insert(0, sys.argv[1])
    import numpy as np
    from conftest import import_plugin_source, read_example
    import_plugin_source()
    from spine_triton import launcher, runtime_libraries, stages
    metadata = {"name": "print_and_check", "arch_id": "0x503C"}
    binary = stages.llir_to_so(stages.linalgdir_to_llir(read_example("device_print_assert.mlir"), metadata), metadata)
    function = runtime_libraries.load_binary("print_and_check", binary)[1]
    run = launcher.Launcher({0: "*fp32", 1: "fp32"}, kernel_name="print_and_check")
    x = np.arange(12, dtype=np.float32) / 4
    try:
        run(3, 1, 1, runtime_libraries.current_stream(), function, None, None, None, None, x, float(sys.argv[2]))
    except AssertionError as error:  # non-fatal mode: the launch raises after the grid
        print("raised:", error)
    print("finished")
""")


def run_kernel(limit, **extra_env):
    env = dict(os.environ, **extra_env)
    return subprocess.run([sys.executable, "-c", RUN, os.path.dirname(__file__), str(limit)],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, timeout=300)


def test_prints_every_program_and_passes_the_assert(built_tools):
    result = run_kernel(100.0)
    assert result.returncode == 0, result.stderr
    lines = sorted(l for l in result.stdout.splitlines() if l.startswith("("))
    assert lines == [
        "(0, 0, 0) x: rank=1 sizes=[4] [0, 0.25, 0.5, 0.75]",
        "(1, 0, 0) x: rank=1 sizes=[4] [1, 1.25, 1.5, 1.75]",
        "(2, 0, 0) x: rank=1 sizes=[4] [2, 2.25, 2.5, 2.75]",
    ]
    assert result.stdout.rstrip().endswith("finished")
    assert "Assertion" not in result.stderr


def test_failed_assert_aborts_with_location_and_program(built_tools):
    result = run_kernel(1.5)  # program 1 holds 1.5 and 1.75; program 2 all fail
    assert result.returncode == -signal.SIGABRT, (result.returncode, result.stderr)
    assert re.search(r"device_print_assert\.py:7: print_and_check: block: \[[12], 0, 0\] "
                     r"Assertion `x < limit` failed\.", result.stderr), result.stderr
    assert "finished" not in result.stdout


def test_nonfatal_asserts_report_each_failing_program(built_tools):
    result = run_kernel(1.5, SPINE_TRITON_ASSERT_NONFATAL="1")
    assert result.returncode == 0, result.stderr
    blocks = sorted(re.findall(r"block: \[(\d), 0, 0\] Assertion", result.stderr))
    assert blocks == ["1", "2"]
    # The Python launcher raises AssertionError with the last report and the count.
    assert re.search(r"raised: device_print_assert\.py:7: print_and_check: block: \[[12], 0, 0\] Assertion "
                     r"`x < limit` failed\. \(2 failed device assertion\(s\) in this launch of print_and_check",
                     result.stdout), result.stdout
    assert result.stdout.rstrip().endswith("finished")
    assert "raised" not in run_kernel(100.0, SPINE_TRITON_ASSERT_NONFATAL="1").stdout

"""FlagGems (pinned in requirements.txt) on the CPU through the spine_triton
plugin, run with build/venv/bin/python as test/triton is.

Environment as in test/triton/conftest.py (harness.setup_environment): tools
and runtime from the build tree unless named (SPINE_MLIR_OPT_PATH, ...),
fresh Triton and FlagGems caches per session. Then the user's recipe:
triton.backends.spine_triton.flaggems before flag_gems.
"""

import os
import sys

import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import harness  # noqa: E402

_MADE_DIRS = harness.setup_environment()

# The recipe's first line, before anything imports flag_gems.
import triton.backends.spine_triton.flaggems  # noqa: E402,F401


def _pinned(name):
    with open(os.path.join(harness.REPO_ROOT, "requirements.txt")) as f:
        for line in f:
            if line.startswith(name + "=="):
                return line.split("==", 1)[1].split()[0]
    return None


def pytest_configure(config):
    problems = []
    try:
        import triton
        import flag_gems  # noqa: F401 -- checked below: must come after our module
    except ImportError as error:
        pytest.exit("test/flaggems needs Triton and FlagGems: run it with build/venv/bin/python (scripts/setup.sh "
                    "makes the venv): %s" % error, returncode=2)
    for module, name in ((triton, "triton"), (flag_gems, "flag-gems")):
        if module.__version__ != _pinned(name):
            problems.append("%s %s, requirements.txt pins %s: use build/venv/bin/python" %
                            (name, module.__version__, _pinned(name)))
    from triton.backends import backends
    if "spine_triton" not in backends:
        problems.append("Triton did not discover the spine_triton backend: install the plugin into this Python "
                        "(scripts/install-plugin-dev.sh %s)" % sys.executable)
    if not os.path.isfile(os.environ["SPINE_MLIR_OPT_PATH"]):
        problems.append("missing %s (run scripts/setup.sh)" % os.environ["SPINE_MLIR_OPT_PATH"])
    if problems:
        pytest.exit("\n".join(problems), returncode=2)


def pytest_unconfigure(config):
    harness.remove_dirs(_MADE_DIRS)


@pytest.fixture(scope="session")
def flag_gems():
    return harness.import_flag_gems()

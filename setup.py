"""The triton-spacemit-backend wheel: installs backend/ as
triton.backends.spine_triton and registers it in the triton.backends
entry-point group.

    /usr/bin/python3 setup.py bdist_wheel --plat-name linux-riscv64

builds the plugin with the core table alone. The binaries (bin/, lib/, _C/,
include/) come from a staging directory named by SPINE_TRITON_WHEEL_STAGING,
which scripts/build_triton_spacemit_backend_wheel.sh fills from a build tree
or an install prefix.
"""

import os
import shutil

from setuptools import Distribution, setup
from setuptools.command.build_py import build_py

try:  # setuptools >= 70.1 has its own (venvs without the wheel package)
    from setuptools.command.bdist_wheel import bdist_wheel
except ImportError:
    from wheel.bdist_wheel import bdist_wheel

ROOT = os.path.dirname(os.path.abspath(__file__))
PACKAGE = "triton.backends.spine_triton"
CORE_TABLE = os.path.join(ROOT, "runtime", "include", "speir", "SpacemitCores.def")
STAGED_DIRS = ("bin", "lib", "_C", "include")
# setuptools' default build/ is the CMake build tree; keep out of it.
PYTHON_BUILD_DIR = os.path.join("build", "python-wheel")


class BuildPyWithArtifacts(build_py):
    """Copies the core table and the staged binaries into the package."""

    def run(self):
        super().run()
        if getattr(self, "editable_mode", False):
            # pip install -e: the package is backend/ itself, which finds the
            # checkout's core table, spine-opt and runtime (environment.py).
            return
        package_dir = os.path.join(self.build_lib, *PACKAGE.split("."))
        self.mkpath(package_dir)
        self.copy_file(CORE_TABLE, os.path.join(package_dir, "SpacemitCores.def"))
        staging = os.environ.get("SPINE_TRITON_WHEEL_STAGING")
        if not staging:
            return
        for name in STAGED_DIRS:
            source = os.path.join(staging, name)
            if not os.path.isdir(source):
                continue
            target = os.path.join(package_dir, name)
            if os.path.isdir(target):
                shutil.rmtree(target)
            # symlinks=True keeps libSpeIRRuntimeLibs.so -> .so.0 links small.
            shutil.copytree(source, target, symlinks=True)


class BinaryDistribution(Distribution):
    """Holds per-platform binaries: installed to platlib, wheel not pure."""

    def has_ext_modules(self):
        return True


class PlatformWheel(bdist_wheel):
    """py3-none-<platform>: the binaries are per platform, the Python is not
    tied to one interpreter version."""

    def get_tag(self):
        _, _, platform = super().get_tag()
        return "py3", "none", platform


os.makedirs(os.path.join(ROOT, PYTHON_BUILD_DIR), exist_ok=True)
setup(
    name="triton-spacemit-backend",
    version="0.1.0",
    description="Spine: the Triton backend for SpacemiT RISC-V AI processors (spine_triton plugin, spine-opt, runtime)",
    license="Apache-2.0",
    python_requires=">=3.8",
    packages=[PACKAGE],
    package_dir={PACKAGE: "backend"},
    include_package_data=False,
    entry_points={"triton.backends": ["spine_triton = " + PACKAGE]},
    distclass=BinaryDistribution,
    cmdclass={"build_py": BuildPyWithArtifacts, "bdist_wheel": PlatformWheel},
    options={
        "build": {"build_base": PYTHON_BUILD_DIR},
        "egg_info": {"egg_base": PYTHON_BUILD_DIR},
    },
    zip_safe=False,
)

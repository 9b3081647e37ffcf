"""compiler.py and driver.py against a stand-in for Triton's backend
interfaces (Triton itself cannot be installed here).

The stand-in has only what the plugin touches: BaseBackend, GPUTarget,
DriverBase and empty libtriton modules. The plugin is imported as
triton.backends.spine_triton, as the wheel installs it, in a subprocess so
the stand-in never leaks into other tests. Triton's discovery rule is that
each module holds exactly one concrete subclass of its base class.
"""

import os
import subprocess
import sys
import textwrap

from conftest import EXAMPLES_DIR, REPO_ROOT

STAND_IN = {
    "triton/__init__.py": "",
    "triton/_C/__init__.py": "",
    # Records what make_ttir asks of Triton's pass manager and IR builder.
    "triton/_C/libtriton.py": textwrap.dedent("""
        import types
        calls = []

        class _PassManager:
            def __init__(self, context):
                calls.append("pass_manager")
            def enable_debug(self):
                calls.append("enable_debug")
            def run(self, mod, name):
                calls.append("run:" + name)

        class _Builder:
            def __init__(self, context):
                pass
            def get_int32_attr(self, value):
                return "%d : i32" % value
            def get_string_attr(self, value):
                return '"%s"' % value

        def _adder(name):
            return lambda pm: calls.append(name)

        ir = types.SimpleNamespace(pass_manager=_PassManager, builder=_Builder)
        passes = types.SimpleNamespace(
            common=types.SimpleNamespace(add_inliner=_adder("inliner"), add_canonicalizer=_adder("canonicalizer"),
                                         add_cse=_adder("cse"), add_licm=_adder("licm"),
                                         add_symbol_dce=_adder("symbol_dce")),
            ttir=types.SimpleNamespace(add_combine=_adder("combine"), add_reorder_broadcast=_adder("reorder_broadcast")))
        """),
    "triton/backends/__init__.py": "",
    "triton/backends/compiler.py": textwrap.dedent("""
        from abc import ABCMeta, abstractmethod
        from dataclasses import dataclass

        @dataclass(frozen=True)
        class GPUTarget:
            backend: str
            arch: object
            warp_size: int

        class BaseBackend(metaclass=ABCMeta):
            def __init__(self, target):
                self.target = target
                assert self.supports_target(target)

            @staticmethod
            @abstractmethod
            def supports_target(target): ...
            @abstractmethod
            def hash(self): ...
            @abstractmethod
            def parse_options(self, options): ...
            @abstractmethod
            def add_stages(self, stages, options): ...
            @abstractmethod
            def load_dialects(self, context): ...
            @abstractmethod
            def get_module_map(self): ...
        """),
    "triton/backends/driver.py": textwrap.dedent("""
        from abc import ABCMeta, abstractmethod

        class DriverBase(metaclass=ABCMeta):
            @abstractmethod
            def get_current_target(self): ...
            def __init__(self):
                pass
        """),
}

CHECK = textwrap.dedent("""
    import importlib, importlib.util, inspect, sys, types
    import numpy as np
    backend_dir, example = sys.argv[1], sys.argv[2]
    spec = importlib.util.spec_from_file_location("triton.backends.spine_triton", backend_dir + "/__init__.py",
                                                  submodule_search_locations=[backend_dir])
    plugin = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = plugin
    spec.loader.exec_module(plugin)
    from triton.backends.compiler import BaseBackend
    from triton.backends.driver import DriverBase

    def concrete(module, base):
        found = [a for a in vars(module).values()
                 if isinstance(a, type) and issubclass(a, base) and not inspect.isabstract(a)]
        assert len(found) == 1, found
        return found[0]

    compiler = importlib.import_module("triton.backends.spine_triton.compiler")
    driver_module = importlib.import_module("triton.backends.spine_triton.driver")
    Backend, Driver = concrete(compiler, BaseBackend), concrete(driver_module, DriverBase)
    driver = Driver()
    target = driver.get_current_target()
    assert target.backend == "cpu" and target.arch_id in ("0x503C",) + tuple(
        c.arch_id_string for c in plugin.load_spacemit_cores().values())
    assert target.arch == plugin.get_cpu_name_from_arch_id(target.arch_id)
    assert target.num_threads == driver.utils.get_stream_threads() > 0
    backend = Backend(target)
    options = backend.parse_options({"num_warps": 4, "not_an_option": 1})
    assert options.num_warps == 4 and options.arch == target.arch
    assert isinstance(backend.hash(), str) and backend.hash() == backend.hash()
    stages = {}
    backend.add_stages(stages, options)
    assert list(stages) == ["ttir", "linalgdir", "llir", "so"], list(stages)

    metadata = {"name": "scale_add_masked", "target": target, "smt_parallel_inside": False}
    llir = stages["llir"](open(example).read(), metadata)
    binary = stages["so"](llir, metadata)
    module, function, *_ = driver.utils.load_binary("scale_add_masked", binary, 0, "cpu")
    assert function

    fn = types.SimpleNamespace(arg_names=["x", "y", "out", "scale", "n", "BLOCK"], __name__="scale_add_masked")
    src = types.SimpleNamespace(fn=fn, constants={"BLOCK": 64},
                                signature={"x": "*fp32", "y": "*fp32", "out": "*fp32", "scale": "fp32",
                                           "n": "i32", "BLOCK": "constexpr"})
    launcher = driver.launcher_cls(src, types.SimpleNamespace(name="scale_add_masked", smt_parallel_inside=False))
    n = 1000
    x = np.arange(n, dtype=np.float32)
    out = np.zeros(n, np.float32)
    launcher((n + 63) // 64, 1, 1, driver.get_current_stream(None), function, None, None, None, None,
             x, x, out, -1.0, n, 64)
    np.testing.assert_array_equal(out, np.zeros(n, np.float32))
    x2 = x * 2
    launcher((n + 63) // 64, 1, 1, driver.get_current_stream(None), function, None, None, None, None,
             x2, x, out, 0.25, n, 64)
    np.testing.assert_allclose(out, x * 1.5)
    assert driver.map_python_to_cpp_type("*fp16") == "void *"
    # make_ttir: Triton's cleanup passes, then the target attributes the frontend adds.
    from triton._C import libtriton

    class FakeModule:
        context = None
        def __init__(self):
            self.attrs = {}
        def set_attr(self, name, value):
            self.attrs[name] = value
        def __str__(self):
            return "module { tt.func public @add_kernel(%arg0: !tt.ptr<f32>) { tt.return } }"

    mod, ttir_metadata = FakeModule(), {"target": target}
    assert stages["ttir"](mod, ttir_metadata) is mod
    assert libtriton.calls[:3] == ["pass_manager", "enable_debug", "inliner"] and "run:make_ttir" in libtriton.calls
    assert mod.attrs == {"tt.num_threads": "%d : i32" % target.num_threads,
                         "tt.arch_id": '"%s"' % target.arch_id, "tt.force_vector_interleave": "2 : i32"}, mod.attrs
    assert ttir_metadata["name"] == "add_kernel"

    import os
    os.environ["SPINE_TRITON_TARGET_ARCH"] = "riscv64"
    os.environ.pop("SPINE_TRITON_CROSS_TOOLCHAIN", None)
    if os.uname().machine != "riscv64":  # cross-compiling: the target's topology, not this machine's
        cross = Driver().get_current_target()
        core = plugin.core_for_arch_id(cross.arch_id)
        assert (cross.core, cross.num_threads) == (core.num_cores, core.stream_threads), cross
    print("interfaces ok")
""")


def test_plugin_against_triton_interfaces(tmp_path, built_tools):
    for relative, text in STAND_IN.items():
        path = tmp_path / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    env = dict(os.environ, PYTHONPATH=str(tmp_path))
    result = subprocess.run([
        sys.executable, "-c", CHECK,
        os.path.join(REPO_ROOT, "backend"),
        os.path.join(EXAMPLES_DIR, "scale_add_masked.mlir")
    ], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=300)
    assert result.returncode == 0, result.stdout
    assert "interfaces ok" in result.stdout

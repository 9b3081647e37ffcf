"""backend/ imported as the `spine_triton` package, as the wheel installs it,
for the tests and benchmarks that run from the source tree (the e2e library,
test/python's conftest, the TTIR corpus generator). The package imports no
Triton unless its compiler or driver module is imported."""
import importlib.util
import sys
from pathlib import Path

BACKEND_DIR = Path(__file__).resolve().parents[1] / "backend"


def import_plugin_source(package_name="spine_triton"):
    if package_name in sys.modules:
        return sys.modules[package_name]
    spec = importlib.util.spec_from_file_location(package_name, BACKEND_DIR / "__init__.py",
                                                  submodule_search_locations=[str(BACKEND_DIR)])
    module = importlib.util.module_from_spec(spec)
    sys.modules[package_name] = module
    spec.loader.exec_module(module)
    return module

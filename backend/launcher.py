"""The launcher: a Python extension module generated per kernel signature.

Its launch(gridX, gridY, gridZ, stream, function, kernel_metadata,
launch_metadata, enter_hook, exit_hook, *args) converts the arguments, calls
the hooks, and runs the grid through the runtime (docs/frontend-contract.md,
"Kernel ABI and the launcher"):

  * with T = spine_get_stream_threads(), spineMultiStreamDispatch<3> over
    {ceil(gridX/T), gridY, gridZ} blocks; each block borrows a stream
    (spine_require_stream), spineStreamDispatch-es {T, 1, 1} programs on it,
    skipping x >= gridX, and releases it;
  * a kernel with its own scf.forall (smt_parallel_inside) is dispatched
    over the whole grid directly.

The kernel ABI is (args..., gridX, gridY, gridZ, x, y, z), every pointer as
(int64_t rank = 0, void *descriptor) with a rank-0 strided memref descriptor
{allocated, aligned, offset}. Constexpr arguments are passed to launch()
but not to the kernel. Nothing here needs Triton.
"""

import importlib.util
import os
import subprocess
import sys
import sysconfig
import tempfile
from typing import Dict, Mapping, Optional

from . import environment as env
from .disk_cache import DiskCache, cache_key
from .stages import RUNTIME_LIBRARIES, runtime_link_arguments

MODULE_NAME = "__spine_triton_kernel_launcher"

# Triton signature type -> C++ type of the kernel parameter.
_SCALAR_CPP_TYPES = {
    "i1": "int32_t",
    "i8": "int8_t",
    "i16": "int16_t",
    "i32": "int32_t",
    "i64": "int64_t",
    "u1": "uint32_t",
    "u8": "uint8_t",
    "u16": "uint16_t",
    "u32": "uint32_t",
    "u64": "uint64_t",
    # A half-precision scalar travels in a floating-point register, as
    # _Float16 (spine_half_t; float with a compiler lacking _Float16, as the
    # frontend passes it); a bf16 one as its bits in a _Float16, which the
    # x86-64 and RISC-V calling conventions place where a bfloat goes.
    "fp16": "spine_half_t",
    "bf16": "spine_half_t",
    "fp32": "float",
    "f32": "float",
    "fp64": "double",
    # MLIR's spellings, in signatures of triton.compile("kernel.ttir").
    "f16": "spine_half_t",
    "f64": "double",
}
# How launch() parses a scalar before converting it to the kernel's type:
# (C type, PyArg_ParseTuple unit). Integers wrap like C casts.
_PARSED_SCALARS = {
    "signed": ("long long", "L"),
    "unsigned": ("unsigned long long", "K"),
    "float": ("double", "d"),
}


def is_pointer(ty: str) -> bool:
    return ty.startswith("*")


def _scalar_kind(ty: str) -> str:
    if ty.startswith("u"):
        return "unsigned"
    if ty.startswith("i"):
        return "signed"
    return "float"


def _converted(ty: str, name: str) -> str:
    """C++ expression converting the parsed scalar `name` to the kernel's type."""
    if ty == "bf16":
        return "spineBFloat16(%s)" % name
    return "static_cast<%s>(%s)" % (cpp_type(ty), name)


def cpp_type(ty: str) -> str:
    """The C++ type a launch() argument of Triton type `ty` is converted to."""
    if is_pointer(ty):
        return "void *"
    try:
        return _SCALAR_CPP_TYPES[ty]
    except KeyError:
        raise ValueError("unsupported kernel argument type %r" % ty) from None


def _normalized_signature(signature: Mapping, arg_names=None) -> Dict[int, str]:
    """Triton gives signatures keyed by argument name or index; order by index."""
    out = {}
    for position, (key, ty) in enumerate(signature.items()):
        if isinstance(key, str):
            key = list(arg_names).index(key) if arg_names is not None else position
        out[key] = ty
    return dict(sorted(out.items()))


def generate_launcher_source(signature: Mapping[int, str], smt_parallel_inside: bool = False,
                             kernel_name: str = "kernel", profile_kernel: Optional[bool] = None,
                             python_module: bool = True, device_print: bool = False,
                             entry_name: str = "spine_triton_launch") -> str:
    """C++ source of the launcher module for one kernel signature.

    signature: argument index -> Triton type ("*fp32", "i32", "fp32",
    "constexpr", ...), in launch() order. profile_kernel: bracket each launch
    with proton_enter_kernel/proton_exit_kernel (default: PROTON_KERNEL_CAPTURE
    is set and not "0", as in the frontend). python_module=False replaces
    the Python module by one C function, spine_triton_launch(gridX, gridY,
    gridZ, stream, kernel, args...), taking the runtime arguments typed
    (entry_name names it).

    The Python module raises AssertionError (the last failed assert's report)
    when device asserts failed during a launch that survived them (non-fatal
    mode, which the driver selects); with device_print it flushes Python's
    sys.stdout before and C's stdout after the grid, so the kernel's lines
    come out in order with the script's.
    """
    if profile_kernel is None:
        profile_kernel = os.environ.get("PROTON_KERNEL_CAPTURE", "0") != "0"
    signature = _normalized_signature(signature)
    runtime_args = [(i, ty) for i, ty in signature.items() if ty != "constexpr"]

    parse_decls, parse_format, parse_targets = [], "", []
    for i, ty in signature.items():
        if ty == "constexpr" or is_pointer(ty):
            parse_decls.append("PyObject *py_arg%d = nullptr;" % i)
            parse_format += "O"
        else:
            cpp_type(ty)  # rejects unknown types
            parsed_type, unit = _PARSED_SCALARS[_scalar_kind(ty)]
            parse_decls.append("%s py_arg%d = 0;" % (parsed_type, i))
            parse_format += unit
        parse_targets.append("&py_arg%d" % i)

    kernel_params = ", ".join("int64_t, void *" if is_pointer(ty) else cpp_type(ty) for _, ty in runtime_args)
    launch_params = ", ".join("%s arg%d" % (cpp_type(ty), i) for i, ty in runtime_args)
    descriptors = "\n".join("  PointerDescriptor desc%d{arg%d, arg%d, 0};" % (i, i, i)
                            for i, ty in runtime_args if is_pointer(ty))
    kernel_call_args = "".join(("0, &desc%d, " % i) if is_pointer(ty) else ("arg%d, " % i) for i, ty in runtime_args)
    pointer_conversions = "\n".join(
        "  void *ptr%d = nullptr;\n  if (!pointerFromObject(py_arg%d, %d, &ptr%d)) return nullptr;" % (i, i, i, i)
        for i, ty in runtime_args if is_pointer(ty))
    launch_call_args = "".join(", ptr%d" % i if is_pointer(ty) else ", " + _converted(ty, "py_arg%d" % i)
                               for i, ty in runtime_args)
    escaped_name = kernel_name.replace("\\", "\\\\").replace('"', '\\"')

    fields = dict(
        smt_parallel_inside="true" if smt_parallel_inside else "false",
        profile_kernel="true" if profile_kernel else "false",
        device_print="true" if device_print else "false",
        kernel_name=escaped_name,
        kernel_params=kernel_params + (", " if kernel_params else ""),
        launch_params=(", " + launch_params) if launch_params else "",
        descriptors=descriptors,
        kernel_call_args=kernel_call_args,
        parse_decls="\n  ".join(parse_decls),
        parse_format="iiiKKOOOO" + parse_format,
        parse_targets="".join(", " + t for t in parse_targets),
        pointer_conversions=pointer_conversions,
        launch_call_args=launch_call_args,
        c_call_args="".join(", arg%d" % i for i, _ in runtime_args),
        module_name=MODULE_NAME,
        entry_name=entry_name,
        python_include="#define PY_SSIZE_T_CLEAN\n#include <Python.h>\n\n" if python_module else "",
    )
    body = _PYTHON_MODULE_TEMPLATE if python_module else _C_ENTRY_TEMPLATE
    return (_HEADER_TEMPLATE + body).format(**fields)


_HEADER_TEMPLATE = r"""// Generated by spine_triton's launcher.py for kernel {kernel_name}.
{python_include}#include <array>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <functional>

#ifndef SPINE_HALF_T_DEFINED
#define SPINE_HALF_T_DEFINED
#if defined(__FLT16_MAX__)
typedef _Float16 spine_half_t;
#else
typedef float spine_half_t;
#endif
#endif

// The runtime's own declarations (environment.runtime_include_dirs()).
#include "speir/spine_runtime.h"
#include "spine_triton/spine_triton_runtime.h"

namespace {{

constexpr bool kSmtParallelInside = {smt_parallel_inside};
constexpr bool kProfileKernel = {profile_kernel};
constexpr bool kDevicePrint = {device_print};
constexpr const char *kKernelName = "{kernel_name}";

// A bf16 scalar: float rounded to nearest even, its 16 bits carried in a spine_half_t.
[[maybe_unused]] spine_half_t spineBFloat16(double value) {{
  float f = static_cast<float>(value);
  uint32_t bits;
  std::memcpy(&bits, &f, sizeof(bits));
  if ((bits & 0x7fffffffu) > 0x7f800000u)
    bits = (bits & 0x80000000u) | 0x7fc00000u;
  else
    bits += 0x7fffu + ((bits >> 16) & 1u);
  uint16_t half = static_cast<uint16_t>(bits >> 16);
  spine_half_t out{{}};
  std::memcpy(&out, &half, sizeof(half) < sizeof(out) ? sizeof(half) : sizeof(out));
  return out;
}}

// A rank-0 strided memref descriptor: how a pointer reaches the kernel.
struct PointerDescriptor {{
  void *allocated;
  void *aligned;
  int64_t offset;
}};

using KernelFunction = void (*)({kernel_params}int32_t, int32_t, int32_t, int32_t, int32_t, int32_t);

void launchGrid(int gridX, int gridY, int gridZ, void *stream, KernelFunction kernel{launch_params}) {{
{descriptors}
  auto runProgram = [&](int64_t x, int64_t y, int64_t z) {{
    kernel({kernel_call_args}gridX, gridY, gridZ, static_cast<int32_t>(x), static_cast<int32_t>(y),
           static_cast<int32_t>(z));
  }};
  if (kSmtParallelInside) {{
    // The kernel splits its own work over the stream's threads.
    mlir::speir::spineMultiStreamDispatch<3>(
        stream, [&](const std::array<int64_t, 3> &program) {{ runProgram(program[0], program[1], program[2]); }},
        {{gridX, gridY, gridZ}});
    return;
  }}
  const int64_t threads = spine_get_stream_threads() > 0 ? spine_get_stream_threads() : 1;
  const int64_t blocksX = (gridX + threads - 1) / threads;
  mlir::speir::spineMultiStreamDispatch<3>(
      stream,
      [&](const std::array<int64_t, 3> &block) {{
        int64_t borrowed = spine_require_stream();
        mlir::speir::spineStreamDispatch(
            reinterpret_cast<void *>(borrowed),
            [&](const std::array<int64_t, 3> &lane) {{
              int64_t x = block[0] * threads + lane[0];
              if (x < gridX)
                runProgram(x, block[1], block[2]);
            }},
            {{threads, 1, 1}});
        spine_release_stream(borrowed);
      }},
      {{blocksX, gridY, gridZ}});
}}

"""

_PYTHON_MODULE_TEMPLATE = r"""// A pointer argument: an int (address), None (null), an object with
// data_ptr() (torch tensors) or with __array_interface__ (numpy arrays).
bool pointerFromObject(PyObject *object, int index, void **out) {{
  *out = nullptr;
  if (object == Py_None)
    return true;
  if (PyLong_Check(object)) {{
    *out = PyLong_AsVoidPtr(object);
    return !PyErr_Occurred();
  }}
  if (PyObject_HasAttrString(object, "data_ptr")) {{
    PyObject *address = PyObject_CallMethod(object, "data_ptr", nullptr);
    if (!address)
      return false;
    bool ok = PyLong_Check(address);
    if (ok)
      *out = PyLong_AsVoidPtr(address);
    Py_DECREF(address);
    if (!ok)
      PyErr_Format(PyExc_TypeError, "argument %d: data_ptr() must return an int", index);
    return ok && !PyErr_Occurred();
  }}
  PyObject *interface = PyObject_GetAttrString(object, "__array_interface__");
  if (interface) {{
    PyObject *data = PyDict_Check(interface) ? PyDict_GetItemString(interface, "data") : nullptr;
    bool ok = data && PyTuple_Check(data) && PyTuple_Size(data) >= 1 && PyLong_Check(PyTuple_GetItem(data, 0));
    if (ok)
      *out = PyLong_AsVoidPtr(PyTuple_GetItem(data, 0));
    Py_DECREF(interface);
    if (ok)
      return !PyErr_Occurred();
  }}
  PyErr_Clear();
  PyErr_Format(PyExc_TypeError,
               "argument %d: a pointer must be an int, None, or have data_ptr() or __array_interface__", index);
  return false;
}}

bool flushPythonStdout() {{
  PyObject *out = PySys_GetObject("stdout"); // borrowed
  if (!out || out == Py_None)
    return true;
  PyObject *result = PyObject_CallMethod(out, "flush", nullptr);
  Py_XDECREF(result);
  return result != nullptr;
}}

bool callHook(PyObject *hook, PyObject *launch_metadata) {{
  if (hook == Py_None)
    return true;
  PyObject *result = PyObject_CallFunctionObjArgs(hook, launch_metadata, nullptr);
  Py_XDECREF(result);
  return result != nullptr;
}}

PyObject *launch(PyObject *, PyObject *args) {{
  int gridX, gridY, gridZ;
  unsigned long long stream, function;
  PyObject *kernel_metadata, *launch_metadata, *enter_hook, *exit_hook;
  {parse_decls}
  if (!PyArg_ParseTuple(args, "{parse_format}", &gridX, &gridY, &gridZ, &stream, &function, &kernel_metadata,
                        &launch_metadata, &enter_hook, &exit_hook{parse_targets}))
    return nullptr;
  if (!function) {{
    PyErr_SetString(PyExc_ValueError, "kernel function pointer is null");
    return nullptr;
  }}
{pointer_conversions}
  if (!callHook(enter_hook, launch_metadata))
    return nullptr;
  if (kDevicePrint && !flushPythonStdout())
    return nullptr;
  const int64_t failedAssertsBefore = spine_assert_failure_count();
  if (gridX > 0 && gridY > 0 && gridZ > 0) {{
    KernelFunction kernel = reinterpret_cast<KernelFunction>(static_cast<uintptr_t>(function));
    Py_BEGIN_ALLOW_THREADS;
    if (kProfileKernel)
      proton_enter_kernel(kKernelName, gridX, gridY, gridZ);
    launchGrid(gridX, gridY, gridZ, reinterpret_cast<void *>(static_cast<uintptr_t>(stream)), kernel{launch_call_args});
    if (kProfileKernel)
      proton_exit_kernel(kKernelName, gridX, gridY, gridZ);
    if (kDevicePrint)
      std::fflush(stdout);
    Py_END_ALLOW_THREADS;
  }}
  if (!callHook(exit_hook, launch_metadata))
    return nullptr;
  const int64_t failedAsserts = spine_assert_failure_count() - failedAssertsBefore;
  if (failedAsserts > 0) {{
    char report[2048];
    spine_assert_last_failure(report, sizeof(report));
    PyErr_Format(PyExc_AssertionError,
                 "%s (%lld failed device assertion(s) in this launch of %s, each reported on stderr)", report,
                 static_cast<long long>(failedAsserts), kKernelName);
    return nullptr;
  }}
  Py_RETURN_NONE;
}}

PyMethodDef moduleMethods[] = {{
    {{"launch", launch, METH_VARARGS, "Launches the kernel over its grid"}},
    {{nullptr, nullptr, 0, nullptr}},
}};

PyModuleDef moduleDefinition = {{PyModuleDef_HEAD_INIT, "{module_name}", nullptr, -1, moduleMethods}};

}} // namespace

PyMODINIT_FUNC PyInit_{module_name}(void) {{ return PyModule_Create(&moduleDefinition); }}
"""

# Without Python: for C/C++ harnesses, e.g. on a board or under qemu.
_C_ENTRY_TEMPLATE = r"""}} // namespace

// Returns 0, or -1 when the kernel pointer is null.
extern "C" int {entry_name}(int gridX, int gridY, int gridZ, void *stream, void *function{launch_params}) {{
  if (!function)
    return -1;
  if (gridX <= 0 || gridY <= 0 || gridZ <= 0)
    return 0;
  if (kProfileKernel)
    proton_enter_kernel(kKernelName, gridX, gridY, gridZ);
  launchGrid(gridX, gridY, gridZ, stream, reinterpret_cast<KernelFunction>(function){c_call_args});
  if (kProfileKernel)
    proton_exit_kernel(kKernelName, gridX, gridY, gridZ);
  return 0;
}}
"""


def c_entry_parameters(signature: Mapping[int, str]) -> str:
    """The runtime parameters of the C entry, e.g. "void * arg0, int32_t arg3"."""
    signature = _normalized_signature(signature)
    return ", ".join("%s arg%d" % (cpp_type(ty), i) for i, ty in signature.items() if ty != "constexpr")


def _python_include_dir() -> str:
    return sysconfig.get_paths()["include"]


def compile_command(src: str, dst: str) -> list:
    compiler = os.environ.get("CXX") or "g++"
    flags = ["-std=c++17", "-shared", "-fPIC"]
    flags += ["-O0", "-g"] if env.get_spine_mlir_cc_debug() else ["-O2"]
    includes = ["-I" + d for d in [_python_include_dir(), *env.runtime_include_dirs()]]
    return [compiler, *flags, src, *includes, *runtime_link_arguments(None), "-o", dst]


def build_launcher(source: str, cache_factory=None) -> str:
    """Compiles the launcher source (cached on disk by content, compiler
    command and Python version) and returns the module's path.
    cache_factory(key) gives the cache (get(filename) -> path or None,
    put(data, filename) -> path); default DiskCache, which
    SPINE_TRITON_CACHE_DIR, when set, always selects."""
    filename = MODULE_NAME + sysconfig.get_config_var("EXT_SUFFIX")
    probe_command = compile_command("launcher.cpp", filename)
    key = cache_key("launcher", source, " ".join(probe_command), sys.version)
    if cache_factory is None or os.environ.get("SPINE_TRITON_CACHE_DIR"):
        cache_factory = DiskCache
    cache = cache_factory(key)
    cached = cache.get(filename)
    if cached:
        return cached
    with tempfile.TemporaryDirectory() as tmp:
        src, dst = os.path.join(tmp, "launcher.cpp"), os.path.join(tmp, filename)
        with open(src, "w") as f:
            f.write(source)
        result = subprocess.run(compile_command(src, dst), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        if result.returncode != 0:
            raise RuntimeError("building the launcher failed:\n" + result.stdout)
        with open(dst, "rb") as f:
            return cache.put(f.read(), filename)


def load_launcher(path: str):
    """Imports a built launcher module from its path."""
    from .runtime_libraries import load_runtime_libraries
    load_runtime_libraries()  # the launcher's runtime symbols resolve globally
    spec = importlib.util.spec_from_file_location(MODULE_NAME, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class Launcher:
    """launch() for one kernel signature; Triton's driver wraps this."""

    def __init__(self, signature: Mapping, smt_parallel_inside: bool = False, kernel_name: str = "kernel",
                 arg_names=None, device_print: bool = False, cache_factory=None):
        signature = _normalized_signature(signature, arg_names)
        self.source = generate_launcher_source(signature, smt_parallel_inside, kernel_name,
                                               device_print=device_print)
        self.module = load_launcher(build_launcher(self.source, cache_factory))
        self.launch = self.module.launch

    def __call__(self, *args):
        return self.launch(*args)


__all__ = ["Launcher", "generate_launcher_source", "build_launcher", "load_launcher", "RUNTIME_LIBRARIES"]

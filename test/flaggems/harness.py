"""Runs one FlagGems case: torch eager (the reference) against the same call
under flag_gems.use_gems() with this backend's driver, compared with
FlagGems' own tolerances (flag_gems.testing: per-dtype rtol, atol 1e-4 times
the reduced extent). Shared by the pytest suite (test_ops.py) and the
expectations generator (run_cases.py).

An outcome is (status, reason):
  pass            every shape matches, and Triton kernels ran under use_gems
  fail            wrong numbers (dtype, shape, max error) or wrong dtype/shape
  not compiled    a kernel did not compile: our stages (KernelCompilationError:
                  stage and spine-opt's diagnostic) or Triton's frontend
  error           FlagGems raised something else (Python-side)
  not overridden  no Triton kernel launched: FlagGems left the op to torch
  crash / hang    (run_cases.py only) the process died or timed out
"""

import os
import re
import shutil
import sys
import tempfile

REPO_ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), os.pardir, os.pardir))
BUILD_DIR = os.path.abspath(os.environ.get("BUILD_DIR", os.path.join(REPO_ROOT, "build")))
EXPECTED_PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)), "expected.json")


def setup_environment():
    """As test/triton/conftest.py: tools and runtime from the build tree
    (an explicit SPINE_MLIR_OPT_PATH etc. wins), fresh Triton and FlagGems
    caches (a cold run: every kernel compiles, every autotuned op tunes).
    Returns the directories to remove at the end."""
    os.environ.setdefault("SPINE_MLIR_OPT_PATH", os.path.join(BUILD_DIR, "bin", "spine-opt"))
    os.environ.setdefault("LLVM_BINARY_DIR", "/usr/lib/llvm-22/bin")
    os.environ.setdefault("SPINE_TRITON_RUNTIME_DIR",
                          os.pathsep.join([os.path.join(BUILD_DIR, "runtime", "triton"),
                                           os.path.join(BUILD_DIR, "runtime")]))
    os.environ.pop("SPINE_TRITON_CACHE_DIR", None)
    for name in ("SPINE_TRITON_USE_REF_PIPELINE", "SPINE_TRITON_PIPELINE_OPTION", "SPINE_TRITON_TARGET_ARCH",
                 "SPINE_MLIR_DEBUG_MODE", "PROTON_KERNEL_CAPTURE", "TRITON_ACTIVE_DRIVER", "TRITON_DEFAULT_BACKEND",
                 "TRITON_INTERPRET", "SPINE_TRITON_ASSERT_NONFATAL", "GEMS_VENDOR"):
        os.environ.pop(name, None)
    made = []
    for name, prefix in (("TRITON_CACHE_DIR", "spine_flaggems_triton_cache_"),
                         ("FLAGGEMS_CACHE_DIR", "spine_flaggems_cache_")):
        if not os.environ.get("SPINE_FLAGGEMS_KEEP_CACHES") or name not in os.environ:
            os.environ[name] = tempfile.mkdtemp(prefix=prefix)
            made.append(os.environ[name])
    return made


def remove_dirs(dirs):
    for path in dirs:
        shutil.rmtree(path, ignore_errors=True)


class LaunchCounter:
    """Counts Triton kernel launches (Triton's launch_enter_hook, which our
    driver's launcher calls before every grid)."""

    def __init__(self):
        self.count = 0

    def install(self):
        import triton
        previous = triton.knobs.runtime.launch_enter_hook

        def hook(*args, **kwargs):
            self.count += 1
            if previous is not None:
                previous(*args, **kwargs)

        triton.knobs.runtime.launch_enter_hook = hook


LAUNCHES = LaunchCounter()


def import_flag_gems():
    """The user's recipe: our module first, then flag_gems."""
    import triton.backends.spine_triton.flaggems  # noqa: F401
    import flag_gems
    import triton
    from triton.backends.spine_triton.driver import SpineTritonDriver
    assert flag_gems.device == "cpu", flag_gems.device
    assert isinstance(triton.runtime.driver.active, SpineTritonDriver)
    LAUNCHES.install()
    return flag_gems


DTYPE_NAMES = {}


def dtype_name(dtype):
    import torch
    if not DTYPE_NAMES:
        DTYPE_NAMES.update({torch.float32: "f32", torch.float16: "f16", torch.bfloat16: "bf16",
                            torch.float64: "f64", torch.int32: "i32", torch.int64: "i64", torch.int16: "i16",
                            torch.int8: "i8", torch.uint8: "u8", torch.bool: "bool"})
    return DTYPE_NAMES[dtype]


def _flatten(value):
    if isinstance(value, (tuple, list)):
        out = []
        for item in value:
            out.extend(_flatten(item))
        return out
    return [value]


def _map_tensors(value, fn):
    import torch
    if isinstance(value, torch.Tensor):
        return fn(value)
    if isinstance(value, (tuple, list)):
        return type(value)(_map_tensors(v, fn) for v in value)
    if isinstance(value, dict):
        return {k: _map_tensors(v, fn) for k, v in value.items()}
    return value


def clone_args(args):
    return _map_tensors(args, lambda t: t.clone())


def upcast_args(args):
    """FlagGems' tests compare against a float64 reference (to_reference(...,
    upcast=True)); integer and bool tensors stay as they are."""
    import torch
    return _map_tensors(args, lambda t: t.to(torch.float64) if t.is_floating_point() else
                        (t.to(torch.complex128) if t.is_complex() else t.clone()))


def _error_summary(error):
    """One line: the stage and first diagnostic of a compile error, or the
    exception's type and first line."""
    from triton.backends.spine_triton.stages import KernelCompilationError
    from triton.compiler.errors import CompilationError
    chain = []
    e = error
    while e is not None and len(chain) < 8:
        chain.append(e)
        e = e.__cause__ or e.__context__
    for e in chain:
        if isinstance(e, KernelCompilationError):
            text = e.diagnostics or str(e)
            match = re.search(r"error: (.*)", text)
            crash = re.search(r"^(\S+) \((killed by signal \d+)\)", text, re.M)
            if crash:
                assertion = re.search(r"Assertion `(.*?)' failed", text)
                frames = [f for f in re.findall(r"^\s*#\d+ 0x[0-9a-f]+ ([A-Za-z_][^(]*)\(", text, re.M)
                          if not f.startswith(("llvm::sys::", "PrintStackTrace", "SignalHandler"))]
                detail = "%s crashed (%s)%s%s" % (crash.group(1), crash.group(2).replace("killed by ", ""),
                                                  ": assertion %s" % assertion.group(1) if assertion else "",
                                                  " in %s" % frames[0].strip() if frames else "")
            else:
                detail = match.group(1) if match else text.strip().splitlines()[-1]
            detail = re.sub(r"\s+", " ", detail).strip()
            return "not compiled", "%s stage: %s [%s]" % (e.stage, detail, e.kernel)
    compile_errors = [e for e in chain if isinstance(e, CompilationError)]
    if compile_errors:
        innermost = compile_errors[-1]
        match = re.search(r"^\s*def (\w+)", str(innermost), re.M)
        where = " (in %s)" % match.group(1) if match else ""
        cause = chain[-1]
        if not isinstance(cause, CompilationError):
            text = str(cause).strip().splitlines()
            message = "%s: %s" % (type(cause).__name__, text[0][:160] if text else "")
        else:
            lines = [line.strip() for line in str(innermost).strip().splitlines() if line.strip().strip("^")]
            message = lines[-1] if lines else type(innermost).__name__
        return "not compiled", "Triton frontend: %s%s" % (message, where)
    first = str(error).strip().splitlines()[0] if str(error).strip() else ""
    where = ""
    tb = error.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if "flag_gems" in filename:
            where = " (%s:%d)" % (filename.split("flag_gems/")[-1], tb.tb_lineno)
        tb = tb.tb_next
    return "error", "%s: %s%s" % (type(error).__name__, first[:160], where)


def _compare(res, ref, expected, case, shape, dtype):
    """Raises AssertionError saying how res differs from ref."""
    import torch
    from flag_gems.testing import assert_close, assert_equal
    res_list, ref_list, exp_list = _flatten(res), _flatten(ref), _flatten(expected)
    assert len(res_list) == len(ref_list), "%d outputs, torch gives %d" % (len(res_list), len(ref_list))
    for i, (r, f, x) in enumerate(zip(res_list, ref_list, exp_list)):
        which = " output %d" % i if len(ref_list) > 1 else ""
        if not isinstance(f, torch.Tensor):
            if isinstance(r, torch.Tensor):
                r = r.item()
            assert r == f, "%s%s: %r, torch gives %r" % (dtype_name(dtype), which, r, f)
            continue
        assert isinstance(r, torch.Tensor), "%s: %r instead of a tensor" % (which, type(r))
        assert tuple(r.shape) == tuple(f.shape), "%s shape %s, torch gives %s" % (which, tuple(r.shape),
                                                                                 tuple(f.shape))
        want = x.dtype if isinstance(x, torch.Tensor) else (dtype if f.is_floating_point() else f.dtype)
        assert r.dtype == want, "%s dtype %s, torch gives %s" % (which, r.dtype, want)
        try:
            if r.is_floating_point() or r.is_complex():
                reduce_dim = case.reduce_dim(shape) if case.reduce_dim else 1
                assert_close(r, f, want, equal_nan=True, reduce_dim=reduce_dim)
            else:
                assert_equal(r, f.to(want))
        except AssertionError:
            a = r.to(torch.complex128 if r.is_complex() else torch.float64)
            b = f.to(want).to(a.dtype)
            diff = (a - b).abs()
            both_nan = a.isnan() & b.isnan() if not a.is_complex() else torch.zeros_like(diff, dtype=torch.bool)
            diff = torch.where(both_nan, torch.zeros_like(diff), diff)
            diff = torch.where(diff.isnan(), torch.full_like(diff, float("inf")), diff)
            bad = int((diff > 0).sum())
            raise AssertionError("%s %s%s: max abs error %.3g (|torch| max %.3g), %d of %d elements differ" %
                                 (dtype_name(want) if want.is_floating_point else dtype_name(dtype),
                                  "x".join(map(str, shape)) if isinstance(shape, tuple) else shape, which,
                                  float(diff.max()) if diff.numel() else 0.0,
                                  float(b.abs().max()) if b.numel() else 0.0, bad, diff.numel())) from None


def run_case(case, dtype):
    """-> (status, reason) for one operator and dtype over all its shapes."""
    import torch
    flag_gems = import_flag_gems()
    for shape in case.shapes:
        torch.manual_seed(0)
        args = case.make(shape, dtype)
        if case.check is None:
            ref = case.ref(*(upcast_args(args) if case.upcast else clone_args(args)))
            try:
                expected = case.ref(*clone_args(args))  # the output dtypes torch gives
            except Exception:  # torch has no kernel for this dtype on the CPU
                expected = None
        gems_args = clone_args(args)
        LAUNCHES.count = 0
        try:
            with flag_gems.use_gems():
                res = case.fn(*gems_args)
        except Exception as error:  # noqa: BLE001 -- every failure is an outcome
            return _error_summary(error)
        if LAUNCHES.count == 0:
            return "not overridden", "no Triton kernel ran under use_gems (torch's own kernel answered)"
        try:
            if case.check is not None:
                case.check(res, args, shape, dtype)
            else:
                _compare(res, ref, expected if expected is not None else _map_tensors(ref, lambda t: None), case,
                         shape, dtype)
        except AssertionError as error:
            return "fail", str(error).strip().splitlines()[0][:300]
    return "pass", ""


def load_expected():
    import json
    if not os.path.exists(EXPECTED_PATH):
        return {}
    with open(EXPECTED_PATH) as f:
        return json.load(f)


def case_key(case, dtype):
    return "%s/%s" % (case.name, dtype_name(dtype))


if __name__ == "__main__":
    sys.exit("use run_cases.py or pytest")

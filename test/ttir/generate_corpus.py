#!/usr/bin/env python3
"""Regenerates the TTIR corpus: test/ttir/corpus/<name>.ttir for every kernel
of kernels.py, with stock Triton (build/venv, see requirements.txt) through
exactly the spine_triton plugin's `make_ttir` stage (backend/compiler.py).

    build/venv/bin/python test/ttir/generate_corpus.py          # rewrite corpus/
    build/venv/bin/python test/ttir/generate_corpus.py --check  # exit 1 on drift

The modules are printed with their locations, as Triton's own IR dumps are,
with file names made independent of the checkout: the kernels' file becomes
`test/ttir/kernels.py` and Triton's own sources (inlined library functions)
`triton/...`, so any checkout regenerates byte-identical files.
"""
import argparse
import difflib
import os
import re
import sys
import tempfile
import warnings
from pathlib import Path
from types import SimpleNamespace

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
CORPUS = HERE / "corpus"
sys.path.insert(0, str(HERE.parent))
from plugin_source import import_plugin_source  # noqa: E402

KERNELS_REL = "test/ttir/kernels.py"
# The target the plugin reads in make_ttir (metadata["target"]): a SpacemiT K1.
ARCH_ID = "0x503C"
NUM_THREADS = 1


def import_kernels():
    sys.path.insert(0, str(HERE))
    import kernels
    return kernels


def pinned_triton_version():
    for line in (ROOT / "requirements.txt").read_text().splitlines():
        if line.startswith("triton=="):
            return line.split("==", 1)[1].split()[0]
    raise RuntimeError("requirements.txt pins no triton")


def make_target():
    """GPUTarget("cpu", 0, 0)'s fields plus what the plugin's make_ttir reads
    from metadata["target"]: num_threads, arch_id, force_vector_interleave."""
    from triton.backends.compiler import GPUTarget
    stages = sys.modules["spine_triton.stages"]
    base = GPUTarget("cpu", 0, 0)
    return SimpleNamespace(backend=base.backend, arch=base.arch, warp_size=base.warp_size, num_threads=NUM_THREADS,
                           arch_id=ARCH_ID, force_vector_interleave=stages.DEFAULT_FORCE_VECTOR_INTERLEAVE)


def _normalize_locations(text, kernels_file):
    import triton
    triton_dir = os.path.dirname(os.path.abspath(triton.__file__))
    text = text.replace(f'"{kernels_file}"', f'"{KERNELS_REL}"')
    text = text.replace(f'"{triton_dir}/', '"triton/')
    stray = re.findall(r'loc\("(/[^"]*)"', text)
    if stray:
        raise RuntimeError(f"absolute file names left in locations: {sorted(set(stray))}")
    return text


def generate_one(spec, kernels_file):
    """The TTIR text of one kernel spec."""
    from triton._C.libtriton import ir
    from triton.compiler import ASTSource
    compiler = sys.modules["spine_triton.compiler"]
    target = make_target()
    backend = compiler.SpineTritonBackend(target)
    # A kernel written @triton.jit(debug=True) compiles with debug on, as
    # Triton's JIT does (device_assert is dropped otherwise).
    options = backend.parse_options({"debug": True} if getattr(spec.fn, "debug", None) else {})
    context = ir.context()
    ir.load_dialects(context)
    backend.load_dialects(context)
    src = ASTSource(fn=spec.fn, signature=spec.signature, constexprs=spec.constexprs)
    module = src.make_ir(target, options, backend.get_codegen_implementation(options), backend.get_module_map(),
                         context)
    metadata = {"target": target, **options.__dict__}
    module = backend.make_ttir(module, metadata, options)
    if metadata["name"] != spec.name:
        raise RuntimeError(f"{spec.name}: the module's kernel is {metadata['name']}")
    return _normalize_locations(str(module), kernels_file)


def generate(out_dir, only=None):
    os.environ.setdefault("TRITON_DEFAULT_FP_FUSION", "0")  # silences a warning; TTIR does not depend on it
    warnings.filterwarnings("ignore", category=UserWarning, module="triton")
    import triton
    if triton.__version__ != pinned_triton_version():
        raise SystemExit(f"Triton {triton.__version__} at {os.path.dirname(triton.__file__)}; the corpus is made "
                         f"with requirements.txt's {pinned_triton_version()}: use build/venv/bin/python "
                         f"(scripts/setup.sh makes it)")
    import_plugin_source()
    import spine_triton.compiler  # noqa: F401  (imports Triton)
    import spine_triton.stages  # noqa: F401
    kernels = import_kernels()
    kernels_file = os.path.abspath(kernels.__file__)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for spec in sorted(kernels.SPECS, key=lambda s: s.name):
        if only and spec.name not in only:
            continue
        text = generate_one(spec, kernels_file)
        path = out_dir / f"{spec.name}.ttir"
        path.write_text(text)
        written.append(path.name)
    return written


def check():
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp)
        names = set(generate(fresh))
        committed = {p.name for p in CORPUS.glob("*.ttir")}
        drift = []
        for name in sorted(names | committed):
            if name not in committed:
                drift.append(f"missing from corpus/: {name}")
            elif name not in names:
                drift.append(f"no kernel generates corpus/{name}")
            else:
                old, new = (CORPUS / name).read_text(), (fresh / name).read_text()
                if old != new:
                    diff = difflib.unified_diff(old.splitlines(True), new.splitlines(True),
                                                f"corpus/{name}", f"regenerated/{name}", n=1)
                    drift.append("".join(list(diff)[:40]))
        if drift:
            print("\n".join(drift))
            print(f"TTIR corpus drift in {len(drift)} file(s): run {Path(__file__).relative_to(ROOT)}")
            return 1
        print(f"TTIR corpus up to date: {len(names)} kernels")
        return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="regenerate into a temporary directory and diff against corpus/")
    parser.add_argument("kernels", nargs="*", help="only these kernels (default: all)")
    args = parser.parse_args()
    if args.check:
        return check()
    if not args.kernels:
        for stale in CORPUS.glob("*.ttir"):
            stale.unlink()
    written = generate(CORPUS, set(args.kernels) or None)
    print(f"wrote {len(written)} kernels into {CORPUS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

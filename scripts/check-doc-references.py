#!/usr/bin/env python3
"""Checks that what comments and documents point at exists.

1. Every repository path named in a source file, script or document
   (a word starting with one of the repository's top-level directories,
   e.g. runtime/include/speir/abi.h) exists: from the repository root, or
   from the directory of the file that names it or one of its parents
   (runtime/README.md may say lib/arch/).
2. Nothing points at documents outside the repository (the project's own
   are in docs/).
3. Every environment variable the code reads (getenv, os.environ, os.getenv,
   ${VAR:-...} in shell scripts) is named in docs/.
4. With --spine-opt, every spine/speir pass or pipeline option named
   (--speir-..., --spine-..., --convert-...-speir...) is one spine-opt
   registers.

Prints one line per problem, "file:line: message", and exits 1 if there is
any. Run by the lit suite (test/Tools/doc-references.mlir).

  scripts/check-doc-references.py [--root DIR] [--spine-opt PATH]
"""
import argparse
import os
import re
import subprocess
import sys
from pathlib import Path

TOP_DIRS = ("backend", "bench", "cmake", "docs", "examples", "include", "lib", "runtime", "scripts", "test", "tools",
            ".ci")
SKIP_DIRS = {".git", "third_party", "__pycache__", "dist", "node_modules"}
SCANNED_SUFFIXES = {".md", ".py", ".sh", ".cpp", ".h", ".c", ".cc", ".td", ".txt", ".cmake", ".mlir", ".def", ".in",
                    ".toml", ".cfg", ".json"}
# Inputs and generated corpora: their text is data, not pointers.
SKIP_FILE_DIRS = ("test/ttir/corpus", "test/fuzz/regressions", "test/fuzz/corpus")

PATH_RE = re.compile(r"(?<![\w./$%{-])((?:" + "|".join(re.escape(d) for d in TOP_DIRS) + r")/[\w./+-]*[\w/])")
# Documents that lived outside the repository before docs/ held their facts.
OUTSIDE_DOC_RE = re.compile(r"shared/docs|SPINE-TRITON-CONTRACT|MEASURING\.md|ARCHITECTURE\.md|SPACEMIT-TARGET\.md|"
                            r"PROBED\.md|HOUSE-STYLE\.md|contract doc\b")
ENV_PATTERNS = [
    re.compile(r"getenv\(\s*\"([A-Z][A-Z0-9_]+)\""),
    re.compile(r"os\.environ(?:\.get|\.setdefault|\.pop)?[\[(]\s*[\"']([A-Z][A-Z0-9_]+)[\"']"),
    re.compile(r"environ\.(?:get|setdefault|pop)\(\s*[\"']([A-Z][A-Z0-9_]+)[\"']"),
    re.compile(r"os\.getenv\(\s*[\"']([A-Z][A-Z0-9_]+)[\"']"),
    re.compile(r"_env\(\s*[\"']([A-Z][A-Z0-9_]+)[\"']"),
]
SHELL_ENV_RE = re.compile(r"\$\{([A-Z][A-Z0-9_]+):[-=]")
# Variables every POSIX program may read, and ones a script only sets for a
# tool it runs: not this project's interface.
ENV_NOT_OURS = {"PATH", "HOME", "TMPDIR", "PWD", "USER", "LD_LIBRARY_PATH", "PYTHONPATH", "ASAN_OPTIONS",
                "UBSAN_OPTIONS", "TSAN_OPTIONS", "FLAGGEMS_CACHE_DIR", "TRITON_CACHE_DIR", "TRITON_DEFAULT_BACKEND"}
OPTION_RE = re.compile(r"(?<![\w-])--?((?:speir|spine)-[a-z0-9-]*[a-z0-9]|convert-[a-z0-9-]*speir[a-z0-9-]*)")
# Command-line flags of our scripts that look like pass names.
OPTIONS_NOT_PASSES = {"spine-opt"}


def scanned_files(root: Path):
    for dirpath, dirnames, filenames in os.walk(root):
        rel_dir = Path(dirpath).relative_to(root).as_posix()
        dirnames[:] = sorted(d for d in dirnames
                             if d not in SKIP_DIRS and not d.startswith("build") and not d.endswith(".egg-info"))
        if rel_dir != "." and any(rel_dir == s or rel_dir.startswith(s + "/") for s in SKIP_FILE_DIRS):
            dirnames[:] = []
            continue
        for name in sorted(filenames):
            path = Path(dirpath) / name
            if path.suffix in SCANNED_SUFFIXES or name in ("CMakeLists.txt", "MANIFEST.in") or (
                    not path.suffix and os.access(path, os.X_OK)):
                yield path


# Names of build outputs and of install or wheel layouts, not of sources.
NOT_SOURCE_RE = re.compile(r"\.(so(\.\d+)*|a|o)$|^lib/cmake/")


def path_exists(root: Path, source: Path, token: str) -> bool:
    """token names a file or directory from the root, or from source's
    directory or one of its parents. A name without its suffix stands for
    the file with one (test/threading/TeamSoakTest, the executable built
    from TeamSoakTest.cpp; lib/threading/ThreadTeam.*)."""
    token = token.split("#", 1)[0].rstrip(".")
    if not token or NOT_SOURCE_RE.search(token):
        return True
    base = source.parent
    while True:
        candidate = base / token
        if candidate.exists() or (candidate.parent.is_dir() and any(candidate.parent.glob(candidate.name + ".*"))):
            return True
        if base == root:
            return False
        base = base.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", default=Path(__file__).resolve().parents[1], type=Path)
    parser.add_argument("--spine-opt", help="spine-opt binary whose --help lists the passes")
    args = parser.parse_args()
    root = args.root.resolve()
    this = Path(__file__).resolve()

    registered = None
    if args.spine_opt:
        help_text = subprocess.run([args.spine_opt, "--help"], capture_output=True, text=True, check=True).stdout
        registered = set(re.findall(r"--([a-z0-9-]+)", help_text))

    problems = []
    env_read = {}
    docs_text = ""
    for doc in sorted((root / "docs").glob("*.md")):
        docs_text += doc.read_text(errors="replace")

    for path in scanned_files(root):
        if path.resolve() == this:
            continue
        try:
            text = path.read_text()
        except (UnicodeDecodeError, OSError):
            continue
        rel = path.relative_to(root).as_posix()
        is_doc = path.suffix == ".md"
        for number, line in enumerate(text.splitlines(), 1):
            for match in PATH_RE.finditer(line):
                token = match.group(1)
                if "..." in token:
                    continue
                before, after = line[match.start() - 1:match.start()], line[match.end():match.end() + 1]
                if path.suffix == ".py" and before in "\"'" and before and after == before:
                    continue  # a string in Python code: data (a wheel's file list), not a pointer
                if not path_exists(root, path, token):
                    problems.append("%s:%d: names %s, which does not exist" % (rel, number, token))
            match = OUTSIDE_DOC_RE.search(line)
            if match:
                problems.append("%s:%d: points at a document outside the repository (%s); point into docs/" %
                                (rel, number, match.group(0)))
            if not is_doc:
                for pattern in ENV_PATTERNS:
                    for name in pattern.findall(line):
                        env_read.setdefault(name, "%s:%d" % (rel, number))
                if path.suffix == ".sh" or not path.suffix:
                    for name in SHELL_ENV_RE.findall(line):
                        env_read.setdefault(name, "%s:%d" % (rel, number))
            if registered is not None:
                for option in OPTION_RE.findall(line):
                    if option not in registered and option not in OPTIONS_NOT_PASSES:
                        problems.append("%s:%d: names --%s, which spine-opt does not register" %
                                        (rel, number, option))

    for name, where in sorted(env_read.items()):
        if name in ENV_NOT_OURS or re.fullmatch(r"[0-9]+", name):
            continue
        if not re.search(r"\b%s\b" % re.escape(name), docs_text):
            problems.append("%s: reads %s, which docs/ does not document" % (where, name))

    for problem in problems:
        print(problem)
    print("%d problem(s)" % len(problems))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

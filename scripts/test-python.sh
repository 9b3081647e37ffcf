#!/usr/bin/env bash
# The spine_triton plugin's suites; one line each:
#   SUITE <name>: <P> passed, <F> failed, <S> skipped, <X> xfail
#   riscv64-triton-runtime  scripts/build_triton_spacemit_backend_riscv64.sh with Debian's
#                           toolchain: runtime + libSpineTritonRuntime for riscv64, their
#                           SpineTriton GoogleTests under qemu, installed into
#                           build/riscv64/runtime/Release/installed (the runtime's own
#                           suites run in scripts/test-runtime.sh)
#   pytest                  test/python with /usr/bin/python3: core table, stages, launcher,
#                           kernels run on the host, Triton interfaces, the host wheel in a
#                           fresh venv, the cross-compiled kernel under qemu
#   wheel-riscv64           the linux-riscv64 wheel from that install prefix
# Needs scripts/setup.sh's build/ (spine-opt). The host runtime libraries are built
# into build/triton-runtime-host. Exits non-zero on any failure. JOBS (default 2).
set -uo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD_DIR=${BUILD_DIR:-$ROOT/build}
LOG_DIR=$BUILD_DIR/test-logs/python
JOBS=${JOBS:-2}
export JOBS BUILD_DIR
mkdir -p "$LOG_DIR"
failed_any=0
# shellcheck source=suite-counts.sh
. "$ROOT/scripts/suite-counts.sh"

suite() { # name passed failed [skipped] [xfail]
  suite_line "$@"
  [ "$3" -eq 0 ] || failed_any=1
}

# Our own host build of the runtime: always current, never another suite's tree.
host_runtime_dirs() {
  local dir=$BUILD_DIR/triton-runtime-host
  cmake -G Ninja -S "$ROOT/runtime" -B "$dir" -DCMAKE_BUILD_TYPE=Release \
    -DSPINE_RUNTIME_BUILD_BENCHMARKS=OFF -DSPINE_RUNTIME_USE_MIMALLOC=OFF >"$LOG_DIR/host-runtime.build.log" 2>&1 &&
    cmake --build "$dir" --target SpineTritonRuntime -j "$JOBS" >>"$LOG_DIR/host-runtime.build.log" 2>&1 ||
    return 1
  echo "$dir/triton:$dir"
}

# riscv64: the cross-build script, its SpineTriton tests under qemu, an install prefix.
RISCV64_PREFIX=$ROOT/build/riscv64/runtime/Release/installed
log=$LOG_DIR/riscv64.log
if SPINE_CTEST_ARGS="-R SpineTriton" "$ROOT/scripts/build_triton_spacemit_backend_riscv64.sh" "" runtime Release \
     install -DTRITON_SPACEMIT_BACKEND_ENABLE_RUNTIME_TESTS=ON >"$log" 2>&1; then
  counts=$(ctest_counts "$log")
  if [ -n "$counts" ]; then
    read -r passed failed skipped xfail <<<"$counts"
    suite riscv64-triton-runtime "$passed" "$failed" "$skipped" "$xfail"
  else
    suite riscv64-triton-runtime 0 1
    tail -20 "$log" >&2
  fi
else
  grep -E '[0-9]+% tests passed' "$log" >&2
  tail -30 "$log" >&2
  suite riscv64-triton-runtime 0 1
fi

# pytest on the host.
if runtime_dirs=$(host_runtime_dirs); then
  log=$LOG_DIR/pytest.log
  SPINE_TRITON_RUNTIME_DIR=$runtime_dirs SPINE_TRITON_RISCV64_PREFIX=$RISCV64_PREFIX \
    /usr/bin/python3 -m pytest -q -p no:cacheprovider "$ROOT/test/python" >"$log" 2>&1
  status=$?
  last=$(tail -1 "$log")
  read -r passed failed skipped xfail < <(pytest_counts "$log")
  if [ "$status" -ne 0 ]; then
    grep -E '^(FAILED|ERROR)' "$log" >&2 || tail -30 "$log" >&2
    [ "$failed" -eq 0 ] && failed=1
  fi
  echo "  ($last)"
  suite pytest "$passed" "$failed" "$skipped" "$xfail"
else
  tail -20 "$LOG_DIR/host-runtime.build.log" >&2
  suite pytest 0 1
fi

# The linux-riscv64 wheel from the riscv64 install prefix: no riscv64 spine-opt
# or LLVM here, so it carries the runtimes, the plugin and the core table.
log=$LOG_DIR/wheel-riscv64.log
dist=$(mktemp -d)
if WHEEL_DIST_DIR=$dist "$ROOT/scripts/build_triton_spacemit_backend_wheel.sh" "$RISCV64_PREFIX" linux-riscv64 "" \
     >"$log" 2>&1 &&
   /usr/bin/python3 - "$dist" >>"$log" 2>&1 <<'PY'
import glob, sys, zipfile
(wheel,) = glob.glob(sys.argv[1] + "/triton_spacemit_backend-*-py3-none-linux_riscv64.whl")
names = set(zipfile.ZipFile(wheel).namelist())
package = "triton/backends/spine_triton/"
for required in ("__init__.py", "compiler.py", "driver.py", "SpacemitCores.def", "lib/libSpeIRRuntimeLibs.so",
                 "lib/libSpeIRRuntimeLibs.so.0", "_C/libSpineTritonRuntime.so"):
    assert package + required in names, required
for name in ("lib/libSpeIRRuntimeLibs.so", "_C/libSpineTritonRuntime.so"):
    header = zipfile.ZipFile(wheel).read(package + name)[:20]
    assert int.from_bytes(header[18:20], "little") == 243, name + " is not riscv64"
print("riscv64 wheel ok:", wheel)
PY
then
  suite wheel-riscv64 1 0
else
  tail -20 "$log" >&2
  suite wheel-riscv64 0 1
fi
rm -rf "$dist"

exit "$failed_any"

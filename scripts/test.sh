#!/usr/bin/env bash
# One test entry: builds when needed, runs every suite, and ends with one
# summary line "N passed, N failed, N skipped, N xfail" (each suite's line
# too: skipped and expected failures as the suite's runner reports them,
# scripts/suite-counts.sh). Exit status is non-zero on any failure.
#
#   lit     compiler regression tests (test/)
#   e2e     linalgdir kernels through both pipelines, run on the host and on
#           riscv64 under qemu at VLEN 256 and 128, checked against numpy
#   runtime GoogleTest suites through CTest: host, ThreadSanitizer, and
#           riscv64 under qemu at VLEN 256 and 128 (scripts/test-runtime.sh)
#   python  the spine_triton plugin's pytest suite (scripts/test-python.sh)
#   fuzz    mutation fuzzer over the e2e/lit/TTIR inputs (test/fuzz/fuzz.py):
#           replays test/fuzz/regressions, then a fixed-seed campaign: no
#           signal, no exit 70, no hang, fast/ref pipelines agree
#   random-shapes  seeded random-shape kernels (test/random_shapes/run.py,
#           seed rotates daily) through the fast pipeline on the host and
#           under qemu at VLEN 256/128 (int8 also on the emulated K1); again
#           with vector-length-agnostic=1 on the riscv64 targets (random-vla)
#   sanitizers  the runtime's GoogleTests and the host e2e kernels under
#           ASan + UBSan (scripts/test-sanitizers.sh)
#   asan    spine-opt built with ASan + UBSan runs the lit suite and
#           compiles every e2e and TTIR corpus kernel (both pipelines)
#           (scripts/asan-spine-opt.sh)
#   ttir    the TTIR corpus (test/ttir/) with build/venv's pinned Triton:
#           corpus/ is what generate_corpus.py makes (ttir-corpus), and Triton's
#           interpreter agrees with test/e2e/ttir_cases.py (ttir-interpreter)
#   triton  the plugin under build/venv's stock Triton (test/triton/): discovery,
#           tutorial kernels vs torch, launches, cache, errors, prints/asserts,
#           the contract's env vars, kernels cross-compiled for riscv64 under qemu
#   flaggems FlagGems' operators (build/venv's pinned flag-gems) under use_gems()
#           against torch eager, outcomes as test/flaggems/expected.json records
set -uo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD_DIR=${BUILD_DIR:-$ROOT/build}
LOG_DIR="$BUILD_DIR/test-logs"
# shellcheck source=suite-counts.sh
. "$ROOT/scripts/suite-counts.sh"

"$ROOT/scripts/setup.sh" || { echo "0 passed, 1 failed, 0 skipped, 0 xfail"; exit 1; }
mkdir -p "$LOG_DIR"

total_passed=0
total_failed=0
total_skipped=0
total_xfail=0
add_counts() { # suite passed failed [skipped] [xfail]
  suite_line "$@"
  total_passed=$((total_passed + $2))
  total_failed=$((total_failed + $3))
  total_skipped=$((total_skipped + ${4:-0}))
  total_xfail=$((total_xfail + ${5:-0}))
}

run_lit() {
  local log="$LOG_DIR/lit.log" passed failed skipped xfail
  "$(command -v lit || echo /usr/lib/llvm-22/bin/lit)" -sv "$BUILD_DIR/test" >"$log" 2>&1
  local status=$?
  read -r passed failed skipped xfail < <(lit_counts "$log")
  if [ "$status" -ne 0 ]; then
    grep -E "^(FAIL|UNRESOLVED|TIMEOUT|XPASS):" "$log" || tail -20 "$log"
    [ "$failed" -eq 0 ] && failed=1
  fi
  add_counts lit "$passed" "$failed" "$skipped" "$xfail"
}

# Runs a script that prints "SUITE <name>: P passed, F failed[, S skipped, X xfail]"
# lines and adds them up; a script that fails without reporting a failure
# counts as one.
run_suites() { # prefix script [arguments...]
  local prefix=$1 script=$2 log="$LOG_DIR/$1.log" line status failed_before=$total_failed
  shift 2
  [ -x "$script" ] || return 0
  "$script" "$@" >"$log" 2>&1
  status=$?
  while IFS= read -r line; do
    if [[ $line =~ ^SUITE\ ([^:]+):\ ([0-9]+)\ passed,\ ([0-9]+)\ failed(,\ ([0-9]+)\ skipped)?(,\ ([0-9]+)\ xfail)? ]]; then
      add_counts "$prefix-${BASH_REMATCH[1]}" "${BASH_REMATCH[2]}" "${BASH_REMATCH[3]}" "${BASH_REMATCH[5]:-0}" \
        "${BASH_REMATCH[7]:-0}"
    fi
  done <"$log"
  if [ "$status" -ne 0 ]; then
    tail -30 "$log"
    [ "$total_failed" -eq "$failed_before" ] && add_counts "$prefix" 0 1
  fi
  return 0
}

# pytest suite: counts from its summary line ("3 passed, 1 failed, 2 skipped in 2s").
# parallel: spread over the cores (pytest_parallel) when its tests are independent.
run_pytest() { # name directory [python] [parallel]
  local log="$LOG_DIR/$1.log" py=${3:-/usr/bin/python3} passed failed skipped xfail jobs=""
  [ "${4:-}" = parallel ] && jobs=$(pytest_parallel "$py")
  # shellcheck disable=SC2086 # $jobs is "" or "-n N"
  "$py" -m pytest -q -p no:cacheprovider $jobs "$ROOT/$2" >"$log" 2>&1
  local status=$?
  read -r passed failed skipped xfail < <(pytest_counts "$log")
  if [ "$status" -ne 0 ]; then
    grep -E "^(FAILED|ERROR)" "$log" | head -40 || tail -30 "$log"
    [ "$failed" -eq 0 ] && failed=1
  fi
  add_counts "$1" "$passed" "$failed" "$skipped" "$xfail"
}

# Both fail (visibly) without build/venv, which setup.sh skips without a Python 3.11.
run_ttir() {
  local py=$BUILD_DIR/venv/bin/python log=$LOG_DIR/ttir-corpus.log passed failed
  if [ ! -f "$BUILD_DIR/venv/.requirements.sha256" ] || ! "$py" -c '' 2>/dev/null; then
    echo "ttir: no $BUILD_DIR/venv (scripts/setup.sh skipped it: see its WARNING); TTIR corpus not checked"
    add_counts ttir-corpus 0 1
    add_counts ttir-interpreter 0 1
    return 0
  fi
  if "$py" "$ROOT/test/ttir/generate_corpus.py" --check >"$log" 2>&1; then
    add_counts ttir-corpus 1 0
  else
    tail -30 "$log"
    add_counts ttir-corpus 0 1
  fi
  log=$LOG_DIR/ttir-interpreter.log
  "$py" "$ROOT/test/ttir/check_cases_with_interpreter.py" >"$log" 2>&1
  local status=$?
  passed=$(sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\1/p' "$log" | tail -1)
  failed=$(sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\2/p' "$log" | tail -1)
  passed=${passed:-0}; failed=${failed:-0}
  if [ "$status" -ne 0 ]; then
    grep -E "^FAIL" "$log" | head -40 || tail -30 "$log"
    [ "$failed" -eq 0 ] && failed=1
  fi
  add_counts ttir-interpreter "$passed" "$failed"
}

# build/venv's Python with the plugin installed (editable) for suite $1: true
# when ready; otherwise the suite is counted as one failure, saying why
# (setup.sh skips the venv without a Python 3.11).
venv_with_plugin() { # suite
  local py=$BUILD_DIR/venv/bin/python log=$LOG_DIR/$1-setup.log
  if [ ! -f "$BUILD_DIR/venv/.requirements.sha256" ] || ! "$py" -c '' 2>/dev/null; then
    echo "$1: no $BUILD_DIR/venv (scripts/setup.sh skipped it: see its WARNING); test/$1 not run"
    add_counts "$1" 0 1
    return 1
  fi
  if ! "$ROOT/scripts/install-plugin-dev.sh" "$py" >"$log" 2>&1; then
    tail -20 "$log"
    add_counts "$1" 0 1
    return 1
  fi
}

# test/triton with build/venv's Python. Needs the riscv64 runtime prefix the
# python suites build (made here if not).
run_triton() {
  local py=$BUILD_DIR/venv/bin/python log=$LOG_DIR/triton-setup.log
  local prefix=$BUILD_DIR/riscv64/runtime/Release/installed
  venv_with_plugin triton || return 0
  if [ ! -f "$prefix/lib/libSpineTritonRuntime.so" ]; then
    "$ROOT/scripts/build_triton_spacemit_backend_riscv64.sh" "" runtime Release install >>"$log" 2>&1 ||
      tail -20 "$log"
  fi
  BUILD_DIR=$BUILD_DIR SPINE_TRITON_RISCV64_PREFIX=$prefix run_pytest triton test/triton "$py"
}

# test/flaggems with build/venv's Python (FlagGems, torch and transformers pinned
# in requirements.txt): FlagGems' operators under use_gems() against torch
# eager, each case's outcome as expected.json records it, and the model test.
run_flaggems() {
  venv_with_plugin flaggems || return 0
  BUILD_DIR=$BUILD_DIR run_pytest flaggems test/flaggems "$BUILD_DIR/venv/bin/python" parallel
}

run_lit
run_ttir
# The runtime suites build build/runtime-riscv64, which the e2e suite links.
run_suites runtime "$ROOT/scripts/test-runtime.sh"
run_pytest e2e test/e2e /usr/bin/python3 parallel
run_suites fuzz "$ROOT/test/fuzz/fuzz.py"
run_suites random "$ROOT/test/random_shapes/run.py"
run_suites random-vla "$ROOT/test/random_shapes/run.py" --pipeline vla
run_suites sanitizers "$ROOT/scripts/test-sanitizers.sh"
run_suites asan "$ROOT/scripts/asan-spine-opt.sh"
run_suites python "$ROOT/scripts/test-python.sh"
run_triton
run_flaggems

echo "$total_passed passed, $total_failed failed, $total_skipped skipped, $total_xfail xfail"
[ "$total_failed" -eq 0 ]

#!/usr/bin/env bash
# Opt-in (not part of scripts/test.sh): builds spine-opt and spine-compile with
# AddressSanitizer + UndefinedBehaviorSanitizer in their own build directory
# and runs the lit suite with them; with --fuzz, also a fuzz campaign
# (test/fuzz/fuzz.py) with the sanitized spine-opt.
#
#   scripts/asan-spine-opt.sh                  # build + lit
#   scripts/asan-spine-opt.sh --fuzz 30        # build + lit + 30 minutes of fuzzing
#
# A full compile of the compiler: about 10 minutes on 2 cores (JOBS=2). Only
# our code is instrumented (LLVM/MLIR come from the system's shared libraries).
# ASAN_BUILD_DIR (default build-asan) is the build directory. Prints
# "SUITE lit-asan: P passed, F failed" (and "SUITE fuzz-*" lines with --fuzz).
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIR="${ASAN_BUILD_DIR:-${ROOT}/build-asan}"
JOBS="${JOBS:-2}"
FUZZ_MINUTES=""
[[ "${1:-}" == "--fuzz" ]] && FUZZ_MINUTES="${2:-30}"
MLIR_DIR="${MLIR_DIR:-/usr/lib/llvm-22/lib/cmake/mlir}"

flags="-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer"
# spine-opt turns faults into "internal error" (exit 70) with its own signal
# handlers; ASan must leave SEGV and friends to them (the test/Driver tests
# fault in upstream, uninstrumented parsers on purpose). MLIR keeps some
# allocations until exit: no leak checking. The lit e2e test links the
# (instrumented) runtime into an uninstrumented harness: no link-order check.
# spine-compile finds backend/ from its own directory: keep ASAN_BUILD_DIR
# inside the checkout (or put a backend symlink next to its bin/).
export ASAN_OPTIONS="detect_leaks=0:verify_asan_link_order=0:handle_segv=0:handle_sigbus=0:handle_sigfpe=0:handle_sigill=0:handle_abort=0"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"

log="${DIR}.build.log"
mkdir -p "${DIR}"
if ! { cmake -S "${ROOT}" -B "${DIR}" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
         -DMLIR_DIR="${MLIR_DIR}" \
         -DCMAKE_C_FLAGS="${flags}" -DCMAKE_CXX_FLAGS="${flags}" \
         -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined" \
         -DCMAKE_SHARED_LINKER_FLAGS="-fsanitize=address,undefined" >"${log}" 2>&1 &&
       cmake --build "${DIR}" -j "${JOBS}" >>"${log}" 2>&1; }; then
  tail -30 "${log}"
  echo "SUITE lit-asan: 0 passed, 1 failed"
  exit 1
fi

lit="$(command -v lit || echo /usr/lib/llvm-22/bin/lit)"
llog="${DIR}/lit.log"
"${lit}" -sv "${DIR}/test" >"${llog}" 2>&1
status=$?
# shellcheck source=suite-counts.sh
. "${ROOT}/scripts/suite-counts.sh"
read -r passed failed skipped xfail < <(lit_counts "${llog}")
if [[ "${status}" -ne 0 ]]; then
  grep -E "^(FAIL|UNRESOLVED|TIMEOUT):|ERROR: AddressSanitizer|runtime error:" "${llog}" | head -40
  [[ "${failed}" -eq 0 ]] && failed=1
fi
suite_line lit-asan "${passed}" "${failed}" "${skipped}" "${xfail}"

if [[ -n "${FUZZ_MINUTES}" ]]; then
  /usr/bin/python3 "${ROOT}/test/fuzz/fuzz.py" --spine-opt "${DIR}/bin/spine-opt" \
    --minutes "${FUZZ_MINUTES}" --seed "${SPINE_FUZZ_SEED:-$RANDOM}" --timeout 120 --mem-limit-mb 0 \
    --out "${DIR}/fuzz-findings" || status=1
fi
exit "${status}"

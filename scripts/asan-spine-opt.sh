#!/usr/bin/env bash
# Builds spine-opt (and the runtime the lit e2e test links) with
# AddressSanitizer + UndefinedBehaviorSanitizer in their own build directory
# and runs the lit suite with them, then compiles every e2e and TTIR corpus
# kernel through both pipelines with them (scripts/test.sh's asan-lit and
# asan-kernels suites); with
# --fuzz, also a fuzz campaign (test/fuzz/fuzz.py) with the sanitized spine-opt.
#
#   scripts/asan-spine-opt.sh                  # build + lit + kernels
#   scripts/asan-spine-opt.sh --fuzz 30        # build + lit + 30 minutes of fuzzing
#
# A full compile of the compiler at -O1 with -g1 (line tables) (enough for
# symbolized reports, and much quicker than -O2 -g). Only
# our code is instrumented (LLVM/MLIR come from the system's shared libraries).
# ASAN_BUILD_DIR (default build/spine-opt-asan) is the build directory. Prints
# "SUITE lit: ..." and "SUITE kernels: ..." (and "SUITE fuzz-*" with --fuzz).
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIR="${ASAN_BUILD_DIR:-${BUILD_DIR:-${ROOT}/build}/spine-opt-asan}"
JOBS="${JOBS:-2}"
FUZZ_MINUTES=""
[[ "${1:-}" == "--fuzz" ]] && FUZZ_MINUTES="${2:-30}"
MLIR_DIR="${MLIR_DIR:-/usr/lib/llvm-22/lib/cmake/mlir}"

flags="-O1 -g1 -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer"
# spine-opt turns faults into "internal error" (exit 70) with its own signal
# handlers; ASan must leave SEGV and friends to them (the test/Driver tests
# fault in upstream, uninstrumented parsers on purpose). MLIR keeps some
# allocations until exit: no leak checking. The lit e2e test links the
# (instrumented) runtime into an uninstrumented harness: no link-order check.
# spine-compile finds backend/ from its own directory: keep ASAN_BUILD_DIR
# inside the checkout (or put a backend symlink next to its bin/).
# allow_user_poisoning=0: LLVM's headers poison the unused part of every
# BumpPtrAllocator slab when the including code is built with ASan, but the
# system's libMLIR is not, and hands out memory from the same slabs without
# unpoisoning it: false "use-after-poison" reports (MLIR's StringAttr
# storage in speir-attach-target, for one). Only that manual poisoning is
# switched off; heap, stack and global checks stay.
export ASAN_OPTIONS="detect_leaks=0:verify_asan_link_order=0:handle_segv=0:handle_sigbus=0:handle_sigfpe=0:handle_sigill=0:handle_abort=0:allow_user_poisoning=0"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"

log="${DIR}.build.log"
mkdir -p "${DIR}"
if ! { cmake -S "${ROOT}" -B "${DIR}" -G Ninja -DCMAKE_BUILD_TYPE=None \
         -DMLIR_DIR="${MLIR_DIR}" \
         -DCMAKE_C_FLAGS="${flags}" -DCMAKE_CXX_FLAGS="${flags}" \
         -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined" \
         -DCMAKE_SHARED_LINKER_FLAGS="-fsanitize=address,undefined" >"${log}" 2>&1 &&
       cmake --build "${DIR}" -j "${JOBS}" --target spine-opt SpeIRRuntimeLibs >>"${log}" 2>&1; }; then
  tail -30 "${log}"
  echo "SUITE lit: 0 passed, 1 failed"
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
suite_line lit "${passed}" "${failed}" "${skipped}" "${xfail}"

# Every e2e kernel and TTIR corpus kernel through both pipelines with the
# sanitized spine-opt, JOBS at a time: any ASan or UBSan report (or a crash)
# fails the kernel. Each compile writes its own result file (PASS, or FAIL
# with the first lines of its output), gathered in a fixed order after.
klog="${DIR}/kernels.log"
results="${DIR}/kernel-results"
rm -rf "${results}"
mkdir -p "${results}"
check_kernel() { # index kernel pipeline
  local out rc
  out="$("${DIR}/bin/spine-opt" "$2" "$3" -o /dev/null 2>&1)"
  rc=$?
  if [[ ${rc} -gt 1 ]] || grep -qE "ERROR: AddressSanitizer|runtime error:" <<<"${out}"; then
    { echo "FAIL (exit ${rc}): $2 $3"; echo "${out}" | head -40; } >"${results}/$1"
  else
    echo PASS >"${results}/$1"
  fi
}
export -f check_kernel
export DIR results
compiles=()
for kernel in "${ROOT}"/test/e2e/kernels/*.mlir "${ROOT}"/test/ttir/corpus/*.ttir; do
  for pipeline in --spine-triton-e2e-pipeline=enable-always-tls=1 --spine-triton-e2e-ref-pipeline; do
    compiles+=("$(printf '%06d' "${#compiles[@]}")" "${kernel}" "${pipeline}")
  done
done
printf '%s\0' "${compiles[@]}" | xargs -0 -n 3 -P "${JOBS}" bash -c 'check_kernel "$@"' check_kernel
kpassed=$(grep -lx PASS "${results}"/* 2>/dev/null | wc -l)
kfailed=$((${#compiles[@]} / 3 - kpassed))
cat /dev/null $(grep -Lx PASS "${results}"/* 2>/dev/null) >"${klog}"
if [[ ${kfailed} -ne 0 ]]; then
  grep -E "^FAIL" "${klog}" | head -20
  status=1
fi
suite_line kernels "${kpassed}" "${kfailed}" 0 0

if [[ -n "${FUZZ_MINUTES}" ]]; then
  /usr/bin/python3 "${ROOT}/test/fuzz/fuzz.py" --spine-opt "${DIR}/bin/spine-opt" \
    --minutes "${FUZZ_MINUTES}" --seed "${SPINE_FUZZ_SEED:-$RANDOM}" --timeout 120 --mem-limit-mb 0 \
    --out "${DIR}/fuzz-findings" || status=1
fi
exit "${status}"

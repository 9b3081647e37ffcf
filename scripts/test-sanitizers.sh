#!/usr/bin/env bash
# AddressSanitizer + UndefinedBehaviorSanitizer runs on the host (issue 16).
# Prints one line per suite:  SUITE <name>: <P> passed, <F> failed, <S> skipped, <X> xfail
#   runtime  libSpeIRRuntimeLibs and its GoogleTest suites built with
#            -fsanitize=address,undefined (any UB report is fatal:
#            -fno-sanitize-recover), run through CTest
#   e2e      the e2e kernels (test/e2e/test_kernels.py, host target, both
#            pipelines) linked against that runtime, their harness built with
#            the same sanitizers, and the kernels' own code compiled by clang
#            with AddressSanitizer (SPINE_E2E_ASAN_KERNELS: every generated
#            load and store is checked against the harness's buffers).
# (sanitizers-runtime and sanitizers-e2e in scripts/test.sh)
# The ASan build of spine-opt and its lit run: scripts/asan-spine-opt.sh.
# SAN_BUILD_DIR (default build/runtime-asan-ubsan) holds the runtime build.
# JOBS (default 2) bounds parallel compiles and tests.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="${BUILD_DIR:-${ROOT}/build}"
SAN="${SAN_BUILD_DIR:-${BUILD}/runtime-asan-ubsan}"
JOBS="${JOBS:-2}"
LOGS="${BUILD}/test-logs"
mkdir -p "${LOGS}"
failed_any=0
# shellcheck source=suite-counts.sh
. "${ROOT}/scripts/suite-counts.sh"

flags="-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer -g"
# detect_leaks: the runtime's thread pool and arenas live until exit on purpose,
# so LeakSanitizer stays off; every other ASan/UBSan report fails the run.
export ASAN_OPTIONS="detect_leaks=0:abort_on_error=0:halt_on_error=1:detect_stack_use_after_return=1"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"

log="${LOGS}/runtime-asan-ubsan.build.log"
if cmake -S "${ROOT}/runtime" -B "${SAN}" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
     -DTRITON_SPACEMIT_BACKEND_ENABLE_RUNTIME_TESTS=ON \
     -DCMAKE_C_FLAGS="${flags}" -DCMAKE_CXX_FLAGS="${flags}" \
     -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined" \
     -DCMAKE_SHARED_LINKER_FLAGS="-fsanitize=address,undefined" \
     -DSPINE_RUNTIME_USE_MIMALLOC=OFF -DSPINE_RUNTIME_BUILD_BENCHMARKS=OFF >"${log}" 2>&1 &&
   cmake --build "${SAN}" -j "${JOBS}" >>"${log}" 2>&1; then
  clog="${LOGS}/runtime-asan-ubsan.ctest.log"
  status=0
  (cd "${SAN}" && ctest -j "${JOBS}" --timeout 900 --output-on-failure) >"${clog}" 2>&1 || status=$?
  counts="$(ctest_counts "${clog}")"
  if [[ -z "${counts}" ]]; then
    echo "SUITE runtime: 0 passed, 1 failed"
    echo "  (ctest produced no summary; see ${clog})" >&2
    failed_any=1
  else
    read -r passed failed skipped xfail <<<"${counts}"
    suite_line runtime "${passed}" "${failed}" "${skipped}" "${xfail}"
    if [[ "${failed}" != 0 || "${status}" != 0 ]]; then
      grep -E '^\s+[0-9]+ - |ERROR: AddressSanitizer|runtime error:' "${clog}" | head -40 >&2 || true
      failed_any=1
    fi
  fi
else
  echo "SUITE runtime: 0 passed, 1 failed"
  tail -20 "${log}" >&2
  echo "SUITE e2e: 0 passed, 1 failed"
  exit 1
fi

# The e2e kernels on the host, against the sanitized runtime. Their output
# goes to a separate work directory so the plain e2e results stay.
plog="${LOGS}/e2e-asan-ubsan.log"
SPINE_RUNTIME_HOST_DIR="${SAN}" \
SPINE_E2E_HOST_CXXFLAGS="${flags}" SPINE_E2E_ASAN_KERNELS=1 \
SPINE_E2E_WORK="${BUILD}/test/e2e-work-asan-ubsan" \
  /usr/bin/python3 -m pytest -q -p no:cacheprovider $(pytest_parallel /usr/bin/python3) \
  "${ROOT}/test/e2e/test_kernels.py" -k "host" \
  >"${plog}" 2>&1
status=$?
read -r passed failed skipped xfail < <(pytest_counts "${plog}")
if [[ "${status}" -ne 0 ]]; then
  grep -E "^(FAILED|ERROR)|ERROR: AddressSanitizer|runtime error:" "${plog}" | head -40 >&2 || tail -30 "${plog}" >&2
  [[ "${failed}" -eq 0 ]] && failed=1
  failed_any=1
fi
suite_line e2e "${passed}" "${failed}" "${skipped}" "${xfail}"
exit "${failed_any}"

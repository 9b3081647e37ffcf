#!/usr/bin/env bash
# Builds libSpeIRRuntimeLibs and its GoogleTest suites, runs them, and prints
# one line per suite:  SUITE <name>: <P> passed, <F> failed, <S> skipped, 0 xfail
#   host             x86-64 Release
#   host-tsan        x86-64 with ThreadSanitizer (g++ 12)
#   riscv64-vlen256  riscv64 (clang-22 cross) under qemu-riscv64 at VLEN 256
#   riscv64-vlen128  the same binaries under qemu at VLEN 128
# Exits non-zero if any build or test failed. Build dirs: build/runtime-*.
# JOBS (default 2) bounds parallel compiles and tests: the machine is shared.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="${ROOT}/build"
JOBS="${JOBS:-2}"
LOGS="${BUILD}/runtime-logs"
mkdir -p "${LOGS}"
failed_any=0
# shellcheck source=suite-counts.sh
. "${ROOT}/scripts/suite-counts.sh"

# configure_and_build <dir> <cmake args...>; logs to ${LOGS}/<dir>.build.log
configure_and_build() {
  local dir="$1"
  shift
  local log="${LOGS}/${dir}.build.log"
  cmake -S "${ROOT}/runtime" -B "${BUILD}/${dir}" -G Ninja \
    -DTRITON_SPACEMIT_BACKEND_ENABLE_RUNTIME_TESTS=ON "$@" >"${log}" 2>&1 &&
    cmake --build "${BUILD}/${dir}" -j "${JOBS}" >>"${log}" 2>&1
}

# run_suite <name> <dir> [env assignments...]: runs ctest, prints SUITE line.
run_suite() {
  local name="$1" dir="$2"
  shift 2
  local log="${LOGS}/${name}.ctest.log"
  local status=0
  (cd "${BUILD}/${dir}" && env "$@" ctest -j "${JOBS}" --timeout 600 --output-on-failure) \
    >"${log}" 2>&1 || status=$?
  local counts passed failed skipped xfail
  counts="$(ctest_counts "${log}")"
  if [[ -z "${counts}" ]]; then
    if grep -q 'No tests were found' "${log}"; then
      echo "SUITE ${name}: 0 passed, 0 failed"
      return 0
    fi
    echo "SUITE ${name}: 0 passed, 1 failed"
    echo "  (ctest produced no summary; see ${log})" >&2
    failed_any=1
    return 0
  fi
  read -r passed failed skipped xfail <<<"${counts}"
  suite_line "${name}" "${passed}" "${failed}" "${skipped}" "${xfail}"
  if [[ "${failed}" != 0 || "${status}" != 0 ]]; then
    grep -E '^\s+[0-9]+ - ' "${log}" | grep -vE '\((Skipped|Disabled)\)$' | sed 's/^/  failed: /' >&2 || true
    failed_any=1
  fi
}

build_failed() {
  echo "SUITE $1: 0 passed, 1 failed"
  echo "  (build failed; see ${LOGS}/$2.build.log)" >&2
  tail -20 "${LOGS}/$2.build.log" >&2 || true
  failed_any=1
}

if configure_and_build runtime-host -DCMAKE_BUILD_TYPE=Release; then
  run_suite host runtime-host
else
  build_failed host runtime-host
fi

tsan_flags="-fsanitize=thread -fno-omit-frame-pointer"
if configure_and_build runtime-tsan -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_C_FLAGS="${tsan_flags}" -DCMAKE_CXX_FLAGS="${tsan_flags}" \
  -DCMAKE_EXE_LINKER_FLAGS=-fsanitize=thread -DCMAKE_SHARED_LINKER_FLAGS=-fsanitize=thread \
  -DSPINE_RUNTIME_USE_MIMALLOC=OFF -DSPINE_RUNTIME_BUILD_BENCHMARKS=OFF; then
  # halt_on_error: a race fails the test at once rather than only at exit.
  run_suite host-tsan runtime-tsan TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1"
else
  build_failed host-tsan runtime-tsan
fi

# One riscv64 build; the emulator line reads SPINE_QEMU_VLEN when a test runs.
if configure_and_build runtime-riscv64 -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_TOOLCHAIN_FILE="${ROOT}/cmake/riscv64-linux-gnu.cmake" \
  -DSPINE_RUNTIME_BUILD_BENCHMARKS=OFF; then
  run_suite riscv64-vlen256 runtime-riscv64 SPINE_QEMU_VLEN=256
  run_suite riscv64-vlen128 runtime-riscv64 SPINE_QEMU_VLEN=128
else
  build_failed riscv64-vlen256 runtime-riscv64
  build_failed riscv64-vlen128 runtime-riscv64
fi

exit "${failed_any}"

# Sourced by scripts/test.sh and the suite scripts it runs. Reads the counts
# out of each test runner's own summary and prints them as
#   P F S X    passed, failed, skipped, expected failures (xfail)
# so that every "SUITE <name>: ..." line says how many tests did not run.
# Skipped counts what the runner did not run: lit's Unsupported and Skipped,
# pytest's skipped, CTest's Skipped and Disabled. A GoogleTest executable is
# one CTest test, so a GTEST_SKIP inside it is not seen here.

# suite_line <name> <passed> <failed> [skipped] [xfail]
suite_line() {
  printf 'SUITE %s: %d passed, %d failed, %d skipped, %d xfail\n' "$1" "$2" "$3" "${4:-0}" "${5:-0}"
}

# lit_counts <log of lit -s>: the summary block ("  Passed  : 12 (80.00%)").
# Unresolved, Timed Out and Unexpectedly Passed count as failed.
lit_counts() {
  awk -F: '
    /^  [A-Za-z ]+: *[0-9]+/ {
      name = $1; sub(/^ +/, "", name); sub(/ +$/, "", name)
      n = $2; sub(/^ */, "", n); sub(/ .*/, "", n); n += 0
      if (name == "Passed" || name == "Passed With Retry") p += n
      else if (name == "Failed" || name == "Unresolved" || name == "Timed Out" || name == "Unexpectedly Passed") f += n
      else if (name == "Unsupported" || name == "Skipped") s += n
      else if (name == "Expectedly Failed") x += n
    }
    END { printf "%d %d %d %d\n", p, f, s, x }' "$1"
}

# pytest_parallel <python>: the pytest-xdist options that spread a suite over
# $JOBS (default: every core) worker processes, or nothing when that Python
# has no xdist or there is one core. Each test compiles and runs its own
# kernel in its own directory, so the suites that use this need no ordering.
pytest_parallel() {
  local jobs=${JOBS:-$(nproc)}
  [ "$jobs" -gt 1 ] && "$1" -c 'import xdist' 2>/dev/null && echo "-n $jobs"
  return 0
}

# pytest_counts <log of pytest -q>: its last summary ("3 passed, 1 skipped,
# 2 xfailed in 1.2s"). Errors count as failed; xpassed (non-strict) as passed.
pytest_counts() {
  local last
  last=$(grep -E '[0-9]+ (passed|failed|errors?|skipped|xfailed|xpassed|deselected)' "$1" | tail -1 || true)
  _n() { grep -oE "[0-9]+ $1\b" <<<"$last" | grep -oE '^[0-9]+' || echo 0; }
  echo "$(($(_n passed) + $(_n xpassed))) $(($(_n failed) + $(_n 'errors?'))) $(_n skipped) $(_n xfailed)"
}

# ctest_counts <log of ctest>: "N% tests passed, F tests failed out of T" and
# the "did not run" list. CTest counts a Skipped test in T (and as passed);
# Disabled ones are outside T. Prints nothing when there is no summary.
ctest_counts() {
  local summary failed total skipped disabled
  summary=$(grep -E '^[0-9]+% tests passed, [0-9]+ tests? failed out of [0-9]+' "$1" | tail -1 || true)
  [ -n "$summary" ] || return 0
  failed=$(sed -E 's/.* ([0-9]+) tests? failed out of ([0-9]+).*/\1/' <<<"$summary")
  total=$(sed -E 's/.* ([0-9]+) tests? failed out of ([0-9]+).*/\2/' <<<"$summary")
  skipped=$(grep -cE '^\s+[0-9]+ - .* \(Skipped\)$' "$1" || true)
  disabled=$(grep -cE '^\s+[0-9]+ - .* \(Disabled\)$' "$1" || true)
  echo "$((total - failed - skipped)) $failed $((skipped + disabled)) 0"
}

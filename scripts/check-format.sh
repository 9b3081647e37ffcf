#!/usr/bin/env bash
# The repository's C and C++ sources are formatted as .clang-format says
# (LLVM style), by clang-format 22 (Debian's clang-format-22, which
# scripts/setup.sh installs).
#
#   scripts/check-format.sh [--root DIR]   every tracked *.c/*.cc/*.cpp/*.h
#   scripts/check-format.sh FILE...        just these files
#   scripts/check-format.sh --fix [...]    reformat in place instead
#
# Prints each file that differs, then "N unformatted file(s)"; exits 1 when
# N > 0, 2 when clang-format is missing.
set -uo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
fix=0
files=()
while [ $# -gt 0 ]; do
  case "$1" in
    --root) ROOT=$2; shift 2 ;;
    --fix) fix=1; shift ;;
    *) files+=("$1"); shift ;;
  esac
done
FORMAT=${CLANG_FORMAT:-$(command -v clang-format-22 || echo /usr/lib/llvm-22/bin/clang-format)}
if ! [ -x "$FORMAT" ]; then
  echo "check-format.sh: clang-format 22 not found (apt-get install clang-format-22, or scripts/setup.sh)" >&2
  exit 2
fi
if [ ${#files[@]} -eq 0 ]; then
  cd "$ROOT" || exit 2
  if git rev-parse --git-dir >/dev/null 2>&1; then
    mapfile -t files < <(git ls-files '*.c' '*.cc' '*.cpp' '*.h')
  else
    mapfile -t files < <(find . -path ./build -prune -o -type f \( -name '*.c' -o -name '*.cc' \
      -o -name '*.cpp' -o -name '*.h' \) -print | sed 's|^\./||' | sort)
  fi
fi
bad=0
for f in "${files[@]}"; do
  if [ "$fix" -eq 1 ]; then
    "$FORMAT" -i --style=file "$f" || bad=$((bad + 1))
  elif ! "$FORMAT" --style=file --dry-run -Werror "$f" >/dev/null 2>&1; then
    echo "unformatted: $f"
    bad=$((bad + 1))
  fi
done
[ "$fix" -eq 1 ] && { echo "$bad file(s) failed to format"; exit $((bad > 0)); }
echo "$bad unformatted file(s)"
[ "$bad" -eq 0 ]

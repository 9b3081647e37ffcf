#!/usr/bin/env bash
# Every TTIR file of the corpus (stock Triton 3.9's make_ttir output):
# spine-opt parses it, prints it back in a form that parses to the same
# module (custom and generic syntax), and converts it to linalgdir.
#   check_corpus.sh SPINE_OPT WORK_DIR
set -uo pipefail
spine_opt=$1 work=$2
corpus=$(cd "$(dirname "${BASH_SOURCE[0]}")/corpus" && pwd)
mkdir -p "$work"
status=0 count=0
for f in "$corpus"/*.ttir; do
  count=$((count + 1))
  name=$(basename "$f" .ttir)
  if ! "$spine_opt" "$f" -o "$work/$name.1.mlir" ||
     ! "$spine_opt" "$work/$name.1.mlir" -o "$work/$name.2.mlir" ||
     ! diff -q "$work/$name.1.mlir" "$work/$name.2.mlir" >/dev/null ||
     ! "$spine_opt" "$f" --mlir-print-op-generic -o "$work/$name.generic.mlir" ||
     ! "$spine_opt" "$work/$name.generic.mlir" -o "$work/$name.3.mlir" ||
     ! diff -q "$work/$name.1.mlir" "$work/$name.3.mlir" >/dev/null ||
     ! "$spine_opt" "$f" --spine-ttir-to-linalg -o "$work/$name.linalg.mlir"; then
    echo "FAILED: $name" >&2
    status=1
  fi
done
echo "checked $count TTIR files"
exit $status

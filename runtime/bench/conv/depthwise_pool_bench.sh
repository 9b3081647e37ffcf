#!/usr/bin/env bash
# Depthwise / pooling figures (docs/measuring.md, instruments 1 and 2):
#   1. host wall clock: depthwise_pool_bench's table (ours vs a plain loop)
#   2. qemu-riscv64 + icount plugin, VLEN 256 (and 128): dynamic instructions
#      per MAC (depthwise) or per window element (pooling) of one
#      single-threaded call, ours vs the plain loop, count(2 calls) - count(1)
# Usage: depthwise_pool_bench.sh HOST_BUILD_DIR RV64_BUILD_DIR [host|icount ...]
set -euo pipefail
host_build="${1:?host build dir}"
rv_build="${2:?riscv64 build dir}"
shift 2
parts=("$@")
[ ${#parts[@]} -eq 0 ] && parts=(host icount)
want() { local p; for p in "${parts[@]}"; do [ "$p" = "$1" ] && return 0; done; return 1; }

if want host; then
  echo "== 1. host wall clock (x86-64), median of 15 runs"
  "$(find "$host_build" -name depthwise_pool_bench -type f -perm -u+x | head -1)"
  echo
fi

if want icount; then
  plugin="$rv_build/qemu-icount.so"
  [ -f "$plugin" ] || bash "${SPINE_QEMU_ICOUNT_DIR:-/work/shared/tools/qemu-icount}/build.sh" "$plugin" >/dev/null
  prog="$(find "$rv_build" -name depthwise_pool_bench -type f -perm -u+x | head -1)"
  for vlen in ${SPINE_ICOUNT_VLENS:-256 128}; do
    echo "== 2. dynamic instructions under qemu-riscv64 (VLEN $vlen), per MAC / window element"
    qemu=(qemu-riscv64 -L /usr/riscv64-linux-gnu -cpu "rv64,v=true,vext_spec=v1.0,vlen=$vlen,Zfh=true")
    count() { # count REPS [ref]
      local out; out="$(mktemp)"
      "${qemu[@]}" -plugin "$plugin,out=$out" "$prog" icount "$case" "$@"
      sed -n 's/.*total=\([0-9]*\).*/\1/p' "$out"; rm -f "$out"
    }
    printf "%-34s %10s %10s %8s\n" case ours/op plain/op x_plain
    "${qemu[@]}" "$prog" list | while read -r case work; do
      ours=$(( $(count 2) - $(count 1) ))
      plain=$(( $(count 2 ref) - $(count 1 ref) ))
      awk -v c="$case" -v o="$ours" -v p="$plain" -v w="$work" \
        'BEGIN { printf "%-34s %10.3f %10.3f %8.2f\n", c, o / w, p / w, p / o }'
    done
    echo
  done
fi

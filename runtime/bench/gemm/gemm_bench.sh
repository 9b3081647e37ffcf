#!/usr/bin/env bash
# Reproduces the GEMM figures with the three instruments of docs/measuring.md:
#   1. host wall clock: speir_gemm f32 vs OpenBLAS, same process (gemm_bench)
#   2. qemu-riscv64 + icount plugin: dynamic instructions per MAC of whole
#      single-threaded GEMMs (f32, f16, int8 RVV, int8 IME), VLEN 256
#   3. llvm-mca -mcpu=spacemit-x60: modeled efficiency of each inner loop
# and the LLM decode shapes (issue 14): host GFLOPS vs OpenBLAS sgemv/sgemm
# at M = 1, 4, 16 (decode-host), qemu instructions per MAC of GEMVs per type
# and of the fused bias + SiLU epilogue (decode-icount).
# Usage: gemm_bench.sh HOST_BUILD_DIR RV64_BUILD_DIR
#          [host|icount|mca|decode-host|decode-icount ...]
# (build dirs of runtime/ configured for the host and with
# cmake/riscv64-linux-gnu.cmake; targets gemm_bench / gemm_icount_bench).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
host_build="${1:?host build dir}"
rv_build="${2:?riscv64 build dir}"
shift 2
parts=("$@")
[ ${#parts[@]} -eq 0 ] && parts=(host icount mca decode-host decode-icount)

want() { local p; for p in "${parts[@]}"; do [ "$p" = "$1" ] && return 0; done; return 1; }

if want host; then
  echo "== 1. host wall clock (x86-64), median of repeated runs"
  bench="$(find "$host_build" -name gemm_bench -type f -perm -u+x | head -1)"
  "$bench"
  echo
fi

# qemu + icount plugin; icount ENVSPEC ARGS... prints total= of one run of
# gemm_icount_bench (emulated= goes to fd 3).
icount_setup() {
  plugin="$rv_build/qemu-icount.so"
  [ -f "$plugin" ] || bash "${SPINE_QEMU_ICOUNT_DIR:-/work/shared/tools/qemu-icount}/build.sh" "$plugin" >/dev/null
  prog="$(find "$rv_build" -name gemm_icount_bench -type f -perm -u+x | head -1)"
  qemu=(qemu-riscv64 -L /usr/riscv64-linux-gnu -cpu rv64,v=true,vext_spec=v1.0,vlen=256,Zfh=true)
}
icount() {
  local out envspec="$1"; shift
  out="$(mktemp)"
  env $envspec "${qemu[@]}" -plugin "$plugin,out=$out" "$prog" "$@" 2>"$out.err"
  sed -n 's/.*total=\([0-9]*\).*/\1/p' "$out"
  sed -n 's/^emulated=//p' "$out.err" >&3
  rm -f "$out" "$out.err"
}

if want icount; then
  echo "== 2. dynamic instructions under qemu-riscv64 (VLEN 256), icount plugin"
  icount_setup
  # The emulator's handler is guest code: measure its instructions per
  # emulated vmadot (N vmadots vs N nops in the same loop) and subtract them.
  exec 3>/dev/null
  ci1=$(icount "" calibrate-ime 1000); ci2=$(icount "" calibrate-ime 2000)
  cn1=$(icount "" calibrate-nop 1000); cn2=$(icount "" calibrate-nop 2000)
  handler=$(( ((ci2 - ci1) - (cn2 - cn1)) / 1000 ))
  echo "emulator handler: $handler guest instructions per emulated vmadot (subtracted below)"
  run() { # label envspec type n
    local label="$1" envspec="$2" type="$3" n="$4" t1 t2 e1 e2 ef
    ef="$(mktemp)"
    t1=$(icount "$envspec" "$type" "$n" "$n" "$n" 1 3>"$ef"); e1=$(cat "$ef")
    t2=$(icount "$envspec" "$type" "$n" "$n" "$n" 2 3>"$ef"); e2=$(cat "$ef")
    rm -f "$ef"
    per_mac=$(awk -v n="$n" -v d=$((t2 - t1 - (e2 - e1) * handler)) 'BEGIN { printf "%.5f", d / (n * n * n) }')
    awk -v l="$label" -v n="$n" -v d=$((t2 - t1 - (e2 - e1) * handler)) -v e=$((e2 - e1)) \
      'BEGIN { m = n * n * n; printf "%-14s %4d^3 %12d insns %8.5f insns/MAC %9d vmadots\n", l, n, d, d / m, e }'
  }
  for n in 256 512; do
    run "f32 rvv" "SPINE_GEMM_KERNEL=rvv" f32 "$n"
    run "f16->f32 rvv" "SPINE_GEMM_KERNEL=rvv" f16 "$n"
    run "s8 rvv" "SPINE_GEMM_KERNEL=rvv" s8 "$n"; rvv=$per_mac
    run "s8 ime" "SPINE_ARCH_ID=0x503C" s8 "$n"; ime=$per_mac
    awk -v n="$n" -v r="$rvv" -v i="$ime" \
      'BEGIN { printf "  int8 IME uses %.2fx fewer instructions per MAC than int8 RVV at %d^3\n", r / i, n }'
  done
  echo "(one GEMM = count(2 calls) - count(1 call): packing, driver and kernel;"
  echo " each vmadot counts as one instruction)"
  echo
fi

if want decode-host; then
  echo "== decode shapes, host wall clock (x86-64)"
  bench="$(find "$host_build" -name gemm_bench -type f -perm -u+x | head -1)"
  "$bench" --decode
  echo
fi

if want decode-icount; then
  echo "== decode shapes, dynamic instructions under qemu-riscv64 (VLEN 256), 1 thread"
  icount_setup
  exec 3>/dev/null
  # One call = count(2 calls) - count(1 call), per MAC.
  decode() { # label type m n k mode
    local label="$1" type="$2" m="$3" n="$4" k="$5" mode="$6" t1 t2
    t1=$(icount "" "$type" "$m" "$n" "$k" 1 "$mode")
    t2=$(icount "" "$type" "$m" "$n" "$k" 2 "$mode")
    last=$((t2 - t1))
    awk -v l="$label" -v m="$m" -v n="$n" -v k="$k" -v d="$last" \
      'BEGIN { printf "%-22s %2dx%dx%d %11d insns %8.4f insns/MAC\n", l, m, n, k, d, d / (m * n * k) }'
  }
  for t in f32 s8 bf16 f16; do
    decode "$t GEMV" "$t" 1 4096 4096 plain
  done
  decode "f32 GEMV, B transposed" f32 1 4096 4096 transb
  decode "s8 GEMV, B transposed" s8 1 4096 4096 transb
  decode "bf16 GEMV, B transposed" bf16 1 4096 4096 transb
  decode "f16 GEMV, B transposed" f16 1 4096 4096 transb
  # A Triton program's BLOCK_N: C's row segment stays in registers.
  decode "f32 narrow GEMV" f32 1 32 512 plain
  decode "f32 narrow, 16 rows" f32 16 32 512 plain
  # Small products (at most 32K MACs) with fewer than 4 rows: skinny path.
  decode "f32 small GEMV" f32 1 128 128 plain
  for m in 1 16; do
    decode "f32 bare" f32 "$m" 4096 4096 plain; bare=$last
    decode "f32 + bias + silu" f32 "$m" 4096 4096 bias-silu; fused=$last
    awk -v b="$bare" -v f="$fused" 'BEGIN { printf "  fused / bare = %.4f\n", f / b }'
  done
  echo
fi

if want mca; then
  echo "== 3. llvm-mca, X60 model"
  /usr/bin/python3 "$here/gemm_mca.py" --source-root "$root/runtime"
fi

#!/usr/bin/env bash
# Reproduces the convolution figures with the three instruments of
# MEASURING.md:
#   1. host wall clock: speir_conv2d f32 vs im2col + OpenBLAS sgemm, same
#      process, ResNet-18 layers at batch 1 (conv_bench)
#   2. qemu-riscv64 + icount plugin, VLEN 256: dynamic instructions per MAC
#      of single-threaded speir_conv2d calls (f32 RVV, int8 RVV, int8 IME),
#      next to speir_gemm of the same M x N x K (the GEMM without im2col)
#   3. llvm-mca -mcpu=spacemit-x60: the RVV im2col transpose loop (conv_mca.py)
# Usage: conv_bench.sh HOST_BUILD_DIR RV64_BUILD_DIR [host|icount|mca ...]
# (build dirs of runtime/ configured for the host and with
# cmake/riscv64-linux-gnu.cmake; targets conv_bench / conv_icount_bench and
# gemm_icount_bench, whose calibration modes measure the IME emulator).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
host_build="${1:?host build dir}"
rv_build="${2:?riscv64 build dir}"
shift 2
parts=("$@")
[ ${#parts[@]} -eq 0 ] && parts=(host icount mca)

# SPINE_LOCK=FILE: run each measured program under flock FILE (a machine
# shared by several builds), one short step at a time.
lock=()
[ -n "${SPINE_LOCK:-}" ] && lock=(flock "$SPINE_LOCK")

want() { local p; for p in "${parts[@]}"; do [ "$p" = "$1" ] && return 0; done; return 1; }

if want host; then
  echo "== 1. host wall clock (x86-64), median of repeated runs"
  "${lock[@]}" "$(find "$host_build" -name conv_bench -type f -perm -u+x | head -1)"
  echo
fi

if want icount; then
  echo "== 2. dynamic instructions under qemu-riscv64 (VLEN 256), icount plugin"
  plugin="$rv_build/qemu-icount.so"
  [ -f "$plugin" ] || bash "${SPINE_QEMU_ICOUNT_DIR:-/work/shared/tools/qemu-icount}/build.sh" "$plugin" >/dev/null
  conv="$(find "$rv_build" -name conv_icount_bench -type f -perm -u+x | head -1)"
  gemm="$(find "$rv_build" -name gemm_icount_bench -type f -perm -u+x | head -1)"
  qemu=(qemu-riscv64 -L /usr/riscv64-linux-gnu -cpu rv64,v=true,vext_spec=v1.0,vlen=256,Zfh=true)
  # icount ENVSPEC PROG ARGS...: prints total=; emulated= goes to fd 3.
  icount() {
    local out envspec="$1"; shift
    out="$(mktemp)"
    "${lock[@]}" env $envspec "${qemu[@]}" -plugin "$plugin,out=$out" "$@" 2>"$out.err"
    sed -n 's/.*total=\([0-9]*\).*/\1/p' "$out"
    sed -n 's/^emulated=//p' "$out.err" >&3
    rm -f "$out" "$out.err"
  }
  # The emulator's SIGILL handler is guest code: its instructions per
  # emulated vmadot (N vmadots vs N nops) are subtracted below.
  exec 3>/dev/null
  ci1=$(icount "" "$gemm" calibrate-ime 1000); ci2=$(icount "" "$gemm" calibrate-ime 2000)
  cn1=$(icount "" "$gemm" calibrate-nop 1000); cn2=$(icount "" "$gemm" calibrate-nop 2000)
  handler=$(( ((ci2 - ci1) - (cn2 - cn1)) / 1000 ))
  echo "emulator handler: $handler guest instructions per emulated vmadot (subtracted)"
  # one ENVSPEC MACS PROG ARGS-BEFORE-REPS...: instructions of one call.
  one() {
    local envspec="$1" prog="$2"; shift 2
    local ef t1 t2 e1 e2
    ef="$(mktemp)"
    t1=$(icount "$envspec" "$prog" "$@" 1 3>"$ef"); e1=$(cat "$ef")
    t2=$(icount "$envspec" "$prog" "$@" 2 3>"$ef"); e2=$(cat "$ef")
    rm -f "$ef"
    echo $((t2 - t1 - (e2 - e1) * handler)) $((e2 - e1))
  }
  printf "%-15s %-9s %12s %9s %10s %11s %9s\n" layer kernel "conv insns" "/MAC" \
    vmadots "gemm /MAC" "conv/gemm"
  # name HW C F K STRIDE PAD (ResNet-18, batch 1, full size)
  layers=(
    "conv1-7x7/2 224 3 64 7 2 3"
    "l1-3x3/1 56 64 64 3 1 1"
    "l2-3x3/2 56 64 128 3 2 1"
    "l2-1x1/2 56 64 128 1 2 0"
    "l2-3x3/1 28 128 128 3 1 1"
    "l3-3x3/1 14 256 256 3 1 1"
  )
  for spec in "${layers[@]}"; do
    read -r name hw c f k s p <<<"$spec"
    o=$(( (hw + 2 * p - k) / s + 1 ))
    m=$((o * o)); kk=$((k * k * c))
    macs=$((m * f * kk))
    for kern in "f32 rvv:SPINE_GEMM_KERNEL=rvv:f32" "s8 rvv:SPINE_GEMM_KERNEL=rvv:s8" \
                "s8 ime:SPINE_ARCH_ID=0x503C:s8"; do
      IFS=: read -r label envspec type <<<"$kern"
      read -r ci ce <<<"$(one "$envspec" "$conv" "$type" "$hw" "$c" "$f" "$k" "$s" "$p")"
      read -r gi ge <<<"$(one "$envspec" "$gemm" "$type" "$m" "$f" "$kk")"
      awk -v n="$name" -v l="$label" -v ci="$ci" -v gi="$gi" -v e="$ce" -v m="$macs" \
        'BEGIN { printf "%-15s %-9s %12d %9.4f %10d %11.4f %9.2f\n", n, l, ci, ci / m, e, gi / m, ci / gi }'
    done
  done
  echo "(one call = count(2 calls) - count(1 call): filter packing, im2col packing,"
  echo " kernel and stores; each vmadot counts as one instruction. gemm = speir_gemm"
  echo " of the same M x N x K on an already im2col'ed A: the im2col-free baseline)"
  echo
fi

if want mca; then
  echo "== 3. llvm-mca, X60 model"
  /usr/bin/python3 "$here/conv_mca.py" --source-root "$root/runtime"
fi

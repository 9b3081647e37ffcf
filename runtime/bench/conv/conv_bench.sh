#!/usr/bin/env bash
# Reproduces the convolution figures with the three instruments of
# docs/measuring.md:
#   1. host wall clock: speir_conv2d f32 vs im2col + OpenBLAS sgemm, same
#      process, ResNet-18 layers at batch 1 (conv_bench)
#   2. qemu-riscv64 + icount plugin, VLEN 256: dynamic instructions per MAC
#      of single-threaded speir_conv2d calls (f32 RVV, int8 RVV, int8 IME),
#      next to speir_gemm of the same M x N x K (the GEMM without im2col)
#   3. llvm-mca -mcpu=spacemit-x60: the RVV im2col transpose loop and the
#      IME slide tile's step loop (conv_mca.py)
#   ime: int8 on IME (as a K1) per ResNet-18 layer, ime-slide vs
#      im2col-mmt4d (SPINE_CONV_IME_SLIDE=0) vs speir_gemm, qemu-icount
# Usage: conv_bench.sh HOST_BUILD_DIR RV64_BUILD_DIR [host|icount|ime|mca ...]
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
[ ${#parts[@]} -eq 0 ] && parts=(host icount ime mca)

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

if want icount || want ime; then
  plugin="$rv_build/qemu-icount.so"
  [ -f "$plugin" ] || bash "${SPINE_QEMU_ICOUNT_DIR:-/work/shared/tools/qemu-icount}/build.sh" "$plugin" >/dev/null
  conv="$(find "$rv_build" -name conv_icount_bench -type f -perm -u+x | head -1)"
  gemm="$(find "$rv_build" -name gemm_icount_bench -type f -perm -u+x | head -1)"
  qemu=(qemu-riscv64 -L /usr/riscv64-linux-gnu -cpu rv64,v=true,vext_spec=v1.0,vlen=256,Zfh=true)
  # icount ENVSPEC PROG ARGS...: prints total=; "emulated slide" goes to fd 3.
  icount() {
    local out envspec="$1"; shift
    out="$(mktemp)"
    "${lock[@]}" env $envspec "${qemu[@]}" -plugin "$plugin,out=$out" "$@" 2>"$out.err"
    sed -n 's/.*total=\([0-9]*\).*/\1/p' "$out"
    echo "$(sed -n 's/^emulated=//p' "$out.err") $(sed -n 's/^slide=//p' "$out.err")" >&3
    rm -f "$out" "$out.err"
  }
  # The emulator's SIGILL handler is guest code: its instructions per
  # emulated vmadot (N vmadots vs N nops), plain and slide form, are
  # subtracted below.
  exec 3>/dev/null
  ci1=$(icount "" "$gemm" calibrate-ime 1000); ci2=$(icount "" "$gemm" calibrate-ime 2000)
  cn1=$(icount "" "$gemm" calibrate-nop 1000); cn2=$(icount "" "$gemm" calibrate-nop 2000)
  handler=$(( ((ci2 - ci1) - (cn2 - cn1)) / 1000 ))
  cs1=$(icount "" "$conv" calibrate-slide 1000); cs2=$(icount "" "$conv" calibrate-slide 2000)
  cm1=$(icount "" "$conv" calibrate-nop 1000); cm2=$(icount "" "$conv" calibrate-nop 2000)
  shandler=$(( ((cs2 - cs1) - (cm2 - cm1)) / 1000 ))
  # one ENVSPEC PROG ARGS-BEFORE-REPS...: "insns vmadots slides" of one call.
  one() {
    local envspec="$1" prog="$2"; shift 2
    local ef t1 t2 e1 e2 s1 s2
    ef="$(mktemp)"
    t1=$(icount "$envspec" "$prog" "$@" 1 3>"$ef"); read -r e1 s1 <"$ef"
    t2=$(icount "$envspec" "$prog" "$@" 2 3>"$ef"); read -r e2 s2 <"$ef"
    rm -f "$ef"
    s1=${s1:-0}; s2=${s2:-0}
    local plain=$(( (e2 - e1) - (s2 - s1) )) slides=$(( s2 - s1 ))
    echo $((t2 - t1 - plain * handler - slides * shandler)) $((e2 - e1)) $slides
  }
  # name HW C F K STRIDE PAD (ResNet-18, batch 1, full size)
  layers=(
    "conv1-7x7/2 224 3 64 7 2 3"
    "l1-3x3/1 56 64 64 3 1 1"
    "l2-3x3/2 56 64 128 3 2 1"
    "l2-1x1/2 56 64 128 1 2 0"
    "l2-3x3/1 28 128 128 3 1 1"
    "l3-3x3/1 14 256 256 3 1 1"
    "l4-3x3/1 7 512 512 3 1 1"
  )
fi

if want icount; then
  echo "== 2. dynamic instructions under qemu-riscv64 (VLEN 256), icount plugin"
  echo "emulator handler: $handler guest instructions per emulated vmadot (subtracted)"
  printf "%-15s %-9s %12s %9s %10s %11s %9s\n" layer kernel "conv insns" "/MAC" \
    vmadots "gemm /MAC" "conv/gemm"
  for spec in "${layers[@]}"; do
    read -r name hw c f k s p <<<"$spec"
    o=$(( (hw + 2 * p - k) / s + 1 ))
    m=$((o * o)); kk=$((k * k * c))
    macs=$((m * f * kk))
    for kern in "f32 rvv:SPINE_GEMM_KERNEL=rvv:f32" "s8 rvv:SPINE_GEMM_KERNEL=rvv:s8" \
                "s8 ime:SPINE_ARCH_ID=0x503C SPINE_CONV_IME_SLIDE=0:s8"; do
      IFS=: read -r label envspec type <<<"$kern"
      read -r ci ce cs <<<"$(one "$envspec" "$conv" "$type" "$hw" "$c" "$f" "$k" "$s" "$p")"
      read -r gi ge gs <<<"$(one "$envspec" "$gemm" "$type" "$m" "$f" "$kk")"
      awk -v n="$name" -v l="$label" -v ci="$ci" -v gi="$gi" -v e="$ce" -v m="$macs" \
        'BEGIN { printf "%-15s %-9s %12d %9.4f %10d %11.4f %9.2f\n", n, l, ci, ci / m, e, gi / m, ci / gi }'
    done
  done
  echo "(one call = count(2 calls) - count(1 call): filter packing, im2col packing,"
  echo " kernel and stores; each vmadot counts as one instruction. gemm = speir_gemm"
  echo " of the same M x N x K on an already im2col'ed A: the im2col-free baseline."
  echo " s8 ime = im2col-mmt4d, ime-slide off; see the ime part for ime-slide)"
  echo
fi

if want ime; then
  echo "== int8 on IME (K1 as SPINE_ARCH_ID=0x503C, VLEN 256): ime-slide vs im2col-mmt4d"
  echo "emulator handler: $handler (plain) / $shandler (slide) guest instructions per emulated vmadot (subtracted)"
  printf "%-15s %-13s %12s %9s %10s %9s %9s\n" layer strategy "conv insns" "/MAC" \
    vmadots "slides" "vs im2col"
  # plus inputs with few channels (grayscale, RGBA-like), where one
  # 8-channel chunk is mostly zeros
  for spec in "${layers[@]}" "c1-5x5/1 56 1 32 5 1 2" "c4-3x3/1 56 4 32 3 1 1"; do
    read -r name hw c f k s p <<<"$spec"
    o=$(( (hw + 2 * p - k) / s + 1 ))
    macs=$((o * o * f * k * k * c))
    read -r ii ie is <<<"$(one "SPINE_ARCH_ID=0x503C SPINE_CONV_IME_SLIDE=0" "$conv" s8 "$hw" "$c" "$f" "$k" "$s" "$p")"
    read -r si se ss <<<"$(one "SPINE_ARCH_ID=0x503C" "$conv" s8 "$hw" "$c" "$f" "$k" "$s" "$p")"
    read -r gi ge gs <<<"$(one "SPINE_ARCH_ID=0x503C" "$gemm" s8 "$((o * o))" "$f" "$((k * k * c))")"
    awk -v n="$name" -v ii="$ii" -v ie="$ie" -v si="$si" -v se="$se" -v ss="$ss" -v gi="$gi" -v ge="$ge" -v m="$macs" 'BEGIN {
      printf "%-15s %-13s %12d %9.4f %10d %9d %9s\n", n, "im2col-mmt4d", ii, ii / m, ie, 0, "1.00"
      printf "%-15s %-13s %12d %9.4f %10d %9d %9.2f\n", n, "ime-slide", si, si / m, se, ss, ii / si
      printf "%-15s %-13s %12d %9.4f %10d %9d %9s\n", n, "(gemm)", gi, gi / m, ge, 0, "" }'
  done
  echo "(vs im2col = im2col-mmt4d instructions / this row's; the strategy"
  echo " speir_conv2d picks is what conv_icount_bench prints as strategy=)"
  echo
fi

if want mca; then
  echo "== 3. llvm-mca, X60 model"
  /usr/bin/python3 "$here/conv_mca.py" --source-root "$root/runtime"
fi

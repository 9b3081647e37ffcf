#!/usr/bin/env bash
# The main job on an embedded default: compile examples/matmul_bias_relu.mlir
# (a linalgdir kernel as the Spine Triton frontend emits it) with spine-opt,
# run it for the host and for riscv64 (SpacemiT X60) under qemu, and check the
# numbers against a direct computation; then the same through spine-compile.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD_DIR=${BUILD_DIR:-$ROOT/build}
LLVM_BIN=${LLVM_BIN:-/usr/lib/llvm-22/bin}
KERNEL=${1:-$ROOT/examples/matmul_bias_relu.mlir}
HARNESS=$ROOT/examples/$(basename "$KERNEL" .mlir)_main.cpp
OUT=$BUILD_DIR/demo
mkdir -p "$OUT"

[ -x "$BUILD_DIR/bin/spine-opt" ] || "$ROOT/scripts/setup.sh"

step() { printf '\n== %s\n' "$*"; }

step "spine-opt --spine-triton-e2e-pipeline $(basename "$KERNEL")"
"$BUILD_DIR/bin/spine-opt" "$KERNEL" \
  --spine-triton-e2e-pipeline="enable-always-tls=1 enable-fuse-group=false" -o "$OUT/kernel.llvm.mlir"
"$LLVM_BIN/mlir-translate" --mlir-to-llvmir "$OUT/kernel.llvm.mlir" -o "$OUT/kernel.ll"
echo "LLVM IR: $OUT/kernel.ll ($(grep -c '' "$OUT/kernel.ll") lines); kernel ABI:"
grep '^define' "$OUT/kernel.ll"

echo "runtime calls: $(grep -oE '@(speir|spine)_[a-z_0-9]+' "$OUT/kernel.ll" | sort -u | tr '\n' ' ')"

step "host: llc -O3, link with the harness and libSpeIRRuntimeLibs.so, run"
"$LLVM_BIN/llc" -O3 --relocation-model=pic -filetype=obj "$OUT/kernel.ll" -o "$OUT/kernel.host.o"
c++ -O2 "$OUT/kernel.host.o" "$HARNESS" -o "$OUT/demo.host" \
  -L"$BUILD_DIR/runtime" -lSpeIRRuntimeLibs -Wl,-rpath,"$BUILD_DIR/runtime"
"$OUT/demo.host"

step "riscv64 (spacemit-x60, VLEN 256): llc, cross-link, run under qemu-riscv64"
RT_RV64=$BUILD_DIR/runtime-riscv64
if command -v qemu-riscv64 >/dev/null && [ -d /usr/riscv64-linux-gnu ]; then
  if [ ! -f "$RT_RV64/libSpeIRRuntimeLibs.so" ]; then
    echo "building libSpeIRRuntimeLibs.so for riscv64 into $RT_RV64"
    cmake -S "$ROOT/runtime" -B "$RT_RV64" -G Ninja \
      -DCMAKE_TOOLCHAIN_FILE="$ROOT/cmake/riscv64-linux-gnu.cmake" >/dev/null
    cmake --build "$RT_RV64" --target SpeIRRuntimeLibs >/dev/null
  fi
  "$LLVM_BIN/llc" -O3 --relocation-model=pic -filetype=obj -mtriple=riscv64-linux-gnu \
    -mcpu=spacemit-x60 --mattr=+v,+zfh,+zvfh,-zicond "$OUT/kernel.ll" -o "$OUT/kernel.rv64.o"  # qemu 7.2: no Zicond
  "$LLVM_BIN/clang++" --target=riscv64-linux-gnu --gcc-toolchain=/usr -fuse-ld=lld \
    -march=rv64gcv -O2 "$OUT/kernel.rv64.o" "$HARNESS" -o "$OUT/demo.rv64" \
    -L"$RT_RV64" -lSpeIRRuntimeLibs -Wl,-rpath,"$RT_RV64"
  SPINE_ARCH_ID=0x503C qemu-riscv64 -L /usr/riscv64-linux-gnu -cpu rv64,v=true,vlen=256,Zfh=true "$OUT/demo.rv64"
else
  echo "skipped: qemu-riscv64 or the riscv64 sysroot is missing (scripts/setup.sh installs them)"
fi

step "the same in one step: spine-compile -> kernel.so (host), linked with the harness"
"$BUILD_DIR/bin/spine-compile" "$KERNEL" -o "$OUT/kernel.so"
c++ -O2 "$HARNESS" "$OUT/kernel.so" -o "$OUT/demo.so.host" -Wl,-rpath,"$OUT"
"$OUT/demo.so.host"

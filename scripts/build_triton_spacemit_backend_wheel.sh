#!/usr/bin/env bash
# Builds the triton-spacemit-backend wheel (triton.backends.spine_triton).
#
#   scripts/build_triton_spacemit_backend_wheel.sh <build-dir|install-prefix> <plat-name> <llvm-dir> [spine-triton-opt]
#
#   build-dir       a CMake build of this repo (scripts/setup.sh's build/):
#                   bin/spine-opt, runtime/libSpeIRRuntimeLibs.so*; the
#                   SpineTritonRuntime target is built there if needed
#   install-prefix  an install tree (e.g. build/riscv64/<target>/<type>/installed):
#                   [bin/spine-opt], lib/libSpeIRRuntimeLibs.so*,
#                   [lib/libSpineTritonRuntime.so] (built from runtime/ if absent)
#   plat-name       linux-x86_64 or linux-riscv64; every bundled binary must
#                   be for that machine, else the script stops
#   llvm-dir        an LLVM 22 whose llc, opt, mlir-translate (in it or its bin/)
#                   are bundled when they are for that machine; "" skips them
#   spine-triton-opt  the frontend's binary to bundle (default: $SPINE_TRITON_OPT_PATH)
#
# Writes dist/triton_spacemit_backend-<version>-py3-none-<plat>.whl (WHEEL_DIST_DIR
# overrides dist/) and prints its path last.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PYTHON=${PYTHON:-/usr/bin/python3}

if [ $# -lt 3 ] || [ $# -gt 4 ]; then
  sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
fi
ARTIFACTS=$(cd "$1" && pwd)
PLAT_NAME=$2
LLVM_DIR=$3
SPINE_TRITON_OPT=${4:-${SPINE_TRITON_OPT_PATH:-}}
DIST_DIR=${WHEEL_DIST_DIR:-$ROOT/dist}

case "$PLAT_NAME" in
  linux-x86_64|linux_x86_64) MACHINE=x86_64 ;;
  linux-riscv64|linux_riscv64) MACHINE=riscv64 ;;
  *) echo "build_wheel: unsupported plat-name '$PLAT_NAME' (linux-x86_64 or linux-riscv64)" >&2; exit 2 ;;
esac

note() { echo "build_wheel: $*" >&2; }

# Prints the ELF machine of a file: x86_64, riscv64, or other.
elf_machine() {
  "$PYTHON" - "$1" <<'PY'
import sys
with open(sys.argv[1], "rb") as f:
    header = f.read(20)
machine = int.from_bytes(header[18:20], "little") if header[:4] == b"\x7fELF" else -1
print({62: "x86_64", 243: "riscv64"}.get(machine, "other"))
PY
}

STAGING=$(mktemp -d)
trap 'rm -rf "$STAGING"' EXIT
mkdir -p "$STAGING/bin" "$STAGING/lib" "$STAGING/_C" "$STAGING/include"

# Copies a required binary, refusing one for another machine.
stage_binary() { # source destination-dir
  local machine
  machine=$(elf_machine "$1")
  if [ "$machine" != "$MACHINE" ]; then
    note "$1 is for '$machine', not $MACHINE (plat-name $PLAT_NAME); give artifacts built for $MACHINE"
    exit 1
  fi
  cp -L "$1" "$2/"
}

if [ -f "$ARTIFACTS/CMakeCache.txt" ]; then
  LAYOUT=build
  SPINE_OPT=$ARTIFACTS/bin/spine-opt
  SPEIR_LIB_DIR=$ARTIFACTS/runtime
  TRITON_RUNTIME=$ARTIFACTS/runtime/triton/libSpineTritonRuntime.so
  # The build tree decides how; we only ask for the target.
  cmake --build "$ARTIFACTS" --target SpineTritonRuntime -j "${JOBS:-2}" >&2
else
  LAYOUT=prefix
  SPINE_OPT=$ARTIFACTS/bin/spine-opt
  SPEIR_LIB_DIR=$ARTIFACTS/lib
  TRITON_RUNTIME=$ARTIFACTS/lib/libSpineTritonRuntime.so
  if [ ! -f "$TRITON_RUNTIME" ]; then
    runtime_build=$STAGING/runtime-build
    toolchain=()
    if [ "$MACHINE" = riscv64 ] && [ "$(uname -m)" != riscv64 ]; then
      toolchain=(-DCMAKE_TOOLCHAIN_FILE="$ROOT/cmake/riscv64-linux-gnu.cmake")
    fi
    note "building libSpineTritonRuntime.so for $MACHINE (not in $ARTIFACTS/lib)"
    cmake -G Ninja -S "$ROOT/runtime" -B "$runtime_build" -DCMAKE_BUILD_TYPE=Release \
      -DSPINE_RUNTIME_BUILD_BENCHMARKS=OFF "${toolchain[@]}" >&2
    cmake --build "$runtime_build" --target SpineTritonRuntime -j "${JOBS:-2}" >&2
    TRITON_RUNTIME=$runtime_build/triton/libSpineTritonRuntime.so
  fi
fi
note "artifacts from $ARTIFACTS ($LAYOUT layout) for $MACHINE"

# The runtime: required. Wheels cannot hold symlinks, so it goes in under its
# soname (what DT_NEEDED asks for) and its plain name (what the driver loads).
for name in libSpeIRRuntimeLibs.so.0 libSpeIRRuntimeLibs.so; do
  if [ ! -e "$SPEIR_LIB_DIR/$name" ]; then
    note "no $name in $SPEIR_LIB_DIR"
    exit 1
  fi
  stage_binary "$SPEIR_LIB_DIR/$name" "$STAGING/lib"
done
# The wheel does not carry libmimalloc, and a runtime linking it crashes a
# Python that loaded libstdc++ first (runtime/CMakeLists.txt, SPINE_RUNTIME_USE_MIMALLOC).
if readelf -d "$STAGING/lib/libSpeIRRuntimeLibs.so" | grep -q 'NEEDED.*libmimalloc'; then
  note "$SPEIR_LIB_DIR/libSpeIRRuntimeLibs.so links libmimalloc: rebuild the runtime with -DSPINE_RUNTIME_USE_MIMALLOC=OFF"
  exit 1
fi
[ -f "$TRITON_RUNTIME" ] || { note "no $TRITON_RUNTIME"; exit 1; }
stage_binary "$TRITON_RUNTIME" "$STAGING/_C"

# The compiler: bundled when built for this machine (a riscv64 spine-opt needs
# riscv64 LLVM/MLIR libraries; without it the wheel relies on SPINE_MLIR_OPT_PATH).
if [ -f "$SPINE_OPT" ]; then
  stage_binary "$SPINE_OPT" "$STAGING/bin"
else
  note "no spine-opt in $ARTIFACTS/bin: not bundled; set SPINE_MLIR_OPT_PATH where the wheel is used"
fi

# LLVM's tools, when present and for this machine.
for tool in llc opt mlir-translate; do
  found=""
  for candidate in "$LLVM_DIR/$tool" "$LLVM_DIR/bin/$tool"; do
    [ -n "$LLVM_DIR" ] && [ -f "$candidate" ] && { found=$candidate; break; }
  done
  if [ -z "$found" ]; then
    note "$tool not found in '$LLVM_DIR': not bundled (LLVM_BINARY_DIR must point at one)"
  elif [ "$(elf_machine "$found")" != "$MACHINE" ]; then
    note "$found is not a $MACHINE binary: not bundled"
  else
    cp -L "$found" "$STAGING/bin/"
  fi
done

if [ -n "$SPINE_TRITON_OPT" ]; then
  stage_binary "$SPINE_TRITON_OPT" "$STAGING/bin"
  [ "$(basename "$SPINE_TRITON_OPT")" = spine-triton-opt ] ||
    mv "$STAGING/bin/$(basename "$SPINE_TRITON_OPT")" "$STAGING/bin/spine-triton-opt"
else
  note "no spine-triton-opt given (argument 4 or SPINE_TRITON_OPT_PATH): not bundled"
fi

# The LLVM/MLIR shared libraries the bundled tools load (libLLVM, libMLIR):
# they find them through RUNPATH $ORIGIN/../lib, i.e. the wheel's lib/. Skip
# with SPINE_WHEEL_BUNDLE_LLVM_LIBS=0 when the target has LLVM 22 installed.
if [ "${SPINE_WHEEL_BUNDLE_LLVM_LIBS:-1}" != 0 ] && [ -n "$LLVM_DIR" ] && [ -d "$LLVM_DIR/lib" ]; then
  for tool in "$STAGING"/bin/*; do
    [ -f "$tool" ] || continue
    for needed in $(readelf -d "$tool" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'); do
      if [ -e "$LLVM_DIR/lib/$needed" ] && [ ! -e "$STAGING/lib/$needed" ]; then
        stage_binary "$LLVM_DIR/lib/$needed" "$STAGING/lib"
      fi
    done
  done
fi

# The headers keep their directories: the launcher includes "speir/spine_runtime.h".
mkdir -p "$STAGING/include/speir" "$STAGING/include/spine_triton"
cp "$ROOT"/runtime/include/speir/*.h "$STAGING/include/speir/"
cp "$ROOT"/runtime/triton/include/spine_triton/*.h "$STAGING/include/spine_triton/"

mkdir -p "$DIST_DIR"
python_build=$(mktemp -d)
trap 'rm -rf "$STAGING" "$python_build"' EXIT
(
  cd "$ROOT"
  SPINE_TRITON_WHEEL_STAGING=$STAGING "$PYTHON" setup.py -q \
    egg_info --egg-base "$python_build" \
    build --build-base "$python_build/build" \
    bdist_wheel --plat-name "$PLAT_NAME" --bdist-dir "$python_build/bdist" --dist-dir "$DIST_DIR" >&2
)
wheel=$(ls -t "$DIST_DIR"/triton_spacemit_backend-*-py3-none-"${PLAT_NAME//-/_}".whl | head -1)
note "bundled: $(cd "$STAGING" && find bin lib _C -mindepth 1 | sort | tr '\n' ' ')"
echo "$wheel"

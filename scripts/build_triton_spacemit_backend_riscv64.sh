#!/usr/bin/env bash
# Cross-builds the backend for riscv64 Linux (SpacemiT K1/K3) from x86-64.
#
#   RISCV_ROOT_PATH=<toolchain> scripts/build_triton_spacemit_backend_riscv64.sh \
#       <llvm-cross-dir> <target> <build-type> [install] [cmake args...]
#
#   llvm-cross-dir  an LLVM/MLIR 22 built for riscv64 (lib/cmake/mlir/MLIRConfig.cmake,
#                   riscv64 libMLIR/libLLVM); "" or a directory without them skips
#                   the compiler, saying so
#   target          runtime   libSpeIRRuntimeLibs.so + libSpineTritonRuntime.so (no LLVM)
#                   compiler  spine-opt (needs llvm-cross-dir)
#                   all       both
#   build-type      Release, Debug, RelWithDebInfo, MinSizeRel
#   install         also install into build/riscv64/<target>/<build-type>/installed
#   cmake args      passed to the runtime's configure, e.g.
#                   -DTRITON_SPACEMIT_BACKEND_ENABLE_RUNTIME_TESTS=ON (then the tests
#                   run under qemu-riscv64 unless SPINE_RUN_TESTS=0; SPINE_CTEST_ARGS
#                   adds ctest arguments, e.g. "-R SpineTriton")
#
# RISCV_ROOT_PATH, the toolchain, in one of two layouts:
#   SpacemiT's   <root>/bin/clang++ (or bin/riscv64-unknown-linux-gnu-g++) and <root>/sysroot
#   Debian's     /usr (default): clang-22 + the g++-riscv64-linux-gnu sysroot
#                /usr/riscv64-linux-gnu, through cmake/riscv64-linux-gnu.cmake
# Build dir: build/riscv64/<target>/<build-type>/{runtime,compiler}. JOBS (default 2).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

if [ $# -lt 3 ]; then
  sed -n '2,24p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
fi
LLVM_CROSS_DIR=$1
TARGET=$2
BUILD_TYPE=$3
shift 3
INSTALL=0
if [ "${1:-}" = install ]; then
  INSTALL=1
  shift
fi
EXTRA_CMAKE_ARGS=("$@")
JOBS=${JOBS:-2}
RISCV_ROOT_PATH=${RISCV_ROOT_PATH:-/usr}

case "$TARGET" in runtime|compiler|all) ;; *)
  echo "riscv64: target must be runtime, compiler or all, not '$TARGET'" >&2; exit 2 ;;
esac
case "$BUILD_TYPE" in Release|Debug|RelWithDebInfo|MinSizeRel) ;; *)
  echo "riscv64: unknown build type '$BUILD_TYPE'" >&2; exit 2 ;;
esac

OUT=$ROOT/build/riscv64/$TARGET/$BUILD_TYPE
PREFIX=$OUT/installed
say() { echo "riscv64: $*"; }

# The toolchain, as cmake arguments.
toolchain_args=()
if [ -d "$RISCV_ROOT_PATH/sysroot" ] && { [ -x "$RISCV_ROOT_PATH/bin/clang++" ] ||
                                          [ -x "$RISCV_ROOT_PATH/bin/riscv64-unknown-linux-gnu-g++" ]; }; then
  sysroot=$RISCV_ROOT_PATH/sysroot
  march="-march=rv64gcv_zfh_zvfh -mabi=lp64d"
  if [ -x "$RISCV_ROOT_PATH/bin/clang++" ]; then
    say "SpacemiT toolchain (clang) at $RISCV_ROOT_PATH"
    cc=$RISCV_ROOT_PATH/bin/clang cxx=$RISCV_ROOT_PATH/bin/clang++
    toolchain_args+=(-DCMAKE_C_COMPILER_TARGET=riscv64-unknown-linux-gnu
                     -DCMAKE_CXX_COMPILER_TARGET=riscv64-unknown-linux-gnu
                     -DCMAKE_ASM_COMPILER_TARGET=riscv64-unknown-linux-gnu)
    march="$march --gcc-toolchain=$RISCV_ROOT_PATH"
  else
    say "SpacemiT toolchain (gcc) at $RISCV_ROOT_PATH"
    cc=$RISCV_ROOT_PATH/bin/riscv64-unknown-linux-gnu-gcc cxx=$RISCV_ROOT_PATH/bin/riscv64-unknown-linux-gnu-g++
  fi
  toolchain_args+=(-DCMAKE_SYSTEM_NAME=Linux -DCMAKE_SYSTEM_PROCESSOR=riscv64
                   -DCMAKE_C_COMPILER="$cc" -DCMAKE_CXX_COMPILER="$cxx" -DCMAKE_ASM_COMPILER="$cc"
                   -DCMAKE_SYSROOT="$sysroot" -DCMAKE_C_FLAGS_INIT="$march" -DCMAKE_CXX_FLAGS_INIT="$march"
                   -DCMAKE_ASM_FLAGS_INIT="$march"
                   -DCMAKE_FIND_ROOT_PATH_MODE_PROGRAM=NEVER -DCMAKE_FIND_ROOT_PATH_MODE_LIBRARY=ONLY
                   -DCMAKE_FIND_ROOT_PATH_MODE_INCLUDE=ONLY -DCMAKE_FIND_ROOT_PATH_MODE_PACKAGE=ONLY)
  if command -v qemu-riscv64 >/dev/null; then
    toolchain_args+=("-DCMAKE_CROSSCOMPILING_EMULATOR=$(command -v qemu-riscv64);-L;$sysroot;-cpu;rv64,v=true,vlen=256,Zfh=true")
  fi
elif [ -d "$RISCV_ROOT_PATH/riscv64-linux-gnu/lib" ] || [ -d "$RISCV_ROOT_PATH/lib/riscv64-linux-gnu" ] &&
     [ "$RISCV_ROOT_PATH" = /usr ]; then
  say "Debian toolchain: clang-22 + $RISCV_ROOT_PATH/riscv64-linux-gnu"
  toolchain_args+=(-DCMAKE_TOOLCHAIN_FILE="$ROOT/cmake/riscv64-linux-gnu.cmake"
                   -DSPINE_RISCV_SYSROOT="$RISCV_ROOT_PATH/riscv64-linux-gnu")
else
  echo "riscv64: RISCV_ROOT_PATH=$RISCV_ROOT_PATH is neither SpacemiT's toolchain (bin/clang++ or" \
       "bin/riscv64-unknown-linux-gnu-g++, sysroot/) nor Debian's (/usr with g++-riscv64-linux-gnu)" >&2
  exit 1
fi

build_runtime() {
  local dir=$OUT/runtime tests=OFF arg
  for arg in "${EXTRA_CMAKE_ARGS[@]}"; do
    [[ $arg == -DTRITON_SPACEMIT_BACKEND_ENABLE_RUNTIME_TESTS=ON ]] && tests=ON
  done
  say "runtime ($BUILD_TYPE) -> $dir"
  cmake -G Ninja -S "$ROOT/runtime" -B "$dir" -DCMAKE_BUILD_TYPE="$BUILD_TYPE" \
    -DCMAKE_INSTALL_PREFIX="$PREFIX" -DSPINE_RUNTIME_BUILD_BENCHMARKS=OFF \
    "${toolchain_args[@]}" "${EXTRA_CMAKE_ARGS[@]}" >/dev/null
  cmake --build "$dir" -j "$JOBS"
  say "built $(cd "$dir" && ls libSpeIRRuntimeLibs.so triton/libSpineTritonRuntime.so | tr '\n' ' ')"
  if [ "$tests" = ON ] && [ "${SPINE_RUN_TESTS:-1}" != 0 ]; then
    say "running the runtime tests under qemu-riscv64"
    # SPINE_CTEST_ARGS narrows the run, e.g. "-R SpineTriton".
    (cd "$dir" && ctest -j "$JOBS" --timeout 600 --output-on-failure ${SPINE_CTEST_ARGS:-})
  fi
  if [ "$INSTALL" = 1 ]; then
    cmake --install "$dir" >/dev/null
    say "installed the runtime into $PREFIX"
  fi
}

# A riscv64 LLVM/MLIR: MLIRConfig.cmake and riscv64 shared libraries.
has_riscv64_mlir() {
  local config=$LLVM_CROSS_DIR/lib/cmake/mlir/MLIRConfig.cmake lib
  [ -n "$LLVM_CROSS_DIR" ] && [ -f "$config" ] || return 1
  for lib in "$LLVM_CROSS_DIR"/lib/libMLIR*.so* "$LLVM_CROSS_DIR"/lib/libLLVM*.so* "$LLVM_CROSS_DIR"/lib/libMLIR*.a; do
    [ -f "$lib" ] || continue
    python3 - "$lib" <<'PY' && return 0
import sys
with open(sys.argv[1], "rb") as f:
    header = f.read(20)
sys.exit(0 if header[:4] == b"\x7fELF" and int.from_bytes(header[18:20], "little") == 243 or
         header[:7] == b"!<arch>" else 1)
PY
  done
  return 1
}

build_compiler() {
  if ! has_riscv64_mlir; then
    say "SKIPPING the compiler (spine-opt): '$LLVM_CROSS_DIR' holds no riscv64 LLVM/MLIR 22" \
        "(lib/cmake/mlir/MLIRConfig.cmake and riscv64 libMLIR/libLLVM). Build LLVM with" \
        "-DLLVM_ENABLE_PROJECTS=mlir for riscv64 and pass its install directory."
    return 0
  fi
  local dir=$OUT/compiler
  say "compiler ($BUILD_TYPE) against $LLVM_CROSS_DIR -> $dir"
  # Tablegen runs on the build machine: the host's LLVM 22 tools.
  cmake -G Ninja -S "$ROOT" -B "$dir" -DCMAKE_BUILD_TYPE="$BUILD_TYPE" -DCMAKE_INSTALL_PREFIX="$PREFIX" \
    -DMLIR_DIR="$LLVM_CROSS_DIR/lib/cmake/mlir" -DSPINE_BUILD_RUNTIME=OFF \
    -DLLVM_TABLEGEN_EXE=/usr/lib/llvm-22/bin/llvm-tblgen -DMLIR_TABLEGEN_EXE=/usr/lib/llvm-22/bin/mlir-tblgen \
    -DLLVM_EXTERNAL_LIT=/usr/lib/llvm-22/bin/lit "${toolchain_args[@]}" >/dev/null
  cmake --build "$dir" --target spine-opt -j "$JOBS"
  if [ "$INSTALL" = 1 ]; then
    mkdir -p "$PREFIX/bin"
    cp "$dir/bin/spine-opt" "$PREFIX/bin/"
    say "installed spine-opt into $PREFIX/bin"
  fi
}

case "$TARGET" in
  runtime) build_runtime ;;
  compiler) build_compiler ;;
  all) build_runtime; build_compiler ;;
esac
say "done: $OUT"

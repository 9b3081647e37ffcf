#!/usr/bin/env bash
# One build entry: installs what is missing (Debian 12, as root), then
# configures and builds the compiler and the runtime into build/.
# Idempotent: a second run only rebuilds what changed. Last, build/venv gets
# requirements.txt (the TTIR corpus's Triton and torch) with the python3 first
# on PATH (a 3.11), reinstalled only when requirements.txt changes.
#
#   scripts/setup.sh            # build/ (Release)
#   BUILD_TYPE=Debug scripts/setup.sh
#   MLIR_DIR=/path/to/lib/cmake/mlir scripts/setup.sh   # another LLVM 22
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD_DIR=${BUILD_DIR:-$ROOT/build}
BUILD_TYPE=${BUILD_TYPE:-Release}
JOBS=${JOBS:-$(nproc)}

PACKAGES=(
  cmake ninja-build g++ git
  llvm-22-dev libmlir-22-dev mlir-22-tools llvm-22-tools clang-22 lld-22 clang-format-22
  googletest libopenblas-dev libmimalloc-dev
  qemu-user gcc-riscv64-linux-gnu g++-riscv64-linux-gnu
  python3 python3-dev python3-numpy python3-pytest python3-pytest-xdist python3-setuptools python3-wheel python3-venv
)

missing_packages() {
  local p
  for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || echo "$p"
  done
}

install_packages() {
  if ! command -v dpkg-query >/dev/null 2>&1 || [ ! -f /etc/debian_version ]; then
    echo "setup.sh: not a Debian system. Install these (or equivalents) and re-run:" >&2
    printf '  %s\n' "${PACKAGES[@]}" >&2
    echo "LLVM/MLIR must be version 22; set MLIR_DIR to its lib/cmake/mlir." >&2
    exit 1
  fi
  local missing
  missing=$(missing_packages)
  [ -z "$missing" ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    echo "setup.sh: missing packages; as root run:" >&2
    echo "  apt-get update && apt-get install -y $(echo $missing)" >&2
    exit 1
  fi
  echo "setup.sh: installing $(echo $missing)"
  apt-get update -qq
  # Debian 12 and 13 both carry these names; a release or mirror without one
  # of them (LLVM 22 comes from the archive's security/backport updates) is
  # named here rather than left to apt's error.
  local p unavailable=()
  for p in $missing; do
    apt-cache show "$p" >/dev/null 2>&1 || unavailable+=("$p")
  done
  if [ ${#unavailable[@]} -gt 0 ]; then
    echo "setup.sh: Debian $(cat /etc/debian_version) has no package for: ${unavailable[*]}" >&2
    echo "  Add an archive that has them (for LLVM/MLIR 22: apt.llvm.org's llvm-toolchain-22)," >&2
    echo "  or install LLVM/MLIR 22 elsewhere and re-run with MLIR_DIR=<prefix>/lib/cmake/mlir." >&2
    exit 1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
}

if [ -z "${MLIR_DIR:-}" ]; then
  install_packages
fi

# build/venv: requirements.txt into a venv of the python3 first on PATH (never
# the system Python's site-packages). Done again only when requirements.txt
# changes (its hash in a stamp). Anything short of it (no Python 3.11, no
# CPU torch wheel, pip failing) warns and leaves the compiler build alone;
# scripts/test.sh then reports the TTIR corpus suites as failed.
setup_venv() {
  local venv=$BUILD_DIR/venv req=$ROOT/requirements.txt hash version torch
  hash=$(sha256sum "$req" | cut -d' ' -f1)
  [ "$(cat "$venv/.requirements.sha256" 2>/dev/null)" = "$hash" ] && "$venv/bin/python" -c '' 2>/dev/null &&
    return 0
  version=$(python3 -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null || echo none)
  if [ "$version" != 3.11 ]; then
    echo "setup.sh: WARNING: no build/venv: python3 on PATH is $version, but the pinned torch wheel" >&2
    echo "  (requirements.txt) needs a Python 3.11 (e.g. pyenv install 3.11, first on PATH); re-run." >&2
    return 0
  fi
  # Only torch's CPU build (local version +cpu) may satisfy the torch pin.
  torch=$(sed -n 's/^torch==\([^ #]*\).*/torch==\1+cpu/p' "$req")
  echo "setup.sh: installing requirements.txt into $venv"
  rm -f "$venv/.requirements.sha256"
  if python3 -m venv "$venv" && "$venv/bin/pip" install -q -r "$req" -c <(echo "$torch") &&
     "$venv/bin/python" -c 'import torch, triton; assert torch.version.cuda is None'; then
    echo "$hash" >"$venv/.requirements.sha256"
  else
    echo "setup.sh: WARNING: build/venv incomplete (pip failed, or no $torch wheel); see above" >&2
  fi
}

cmake_args=(-G Ninja -S "$ROOT" -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE="$BUILD_TYPE")
[ -n "${MLIR_DIR:-}" ] && cmake_args+=(-DMLIR_DIR="$MLIR_DIR")
if [ ! -f "$BUILD_DIR/build.ninja" ] || [ -n "${MLIR_DIR:-}" ]; then
  cmake "${cmake_args[@]}" >/dev/null
fi
cmake --build "$BUILD_DIR" -j "$JOBS"
setup_venv
# The plugin, editable, into build/venv: Triton finds it by its entry point (test/triton).
if [ -f "$BUILD_DIR/venv/.requirements.sha256" ]; then
  "$ROOT/scripts/install-plugin-dev.sh" "$BUILD_DIR/venv/bin/python" ||
    echo "setup.sh: WARNING: could not install the plugin into build/venv; test/triton will fail" >&2
fi
echo "setup.sh: built into $BUILD_DIR (spine-opt: $BUILD_DIR/bin/spine-opt)"

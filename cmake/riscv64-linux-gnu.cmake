# Cross toolchain for riscv64 Linux with RVV: clang-22 targeting Debian's
# riscv64 sysroot (gcc-riscv64-linux-gnu, g++-riscv64-linux-gnu), linked with
# lld. GCC 12 has no RVV intrinsics, hence clang.
#
# Tests run under qemu-riscv64 through CMAKE_CROSSCOMPILING_EMULATOR; the VLEN
# used there is SPINE_QEMU_VLEN (default 256).
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR riscv64)

set(SPINE_RISCV_CLANG_BIN "/usr/lib/llvm-22/bin" CACHE PATH "Directory holding clang/clang++ 22")
set(SPINE_RISCV_SYSROOT "/usr/riscv64-linux-gnu" CACHE PATH "riscv64 sysroot (Debian cross libc)")
set(SPINE_RISCV_MARCH "rv64gcv_zfh_zvfh" CACHE STRING "Baseline -march for the runtime")
set(SPINE_QEMU_VLEN "256" CACHE STRING "VLEN qemu-riscv64 runs tests with")

set(CMAKE_C_COMPILER "${SPINE_RISCV_CLANG_BIN}/clang")
set(CMAKE_CXX_COMPILER "${SPINE_RISCV_CLANG_BIN}/clang++")
set(CMAKE_ASM_COMPILER "${SPINE_RISCV_CLANG_BIN}/clang")
set(_spine_triple riscv64-linux-gnu)
set(CMAKE_C_COMPILER_TARGET ${_spine_triple})
set(CMAKE_CXX_COMPILER_TARGET ${_spine_triple})
set(CMAKE_ASM_COMPILER_TARGET ${_spine_triple})

set(_spine_flags "--gcc-toolchain=/usr -march=${SPINE_RISCV_MARCH} -mabi=lp64d")
set(CMAKE_C_FLAGS_INIT "${_spine_flags}")
set(CMAKE_CXX_FLAGS_INIT "${_spine_flags}")
set(CMAKE_ASM_FLAGS_INIT "${_spine_flags}")
set(CMAKE_EXE_LINKER_FLAGS_INIT "-fuse-ld=lld")
set(CMAKE_SHARED_LINKER_FLAGS_INIT "-fuse-ld=lld")

set(CMAKE_FIND_ROOT_PATH "${SPINE_RISCV_SYSROOT}")
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)

find_program(SPINE_QEMU_RISCV64 qemu-riscv64)
if(SPINE_QEMU_RISCV64)
  # qemu 7.2 spells half precision "Zfh" and has no Zvfh property at all, so
  # the emulated CPU lacks Zvfh even though -march enables it: code that uses
  # Zvfh instructions cannot be tested here. The VLEN is read when a test
  # runs, so one build serves several: SPINE_QEMU_VLEN=128 ctest ...
  set(CMAKE_CROSSCOMPILING_EMULATOR
      "/bin/sh;-c;exec ${SPINE_QEMU_RISCV64} -L ${SPINE_RISCV_SYSROOT} -cpu rv64,v=true,vext_spec=v1.0,vlen=\${SPINE_QEMU_VLEN:-${SPINE_QEMU_VLEN}},Zfh=true,zba=true,zbb=true,zbs=true \"\$0\" \"\$@\"")
endif()

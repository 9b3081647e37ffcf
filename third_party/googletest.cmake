# GoogleTest from Debian's `googletest` source package (/usr/src/googletest),
# built as part of the project so it matches our compiler and target.
# Override with -DSPINE_GOOGLETEST_SOURCE_DIR=... for another checkout.
if(TARGET gtest_main)
  return()
endif()
set(SPINE_GOOGLETEST_SOURCE_DIR "/usr/src/googletest" CACHE PATH
    "GoogleTest source tree (Debian: apt-get install googletest)")
if(NOT EXISTS "${SPINE_GOOGLETEST_SOURCE_DIR}/CMakeLists.txt")
  message(FATAL_ERROR "GoogleTest sources not found at ${SPINE_GOOGLETEST_SOURCE_DIR}; "
                      "install Debian's 'googletest' package or set SPINE_GOOGLETEST_SOURCE_DIR")
endif()
set(INSTALL_GTEST OFF CACHE BOOL "" FORCE)
set(BUILD_GMOCK OFF CACHE BOOL "" FORCE)
add_subdirectory("${SPINE_GOOGLETEST_SOURCE_DIR}" "${CMAKE_BINARY_DIR}/third_party/googletest" EXCLUDE_FROM_ALL)
include(GoogleTest)

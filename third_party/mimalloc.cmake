# Optional mimalloc from Debian's libmimalloc-dev. Sets SPINE_HAVE_MIMALLOC
# and the imported target mimalloc when found.
if(NOT SPINE_RUNTIME_USE_MIMALLOC)
  set(SPINE_HAVE_MIMALLOC OFF)
  return()
endif()
find_package(mimalloc CONFIG QUIET)
if(mimalloc_FOUND AND (TARGET mimalloc OR TARGET mimalloc-static))
  set(SPINE_HAVE_MIMALLOC ON)
  message(STATUS "mimalloc found: aligned allocations use mimalloc")
else()
  set(SPINE_HAVE_MIMALLOC OFF)
  message(STATUS "mimalloc not found: aligned allocations use the C library")
endif()

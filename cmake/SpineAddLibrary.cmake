# spine_add_library(name sources... [DEPENDS targets...] [MLIR_LIBS libs...] [LIBS libs...])
# An MLIR library of this project. MLIR_LIBS go through
# mlir_target_link_libraries so that, with Debian's libMLIR.so, we link the
# dylib instead of static archives (fast links, one copy of MLIR's globals).
function(spine_add_library name)
  cmake_parse_arguments(ARG "" "" "DEPENDS;MLIR_LIBS;LIBS" ${ARGN})
  add_mlir_library(${name} ${ARG_UNPARSED_ARGUMENTS}
    EXCLUDE_FROM_LIBMLIR DISABLE_INSTALL
    DEPENDS ${ARG_DEPENDS}
    LINK_LIBS PUBLIC ${ARG_LIBS})
  if(ARG_MLIR_LIBS)
    mlir_target_link_libraries(${name} PUBLIC ${ARG_MLIR_LIBS})
  endif()
endfunction()

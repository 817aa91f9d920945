# One static library per folder of src/, linking only what DESIGN.md §1 allows, so that a
# forbidden include fails the build instead of waiting for a reviewer.
#
#   glancer_module(<name> [DEPS <module>…] [PRIVATE_DEPS <module>…]
#                         [LIBS <target>…] [PRIVATE_LIBS <target>…] [EXCLUDE <file>…])
#
# builds the library glancer_<name> from src/<name>/*.cpp (less the EXCLUDE file names).
#
# How the rule is enforced: src/ itself is on no target's include path. Each module gets an
# include root of its own, <build>/modules/<name>, holding a single symlink <name> -> src/<name>,
# and exposes only that root (PUBLIC). A file therefore reaches "<module>/x.h" only when its
# target links that module, directly or through a PUBLIC dependency; anything else fails with
# "fatal error: <module>/x.h: No such file or directory". (A quoted include is first looked up
# beside the including file, i.e. in src/<name>/ or the symlink, where no module folder lives.)
#
# DEPS are the modules the module's own headers include: PUBLIC, so its users see them too.
# PRIVATE_DEPS are used only by its .cpp files and stay invisible to its users. LIBS and
# PRIVATE_LIBS are the same split for external libraries (imported targets). Modules must be
# declared after the modules they use.
function(glancer_module name)
  cmake_parse_arguments(PARSE_ARGV 1 M "" "" "DEPS;PRIVATE_DEPS;LIBS;PRIVATE_LIBS;EXCLUDE")
  if(M_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "glancer_module(${name}): unknown arguments ${M_UNPARSED_ARGUMENTS}")
  endif()
  set(folder "${PROJECT_SOURCE_DIR}/src/${name}")
  if(NOT IS_DIRECTORY "${folder}")
    message(FATAL_ERROR "glancer_module(${name}): no folder src/${name}")
  endif()
  file(GLOB sources CONFIGURE_DEPENDS "${folder}/*.cpp")
  foreach(excluded ${M_EXCLUDE})
    list(REMOVE_ITEM sources "${folder}/${excluded}")
  endforeach()

  set(root "${PROJECT_BINARY_DIR}/modules/${name}")
  file(MAKE_DIRECTORY "${root}")
  file(CREATE_LINK "${folder}" "${root}/${name}" SYMBOLIC)

  set(target glancer_${name})
  add_library(${target} STATIC ${sources})
  target_include_directories(${target} PUBLIC "${root}")
  target_compile_options(${target} PRIVATE ${GLANCER_WARNINGS})
  foreach(scope PUBLIC PRIVATE)
    if(scope STREQUAL "PUBLIC")
      set(deps ${M_DEPS})
      set(libs ${M_LIBS})
    else()
      set(deps ${M_PRIVATE_DEPS})
      set(libs ${M_PRIVATE_LIBS})
    endif()
    foreach(dep ${deps})
      if(NOT TARGET glancer_${dep})
        message(FATAL_ERROR "glancer_module(${name}): module `${dep}` is not declared (yet)")
      endif()
      target_link_libraries(${target} ${scope} glancer_${dep})
    endforeach()
    if(libs)
      target_link_libraries(${target} ${scope} ${libs})
    endif()
  endforeach()
  set_property(GLOBAL APPEND PROPERTY GLANCER_MODULES ${target})
endfunction()

# Writes the shell completions and the man page that glancer generates from its own CLI11
# definition (`glancer completion bash|zsh`, `glancer man`) into DIR. Run at build time by the
# glancer_docs target (cmake/Packaging.cmake) whenever the binary is relinked.
#
#   cmake -DGLANCER=<build/glancer> -DDIR=<output dir> -P GenerateDocs.cmake

foreach(required GLANCER DIR)
  if(NOT DEFINED ${required})
    message(FATAL_ERROR "GenerateDocs.cmake: -D${required}=… is required")
  endif()
endforeach()

function(glancer_generate file)
  execute_process(COMMAND "${GLANCER}" ${ARGN} OUTPUT_FILE "${DIR}/${file}" RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "`glancer ${ARGN}` failed (${rc})")
  endif()
endfunction()

file(MAKE_DIRECTORY "${DIR}")
glancer_generate(glancer.bash completion bash)
glancer_generate(_glancer completion zsh)
glancer_generate(glancer.1 man)
# Debian installs man pages gzipped; -n keeps the archive free of a timestamp (reproducible).
find_program(GZIP gzip REQUIRED)
execute_process(COMMAND "${GZIP}" -9 -n -c "${DIR}/glancer.1" OUTPUT_FILE "${DIR}/glancer.1.gz"
  RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "gzip of the man page failed (${rc})")
endif()

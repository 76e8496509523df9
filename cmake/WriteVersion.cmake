# Writes sim/version.hpp from version.hpp.in with the commit the sources are at *now*: run at every
# build (cmake -P), not only at configure time, so that a manifest or a recording never names a
# stale commit. configure_file rewrites the header only when its text changes, so an unchanged
# commit recompiles nothing.
# Inputs: SOURCE_DIR, IN, OUT, PROJECT_VERSION, CMAKE_BUILD_TYPE.
execute_process(COMMAND git describe --always --dirty WORKING_DIRECTORY ${SOURCE_DIR}
                OUTPUT_VARIABLE ROADSIDE_GIT_DESCRIBE OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
if(NOT ROADSIDE_GIT_DESCRIBE)
  set(ROADSIDE_GIT_DESCRIBE "unknown")
endif()
configure_file(${IN} ${OUT} @ONLY)

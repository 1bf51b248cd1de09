# Installs the build into a fresh prefix and checks that the installed
# influxctl finds its installed plugins (not the build tree's) and creates a
# token through the demo profile. Run by ctest with -DBUILD_DIR, -DSOURCE_DIR
# and -DPREFIX.
file(REMOVE_RECURSE "${PREFIX}")
execute_process(COMMAND "${CMAKE_COMMAND}" --install "${BUILD_DIR}" --prefix "${PREFIX}"
                RESULT_VARIABLE rc OUTPUT_QUIET)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "cmake --install failed: ${rc}")
endif()

set(ENV{INFLUXCTL_PLUGIN_PATH} "")
execute_process(COMMAND "${PREFIX}/bin/influxctl" plugins describe mock
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0 OR NOT out MATCHES "file: ${PREFIX}/lib/influxctl/plugins/influxctl-plugin-mock.so")
  message(FATAL_ERROR "installed influxctl did not find its installed mock plugin:\n${out}\n${err}")
endif()

execute_process(COMMAND "${PREFIX}/bin/influxctl" --config "${SOURCE_DIR}/configs/demo.toml"
                        management create --description "install check"
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0 OR NOT out MATCHES "\nM\\.V1\\.[^\n]+\n$")
  message(FATAL_ERROR "installed influxctl failed to create a token (${rc}):\n${out}\n${err}")
endif()
file(REMOVE_RECURSE "${PREFIX}")

# Installs the build into a fresh prefix and checks that the installed
# influxctl finds its installed plugins (not the build tree's), creates a
# token through the demo profile, and that an https profile finds the
# installed TLS module (and says so clearly when it is missing). Run by ctest with -DBUILD_DIR, -DSOURCE_DIR
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
# An https profile loads the TLS module when its transport starts; a dry run
# goes that far without any network call.
file(WRITE "${PREFIX}/https.toml" "[[profile]]\nname = \"default\"\nproduct = \"clustered\"\n"
     "host = \"localhost\"\nport = \"1\"\nmgmt_token = \"install-check\"\n"
     "[profile.transport]\nplugin = \"rest\"\n")
execute_process(COMMAND "${PREFIX}/bin/influxctl" --config "${PREFIX}/https.toml"
                        management create --dry-run
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0 OR NOT out MATCHES "https://localhost:1/")
  message(FATAL_ERROR "installed influxctl could not start an https transport (${rc}):\n${out}\n${err}")
endif()
file(REMOVE "${PREFIX}/lib/libinfluxctl-tls.so")
execute_process(COMMAND "${PREFIX}/bin/influxctl" --config "${PREFIX}/https.toml"
                        management create --dry-run
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 2 OR NOT err MATCHES "TLS module ${PREFIX}/lib/libinfluxctl-tls.so is missing")
  message(FATAL_ERROR "a missing TLS module did not give a clear error (${rc}):\n${out}\n${err}")
endif()
file(REMOVE_RECURSE "${PREFIX}")

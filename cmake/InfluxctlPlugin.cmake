# influxctl_add_plugin(NAME <name> SOURCES <files...> [LIBRARIES <targets...>]
#                      [OUTPUT_DIRECTORY <dir>] [NO_INSTALL])
#
# Builds a plugin the engine can load by name: a MODULE library called
# influxctl-plugin-<name>.so with hidden symbols (only the descriptor alias is
# exported), a RUNPATH that finds libinfluxctl-core two folders up, linked
# against the SDK. Installed into lib/influxctl/plugins unless NO_INSTALL.
function(influxctl_add_plugin)
  cmake_parse_arguments(PLUGIN "NO_INSTALL" "NAME;OUTPUT_DIRECTORY" "SOURCES;LIBRARIES" ${ARGN})
  if(NOT PLUGIN_NAME OR NOT PLUGIN_SOURCES)
    message(FATAL_ERROR "influxctl_add_plugin needs NAME and SOURCES")
  endif()
  if(NOT PLUGIN_OUTPUT_DIRECTORY)
    set(PLUGIN_OUTPUT_DIRECTORY "${INFLUXCTL_PLUGIN_OUTPUT_DIRECTORY}")
  endif()

  set(target "influxctl-plugin-${PLUGIN_NAME}")
  add_library(${target} MODULE ${PLUGIN_SOURCES})
  target_link_libraries(${target} PRIVATE influxctl::core ${PLUGIN_LIBRARIES})
  set_target_properties(${target} PROPERTIES
    PREFIX ""
    OUTPUT_NAME "${target}"
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON
    LIBRARY_OUTPUT_DIRECTORY "${PLUGIN_OUTPUT_DIRECTORY}"
    INSTALL_RPATH "$ORIGIN/../..")
  if(NOT PLUGIN_NO_INSTALL)
    install(TARGETS ${target} LIBRARY DESTINATION "${INFLUXCTL_PLUGIN_DIR}")
  endif()
endfunction()

# SPDX-License-Identifier: Apache-2.0
#
# influxctl_add_plugin(NAME <name> SOURCES <files...> [LIBRARIES <targets...>]
#                      [OUTPUT_DIRECTORY <dir>] [NO_INSTALL])
#
# Builds a plugin the engine can load by name: a MODULE library called
# influxctl-plugin-<name>.so with hidden symbols (only the descriptor alias is
# exported), built as C++20 against the SDK (influxctl::core), with a RUNPATH
# that finds libinfluxctl-core two folders up. Installed into
# lib/influxctl/plugins of the install prefix unless NO_INSTALL.
#
# The same file serves two builds. In this source tree, InfluxctlLayout.cmake
# has set the folders and plugins land in the build's lib/influxctl/plugins.
# Installed with the influxctl CMake package (find_package(influxctl)), it
# builds plugins out of tree against an installed engine; they land in
# <build>/lib/influxctl/plugins, the folder to name in INFLUXCTL_PLUGIN_PATH
# or a config's plugin_paths. See docs/plugin-sdk.md.
function(influxctl_add_plugin)
  cmake_parse_arguments(PLUGIN "NO_INSTALL" "NAME;OUTPUT_DIRECTORY" "SOURCES;LIBRARIES" ${ARGN})
  if(NOT PLUGIN_NAME OR NOT PLUGIN_SOURCES)
    message(FATAL_ERROR "influxctl_add_plugin needs NAME and SOURCES")
  endif()
  if(NOT PLUGIN_NAME MATCHES "^[a-z0-9_-]+$")
    message(FATAL_ERROR "influxctl_add_plugin: NAME \"${PLUGIN_NAME}\" may hold only lower-case "
                        "letters, digits, '-' and '_': the engine finds plugins by that name")
  endif()
  if(NOT TARGET influxctl::core)
    message(FATAL_ERROR "influxctl_add_plugin needs the target influxctl::core; call "
                        "find_package(influxctl CONFIG REQUIRED) first")
  endif()

  # The layout's folders in tree; the package's (or the usual ones) out of tree.
  set(plugin_dir "${INFLUXCTL_PLUGIN_DIR}")
  if(NOT plugin_dir)
    set(plugin_dir lib/influxctl/plugins)
  endif()
  if(NOT PLUGIN_OUTPUT_DIRECTORY)
    if(INFLUXCTL_PLUGIN_OUTPUT_DIRECTORY)
      set(PLUGIN_OUTPUT_DIRECTORY "${INFLUXCTL_PLUGIN_OUTPUT_DIRECTORY}")
    else()
      set(PLUGIN_OUTPUT_DIRECTORY "${CMAKE_BINARY_DIR}/${plugin_dir}")
    endif()
  endif()

  set(target "influxctl-plugin-${PLUGIN_NAME}")
  add_library(${target} MODULE ${PLUGIN_SOURCES})
  target_link_libraries(${target} PRIVATE influxctl::core ${PLUGIN_LIBRARIES})
  target_compile_features(${target} PRIVATE cxx_std_20)
  set_target_properties(${target} PROPERTIES
    PREFIX ""
    OUTPUT_NAME "${target}"
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON
    LIBRARY_OUTPUT_DIRECTORY "${PLUGIN_OUTPUT_DIRECTORY}"
    INSTALL_RPATH "$ORIGIN/../..")
  if(NOT PLUGIN_NO_INSTALL)
    install(TARGETS ${target} LIBRARY DESTINATION "${plugin_dir}")
  endif()
endfunction()

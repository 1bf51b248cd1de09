# One layout for the build tree and the install prefix: executables in bin/,
# libraries in lib/, plugins in lib/influxctl/plugins/. Relative RUNPATHs and
# the engine's plugin lookup both rely on it.
set(INFLUXCTL_BIN_DIR bin)
set(INFLUXCTL_LIB_DIR lib)
set(INFLUXCTL_PLUGIN_DIR lib/influxctl/plugins)
set(INFLUXCTL_INCLUDE_DIR include)

set(CMAKE_RUNTIME_OUTPUT_DIRECTORY "${PROJECT_BINARY_DIR}/${INFLUXCTL_BIN_DIR}")
set(CMAKE_LIBRARY_OUTPUT_DIRECTORY "${PROJECT_BINARY_DIR}/${INFLUXCTL_LIB_DIR}")
set(CMAKE_ARCHIVE_OUTPUT_DIRECTORY "${PROJECT_BINARY_DIR}/${INFLUXCTL_LIB_DIR}")
set(INFLUXCTL_PLUGIN_OUTPUT_DIRECTORY "${PROJECT_BINARY_DIR}/${INFLUXCTL_PLUGIN_DIR}")

# Build and install RUNPATHs are the same, so installed files need no relinking.
set(CMAKE_BUILD_WITH_INSTALL_RPATH ON)
set(CMAKE_SKIP_BUILD_RPATH OFF)
set(CMAKE_INSTALL_RPATH "$ORIGIN/../${INFLUXCTL_LIB_DIR}")

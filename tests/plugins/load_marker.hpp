// SPDX-License-Identifier: Apache-2.0
//
// Evidence that a test plugin's code ran. A plugin defines one LoadMarker at
// namespace scope; its constructor runs when the library is mapped, appends
// the plugin's name to the file named by INFLUXCTL_TEST_LOAD_MARKER (when set)
// and says so on stderr. A test that finds neither has proved the engine
// refused the library before running any of it.

#pragma once

#include <cstdio>
#include <cstdlib>

namespace influxctl::test_plugins {

inline constexpr const char* kLoadMarkerVariable = "INFLUXCTL_TEST_LOAD_MARKER";

struct LoadMarker {
  explicit LoadMarker(const char* plugin_name) {
    std::fprintf(stderr, "test plugin %s: constructor ran\n", plugin_name);
    const char* path = std::getenv(kLoadMarkerVariable);
    if (path == nullptr || *path == '\0') {
      return;
    }
    if (std::FILE* file = std::fopen(path, "a")) {
      std::fprintf(file, "%s\n", plugin_name);
      std::fclose(file);
    }
  }
};

}  // namespace influxctl::test_plugins

// SPDX-License-Identifier: Apache-2.0
//
// Finds plugin files on the search path and loads them with Boost.DLL. The
// plugin API version is read from the file's section names before the file
// is mapped, so a plugin built for another version never runs any code. A
// loaded library stays loaded for the life of the process (libraries that
// link Poco or gRPC cannot be unloaded anyway); the handle is shared so that
// every object a plugin made can hold its library alive. Thread-safe.

#pragma once

#include <boost/dll/shared_library.hpp>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <influxctl/error.hpp>
#include <influxctl/plugin.hpp>

namespace influxctl {

struct LoadedPlugin {
  std::filesystem::path file;
  std::shared_ptr<boost::dll::shared_library> library;
  const PluginDescriptor* descriptor = nullptr;  // lives in `library`
};

// "influxctl-plugin-<name>.so"
std::string PluginFileName(std::string_view name);

// The first influxctl-plugin-<name>.so on the search path, checked and loaded.
// Not found: a plugin error listing the folders searched and the plugins there.
Result<LoadedPlugin> LoadPluginByName(std::string_view name,
                                      std::span<const std::filesystem::path> search_path);

Result<LoadedPlugin> LoadPluginFile(const std::filesystem::path& file);

// Every plugin file on the search path, the first of each name only, by name.
std::vector<std::filesystem::path> FindPluginFiles(
    std::span<const std::filesystem::path> search_path);

// The plugin name a file stands for, or "" if the file is not named like a plugin.
std::string PluginNameOfFile(const std::filesystem::path& file);

}  // namespace influxctl

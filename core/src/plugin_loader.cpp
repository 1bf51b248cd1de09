// SPDX-License-Identifier: Apache-2.0
//
// Plugin discovery and loading (see plugin_loader.hpp). The order of checks
// is the order of risk: name, file, API version from the section table, and
// only then dlopen and the descriptor's own claims.

#include "plugin_loader.hpp"

#include <algorithm>
#include <boost/dll/library_info.hpp>
#include <boost/dll/runtime_symbol_info.hpp>
#include <map>
#include <mutex>
#include <set>

#include "nearest_name.hpp"

namespace influxctl {
namespace {

constexpr std::string_view kFilePrefix = "influxctl-plugin-";
constexpr std::string_view kFileSuffix = ".so";

bool IsValidPluginName(std::string_view name) {
  return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  });
}

std::string JoinPaths(std::span<const std::filesystem::path> paths) {
  std::string joined;
  for (const auto& path : paths) {
    joined += (joined.empty() ? "" : ", ") + path.string();
  }
  return joined.empty() ? "(no folders)" : joined;
}

// The API version a plugin file was built against, from its "ifxapi<N>"
// section; 0 when the file has no such section.
Result<int> ReadApiVersion(const std::filesystem::path& file) {
  try {
    boost::dll::library_info info(boost::dll::fs::path(file.string()));
    for (const std::string& section : info.sections()) {
      if (section.starts_with(kPluginSectionPrefix)) {
        return std::stoi(section.substr(kPluginSectionPrefix.size()));
      }
    }
    return 0;
  } catch (const std::exception&) {
    return Error::Plugin("plugin file " + file.string() +
                         " is not a shared library for this machine; rebuild it or remove it");
  }
}

// Loaded libraries by path, never unloaded; see the file comment.
class LibraryRegistry {
 public:
  static LibraryRegistry& Instance() {
    static auto* registry = new LibraryRegistry;  // leaked on purpose: outlives all plugins
    return *registry;
  }

  Result<LoadedPlugin> Load(const std::filesystem::path& file) {
    std::lock_guard lock(mutex_);
    auto it = loaded_.find(file);
    if (it != loaded_.end()) {
      return it->second;
    }
    auto plugin = LoadUncached(file);
    if (plugin.ok()) {
      loaded_.emplace(file, plugin.value());
    }
    return plugin;
  }

 private:
  static Result<LoadedPlugin> LoadUncached(const std::filesystem::path& file) {
    auto version = ReadApiVersion(file);
    if (!version.ok()) {
      return version.error();
    }
    if (version.value() == 0) {
      return Error::Plugin("file " + file.string() +
                           " is not an influxctl plugin: it has no plugin descriptor "
                           "(INFLUXCTL_PLUGIN) section");
    }
    if (version.value() != kPluginApiVersion) {
      return Error::Plugin("plugin file " + file.string() + " was built for plugin API version " +
                           std::to_string(version.value()) + ", but this influxctl uses version " +
                           std::to_string(kPluginApiVersion) +
                           "; rebuild the plugin against this influxctl's SDK");
    }

    // Resolve every symbol now: a missing one must fail here, not abort later.
    LoadedPlugin plugin{file, std::make_shared<boost::dll::shared_library>(), nullptr};
    try {
      plugin.library->load(boost::dll::fs::path(file.string()), boost::dll::load_mode::rtld_now);
      if (!plugin.library->has(kPluginSymbol)) {
        return Error::Plugin("plugin file " + file.string() + " exports no " + kPluginSymbol);
      }
      plugin.descriptor = &plugin.library->get_alias<const PluginDescriptor>(kPluginSymbol);
    } catch (const std::exception& error) {
      return Error::Plugin("cannot load plugin file " + file.string() + ": " + error.what());
    }

    const PluginDescriptor& d = *plugin.descriptor;
    std::string expected = PluginNameOfFile(file);
    if (d.api_version != kPluginApiVersion) {
      return Error::Plugin("plugin file " + file.string() + " declares plugin API version " +
                           std::to_string(d.api_version) + ", but this influxctl uses version " +
                           std::to_string(kPluginApiVersion));
    }
    if (d.name != expected) {
      return Error::Plugin("plugin file " + file.string() + " calls itself \"" +
                           std::string(d.name) + "\"; rename the file to " +
                           PluginFileName(d.name));
    }
    bool has_factory =
        d.kind == PluginKind::kTransport ? d.make_transport != nullptr : d.make_output != nullptr;
    if (!has_factory) {
      return Error::Plugin("plugin \"" + expected + "\" is a " +
                           std::string(PluginKindName(d.kind)) + " but has no factory for it");
    }
    return plugin;
  }

  std::mutex mutex_;
  std::map<std::filesystem::path, LoadedPlugin> loaded_;
};

}  // namespace

std::string_view PluginKindName(PluginKind kind) {
  return kind == PluginKind::kTransport ? "transport" : "output";
}

std::string PluginFileName(std::string_view name) {
  return std::string(kFilePrefix) + std::string(name) + std::string(kFileSuffix);
}

std::string PluginNameOfFile(const std::filesystem::path& file) {
  std::string base = file.filename().string();
  if (!base.starts_with(kFilePrefix) || !base.ends_with(kFileSuffix) ||
      base.size() <= kFilePrefix.size() + kFileSuffix.size()) {
    return "";
  }
  return base.substr(kFilePrefix.size(), base.size() - kFilePrefix.size() - kFileSuffix.size());
}

std::vector<std::filesystem::path> FindPluginFiles(
    std::span<const std::filesystem::path> search_path) {
  std::map<std::string, std::filesystem::path> first_by_name;
  for (const auto& folder : search_path) {
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(folder, ec)) {
      std::string name = PluginNameOfFile(entry.path());
      if (!name.empty() && entry.is_regular_file(ec)) {
        first_by_name.emplace(name, entry.path());
      }
    }
  }
  std::vector<std::filesystem::path> files;
  for (auto& [name, path] : first_by_name) {
    files.push_back(path);
  }
  return files;
}

Result<LoadedPlugin> LoadPluginFile(const std::filesystem::path& file) {
  return LibraryRegistry::Instance().Load(file);
}

Result<LoadedPlugin> LoadPluginByName(std::string_view name,
                                      std::span<const std::filesystem::path> search_path) {
  if (!IsValidPluginName(name)) {
    return Error::Config("plugin name \"" + std::string(name) +
                         "\" is not valid: use lowercase letters, digits, '-' and '_'");
  }
  for (const auto& folder : search_path) {
    std::filesystem::path file = folder / PluginFileName(name);
    std::error_code ec;
    if (std::filesystem::is_regular_file(file, ec)) {
      return LoadPluginFile(file);
    }
  }

  // Not found: say where we looked and what is there, without loading any of it.
  std::vector<std::string> available;
  for (const auto& file : FindPluginFiles(search_path)) {
    available.push_back(PluginNameOfFile(file));
  }
  std::vector<std::string_view> names(available.begin(), available.end());
  std::string listed;
  for (std::string_view n : names) {
    listed += (listed.empty() ? "" : ", ") + std::string(n);
  }
  return Error::Plugin("plugin \"" + std::string(name) + "\" not found" + DidYouMean(name, names) +
                       "; available: " + (listed.empty() ? "none" : listed) + " (searched " +
                       JoinPaths(search_path) +
                       "; add folders with INFLUXCTL_PLUGIN_PATH or plugin_paths in the config)");
}

}  // namespace influxctl

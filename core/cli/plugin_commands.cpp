// SPDX-License-Identifier: Apache-2.0
//
// `plugins list` and `plugins describe NAME`: what plugins exist on the search
// path and how to configure one. Listing loads each plugin to read its
// descriptor; a broken plugin file is reported and the listing goes on.

#include <iomanip>
#include <iostream>

#include <influxctl/engine.hpp>
#include <influxctl/plugin.hpp>

#include "commands.hpp"
#include "plugin_loader.hpp"
#include "profile_selection.hpp"
#include "settings_schema.hpp"
#include "terminal_safe.hpp"

namespace influxctl::cli {
namespace {

// The search path, with the config's plugin_paths when a config was named.
Result<std::vector<std::filesystem::path>> SearchPath(const GlobalOptions& global) {
  if (!global.config) {
    return PluginSearchPath(nullptr);
  }
  auto profile = LoadProfile(*global.config, ProfileName(global));
  if (!profile.ok()) {
    return profile.error();
  }
  return PluginSearchPath(&profile.value());
}

void WriteSampleBlock(const PluginDescriptor& plugin, std::ostream& out) {
  out << (plugin.kind == PluginKind::kTransport ? "[profile.transport]\n" : "[[profile.output]]\n");
  out << "plugin = \"" << plugin.name << "\"\n";
  for (const SettingSpec& spec : plugin.settings) {
    // Required keys and keys with a default are written out; the rest commented.
    bool shown = spec.required || !spec.default_value.empty();
    out << (shown ? "" : "# ") << spec.key << " = " << SampleTomlValue(spec) << "\n";
  }
}

}  // namespace

int RunPluginsList(const Invocation& invocation) {
  auto search_path = SearchPath(invocation.global);
  if (!search_path.ok()) {
    return ReportError(search_path.error());
  }
  auto files = FindPluginFiles(search_path.value());
  if (files.empty()) {
    std::cerr << "no plugins found in:";
    for (const auto& folder : search_path.value()) {
      std::cerr << " " << TerminalSafe(folder.string());
    }
    std::cerr << "\n";
    return kExitOk;
  }

  int exit_code = kExitOk;
  std::cout << std::left << std::setw(16) << "NAME" << std::setw(11) << "KIND" << std::setw(10)
            << "VERSION"
            << "SUMMARY\n";
  for (const auto& file : files) {
    auto plugin = LoadPluginFile(file);
    if (!plugin.ok()) {
      exit_code = ReportError(plugin.error());
      continue;
    }
    const PluginDescriptor& d = *plugin.value().descriptor;
    std::cout << std::setw(16) << d.name << std::setw(11) << PluginKindName(d.kind) << std::setw(10)
              << d.version << d.summary << "\n";
  }
  return exit_code;
}

int RunPluginsDescribe(const Invocation& invocation) {
  auto search_path = SearchPath(invocation.global);
  if (!search_path.ok()) {
    return ReportError(search_path.error());
  }
  auto plugin = LoadPluginByName(invocation.arguments.front(), search_path.value());
  if (!plugin.ok()) {
    return ReportError(plugin.error());
  }
  const PluginDescriptor& d = *plugin.value().descriptor;
  std::cout << d.name << " " << d.version << " (" << PluginKindName(d.kind) << ")\n"
            << d.summary << "\n"
            << "file: " << plugin.value().file.string() << "\n\nSettings:\n";
  if (d.settings.empty()) {
    std::cout << "  (none)\n";
  }
  for (const SettingSpec& spec : d.settings) {
    std::cout << "  " << spec.key << " (" << SettingTypeName(spec.type)
              << (spec.required ? ", required" : "")
              << (spec.default_value.empty() ? "" : ", default " + SampleTomlValue(spec))
              << ")\n      " << spec.help << "\n";
  }
  std::cout << "\nSample profile block:\n\n";
  WriteSampleBlock(d, std::cout);
  return kExitOk;
}

}  // namespace influxctl::cli

// SPDX-License-Identifier: Apache-2.0
//
// Checks a profile's plugin table against the plugin's declared schema and
// turns it into Settings: unknown keys (with the nearest valid one), wrong
// types, missing required keys and unparsable durations are config errors
// naming file, line and column. Defaults are filled in and relative paths
// made absolute against the config file's folder, so plugins never re-check.

#pragma once

#include <filesystem>
#include <span>
#include <string>
#include <string_view>

#include <influxctl/error.hpp>
#include <influxctl/plugin.hpp>
#include <influxctl/profile.hpp>
#include <influxctl/settings.hpp>

namespace influxctl {

// `instance` names the table in messages: "transport \"mock\"", "output #2 \"env-file\"".
Result<Settings> ValidateSettings(const PluginDescriptor& plugin,
                                  const PluginConfig& config,
                                  std::string_view instance,
                                  const std::filesystem::path& base_dir);

// A setting's default as TOML would show it: strings quoted, the rest bare.
std::string SampleTomlValue(const SettingSpec& spec);

}  // namespace influxctl

// SPDX-License-Identifier: Apache-2.0
//
// A profile: one [[profile]] table of an influxctl config file, checked and
// turned into plain values. Loading refuses unknown keys, wrong types,
// duplicate keys and duplicate profile names, naming the file, line and
// column; it never falls back to a default for a value that is present but
// wrong. Plugin tables are kept raw here: their keys are checked against the
// plugin's own schema when the engine loads it.

#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <influxctl/error.hpp>
#include <influxctl/secret.hpp>
#include <influxctl/settings.hpp>
#include <influxctl/transport.hpp>

namespace influxctl {

// One key of a plugin table as written. Durations and paths are still strings.
struct RawSetting {
  std::string key;
  SettingValue value;
  std::string where;  // "config.toml:12:5"
};

// A [profile.transport] or [[profile.output]] table.
struct PluginConfig {
  std::string plugin;
  std::string where;  // position of the table, for messages
  std::vector<RawSetting> settings;
  bool required = true;  // outputs only: a failed optional output only warns
  // Settings typed on the command line arrive as text and are parsed by the
  // schema's types ("3" for an integer, "true" for a boolean).
  bool values_are_text = false;
};

// Defaults a profile carries for the command's own flags (a preset). Kept as
// written so that they are validated exactly like the flags they stand for.
struct CommandDefaults {
  std::optional<std::string> description;
  std::optional<std::string> expires_at;  // RFC 3339
  std::optional<std::string> expires_in;  // Go duration from now
  std::optional<std::string> format;
  std::string where;  // position of [profile.defaults]
};

struct Profile {
  std::string name;
  std::filesystem::path source;  // the config file; empty when built in code

  std::string product = "clustered";
  std::string host;
  std::string port;
  std::string account_id;
  std::string cluster_id;
  TlsConfig tls;

  Secret mgmt_token;
  std::string token_file;  // [profile.auth.token] token_file
  bool has_oauth2 = false;

  PluginConfig transport;  // plugin "grpc" when the profile names none
  std::vector<PluginConfig> outputs;
  // false: when an output holds the new token, stdout shows where it went
  // instead of the secret.
  bool show_token = true;
  CommandDefaults defaults;

  // Folders named by the file's top-level plugin_paths, made absolute.
  std::vector<std::filesystem::path> plugin_paths;
};

// $XDG_CONFIG_HOME/influxctl/config.toml, else ~/.config/influxctl/config.toml.
std::filesystem::path DefaultConfigPath();

// Reads `file` and returns the profile called `name`. A missing profile is a
// config error that lists the profiles the file has.
Result<Profile> LoadProfile(const std::filesystem::path& file, std::string_view name);

// The same from text already in memory; `source_name` stands for the file in
// messages and relative paths resolve against the current folder.
Result<Profile> ParseProfile(std::string_view toml,
                             std::string_view source_name,
                             std::string_view name);

}  // namespace influxctl

// SPDX-License-Identifier: Apache-2.0
//
// The env-file output's settings: the schema it declares to the engine, and
// the checked plain values an instance runs on. Every setting is checked once,
// when the instance is made: a bad variable name, or two settings naming the
// same variable, is a config error that names the setting. Header-only so the
// unit tests compile it directly; pure values, safe to copy between threads.

#pragma once

#include <chrono>
#include <string>
#include <utility>
#include <vector>

#include <influxctl/error.hpp>
#include <influxctl/settings.hpp>

#include "dotenv_syntax.hpp"

namespace influxctl::env_file {

// Kept in step with configs/env-file.toml and docs/env-file.md.
inline constexpr SettingSpec kEnvFileSettingSchema[] = {
    {"path", SettingType::kPath, true, "",
     "the dotenv file to write. A missing file is created with mode 0600; an existing one is "
     "updated in place and keeps its mode and owner. Its folder must exist"},
    {"variable", SettingType::kString, false, "INFLUX_MGMT_TOKEN",
     "the name the token is stored under ([A-Za-z_][A-Za-z0-9_]*)"},
    {"id_variable", SettingType::kString, false, "",
     "also store the token's id under this name. Unset: the id is not written"},
    {"expires_variable", SettingType::kString, false, "",
     "also store the token's expiry under this name, in RFC 3339, or empty when it never "
     "expires. Unset: the expiry is not written"},
    {"export", SettingType::kBoolean, false, "false",
     "write `export NAME=...`, for scripts that source the file without `set -a`"},
    {"lock_timeout", SettingType::kDuration, false, "10s",
     "how long to wait for \"<path>.lock\" while another run updates the same file"},
};

struct EnvFileOptions {
  std::string path;
  std::string variable = "INFLUX_MGMT_TOKEN";
  std::string id_variable;       // empty: not written
  std::string expires_variable;  // empty: not written
  bool export_all = false;
  std::chrono::milliseconds lock_timeout{10'000};

  // The variables written, in the order they are appended: token, id, expiry.
  std::vector<std::string> Variables() const {
    std::vector<std::string> names{variable};
    for (const std::string* name : {&id_variable, &expires_variable}) {
      if (!name->empty()) {
        names.push_back(*name);
      }
    }
    return names;
  }
};

// Reads the settings the engine validated against kEnvFileSettingSchema
// (required and defaulted keys are present, types are right) and checks the
// variable names. An optional name set to "" counts as unset.
inline Result<EnvFileOptions> ParseEnvFileOptions(const Settings& settings) {
  EnvFileOptions options;
  options.path = settings.String("path").value_or("");
  options.variable = settings.String("variable").value_or(options.variable);
  options.id_variable = settings.String("id_variable").value_or("");
  options.expires_variable = settings.String("expires_variable").value_or("");
  options.export_all = settings.Boolean("export").value_or(false);
  options.lock_timeout = settings.Duration("lock_timeout").value_or(options.lock_timeout);

  if (options.path.empty()) {
    return Error::Config(
        "env-file output: setting \"path\" is missing; give the dotenv file to "
        "write, e.g. path = \"/srv/app/.env\"");
  }
  const std::pair<const char*, const std::string*> names[] = {
      {"variable", &options.variable},
      {"id_variable", &options.id_variable},
      {"expires_variable", &options.expires_variable},
  };
  for (const auto& [key, name] : names) {
    bool optional = std::string_view(key) != "variable";
    if ((optional && name->empty()) || IsVariableName(*name)) {
      continue;
    }
    return Error::Config("env-file output: setting \"" + std::string(key) + "\" is \"" + *name +
                         "\", which is not a variable name: use letters, digits and '_', not "
                         "starting with a digit, e.g. INFLUX_MGMT_TOKEN");
  }
  for (std::size_t i = 0; i < std::size(names); ++i) {
    for (std::size_t j = i + 1; j < std::size(names); ++j) {
      if (!names[j].second->empty() && *names[i].second == *names[j].second) {
        return Error::Config("env-file output: settings \"" + std::string(names[i].first) +
                             "\" and \"" + names[j].first + "\" both name " + *names[i].second +
                             "; give each its own variable");
      }
    }
  }
  return options;
}

}  // namespace influxctl::env_file

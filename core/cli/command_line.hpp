// SPDX-License-Identifier: Apache-2.0
//
// Turns argv into an Invocation: which command, its flags and the global
// flags, with Boost.Program_options. Flags match exactly (no prefix guessing);
// an unknown flag is a usage error that suggests the nearest real one. Global
// flags may stand before or after the command words. Help text for every
// level comes from here too.

#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include <influxctl/error.hpp>

namespace influxctl::cli {

enum class Command {
  kHelp,  // -h/--help at some level, or nothing at all
  kVersion,
  kManagementCreate,
  kManagementList,
  kManagementRevoke,
  kPluginsList,
  kPluginsDescribe,
  kKeystoreGet,
};

struct GlobalOptions {
  std::optional<std::string> config;
  std::optional<std::string> profile;
  std::string account_id;
  std::string cluster_id;
  std::chrono::milliseconds timeout{60'000};
  bool debug = false;
  bool trace = false;
};

struct Invocation {
  Command command = Command::kHelp;
  GlobalOptions global;
  std::string help_text;  // for kHelp

  // management create
  std::optional<std::string> description;
  std::optional<std::string> expires_at;
  std::optional<std::string> format;
  std::vector<std::string> outputs;  // --output PLUGIN[:KEY=VALUE,...]
  bool dry_run = false;
  // management list
  std::string sort = "created";
  // keystore get
  std::optional<std::string> keystore_path;
  // management revoke, plugins describe, keystore get
  bool force = false;
  std::vector<std::string> arguments;
};

Result<Invocation> ParseCommandLine(int argc, const char* const* argv);

}  // namespace influxctl::cli

// SPDX-License-Identifier: Apache-2.0
//
// Profile, engine and format selection for the commands (see
// profile_selection.hpp).

#include "profile_selection.hpp"

#include <cstdlib>
#include <iostream>

namespace influxctl::cli {
namespace {

LogLevel LevelOf(const GlobalOptions& global) {
  return global.trace ? LogLevel::kTrace : global.debug ? LogLevel::kDebug : LogLevel::kWarning;
}

}  // namespace

std::string ProfileName(const GlobalOptions& global) {
  if (global.profile) {
    return *global.profile;
  }
  const char* from_env = std::getenv("INFLUXCTL_PROFILE");
  return from_env != nullptr && *from_env != '\0' ? from_env : "default";
}

Result<Profile> ResolveProfile(const GlobalOptions& global) {
  std::filesystem::path file =
      global.config ? std::filesystem::path(*global.config) : DefaultConfigPath();
  return LoadProfile(file, ProfileName(global));
}

Result<std::unique_ptr<Engine>> OpenEngine(const Profile& profile, const GlobalOptions& global) {
  EngineOptions options;
  options.log_level = LevelOf(global);
  options.timeout = global.timeout;
  options.account_id = global.account_id;
  options.cluster_id = global.cluster_id;
  return Engine::Open(profile, options);
}

Result<formats::Format> ResolveFormat(const std::optional<std::string>& flag,
                                      const Profile* profile) {
  if (flag) {
    return formats::ParseFormat(*flag);
  }
  if (profile != nullptr && profile->defaults.format) {
    auto format = formats::ParseFormat(*profile->defaults.format);
    if (!format.ok()) {
      return Error::Config(profile->defaults.where +
                           ": [profile.defaults] format: " + format.error().message());
    }
    return format;
  }
  return formats::Format::kTable;
}

bool StdoutFailed() {
  std::cout.flush();
  return !std::cout.good();
}

}  // namespace influxctl::cli

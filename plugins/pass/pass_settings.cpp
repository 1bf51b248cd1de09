// SPDX-License-Identifier: Apache-2.0
//
// Turns the engine-checked Settings into PassOptions (see pass_settings.hpp).
// The store folder is settled here, the way pass settles it: the `store`
// setting, else PASSWORD_STORE_DIR, else ~/.password-store.

#include "pass_settings.hpp"

#include <cstdlib>
#include <filesystem>

#include "password_store.hpp"

namespace influxctl::pass {
namespace {

Error SettingError(std::string_view key, std::string_view problem) {
  return Error::Config("pass output setting \"" + std::string(key) + "\" " + std::string(problem));
}

std::string AbsoluteFolder(const std::string& folder) {
  std::filesystem::path path = std::filesystem::absolute(folder).lexically_normal();
  if (!path.has_filename() && path.has_relative_path()) {
    path = path.parent_path();
  }
  return path.string();
}

}  // namespace

Result<PassOptions> ParsePassOptions(const Settings& settings) {
  PassOptions options;

  options.entry = settings.String("entry").value_or("");
  if (std::string problem = EntryNameProblem(options.entry); !problem.empty()) {
    return SettingError("entry", "is \"" + options.entry + "\", which pass cannot use: " + problem +
                                     "; write a name such as \"influx/prod/mgmt\"");
  }

  if (auto store = settings.String("store")) {
    options.store = *store;
    options.store_is_set = true;
  } else if (const char* from_env = std::getenv("PASSWORD_STORE_DIR"); from_env && *from_env) {
    options.store = from_env;
  } else {
    options.store = DefaultStoreFolder();
    if (options.store.empty()) {
      return SettingError("store",
                          "is not set, and neither PASSWORD_STORE_DIR nor HOME is; set it to "
                          "the password store's folder");
    }
  }
  options.store = AbsoluteFolder(options.store);

  options.pass_command = settings.String("pass_command").value_or("pass");
  if (options.pass_command.empty()) {
    return SettingError("pass_command", "is empty; leave it out to run \"pass\" from PATH");
  }

  options.timeout = settings.Duration("timeout").value_or(options.timeout);
  if (options.timeout <= std::chrono::milliseconds(0)) {
    return SettingError("timeout", "must be longer than zero, such as \"30s\"");
  }

  options.overwrite = settings.Boolean("overwrite").value_or(false);
  options.metadata = settings.Boolean("metadata").value_or(true);
  options.check_key = settings.Boolean("check_key").value_or(true);
  return options;
}

}  // namespace influxctl::pass

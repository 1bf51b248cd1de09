// SPDX-License-Identifier: Apache-2.0
//
// The pass output's settings: the schema it declares to the engine, and the
// checked plain values an instance runs on. The engine has checked types and
// filled in defaults; what only this output can judge (the entry name, the
// store folder, a positive timeout) is checked once, when the instance is
// made, and refused with a config error naming the setting. Pure values.

#pragma once

#include <chrono>
#include <string>

#include <influxctl/error.hpp>
#include <influxctl/settings.hpp>

namespace influxctl::pass {

// Kept in step with docs/pass.md and configs/pass.toml.
inline constexpr SettingSpec kPassSettingSchema[] = {
    {"entry", SettingType::kString, true, "",
     "the pass entry that receives the token, a name inside the store such as "
     "\"influx/prod/mgmt\""},
    {"store", SettingType::kPath, false, "",
     "the password store folder, given to pass as PASSWORD_STORE_DIR. Unset: "
     "$PASSWORD_STORE_DIR, else ~/.password-store"},
    {"overwrite", SettingType::kBoolean, false, "false",
     "replace an existing entry; false: an existing entry fails the preflight, before any "
     "token is created"},
    {"metadata", SettingType::kBoolean, false, "true",
     "add \"id:\", \"description:\", \"created:\" and \"expires:\" lines after the token, "
     "which stays alone on the first line; false: the entry holds only the token"},
    {"pass_command", SettingType::kString, false, "pass",
     "the pass program: a name looked up on PATH, or a path to it"},
    {"timeout", SettingType::kDuration, false, "30s",
     "how long each run of pass or gpg may take before it is killed, e.g. \"10s\""},
    {"check_key", SettingType::kBoolean, false, "true",
     "in the preflight, check that gpg can encrypt to the store's key(s) with a trial "
     "encryption of a fixed text"},
};

struct PassOptions {
  std::string entry;          // a valid entry name (see EntryNameProblem)
  std::string store;          // absolute, no trailing '/'
  bool store_is_set = false;  // from the `store` setting rather than the environment
  bool overwrite = false;
  bool metadata = true;
  std::string pass_command = "pass";
  std::chrono::milliseconds timeout{30000};
  bool check_key = true;
};

Result<PassOptions> ParsePassOptions(const Settings& settings);

}  // namespace influxctl::pass

// SPDX-License-Identifier: Apache-2.0
//
// The fixture of the env-file output's end-to-end tests: on top of E2eTest's
// temporary folder and controlled environment, a config with the mock
// transport (a state file, so MockTokens() shows what the cluster holds and
// what was revoked) and one env-file output, runs of influxctl through
// /bin/sh (for umask and ulimit), and the ways a user reads the result back:
// `set -a; . FILE` in sh, the file's bytes, its mode and owner, and the
// folder's listing (to find temporary files left behind). Tests never share
// a file, so they run in parallel.

#pragma once

#include <sys/types.h>

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "e2e_test.hpp"

namespace influxctl::e2e {

class EnvFileTest : public E2eTest {
 protected:
  void SetUp() override;

  // The folder the tests' dotenv files live in, and the usual file there.
  std::filesystem::path AppDir() const { return Path("app"); }
  std::filesystem::path EnvPath() const { return AppDir() / ".env"; }

  // A config whose "default" profile uses the mock with state.json (no
  // journal) and one env-file output: `output_settings` are its keys, and
  // path = "app/.env" is added unless they set a path.
  std::filesystem::path WriteEnvFileConfig(std::string_view output_settings = "") const;

  // `influxctl --config CONFIG management create --format json` plus `extra`.
  RunResult Create(const std::filesystem::path& config, std::vector<std::string> extra = {}) const;

  // The same create, run by `sh -c` after `shell_setup` ("umask 000",
  // "ulimit -f 2"), so influxctl inherits what it sets.
  RunResult CreateAfter(std::string_view shell_setup,
                        const std::filesystem::path& config,
                        std::vector<std::string> extra = {}) const;

  // `sh -c SCRIPT sh ARGS...` in the test folder with env_.
  RunResult RunSh(std::string_view script, const std::vector<std::string>& args = {}) const;

  // What `set -a; . FILE` in sh leaves in `variable`. Lines sh cannot run
  // only print errors on sh's stderr, as they would for a user.
  std::string ShRead(const std::filesystem::path& file, std::string_view variable) const;

  // The "token" and "id" of create's JSON on stdout.
  static std::string TokenOf(const RunResult& run);
  static std::string IdOf(const RunResult& run);

  // Names in `folder`, sorted: a leftover temporary file shows up here.
  static std::vector<std::string> Listing(const std::filesystem::path& folder);
  // Permission bits, owner and group.
  static mode_t ModeOf(const std::filesystem::path& file);
  static uid_t OwnerOf(const std::filesystem::path& file);
  static gid_t GroupOf(const std::filesystem::path& file);
};

}  // namespace influxctl::e2e

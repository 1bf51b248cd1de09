// SPDX-License-Identifier: Apache-2.0
//
// The fixture of the pass output's end-to-end tests: on top of E2eTest's
// temporary folder and controlled environment, a throwaway GnuPG home made at
// test time (a key without passphrase, generated with --batch) and a password
// store initialised for it with the real `pass`, both inside the test's
// folder. GNUPGHOME and PASSWORD_STORE_DIR are set in env_, so influxctl and
// every child it starts see them. TearDown stops the gpg-agent the test
// started. Tests never share a key, a store or an agent.

#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "e2e_test.hpp"

namespace influxctl::e2e {

class PassTest : public E2eTest {
 protected:
  static constexpr std::string_view kEntry = "influx/prod/mgmt";

  void SetUp() override;
  void TearDown() override;

  std::filesystem::path Store() const { return Path("store"); }
  std::filesystem::path GnupgHome() const { return Path("g"); }

  // Runs `program` (a path) in the test folder with env_.
  RunResult RunTool(const std::string& program,
                    const std::vector<std::string>& args,
                    std::optional<std::string> stdin_text = std::nullopt) const;

  // `pass show ENTRY` in the test's store, and `pass insert -m -f ENTRY`.
  RunResult PassShow(std::string_view entry = kEntry) const;
  void PassInsert(std::string_view entry, std::string_view text) const;

  // A config whose "default" profile uses the mock with a state file and one
  // pass output: entry = kEntry, store = Store(), then `output_settings`.
  std::filesystem::path WritePassConfig(std::string_view output_settings = "") const;
  // The same without the store setting, so the environment decides.
  std::filesystem::path WritePassConfigWithoutStore(std::string_view output_settings = "") const;

  // An executable shell script in the test folder.
  std::filesystem::path WriteScript(std::string_view name, std::string_view body) const;

  // management create with `config`, then `extra` arguments.
  RunResult Create(const std::filesystem::path& config, std::vector<std::string> extra = {}) const;

  std::string fingerprint_;
};

}  // namespace influxctl::e2e

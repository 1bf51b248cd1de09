// SPDX-License-Identifier: Apache-2.0
//
// The fixture of the keystore output's end-to-end tests: an E2eTest whose
// runs get the keystore passphrase in INFLUXCTL_KEYSTORE_PASSPHRASE, a config
// with the mock transport (state file and journal in the test folder) and one
// keystore output, and ways to look at the keystore from outside influxctl:
// reading an entry back through the plugin's exported reader, and writing
// entries in-process through the plugin's own output (to build a large
// keystore quickly). In-process calls take the passphrase through a variable
// of the test process, set only for the call, so it never lands in a file.

#pragma once

#include <gmock/gmock.h>

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include <influxctl/error.hpp>
#include <influxctl/secret.hpp>

#include "e2e_test.hpp"

namespace influxctl::e2e {

inline constexpr const char* kKeystorePassphrase = "e2e keystore passphrase 7f3a";

class KeystoreE2eTest : public E2eTest {
 protected:
  void SetUp() override;

  // config.toml: the mock, then a keystore output at keystore.json with
  // `entry`, kdf_cost = 10, and the lines of `output_extra`.
  std::filesystem::path WriteKeystoreConfig(std::string_view entry = "prod/mgmt",
                                            std::string_view output_extra = "") const;

  // `management create --description <description>` with `config`.
  RunResult Create(const std::filesystem::path& config,
                   const std::vector<std::string>& extra_args = {}) const;

  // The same, with the file size limit set to `blocks` 512-byte blocks.
  RunResult CreateWithFileSizeLimit(const std::filesystem::path& config, int blocks) const;

  // An entry of keystore.json (or `path`), read through the plugin.
  Result<Secret> ReadBack(std::string_view entry,
                          std::string_view passphrase = kKeystorePassphrase) const;
  Result<Secret> ReadBack(const std::filesystem::path& path,
                          std::string_view entry,
                          std::string_view passphrase) const;

  // Stores `secret` as `entry` of keystore.json in-process, through the plugin.
  Status StoreInProcess(std::string_view entry, const std::string& secret) const;

  std::filesystem::path KeystorePath() const { return Path("keystore.json"); }

  // Every regular file under the test folder, recursively.
  std::vector<std::filesystem::path> AllFiles() const;
};

}  // namespace influxctl::e2e

// SPDX-License-Identifier: Apache-2.0
//
// The fixture of the vault output's end-to-end tests: the e2e fixture (a
// temporary folder, a controlled environment, the built influxctl) plus a
// fake Vault started per test, a profile with the mock transport (its state
// file records every token, revoked ones too) and one vault output, and
// readers for what the fake stored, fetched through Vault's own KV API with
// a test token. Tests never share a fake or a file, so they run in parallel.

#pragma once

#include <Poco/JSON/Object.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "e2e_test.hpp"
#include "vault/fake_vault_process.hpp"

namespace influxctl::e2e {

// Tokens the fake accepts by default: one that may write under
// secret/data/influx/ (and read its metadata), one that may only read
// there, and a root token for reading back and preparing secrets.
inline constexpr std::string_view kWriterToken = "hvs.writer-0f9e8d7c6b5a4938271605";
inline constexpr std::string_view kReaderToken = "hvs.reader-1a2b3c4d5e6f7a8b9c0d1e";
inline constexpr std::string_view kRootToken = "hvs.root-99887766554433221100aa";

class VaultOutputTest : public E2eTest {
 protected:
  void SetUp() override;
  void TearDown() override;

  // The fake with the default policies and tokens, mount secret=2 and kv1=1,
  // and team-a/secret=2 for namespace tests; `faults` and `tls` added.
  testing::FakeVaultOptions DefaultVault() const;
  testing::FakeVaultProcess& StartVault(const testing::FakeVaultOptions& options);
  testing::FakeVaultProcess& StartVault() { return StartVault(DefaultVault()); }
  testing::FakeVaultProcess& vault() { return *vault_; }

  // config.toml: the mock transport with a state file and one vault output
  // at the fake's address with `output_settings` (path and so on).
  std::string WriteVaultConfig(std::string_view output_settings) const;

  // management create --description "vault test" [extra...] with VAULT_TOKEN
  // set to the writer token unless the test changed env_.
  RunResult Create(const std::string& config, std::vector<std::string> extra = {}) const;

  // The data of the latest version of a KV v2 secret (GET <mount>/data/<path>
  // with the root token); fails the test when it is not there.
  Poco::JSON::Object::Ptr ReadV2(std::string_view mount,
                                 std::string_view path,
                                 std::string_view vault_namespace = "") const;
  // The values of a KV v1 secret.
  Poco::JSON::Object::Ptr ReadV1(std::string_view mount, std::string_view path) const;
  // Writes `data_json` as a new version of a KV v2 secret with the root token.
  void PrepareV2(std::string_view mount, std::string_view path, std::string_view data_json) const;

  // How many calls the fake got with `method` on `path` (exact).
  int CallsTo(std::string_view method, std::string_view path) const;
  // Every recorded call, parsed.
  std::vector<Poco::JSON::Object::Ptr> RecordedCalls() const;

 private:
  std::unique_ptr<testing::FakeVaultProcess> vault_;
};

}  // namespace influxctl::e2e

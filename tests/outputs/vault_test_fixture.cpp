// SPDX-License-Identifier: Apache-2.0
//
// The vault output tests' fixture (see vault_test_fixture.hpp).

#include "vault_test_fixture.hpp"

#include <Poco/JSON/Array.h>

namespace influxctl::e2e {

void VaultOutputTest::SetUp() {
  E2eTest::SetUp();
  env_["VAULT_TOKEN"] = std::string(kWriterToken);
}

void VaultOutputTest::TearDown() {
  vault_.reset();
  E2eTest::TearDown();
}

testing::FakeVaultOptions VaultOutputTest::DefaultVault() const {
  testing::FakeVaultOptions options;
  options.policies = {
      "writer=secret/data/influx/*:create,update,read;secret/metadata/influx/*:read,list;"
      "kv1/influx/*:create,update,read;team-a/secret/data/influx/*:create,update;"
      "team-a/secret/metadata/influx/*:read",
      "reader=secret/data/influx/*:read;secret/metadata/influx/*:read",
  };
  options.tokens = {std::string(kWriterToken) + "=writer", std::string(kReaderToken) + "=reader",
                    std::string(kRootToken) + "=root"};
  options.mounts = {"secret=2", "kv1=1", "team-a/secret=2"};
  return options;
}

testing::FakeVaultProcess& VaultOutputTest::StartVault(const testing::FakeVaultOptions& options) {
  vault_ = std::make_unique<testing::FakeVaultProcess>(options);
  return *vault_;
}

std::string VaultOutputTest::WriteVaultConfig(std::string_view output_settings) const {
  return WriteMockConfig("\n[[profile.output]]\nplugin = \"vault\"\naddress = \"" +
                         vault_->address() + "\"\n" + std::string(output_settings))
      .string();
}

RunResult VaultOutputTest::Create(const std::string& config, std::vector<std::string> extra) const {
  std::vector<std::string> args{"--config", config,          "management",
                                "create",   "--description", "vault test"};
  args.insert(args.end(), extra.begin(), extra.end());
  return Run(args);
}

Poco::JSON::Object::Ptr VaultOutputTest::ReadV2(std::string_view mount,
                                                std::string_view path,
                                                std::string_view vault_namespace) const {
  testing::FakeVaultReply reply =
      vault_->Call("GET", "/v1/" + std::string(mount) + "/data/" + std::string(path),
                   std::string(kRootToken), "", std::string(vault_namespace));
  EXPECT_EQ(reply.status, 200) << reply.body;
  if (reply.status != 200) {
    return new Poco::JSON::Object;
  }
  return ParseObject(reply.body)->getObject("data")->getObject("data");
}

Poco::JSON::Object::Ptr VaultOutputTest::ReadV1(std::string_view mount,
                                                std::string_view path) const {
  testing::FakeVaultReply reply = vault_->Call(
      "GET", "/v1/" + std::string(mount) + "/" + std::string(path), std::string(kRootToken));
  EXPECT_EQ(reply.status, 200) << reply.body;
  if (reply.status != 200) {
    return new Poco::JSON::Object;
  }
  return ParseObject(reply.body)->getObject("data");
}

void VaultOutputTest::PrepareV2(std::string_view mount,
                                std::string_view path,
                                std::string_view data_json) const {
  testing::FakeVaultReply reply =
      vault_->Call("POST", "/v1/" + std::string(mount) + "/data/" + std::string(path),
                   std::string(kRootToken), "{\"data\":" + std::string(data_json) + "}");
  ASSERT_EQ(reply.status, 200) << reply.body;
}

std::vector<Poco::JSON::Object::Ptr> VaultOutputTest::RecordedCalls() const {
  Poco::JSON::Array::Ptr requests = ParseObject(vault_->Requests())->getArray("requests");
  std::vector<Poco::JSON::Object::Ptr> calls;
  for (std::size_t i = 0; i < requests->size(); ++i) {
    calls.push_back(requests->getObject(static_cast<unsigned>(i)));
  }
  return calls;
}

int VaultOutputTest::CallsTo(std::string_view method, std::string_view path) const {
  int count = 0;
  for (const Poco::JSON::Object::Ptr& call : RecordedCalls()) {
    count += call->getValue<std::string>("method") == method &&
                     call->getValue<std::string>("path") == path
                 ? 1
                 : 0;
  }
  return count;
}

}  // namespace influxctl::e2e

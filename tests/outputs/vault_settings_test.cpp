// SPDX-License-Identifier: Apache-2.0
//
// The vault output's settings: mistakes a profile alone shows are config
// errors (exit 2) that name the setting and say how to fix it, found before
// any token exists or any request reaches Vault; and configs/vault.toml works
// as its comments say, against a fake Vault started the way they start it
// (only the fixed port is swapped for a free one).

#include <Poco/JSON/Array.h>

#include "vault_test_fixture.hpp"

namespace influxctl::e2e {
namespace {

class VaultSettingsTest : public VaultOutputTest {
 protected:
  // The run stopped at configuration: exit 2, `needle` said, nothing sent.
  void ExpectConfigError(std::string_view output_settings, std::string_view needle) {
    std::string config = WriteVaultConfig(output_settings);
    RunResult run = Create(config);
    EXPECT_EQ(run.exit_code, 2) << output_settings << run;
    EXPECT_NE(run.err.find(needle), std::string::npos) << output_settings << run;
    EXPECT_TRUE(MockTokens().empty()) << output_settings;
    EXPECT_TRUE(RecordedCalls().empty()) << output_settings;
  }

  // configs/vault.toml with the fake's fixed port swapped for `port`.
  std::string ExampleWithPort(int port) {
    std::string text = ReadFile(SourcePath("configs/vault.toml"));
    const std::string fixed = "address = \"http://127.0.0.1:18200\"";
    std::size_t at = text.find(fixed);
    EXPECT_NE(at, std::string::npos) << fixed << " is not in configs/vault.toml";
    if (at != std::string::npos) {
      text.replace(at, fixed.size(), "address = \"http://127.0.0.1:" + std::to_string(port) + "\"");
    }
    return WriteFile("vault.toml", text).string();
  }
};

TEST_F(VaultSettingsTest, MistakesInTheProfileAreConfigErrors) {
  StartVault();
  ExpectConfigError("path = \"influx/prod\"\nkv_version = 3\n", "kv_version is 3");
  ExpectConfigError("path = \"influx/prod\"\nkv_version = 1\ncas = 0\n",
                    "cas is a KV version 2 option");
  ExpectConfigError("path = \"influx/prod\"\ncas = -1\n", "cas is negative");
  ExpectConfigError("path = \"influx//prod\"\n", "empty, \".\" or \"..\" segment");
  ExpectConfigError("path = \"/\"\n", "setting path is empty");
  ExpectConfigError("path = \"influx/prod\"\nfield = \"id\"\n",
                    "id_field is \"id\", the same as field");
  ExpectConfigError("path = \"influx/prod\"\nfield = \"\"\n", "field is empty");
  ExpectConfigError("path = \"influx/prod\"\ntimeout = \"0s\"\n", "timeout is zero");
  ExpectConfigError("path = \"influx/prod\"\nca = \"ca.pem\"\n",
                    "ca is set but address is " + vault().address() + " (plain http)");
  ExpectConfigError("path = \"influx/prod\"\ntoken = \"hvs.in-the-profile\"\n",
                    "unknown");  // the Vault token is never a setting
  ExpectConfigError("", "path");
}

TEST_F(VaultSettingsTest, AnAddressMustBeSchemeHostAndPort) {
  StartVault();
  for (const char* address :
       {"vault.example:8200", "ftp://vault.example", "https://vault.example:8200/v1/",
        "https://user@vault.example", "https://vault.example:99999", "https://"}) {
    std::string config = WriteMockConfig(std::string("\n[[profile.output]]\nplugin = \"vault\"\n"
                                                     "address = \"") +
                                         address + "\"\npath = \"influx/prod\"\n")
                             .string();
    RunResult run = Create(config);
    EXPECT_EQ(run.exit_code, 2) << address << run;
    EXPECT_NE(run.err.find(std::string("address \"") + address + "\""), std::string::npos)
        << address << run;
    EXPECT_NE(run.err.find("https://vault.example:8200"), std::string::npos) << address << run;
  }
}

TEST_F(VaultSettingsTest, APathStartingWithDataIsWarnedAbout) {
  StartVault();
  std::string config = WriteVaultConfig("path = \"data/influx/prod\"\n");

  RunResult run = Create(config);

  EXPECT_NE(run.err.find("write path = \"influx/prod\""), std::string::npos) << run;
}

TEST_F(VaultSettingsTest, TheExampleDefaultProfileWorksAgainstTheFake) {
  testing::FakeVaultOptions options;
  options.policies = {
      "influx=secret/data/influx/*:create,update,read;secret/metadata/influx/*:read"};
  options.tokens = {"demo-vault-token=influx"};
  StartVault(options);
  env_["VAULT_TOKEN"] = "demo-vault-token";

  RunResult run = Run({"--config", ExampleWithPort(vault().port()), "management", "create",
                       "--description", "stored in vault"});

  ASSERT_EQ(run.exit_code, 0) << run;
  testing::FakeVaultReply stored =
      vault().Call("GET", "/v1/secret/data/influx/demo", "demo-vault-token");
  ASSERT_EQ(stored.status, 200) << stored.body;
  Poco::JSON::Object::Ptr data = ParseObject(stored.body)->getObject("data")->getObject("data");
  EXPECT_EQ(data->getValue<std::string>("token"), LastLine(run.out));
  EXPECT_EQ(data->getValue<std::string>("description"), "stored in vault");
}

TEST_F(VaultSettingsTest, TheExampleProductionProfileIsValid) {
  // Every key is accepted; the run stops only at the CA file this machine lacks.
  env_["INFLUXCTL_MGMT_TOKEN"] = "placeholder-credential";

  RunResult run = Run({"--config", SourcePath("configs/vault.toml"), "--profile", "production",
                       "management", "create"});

  EXPECT_EQ(run.exit_code, 2) << run;
  EXPECT_NE(run.err.find("setting ca: the file /etc/ssl/vault-ca.pem cannot be read"),
            std::string::npos)
      << run;
}

}  // namespace
}  // namespace influxctl::e2e

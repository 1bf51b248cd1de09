// SPDX-License-Identifier: Apache-2.0
//
// The vault output delivers: the built influxctl, the mock transport and a
// fake Vault; each test reads the secret back through Vault's own KV API and
// checks that it holds the very token printed on stdout, with its id,
// description and expiry beside it, for KV version 2 and 1, in a namespace,
// with a token file, and with the field names a profile chooses.

#include "vault_test_fixture.hpp"

namespace influxctl::e2e {
namespace {

class VaultDeliveryTest : public VaultOutputTest {};

TEST_F(VaultDeliveryTest, KvVersion2HoldsTheTokenAndItsMetadata) {
  StartVault();
  std::string config = WriteVaultConfig("path = \"influx/prod\"\n");

  RunResult run = Create(config, {"--expires-at", "2099-01-02T03:04:05Z"});

  ASSERT_EQ(run.exit_code, 0) << run;
  ASSERT_EQ(MockTokens().size(), 1u);
  EXPECT_FALSE(MockTokens()[0].revoked);
  Poco::JSON::Object::Ptr stored = ReadV2("secret", "influx/prod");
  EXPECT_EQ(stored->optValue<std::string>("token", ""), LastLine(run.out));
  EXPECT_EQ(stored->optValue<std::string>("id", ""), MockTokens()[0].id);
  EXPECT_EQ(stored->optValue<std::string>("description", ""), "vault test");
  EXPECT_EQ(stored->optValue<std::string>("expires_at", ""), "2099-01-02T03:04:05Z");
  EXPECT_EQ(KeysOf(stored).size(), 4u);
  EXPECT_EQ(CallsTo("POST", "/v1/secret/data/influx/prod"), 1);
}

TEST_F(VaultDeliveryTest, PreflightOnlyReadsAndTheWriteComesLast) {
  StartVault();
  std::string config = WriteVaultConfig("path = \"influx/prod\"\n");

  RunResult run = Create(config);

  ASSERT_EQ(run.exit_code, 0) << run;
  std::vector<std::string> seen;
  for (const Poco::JSON::Object::Ptr& call : RecordedCalls()) {
    seen.push_back(call->getValue<std::string>("method") + " " +
                   call->getValue<std::string>("path"));
    EXPECT_TRUE(call->getValue<bool>("token_present"));
  }
  std::vector<std::string> expected = {
      "GET /v1/auth/token/lookup-self",   "GET /v1/sys/internal/ui/mounts/secret/influx/prod",
      "POST /v1/sys/capabilities-self",   "GET /v1/secret/metadata/influx/prod",
      "POST /v1/secret/data/influx/prod",
  };
  EXPECT_EQ(seen, expected);
}

TEST_F(VaultDeliveryTest, ANeverExpiringTokenHasAnEmptyExpiry) {
  StartVault();
  std::string config = WriteVaultConfig("path = \"influx/prod\"\n");

  RunResult run = Create(config);

  ASSERT_EQ(run.exit_code, 0) << run;
  EXPECT_EQ(ReadV2("secret", "influx/prod")->optValue<std::string>("expires_at", "absent"), "");
}

TEST_F(VaultDeliveryTest, ASecondRunWritesASecondVersion) {
  StartVault();
  std::string config = WriteVaultConfig("path = \"influx/prod\"\n");

  RunResult first = Create(config);
  RunResult second = Create(config);

  ASSERT_EQ(first.exit_code, 0) << first;
  ASSERT_EQ(second.exit_code, 0) << second;
  EXPECT_EQ(ReadV2("secret", "influx/prod")->optValue<std::string>("token", ""),
            LastLine(second.out));
  testing::FakeVaultReply metadata =
      vault().Call("GET", "/v1/secret/metadata/influx/prod", std::string(kRootToken));
  EXPECT_EQ(ParseObject(metadata.body)->getObject("data")->getValue<int>("current_version"), 2);
}

TEST_F(VaultDeliveryTest, CheckAndSetZeroWritesANewSecret) {
  StartVault();
  std::string config = WriteVaultConfig("path = \"influx/new\"\ncas = 0\n");

  RunResult run = Create(config);

  ASSERT_EQ(run.exit_code, 0) << run;
  EXPECT_EQ(ReadV2("secret", "influx/new")->optValue<std::string>("token", ""), LastLine(run.out));
}

TEST_F(VaultDeliveryTest, CheckAndSetWithTheCurrentVersionReplacesIt) {
  StartVault();
  PrepareV2("secret", "influx/prod", R"({"token": "old"})");
  std::string config = WriteVaultConfig("path = \"influx/prod\"\ncas = 1\n");

  RunResult run = Create(config);

  ASSERT_EQ(run.exit_code, 0) << run;
  EXPECT_EQ(ReadV2("secret", "influx/prod")->optValue<std::string>("token", ""), LastLine(run.out));
}

TEST_F(VaultDeliveryTest, KvVersion1HoldsTheFields) {
  StartVault();
  std::string config =
      WriteVaultConfig("mount = \"kv1\"\nkv_version = 1\npath = \"influx/prod\"\n");

  RunResult run = Create(config);

  ASSERT_EQ(run.exit_code, 0) << run;
  Poco::JSON::Object::Ptr stored = ReadV1("kv1", "influx/prod");
  EXPECT_EQ(stored->optValue<std::string>("token", ""), LastLine(run.out));
  EXPECT_EQ(stored->optValue<std::string>("id", ""), MockTokens()[0].id);
  EXPECT_EQ(stored->optValue<std::string>("description", ""), "vault test");
  EXPECT_EQ(CallsTo("POST", "/v1/kv1/influx/prod"), 1);
  EXPECT_EQ(CallsTo("GET", "/v1/secret/metadata/influx/prod"), 0);
}

TEST_F(VaultDeliveryTest, ANamespaceGoesInTheHeaderOfEveryCall) {
  StartVault();
  std::string config = WriteVaultConfig("path = \"influx/prod\"\nnamespace = \"team-a/\"\n");

  RunResult run = Create(config);

  ASSERT_EQ(run.exit_code, 0) << run;
  EXPECT_EQ(ReadV2("secret", "influx/prod", "team-a")->optValue<std::string>("token", ""),
            LastLine(run.out));
  for (const Poco::JSON::Object::Ptr& call : RecordedCalls()) {
    if (call->getValue<std::string>("path") != "/v1/secret/data/influx/prod" ||
        call->getValue<std::string>("method") != "GET") {
      EXPECT_EQ(call->getValue<std::string>("namespace"), "team-a")
          << call->getValue<std::string>("path");
    }
  }
  // The root namespace's secret/ was not touched.
  EXPECT_EQ(vault().Call("GET", "/v1/secret/data/influx/prod", std::string(kRootToken)).status,
            404);
}

TEST_F(VaultDeliveryTest, TheTokenCanComeFromATokenFile) {
  StartVault();
  env_.erase("VAULT_TOKEN");
  WriteFile("secrets/vault-token", std::string(kWriterToken) + "\n");
  std::string config =
      WriteVaultConfig("path = \"influx/prod\"\ntoken_file = \"secrets/vault-token\"\n");

  RunResult run = Create(config);

  ASSERT_EQ(run.exit_code, 0) << run;
  EXPECT_EQ(ReadV2("secret", "influx/prod")->optValue<std::string>("token", ""), LastLine(run.out));
}

TEST_F(VaultDeliveryTest, TheTokenFileWinsOverVaultToken) {
  StartVault();
  env_["VAULT_TOKEN"] = "hvs.not-a-token-the-fake-knows";
  WriteFile("vault-token", std::string(kWriterToken));
  std::string config = WriteVaultConfig("path = \"influx/prod\"\ntoken_file = \"vault-token\"\n");

  RunResult run = Create(config);

  ASSERT_EQ(run.exit_code, 0) << run;
}

TEST_F(VaultDeliveryTest, FieldNamesAreTheProfilesAndEmptyOnesAreLeftOut) {
  StartVault();
  std::string config = WriteVaultConfig(
      "path = \"influx/prod\"\nfield = \"INFLUX_TOKEN\"\nid_field = \"INFLUX_TOKEN_ID\"\n"
      "description_field = \"\"\nexpires_at_field = \"\"\n");

  RunResult run = Create(config);

  ASSERT_EQ(run.exit_code, 0) << run;
  Poco::JSON::Object::Ptr stored = ReadV2("secret", "influx/prod");
  EXPECT_EQ(stored->optValue<std::string>("INFLUX_TOKEN", ""), LastLine(run.out));
  EXPECT_EQ(stored->optValue<std::string>("INFLUX_TOKEN_ID", ""), MockTokens()[0].id);
  EXPECT_EQ(KeysOf(stored).size(), 2u);
}

TEST_F(VaultDeliveryTest, ADescriptionWithQuotesAndUnicodeRoundTrips) {
  StartVault();
  std::string config = WriteVaultConfig("path = \"influx/prod\"\n");
  const std::string description = "ci \"nightly\" \\ 東京 🚀";

  RunResult run = Run({"--config", config, "management", "create", "--description", description});

  ASSERT_EQ(run.exit_code, 0) << run;
  EXPECT_EQ(ReadV2("secret", "influx/prod")->optValue<std::string>("description", ""), description);
}

TEST_F(VaultDeliveryTest, TheTargetNamesAddressPathAndField) {
  StartVault();
  std::string config = WriteVaultConfig("path = \"influx/prod\"\nnamespace = \"team-a\"\n");

  RunResult run = Run({"--debug", "--config", config, "management", "create"});

  ASSERT_EQ(run.exit_code, 0) << run;
  EXPECT_NE(run.err.find("vault " + vault().address() +
                         " secret/data/influx/prod in namespace team-a (field token)"),
            std::string::npos)
      << run;
}

}  // namespace
}  // namespace influxctl::e2e

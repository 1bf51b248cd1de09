// SPDX-License-Identifier: Apache-2.0
//
// The vault output's preflight finds, before the token exists, what would
// make the write fail: no Vault token, one Vault refuses, a policy without
// the capability to write, a check-and-set condition that already fails, a
// mount of the other KV version, a sealed, silent or absent Vault. Each
// failure exits 1, says what to do, creates no token at the mock, and sends
// Vault no write.

#include <Poco/Net/ServerSocket.h>

#include <chrono>

#include "vault_test_fixture.hpp"

namespace influxctl::e2e {
namespace {

class VaultPreflightTest : public VaultOutputTest {
 protected:
  // The run failed at preflight: exit 1, the message has `needle`, no token
  // was created, and Vault saw no write to the secret beyond the
  // `prepared_writes` the test made itself.
  void ExpectPreflightFailure(const RunResult& run,
                              std::string_view needle,
                              int prepared_writes = 0) {
    EXPECT_EQ(run.exit_code, 1) << run;
    EXPECT_EQ(run.out, "") << run;
    EXPECT_NE(run.err.find(needle), std::string::npos) << run;
    EXPECT_NE(run.err.find("no token was created"), std::string::npos) << run;
    EXPECT_TRUE(MockTokens().empty());
    EXPECT_EQ(JournalCalls("create"), 0);
    EXPECT_EQ(CallsTo("POST", "/v1/secret/data/influx/prod"), prepared_writes);
  }
};

TEST_F(VaultPreflightTest, NoVaultTokenAnywhere) {
  StartVault();
  env_.erase("VAULT_TOKEN");
  std::string config = WriteVaultConfig("path = \"influx/prod\"\n");

  RunResult run = Create(config);

  ExpectPreflightFailure(run, "no Vault token: VAULT_TOKEN is not set");
  EXPECT_NE(run.err.find("token_file"), std::string::npos) << run;
  EXPECT_TRUE(RecordedCalls().empty());
}

TEST_F(VaultPreflightTest, AnUnreadableTokenFile) {
  StartVault();
  std::string config = WriteVaultConfig("path = \"influx/prod\"\ntoken_file = \"missing\"\n");

  RunResult run = Create(config);

  ExpectPreflightFailure(run, "missing (token_file) cannot be read");
}

TEST_F(VaultPreflightTest, AVaultTokenVaultDoesNotKnow) {
  StartVault();
  env_["VAULT_TOKEN"] = "hvs.expired-or-revoked-0000000000";
  std::string config = WriteVaultConfig("path = \"influx/prod\"\n");

  RunResult run = Create(config);

  ExpectPreflightFailure(run, "Vault refused the token from VAULT_TOKEN (HTTP 403");
  EXPECT_NE(run.err.find("permission denied"), std::string::npos) << run;
  EXPECT_EQ(run.err.find("hvs.expired-or-revoked"), std::string::npos) << run;
}

TEST_F(VaultPreflightTest, APolicyWithoutTheCapabilityToWrite) {
  StartVault();
  env_["VAULT_TOKEN"] = std::string(kReaderToken);
  std::string config = WriteVaultConfig("path = \"influx/prod\"\n");

  RunResult run = Create(config);

  ExpectPreflightFailure(run, "may not write secret/data/influx/prod");
  EXPECT_NE(run.err.find("[read]"), std::string::npos) << run;
  EXPECT_NE(run.err.find("\"create\""), std::string::npos) << run;
}

TEST_F(VaultPreflightTest, APathOutsideThePolicy) {
  StartVault();
  std::string config = WriteVaultConfig("path = \"elsewhere/prod\"\n");

  RunResult run = Create(config);

  EXPECT_EQ(run.exit_code, 1) << run;
  EXPECT_NE(run.err.find("may not write secret/data/elsewhere/prod: its capabilities there are "
                         "[deny]"),
            std::string::npos)
      << run;
  EXPECT_TRUE(MockTokens().empty());
}

TEST_F(VaultPreflightTest, CheckAndSetZeroOnAnExistingSecret) {
  StartVault();
  PrepareV2("secret", "influx/prod", R"({"token": "someone else's"})");
  std::string config = WriteVaultConfig("path = \"influx/prod\"\ncas = 0\n");

  RunResult run = Create(config);

  ExpectPreflightFailure(run, "check-and-set would fail", 1);
  EXPECT_NE(run.err.find("is at version 1"), std::string::npos) << run;
  EXPECT_NE(run.err.find("set cas = 1"), std::string::npos) << run;
  EXPECT_EQ(ReadV2("secret", "influx/prod")->optValue<std::string>("token", ""), "someone else's");
}

TEST_F(VaultPreflightTest, CheckAndSetWithAnOldVersion) {
  StartVault();
  PrepareV2("secret", "influx/prod", R"({"token": "one"})");
  PrepareV2("secret", "influx/prod", R"({"token": "two"})");
  std::string config = WriteVaultConfig("path = \"influx/prod\"\ncas = 1\n");

  RunResult run = Create(config);

  ExpectPreflightFailure(run, "check-and-set would fail: cas = 1", 2);
  EXPECT_NE(run.err.find("is at version 2"), std::string::npos) << run;
}

TEST_F(VaultPreflightTest, AMountThatRequiresCheckAndSet) {
  testing::FakeVaultOptions options = DefaultVault();
  options.mounts = {"secret=2:cas_required"};
  StartVault(options);
  std::string config = WriteVaultConfig("path = \"influx/prod\"\n");
  vault().Call("POST", "/v1/secret/metadata/influx/prod", std::string(kRootToken),
               R"({"cas_required": true})");

  RunResult run = Create(config);

  ExpectPreflightFailure(run, "requires check-and-set");
}

TEST_F(VaultPreflightTest, KvVersion1SettingOnAVersion2Mount) {
  StartVault();
  std::string config = WriteVaultConfig("path = \"influx/prod\"\nkv_version = 1\n");

  RunResult run = Create(config);

  ExpectPreflightFailure(run, "is KV version 2, but kv_version = 1");
  EXPECT_EQ(CallsTo("POST", "/v1/secret/influx/prod"), 0);
}

TEST_F(VaultPreflightTest, AMountThatDoesNotExist) {
  StartVault();
  std::string config = WriteVaultConfig("mount = \"nowhere\"\npath = \"influx/prod\"\n");

  RunResult run = Create(config);

  EXPECT_EQ(run.exit_code, 1) << run;
  EXPECT_NE(run.err.find("may not write nowhere/data/influx/prod"), std::string::npos) << run;
  EXPECT_TRUE(MockTokens().empty());
}

TEST_F(VaultPreflightTest, ASealedVault) {
  testing::FakeVaultOptions options = DefaultVault();
  options.sealed = true;
  StartVault(options);
  std::string config = WriteVaultConfig("path = \"influx/prod\"\n");

  RunResult run = Create(config);

  ExpectPreflightFailure(run, "HTTP 503");
  EXPECT_NE(run.err.find("Vault is sealed"), std::string::npos) << run;
}

TEST_F(VaultPreflightTest, AVaultSlowerThanTheTimeout) {
  testing::FakeVaultOptions options = DefaultVault();
  options.faults = {"GET /v1/auth/token/lookup-self delay=5000"};
  StartVault(options);
  std::string config = WriteVaultConfig("path = \"influx/prod\"\ntimeout = \"400ms\"\n");

  auto started = std::chrono::steady_clock::now();
  RunResult run = Create(config);
  auto took = std::chrono::steady_clock::now() - started;

  ExpectPreflightFailure(run, "within the 400ms timeout");
  EXPECT_LT(took, std::chrono::seconds(3)) << run;
}

TEST_F(VaultPreflightTest, NothingListeningAtTheAddress) {
  int port = 0;
  {
    Poco::Net::ServerSocket socket(Poco::Net::SocketAddress("127.0.0.1", 0));
    port = socket.address().port();
  }
  std::string config =
      WriteMockConfig("\n[[profile.output]]\nplugin = \"vault\"\naddress = \"http://127.0.0.1:" +
                      std::to_string(port) + "\"\npath = \"influx/prod\"\n")
          .string();

  RunResult run = Create(config);

  EXPECT_EQ(run.exit_code, 1) << run;
  EXPECT_NE(run.err.find("was refused: nothing is listening there"), std::string::npos) << run;
  EXPECT_NE(run.err.find("no token was created"), std::string::npos) << run;
  EXPECT_TRUE(MockTokens().empty());
}

}  // namespace
}  // namespace influxctl::e2e

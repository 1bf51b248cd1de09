// SPDX-License-Identifier: Apache-2.0
//
// The vault output failing after the token exists (SPEC §6): Vault answers
// the write with 500, refuses it with 403, or does not answer in time. A
// required output's failure makes the engine revoke the new token, exit 1 and
// say so with Vault's own reasons; an optional one (required = false) only
// warns, and the run succeeds with the token on stdout.

#include <chrono>

#include "vault_test_fixture.hpp"

namespace influxctl::e2e {
namespace {

class VaultRollbackTest : public VaultOutputTest {
 protected:
  void ExpectRevoked(const RunResult& run) {
    EXPECT_EQ(run.exit_code, 1) << run;
    EXPECT_EQ(run.out, "") << run;
    ASSERT_EQ(MockTokens().size(), 1u) << run;
    EXPECT_TRUE(MockTokens()[0].revoked) << run;
    EXPECT_NE(run.err.find("was revoked again"), std::string::npos) << run;
    EXPECT_NE(run.err.find(MockTokens()[0].id), std::string::npos) << run;
  }
};

TEST_F(VaultRollbackTest, A500AtDeliveryRevokesTheToken) {
  testing::FakeVaultOptions options = DefaultVault();
  options.faults = {"POST /v1/secret/data/influx/prod status=500 times=1"};
  StartVault(options);
  std::string config = WriteVaultConfig("path = \"influx/prod\"\n");

  RunResult run = Create(config);

  ExpectRevoked(run);
  EXPECT_NE(run.err.find("HTTP 500"), std::string::npos) << run;
  EXPECT_NE(run.err.find("injected fault (status 500)"), std::string::npos) << run;
  EXPECT_NE(run.err.find(vault().address()), std::string::npos) << run;
  EXPECT_NE(run.err.find("secret/data/influx/prod"), std::string::npos) << run;
  EXPECT_EQ(vault().Call("GET", "/v1/secret/data/influx/prod", std::string(kRootToken)).status,
            404);
}

TEST_F(VaultRollbackTest, A403AtDeliveryQuotesVaultAndRevokes) {
  // KV version 1 cannot tell in advance whether the key exists, so a policy
  // that may only create passes preflight and fails on an existing key.
  testing::FakeVaultOptions options = DefaultVault();
  options.policies.push_back("create-only=kv1/influx/*:create");
  options.tokens.push_back("hvs.create-only-5566778899aabbccdd=create-only");
  StartVault(options);
  ASSERT_EQ(
      vault()
          .Call("POST", "/v1/kv1/influx/prod", std::string(kRootToken), R"({"token": "before"})")
          .status,
      204);
  env_["VAULT_TOKEN"] = "hvs.create-only-5566778899aabbccdd";
  std::string config =
      WriteVaultConfig("mount = \"kv1\"\nkv_version = 1\npath = \"influx/prod\"\n");

  RunResult run = Create(config);

  ExpectRevoked(run);
  EXPECT_NE(run.err.find("Vault refused the write (HTTP 403 Forbidden: permission denied)"),
            std::string::npos)
      << run;
  EXPECT_EQ(ReadV1("kv1", "influx/prod")->optValue<std::string>("token", ""), "before");
}

TEST_F(VaultRollbackTest, ACheckAndSetRaceAfterPreflightRevokes) {
  // Another writer gets in between preflight and delivery.
  StartVault();
  vault().AddFault("POST /v1/secret/data/influx/prod race=1 times=1");
  std::string config = WriteVaultConfig("path = \"influx/prod\"\ncas = 0\n");

  RunResult run = Create(config);

  ExpectRevoked(run);
  EXPECT_NE(run.err.find("check-and-set conflict"), std::string::npos) << run;
  EXPECT_NE(run.err.find("check-and-set parameter did not match the current version"),
            std::string::npos)
      << run;
  EXPECT_EQ(ReadV2("secret", "influx/prod")->optValue<std::string>("written_by", ""),
            "another client");
}

TEST_F(VaultRollbackTest, ATimeoutAtDeliveryRevokesAndSaysVaultMayHoldIt) {
  testing::FakeVaultOptions options = DefaultVault();
  options.faults = {"POST /v1/secret/data/influx/prod delay=5000"};
  StartVault(options);
  std::string config = WriteVaultConfig("path = \"influx/prod\"\ntimeout = \"500ms\"\n");

  auto started = std::chrono::steady_clock::now();
  RunResult run = Create(config);
  auto took = std::chrono::steady_clock::now() - started;

  ExpectRevoked(run);
  EXPECT_NE(run.err.find("within the 500ms timeout"), std::string::npos) << run;
  EXPECT_NE(run.err.find("Vault may hold the token anyway"), std::string::npos) << run;
  EXPECT_LT(took, std::chrono::seconds(4)) << run;
}

TEST_F(VaultRollbackTest, AnOptionalOutputFailingOnlyWarns) {
  testing::FakeVaultOptions options = DefaultVault();
  options.faults = {"POST /v1/secret/data/influx/prod status=500 times=1"};
  StartVault(options);
  std::string config = WriteVaultConfig("path = \"influx/prod\"\nrequired = false\n");

  RunResult run = Create(config);

  EXPECT_EQ(run.exit_code, 0) << run;
  ASSERT_EQ(MockTokens().size(), 1u);
  EXPECT_FALSE(MockTokens()[0].revoked);
  EXPECT_FALSE(LastLine(run.out).empty()) << run;
  EXPECT_NE(run.err.find("HTTP 500"), std::string::npos) << run;
  EXPECT_NE(run.err.find("optional output; continuing"), std::string::npos) << run;
}

}  // namespace
}  // namespace influxctl::e2e

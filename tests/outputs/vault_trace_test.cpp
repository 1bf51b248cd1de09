// SPDX-License-Identifier: Apache-2.0
//
// --trace shows every exchange with Vault and no secret: the X-Vault-Token
// header reads [redacted], the token lookup's answer loses the token's id
// and accessor, and the written secret's token field reads [redacted]. Not
// the Vault token, not the new management token appears anywhere on stderr,
// in success and in failure.

#include "vault_test_fixture.hpp"

namespace influxctl::e2e {
namespace {

class VaultTraceTest : public VaultOutputTest {};

TEST_F(VaultTraceTest, TraceShowsTheExchangesAndNoSecret) {
  StartVault();
  std::string config = WriteVaultConfig("path = \"influx/prod\"\n");

  RunResult run =
      Run({"--trace", "--config", config, "management", "create", "--description", "traced"});

  ASSERT_EQ(run.exit_code, 0) << run;
  const std::string token = LastLine(run.out);
  EXPECT_NE(run.err.find("> POST " + vault().address() + "/v1/secret/data/influx/prod"),
            std::string::npos)
      << run.err;
  EXPECT_NE(run.err.find("> X-Vault-Token: [redacted]"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("\"token\":\"[redacted]\""), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("\"description\":\"traced\""), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("< 200"), std::string::npos) << run.err;
  EXPECT_EQ(run.err.find(kWriterToken), std::string::npos) << run.err;
  EXPECT_FALSE(ContainsPartOf(run.err, token)) << run.err;
  EXPECT_FALSE(ContainsPartOf(run.err, kWriterToken)) << run.err;
}

TEST_F(VaultTraceTest, AFailedDeliveryTracesNoSecretEither) {
  testing::FakeVaultOptions options = DefaultVault();
  options.faults = {"POST /v1/secret/data/influx/prod status=500 times=1"};
  StartVault(options);
  WriteFile("vault-token", std::string(kWriterToken) + "\n");
  env_.erase("VAULT_TOKEN");
  std::string config = WriteVaultConfig("path = \"influx/prod\"\ntoken_file = \"vault-token\"\n");

  RunResult run = Run({"--trace", "--config", config, "management", "create", "--format", "json"});

  EXPECT_EQ(run.exit_code, 1) << run;
  EXPECT_NE(run.err.find("< 500"), std::string::npos) << run.err;
  EXPECT_FALSE(ContainsPartOf(run.err, kWriterToken)) << run.err;
  // The token never reached stdout; the mock's state has its secret's prefix only.
  EXPECT_EQ(run.out, "");
  EXPECT_NE(run.err.find("\"token\":\"[redacted]\""), std::string::npos) << run.err;
}

TEST_F(VaultTraceTest, DebugNamesTheTokensSourceNotTheToken) {
  StartVault();
  std::string config = WriteVaultConfig("path = \"influx/prod\"\n");

  RunResult run = Run({"--debug", "--config", config, "management", "create"});

  ASSERT_EQ(run.exit_code, 0) << run;
  EXPECT_NE(run.err.find("Vault token from VAULT_TOKEN accepted: policies [default, writer]"),
            std::string::npos)
      << run.err;
  EXPECT_FALSE(ContainsPartOf(run.err, kWriterToken)) << run.err;
  EXPECT_FALSE(ContainsPartOf(run.err, LastLine(run.out))) << run.err;
}

}  // namespace
}  // namespace influxctl::e2e

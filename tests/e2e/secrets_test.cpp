// SPDX-License-Identifier: Apache-2.0
//
// Secrets stay where they belong at every log level: the new token appears on
// stdout once and nowhere on stderr, and the profile's mgmt_token appears in
// no output of any command, not even with --trace or in an error.

#include "e2e_test.hpp"

namespace influxctl::e2e {
namespace {

constexpr std::string_view kMgmtToken = "mgmt-5f1c0ffee-credential-that-must-stay-hidden";

// A profile holding kMgmtToken; `extra` goes after the credential.
std::string ConfigWithCredential(std::string_view extra = "") {
  return "[[profile]]\nname = \"default\"\nmgmt_token = \"" + std::string(kMgmtToken) + "\"\n" +
         std::string(extra) +
         "\n[profile.transport]\nplugin = \"mock\"\n"
         "state_file = \"state.json\"\njournal = \"journal.jsonl\"\n";
}

class SecretsTest : public E2eTest, public ::testing::WithParamInterface<const char*> {
 protected:
  void SetUp() override {
    E2eTest::SetUp();
    config_ = WriteFile("config.toml", ConfigWithCredential()).string();
  }

  RunResult RunLogged(std::vector<std::string> args) {
    args.insert(args.begin(), {"--config", config_, GetParam()});
    return Run(args);
  }

  std::string config_;
};

TEST_P(SecretsTest, TheNewTokenNeverReachesStderr) {
  RunResult run = RunLogged({"management", "create", "--description", "logged"});

  ASSERT_EQ(run.exit_code, 0) << run;
  const std::string secret = LastLine(run.out);
  ASSERT_TRUE(secret.starts_with("M.V1.")) << run;
  EXPECT_NE(run.err.find("debug"), std::string::npos) << "the flag logged nothing" << run;
  EXPECT_FALSE(ContainsPartOf(run.err, secret)) << run;
  EXPECT_EQ(run.out.find(secret), run.out.rfind(secret)) << "the token was printed twice";
}

TEST_P(SecretsTest, TheNewTokenNeverReachesStderrInJson) {
  RunResult run = RunLogged({"management", "create", "--format", "json"});

  ASSERT_EQ(run.exit_code, 0) << run;
  const std::string secret = ParseObject(run.out)->getValue<std::string>("token");
  EXPECT_FALSE(ContainsPartOf(run.err, secret)) << run;
}

TEST_P(SecretsTest, TheManagementCredentialIsNeverPrinted) {
  RunResult created = RunLogged({"management", "create", "--format", "json"});
  ASSERT_EQ(created.exit_code, 0) << created;
  const std::string id = ParseObject(created.out)->getValue<std::string>("id");
  RunResult listed = RunLogged({"management", "list"});
  RunResult revoked = RunLogged({"management", "revoke", "--force", id, "no-such-id"});
  RunResult refused = RunLogged({"management", "create", "--expires-at", "2020-01-01T00:00:00Z"});

  for (const RunResult* run : {&created, &listed, &revoked, &refused}) {
    EXPECT_FALSE(ContainsPartOf(run->out + run->err, kMgmtToken)) << *run;
  }
  EXPECT_FALSE(ContainsPartOf(ReadFile(Path("journal.jsonl")), kMgmtToken));
  EXPECT_FALSE(ContainsPartOf(ReadFile(Path("state.json")), kMgmtToken));
}

INSTANTIATE_TEST_SUITE_P(LogLevels,
                         SecretsTest,
                         ::testing::Values("--debug", "--trace"),
                         [](const auto& info) { return std::string(info.param + 2); });

class SecretsInErrorsTest : public E2eTest {};

// A config error in the file that holds the credential must not quote it.
TEST_F(SecretsInErrorsTest, AConfigErrorNearTheCredentialDoesNotQuoteIt) {
  std::string config =
      WriteFile("config.toml", ConfigWithCredential("mgmt_token = \"twice\"\n")).string();

  RunResult run = Run({"--config", config, "--trace", "management", "list"});

  EXPECT_EQ(run.exit_code, 2) << run;
  EXPECT_FALSE(ContainsPartOf(run.out + run.err, kMgmtToken)) << run;
}

}  // namespace
}  // namespace influxctl::e2e

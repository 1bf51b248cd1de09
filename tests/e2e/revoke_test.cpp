// SPDX-License-Identifier: Apache-2.0
//
// `management revoke`: several ids go on past a failure and the exit status
// says one failed; without --force it asks on a terminal (script(1) provides
// one) and revokes only on a yes, and with stdin not a terminal it revokes
// nothing, whatever stdin says.

#include <filesystem>

#include "e2e_test.hpp"

namespace influxctl::e2e {
namespace {

class RevokeTest : public E2eTest {
 protected:
  void SetUp() override {
    E2eTest::SetUp();
    config_ = WriteMockConfig().string();
  }

  std::string CreateToken() {
    RunResult run = Run({"--config", config_, "management", "create", "--format", "json"});
    EXPECT_EQ(run.exit_code, 0) << run;
    return run.exit_code == 0 ? ParseObject(run.out)->getValue<std::string>("id") : "";
  }

  // Runs `revoke id` with a terminal as stdin and stdout, typing `answer`.
  RunResult RevokeOnATerminal(const std::string& id, const std::string& answer) {
    RunOptions options;
    options.env = env_;
    options.stdin_text = answer;
    options.working_dir = dir().string();
    const std::string command =
        "'" + InfluxctlPath() + "' --config '" + config_ + "' management revoke " + id;
    return RunProgram(kScript, {"--quiet", "--return", "--command", command, "/dev/null"}, options);
  }

  static constexpr const char* kScript = "/usr/bin/script";
  std::string config_;
};

TEST_F(RevokeTest, AnUnknownIdDoesNotStopTheOthers) {
  const std::string first = CreateToken();
  const std::string second = CreateToken();

  RunResult run =
      Run({"--config", config_, "management", "revoke", "--force", first, "no-such-token", second});

  EXPECT_EQ(run.exit_code, 1) << run;
  EXPECT_NE(run.out.find("revoked management token " + first), std::string::npos) << run;
  EXPECT_NE(run.out.find("revoked management token " + second), std::string::npos) << run;
  EXPECT_NE(run.err.find("no-such-token"), std::string::npos) << run;
  EXPECT_EQ(run.err.find(first), std::string::npos) << run;
  std::vector<StoredToken> tokens = MockTokens();
  ASSERT_EQ(tokens.size(), 2u);
  EXPECT_TRUE(tokens[0].revoked);
  EXPECT_TRUE(tokens[1].revoked);
}

TEST_F(RevokeTest, WithoutForceAndNoTerminalNothingIsRevoked) {
  const std::string id = CreateToken();

  // Even a "y" on stdin is no confirmation when stdin is not a terminal.
  RunResult run = Run({"--config", config_, "management", "revoke", id}, "y\n");

  EXPECT_EQ(run.exit_code, 2) << run;
  EXPECT_EQ(run.out, "") << run;
  EXPECT_NE(run.err.find("--force"), std::string::npos) << run;
  ASSERT_EQ(MockTokens().size(), 1u);
  EXPECT_FALSE(MockTokens()[0].revoked);
  EXPECT_EQ(JournalCalls("revoke"), 0);
}

TEST_F(RevokeTest, OnATerminalItAsksAndANoRevokesNothing) {
  if (!std::filesystem::exists(kScript)) {
    GTEST_SKIP() << "needs script(1) from util-linux for a terminal";
  }
  const std::string id = CreateToken();

  RunResult run = RevokeOnATerminal(id, "n\n");

  EXPECT_EQ(run.exit_code, 2) << run;
  EXPECT_NE(run.out.find("[y/N]"), std::string::npos) << run;
  EXPECT_NE(run.out.find(id), std::string::npos) << "the prompt does not name the token" << run;
  ASSERT_EQ(MockTokens().size(), 1u);
  EXPECT_FALSE(MockTokens()[0].revoked);
}

TEST_F(RevokeTest, OnATerminalAYesRevokes) {
  if (!std::filesystem::exists(kScript)) {
    GTEST_SKIP() << "needs script(1) from util-linux for a terminal";
  }
  const std::string id = CreateToken();

  RunResult run = RevokeOnATerminal(id, "y\n");

  EXPECT_EQ(run.exit_code, 0) << run;
  EXPECT_NE(run.out.find("revoked management token " + id), std::string::npos) << run;
  ASSERT_EQ(MockTokens().size(), 1u);
  EXPECT_TRUE(MockTokens()[0].revoked);
}

TEST_F(RevokeTest, WithoutAnIdItIsAUsageError) {
  RunResult run = Run({"--config", config_, "management", "revoke", "--force"});

  EXPECT_EQ(run.exit_code, 2) << run;
  EXPECT_EQ(run.out, "") << run;
  EXPECT_NE(run.err.find("TOKEN_ID"), std::string::npos) << run;
  EXPECT_EQ(JournalCalls("revoke"), 0);
}

}  // namespace
}  // namespace influxctl::e2e

// SPDX-License-Identifier: Apache-2.0
//
// Delivering a secret that exists once (SPEC §6), with the test-output
// plugin in [[profile.output]] and the mock's state file as the record of
// what the cluster holds: a preflight failure costs nothing, a required
// output failing after creation revokes the token, an optional one only
// warns, and a token that could not reach stdout is revoked too. influxctl
// never exits 0 with a token that reached nobody.

#include "e2e_test.hpp"

namespace influxctl::e2e {
namespace {

class DeliveryTest : public E2eTest {
 protected:
  void SetUp() override {
    E2eTest::SetUp();
    env_["INFLUXCTL_PLUGIN_PATH"] = TestPluginDir();
  }

  // The mock with a state file, then one test-output with `output_settings`.
  std::string ConfigWithOutput(std::string_view output_settings,
                               std::string_view transport_settings = "") {
    return WriteMockConfig(std::string(transport_settings) +
                           "\n\n[[profile.output]]\nplugin = \"test-output\"\n" +
                           std::string(output_settings))
        .string();
  }

  RunResult Create(const std::string& config) {
    return Run({"--config", config, "management", "create", "--description", "delivered"});
  }
};

TEST_F(DeliveryTest, AWorkingOutputGetsTheSameTokenAsStdout) {
  std::string config = ConfigWithOutput(R"(path = "token.txt")");

  RunResult run = Create(config);

  ASSERT_EQ(run.exit_code, 0) << run;
  EXPECT_EQ(ReadFile(Path("token.txt")), LastLine(run.out) + "\n");
  ASSERT_EQ(MockTokens().size(), 1u);
  EXPECT_FALSE(MockTokens()[0].revoked);
}

TEST_F(DeliveryTest, APreflightFailureCreatesNoToken) {
  for (const char* how : {"error", "throw"}) {
    std::string config =
        ConfigWithOutput(std::string("fail_in = \"preflight\"\nfail_how = \"") + how + "\"");

    RunResult run = Create(config);

    EXPECT_EQ(run.exit_code, 1) << how << run;
    EXPECT_EQ(run.out, "") << run;
    EXPECT_NE(run.err.find("preflight"), std::string::npos) << run;
    EXPECT_NE(run.err.find("no token was created"), std::string::npos) << run;
    EXPECT_TRUE(MockTokens().empty()) << how;
    EXPECT_EQ(JournalCalls("create"), 0) << how;
  }
}

// Target() is plugin code too: what it throws while the route is set up
// must stop at the plugin boundary, name the output, and send nothing.
TEST_F(DeliveryTest, AnOutputWhoseTargetThrowsIsAPluginError) {
  std::string config = ConfigWithOutput(R"(fail_in = "target")");

  RunResult run = Create(config);

  EXPECT_EQ(run.exit_code, 2) << run;
  EXPECT_EQ(run.out, "") << run;
  EXPECT_NE(run.err.find("output #1 \"test-output\""), std::string::npos) << run;
  EXPECT_EQ(run.err.find("unexpected failure"), std::string::npos) << run;
  EXPECT_TRUE(MockTokens().empty());
}

TEST_F(DeliveryTest, ARequiredOutputFailingAfterCreationRevokesTheToken) {
  for (const char* how : {"error", "throw"}) {
    std::filesystem::remove(Path("state.json"));
    std::string config =
        ConfigWithOutput(std::string("fail_in = \"deliver\"\nfail_how = \"") + how + "\"");

    RunResult run = Create(config);

    EXPECT_EQ(run.exit_code, 1) << how << run;
    EXPECT_EQ(run.out, "") << "a revoked token was shown" << run;
    std::vector<StoredToken> tokens = MockTokens();
    ASSERT_EQ(tokens.size(), 1u) << how;
    EXPECT_TRUE(tokens[0].revoked) << how;
    EXPECT_NE(run.err.find(tokens[0].id), std::string::npos) << run;
    EXPECT_NE(run.err.find("revoked"), std::string::npos) << run;
  }
}

TEST_F(DeliveryTest, WhenTheRollbackFailsTooTheIdIsGivenForRevokingByHand) {
  std::string config = ConfigWithOutput(R"(fail_in = "deliver")", R"(fail_call = "revoke"
fail_message = "revoke refused by the test")");

  RunResult run = Create(config);

  EXPECT_EQ(run.exit_code, 1) << run;
  std::vector<StoredToken> tokens = MockTokens();
  ASSERT_EQ(tokens.size(), 1u);
  EXPECT_FALSE(tokens[0].revoked);
  EXPECT_NE(run.err.find("revoke refused by the test"), std::string::npos) << run;
  EXPECT_NE(run.err.find("influxctl management revoke --force " + tokens[0].id), std::string::npos)
      << run;
}

TEST_F(DeliveryTest, AnOptionalOutputFailingOnlyWarns) {
  std::string config = ConfigWithOutput("fail_in = \"deliver\"\nrequired = false");

  RunResult run = Create(config);

  ASSERT_EQ(run.exit_code, 0) << run;
  EXPECT_TRUE(LastLine(run.out).starts_with("M.V1.")) << run;
  EXPECT_NE(run.err.find("deliver failed on purpose"), std::string::npos) << run;
  EXPECT_NE(run.err.find("warn"), std::string::npos) << run;
  std::vector<StoredToken> tokens = MockTokens();
  ASSERT_EQ(tokens.size(), 1u);
  EXPECT_FALSE(tokens[0].revoked);
}

// stdout is the last place the token goes; when it is full the token
// reached nobody and must be revoked. `sh` points stdout at /dev/full.
class StdoutFailureTest : public E2eTest, public ::testing::WithParamInterface<const char*> {};

TEST_P(StdoutFailureTest, ATokenThatCannotBePrintedIsRevoked) {
  std::string config = WriteMockConfig().string();
  RunOptions options;
  options.env = env_;
  options.working_dir = dir().string();

  RunResult run = RunProgram("/bin/sh",
                             {"-c", "exec \"$0\" \"$@\" >/dev/full", InfluxctlPath(), "--config",
                              config, "management", "create", "--format", GetParam()},
                             options);

  EXPECT_EQ(run.exit_code, 1) << run;
  std::vector<StoredToken> tokens = MockTokens();
  ASSERT_EQ(tokens.size(), 1u) << run;
  EXPECT_TRUE(tokens[0].revoked) << run;
  EXPECT_NE(run.err.find(tokens[0].id), std::string::npos) << run;
}

INSTANTIATE_TEST_SUITE_P(Formats, StdoutFailureTest, ::testing::Values("table", "json"));

TEST_F(DeliveryTest, AListThatCannotBePrintedFails) {
  std::string config = WriteMockConfig().string();
  RunOptions options;
  options.env = env_;
  options.working_dir = dir().string();

  RunResult run = RunProgram("/bin/sh",
                             {"-c", "exec \"$0\" \"$@\" >/dev/full", InfluxctlPath(), "--config",
                              config, "management", "list"},
                             options);

  EXPECT_EQ(run.exit_code, 1) << run;
  EXPECT_NE(run.err.find("stdout"), std::string::npos) << run;
}

}  // namespace
}  // namespace influxctl::e2e

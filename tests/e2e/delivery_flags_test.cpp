// SPDX-License-Identifier: Apache-2.0
//
// The command line's part in delivery: --output adds outputs typed by the
// plugin's schema, --dry-run runs every preflight and creates nothing, and
// show_token = false keeps the secret off stdout only while an output holds
// it.

#include "e2e_test.hpp"

namespace influxctl::e2e {
namespace {

class DeliveryFlagsTest : public E2eTest {
 protected:
  void SetUp() override {
    E2eTest::SetUp();
    env_["INFLUXCTL_PLUGIN_PATH"] = TestPluginDir();
  }

  std::string OutputFlag(std::string_view settings) {
    return "test-output:path=" + Path("token.txt").string() + std::string(settings);
  }
};

TEST_F(DeliveryFlagsTest, OutputFlagDeliversLikeAProfileTable) {
  auto config = WriteMockConfig();

  RunResult run = RunWithConfig(config, {"management", "create", "--output", OutputFlag("")});

  ASSERT_EQ(run.exit_code, 0) << run;
  EXPECT_EQ(ReadFile(Path("token.txt")), LastLine(run.out) + "\n");
  EXPECT_NE(run.err.find("delivered to " + Path("token.txt").string()), std::string::npos) << run;
}

TEST_F(DeliveryFlagsTest, OutputFlagWithATypoSuggestsTheSetting) {
  auto config = WriteMockConfig();

  RunResult run = RunWithConfig(config, {"management", "create", "--output", "test-output:pth=x"});

  EXPECT_EQ(run.exit_code, 2) << run;
  EXPECT_EQ(run.out, "");
  EXPECT_NE(run.err.find("--output #1"), std::string::npos) << run;
  EXPECT_NE(run.err.find("did you mean \"path\""), std::string::npos) << run;
  EXPECT_TRUE(MockTokens().empty());
}

TEST_F(DeliveryFlagsTest, OutputFlagWithoutKeyValueIsAUsageError) {
  auto config = WriteMockConfig();

  RunResult run = RunWithConfig(config, {"management", "create", "--output", "test-output:path"});

  EXPECT_EQ(run.exit_code, 2) << run;
  EXPECT_NE(run.err.find("is not KEY=VALUE"), std::string::npos) << run;
}

TEST_F(DeliveryFlagsTest, OptionalOutputFromTheFlagOnlyWarns) {
  auto config = WriteMockConfig();

  RunResult run = RunWithConfig(
      config, {"management", "create", "--output", OutputFlag(",fail_in=deliver,required=false")});

  EXPECT_EQ(run.exit_code, 0) << run;
  EXPECT_EQ(LastLine(run.out).rfind("M.V1.", 0), 0u) << run;
  EXPECT_NE(run.err.find("optional output"), std::string::npos) << run;
  ASSERT_EQ(MockTokens().size(), 1u);
  EXPECT_FALSE(MockTokens()[0].revoked);
}

TEST_F(DeliveryFlagsTest, OptionalOutputFailingPreflightIsSkipped) {
  auto config = WriteMockConfig();

  RunResult run = RunWithConfig(
      config, {"management", "create", "--output", OutputFlag(",fail_in=preflight,required=false"),
               "--output", "test-output:path=" + Path("second.txt").string()});

  EXPECT_EQ(run.exit_code, 0) << run;
  EXPECT_NE(run.err.find("it will be skipped"), std::string::npos) << run;
  EXPECT_FALSE(std::filesystem::exists(Path("token.txt")));
  EXPECT_EQ(ReadFile(Path("second.txt")), LastLine(run.out) + "\n");
  ASSERT_EQ(MockTokens().size(), 1u);
  EXPECT_FALSE(MockTokens()[0].revoked);
}

TEST_F(DeliveryFlagsTest, DryRunPrintsThePlanAndCreatesNothing) {
  auto config = WriteMockConfig();

  RunResult run =
      RunWithConfig(config, {"management", "create", "--dry-run", "--output", OutputFlag("")});

  EXPECT_EQ(run.exit_code, 0) << run;
  EXPECT_NE(run.out.find("dry run: nothing is created"), std::string::npos) << run;
  EXPECT_NE(run.out.find("transport \"mock\""), std::string::npos) << run;
  EXPECT_NE(run.out.find("output #1 \"test-output\": " + Path("token.txt").string()),
            std::string::npos)
      << run;
  EXPECT_NE(run.out.find("preflight passed"), std::string::npos) << run;
  EXPECT_EQ(run.out.find("M.V1."), std::string::npos) << run;
  EXPECT_TRUE(MockTokens().empty());
  EXPECT_EQ(JournalCalls("create"), 0);
  EXPECT_FALSE(std::filesystem::exists(Path("token.txt")));
}

TEST_F(DeliveryFlagsTest, DryRunReportsAFailingPreflight) {
  auto config = WriteMockConfig();

  RunResult run = RunWithConfig(
      config, {"management", "create", "--dry-run", "--output", OutputFlag(",fail_in=preflight")});

  EXPECT_EQ(run.exit_code, 1) << run;
  EXPECT_NE(run.err.find("preflight"), std::string::npos) << run;
  EXPECT_TRUE(MockTokens().empty());
}

TEST_F(DeliveryFlagsTest, HiddenTokenShowsWhereItWent) {
  auto config = WriteMockConfig();
  std::string text = ReadFile(config);
  WriteFile("hidden.toml",
            text.replace(text.find("[profile.transport]"), 0, "show_token = false\n\n"));

  RunResult run = Run({"--config", Path("hidden.toml").string(), "management", "create", "--output",
                       OutputFlag("")});

  ASSERT_EQ(run.exit_code, 0) << run;
  std::string token = ReadFile(Path("token.txt"));
  ASSERT_FALSE(token.empty());
  token.pop_back();
  EXPECT_EQ(run.out.find(token), std::string::npos) << run;
  EXPECT_EQ(run.err.find(token), std::string::npos) << run;
  EXPECT_NE(run.out.find("delivered to " + Path("token.txt").string()), std::string::npos) << run;
  EXPECT_EQ(run.err.find("only time"), std::string::npos) << run;
}

TEST_F(DeliveryFlagsTest, HiddenTokenIsShownWhenNoOutputHoldsIt) {
  auto config = WriteMockConfig();
  std::string text = ReadFile(config);
  WriteFile("hidden.toml",
            text.replace(text.find("[profile.transport]"), 0, "show_token = false\n\n"));

  RunResult run = Run({"--config", Path("hidden.toml").string(), "management", "create", "--output",
                       OutputFlag(",fail_in=deliver,required=false")});

  ASSERT_EQ(run.exit_code, 0) << run;
  EXPECT_EQ(LastLine(run.out).rfind("M.V1.", 0), 0u) << run;
  EXPECT_NE(run.err.find("no output holds the token"), std::string::npos) << run;
}

TEST_F(DeliveryFlagsTest, JsonListsWhereTheTokenWent) {
  auto config = WriteMockConfig();

  RunResult run = RunWithConfig(
      config, {"management", "create", "--format", "json", "--output", OutputFlag("")});

  ASSERT_EQ(run.exit_code, 0) << run;
  auto object = ParseObject(run.out);
  ASSERT_TRUE(object->has("delivered_to")) << run;
  EXPECT_EQ(object->getArray("delivered_to")->getElement<std::string>(0),
            Path("token.txt").string());
  EXPECT_TRUE(object->has("token"));
}

}  // namespace
}  // namespace influxctl::e2e

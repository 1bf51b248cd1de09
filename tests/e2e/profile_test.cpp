// SPDX-License-Identifier: Apache-2.0
//
// Choosing a profile (--profile, then INFLUXCTL_PROFILE, then "default") and
// using one as a preset: [profile.defaults] stands in for flags the command
// line leaves out, and flags always win.

#include <chrono>
#include <regex>

#include "e2e_test.hpp"

namespace influxctl::e2e {
namespace {

std::int64_t NowSeconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

class ProfileSelectionTest : public E2eTest {
 protected:
  void SetUp() override {
    E2eTest::SetUp();
    std::string text;
    for (const char* name : {"default", "from-env", "from-flag"}) {
      text += std::string("[[profile]]\nname = \"") + name +
              "\"\n[profile.transport]\nplugin = \"mock\"\n[profile.defaults]\n" +
              "format = \"json\"\ndescription = \"profile " + name + "\"\n\n";
    }
    config_ = WriteFile("config.toml", text).string();
  }

  // Which profile a create used, from the description its preset gives.
  std::string ChosenProfile(std::vector<std::string> flags) {
    std::vector<std::string> args = {"--config", config_};
    args.insert(args.end(), flags.begin(), flags.end());
    args.insert(args.end(), {"management", "create"});
    RunResult run = Run(args);
    EXPECT_EQ(run.exit_code, 0) << run;
    return run.exit_code == 0 ? ParseObject(run.out)->getValue<std::string>("description") : "";
  }

  std::string config_;
};

TEST_F(ProfileSelectionTest, DefaultIsUsedWhenNothingSaysOtherwise) {
  EXPECT_EQ(ChosenProfile({}), "profile default");
}

TEST_F(ProfileSelectionTest, EnvironmentWinsOverDefault) {
  env_["INFLUXCTL_PROFILE"] = "from-env";
  EXPECT_EQ(ChosenProfile({}), "profile from-env");
}

TEST_F(ProfileSelectionTest, FlagWinsOverEnvironment) {
  env_["INFLUXCTL_PROFILE"] = "from-env";
  EXPECT_EQ(ChosenProfile({"--profile", "from-flag"}), "profile from-flag");
}

TEST_F(ProfileSelectionTest, FlagWorksAfterTheCommandWordsToo) {
  env_["INFLUXCTL_PROFILE"] = "from-env";
  RunResult run = Run({"--config", config_, "management", "create", "--profile", "from-flag"});
  ASSERT_EQ(run.exit_code, 0) << run;
  EXPECT_EQ(ParseObject(run.out)->getValue<std::string>("description"), "profile from-flag");
}

TEST_F(ProfileSelectionTest, AnEnvironmentProfileThatDoesNotExistIsNamed) {
  env_["INFLUXCTL_PROFILE"] = "staging";
  RunResult run = Run({"--config", config_, "management", "create"});

  EXPECT_EQ(run.exit_code, 2) << run;
  EXPECT_EQ(run.out, "") << run;
  EXPECT_NE(run.err.find("\"staging\""), std::string::npos) << run;
  EXPECT_NE(run.err.find("\"from-env\""), std::string::npos) << run;
}

class PresetTest : public E2eTest {
 protected:
  void SetUp() override {
    E2eTest::SetUp();
    config_ = WriteFile("config.toml", R"([[profile]]
name = "rotate-ci"

[profile.transport]
plugin = "mock"

[profile.defaults]
description = "rotated by ci"
format = "json"
expires_in = "720h"
)")
                  .string();
  }

  RunResult Create(std::vector<std::string> flags) {
    std::vector<std::string> args = {"--config",  config_,      "--profile",
                                     "rotate-ci", "management", "create"};
    args.insert(args.end(), flags.begin(), flags.end());
    return Run(args);
  }

  std::string config_;
};

TEST_F(PresetTest, DefaultsStandInForAbsentFlags) {
  const std::int64_t before = NowSeconds();
  RunResult run = Create({});
  const std::int64_t after = NowSeconds();

  ASSERT_EQ(run.exit_code, 0) << run;
  Poco::JSON::Object::Ptr token = ParseObject(run.out);  // the preset's format
  EXPECT_EQ(token->getValue<std::string>("description"), "rotated by ci");
  ASSERT_TRUE(token->has("expires_at")) << run.out;
  const std::int64_t expires = token->getObject("expires_at")->getValue<std::int64_t>("seconds");
  constexpr std::int64_t k720Hours = 720 * 3600;
  EXPECT_GE(expires, before + k720Hours);
  EXPECT_LE(expires, after + k720Hours + 1);
}

TEST_F(PresetTest, FlagsWinOverDefaults) {
  RunResult run = Create(
      {"--description", "by hand", "--expires-at", "2031-01-01T00:00:00Z", "--format", "table"});

  ASSERT_EQ(run.exit_code, 0) << run;
  std::vector<std::string> lines = Lines(run.out);
  ASSERT_EQ(lines.size(), 7u) << run;  // a table, not JSON
  EXPECT_TRUE(lines[2].starts_with("| description | by hand ")) << lines[2];
  EXPECT_TRUE(lines[3].starts_with("|  expires at | 2031-01-01T00:00:00Z ")) << lines[3];
  EXPECT_EQ(run.out.find("rotated by ci"), std::string::npos) << run;
}

TEST_F(PresetTest, EachFlagWinsOnItsOwn) {
  RunResult run = Create({"--description", "only this"});

  ASSERT_EQ(run.exit_code, 0) << run;
  Poco::JSON::Object::Ptr token = ParseObject(run.out);  // format still from the preset
  EXPECT_EQ(token->getValue<std::string>("description"), "only this");
  EXPECT_TRUE(token->has("expires_at")) << "the preset's expiry was dropped" << run.out;
}

}  // namespace
}  // namespace influxctl::e2e

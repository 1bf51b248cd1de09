// SPDX-License-Identifier: Apache-2.0
//
// Loading config files: every mistake is exit status 2 with the file, line
// and column and a way to fix it; a file with a byte-order mark and CRLF line
// endings loads; and without --config the file comes from XDG_CONFIG_HOME,
// else HOME/.config, never from the current folder.

#include "e2e_test.hpp"

namespace influxctl::e2e {
namespace {

class ConfigTest : public E2eTest {
 protected:
  // Runs `management create` against `config_text` and checks the contract
  // of a config error.
  RunResult CreateRefused(std::string_view config_text) {
    std::string config = WriteFile("config.toml", config_text).string();
    RunResult run = Run({"--config", config, "management", "create", "--description", "x"});
    EXPECT_EQ(run.exit_code, 2) << run;
    EXPECT_EQ(run.out, "") << run;
    EXPECT_TRUE(run.err.starts_with("error: ")) << run;
    EXPECT_TRUE(MockTokens().empty());
    return run;
  }

  std::string config_path() const { return Path("config.toml").string(); }
};

// One [[profile]] using the mock; `keys` (with any tables of its own) come
// right after the name, so they start on line 3.
std::string MockProfile(std::string_view name, std::string_view keys = "") {
  return "[[profile]]\nname = \"" + std::string(name) + "\"\n" + std::string(keys) +
         "\n[profile.transport]\nplugin = \"mock\"\nstate_file = \"state.json\"\n";
}

TEST_F(ConfigTest, AnUnknownKeyNamesTheKeyItsPlaceAndTheNearestKey) {
  RunResult run = CreateRefused(MockProfile("default", "hots = \"cluster.example.com\"\n"));

  EXPECT_NE(run.err.find(config_path() + ":3:1"), std::string::npos) << run;
  EXPECT_NE(run.err.find("\"hots\""), std::string::npos) << run;
  EXPECT_NE(run.err.find("did you mean \"host\""), std::string::npos) << run;
}

TEST_F(ConfigTest, AnUnknownKeyInANestedTableIsFound) {
  RunResult run = CreateRefused(
      MockProfile("default", "[profile.tls]\ninsecure = true\nca_file = \"ca.pem\"\n"));

  EXPECT_NE(run.err.find(config_path() + ":5:1"), std::string::npos) << run;
  EXPECT_NE(run.err.find("\"ca_file\""), std::string::npos) << run;
}

TEST_F(ConfigTest, APortWrittenAsAnIntegerIsRefused) {
  RunResult run = CreateRefused(MockProfile("default", "port = 443\n"));

  EXPECT_NE(run.err.find(config_path() + ":3:"), std::string::npos) << run;
  EXPECT_NE(run.err.find("\"port\""), std::string::npos) << run;
  EXPECT_NE(run.err.find("\"443\""), std::string::npos) << "no quoted example" << run;
}

TEST_F(ConfigTest, ADuplicateKeyIsRefused) {
  RunResult run =
      CreateRefused(MockProfile("default", "host = \"a.example.com\"\nhost = \"b.example.com\"\n"));

  EXPECT_NE(run.err.find(config_path() + ":4:"), std::string::npos) << run;
  EXPECT_NE(run.err.find("host"), std::string::npos) << run;
}

TEST_F(ConfigTest, ADuplicateProfileNameIsRefused) {
  RunResult run = CreateRefused(MockProfile("default") + MockProfile("default"));

  EXPECT_NE(run.err.find("duplicate profile name \"default\""), std::string::npos) << run;
  EXPECT_NE(run.err.find(config_path() + ":8:"), std::string::npos) << run;
  EXPECT_NE(run.err.find(config_path() + ":1:"), std::string::npos) << "first one not named";
}

TEST_F(ConfigTest, AMissingProfileListsTheOnesThatExist) {
  std::string config =
      WriteFile("config.toml", MockProfile("alpha") + MockProfile("beta")).string();

  RunResult run = Run({"--config", config, "--profile", "gamma", "management", "list"});

  EXPECT_EQ(run.exit_code, 2) << run;
  EXPECT_EQ(run.out, "") << run;
  EXPECT_NE(run.err.find("\"gamma\""), std::string::npos) << run;
  EXPECT_NE(run.err.find("\"alpha\""), std::string::npos) << run;
  EXPECT_NE(run.err.find("\"beta\""), std::string::npos) << run;
}

TEST_F(ConfigTest, AByteOrderMarkAndCrlfLineEndingsLoad) {
  std::string config = WriteFile("config.toml",
                                 "\xEF\xBB\xBF[[profile]]\r\n"
                                 "name = \"default\"\r\n"
                                 "host = \"cluster.example.com\"\r\n"
                                 "\r\n"
                                 "[profile.transport]\r\n"
                                 "plugin = \"mock\"\r\n"
                                 "seed = 5\r\n"
                                 "\r\n"
                                 "[profile.defaults]\r\n"
                                 "description = \"from crlf\"\r\n")
                           .string();
  RunResult run = Run({"--config", config, "management", "create", "--format", "json"});

  ASSERT_EQ(run.exit_code, 0) << run;
  // No stray carriage return in a value read from the file.
  EXPECT_EQ(ParseObject(run.out)->getValue<std::string>("description"), "from crlf");
}

TEST_F(ConfigTest, AnUnknownMockSettingSuggestsTheNearest) {
  RunResult run = CreateRefused(R"([[profile]]
name = "default"

[profile.transport]
plugin = "mock"
sed = 7
)");

  EXPECT_NE(run.err.find(config_path() + ":6:1"), std::string::npos) << run;
  EXPECT_NE(run.err.find("\"sed\""), std::string::npos) << run;
  EXPECT_NE(run.err.find("did you mean \"seed\""), std::string::npos) << run;
}

TEST_F(ConfigTest, AMockSettingOfTheWrongTypeIsRefused) {
  RunResult run = CreateRefused(R"([[profile]]
name = "default"

[profile.transport]
plugin = "mock"
seed = "7"
)");

  EXPECT_NE(run.err.find(config_path() + ":6:"), std::string::npos) << run;
  EXPECT_NE(run.err.find("\"seed\""), std::string::npos) << run;
  EXPECT_NE(run.err.find("integer"), std::string::npos) << run;
}

TEST_F(ConfigTest, AMockDurationThatIsNotOneIsRefused) {
  RunResult run = CreateRefused(R"([[profile]]
name = "default"

[profile.transport]
plugin = "mock"
latency = "fast"
)");

  EXPECT_NE(run.err.find("latency"), std::string::npos) << run;
  EXPECT_NE(run.err.find("\"fast\""), std::string::npos) << run;
}

TEST_F(ConfigTest, AMissingConfigFileIsNamed) {
  std::string missing = Path("nowhere/config.toml").string();
  RunResult run = Run({"--config", missing, "management", "create"});

  EXPECT_EQ(run.exit_code, 2) << run;
  EXPECT_EQ(run.out, "") << run;
  EXPECT_NE(run.err.find(missing), std::string::npos) << run;
  EXPECT_NE(run.err.find("no such file"), std::string::npos) << run;
}

// A config that names itself through its preset description.
std::string ConfigCalled(std::string_view label) {
  return std::string(R"([[profile]]
name = "default"

[profile.transport]
plugin = "mock"

[profile.defaults]
format = "json"
description = ")") +
         std::string(label) + "\"\n";
}

TEST_F(ConfigTest, TheDefaultPathComesFromXdgConfigHome) {
  WriteFile("xdg/influxctl/config.toml", ConfigCalled("from xdg"));
  WriteFile("home/.config/influxctl/config.toml", ConfigCalled("from home"));
  env_["XDG_CONFIG_HOME"] = Path("xdg").string();

  RunResult run = Run({"management", "create"});

  ASSERT_EQ(run.exit_code, 0) << run;
  EXPECT_EQ(ParseObject(run.out)->getValue<std::string>("description"), "from xdg");
}

TEST_F(ConfigTest, TheDefaultPathFallsBackToHomeDotConfig) {
  WriteFile("home/.config/influxctl/config.toml", ConfigCalled("from home"));

  RunResult run = Run({"management", "create"});

  ASSERT_EQ(run.exit_code, 0) << run;
  EXPECT_EQ(ParseObject(run.out)->getValue<std::string>("description"), "from home");
}

TEST_F(ConfigTest, AnEmptyXdgConfigHomeFallsBackToHome) {
  WriteFile("home/.config/influxctl/config.toml", ConfigCalled("from home"));
  env_["XDG_CONFIG_HOME"] = "";

  RunResult run = Run({"management", "create"});

  ASSERT_EQ(run.exit_code, 0) << run;
  EXPECT_EQ(ParseObject(run.out)->getValue<std::string>("description"), "from home");
}

TEST_F(ConfigTest, ConfigFlagWinsOverTheDefaultPath) {
  WriteFile("home/.config/influxctl/config.toml", ConfigCalled("from home"));
  std::string flag = WriteFile("elsewhere.toml", ConfigCalled("from flag")).string();

  RunResult run = Run({"--config", flag, "management", "create"});

  ASSERT_EQ(run.exit_code, 0) << run;
  EXPECT_EQ(ParseObject(run.out)->getValue<std::string>("description"), "from flag");
}

TEST_F(ConfigTest, AMissingDefaultConfigIsNamedWithTheFlagToUse) {
  RunResult run = Run({"management", "list"});

  EXPECT_EQ(run.exit_code, 2) << run;
  EXPECT_EQ(run.out, "") << run;
  EXPECT_NE(run.err.find(Path("home/.config/influxctl/config.toml").string()), std::string::npos)
      << run;
  EXPECT_NE(run.err.find("--config"), std::string::npos) << run;
}

// Without HOME or XDG_CONFIG_HOME there is no default path; a file that
// happens to sit in the current folder must not be read instead. (Read-only
// `list` under a profile name no real config has, whatever the fix reads.)
TEST_F(ConfigTest, WithoutHomeTheCurrentFolderIsNotAConfigHome) {
  WriteFile(".config/influxctl/config.toml", R"([[profile]]
name = "from-current-folder"

[profile.transport]
plugin = "mock"
)");
  env_.erase("HOME");

  RunResult run = Run({"--profile", "from-current-folder", "management", "list"});

  EXPECT_EQ(run.exit_code, 2) << "a config file was read from the working folder" << run;
  EXPECT_EQ(run.out, "") << run;
}

}  // namespace
}  // namespace influxctl::e2e

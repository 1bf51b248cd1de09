// SPDX-License-Identifier: Apache-2.0
//
// configs/env-file.toml works as its comments say: copied into a test
// folder, each profile loads, creates a token and writes it next to the
// config, where sh reads it back; `plugins describe env-file` shows the
// settings the example uses.

#include "env_file_fixture.hpp"

namespace influxctl::e2e {
namespace {

class EnvFileExampleTest : public EnvFileTest {
 protected:
  // The example copied to <dir>/configs/, as a user would keep it.
  std::filesystem::path CopyExample() {
    std::filesystem::create_directory(Path("configs"));
    std::filesystem::copy_file(SourcePath("configs/env-file.toml"), Path("configs/env-file.toml"));
    return Path("configs/env-file.toml");
  }
};

TEST_F(EnvFileExampleTest, TheDefaultProfileWritesAppEnv) {
  auto config = CopyExample();

  RunResult run = Create(config, {"--description", "app token"});

  ASSERT_EQ(run.exit_code, 0) << run;
  EXPECT_EQ(ShRead(Path("configs/app.env"), "INFLUX_MGMT_TOKEN"), TokenOf(run));
  EXPECT_EQ(ModeOf(Path("configs/app.env")), 0600u);
  RunResult listed = RunWithConfig(config, {"management", "list", "--format", "json"});
  ASSERT_EQ(listed.exit_code, 0) << listed;
  EXPECT_EQ(ParseArray(listed.out)->size(), 1u);
}

TEST_F(EnvFileExampleTest, TheRotationProfileWritesIdAndExpiryAndKeepsTheTokenOffScreen) {
  auto config = CopyExample();

  RunResult run = RunWithConfig(config, {"--profile", "rotate-app", "management", "create"});

  ASSERT_EQ(run.exit_code, 0) << run;
  std::filesystem::path file = Path("configs/rotate-app.env");
  std::string token = ShRead(file, "APP_INFLUX_TOKEN");
  EXPECT_TRUE(token.starts_with("M.V1.")) << ReadFile(file);
  EXPECT_FALSE(ContainsPartOf(run.out + run.err, token)) << run;
  EXPECT_NE(ShRead(file, "APP_INFLUX_TOKEN_ID"), "");
  EXPECT_NE(ShRead(file, "APP_INFLUX_TOKEN_EXPIRES"), "");
  EXPECT_TRUE(ReadFile(file).starts_with("export APP_INFLUX_TOKEN='"));
}

TEST_F(EnvFileExampleTest, PluginsDescribeShowsTheSettingsTheExampleUses) {
  RunResult run = Run({"plugins", "describe", "env-file"});

  ASSERT_EQ(run.exit_code, 0) << run;
  for (const char* key :
       {"path", "variable", "id_variable", "expires_variable", "export", "lock_timeout"}) {
    EXPECT_NE(run.out.find(std::string("\n  ") + key + " ("), std::string::npos) << key << run;
  }
}

}  // namespace
}  // namespace influxctl::e2e

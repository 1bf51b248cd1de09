// SPDX-License-Identifier: Apache-2.0
//
// The env-file output never prints a secret: --trace names the file, the
// lock and the variables, and says what was replaced or appended, but shows
// neither the new token nor anything read from the file (which may hold other
// secrets), on success or on failure.

#include "env_file_fixture.hpp"

namespace influxctl::e2e {
namespace {

using EnvFileSecrecyTest = EnvFileTest;

constexpr std::string_view kOtherSecret = "hunter2-other-secret-value";

TEST_F(EnvFileSecrecyTest, TraceNamesTheFileAndVariablesButNoSecret) {
  WriteFile("app/.env", "OTHER_SECRET=" + std::string(kOtherSecret) + "\nINFLUX_MGMT_TOKEN=old\n");
  auto config = WriteEnvFileConfig("id_variable = \"INFLUX_MGMT_TOKEN_ID\"");

  RunResult run = Create(config, {"--trace"});

  ASSERT_EQ(run.exit_code, 0) << run;
  std::string token = TokenOf(run);
  EXPECT_FALSE(ContainsPartOf(run.err, token)) << run;
  EXPECT_EQ(run.err.find(kOtherSecret), std::string::npos) << run;
  EXPECT_EQ(run.err.find("old"), std::string::npos) << run;
  for (const std::string& expected :
       {"locked " + EnvPath().string() + ".lock",
        EnvPath().string() + ": INFLUX_MGMT_TOKEN replaced at line 2",
        EnvPath().string() + ": INFLUX_MGMT_TOKEN_ID appended at line 3",
        "wrote token " + IdOf(run) + " to " + EnvPath().string() +
            " (INFLUX_MGMT_TOKEN, INFLUX_MGMT_TOKEN_ID)"}) {
    EXPECT_NE(run.err.find(expected), std::string::npos) << expected << run;
  }
  EXPECT_EQ(ShRead(EnvPath(), "INFLUX_MGMT_TOKEN"), token);
}

TEST_F(EnvFileSecrecyTest, AFailedWriteShowsNoSecret) {
  std::string text = "OTHER_SECRET=" + std::string(kOtherSecret) + "\n";
  while (text.size() < 1000) {
    text += "# padding\n";
  }
  WriteFile("app/.env", text);
  auto config = WriteEnvFileConfig();

  RunResult run = CreateAfter("ulimit -f 2", config, {"--trace"});

  // The mock's tokens depend only on its seed and the create's number: the
  // same first create on fresh state shows the token the failed run had.
  std::filesystem::remove(Path("state.json"));
  std::filesystem::remove(EnvPath());
  RunResult twin = Create(config);
  ASSERT_EQ(twin.exit_code, 0) << twin;
  ASSERT_EQ(run.exit_code, 1) << run;
  EXPECT_FALSE(ContainsPartOf(run.err, TokenOf(twin))) << run;
  EXPECT_EQ(run.err.find(kOtherSecret), std::string::npos) << run;
  EXPECT_NE(run.err.find("was revoked again"), std::string::npos) << run;
}

TEST_F(EnvFileSecrecyTest, AFileItCannotParseIsDescribedWithoutItsContents) {
  WriteFile("app/.env", "OTHER_SECRET=\"" + std::string(kOtherSecret) + "\n");
  auto config = WriteEnvFileConfig();

  RunResult run = Create(config, {"--trace"});

  EXPECT_EQ(run.exit_code, 1) << run;
  EXPECT_NE(run.err.find("line 1: the value of OTHER_SECRET opens a quote"), std::string::npos)
      << run;
  EXPECT_EQ(run.err.find(kOtherSecret), std::string::npos) << run;
}

}  // namespace
}  // namespace influxctl::e2e

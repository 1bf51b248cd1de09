// SPDX-License-Identifier: Apache-2.0
//
// The env-file output delivering real tokens from the mock, read back the way
// users read a .env file: `set -a; . FILE` in sh gives exactly the token that
// stdout showed. A new file is made with mode 0600 whatever the umask; an
// existing one keeps its mode, owner and every byte that is not the
// variable's; the id and expiry can go along; a symbolic link is followed;
// and no temporary file is ever left next to the target.

#include <sys/stat.h>
#include <unistd.h>

#include "env_file_fixture.hpp"

namespace influxctl::e2e {
namespace {

using EnvFileDeliveryTest = EnvFileTest;

TEST_F(EnvFileDeliveryTest, ANewFileHoldsTheTokenAndHasMode0600WhateverTheUmask) {
  auto config = WriteEnvFileConfig();

  RunResult run = CreateAfter("umask 000", config);

  ASSERT_EQ(run.exit_code, 0) << run;
  std::string token = TokenOf(run);
  EXPECT_EQ(ShRead(EnvPath(), "INFLUX_MGMT_TOKEN"), token);
  EXPECT_EQ(ReadFile(EnvPath()), "INFLUX_MGMT_TOKEN='" + token + "'\n");
  EXPECT_EQ(ModeOf(EnvPath()), 0600u);
  EXPECT_EQ(Listing(AppDir()), (std::vector<std::string>{".env", ".env.lock"}));
  ASSERT_EQ(MockTokens().size(), 1u);
  EXPECT_FALSE(MockTokens()[0].revoked);
}

TEST_F(EnvFileDeliveryTest, TheTableFormatShowsTheSameTokenAndWhereItWent) {
  auto config = WriteEnvFileConfig();

  RunResult run = RunWithConfig(config, {"management", "create", "--description", "table"});

  ASSERT_EQ(run.exit_code, 0) << run;
  EXPECT_EQ(ShRead(EnvPath(), "INFLUX_MGMT_TOKEN"), LastLine(run.out));
  EXPECT_NE(run.err.find("delivered to " + EnvPath().string() + " (INFLUX_MGMT_TOKEN)"),
            std::string::npos)
      << run;
}

TEST_F(EnvFileDeliveryTest, AnExistingFileKeepsEveryOtherByte) {
  // Comments, blank lines, export lines, a line sh cannot even run, a
  // multi-line value, a CRLF line, a duplicate, and no final line break.
  const std::string head =
      "# app settings\n"
      "\n"
      "export APP_MODE=production   # trailing comment\n"
      "   # indented comment\n"
      "CERT=\"-----BEGIN\n"
      "INFLUX_MGMT_TOKEN=inside-a-value\n"
      "-----END\"\n";
  const std::string middle =
      "\n"
      "weird line that is not an assignment\n"
      "WINDOWS=1\r\n"
      "DB_URL='postgres://u@h/db'\n";
  WriteFile("app/.env", head + "INFLUX_MGMT_TOKEN=old-token # rotated\n" + middle +
                            "export INFLUX_MGMT_TOKEN=older-duplicate\n"
                            "LAST=1");
  auto config = WriteEnvFileConfig();

  RunResult run = Create(config);

  ASSERT_EQ(run.exit_code, 0) << run;
  std::string token = TokenOf(run);
  EXPECT_EQ(ReadFile(EnvPath()), head + "INFLUX_MGMT_TOKEN='" + token + "'\n" + middle + "LAST=1");
  EXPECT_EQ(ShRead(EnvPath(), "INFLUX_MGMT_TOKEN"), token);
  EXPECT_EQ(ShRead(EnvPath(), "DB_URL"), "postgres://u@h/db");
  EXPECT_EQ(ShRead(EnvPath(), "LAST"), "1");
}

// sh takes a CR before the line feed for part of the value, so a CRLF file
// serves dotenv parsers only; it stays CRLF, and the run says what sh does.
TEST_F(EnvFileDeliveryTest, ACrlfFileStaysCrlfWithAWarningAboutSh) {
  WriteFile("app/.env", "# c\r\nINFLUX_MGMT_TOKEN=old\r\nB=2\r\n");
  auto config = WriteEnvFileConfig();

  RunResult run = Create(config);

  ASSERT_EQ(run.exit_code, 0) << run;
  EXPECT_EQ(ReadFile(EnvPath()), "# c\r\nINFLUX_MGMT_TOKEN='" + TokenOf(run) + "'\r\nB=2\r\n");
  EXPECT_NE(run.err.find("CRLF"), std::string::npos) << run;
}

TEST_F(EnvFileDeliveryTest, AnAppendedLineGetsTheFilesLineBreakAfterAnUnfinishedLastLine) {
  WriteFile("app/.env", "A=1\r\nB=2");
  auto config = WriteEnvFileConfig();

  RunResult run = Create(config);

  ASSERT_EQ(run.exit_code, 0) << run;
  EXPECT_EQ(ReadFile(EnvPath()), "A=1\r\nB=2\r\nINFLUX_MGMT_TOKEN='" + TokenOf(run) + "'\r\n");
}

TEST_F(EnvFileDeliveryTest, AnAppendedLineFollowsAnUnfinishedLastLineOnItsOwnLine) {
  WriteFile("app/.env", "A=1\nB=2");
  auto config = WriteEnvFileConfig();

  RunResult run = Create(config);

  ASSERT_EQ(run.exit_code, 0) << run;
  EXPECT_EQ(ReadFile(EnvPath()), "A=1\nB=2\nINFLUX_MGMT_TOKEN='" + TokenOf(run) + "'\n");
  EXPECT_EQ(ShRead(EnvPath(), "B"), "2");
  EXPECT_EQ(ShRead(EnvPath(), "INFLUX_MGMT_TOKEN"), TokenOf(run));
}

TEST_F(EnvFileDeliveryTest, AnExistingFileKeepsItsMode) {
  WriteFile("app/.env", "A=1\n");
  ASSERT_EQ(::chmod(EnvPath().c_str(), 0640), 0);
  auto config = WriteEnvFileConfig();

  RunResult run = CreateAfter("umask 077", config);

  ASSERT_EQ(run.exit_code, 0) << run;
  EXPECT_EQ(ModeOf(EnvPath()), 0640u);
  EXPECT_EQ(ShRead(EnvPath(), "INFLUX_MGMT_TOKEN"), TokenOf(run));
}

TEST_F(EnvFileDeliveryTest, AnExistingFileKeepsItsOwnerAndGroup) {
  if (::geteuid() != 0) {
    GTEST_SKIP() << "giving a file to another owner needs root";
  }
  WriteFile("app/.env", "A=1\n");
  ASSERT_EQ(::chown(EnvPath().c_str(), 4321, 8765), 0);
  auto config = WriteEnvFileConfig();

  RunResult run = Create(config);

  ASSERT_EQ(run.exit_code, 0) << run;
  EXPECT_EQ(OwnerOf(EnvPath()), 4321u);
  EXPECT_EQ(GroupOf(EnvPath()), 8765u);
  EXPECT_EQ(ModeOf(EnvPath()), 0644u);  // as WriteFile made it under the test's umask
}

TEST_F(EnvFileDeliveryTest, TheIdAndExpiryCanGoAlong) {
  auto config = WriteEnvFileConfig(
      "id_variable = \"INFLUX_MGMT_TOKEN_ID\"\nexpires_variable = \"INFLUX_MGMT_TOKEN_EXPIRES\"");

  RunResult run = Create(config, {"--expires-at", "2031-02-03T04:05:06Z"});

  ASSERT_EQ(run.exit_code, 0) << run;
  EXPECT_EQ(ShRead(EnvPath(), "INFLUX_MGMT_TOKEN"), TokenOf(run));
  EXPECT_EQ(ShRead(EnvPath(), "INFLUX_MGMT_TOKEN_ID"), IdOf(run));
  EXPECT_EQ(ShRead(EnvPath(), "INFLUX_MGMT_TOKEN_EXPIRES"), "2031-02-03T04:05:06Z");
  EXPECT_EQ(Lines(ReadFile(EnvPath())).size(), 3u);
}

TEST_F(EnvFileDeliveryTest, ATokenThatNeverExpiresLeavesTheExpiryEmpty) {
  WriteFile("app/.env", "INFLUX_MGMT_TOKEN_EXPIRES=2020-01-01T00:00:00Z\n");
  auto config = WriteEnvFileConfig("expires_variable = \"INFLUX_MGMT_TOKEN_EXPIRES\"");

  RunResult run = Create(config);

  ASSERT_EQ(run.exit_code, 0) << run;
  EXPECT_EQ(ReadFile(EnvPath()),
            "INFLUX_MGMT_TOKEN_EXPIRES=''\nINFLUX_MGMT_TOKEN='" + TokenOf(run) + "'\n");
}

TEST_F(EnvFileDeliveryTest, ExportLinesReachChildrenWithoutSetA) {
  WriteFile("app/.env", "INFLUX_MGMT_TOKEN=old\n");
  auto config = WriteEnvFileConfig("variable = \"INFLUX_MGMT_TOKEN\"\nexport = true");

  RunResult run = Create(config);

  ASSERT_EQ(run.exit_code, 0) << run;
  std::string token = TokenOf(run);
  EXPECT_EQ(ReadFile(EnvPath()), "export INFLUX_MGMT_TOKEN='" + token + "'\n");
  RunResult child = RunSh(". \"$1\"; sh -c 'printf %s \"$INFLUX_MGMT_TOKEN\"'", {EnvPath()});
  EXPECT_EQ(child.out, token) << child;
}

TEST_F(EnvFileDeliveryTest, ACustomVariableNameIsUsed) {
  auto config = WriteEnvFileConfig("variable = \"APP_INFLUX_TOKEN\"");

  RunResult run = Create(config);

  ASSERT_EQ(run.exit_code, 0) << run;
  EXPECT_EQ(ShRead(EnvPath(), "APP_INFLUX_TOKEN"), TokenOf(run));
  EXPECT_EQ(ShRead(EnvPath(), "INFLUX_MGMT_TOKEN"), "");
}

TEST_F(EnvFileDeliveryTest, ASecondRunReplacesTheTokenInPlace) {
  WriteFile("app/.env", "A=1\nB=2\n");
  auto config = WriteEnvFileConfig();

  RunResult first = Create(config);
  WriteFile("app/.env", ReadFile(EnvPath()) + "C=3\n");
  RunResult second = Create(config);

  ASSERT_EQ(first.exit_code, 0) << first;
  ASSERT_EQ(second.exit_code, 0) << second;
  EXPECT_NE(TokenOf(first), TokenOf(second));
  EXPECT_EQ(ReadFile(EnvPath()), "A=1\nB=2\nINFLUX_MGMT_TOKEN='" + TokenOf(second) + "'\nC=3\n");
}

TEST_F(EnvFileDeliveryTest, ASymbolicLinkIsFollowedAndStaysALink) {
  std::filesystem::create_directory(Path("real"));
  WriteFile("real/app.env", "A=1\n");
  std::filesystem::create_symlink("../real/app.env", EnvPath());
  auto config = WriteEnvFileConfig();

  RunResult run = Create(config);

  ASSERT_EQ(run.exit_code, 0) << run;
  EXPECT_TRUE(std::filesystem::is_symlink(EnvPath()));
  EXPECT_EQ(ReadFile(Path("real/app.env")), "A=1\nINFLUX_MGMT_TOKEN='" + TokenOf(run) + "'\n");
  EXPECT_EQ(Listing(Path("real")), (std::vector<std::string>{"app.env", "app.env.lock"}));
}

TEST_F(EnvFileDeliveryTest, ADryRunLeavesNothingBehind) {
  WriteFile("app/.env", "A=1\n");
  auto config = WriteEnvFileConfig();

  RunResult run = RunWithConfig(config, {"management", "create", "--dry-run"});

  ASSERT_EQ(run.exit_code, 0) << run;
  EXPECT_EQ(Listing(AppDir()), (std::vector<std::string>{".env"}));
  EXPECT_EQ(ReadFile(EnvPath()), "A=1\n");
  EXPECT_TRUE(MockTokens().empty());
}

}  // namespace
}  // namespace influxctl::e2e

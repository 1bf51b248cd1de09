// SPDX-License-Identifier: Apache-2.0
//
// The command line's own answers that need no config: help at every level
// and the version. Each exits 0, writes to stdout only, and works with no
// config file anywhere.

#include "e2e_test.hpp"

namespace influxctl::e2e {
namespace {

class CliTest : public E2eTest {};

struct HelpCase {
  const char* name;
  std::vector<std::string> args;
  const char* expected;  // a line the help for that level must show
};

void PrintTo(const HelpCase& c, std::ostream* out) {
  *out << c.name;
}

class HelpTest : public E2eTest, public ::testing::WithParamInterface<HelpCase> {};

TEST_P(HelpTest, ExitsZeroWithUsageOnStdout) {
  RunResult run = Run(GetParam().args);

  EXPECT_EQ(run.exit_code, 0) << run;
  EXPECT_EQ(run.err, "") << run;
  EXPECT_NE(run.out.find("Usage:"), std::string::npos) << run;
  EXPECT_NE(run.out.find(GetParam().expected), std::string::npos) << run;
}

INSTANTIATE_TEST_SUITE_P(
    Levels,
    HelpTest,
    ::testing::Values(HelpCase{"TopShort", {"-h"}, "management create"},
                      HelpCase{"TopLong", {"--help"}, "Exit status: 0 success"},
                      HelpCase{"Nothing", {}, "management revoke"},
                      HelpCase{"Group", {"management", "-h"}, "management list"},
                      HelpCase{"Create", {"management", "create", "-h"}, "--expires-at"},
                      HelpCase{"CreateLong", {"management", "create", "--help"}, "--description"},
                      HelpCase{"List", {"management", "list", "-h"}, "--sort"},
                      HelpCase{"Revoke", {"management", "revoke", "-h"}, "--force"},
                      HelpCase{"Plugins", {"plugins", "-h"}, "plugins describe NAME"},
                      HelpCase{"HelpAfterFlags",
                               {"--config", "/nonexistent.toml", "management", "-h"},
                               "management create"}),
    [](const auto& info) { return std::string(info.param.name); });

TEST_F(CliTest, CommandHelpNamesOnlyThatCommandsFlags) {
  RunResult run = Run({"management", "revoke", "-h"});

  ASSERT_EQ(run.exit_code, 0) << run;
  EXPECT_EQ(run.out.find("--expires-at"), std::string::npos) << run;
}

TEST_F(CliTest, VersionCommandAndFlagAgree) {
  RunResult command = Run({"version"});
  RunResult flag = Run({"--version"});

  ASSERT_EQ(command.exit_code, 0) << command;
  ASSERT_EQ(flag.exit_code, 0) << flag;
  EXPECT_TRUE(command.out.starts_with("influxctl " INFLUXCTL_EXPECTED_VERSION)) << command;
  EXPECT_NE(command.out.find("plugin API 1"), std::string::npos) << command;
  EXPECT_EQ(command.out, flag.out);
  EXPECT_EQ(command.err, "");
  EXPECT_EQ(flag.err, "");
}

}  // namespace
}  // namespace influxctl::e2e

// SPDX-License-Identifier: Apache-2.0
//
// The token reaches pass through stdin only. Wrapper scripts stand in for
// pass and gpg (first on PATH, so pass's own gpg runs go through one too):
// each records its argv and environment, then runs the real program. The
// token must appear in no record, nor on stderr with --trace, and the cluster
// credential in INFLUXCTL_MGMT_TOKEN must not reach any child either.

#include "pass_fixture.hpp"

namespace influxctl::e2e {
namespace {

constexpr std::string_view kCredential = "mgmt-credential-that-stays-in-influxctl";

class PassSecrecyTest : public PassTest {
 protected:
  // bin/<name>: records "$@" and its environment, then runs /usr/bin/<name>.
  void WriteRecorder(std::string_view name) {
    WriteScript("bin/" + std::string(name),
                "{\n"
                "  printf '%s:' '" +
                    std::string(name) +
                    "'\n"
                    "  for argument in \"$@\"; do printf ' [%s]' \"$argument\"; done\n"
                    "  printf '\\n'\n"
                    "  env\n"
                    "  printf -- '---\\n'\n"
                    "} >> \"" +
                    Path("record.txt").string() +
                    "\"\n"
                    "exec /usr/bin/" +
                    std::string(name) + " \"$@\"\n");
  }
};

TEST_F(PassSecrecyTest, NotInArgvOrEnv) {
  WriteRecorder("pass");
  WriteRecorder("gpg");
  env_["PATH"] = Path("bin").string() + ":/usr/bin:/bin";
  env_["INFLUXCTL_MGMT_TOKEN"] = kCredential;

  RunResult run = Create(WritePassConfig(), {"--trace"});

  ASSERT_EQ(run.exit_code, 0) << run;
  const std::string token = LastLine(run.out);
  ASSERT_TRUE(token.starts_with("M.V1.")) << run;

  // Read before `pass show` below adds its own runs (with the test's environment).
  const std::string record = ReadFile(Path("record.txt"));
  EXPECT_NE(record.find("pass: [insert] [--multiline] [influx/prod/mgmt]"), std::string::npos)
      << record;
  EXPECT_NE(record.find("gpg: "), std::string::npos) << "gpg was not run through PATH" << record;
  EXPECT_NE(record.find("PASSWORD_STORE_DIR=" + Store().string()), std::string::npos) << record;
  EXPECT_FALSE(ContainsPartOf(record, token)) << record;
  EXPECT_EQ(record.find(kCredential), std::string::npos) << record;
  EXPECT_EQ(record.find("INFLUXCTL_"), std::string::npos) << record;

  EXPECT_NE(run.err.find("trace"), std::string::npos) << "--trace logged nothing" << run;
  EXPECT_FALSE(ContainsPartOf(run.err, token)) << run;
  EXPECT_EQ(Lines(PassShow().out).at(0), token) << "the token did not reach the entry";
}

}  // namespace
}  // namespace influxctl::e2e

// SPDX-License-Identifier: Apache-2.0
//
// The keystore output keeps its secrets: with --trace, neither the new token
// nor the passphrase appears on stderr, in the keystore's clear text, or in
// any other file the run leaves in the test folder (state, journal, lock,
// config); and a failed run says what was wrong without quoting either.

#include "keystore_fixture.hpp"

namespace influxctl::e2e {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

using KeystoreSecrecyTest = KeystoreE2eTest;

TEST_F(KeystoreSecrecyTest, TraceAndFilesHoldNeitherTokenNorPassphrase) {
  std::filesystem::path config = WriteKeystoreConfig();

  RunResult run = RunWithConfig(
      config, {"--trace", "management", "create", "--format", "json", "--description", "secrecy"});

  ASSERT_EQ(run.exit_code, 0) << run;
  const std::string token = ParseObject(run.out)->getValue<std::string>("token");
  ASSERT_FALSE(token.empty());
  EXPECT_THAT(run.err, HasSubstr("output.keystore#1")) << run;
  EXPECT_FALSE(ContainsPartOf(run.err, token)) << run.err;
  EXPECT_THAT(run.err, Not(HasSubstr(kKeystorePassphrase)));

  std::vector<std::filesystem::path> files = AllFiles();
  EXPECT_GE(files.size(), 4u);  // config, state, journal, keystore and locks
  for (const std::filesystem::path& file : files) {
    std::string text = ReadFile(file);
    EXPECT_FALSE(ContainsPartOf(text, token)) << file;
    EXPECT_THAT(text, Not(HasSubstr(kKeystorePassphrase))) << file;
  }
  EXPECT_EQ(ReadBack("prod/mgmt").value().Reveal(), token);
}

TEST_F(KeystoreSecrecyTest, AFailedRunQuotesNoPassphrase) {
  ASSERT_TRUE(StoreInProcess("other", "an older token").ok());
  env_["INFLUXCTL_KEYSTORE_PASSPHRASE"] = "a wrong passphrase 9c1e";

  RunResult run =
      RunWithConfig(WriteKeystoreConfig(), {"--trace", "management", "create", "--format", "json"});

  EXPECT_EQ(run.exit_code, 1) << run;
  EXPECT_THAT(run.err, HasSubstr("wrong passphrase for"));
  EXPECT_THAT(run.err, Not(HasSubstr("a wrong passphrase 9c1e")));
  EXPECT_THAT(run.err, Not(HasSubstr(kKeystorePassphrase)));
  EXPECT_THAT(run.err, Not(HasSubstr("an older token")));
}

}  // namespace
}  // namespace influxctl::e2e

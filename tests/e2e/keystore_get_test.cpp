// SPDX-License-Identifier: Apache-2.0
//
// `influxctl keystore get ENTRY`: the token the keystore output stored comes
// back on stdout exactly as create printed it, through the profile's output
// settings or --path; a wrong passphrase or an unknown entry is an error.

#include "e2e_test.hpp"

namespace influxctl::e2e {
namespace {

class KeystoreGetTest : public E2eTest {
 protected:
  void SetUp() override {
    E2eTest::SetUp();
    env_["INFLUXCTL_KEYSTORE_PASSPHRASE"] = "correct horse battery staple";
  }

  std::filesystem::path KeystoreConfig() {
    return WriteMockConfig(
        "\n\n[[profile.output]]\nplugin = \"keystore\"\npath = \"tokens.keystore\"\n"
        "entry = \"prod/mgmt\"\n");
  }
};

TEST_F(KeystoreGetTest, ReadsBackWhatCreateStored) {
  auto config = KeystoreConfig();
  RunResult created = RunWithConfig(config, {"management", "create"});
  ASSERT_EQ(created.exit_code, 0) << created;

  RunResult got = RunWithConfig(config, {"keystore", "get", "prod/mgmt"});

  EXPECT_EQ(got.exit_code, 0) << got;
  EXPECT_EQ(got.out, LastLine(created.out) + "\n");
  EXPECT_EQ(got.err, "");
}

TEST_F(KeystoreGetTest, PathAloneNeedsNoProfile) {
  auto config = KeystoreConfig();
  RunResult created = RunWithConfig(config, {"management", "create"});
  ASSERT_EQ(created.exit_code, 0) << created;

  RunResult got = Run({"keystore", "get", "--path", Path("tokens.keystore").string(), "prod/mgmt"});

  EXPECT_EQ(got.exit_code, 0) << got;
  EXPECT_EQ(got.out, LastLine(created.out) + "\n");
}

TEST_F(KeystoreGetTest, WrongPassphraseIsRefused) {
  auto config = KeystoreConfig();
  ASSERT_EQ(RunWithConfig(config, {"management", "create"}).exit_code, 0);
  env_["INFLUXCTL_KEYSTORE_PASSPHRASE"] = "wrong";

  RunResult got = RunWithConfig(config, {"keystore", "get", "prod/mgmt"});

  EXPECT_EQ(got.exit_code, 1) << got;
  EXPECT_EQ(got.out, "");
  EXPECT_NE(got.err.find("wrong passphrase"), std::string::npos) << got;
}

TEST_F(KeystoreGetTest, UnknownEntryListsTheEntries) {
  auto config = KeystoreConfig();
  ASSERT_EQ(RunWithConfig(config, {"management", "create"}).exit_code, 0);

  RunResult got = RunWithConfig(config, {"keystore", "get", "prod/other"});

  EXPECT_EQ(got.exit_code, 1) << got;
  EXPECT_NE(got.err.find("\"prod/mgmt\""), std::string::npos) << got;
}

TEST_F(KeystoreGetTest, ProfileWithoutKeystoreNeedsPath) {
  auto config = WriteMockConfig();

  RunResult got = RunWithConfig(config, {"keystore", "get", "prod/mgmt"});

  EXPECT_EQ(got.exit_code, 2) << got;
  EXPECT_NE(got.err.find("--path"), std::string::npos) << got;
}

}  // namespace
}  // namespace influxctl::e2e

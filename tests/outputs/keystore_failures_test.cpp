// SPDX-License-Identifier: Apache-2.0
//
// What the keystore output does when it cannot take the token (SPEC §6):
// every failure preflight can see (no passphrase, a wrong one for an existing
// file, a taken entry, a missing folder) stops the run before a token exists,
// exit status 1 and nothing minted; a write that fails after creation (the
// file size limit, on a keystore larger than it) gets the token revoked,
// exit status 1, with the keystore unchanged and no temporary file left; and
// the same failure in an optional output only warns, exit status 0.

#include "keystore_fixture.hpp"

namespace influxctl::e2e {
namespace {

using ::testing::HasSubstr;

// A keystore far larger than the file size limit the tests set, so rewriting
// it must fail while the mock's small state file and journal still fit.
constexpr int kFileSizeLimitBlocks = 64;  // 32 KiB
const std::string kLargeSecret(256 * 1024, 'k');

using KeystoreFailureTest = KeystoreE2eTest;

void ExpectNoTokenCreated(const RunResult& run) {
  EXPECT_EQ(run.exit_code, 1) << run;
  EXPECT_EQ(run.out, "") << run;
  EXPECT_THAT(run.err, HasSubstr("no token was created")) << run;
}

TEST_F(KeystoreFailureTest, AMissingPassphraseCreatesNoToken) {
  env_.erase("INFLUXCTL_KEYSTORE_PASSPHRASE");

  RunResult run = Create(WriteKeystoreConfig());

  ExpectNoTokenCreated(run);
  EXPECT_THAT(run.err, HasSubstr("environment variable INFLUXCTL_KEYSTORE_PASSPHRASE is unset"));
  EXPECT_TRUE(MockTokens().empty());
  EXPECT_EQ(JournalCalls("create"), 0);
  EXPECT_FALSE(std::filesystem::exists(KeystorePath()));
}

TEST_F(KeystoreFailureTest, AWrongPassphraseForAnExistingFileCreatesNoToken) {
  ASSERT_TRUE(StoreInProcess("other", "an older token").ok());
  const std::string before = ReadFile(KeystorePath());
  env_["INFLUXCTL_KEYSTORE_PASSPHRASE"] = "not the keystore's passphrase";

  RunResult run = Create(WriteKeystoreConfig());

  ExpectNoTokenCreated(run);
  EXPECT_THAT(run.err, HasSubstr("wrong passphrase for " + KeystorePath().string()));
  EXPECT_TRUE(MockTokens().empty());
  EXPECT_EQ(ReadFile(KeystorePath()), before);
}

TEST_F(KeystoreFailureTest, ATakenEntryWithoutOverwriteCreatesNoToken) {
  ASSERT_TRUE(StoreInProcess("prod/mgmt", "an older token").ok());

  RunResult run = Create(WriteKeystoreConfig());

  ExpectNoTokenCreated(run);
  EXPECT_THAT(run.err, HasSubstr("already holds entry \"prod/mgmt\""));
  EXPECT_THAT(run.err, HasSubstr("overwrite = true"));
  EXPECT_TRUE(MockTokens().empty());
  EXPECT_EQ(ReadBack("prod/mgmt").value().Reveal(), "an older token");
}

TEST_F(KeystoreFailureTest, AMissingFolderCreatesNoToken) {
  std::filesystem::path config = WriteMockConfig(
      "\n[[profile.output]]\nplugin = \"keystore\"\npath = \"missing/keystore.json\"\n"
      "entry = \"prod/mgmt\"\nkdf_cost = 10\n");

  RunResult run = Create(config);

  ExpectNoTokenCreated(run);
  EXPECT_THAT(run.err, HasSubstr("folder " + Path("missing").string() + " does not exist"));
  EXPECT_TRUE(MockTokens().empty());
}

TEST_F(KeystoreFailureTest, AWriteFailingAfterCreationRevokesTheToken) {
  ASSERT_TRUE(StoreInProcess("large", kLargeSecret).ok());
  const std::string before = ReadFile(KeystorePath());
  ASSERT_GT(before.size(), 64u * 1024);

  RunResult run = CreateWithFileSizeLimit(WriteKeystoreConfig(), kFileSizeLimitBlocks);

  EXPECT_EQ(run.exit_code, 1) << run;
  EXPECT_EQ(run.out, "") << run;
  EXPECT_THAT(run.err, HasSubstr("File too large (the file size limit, ulimit -f, is ")) << run;
  EXPECT_THAT(run.err, HasSubstr(KeystorePath().string() + " was left as it was")) << run;
  EXPECT_THAT(run.err, HasSubstr("was revoked again")) << run;
  ASSERT_EQ(MockTokens().size(), 1u);
  EXPECT_TRUE(MockTokens()[0].revoked);
  EXPECT_EQ(ReadFile(KeystorePath()), before);
  for (const auto& file : AllFiles()) {
    EXPECT_EQ(file.filename().string().find(".tmp-"), std::string::npos) << file;
  }
  EXPECT_FALSE(ReadBack("prod/mgmt").ok());
  EXPECT_EQ(ReadBack("large").value().Reveal(), kLargeSecret);
}

TEST_F(KeystoreFailureTest, AnOptionalOutputFailingAfterCreationOnlyWarns) {
  ASSERT_TRUE(StoreInProcess("large", kLargeSecret).ok());
  const std::string before = ReadFile(KeystorePath());

  RunResult run = CreateWithFileSizeLimit(WriteKeystoreConfig("prod/mgmt", "required = false\n"),
                                          kFileSizeLimitBlocks);

  EXPECT_EQ(run.exit_code, 0) << run;
  EXPECT_THAT(run.err, HasSubstr("File too large")) << run;
  EXPECT_THAT(run.err, HasSubstr("optional output; continuing")) << run;
  EXPECT_FALSE(ParseObject(run.out)->getValue<std::string>("token").empty());
  ASSERT_EQ(MockTokens().size(), 1u);
  EXPECT_FALSE(MockTokens()[0].revoked);
  EXPECT_EQ(ReadFile(KeystorePath()), before);
}

}  // namespace
}  // namespace influxctl::e2e

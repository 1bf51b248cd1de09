// SPDX-License-Identifier: Apache-2.0
//
// The pass output delivering tokens into a real password store, read back
// with the real `pass show`: the token alone on the first line and the same
// as on stdout, metadata lines after it (or none), an existing entry refused
// before any token exists unless overwrite = true, the store taken from the
// environment when the profile names none, and configs/pass.toml working as
// shipped.

#include "pass_fixture.hpp"

namespace influxctl::e2e {
namespace {

using PassDeliveryTest = PassTest;

TEST_F(PassDeliveryTest, RoundTrip) {
  RunResult run = Create(WritePassConfig(), {"--description", "nightly ci"});

  ASSERT_EQ(run.exit_code, 0) << run;
  const std::string token = LastLine(run.out);
  ASSERT_TRUE(token.starts_with("M.V1.")) << run;
  RunResult shown = PassShow();
  ASSERT_EQ(shown.exit_code, 0) << shown;
  std::vector<std::string> lines = Lines(shown.out);
  ASSERT_FALSE(lines.empty()) << shown;
  EXPECT_EQ(lines[0], token);

  std::vector<StoredToken> tokens = MockTokens();
  ASSERT_EQ(tokens.size(), 1u);
  EXPECT_FALSE(tokens[0].revoked);
  EXPECT_NE(shown.out.find("\nid: " + tokens[0].id + "\n"), std::string::npos) << shown;
  EXPECT_NE(shown.out.find("\ndescription: nightly ci\n"), std::string::npos) << shown;
  EXPECT_NE(shown.out.find("\ncreated: 20"), std::string::npos) << shown;
  EXPECT_NE(shown.out.find("\nexpires: never\n"), std::string::npos) << shown;
  // pass's own chatter ("Enter contents of ...") never reaches stdout.
  EXPECT_EQ(run.out.find("Enter contents"), std::string::npos) << run;
}

TEST_F(PassDeliveryTest, ExpiryInMetadata) {
  RunResult run = Create(WritePassConfig(), {"--expires-at", "2099-01-02T03:04:05+01:00"});

  ASSERT_EQ(run.exit_code, 0) << run;
  RunResult shown = PassShow();
  EXPECT_EQ(Lines(shown.out).at(0), LastLine(run.out));
  EXPECT_NE(shown.out.find("\nexpires: 2099-01-02T02:04:05Z\n"), std::string::npos) << shown;
  EXPECT_EQ(shown.out.find("description:"), std::string::npos) << "no description was given";
}

TEST_F(PassDeliveryTest, MetadataOff) {
  RunResult run = Create(WritePassConfig("metadata = false"), {"--description", "bare"});

  ASSERT_EQ(run.exit_code, 0) << run;
  RunResult shown = PassShow();
  EXPECT_EQ(shown.out, LastLine(run.out) + "\n");
}

TEST_F(PassDeliveryTest, RefusesOverwrite) {
  PassInsert(kEntry, "old-secret\nkept: yes\n");

  RunResult run = Create(WritePassConfig());

  EXPECT_EQ(run.exit_code, 1) << run;
  EXPECT_EQ(run.out, "") << run;
  EXPECT_NE(run.err.find("already exists"), std::string::npos) << run;
  EXPECT_NE(run.err.find("overwrite = true"), std::string::npos) << run;
  EXPECT_NE(run.err.find("no token was created"), std::string::npos) << run;
  EXPECT_TRUE(MockTokens().empty());
  EXPECT_EQ(JournalCalls("create"), 0);
  EXPECT_EQ(PassShow().out, "old-secret\nkept: yes\n");
}

TEST_F(PassDeliveryTest, OverwriteTrue) {
  PassInsert(kEntry, "old-secret\n");

  RunResult run = Create(WritePassConfig("overwrite = true"));

  ASSERT_EQ(run.exit_code, 0) << run;
  EXPECT_EQ(Lines(PassShow().out).at(0), LastLine(run.out));
  ASSERT_EQ(MockTokens().size(), 1u);
  EXPECT_FALSE(MockTokens()[0].revoked);
}

// No store setting: PASSWORD_STORE_DIR decides, as it does for pass.
TEST_F(PassDeliveryTest, StoreFromEnv) {
  RunResult run = Create(WritePassConfigWithoutStore());

  ASSERT_EQ(run.exit_code, 0) << run;
  EXPECT_EQ(Lines(PassShow().out).at(0), LastLine(run.out));
  EXPECT_TRUE(std::filesystem::exists(Store() / "influx/prod/mgmt.gpg"));
}

TEST_F(PassDeliveryTest, ExampleConfig) {
  RunResult run = Run({"--config", SourcePath("configs/pass.toml"), "--profile", "pass",
                       "management", "create", "--description", "example"});

  ASSERT_EQ(run.exit_code, 0) << run;
  RunResult shown = PassShow("influx/demo/mgmt");
  ASSERT_EQ(shown.exit_code, 0) << shown;
  EXPECT_EQ(Lines(shown.out).at(0), LastLine(run.out));
  EXPECT_NE(shown.out.find("\ndescription: example\n"), std::string::npos) << shown;
}

}  // namespace
}  // namespace influxctl::e2e

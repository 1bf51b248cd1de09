// SPDX-License-Identifier: Apache-2.0
//
// The keystore output delivering tokens from the built influxctl (mock
// transport with a state file): the token on stdout is the one the keystore
// holds, read back through the plugin; several runs, profiles and parallel
// runs fill one file; overwrite = true replaces an entry; a passphrase file
// works as well as the variable; and the example profile in
// configs/keystore.toml runs as shipped.

#include <sys/stat.h>

#include <fstream>

#include "keystore_fixture.hpp"

namespace influxctl::e2e {
namespace {

std::string TokenOf(const RunResult& run) {
  return ParseObject(run.out)->getValue<std::string>("token");
}

std::string ReadOrFail(const Result<Secret>& read) {
  if (!read.ok()) {
    ADD_FAILURE() << read.error().message();
    return "";
  }
  return read.value().Reveal();
}

using KeystoreDeliveryTest = KeystoreE2eTest;

TEST_F(KeystoreDeliveryTest, TheTokenOnStdoutIsTheOneTheKeystoreHolds) {
  RunResult run = Create(WriteKeystoreConfig());

  ASSERT_EQ(run.exit_code, 0) << run;
  EXPECT_EQ(ReadOrFail(ReadBack("prod/mgmt")), TokenOf(run));
  ASSERT_EQ(MockTokens().size(), 1u);
  EXPECT_FALSE(MockTokens()[0].revoked);
  struct stat info {};
  ASSERT_EQ(::stat(KeystorePath().c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 07777, 0600u);
}

TEST_F(KeystoreDeliveryTest, RunsWithOtherEntriesShareTheFile) {
  RunResult first = Create(WriteKeystoreConfig("prod/mgmt"));
  RunResult second = Create(WriteKeystoreConfig("staging/mgmt"));

  ASSERT_EQ(first.exit_code, 0) << first;
  ASSERT_EQ(second.exit_code, 0) << second;
  EXPECT_EQ(ReadOrFail(ReadBack("prod/mgmt")), TokenOf(first));
  EXPECT_EQ(ReadOrFail(ReadBack("staging/mgmt")), TokenOf(second));
  EXPECT_EQ(MockTokens().size(), 2u);
}

TEST_F(KeystoreDeliveryTest, ParallelRunsAllLandInOneFile) {
  std::string config = R"([[profile]]
name = "default"
)";
  for (int i = 0; i < 4; ++i) {
    config += "\n[[profile]]\nname = \"p" + std::to_string(i) +
              "\"\n\n[profile.transport]\nplugin = \"mock\"\nstate_file = \"state.json\"\n\n"
              "[[profile.output]]\nplugin = \"keystore\"\npath = \"keystore.json\"\n"
              "entry = \"entry-" +
              std::to_string(i) + "\"\nkdf_cost = 10\n";
  }
  std::filesystem::path file = WriteFile("config.toml", config);
  std::vector<std::string> args{"-c",
                                "for p in p0 p1 p2 p3; do \"$0\" --config \"$1\" --profile $p "
                                "management create --format json > \"out-$p.json\" & done; "
                                "wait",
                                InfluxctlPath(), file.string()};
  RunOptions options;
  options.env = env_;
  options.working_dir = dir().string();

  RunResult run = RunProgram("/bin/sh", args, options);

  ASSERT_EQ(run.exit_code, 0) << run;
  for (int i = 0; i < 4; ++i) {
    std::string out = ReadFile(Path("out-p" + std::to_string(i) + ".json"));
    ASSERT_FALSE(out.empty()) << i << run;
    EXPECT_EQ(ReadOrFail(ReadBack("entry-" + std::to_string(i))),
              ParseObject(out)->getValue<std::string>("token"));
  }
  EXPECT_EQ(MockTokens().size(), 4u);
}

TEST_F(KeystoreDeliveryTest, OverwriteReplacesAnEntry) {
  RunResult first = Create(WriteKeystoreConfig());
  ASSERT_EQ(first.exit_code, 0) << first;

  RunResult second = Create(WriteKeystoreConfig("prod/mgmt", "overwrite = true\n"));

  ASSERT_EQ(second.exit_code, 0) << second;
  EXPECT_NE(TokenOf(second), TokenOf(first));
  EXPECT_EQ(ReadOrFail(ReadBack("prod/mgmt")), TokenOf(second));
}

TEST_F(KeystoreDeliveryTest, APassphraseFileWorksAndWinsOverTheVariable) {
  WriteFile("passphrase.txt", "from a file\n");
  std::filesystem::permissions(Path("passphrase.txt"), std::filesystem::perms::owner_read);

  RunResult run =
      Create(WriteKeystoreConfig("prod/mgmt", "passphrase_file = \"passphrase.txt\"\n"));

  ASSERT_EQ(run.exit_code, 0) << run;
  EXPECT_EQ(ReadOrFail(ReadBack(KeystorePath(), "prod/mgmt", "from a file")), TokenOf(run));
  EXPECT_FALSE(ReadBack("prod/mgmt").ok());  // the variable's passphrase does not open it
}

TEST_F(KeystoreDeliveryTest, TheExampleProfileRunsAsShipped) {
  // Copied into the test folder, so its relative paths land there.
  std::filesystem::path config =
      WriteFile("keystore.toml", ReadFile(SourcePath("configs/keystore.toml")));

  RunResult run =
      RunWithConfig(config, {"--profile", "keystore", "management", "create", "--format", "json"});

  ASSERT_EQ(run.exit_code, 0) << run;
  EXPECT_EQ(ReadOrFail(ReadBack(Path("tokens.keystore"), "prod/mgmt", kKeystorePassphrase)),
            TokenOf(run));
}

}  // namespace
}  // namespace influxctl::e2e

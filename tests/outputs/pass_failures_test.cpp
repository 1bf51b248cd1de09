// SPDX-License-Identifier: Apache-2.0
//
// What the pass output does when something is wrong (SPEC §6). Problems the
// preflight can see (no store, an uninitialised one, no pass, a key gpg cannot
// encrypt to, a bad entry name) cost nothing: exit status 1 (2 for a bad
// setting) and no token in the mock's state. A failure after creation (a
// pass_command that passes the preflight but fails or hangs on insert) gets
// the token revoked and the entry left as it was; with required = false it
// only warns.

#include <signal.h>

#include <chrono>
#include <fstream>

#include "pass_fixture.hpp"

namespace influxctl::e2e {
namespace {

using PassFailuresTest = PassTest;

// A pass_command that behaves like pass, except that `insert` does `on_insert`.
constexpr std::string_view kInsertRefused =
    "if [ \"$1\" = insert ]; then\n"
    "  cat >/dev/null\n"
    "  echo 'fake pass: insert refused on purpose' >&2\n"
    "  exit 3\n"
    "fi\n"
    "exec /usr/bin/pass \"$@\"\n";

void ExpectNothingCreated(const RunResult& run) {
  EXPECT_EQ(run.out, "") << run;
  EXPECT_NE(run.err.find("no token was created"), std::string::npos) << run;
}

TEST_F(PassFailuresTest, UninitialisedStore) {
  std::filesystem::create_directory(Path("empty-store"));

  RunResult run = Create(WriteMockConfig(
      "\n[[profile.output]]\nplugin = \"pass\"\nentry = \"a/b\"\nstore = \"empty-store\"\n"));

  EXPECT_EQ(run.exit_code, 1) << run;
  ExpectNothingCreated(run);
  EXPECT_NE(run.err.find("not initialised"), std::string::npos) << run;
  EXPECT_NE(run.err.find("pass init"), std::string::npos) << run;
  EXPECT_TRUE(MockTokens().empty());
  EXPECT_EQ(JournalCalls("create"), 0);
}

TEST_F(PassFailuresTest, MissingStore) {
  RunResult run = Create(WriteMockConfig(
      "\n[[profile.output]]\nplugin = \"pass\"\nentry = \"a/b\"\nstore = \"nowhere\"\n"));

  EXPECT_EQ(run.exit_code, 1) << run;
  ExpectNothingCreated(run);
  EXPECT_NE(run.err.find(Path("nowhere").string() + " does not exist"), std::string::npos) << run;
  EXPECT_TRUE(MockTokens().empty());
}

TEST_F(PassFailuresTest, NoPassCommand) {
  RunResult run = Create(WritePassConfig("pass_command = \"no-such-pass\""));

  EXPECT_EQ(run.exit_code, 1) << run;
  ExpectNothingCreated(run);
  EXPECT_NE(run.err.find("\"no-such-pass\" was not found on PATH"), std::string::npos) << run;
  EXPECT_TRUE(MockTokens().empty());
}

TEST_F(PassFailuresTest, UnknownKey) {
  WriteFile("store/.gpg-id", "0123456789ABCDEF0123456789ABCDEF01234567\n");

  RunResult run = Create(WritePassConfig());

  EXPECT_EQ(run.exit_code, 1) << run;
  ExpectNothingCreated(run);
  EXPECT_NE(run.err.find("gpg cannot encrypt"), std::string::npos) << run;
  EXPECT_NE(run.err.find("No public key"), std::string::npos) << run;
  EXPECT_TRUE(MockTokens().empty());
}

TEST_F(PassFailuresTest, BadEntryName) {
  for (const char* entry : {"../outside", "/abs/path", "a//b", "-f", ""}) {
    RunResult run = Create(WriteMockConfig(
        std::string("\n[[profile.output]]\nplugin = \"pass\"\n") + "entry = \"" + entry + "\"\n"));

    EXPECT_EQ(run.exit_code, 2) << entry << run;
    EXPECT_NE(run.err.find("setting \"entry\""), std::string::npos) << run;
    EXPECT_TRUE(MockTokens().empty()) << entry;
  }
}

TEST_F(PassFailuresTest, InsertFailsRevokes) {
  std::filesystem::path fake = WriteScript("fake-pass", kInsertRefused);

  RunResult run = Create(WritePassConfig("pass_command = \"" + fake.string() + "\""),
                         {"--description", "doomed"});

  EXPECT_EQ(run.exit_code, 1) << run;
  EXPECT_EQ(run.out, "") << "a revoked token was shown" << run;
  std::vector<StoredToken> tokens = MockTokens();
  ASSERT_EQ(tokens.size(), 1u) << run;
  EXPECT_TRUE(tokens[0].revoked);
  EXPECT_NE(run.err.find("fake pass: insert refused on purpose"), std::string::npos) << run;
  EXPECT_NE(run.err.find("exited with status 3"), std::string::npos) << run;
  EXPECT_NE(run.err.find(tokens[0].id), std::string::npos) << run;
  EXPECT_NE(run.err.find("revoked"), std::string::npos) << run;
  EXPECT_FALSE(std::filesystem::exists(Store() / "influx/prod/mgmt.gpg"));
}

TEST_F(PassFailuresTest, OptionalWarns) {
  std::filesystem::path fake = WriteScript("fake-pass", kInsertRefused);

  RunResult run =
      Create(WritePassConfig("pass_command = \"" + fake.string() + "\"\nrequired = false"));

  ASSERT_EQ(run.exit_code, 0) << run;
  EXPECT_TRUE(LastLine(run.out).starts_with("M.V1.")) << run;
  EXPECT_NE(run.err.find("warn"), std::string::npos) << run;
  EXPECT_NE(run.err.find("insert refused on purpose"), std::string::npos) << run;
  std::vector<StoredToken> tokens = MockTokens();
  ASSERT_EQ(tokens.size(), 1u);
  EXPECT_FALSE(tokens[0].revoked);
}

// overwrite = true and an insert that breaks the entry, then fails: the old
// entry comes back, so Deliver is all or nothing.
TEST_F(PassFailuresTest, FailedOverwriteRestores) {
  PassInsert(kEntry, "old-secret\n");
  std::filesystem::path fake =
      WriteScript("fake-pass",
                  "if [ \"$1\" = insert ]; then\n"
                  "  printf 'half written' > \"$PASSWORD_STORE_DIR/influx/prod/mgmt.gpg\"\n"
                  "  exit 1\n"
                  "fi\n"
                  "exec /usr/bin/pass \"$@\"\n");

  RunResult run =
      Create(WritePassConfig("overwrite = true\npass_command = \"" + fake.string() + "\""));

  EXPECT_EQ(run.exit_code, 1) << run;
  ASSERT_EQ(MockTokens().size(), 1u);
  EXPECT_TRUE(MockTokens()[0].revoked);
  EXPECT_EQ(PassShow().out, "old-secret\n");
}

// An insert that hangs is killed at the timeout with what it started, and
// the token is revoked.
TEST_F(PassFailuresTest, InsertTimesOut) {
  std::filesystem::path fake = WriteScript("fake-pass",
                                           "if [ \"$1\" = insert ]; then\n"
                                           "  sleep 30 &\n"
                                           "  echo $! > \"" +
                                               Path("sleeper.pid").string() +
                                               "\"\n"
                                               "  wait\n"
                                               "fi\n"
                                               "exec /usr/bin/pass \"$@\"\n");
  auto started = std::chrono::steady_clock::now();

  RunResult run =
      Create(WritePassConfig("timeout = \"500ms\"\npass_command = \"" + fake.string() + "\""));

  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(10));
  EXPECT_EQ(run.exit_code, 1) << run;
  EXPECT_NE(run.err.find("did not finish within 500ms and was killed"), std::string::npos) << run;
  ASSERT_EQ(MockTokens().size(), 1u);
  EXPECT_TRUE(MockTokens()[0].revoked);

  // The grandchild went with its process group (gone, or a zombie of init).
  pid_t sleeper = std::stoi(ReadFile(Path("sleeper.pid")));
  std::string stat = ReadFile("/proc/" + std::to_string(sleeper) + "/stat");
  bool alive = !stat.empty() && stat.find(") Z") == std::string::npos;
  if (alive) {
    ::kill(sleeper, SIGKILL);
  }
  EXPECT_FALSE(alive) << "sleep " << sleeper << " survived the timeout: " << stat;
}

}  // namespace
}  // namespace influxctl::e2e

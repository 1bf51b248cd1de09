// SPDX-License-Identifier: Apache-2.0
//
// The env-file output when things go wrong (SPEC §6). What Preflight can see
// (a missing folder, a folder where the file should be, a file it cannot
// read, a held lock, a file over the size limit) stops the run before a token
// exists: exit 1, nothing created, nothing touched. A write that fails after
// creation (the file size limit hit mid-write) leaves the file byte for byte
// as it was and no temporary file, and the token is revoked; an optional
// output that fails that way only warns. Bad settings are config errors.

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "env_file_fixture.hpp"

namespace influxctl::e2e {
namespace {

class EnvFileFailuresTest : public EnvFileTest {
 protected:
  void TearDown() override {
    for (const std::filesystem::path& path : immutable_) {
      RunSh("chattr -i \"$1\"", {path.string()});
    }
    EnvFileTest::TearDown();
  }

  // Root may write any file, but not one marked immutable (chattr +i): how
  // these tests, run as root, get a file or folder nobody may change. False
  // when the mark cannot be set (not root, or a file system without it).
  bool MarkImmutable(const std::filesystem::path& path) {
    if (RunSh("chattr +i \"$1\" 2>/dev/null", {path.string()}).exit_code != 0) {
      return false;
    }
    immutable_.push_back(path);
    return true;
  }

 private:
  std::vector<std::filesystem::path> immutable_;
};

// /bin/sh is dash: `ulimit -f` counts 512-byte blocks, so 2 is 1024 bytes.
constexpr const char* kLimit1024Bytes = "ulimit -f 2";

// A dotenv file of exactly `size` bytes: comment lines, then `A=1`.
std::string FileOfSize(std::size_t size) {
  std::string text;
  while (text.size() + 50 <= size - 4) {
    text += "# " + std::string(47, 'x') + "\n";
  }
  text += "#" + std::string(size - 4 - text.size() - 2, 'y') + "\n";
  text += "A=1\n";
  return text;
}

// The run stopped before anything was created, and said so.
void ExpectNothingCreated(const RunResult& run, std::vector<StoredToken> tokens) {
  EXPECT_EQ(run.exit_code, 1) << run;
  EXPECT_EQ(run.out, "") << run;
  EXPECT_NE(run.err.find("env-file: "), std::string::npos) << run;
  EXPECT_NE(run.err.find("no token was created"), std::string::npos) << run;
  EXPECT_TRUE(tokens.empty());
}

TEST_F(EnvFileFailuresTest, AMissingFolderFailsPreflight) {
  auto config = WriteEnvFileConfig("path = \"missing/.env\"");

  RunResult run = Create(config);

  ExpectNothingCreated(run, MockTokens());
  EXPECT_NE(run.err.find("the folder " + Path("missing").string() + " does not exist"),
            std::string::npos)
      << run;
  EXPECT_FALSE(std::filesystem::exists(Path("missing")));
}

TEST_F(EnvFileFailuresTest, AFolderWhereTheFileShouldBeFailsPreflight) {
  std::filesystem::create_directory(EnvPath());
  auto config = WriteEnvFileConfig();

  RunResult run = Create(config);

  ExpectNothingCreated(run, MockTokens());
  EXPECT_NE(run.err.find("is a folder, not a file"), std::string::npos) << run;
  EXPECT_EQ(Listing(AppDir()), (std::vector<std::string>{".env"}));
}

TEST_F(EnvFileFailuresTest, APipeWhereTheFileShouldBeFailsPreflight) {
  ASSERT_EQ(::mkfifo(EnvPath().c_str(), 0600), 0);
  auto config = WriteEnvFileConfig();

  RunResult run = Create(config);

  ExpectNothingCreated(run, MockTokens());
  EXPECT_NE(run.err.find("is not a regular file"), std::string::npos) << run;
}

TEST_F(EnvFileFailuresTest, ADanglingLinkFailsPreflight) {
  std::filesystem::create_symlink("nowhere.env", EnvPath());
  auto config = WriteEnvFileConfig();

  RunResult run = Create(config);

  ExpectNothingCreated(run, MockTokens());
  EXPECT_NE(run.err.find("symbolic link to a file that does not exist"), std::string::npos) << run;
  EXPECT_FALSE(std::filesystem::exists(AppDir() / "nowhere.env"));
}

TEST_F(EnvFileFailuresTest, AFileItCannotParseFailsPreflightAndIsLeftAlone) {
  const std::string text = "A=1\nCERT=\"-----BEGIN\nno closing quote\n";
  WriteFile("app/.env", text);
  auto config = WriteEnvFileConfig();

  RunResult run = Create(config);

  ExpectNothingCreated(run, MockTokens());
  EXPECT_NE(run.err.find("line 2"), std::string::npos) << run;
  EXPECT_NE(run.err.find("never closed"), std::string::npos) << run;
  EXPECT_EQ(ReadFile(EnvPath()), text);
  EXPECT_EQ(Listing(AppDir()), (std::vector<std::string>{".env"}));
}

TEST_F(EnvFileFailuresTest, AFileNobodyMayChangeFailsPreflight) {
  WriteFile("app/.env", "A=1\n");
  auto config = WriteEnvFileConfig();
  if (!MarkImmutable(EnvPath())) {
    GTEST_SKIP() << "chattr +i needs root and a file system that supports it";
  }

  RunResult run = Create(config);

  ExpectNothingCreated(run, MockTokens());
  EXPECT_NE(run.err.find("only updates a file this user may read and write"), std::string::npos)
      << run;
  EXPECT_EQ(ReadFile(EnvPath()), "A=1\n");
}

TEST_F(EnvFileFailuresTest, AFolderWhereNoFileCanBeMadeFailsPreflight) {
  auto config = WriteEnvFileConfig();
  if (!MarkImmutable(AppDir())) {
    GTEST_SKIP() << "chattr +i needs root and a file system that supports it";
  }

  RunResult run = Create(config);

  ExpectNothingCreated(run, MockTokens());
  EXPECT_NE(run.err.find("cannot create a file in the folder " + AppDir().string()),
            std::string::npos)
      << run;
  EXPECT_TRUE(Listing(AppDir()).empty());
}

TEST_F(EnvFileFailuresTest, AHeldLockFailsPreflightAfterTheTimeout) {
  WriteFile("app/.env", "A=1\n");
  std::string lock_path = (AppDir() / ".env.lock").string();
  int lock = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  ASSERT_GE(lock, 0);
  ASSERT_EQ(::flock(lock, LOCK_EX), 0);
  auto config = WriteEnvFileConfig("lock_timeout = \"200ms\"");

  RunResult run = Create(config);
  ::close(lock);

  ExpectNothingCreated(run, MockTokens());
  EXPECT_NE(run.err.find("another process holds the lock " + lock_path), std::string::npos) << run;
  EXPECT_EQ(ReadFile(EnvPath()), "A=1\n");
}

TEST_F(EnvFileFailuresTest, AFileOverTheSizeLimitFailsPreflight) {
  const std::string text = FileOfSize(3000);
  WriteFile("app/.env", text);
  auto config = WriteEnvFileConfig();

  RunResult run = CreateAfter(kLimit1024Bytes, config);

  ExpectNothingCreated(run, MockTokens());
  EXPECT_NE(run.err.find("file size limit"), std::string::npos) << run;
  EXPECT_EQ(ReadFile(EnvPath()), text);
}

// The file fits the limit, so Preflight passes; the new file, one line
// longer, does not, so the write fails part-way after the token exists.
TEST_F(EnvFileFailuresTest, AWriteCutShortBySizeLimitRevokesTheTokenAndKeepsTheFile) {
  const std::string text = FileOfSize(1000);
  ASSERT_EQ(text.size(), 1000u);
  WriteFile("app/.env", text);
  ASSERT_EQ(::chmod(EnvPath().c_str(), 0640), 0);
  auto config = WriteEnvFileConfig();

  RunResult run = CreateAfter(kLimit1024Bytes, config);

  EXPECT_EQ(run.exit_code, 1) << run;  // an error, not death by SIGXFSZ
  EXPECT_EQ(run.out, "") << run;
  EXPECT_NE(run.err.find("File too large"), std::string::npos) << run;
  EXPECT_NE(run.err.find("was left as it was"), std::string::npos) << run;
  EXPECT_NE(run.err.find("was revoked again"), std::string::npos) << run;
  std::vector<StoredToken> tokens = MockTokens();
  ASSERT_EQ(tokens.size(), 1u);
  EXPECT_TRUE(tokens[0].revoked);
  EXPECT_EQ(ReadFile(EnvPath()), text);
  EXPECT_EQ(ModeOf(EnvPath()), 0640u);
  EXPECT_EQ(Listing(AppDir()), (std::vector<std::string>{".env", ".env.lock"}));
}

TEST_F(EnvFileFailuresTest, AnOptionalOutputThatFailsOnlyWarns) {
  const std::string text = FileOfSize(1000);
  WriteFile("app/.env", text);
  auto config = WriteEnvFileConfig("required = false");

  RunResult run = CreateAfter(kLimit1024Bytes, config);

  ASSERT_EQ(run.exit_code, 0) << run;
  EXPECT_FALSE(TokenOf(run).empty());
  EXPECT_NE(run.err.find("optional output"), std::string::npos) << run;
  std::vector<StoredToken> tokens = MockTokens();
  ASSERT_EQ(tokens.size(), 1u);
  EXPECT_FALSE(tokens[0].revoked);
  EXPECT_EQ(ReadFile(EnvPath()), text);
  EXPECT_EQ(Listing(AppDir()), (std::vector<std::string>{".env", ".env.lock"}));
}

TEST_F(EnvFileFailuresTest, ABadVariableNameIsAConfigErrorNamingTheSetting) {
  for (const char* setting :
       {"variable = \"1BAD\"", "id_variable = \"has-dash\"", "expires_variable = \"A B\""}) {
    auto config = WriteEnvFileConfig(setting);

    RunResult run = Create(config);

    std::string key(setting, std::string_view(setting).find(' '));
    EXPECT_EQ(run.exit_code, 2) << run;
    EXPECT_NE(run.err.find("setting \"" + key + "\""), std::string::npos) << run;
    EXPECT_TRUE(MockTokens().empty());
  }
}

TEST_F(EnvFileFailuresTest, OneNameForTwoSettingsIsAConfigError) {
  auto config = WriteEnvFileConfig("id_variable = \"INFLUX_MGMT_TOKEN\"");

  RunResult run = Create(config);

  EXPECT_EQ(run.exit_code, 2) << run;
  EXPECT_NE(run.err.find("\"variable\" and \"id_variable\""), std::string::npos) << run;
}

TEST_F(EnvFileFailuresTest, APathIsRequired) {
  WriteFile("config.toml", R"([[profile]]
name = "default"

[profile.transport]
plugin = "mock"
state_file = "state.json"

[[profile.output]]
plugin = "env-file"
)");

  RunResult run = Create(Path("config.toml"));

  EXPECT_EQ(run.exit_code, 2) << run;
  EXPECT_NE(run.err.find("needs setting \"path\""), std::string::npos) << run;
  EXPECT_TRUE(MockTokens().empty());
}

}  // namespace
}  // namespace influxctl::e2e

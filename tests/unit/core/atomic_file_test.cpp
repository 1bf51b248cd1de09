// SPDX-License-Identifier: Apache-2.0
//
// The SDK's locked, atomic file update (influxctl/atomic_file.hpp), checked by
// what a user can see: file contents, modes, owners, what else is left in the
// folder, and the error messages. A lock excludes a second holder until the
// first is gone and gives up at its timeout naming the setting; a replacement
// makes a new file with the mode asked for whatever the umask, keeps an
// existing file's mode and owner, and on any failure leaves the old file and
// no temporary file behind, even when the file size limit cuts a write short.

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <thread>
#include <vector>

#include <influxctl/atomic_file.hpp>

namespace influxctl {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using namespace std::chrono_literals;

class AtomicFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (std::filesystem::temp_directory_path() / "atomic-file-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
  }

  void TearDown() override {
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }

  std::string PathOf(const std::string& name) const { return (dir_ / name).string(); }

  // Names in the test's folder, sorted: a leftover temporary file shows here.
  std::vector<std::string> Listing() const {
    std::vector<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(dir_)) {
      names.push_back(entry.path().filename().string());
    }
    std::sort(names.begin(), names.end());
    return names;
  }

  static std::string Read(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
  }

  static void Write(const std::string& path, const std::string& text, mode_t mode) {
    std::ofstream(path, std::ios::binary) << text;
    ASSERT_EQ(::chmod(path.c_str(), mode), 0);
  }

  static mode_t ModeOf(const std::string& path) {
    struct stat meta {};
    EXPECT_EQ(::lstat(path.c_str(), &meta), 0) << path;
    return meta.st_mode & 07777;
  }

  std::filesystem::path dir_;
};

// Sets the umask for one test and puts the old one back.
class ScopedUmask {
 public:
  explicit ScopedUmask(mode_t mask) : previous_(::umask(mask)) {}
  ~ScopedUmask() { ::umask(previous_); }

 private:
  mode_t previous_;
};

// Lowers the file size limit (ulimit -f) for one test and puts it back.
class ScopedFileSizeLimit {
 public:
  explicit ScopedFileSizeLimit(rlim_t bytes) {
    ::getrlimit(RLIMIT_FSIZE, &previous_);
    struct rlimit lowered = previous_;
    lowered.rlim_cur = bytes;
    set_ = ::setrlimit(RLIMIT_FSIZE, &lowered) == 0;
  }
  ~ScopedFileSizeLimit() { ::setrlimit(RLIMIT_FSIZE, &previous_); }
  bool set() const { return set_; }

 private:
  struct rlimit previous_ {};
  bool set_ = false;
};

TEST_F(AtomicFileTest, ALockFileIsCreatedPrivateAndKept) {
  ScopedUmask open_umask(0);
  {
    Result<FileLock> lock = FileLock::Acquire(PathOf("data.lock"), 1s, "lock_timeout");
    ASSERT_TRUE(lock.ok()) << lock.error().message();
    EXPECT_TRUE(lock.value().held());
  }
  EXPECT_EQ(ModeOf(PathOf("data.lock")), 0600u);
  EXPECT_THAT(Listing(), ElementsAre("data.lock"));
}

TEST_F(AtomicFileTest, ASecondHolderTimesOutNamingTheLockAndTheSetting) {
  Result<FileLock> first = FileLock::Acquire(PathOf("data.lock"), 1s, "lock_timeout");
  ASSERT_TRUE(first.ok());

  auto started = std::chrono::steady_clock::now();
  Result<FileLock> second = FileLock::Acquire(PathOf("data.lock"), 200ms, "lock_timeout");
  auto waited = std::chrono::steady_clock::now() - started;

  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.error().kind(), ErrorKind::kOutput);
  EXPECT_EQ(second.error().message(), "another process holds the lock " + PathOf("data.lock") +
                                          " (waited 200ms); try again when it is done, or "
                                          "raise lock_timeout");
  EXPECT_GE(waited, 200ms);
  EXPECT_LT(waited, 2s);
}

TEST_F(AtomicFileTest, AWaitingHolderGetsTheLockWhenItIsReleased) {
  std::optional<FileLock> first;
  {
    Result<FileLock> taken = FileLock::Acquire(PathOf("data.lock"), 1s, "lock_timeout");
    ASSERT_TRUE(taken.ok());
    first.emplace(std::move(taken).value());
  }
  std::thread release([&first] {
    std::this_thread::sleep_for(100ms);
    first.reset();
  });

  auto started = std::chrono::steady_clock::now();
  Result<FileLock> second = FileLock::Acquire(PathOf("data.lock"), 10s, "lock_timeout");
  auto waited = std::chrono::steady_clock::now() - started;
  release.join();

  ASSERT_TRUE(second.ok()) << second.error().message();
  EXPECT_TRUE(second.value().held());
  EXPECT_GE(waited, 50ms);  // it did wait for the holder
}

TEST_F(AtomicFileTest, AMovedLockStaysHeldUntilItsNewOwnerIsGone) {
  Result<FileLock> taken = FileLock::Acquire(PathOf("data.lock"), 1s, "lock_timeout");
  ASSERT_TRUE(taken.ok());
  {
    FileLock moved(std::move(taken).value());
    EXPECT_TRUE(moved.held());
    EXPECT_FALSE(FileLock::Acquire(PathOf("data.lock"), 0ms, "lock_timeout").ok());
  }
  EXPECT_TRUE(FileLock::Acquire(PathOf("data.lock"), 0ms, "lock_timeout").ok());
}

TEST_F(AtomicFileTest, AcquireIfExistsCreatesNothingAndHoldsNothingForAMissingFile) {
  Result<FileLock> missing = FileLock::AcquireIfExists(PathOf("data.lock"), 1s, "lock_timeout");
  ASSERT_TRUE(missing.ok()) << missing.error().message();
  EXPECT_FALSE(missing.value().held());
  EXPECT_TRUE(Listing().empty());

  Write(PathOf("data.lock"), "", 0600);
  Result<FileLock> present = FileLock::AcquireIfExists(PathOf("data.lock"), 1s, "lock_timeout");
  ASSERT_TRUE(present.ok()) << present.error().message();
  EXPECT_TRUE(present.value().held());
  EXPECT_FALSE(FileLock::Acquire(PathOf("data.lock"), 0ms, "lock_timeout").ok());
}

TEST_F(AtomicFileTest, ALockFileThatIsALinkOrAFolderIsRefused) {
  std::filesystem::create_symlink(dir_ / "elsewhere", dir_ / "link.lock");
  Result<FileLock> link = FileLock::Acquire(PathOf("link.lock"), 1s, "lock_timeout");
  ASSERT_FALSE(link.ok());
  EXPECT_EQ(link.error().message(),
            "the lock file " + PathOf("link.lock") + " is a symbolic link; remove it");
  EXPECT_FALSE(std::filesystem::exists(dir_ / "elsewhere"));

  std::filesystem::create_directory(dir_ / "folder.lock");
  Result<FileLock> folder = FileLock::Acquire(PathOf("folder.lock"), 1s, "lock_timeout");
  ASSERT_FALSE(folder.ok());
  EXPECT_THAT(folder.error().message(),
              HasSubstr("cannot open the lock file " + PathOf("folder.lock") + ": "));
}

TEST_F(AtomicFileTest, ANewFileGetsTheModeAskedForWhateverTheUmask) {
  ScopedUmask open_umask(0);

  ASSERT_TRUE(ReplaceFile(PathOf("private"), "secret\n").ok());
  ASSERT_TRUE(ReplaceFile(PathOf("shared"), "shared\n", {.new_file_mode = 0644}).ok());

  EXPECT_EQ(Read(PathOf("private")), "secret\n");
  EXPECT_EQ(ModeOf(PathOf("private")), 0600u);
  EXPECT_EQ(ModeOf(PathOf("shared")), 0644u);
  EXPECT_THAT(Listing(), ElementsAre("private", "shared"));
}

TEST_F(AtomicFileTest, AnExistingFileKeepsItsModeAndLosesItsOldContent) {
  Write(PathOf("data"), "old content that is longer than the new\n", 0640);

  Status replaced = ReplaceFile(PathOf("data"), "new\n", {.new_file_mode = 0600});

  ASSERT_TRUE(replaced.ok()) << replaced.error().message();
  EXPECT_EQ(Read(PathOf("data")), "new\n");
  EXPECT_EQ(ModeOf(PathOf("data")), 0640u);
  EXPECT_THAT(Listing(), ElementsAre("data"));
}

TEST_F(AtomicFileTest, AnExistingFileKeepsItsOwner) {
  if (::geteuid() != 0) {
    GTEST_SKIP() << "giving a file to another owner needs root";
  }
  Write(PathOf("data"), "old\n", 0640);
  ASSERT_EQ(::chown(PathOf("data").c_str(), 65534, 65534), 0);

  ASSERT_TRUE(ReplaceFile(PathOf("data"), "new\n").ok());

  struct stat meta {};
  ASSERT_EQ(::stat(PathOf("data").c_str(), &meta), 0);
  EXPECT_EQ(meta.st_uid, 65534u);
  EXPECT_EQ(meta.st_gid, 65534u);
  EXPECT_EQ(meta.st_mode & 07777, 0640u);
}

TEST_F(AtomicFileTest, ALinkAtThePathIsReplacedNotFollowed) {
  Write(PathOf("target"), "target\n", 0600);
  std::filesystem::create_symlink(dir_ / "target", dir_ / "link");

  ASSERT_TRUE(ReplaceFile(PathOf("link"), "new\n").ok());

  EXPECT_FALSE(std::filesystem::is_symlink(dir_ / "link"));
  EXPECT_EQ(Read(PathOf("link")), "new\n");
  EXPECT_EQ(Read(PathOf("target")), "target\n");
}

TEST_F(AtomicFileTest, AMissingFolderIsAnErrorNamingIt) {
  const std::string path = PathOf("missing/data");

  Status replaced = ReplaceFile(path, "new\n");
  Status checked = CheckReplaceable(path);

  for (const Status& status : {replaced, checked}) {
    ASSERT_FALSE(status.ok());
    EXPECT_EQ(status.error().kind(), ErrorKind::kOutput);
    EXPECT_THAT(status.error().message(),
                HasSubstr("cannot create a file in the folder " + PathOf("missing") +
                          ": No such file or directory"));
    EXPECT_THAT(status.error().message(), HasSubstr("renamed over " + path));
  }
  EXPECT_TRUE(Listing().empty());
}

TEST_F(AtomicFileTest, AFailedRenameLeavesTheTargetAndNoTemporaryFile) {
  std::filesystem::create_directory(dir_ / "data");
  Write(PathOf("data/inside"), "kept\n", 0600);

  Status replaced = ReplaceFile(PathOf("data"), "new\n");

  ASSERT_FALSE(replaced.ok());
  EXPECT_THAT(replaced.error().message(), HasSubstr("cannot rename "));
  EXPECT_THAT(replaced.error().message(), HasSubstr("; " + PathOf("data") + " was left as it was"));
  EXPECT_EQ(Read(PathOf("data/inside")), "kept\n");
  EXPECT_THAT(Listing(), ElementsAre("data"));
}

TEST_F(AtomicFileTest, AWriteCutShortByTheFileSizeLimitIsAnErrorThatKeepsTheOldFile) {
  Write(PathOf("data"), "old\n", 0640);
  const std::string large(64 * 1024, 'x');
  Status replaced = Status::Ok();
  std::optional<unsigned long long> limit;
  {
    ScopedFileSizeLimit lowered(4096);
    ASSERT_TRUE(lowered.set());
    limit = FileSizeLimit();
    // Without the signal blocked, SIGXFSZ would end the test binary here.
    replaced = ReplaceFile(PathOf("data"), large);
  }

  EXPECT_EQ(limit, 4096u);
  ASSERT_FALSE(replaced.ok());
  EXPECT_THAT(replaced.error().message(), HasSubstr("cannot write the new " + PathOf("data")));
  EXPECT_THAT(replaced.error().message(),
              HasSubstr("File too large (the file size limit, ulimit -f, is 4096 bytes); " +
                        PathOf("data") + " was left as it was"));
  EXPECT_EQ(Read(PathOf("data")), "old\n");
  EXPECT_EQ(ModeOf(PathOf("data")), 0640u);
  EXPECT_THAT(Listing(), ElementsAre("data"));
}

TEST_F(AtomicFileTest, CheckReplaceableLeavesTheFolderAsItWas) {
  Write(PathOf("data"), "old\n", 0640);

  Status checked = CheckReplaceable(PathOf("data"));

  ASSERT_TRUE(checked.ok()) << checked.error().message();
  EXPECT_EQ(Read(PathOf("data")), "old\n");
  EXPECT_THAT(Listing(), ElementsAre("data"));
}

TEST_F(AtomicFileTest, AFolderThisUserMayNotWriteFailsTheCheck) {
  if (::geteuid() == 0) {
    GTEST_SKIP() << "root may write in any folder";
  }
  std::filesystem::create_directory(dir_ / "locked");
  std::filesystem::permissions(
      dir_ / "locked", std::filesystem::perms::owner_read | std::filesystem::perms::owner_exec);

  Status checked = CheckReplaceable(PathOf("locked/data"));
  std::filesystem::permissions(dir_ / "locked", std::filesystem::perms::owner_all);

  ASSERT_FALSE(checked.ok());
  EXPECT_THAT(checked.error().message(), HasSubstr("cannot create a file in the folder " +
                                                   PathOf("locked") + ": Permission denied"));
}

}  // namespace
}  // namespace influxctl

// SPDX-License-Identifier: Apache-2.0
//
// The keystore output as the engine drives it: settings are checked when the
// output is made; preflight finds every failure it can (no passphrase, a wrong
// one, a damaged file, a taken entry, a missing folder) and changes nothing;
// delivery keeps an existing file's mode, makes a new one 0600, leaves no
// temporary file, waits for and respects the lock, notices an entry another
// run added after this run's preflight, raises a cheap scrypt cost, follows a
// symbolic link, and never logs the secret or the passphrase.

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <thread>

#include "keystore_harness.hpp"

namespace influxctl::keystore_test {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

mode_t ModeOf(const std::filesystem::path& path) {
  struct stat info {};
  EXPECT_EQ(::stat(path.c_str(), &info), 0) << path;
  return info.st_mode & 07777;
}

TEST_F(KeystoreTest, TargetNamesTheFileAndTheEntry) {
  std::unique_ptr<Output> output = MakeOutput(SettingsFor("prod/mgmt"));
  ASSERT_NE(output, nullptr);
  EXPECT_EQ(output->Target(), path_.string() + " (entry \"prod/mgmt\")");
}

TEST_F(KeystoreTest, BadSettingsAreConfigErrorsNamingTheSetting) {
  struct Case {
    const char* key;
    SettingValue value;
    const char* expected;
  };
  const Case cases[] = {
      {"entry", std::string(""), "entry: the keystore entry name is empty"},
      {"entry", std::string("a\nb"), "entry: the keystore entry name holds a control character"},
      {"entry", std::string(300, 'x'), "entry: the keystore entry name is longer than 256"},
      {"kdf_cost", std::int64_t{9}, "kdf_cost: 9 is out of range; use 10 to 20"},
      {"kdf_cost", std::int64_t{21}, "kdf_cost: 21 is out of range"},
      {"passphrase_env", std::string("MY-PASS"), "passphrase_env: \"MY-PASS\" is not an "},
      {"passphrase_env", std::string(""), "passphrase_env: \"\" is not an environment"},
  };
  for (const Case& test : cases) {
    Settings settings = SettingsFor("prod/mgmt");
    settings.Set(test.key, test.value);
    OutputContext context{settings, log_};

    Result<std::unique_ptr<Output>> made = KeystoreDescriptor().make_output(context);

    ASSERT_FALSE(made.ok()) << test.key;
    EXPECT_EQ(made.error().kind(), ErrorKind::kConfig) << test.key;
    EXPECT_THAT(made.error().message(),
                HasSubstr("keystore output setting " + std::string(test.expected)));
  }
}

TEST_F(KeystoreTest, PreflightNeedsAPassphrase) {
  ::unsetenv(kPassphraseEnv);
  std::unique_ptr<Output> unset = MakeOutput(SettingsFor("prod/mgmt"));
  Status status = unset->Preflight();
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().kind(), ErrorKind::kOutput);
  EXPECT_THAT(status.error().message(),
              HasSubstr(std::string("environment variable ") + kPassphraseEnv + " is unset"));

  ::setenv(kPassphraseEnv, "", 1);
  std::unique_ptr<Output> empty = MakeOutput(SettingsFor("prod/mgmt"));
  status = empty->Preflight();
  ASSERT_FALSE(status.ok());
  EXPECT_THAT(status.error().message(), HasSubstr("is empty"));

  Settings with_file = SettingsFor("prod/mgmt");
  with_file.Set("passphrase_file", (dir_ / "no-such-file").string());
  std::unique_ptr<Output> missing_file = MakeOutput(with_file);
  status = missing_file->Preflight();
  ASSERT_FALSE(status.ok());
  EXPECT_THAT(status.error().message(),
              HasSubstr("cannot read the keystore passphrase file " +
                        (dir_ / "no-such-file").string() + ": No such file or directory"));
  EXPECT_FALSE(std::filesystem::exists(path_));
}

TEST_F(KeystoreTest, PreflightChangesNothing) {
  std::unique_ptr<Output> output = MakeOutput(SettingsFor("prod/mgmt"));
  ASSERT_TRUE(output->Preflight().ok()) << log_.all();
  EXPECT_TRUE(FilesIn(dir_).empty());

  ASSERT_TRUE(Store("other", 1).ok());
  std::vector<std::string> files = FilesIn(dir_);
  std::string before = ReadFile(path_);
  auto modified = std::filesystem::last_write_time(path_);
  std::unique_ptr<Output> second = MakeOutput(SettingsFor("prod/mgmt"));
  ASSERT_TRUE(second->Preflight().ok()) << log_.all();
  EXPECT_EQ(FilesIn(dir_), files);
  EXPECT_EQ(ReadFile(path_), before);
  EXPECT_EQ(std::filesystem::last_write_time(path_), modified);
}

TEST_F(KeystoreTest, PreflightRefusesAWrongPassphraseForAnExistingFile) {
  ASSERT_TRUE(Store("other", 1).ok());
  ::setenv(kPassphraseEnv, "a different passphrase", 1);

  Status status = MakeOutput(SettingsFor("prod/mgmt"))->Preflight();

  ASSERT_FALSE(status.ok());
  EXPECT_THAT(status.error().message(), HasSubstr("wrong passphrase for " + path_.string()));
}

TEST_F(KeystoreTest, PreflightRefusesAFileWithADamagedEntry) {
  ASSERT_TRUE(Store("other", 1).ok());
  Poco::JSON::Object::Ptr document = Document();
  Poco::JSON::Object::Ptr entry = Entry(document, "other");
  entry->set("ciphertext", FlipFirstByte(entry->getValue<std::string>("ciphertext")));
  WriteFile(path_, ToJson(document));

  Status status = MakeOutput(SettingsFor("prod/mgmt"))->Preflight();

  ASSERT_FALSE(status.ok());
  EXPECT_THAT(status.error().message(), HasSubstr("entry \"other\" in keystore " + path_.string() +
                                                  " failed authentication"));
}

TEST_F(KeystoreTest, PreflightRefusesATakenEntryUnlessOverwriteIsSet) {
  ASSERT_TRUE(Store("prod/mgmt", 1).ok());

  Status refused = MakeOutput(SettingsFor("prod/mgmt"))->Preflight();
  ASSERT_FALSE(refused.ok());
  EXPECT_THAT(refused.error().message(), HasSubstr("keystore " + path_.string() +
                                                   " already holds entry \"prod/mgmt\" "
                                                   "(token id-1, stored "));
  EXPECT_THAT(refused.error().message(), HasSubstr("set overwrite = true"));

  Settings overwrite = SettingsFor("prod/mgmt");
  overwrite.Set("overwrite", true);
  ASSERT_TRUE(Store(overwrite, MakeToken("id-2", TokenSecret(2))).ok()) << log_.all();
  EXPECT_EQ(Read("prod/mgmt"), TokenSecret(2));
  EXPECT_EQ(Entry(Document(), "prod/mgmt")->getValue<std::string>("token_id"), "id-2");
}

TEST_F(KeystoreTest, PreflightRefusesAMissingFolderOrADirectory) {
  Settings missing = KeystoreSettings(dir_ / "no-such-folder" / "keystore.json", "prod/mgmt");
  Status status = MakeOutput(missing)->Preflight();
  ASSERT_FALSE(status.ok());
  EXPECT_THAT(status.error().message(),
              HasSubstr("folder " + (dir_ / "no-such-folder").string() + " does not exist"));

  std::filesystem::create_directory(path_);
  status = MakeOutput(SettingsFor("prod/mgmt"))->Preflight();
  ASSERT_FALSE(status.ok());
  EXPECT_THAT(status.error().message(), HasSubstr("is not a regular file"));
}

TEST_F(KeystoreTest, PreflightRefusesAFolderItCannotWrite) {
  if (::geteuid() == 0) {
    GTEST_SKIP() << "root may write in any folder";
  }
  std::filesystem::permissions(
      dir_, std::filesystem::perms::owner_read | std::filesystem::perms::owner_exec);
  Status status = MakeOutput(SettingsFor("prod/mgmt"))->Preflight();
  ASSERT_FALSE(status.ok());
  EXPECT_THAT(status.error().message(), HasSubstr("cannot write in folder"));
}

TEST_F(KeystoreTest, ANewFileIsPrivateAndAnExistingOneKeepsItsMode) {
  ASSERT_TRUE(Store("a", 1).ok());
  EXPECT_EQ(ModeOf(path_), 0600u);
  EXPECT_EQ(ModeOf(dir_ / "keystore.json.lock"), 0600u);

  std::filesystem::permissions(path_, static_cast<std::filesystem::perms>(0640));
  ASSERT_TRUE(Store("b", 2).ok());
  EXPECT_EQ(ModeOf(path_), 0640u);
  EXPECT_THAT(FilesIn(dir_), ElementsAre("keystore.json", "keystore.json.lock"));
}

TEST_F(KeystoreTest, AnEmptyFileMadeBeforehandBecomesTheKeystoreAndKeepsItsMode) {
  WriteFile(path_, "");
  std::filesystem::permissions(path_, static_cast<std::filesystem::perms>(0640));
  Result<Secret> before = ReadEntry(SettingsFor("prod/mgmt"));
  ASSERT_FALSE(before.ok());
  EXPECT_EQ(before.error().message(),
            "no entry \"prod/mgmt\" in keystore " + path_.string() + "; it holds no entries yet");

  ASSERT_TRUE(Store("prod/mgmt", 1).ok()) << log_.all();

  EXPECT_EQ(ModeOf(path_), 0640u);
  EXPECT_EQ(Read("prod/mgmt"), TokenSecret(1));
}

TEST_F(KeystoreTest, ASymbolicLinkIsFollowedAndKept) {
  std::filesystem::create_directory(dir_ / "real");
  ASSERT_TRUE(
      Store(KeystoreSettings(dir_ / "real" / "store.json", "a"), MakeToken("id-1", TokenSecret(1)))
          .ok());
  std::filesystem::create_symlink(dir_ / "real" / "store.json", path_);

  ASSERT_TRUE(Store("b", 2).ok()) << log_.all();

  EXPECT_TRUE(std::filesystem::is_symlink(path_));
  EXPECT_EQ(Read("a"), TokenSecret(1));
  EXPECT_EQ(Read("b"), TokenSecret(2));
}

TEST_F(KeystoreTest, DeliveryWaitsForTheLockAndGivesUpAfterTheTimeout) {
  ASSERT_TRUE(Store("a", 1).ok());
  const std::string before = ReadFile(path_);
  int fd = ::open((path_.string() + ".lock").c_str(), O_RDWR);
  ASSERT_GE(fd, 0);
  ASSERT_EQ(::flock(fd, LOCK_EX), 0);

  Settings settings = SettingsFor("b");
  settings.Set("lock_timeout", std::chrono::milliseconds(200));
  std::unique_ptr<Output> output = MakeOutput(settings);
  ASSERT_TRUE(output->Preflight().ok());
  Status timed_out = output->Deliver(MakeToken("id-2", TokenSecret(2)));
  ASSERT_FALSE(timed_out.ok());
  EXPECT_THAT(timed_out.error().message(),
              HasSubstr("another process holds the lock " + path_.string() +
                        ".lock (waited 200ms); try again when it is done, or raise lock_timeout"));
  EXPECT_EQ(ReadFile(path_), before);

  // Released while a delivery waits: that delivery goes through.
  std::thread release([fd] {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    ::close(fd);
  });
  settings.Set("lock_timeout", std::chrono::milliseconds(5000));
  Status waited = MakeOutput(settings)->Deliver(MakeToken("id-2", TokenSecret(2)));
  release.join();
  ASSERT_TRUE(waited.ok()) << waited.error().message();
  EXPECT_EQ(Read("b"), TokenSecret(2));
}

TEST_F(KeystoreTest, DeliveryNoticesAnEntryAddedAfterItsPreflight) {
  std::unique_ptr<Output> first = MakeOutput(SettingsFor("prod/mgmt"));
  std::unique_ptr<Output> second = MakeOutput(SettingsFor("prod/mgmt"));
  ASSERT_TRUE(first->Preflight().ok());
  ASSERT_TRUE(second->Preflight().ok());

  ASSERT_TRUE(first->Deliver(MakeToken("id-1", TokenSecret(1))).ok());
  Status late = second->Deliver(MakeToken("id-2", TokenSecret(2)));

  ASSERT_FALSE(late.ok());
  EXPECT_THAT(late.error().message(), HasSubstr("another run added it after this run's preflight"));
  EXPECT_EQ(Read("prod/mgmt"), TokenSecret(1));
}

TEST_F(KeystoreTest, ConcurrentDeliveriesAllLand) {
  constexpr int kWriters = 8;
  std::vector<std::thread> writers;
  std::vector<Status> results(kWriters);
  for (int i = 0; i < kWriters; ++i) {
    writers.emplace_back([this, i, &results] {
      RecordingLog log;
      Settings settings = SettingsFor("entry-" + std::to_string(i));
      OutputContext context{settings, log};
      std::unique_ptr<Output> output = KeystoreDescriptor().make_output(context).value();
      results[i] = output->Preflight();
      if (results[i].ok()) {
        results[i] = output->Deliver(MakeToken("id-" + std::to_string(i), TokenSecret(i)));
      }
    });
  }
  for (std::thread& writer : writers) {
    writer.join();
  }
  for (int i = 0; i < kWriters; ++i) {
    ASSERT_TRUE(results[i].ok()) << i << ": " << results[i].error().message();
    EXPECT_EQ(Read("entry-" + std::to_string(i)), TokenSecret(i));
  }
}

TEST_F(KeystoreTest, ACheapKdfCostIsRaisedOnTheNextDelivery) {
  ASSERT_TRUE(Store("a", 1).ok());
  std::string old_salt = Document()->getObject("kdf")->getValue<std::string>("salt");

  Settings settings = SettingsFor("b");
  settings.Set("kdf_cost", std::int64_t{11});
  ASSERT_TRUE(Store(settings, MakeToken("id-2", TokenSecret(2))).ok()) << log_.all();

  Poco::JSON::Object::Ptr kdf = Document()->getObject("kdf");
  EXPECT_EQ(kdf->getValue<int>("n"), 2048);
  EXPECT_NE(kdf->getValue<std::string>("salt"), old_salt);
  EXPECT_EQ(Read("a"), TokenSecret(1));
  EXPECT_EQ(Read("b"), TokenSecret(2));
  EXPECT_THAT(log_.all(), HasSubstr("raised scrypt cost from N=2^10 to N=2^11"));

  // A lower setting never lowers what a file has.
  ASSERT_TRUE(Store("c", 3).ok());
  EXPECT_EQ(Document()->getObject("kdf")->getValue<int>("n"), 2048);
}

TEST_F(KeystoreTest, NeitherSecretNorPassphraseIsEverLogged) {
  ASSERT_TRUE(Store("prod/mgmt", 1).ok());
  Settings overwrite = SettingsFor("prod/mgmt");
  overwrite.Set("overwrite", true);
  ASSERT_TRUE(Store(overwrite, MakeToken("id-2", TokenSecret(2))).ok());
  ::setenv(kPassphraseEnv, "wrong passphrase value", 1);
  EXPECT_FALSE(MakeOutput(SettingsFor("x"))->Preflight().ok());

  std::string logged = log_.all();
  EXPECT_THAT(logged, HasSubstr("stored token id-1"));
  EXPECT_THAT(logged, Not(HasSubstr("unit-test-secret")));
  EXPECT_THAT(logged, Not(HasSubstr(kPassphrase)));
  EXPECT_THAT(logged, Not(HasSubstr("wrong passphrase value")));
}

TEST_F(KeystoreTest, ASharedPassphraseFileIsWarnedAbout) {
  std::filesystem::path file = dir_ / "passphrase";
  WriteFile(file, "shared\n");
  std::filesystem::permissions(file, static_cast<std::filesystem::perms>(0644));
  Settings settings = SettingsFor("prod/mgmt");
  settings.Set("passphrase_file", file.string());

  ASSERT_TRUE(MakeOutput(settings)->Preflight().ok());

  EXPECT_THAT(log_.all(), HasSubstr("can be read by other users; chmod 600 it"));
  EXPECT_THAT(log_.all(), Not(HasSubstr("shared\n")));
}

}  // namespace
}  // namespace influxctl::keystore_test

// SPDX-License-Identifier: Apache-2.0
//
// The keystore file format as the plugin writes it and its reader reads it
// back: a round trip returns the very secret, several entries share one file
// and one salt but never a nonce, the file names its cipher and scrypt
// parameters and holds no secret in clear, and every kind of damage is
// refused with a message that says what: a wrong passphrase by the file's
// name, an altered secret, nonce, tag or metadata, or an entry moved under
// another name, by the entry's name; an unknown entry lists those there are.

#include "keystore_harness.hpp"

namespace influxctl::keystore_test {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TEST_F(KeystoreTest, ADeliveredTokenReadsBack) {
  ASSERT_TRUE(Store("prod/mgmt", 1).ok()) << log_.all();

  EXPECT_EQ(Read("prod/mgmt"), TokenSecret(1));
}

TEST_F(KeystoreTest, TheFileRecordsCipherKdfAndMetadataButNoSecret) {
  CreatedToken token = MakeToken("11111111-2222-3333-4444-555555555555", TokenSecret(7), "ci");
  ASSERT_TRUE(Store(SettingsFor("prod/mgmt"), token).ok());

  std::string text = ReadFile(path_);
  EXPECT_THAT(text, Not(HasSubstr("unit-test-secret")));
  EXPECT_THAT(text, Not(HasSubstr(kPassphrase)));
  Poco::JSON::Object::Ptr document = Document();
  EXPECT_EQ(document->getValue<std::string>("format"), "influxctl-keystore");
  EXPECT_EQ(document->getValue<int>("version"), 1);
  EXPECT_EQ(document->getValue<std::string>("cipher"), "aes-256-gcm");
  Poco::JSON::Object::Ptr kdf = document->getObject("kdf");
  EXPECT_EQ(kdf->getValue<std::string>("name"), "scrypt");
  EXPECT_EQ(kdf->getValue<int>("n"), 1024);
  EXPECT_EQ(kdf->getValue<int>("r"), 8);
  EXPECT_EQ(kdf->getValue<int>("p"), 1);
  EXPECT_EQ(kdf->getValue<std::string>("salt").size(), 24u);  // 16 bytes
  Poco::JSON::Object::Ptr entry = Entry(document, "prod/mgmt");
  EXPECT_EQ(entry->getValue<std::string>("token_id"), "11111111-2222-3333-4444-555555555555");
  EXPECT_EQ(entry->getValue<std::string>("description"), "ci");
  EXPECT_EQ(entry->getValue<std::string>("expires_at"), "2033-05-18T03:33:20.25Z");
  EXPECT_EQ(entry->getValue<std::string>("created_at"), "2030-03-17T17:46:40Z");
  EXPECT_EQ(entry->getValue<std::string>("nonce").size(), 16u);  // 12 bytes
  EXPECT_EQ(entry->getValue<std::string>("tag").size(), 24u);    // 16 bytes
  EXPECT_TRUE(entry->has("stored_at"));
  EXPECT_TRUE(entry->has("ciphertext"));
  EXPECT_EQ(text.back(), '\n');
}

TEST_F(KeystoreTest, ATokenThatNeverExpiresHasNoExpiry) {
  CreatedToken token = MakeToken("id-1", TokenSecret(1));
  token.token.expires_at.reset();
  ASSERT_TRUE(Store(SettingsFor("forever"), token).ok());

  EXPECT_FALSE(Entry(Document(), "forever")->has("expires_at"));
  EXPECT_EQ(Read("forever"), TokenSecret(1));
}

TEST_F(KeystoreTest, SeveralEntriesShareOneFileAndSaltButNoNonce) {
  ASSERT_TRUE(Store("prod/mgmt", 1).ok());
  std::string salt = Document()->getObject("kdf")->getValue<std::string>("salt");
  ASSERT_TRUE(Store("staging/mgmt", 2).ok());
  ASSERT_TRUE(Store("ci", 3).ok());

  EXPECT_EQ(Read("prod/mgmt"), TokenSecret(1));
  EXPECT_EQ(Read("staging/mgmt"), TokenSecret(2));
  EXPECT_EQ(Read("ci"), TokenSecret(3));
  Poco::JSON::Object::Ptr document = Document();
  EXPECT_EQ(document->getObject("kdf")->getValue<std::string>("salt"), salt);
  std::set<std::string> nonces{document->getObject("check")->getValue<std::string>("nonce")};
  for (const char* name : {"prod/mgmt", "staging/mgmt", "ci"}) {
    nonces.insert(Entry(document, name)->getValue<std::string>("nonce"));
  }
  EXPECT_EQ(nonces.size(), 4u);
}

TEST_F(KeystoreTest, TheEntryArgumentOverridesTheSetting) {
  ASSERT_TRUE(Store("a", 1).ok());
  ASSERT_TRUE(Store("b", 2).ok());

  Result<Secret> named = ReadEntry(SettingsFor("a"), "b");
  Result<Secret> unnamed = ReadEntry(SettingsFor("a"), "");

  ASSERT_TRUE(named.ok()) << named.error().message();
  EXPECT_EQ(named.value().Reveal(), TokenSecret(2));
  ASSERT_TRUE(unnamed.ok()) << unnamed.error().message();
  EXPECT_EQ(unnamed.value().Reveal(), TokenSecret(1));
}

TEST_F(KeystoreTest, AWrongPassphraseIsRefusedNamingTheFile) {
  ASSERT_TRUE(Store("prod/mgmt", 1).ok());
  ::setenv(kPassphraseEnv, "not the passphrase", 1);

  Result<Secret> read = ReadEntry(SettingsFor("prod/mgmt"));

  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.error().kind(), ErrorKind::kOutput);
  EXPECT_THAT(read.error().message(), HasSubstr("wrong passphrase for " + path_.string()));
  EXPECT_THAT(read.error().message(), HasSubstr(kPassphraseEnv));
  EXPECT_THAT(read.error().message(), Not(HasSubstr("not the passphrase")));
}

TEST_F(KeystoreTest, AnAlteredCiphertextNonceOrTagFailsAuthenticationByName) {
  ASSERT_TRUE(Store("prod/mgmt", 1).ok());
  ASSERT_TRUE(Store("other", 2).ok());
  const std::string original = ReadFile(path_);

  for (const char* field : {"ciphertext", "nonce", "tag"}) {
    Poco::JSON::Object::Ptr document = ParseJson(original);
    Poco::JSON::Object::Ptr entry = Entry(document, "prod/mgmt");
    entry->set(field, FlipFirstByte(entry->getValue<std::string>(field)));
    WriteFile(path_, ToJson(document));

    Result<Secret> read = ReadEntry(SettingsFor("prod/mgmt"));

    ASSERT_FALSE(read.ok()) << field;
    EXPECT_THAT(read.error().message(), HasSubstr("entry \"prod/mgmt\" in keystore " +
                                                  path_.string() + " failed authentication"))
        << field;
    EXPECT_EQ(Read("other"), TokenSecret(2)) << field;  // the others still open
  }
}

TEST_F(KeystoreTest, AlteredMetadataFailsAuthentication) {
  ASSERT_TRUE(Store("prod/mgmt", 1).ok());
  const std::string original = ReadFile(path_);

  for (const char* field : {"token_id", "description", "expires_at", "created_at", "stored_at"}) {
    Poco::JSON::Object::Ptr document = ParseJson(original);
    Entry(document, "prod/mgmt")->set(field, "2099-01-01T00:00:00Z");
    WriteFile(path_, ToJson(document));

    Result<Secret> read = ReadEntry(SettingsFor("prod/mgmt"));

    ASSERT_FALSE(read.ok()) << field;
    EXPECT_THAT(read.error().message(), HasSubstr("failed authentication")) << field;
  }
}

TEST_F(KeystoreTest, AnEntryMovedUnderAnotherNameFailsAuthentication) {
  ASSERT_TRUE(Store("prod/mgmt", 1).ok());
  ASSERT_TRUE(Store("staging/mgmt", 2).ok());
  Poco::JSON::Object::Ptr document = Document();
  Poco::JSON::Object::Ptr entries = document->getObject("entries");
  Poco::JSON::Object::Ptr prod = entries->getObject("prod/mgmt");
  Poco::JSON::Object::Ptr staging = entries->getObject("staging/mgmt");
  entries->set("prod/mgmt", staging);
  entries->set("staging/mgmt", prod);
  WriteFile(path_, ToJson(document));

  for (const char* name : {"prod/mgmt", "staging/mgmt"}) {
    Result<Secret> read = ReadEntry(SettingsFor(name));
    ASSERT_FALSE(read.ok()) << name;
    EXPECT_THAT(read.error().message(),
                HasSubstr("entry \"" + std::string(name) + "\" in keystore " + path_.string() +
                          " failed authentication"));
  }
}

TEST_F(KeystoreTest, AnAlteredCheckValueReadsAsAWrongPassphrase) {
  ASSERT_TRUE(Store("prod/mgmt", 1).ok());
  Poco::JSON::Object::Ptr document = Document();
  Poco::JSON::Object::Ptr check = document->getObject("check");
  check->set("tag", FlipFirstByte(check->getValue<std::string>("tag")));
  WriteFile(path_, ToJson(document));

  Result<Secret> read = ReadEntry(SettingsFor("prod/mgmt"));

  ASSERT_FALSE(read.ok());
  EXPECT_THAT(read.error().message(), HasSubstr("wrong passphrase for " + path_.string()));
}

TEST_F(KeystoreTest, AnUnknownEntryListsTheEntriesThereAre) {
  ASSERT_TRUE(Store("prod/mgmt", 1).ok());
  ASSERT_TRUE(Store("ci", 2).ok());

  Result<Secret> read = ReadEntry(SettingsFor("prod/mgmt"), "prod/mgnt");

  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.error().kind(), ErrorKind::kOutput);
  EXPECT_EQ(read.error().message(), "no entry \"prod/mgnt\" in keystore " + path_.string() +
                                        "; it holds \"ci\", \"prod/mgmt\"");
}

TEST_F(KeystoreTest, AMissingFileIsSaidToBeMissing) {
  Result<Secret> read = ReadEntry(SettingsFor("prod/mgmt"));

  ASSERT_FALSE(read.ok());
  EXPECT_THAT(read.error().message(), HasSubstr("there is no keystore at " + path_.string()));
}

TEST_F(KeystoreTest, ReadingNeedsAPathAndAnEntryName) {
  Settings no_path = SettingsFor("x");
  no_path.Set("path", std::string());
  Result<Secret> without_path = ReadEntry(no_path);
  ASSERT_FALSE(without_path.ok());
  EXPECT_EQ(without_path.error().kind(), ErrorKind::kConfig);
  EXPECT_THAT(without_path.error().message(), HasSubstr("path"));

  Result<Secret> without_entry = ReadEntry(SettingsFor(""));
  ASSERT_FALSE(without_entry.ok());
  EXPECT_EQ(without_entry.error().kind(), ErrorKind::kUsage);
  EXPECT_THAT(without_entry.error().message(), HasSubstr("entry name is empty"));
}

TEST_F(KeystoreTest, DamagedDocumentsAreRefusedSayingWhere) {
  ASSERT_TRUE(Store("prod/mgmt", 1).ok());
  const std::string original = ReadFile(path_);
  struct Case {
    std::string name;
    std::function<std::string()> make;
    std::string expected;
  };
  auto edit = [&](std::function<void(Poco::JSON::Object::Ptr)> change) {
    return [&original, change] {
      Poco::JSON::Object::Ptr document = ParseJson(original);
      change(document);
      return ToJson(document);
    };
  };
  std::vector<Case> cases = {
      {"not json", [] { return std::string("{\"format\": "); }, "it is not JSON"},
      {"an array", [] { return std::string("[]"); }, "it is not a JSON object"},
      {"another format", edit([](auto d) { d->set("format", "age"); }),
       "at format: \"age\" is not \"influxctl-keystore\""},
      {"a newer version", edit([](auto d) { d->set("version", 2); }),
       "has format version 2, but this influxctl reads version 1 only"},
      {"an unknown key", edit([](auto d) { d->set("comment", "hi"); }), "unknown key \"comment\""},
      {"another cipher", edit([](auto d) { d->set("cipher", "aes-128-cbc"); }),
       "at cipher: \"aes-128-cbc\" is not \"aes-256-gcm\""},
      {"another kdf", edit([](auto d) { d->getObject("kdf")->set("name", "pbkdf2"); }),
       "at kdf.name: \"pbkdf2\" is not a key derivation"},
      {"n not a power of two", edit([](auto d) { d->getObject("kdf")->set("n", 1000); }),
       "scrypt n must be a power of two"},
      {"a huge n", edit([](auto d) { d->getObject("kdf")->set("n", 1 << 30); }),
       "scrypt n must be a power of two from 1024 to 1048576"},
      {"r as text", edit([](auto d) { d->getObject("kdf")->set("r", "8"); }),
       "at kdf.r: must be a whole number"},
      {"bad base64", edit([](auto d) {
         d->getObject("entries")->getObject("prod/mgmt")->set("nonce", "not base64!");
       }),
       "at entries.\"prod/mgmt\".nonce: is not base64"},
      {"a short nonce",
       edit([](auto d) { d->getObject("entries")->getObject("prod/mgmt")->set("nonce", "AAAA"); }),
       "at entries.\"prod/mgmt\".nonce: must hold 12 bytes, not 3"},
      {"a missing tag",
       edit([](auto d) { d->getObject("entries")->getObject("prod/mgmt")->remove("tag"); }),
       "at entries.\"prod/mgmt\": the key \"tag\" is missing"},
      {"no entries", edit([](auto d) { d->remove("entries"); }),
       "the key \"entries\" is missing or not an object"},
  };
  for (const Case& test : cases) {
    WriteFile(path_, test.make());

    Result<Secret> read = ReadEntry(SettingsFor("prod/mgmt"));

    ASSERT_FALSE(read.ok()) << test.name;
    EXPECT_EQ(read.error().kind(), ErrorKind::kOutput) << test.name;
    EXPECT_THAT(read.error().message(), HasSubstr(path_.string())) << test.name;
    EXPECT_THAT(read.error().message(), HasSubstr(test.expected)) << test.name;
  }
}

TEST_F(KeystoreTest, TextTheClusterSentIsKeptAsValidUtf8) {
  CreatedToken token = MakeToken("id-1", TokenSecret(1), "caf\xc3\xa9 \xff end");
  ASSERT_TRUE(Store(SettingsFor("utf8"), token).ok()) << log_.all();

  EXPECT_EQ(Entry(Document(), "utf8")->getValue<std::string>("description"),
            "caf\xc3\xa9 \xef\xbf\xbd end");
  EXPECT_EQ(Read("utf8"), TokenSecret(1));
}

TEST_F(KeystoreTest, APassphraseFileWinsOverTheVariableAndLosesItsNewline) {
  std::filesystem::path file = dir_ / "passphrase";
  WriteFile(file, "from the file\n");
  Settings settings = SettingsFor("prod/mgmt");
  settings.Set("passphrase_file", file.string());
  ASSERT_TRUE(Store(settings, MakeToken("id-1", TokenSecret(1))).ok()) << log_.all();

  // The variable's passphrase does not open it; the file's, without "\n", does.
  Result<Secret> by_variable = ReadEntry(SettingsFor("prod/mgmt"));
  ASSERT_FALSE(by_variable.ok());
  EXPECT_THAT(by_variable.error().message(), HasSubstr("wrong passphrase"));
  ::setenv(kPassphraseEnv, "from the file", 1);
  EXPECT_EQ(Read("prod/mgmt"), TokenSecret(1));
  WriteFile(file, "from the file\r\n");
  Result<Secret> crlf = ReadEntry(settings);
  ASSERT_TRUE(crlf.ok()) << crlf.error().message();
}

}  // namespace
}  // namespace influxctl::keystore_test

// SPDX-License-Identifier: Apache-2.0
//
// Shared pieces of the keystore plugin's unit tests. The plugin is loaded
// from the build tree the way the engine loads it (Boost.DLL, the descriptor
// alias), and entries are read back through its exported reader, the way the
// CLI will; settings start from the schema's own defaults, filled in by the
// engine, with the cheapest scrypt cost so tests run fast. The passphrase
// travels in an environment variable of this test process. A RecordingLog
// keeps every line, so tests can prove neither secret nor passphrase reached
// it. The library stays loaded for the whole run: the code of every output it
// made lives in it.

#pragma once

#include <Poco/Base64Decoder.h>
#include <Poco/Base64Encoder.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <stdlib.h>

#include <algorithm>
#include <boost/dll/shared_library.hpp>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <mutex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <influxctl/plugin.hpp>
#include <influxctl/profile.hpp>
#include <influxctl/time.hpp>

#include "../../../plugins/keystore/keystore_read.hpp"
#include "settings_schema.hpp"

namespace influxctl::keystore_test {

inline constexpr const char* kPassphraseEnv = "KEYSTORE_UNIT_TEST_PASSPHRASE";
inline constexpr const char* kPassphrase = "correct horse battery staple";

inline const boost::dll::shared_library& KeystoreLibrary() {
  static const boost::dll::shared_library library(
      INFLUXCTL_BUILD_DIR "/lib/influxctl/plugins/influxctl-plugin-keystore.so");
  return library;
}

inline const PluginDescriptor& KeystoreDescriptor() {
  return KeystoreLibrary().get_alias<const PluginDescriptor>(kPluginSymbol);
}

inline Result<Secret> ReadEntry(const Settings& settings, std::string_view entry = "") {
  return KeystoreLibrary().get_alias<keystore::ReadKeystoreEntryFunction>(keystore::kReadSymbol)(
      settings, entry);
}

// Keeps every line; thread-safe, since some tests deliver from several threads.
class RecordingLog : public Log {
 public:
  bool Enabled(LogLevel) const override { return true; }
  void Write(LogLevel, std::string_view message) override {
    std::lock_guard<std::mutex> guard(mutex_);
    text_ += message;
    text_ += '\n';
  }
  std::string all() const {
    std::lock_guard<std::mutex> guard(mutex_);
    return text_;
  }

 private:
  mutable std::mutex mutex_;
  std::string text_;
};

// The settings the engine would hand over for a keystore table holding only
// path and entry (made by the engine's own check, which fills in the
// defaults), plus kdf_cost = 10 and the test's passphrase variable.
inline Settings KeystoreSettings(const std::filesystem::path& path, std::string entry) {
  PluginConfig table;
  table.settings = {{"path", path.string(), "test"}, {"entry", std::move(entry), "test"}};
  Result<Settings> validated =
      ValidateSettings(KeystoreDescriptor(), table, "output \"keystore\"", path.parent_path());
  if (!validated.ok()) {
    ADD_FAILURE() << "the keystore settings do not validate: " << validated.error().message();
    return {};
  }
  Settings settings = std::move(validated).value();
  settings.Set("kdf_cost", std::int64_t{10});
  settings.Set("passphrase_env", std::string(kPassphraseEnv));
  return settings;
}

// A token as a transport hands it over after a create.
inline CreatedToken MakeToken(std::string id,
                              std::string secret,
                              std::string description = "unit test") {
  CreatedToken created;
  created.token.id = std::move(id);
  created.token.description = std::move(description);
  created.token.created_at = Timestamp{1'900'000'000, 0};
  created.token.expires_at = Timestamp{2'000'000'000, 250'000'000};
  created.secret = Secret(std::move(secret));
  return created;
}

// A secret shaped like the real thing, different for every `n`.
inline std::string TokenSecret(int n) {
  return "M.V1.unit-test-secret-" + std::to_string(n) +
         "-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
}

inline std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

inline void WriteFile(const std::filesystem::path& path, std::string_view text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
}

inline Poco::JSON::Object::Ptr ParseJson(const std::string& text) {
  Poco::JSON::Parser parser;
  return parser.parse(text).extract<Poco::JSON::Object::Ptr>();
}

inline std::string ToJson(const Poco::JSON::Object::Ptr& object) {
  std::ostringstream out;
  object->stringify(out, 2);
  return out.str();
}

// A base64 field with one bit of its first byte flipped.
inline std::string FlipFirstByte(const std::string& base64) {
  std::istringstream in(base64);
  Poco::Base64Decoder decoder(in);
  std::string bytes((std::istreambuf_iterator<char>(decoder)), std::istreambuf_iterator<char>());
  bytes.at(0) = static_cast<char>(bytes[0] ^ 0x01);
  std::ostringstream out;
  Poco::Base64Encoder encoder(out);
  encoder.rdbuf()->setLineLength(0);
  encoder << bytes;
  encoder.close();
  return out.str();
}

// Every file in `dir`, by name.
inline std::vector<std::string> FilesIn(const std::filesystem::path& dir) {
  std::vector<std::string> names;
  for (const auto& item : std::filesystem::directory_iterator(dir)) {
    names.push_back(item.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

// Each test gets a fresh folder and the passphrase in kPassphraseEnv.
class KeystoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "keystore-test-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
    path_ = dir_ / "keystore.json";
    ::setenv(kPassphraseEnv, kPassphrase, 1);
  }
  void TearDown() override {
    ::unsetenv(kPassphraseEnv);
    std::error_code ignored;
    std::filesystem::permissions(dir_, std::filesystem::perms::owner_all,
                                 std::filesystem::perm_options::add, ignored);
    std::filesystem::remove_all(dir_, ignored);
  }

  Settings SettingsFor(std::string entry) const { return KeystoreSettings(path_, entry); }

  std::unique_ptr<Output> MakeOutput(const Settings& settings) {
    OutputContext context{settings, log_};
    Result<std::unique_ptr<Output>> made = KeystoreDescriptor().make_output(context);
    if (!made.ok()) {
      ADD_FAILURE() << "make_output failed: " << made.error().message();
      return nullptr;
    }
    return std::move(made).value();
  }

  // Preflight and delivery of `created` under `entry`, as the engine runs them.
  Status Store(const Settings& settings, const CreatedToken& created) {
    std::unique_ptr<Output> output = MakeOutput(settings);
    if (!output) {
      return Error::Output("no output");
    }
    Status ready = output->Preflight();
    if (!ready.ok()) {
      return ready;
    }
    return output->Deliver(created);
  }
  Status Store(std::string entry, int n) {
    return Store(SettingsFor(entry), MakeToken("id-" + std::to_string(n), TokenSecret(n)));
  }

  std::string Read(std::string entry) {
    Result<Secret> secret = ReadEntry(SettingsFor(entry));
    if (!secret.ok()) {
      ADD_FAILURE() << "reading " << entry << " failed: " << secret.error().message();
      return "";
    }
    return secret.value().Reveal();
  }

  Poco::JSON::Object::Ptr Document() const { return ParseJson(ReadFile(path_)); }
  Poco::JSON::Object::Ptr Entry(const Poco::JSON::Object::Ptr& document,
                                const std::string& name) const {
    return document->getObject("entries")->getObject(name);
  }

  std::filesystem::path dir_;
  std::filesystem::path path_;
  RecordingLog log_;
};

}  // namespace influxctl::keystore_test

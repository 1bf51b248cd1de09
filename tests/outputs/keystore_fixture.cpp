// SPDX-License-Identifier: Apache-2.0
//
// The keystore tests' fixture (see keystore_fixture.hpp). The plugin library
// is loaded once from the build tree and stays loaded.

#include "keystore_fixture.hpp"

#include <stdlib.h>

#include <boost/dll/shared_library.hpp>

#include <influxctl/plugin.hpp>

#include "../../plugins/keystore/keystore_read.hpp"

namespace influxctl::e2e {
namespace {

// A variable only in-process calls use; runs of influxctl never see it.
constexpr const char* kInProcessPassphraseEnv = "KEYSTORE_E2E_IN_PROCESS_PASSPHRASE";

const boost::dll::shared_library& KeystoreLibrary() {
  static const boost::dll::shared_library library(std::filesystem::path(
      INFLUXCTL_BUILD_DIR "/lib/influxctl/plugins/influxctl-plugin-keystore.so"));
  return library;
}

// Sets the in-process passphrase variable for as long as it lives.
class ScopedPassphrase {
 public:
  explicit ScopedPassphrase(std::string_view passphrase) {
    ::setenv(kInProcessPassphraseEnv, std::string(passphrase).c_str(), 1);
  }
  ~ScopedPassphrase() { ::unsetenv(kInProcessPassphraseEnv); }
};

class NoLog : public Log {
 public:
  bool Enabled(LogLevel) const override { return false; }
  void Write(LogLevel, std::string_view) override {}
};

Settings InProcessSettings(const std::filesystem::path& path, std::string_view entry) {
  Settings settings;
  settings.Set("path", path.string());
  settings.Set("entry", std::string(entry));
  settings.Set("passphrase_env", std::string(kInProcessPassphraseEnv));
  settings.Set("kdf_cost", std::int64_t{10});
  return settings;
}

}  // namespace

void KeystoreE2eTest::SetUp() {
  E2eTest::SetUp();
  env_["INFLUXCTL_KEYSTORE_PASSPHRASE"] = kKeystorePassphrase;
}

std::filesystem::path KeystoreE2eTest::WriteKeystoreConfig(std::string_view entry,
                                                           std::string_view output_extra) const {
  return WriteMockConfig(
      "\n[[profile.output]]\nplugin = \"keystore\"\npath = \"keystore.json\"\n"
      "entry = \"" +
      std::string(entry) + "\"\nkdf_cost = 10\n" + std::string(output_extra));
}

RunResult KeystoreE2eTest::Create(const std::filesystem::path& config,
                                  const std::vector<std::string>& extra_args) const {
  std::vector<std::string> args{"management", "create",        "--format",
                                "json",       "--description", "keystore e2e"};
  args.insert(args.end(), extra_args.begin(), extra_args.end());
  return RunWithConfig(config, args);
}

RunResult KeystoreE2eTest::CreateWithFileSizeLimit(const std::filesystem::path& config,
                                                   int blocks) const {
  // influxctl and its arguments reach sh as positional parameters, never as
  // shell text. dash counts `ulimit -f` in 512-byte blocks.
  std::vector<std::string> args{"-c",
                                "ulimit -f " + std::to_string(blocks) + " && exec \"$@\"",
                                "sh",
                                InfluxctlPath(),
                                "--config",
                                config.string(),
                                "management",
                                "create",
                                "--format",
                                "json",
                                "--description",
                                "keystore e2e"};
  RunOptions options;
  options.env = env_;
  options.working_dir = dir().string();
  return RunProgram("/bin/sh", args, options);
}

Result<Secret> KeystoreE2eTest::ReadBack(std::string_view entry,
                                         std::string_view passphrase) const {
  return ReadBack(KeystorePath(), entry, passphrase);
}

Result<Secret> KeystoreE2eTest::ReadBack(const std::filesystem::path& path,
                                         std::string_view entry,
                                         std::string_view passphrase) const {
  ScopedPassphrase scoped(passphrase);
  auto& read =
      KeystoreLibrary().get_alias<keystore::ReadKeystoreEntryFunction>(keystore::kReadSymbol);
  return read(InProcessSettings(path, entry), "");
}

Status KeystoreE2eTest::StoreInProcess(std::string_view entry, const std::string& secret) const {
  ScopedPassphrase scoped(kKeystorePassphrase);
  const auto& descriptor = KeystoreLibrary().get_alias<const PluginDescriptor>(kPluginSymbol);
  Settings settings = InProcessSettings(KeystorePath(), entry);
  NoLog log;
  OutputContext context{settings, log};
  Result<std::unique_ptr<Output>> output = descriptor.make_output(context);
  if (!output.ok()) {
    return output.error();
  }
  Status ready = output.value()->Preflight();
  if (!ready.ok()) {
    return ready;
  }
  CreatedToken created;
  created.token.id = "in-process-" + std::string(entry);
  created.secret = Secret(secret);
  return output.value()->Deliver(created);
}

std::vector<std::filesystem::path> KeystoreE2eTest::AllFiles() const {
  std::vector<std::filesystem::path> files;
  for (const auto& item : std::filesystem::recursive_directory_iterator(dir())) {
    if (item.is_regular_file()) {
      files.push_back(item.path());
    }
  }
  return files;
}

}  // namespace influxctl::e2e

// SPDX-License-Identifier: Apache-2.0
//
// The keystore output plugin's entry points: its descriptor (kind, name,
// version, settings schema), the factory the engine calls, and the reader
// exported as `influxctl_keystore_read` (see keystore_read.hpp) for
// `influxctl keystore get`. Both turn every problem into an influxctl Error;
// no exception leaves this library, and neither logs a secret.

#include <boost/dll/alias.hpp>
#include <memory>
#include <type_traits>

#include <influxctl/plugin.hpp>

#include "keystore_file.hpp"
#include "keystore_format.hpp"
#include "keystore_output.hpp"
#include "keystore_read.hpp"
#include "keystore_settings.hpp"
#include "unlocked_keystore.hpp"

namespace influxctl::keystore {
namespace {

Result<std::unique_ptr<Output>> MakeKeystoreOutput(const OutputContext& context) {
  try {
    Result<KeystoreOptions> options = ParseKeystoreOptions(context.settings);
    if (!options.ok()) {
      return options.error();
    }
    return std::unique_ptr<Output>(
        std::make_unique<KeystoreOutput>(std::move(options).value(), context.log));
  } catch (const std::exception& e) {
    return Error::Plugin(std::string("keystore output could not start: ") + e.what());
  } catch (...) {
    return Error::Plugin("keystore output could not start: an exception of unknown type");
  }
}

Result<Secret> ReadEntry(const Settings& settings, std::string_view entry) {
  Result<KeystoreOptions> options = ParseReaderOptions(settings);
  if (!options.ok()) {
    return options.error();
  }
  std::string name = entry.empty() ? options.value().entry : std::string(entry);
  Status valid = CheckEntryName(name, &Error::Usage);
  if (!valid.ok()) {
    return valid.error();
  }
  const std::string& path = options.value().path;

  Result<Secret> passphrase = ReadPassphrase(options.value().passphrase);
  if (!passphrase.ok()) {
    return passphrase.error();
  }
  // No lock: writers replace the file by rename, so a read sees a whole file.
  Result<std::optional<std::string>> text = ReadKeystoreFile(path);
  if (!text.ok()) {
    return text.error();
  }
  if (!text.value()) {
    return Error::Output("there is no keystore at " + path +
                         "; check the path, or create the entry with a keystore output first");
  }
  if (IsBlankKeystore(*text.value())) {
    return Error::Output("no entry \"" + name + "\" in keystore " + path +
                         "; it holds no entries yet");
  }
  Result<KeystoreDocument> document = ParseKeystore(*text.value(), path);
  if (!document.ok()) {
    return document.error();
  }
  KeyCache keys;
  Result<UnlockedKeystore> keystore =
      UnlockedKeystore::Unlock(std::move(document).value(), passphrase.value(),
                               options.value().passphrase.Describe(), keys, path);
  if (!keystore.ok()) {
    return keystore.error();
  }
  return keystore.value().Read(name);
}

}  // namespace

// Exported through the alias below; see keystore_read.hpp.
Result<Secret> ReadKeystoreEntry(const Settings& settings, std::string_view entry) {
  try {
    return ReadEntry(settings, entry);
  } catch (const std::exception& e) {
    return Error::Output(std::string("reading the keystore failed: ") + e.what());
  } catch (...) {
    return Error::Output("reading the keystore failed: an exception of unknown type");
  }
}
static_assert(std::is_same_v<decltype(ReadKeystoreEntry), ReadKeystoreEntryFunction>);

extern const PluginDescriptor kKeystoreDescriptor = {
    .kind = PluginKind::kOutput,
    .name = "keystore",
    .version = "1.0.0",
    .summary = "stores the token in an encrypted local file (AES-256-GCM, scrypt passphrase)",
    .settings = kKeystoreSettingSchema,
    .make_output = &MakeKeystoreOutput,
};

}  // namespace influxctl::keystore

INFLUXCTL_PLUGIN(influxctl::keystore::kKeystoreDescriptor)
BOOST_DLL_ALIAS(influxctl::keystore::ReadKeystoreEntry, influxctl_keystore_read)

// SPDX-License-Identifier: Apache-2.0
//
// The keystore output's settings: the schema it declares to the engine, the
// checked values an instance runs on, and where the passphrase comes from.
// Settings are checked once, when an instance is made; a bad value is a config
// error that names the setting and says how to fix it. The passphrase itself
// is read only when it is needed (preflight, delivery, reading back) and only
// from an environment variable or a file, never from the profile or the
// command line; it lives in a Secret and is never logged.

#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include <influxctl/error.hpp>
#include <influxctl/secret.hpp>
#include <influxctl/settings.hpp>

namespace influxctl::keystore {

inline constexpr std::string_view kDefaultPassphraseEnv = "INFLUXCTL_KEYSTORE_PASSPHRASE";
inline constexpr int kDefaultKdfCost = 15;  // scrypt N = 2^15: about 32 MiB and 0.1 s
inline constexpr int kMinKdfCost = 10;
inline constexpr int kMaxKdfCost = 20;

// Kept in step with configs/keystore.toml and docs/keystore.md.
inline constexpr SettingSpec kKeystoreSettingSchema[] = {
    {"path", SettingType::kPath, true, "",
     "keystore file (JSON, one file holds many entries); created with mode 0600 when missing, "
     "in a folder that must exist"},
    {"entry", SettingType::kString, true, "",
     "name the token is stored under in the keystore, e.g. \"prod/mgmt\""},
    {"passphrase_env", SettingType::kString, false, kDefaultPassphraseEnv,
     "environment variable holding the passphrase the keystore is encrypted with"},
    {"passphrase_file", SettingType::kPath, false, "",
     "file holding the passphrase (one trailing newline is ignored); when set it wins over "
     "passphrase_env"},
    {"overwrite", SettingType::kBoolean, false, "false",
     "replace an existing entry of the same name; false: refuse before a token is created"},
    {"kdf_cost", SettingType::kInteger, false, "15",
     "advanced: scrypt cost as log2(N) (r = 8, p = 1) for new keystore files, 10 to 20; a file "
     "written with a lower cost is re-encrypted at this cost on the next delivery. Lower it only "
     "for tests"},
    {"lock_timeout", SettingType::kDuration, false, "10s",
     "how long a delivery waits for another run's lock on \"<path>.lock\" before it fails"},
};

// Where the passphrase is read from, as the settings say.
struct PassphraseSource {
  std::string env;   // variable name; used when file is empty
  std::string file;  // absolute path, or empty

  // "environment variable INFLUXCTL_KEYSTORE_PASSPHRASE", "file /etc/x/pass".
  std::string Describe() const;
};

struct KeystoreOptions {
  std::string path;
  std::string entry;
  PassphraseSource passphrase;
  bool overwrite = false;
  int kdf_cost = kDefaultKdfCost;
  std::chrono::milliseconds lock_timeout{10'000};
};

// Reads and checks the settings of an output instance. Errors are kConfig.
Result<KeystoreOptions> ParseKeystoreOptions(const Settings& settings);

// Reads the settings a reader needs (path and passphrase; entry may be unset).
// Tolerates settings the engine did not fill with defaults. Errors are kConfig.
Result<KeystoreOptions> ParseReaderOptions(const Settings& settings);

// An entry name is 1 to 256 bytes with no control characters. The error
// (kind `make_error`) quotes the name and says what is allowed.
Status CheckEntryName(std::string_view name, Error (*make_error)(std::string));

// The passphrase from its source: the file (one trailing "\n" or "\r\n"
// dropped) or the variable. Missing, unreadable or empty is an output error
// that names the source and says how to provide it.
Result<Secret> ReadPassphrase(const PassphraseSource& source);

// Whether a passphrase file can be read by other users, for a warning.
bool PassphraseFileIsShared(const PassphraseSource& source);

}  // namespace influxctl::keystore

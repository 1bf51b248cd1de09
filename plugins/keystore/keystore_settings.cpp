// SPDX-License-Identifier: Apache-2.0
//
// Turns the engine-checked Settings into KeystoreOptions, and reads the
// passphrase from where they point. The passphrase's bytes go straight from
// the file or the environment into a Secret; messages name the source, never
// the value.

#include "keystore_settings.hpp"

#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>

namespace influxctl::keystore {
namespace {

// A passphrase file is one line; anything this large is the wrong file.
constexpr std::size_t kMaxPassphraseFile = std::size_t{64} * 1024;
constexpr std::size_t kMaxEntryName = 256;

Error SettingError(std::string_view key, std::string_view problem) {
  return Error::Config("keystore output setting " + std::string(key) + ": " + std::string(problem));
}

bool IsEnvName(std::string_view name) {
  if (name.empty() || (name[0] >= '0' && name[0] <= '9')) {
    return false;
  }
  for (char c : name) {
    bool ok =
        (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    if (!ok) {
      return false;
    }
  }
  return true;
}

// Reads a whole small file into a Secret, wiping what it leaves behind.
Result<Secret> ReadSecretFile(const std::string& path) {
  const std::string where = "passphrase file " + path;
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY);
  if (fd < 0) {
    int error = errno;
    return Error::Output("cannot read the keystore " + where + ": " + ::strerror(error) +
                         "; create it (one line, mode 0600) or fix the passphrase_file setting");
  }
  struct stat info {};
  if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
    ::close(fd);
    return Error::Output("the keystore " + where +
                         " is not a regular file; point passphrase_file at a file");
  }
  std::string bytes(kMaxPassphraseFile + 1, '\0');
  std::size_t size = 0;
  while (size < bytes.size()) {
    ssize_t got = ::read(fd, bytes.data() + size, bytes.size() - size);
    if (got < 0 && errno == EINTR) {
      continue;
    }
    if (got < 0) {
      int error = errno;
      ::close(fd);
      Secret wipe(std::move(bytes));
      return Error::Output("cannot read the keystore " + where + ": " + ::strerror(error));
    }
    if (got == 0) {
      break;
    }
    size += static_cast<std::size_t>(got);
  }
  ::close(fd);
  if (size > kMaxPassphraseFile) {
    Secret wipe(std::move(bytes));
    return Error::Output("the keystore " + where +
                         " is larger than 64 KiB; it should hold one line, the passphrase");
  }

  // One line: its line break is not part of the passphrase.
  if (size > 0 && bytes[size - 1] == '\n') {
    --size;
    if (size > 0 && bytes[size - 1] == '\r') {
      --size;
    }
  }
  // Shrink in place so that the wiped capacity covers every byte read.
  std::fill(bytes.begin() + static_cast<std::ptrdiff_t>(size), bytes.end(), '\0');
  bytes.resize(size);
  return Secret(std::move(bytes));
}

}  // namespace

std::string PassphraseSource::Describe() const {
  return file.empty() ? "environment variable " + env : "file " + file;
}

Status CheckEntryName(std::string_view name, Error (*make_error)(std::string)) {
  if (name.empty()) {
    return make_error("the keystore entry name is empty; give a name such as \"prod/mgmt\"");
  }
  if (name.size() > kMaxEntryName) {
    return make_error("the keystore entry name is longer than 256 bytes; use a shorter name");
  }
  for (unsigned char c : name) {
    if (c < 0x20 || c == 0x7f) {
      return make_error(
          "the keystore entry name holds a control character; use printable "
          "text such as \"prod/mgmt\"");
    }
  }
  return Status::Ok();
}

Result<KeystoreOptions> ParseReaderOptions(const Settings& settings) {
  KeystoreOptions options;
  options.path = settings.String("path").value_or("");
  if (options.path.empty()) {
    return SettingError("path", "is missing; give the keystore file's path");
  }
  options.entry = settings.String("entry").value_or("");
  options.passphrase.env =
      settings.String("passphrase_env").value_or(std::string(kDefaultPassphraseEnv));
  options.passphrase.file = settings.String("passphrase_file").value_or("");
  if (options.passphrase.file.empty() && !IsEnvName(options.passphrase.env)) {
    return SettingError("passphrase_env",
                        "\"" + options.passphrase.env +
                            "\" is not an environment variable name; use letters, digits and "
                            "'_', such as \"INFLUXCTL_KEYSTORE_PASSPHRASE\"");
  }
  return options;
}

Result<KeystoreOptions> ParseKeystoreOptions(const Settings& settings) {
  Result<KeystoreOptions> parsed = ParseReaderOptions(settings);
  if (!parsed.ok()) {
    return parsed.error();
  }
  KeystoreOptions options = std::move(parsed).value();

  Status entry = CheckEntryName(options.entry, &Error::Config);
  if (!entry.ok()) {
    return SettingError("entry", entry.error().message());
  }
  options.overwrite = settings.Boolean("overwrite").value_or(false);

  std::int64_t cost = settings.Integer("kdf_cost").value_or(kDefaultKdfCost);
  if (cost < kMinKdfCost || cost > kMaxKdfCost) {
    return SettingError("kdf_cost", std::to_string(cost) +
                                        " is out of range; use 10 to 20 (15, the default, "
                                        "makes scrypt use 32 MiB; each step doubles it)");
  }
  options.kdf_cost = static_cast<int>(cost);

  options.lock_timeout =
      settings.Duration("lock_timeout").value_or(std::chrono::milliseconds(10'000));
  if (options.lock_timeout.count() < 0) {
    return SettingError("lock_timeout", "is negative; use \"0s\" or more");
  }
  return options;
}

Result<Secret> ReadPassphrase(const PassphraseSource& source) {
  Secret passphrase;
  if (!source.file.empty()) {
    Result<Secret> read = ReadSecretFile(source.file);
    if (!read.ok()) {
      return read.error();
    }
    passphrase = std::move(read).value();
  } else {
    const char* value = std::getenv(source.env.c_str());
    if (value == nullptr) {
      return Error::Output("the keystore passphrase is not set: environment variable " +
                           source.env +
                           " is unset; export it, or set passphrase_file to a file holding "
                           "the passphrase");
    }
    passphrase = Secret(value);
  }
  if (passphrase.empty()) {
    return Error::Output("the keystore passphrase from " + source.Describe() +
                         " is empty; an empty passphrase protects nothing, so give one");
  }
  return passphrase;
}

bool PassphraseFileIsShared(const PassphraseSource& source) {
  struct stat info {};
  return !source.file.empty() && ::stat(source.file.c_str(), &info) == 0 &&
         (info.st_mode & (S_IRWXG | S_IRWXO)) != 0;
}

}  // namespace influxctl::keystore

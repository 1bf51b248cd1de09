// SPDX-License-Identifier: Apache-2.0
//
// The keystore output: stores a new token as one named entry of an encrypted
// keystore file. Preflight proves everything a delivery needs before the
// token exists (the passphrase is there and opens the file, every entry
// authenticates, the folder is writable, the entry is free or may be
// replaced) and changes nothing. Deliver does it again under the file's lock,
// adds the entry and replaces the file atomically: the keystore ends up as it
// was or holding the token. The secret and the passphrase are never logged.
// One instance serves one run, on one thread.

#pragma once

#include <optional>
#include <string>

#include <influxctl/log.hpp>
#include <influxctl/output.hpp>

#include "keystore_settings.hpp"
#include "unlocked_keystore.hpp"

namespace influxctl::keystore {

class KeystoreOutput : public Output {
 public:
  KeystoreOutput(KeystoreOptions options, Log& log) : options_(std::move(options)), log_(log) {}

  std::string Target() const override;
  Status Preflight() override;
  Status Deliver(const CreatedToken& created) override;

 private:
  // The passphrase, read from its source the first time it is needed.
  Result<const Secret*> Passphrase();

  // The keystore as it is on disk now, unlocked and verified; nullopt when
  // there is no file yet.
  Result<std::optional<UnlockedKeystore>> OpenExisting(const Secret& passphrase);

  KeystoreOptions options_;
  Log& log_;
  KeyCache keys_;
  std::optional<Secret> passphrase_;
};

}  // namespace influxctl::keystore

// SPDX-License-Identifier: Apache-2.0
//
// A keystore document together with the key that opens it: the one place
// where passphrases become keys and entries are sealed and opened. Unlocking
// proves the passphrase with the file's check value; reading an entry proves
// the entry with its own tag, which covers its secret, its metadata and its
// name, so an altered entry, or one copied under another name, is refused
// by name. Secrets leave only as Secret values; nothing here logs.
// One instance is used by one thread at a time.

#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <influxctl/error.hpp>
#include <influxctl/secret.hpp>
#include <influxctl/token.hpp>

#include "keystore_crypto.hpp"
#include "keystore_format.hpp"

namespace influxctl::keystore {

// Keys derived from one passphrase, so that a preflight and the delivery
// after it run scrypt once when the file's salt has not changed in between.
class KeyCache {
 public:
  Result<std::shared_ptr<const Key>> Derive(const Secret& passphrase, const ScryptParams& params);

 private:
  std::optional<ScryptParams> params_;
  std::shared_ptr<const Key> key_;
};

// scrypt's log2(N) for a document's N (always a power of two once parsed).
int KdfCost(const ScryptParams& params);

class UnlockedKeystore {
 public:
  // A new, empty keystore: a fresh salt, scrypt N = 2^kdf_cost, r = 8, p = 1.
  static Result<UnlockedKeystore> CreateNew(const Secret& passphrase,
                                            int kdf_cost,
                                            KeyCache& keys,
                                            std::string path);

  // Opens `document` with `passphrase`. A passphrase that does not open it
  // is "wrong passphrase for <path>", naming `passphrase_source`.
  static Result<UnlockedKeystore> Unlock(KeystoreDocument document,
                                         const Secret& passphrase,
                                         std::string_view passphrase_source,
                                         KeyCache& keys,
                                         std::string path);

  const KeystoreDocument& document() const { return document_; }
  bool Has(std::string_view name) const { return document_.entries.count(name) > 0; }
  std::vector<std::string> Names() const;

  // The entry's secret. Unknown names list the names there are; an entry
  // that does not authenticate is an error naming it.
  Result<Secret> Read(std::string_view name) const;

  // Every entry authenticates (the same errors as Read).
  Status VerifyEntries() const;

  // Seals the token under `name`, replacing an entry of that name.
  Status Put(std::string_view name, const CreatedToken& created);

  // Re-encrypts every entry under a new salt and scrypt N = 2^kdf_cost.
  Status Rekey(const Secret& passphrase, int kdf_cost, KeyCache& keys);

 private:
  UnlockedKeystore(KeystoreDocument document, std::shared_ptr<const Key> key, std::string path)
      : document_(std::move(document)), key_(std::move(key)), path_(std::move(path)) {}

  KeystoreDocument document_;
  std::shared_ptr<const Key> key_;
  std::string path_;  // for messages
};

}  // namespace influxctl::keystore

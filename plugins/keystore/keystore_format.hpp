// SPDX-License-Identifier: Apache-2.0
//
// The keystore file format, version 1 (docs/keystore.md describes it for
// people): one JSON document holding the scrypt parameters and salt shared by
// the whole file, a check value that proves a passphrase right, and any
// number of named entries, each an AES-256-GCM box of one token's secret
// with the token's metadata in clear but authenticated, bound to the entry's
// name. This file only turns text into a KeystoreDocument and back, and
// builds the associated data each box is bound to; it never sees a key or a
// plaintext. Parsing is strict: a file this code would not write back
// unchanged (unknown keys, wrong types, bad base64 or sizes) is refused, so a
// rewrite never drops what a newer version put there.

#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>

#include <influxctl/error.hpp>

#include "keystore_crypto.hpp"

namespace influxctl::keystore {

inline constexpr std::string_view kFormatName = "influxctl-keystore";
inline constexpr int kFormatVersion = 1;
inline constexpr std::string_view kCipherName = "aes-256-gcm";
inline constexpr std::string_view kKdfName = "scrypt";

// What the keystore says about a token besides its secret. Stored in clear,
// covered by the entry's authentication tag. Times are RFC 3339 text, kept
// exactly as written so that the tag covers the same bytes on every read.
struct EntryMetadata {
  std::string token_id;
  std::string description;  // may be empty
  std::string expires_at;   // empty: the token never expires
  std::string created_at;   // the cluster's creation time; empty: not known
  std::string stored_at;    // when the entry was written

  bool operator==(const EntryMetadata&) const = default;
};

struct KeystoreEntry {
  EntryMetadata metadata;
  SealedBox box;  // the token's secret
};

struct KeystoreDocument {
  ScryptParams kdf;
  SealedBox check;  // empty plaintext: only its tag matters
  std::map<std::string, KeystoreEntry, std::less<>> entries;
};

// Whether a file's text is empty or only white space. Such a file is a
// keystore with no entries yet and no key: an administrator may create it
// beforehand (touch, chmod) to choose its mode, which the first write keeps.
bool IsBlankKeystore(std::string_view text);

// Parses a keystore file. `path` names the file in messages; errors are
// output errors that say what is wrong and where in the document.
Result<KeystoreDocument> ParseKeystore(std::string_view text, const std::string& path);

// The document as this code writes it: two-space indented JSON, keys in a
// fixed order, entries sorted by name, a final newline.
std::string SerializeKeystore(const KeystoreDocument& document);

// The associated data of the check value and of an entry: each field as a
// 4-byte big-endian length and its bytes, starting with "influxctl-keystore"
// and the version, so no two different field lists encode alike.
std::string CheckAssociatedData();
std::string EntryAssociatedData(std::string_view name, const EntryMetadata& metadata);

}  // namespace influxctl::keystore

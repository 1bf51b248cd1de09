// SPDX-License-Identifier: Apache-2.0
//
// Sealing and opening keystore entries (see unlocked_keystore.hpp).

#include "unlocked_keystore.hpp"

#include <Poco/UTF8Encoding.h>

#include <bit>

#include <influxctl/time.hpp>

namespace influxctl::keystore {
namespace {

constexpr std::uint64_t kScryptR = 8;
constexpr std::uint64_t kScryptP = 1;

// Metadata comes from the cluster and must survive a JSON round trip, which
// needs valid UTF-8: bytes that are not become U+FFFD before they are sealed.
std::string ValidUtf8(std::string_view text) {
  Poco::UTF8Encoding utf8;
  std::string valid;
  valid.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    const auto* bytes = reinterpret_cast<const unsigned char*>(text.data() + i);
    int remaining = static_cast<int>(std::min<std::size_t>(text.size() - i, 4));
    int length = utf8.sequenceLength(bytes, remaining);
    bool legal = length > 0 && length <= remaining && Poco::UTF8Encoding::isLegal(bytes, length) &&
                 utf8.queryConvert(bytes, length) >= 0;
    if (legal) {
      int code_point = utf8.queryConvert(bytes, length);
      legal = code_point < 0xD800 || code_point > 0xDFFF;
    }
    if (legal) {
      valid.append(text.data() + i, static_cast<std::size_t>(length));
      i += static_cast<std::size_t>(length);
    } else {
      valid += "\xEF\xBF\xBD";
      ++i;
    }
  }
  return valid;
}

std::string OptionalTime(const std::optional<Timestamp>& time) {
  return time ? FormatRfc3339(*time, /*with_nanos=*/true) : "";
}

std::string Quoted(std::string_view text) {
  return "\"" + std::string(text) + "\"";
}

// A fresh check value: an empty message sealed under `key`.
Result<SealedBox> MakeCheck(const Key& key) {
  return Seal(key, "", CheckAssociatedData());
}

}  // namespace

Result<std::shared_ptr<const Key>> KeyCache::Derive(const Secret& passphrase,
                                                    const ScryptParams& params) {
  if (key_ && params_ && *params_ == params) {
    return key_;
  }
  auto key = std::make_shared<Key>();
  Status derived = DeriveKey(passphrase, params, *key);
  if (!derived.ok()) {
    return derived.error();
  }
  params_ = params;
  key_ = key;
  return key_;
}

int KdfCost(const ScryptParams& params) {
  return std::countr_zero(params.n);
}

Result<UnlockedKeystore> UnlockedKeystore::CreateNew(const Secret& passphrase,
                                                     int kdf_cost,
                                                     KeyCache& keys,
                                                     std::string path) {
  Result<std::string> salt = RandomBytes(kSaltSize);
  if (!salt.ok()) {
    return salt.error();
  }
  KeystoreDocument document;
  document.kdf = {std::uint64_t{1} << kdf_cost, kScryptR, kScryptP, std::move(salt).value()};
  Result<std::shared_ptr<const Key>> key = keys.Derive(passphrase, document.kdf);
  if (!key.ok()) {
    return key.error();
  }
  Result<SealedBox> check = MakeCheck(*key.value());
  if (!check.ok()) {
    return check.error();
  }
  document.check = std::move(check).value();
  return UnlockedKeystore(std::move(document), std::move(key).value(), std::move(path));
}

Result<UnlockedKeystore> UnlockedKeystore::Unlock(KeystoreDocument document,
                                                  const Secret& passphrase,
                                                  std::string_view passphrase_source,
                                                  KeyCache& keys,
                                                  std::string path) {
  Result<std::shared_ptr<const Key>> key = keys.Derive(passphrase, document.kdf);
  if (!key.ok()) {
    return key.error();
  }
  if (!Open(*key.value(), document.check, CheckAssociatedData())) {
    return Error::Output("wrong passphrase for " + path + ": the passphrase from " +
                         std::string(passphrase_source) +
                         " does not open this keystore (or its check value was altered); use "
                         "the passphrase it was created with");
  }
  return UnlockedKeystore(std::move(document), std::move(key).value(), std::move(path));
}

std::vector<std::string> UnlockedKeystore::Names() const {
  std::vector<std::string> names;
  for (const auto& [name, entry] : document_.entries) {
    names.push_back(name);
  }
  return names;
}

Result<Secret> UnlockedKeystore::Read(std::string_view name) const {
  auto it = document_.entries.find(name);
  if (it == document_.entries.end()) {
    std::string held;
    for (const auto& [other, entry] : document_.entries) {
      held += (held.empty() ? "" : ", ") + Quoted(other);
    }
    return Error::Output("no entry " + Quoted(name) + " in keystore " + path_ +
                         (held.empty() ? "; it holds no entries" : "; it holds " + held));
  }
  const KeystoreEntry& entry = it->second;
  std::optional<Secret> secret = Open(*key_, entry.box, EntryAssociatedData(name, entry.metadata));
  if (!secret) {
    return Error::Output("entry " + Quoted(name) + " in keystore " + path_ +
                         " failed authentication: its secret, metadata, nonce or tag was "
                         "altered or damaged, or it was copied from another entry; restore the "
                         "file from a backup");
  }
  return std::move(*secret);
}

Status UnlockedKeystore::VerifyEntries() const {
  for (const auto& [name, entry] : document_.entries) {
    Result<Secret> secret = Read(name);
    if (!secret.ok()) {
      return secret.error();
    }
  }
  return Status::Ok();
}

Status UnlockedKeystore::Put(std::string_view name, const CreatedToken& created) {
  KeystoreEntry entry;
  entry.metadata.token_id = ValidUtf8(created.token.id);
  entry.metadata.description = ValidUtf8(created.token.description);
  entry.metadata.expires_at = OptionalTime(created.token.expires_at);
  entry.metadata.created_at = OptionalTime(created.token.created_at);
  entry.metadata.stored_at = FormatRfc3339(Timestamp::Now(), /*with_nanos=*/false);

  Result<SealedBox> box =
      Seal(*key_, created.secret.Reveal(), EntryAssociatedData(name, entry.metadata));
  if (!box.ok()) {
    return box.error();
  }
  entry.box = std::move(box).value();
  document_.entries.insert_or_assign(std::string(name), std::move(entry));
  return Status::Ok();
}

Status UnlockedKeystore::Rekey(const Secret& passphrase, int kdf_cost, KeyCache& keys) {
  Result<UnlockedKeystore> fresh = CreateNew(passphrase, kdf_cost, keys, path_);
  if (!fresh.ok()) {
    return fresh.error();
  }
  // Built aside and swapped in whole, so a failure half-way changes nothing.
  KeystoreDocument& next = fresh.value().document_;
  for (const auto& [name, entry] : document_.entries) {
    Result<Secret> secret = Read(name);
    if (!secret.ok()) {
      return secret.error();
    }
    Result<SealedBox> box = Seal(*fresh.value().key_, secret.value().Reveal(),
                                 EntryAssociatedData(name, entry.metadata));
    if (!box.ok()) {
      return box.error();
    }
    next.entries.emplace(name, KeystoreEntry{entry.metadata, std::move(box).value()});
  }
  *this = std::move(fresh).value();
  return Status::Ok();
}

}  // namespace influxctl::keystore

// SPDX-License-Identifier: Apache-2.0
//
// The shared token store (see token_store.hpp). Ids are random version-4
// UUIDs; secrets are "M.V1." and 44 random characters of the base64 alphabet,
// both drawn from std::random_device (the kernel's generator on Linux).

#include "emulator/token_store.hpp"

#include <cstdio>
#include <random>

#include "emulator/request_log.hpp"

namespace influxctl::emulator {
namespace {

constexpr char kBase64Alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::string RandomUuid(std::random_device& random) {
  unsigned char bytes[16];
  for (unsigned char& byte : bytes) {
    byte = static_cast<unsigned char>(random() & 0xff);
  }
  bytes[6] = static_cast<unsigned char>((bytes[6] & 0x0f) | 0x40);  // version 4
  bytes[8] = static_cast<unsigned char>((bytes[8] & 0x3f) | 0x80);  // RFC 4122 variant

  std::string out;
  char hex[3];
  for (int i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) {
      out += '-';
    }
    std::snprintf(hex, sizeof hex, "%02x", bytes[i]);
    out += hex;
  }
  return out;
}

std::string RandomSecret(std::random_device& random) {
  std::string secret = "M.V1.";
  for (int i = 0; i < 44; ++i) {
    secret += kBase64Alphabet[random() % 64];  // 64 divides 2^32: no bias
  }
  return secret;
}

}  // namespace

CreateResult TokenStore::Create(const CreateRequest& request) {
  std::lock_guard lock(mutex_);

  // A known idempotency key answers with its first token, or refuses when the
  // request differs from the one that minted it.
  if (!request.idempotency_key.empty()) {
    const auto known = by_idempotency_key_.find(request.idempotency_key);
    if (known != by_idempotency_key_.end()) {
      const Entry& entry = entries_[known->second];
      if (entry.request_description != request.description ||
          entry.request_expires_at != request.expires_at ||
          entry.token.account_id != request.account_id) {
        return CreateResult{CreateOutcome::kKeyReused, {}, {}};
      }
      return CreateResult{CreateOutcome::kReplayed, entry.token, entry.secret};
    }
  }

  // Mint.
  std::random_device random;
  Entry entry;
  entry.secret = RandomSecret(random);
  entry.token.id = RandomUuid(random);
  entry.token.account_id = request.account_id;
  entry.token.token_prefix = entry.secret.substr(0, 9);
  entry.token.description = request.description;
  entry.token.created_by = request.created_by;
  entry.token.created_at = Now();
  entry.token.expires_at = request.expires_at;
  entry.token.idempotency_key = request.idempotency_key;
  entry.token.protocol = request.protocol;
  entry.request_description = request.description;
  entry.request_expires_at = request.expires_at;

  if (!request.idempotency_key.empty()) {
    by_idempotency_key_[request.idempotency_key] = entries_.size();
  }
  entries_.push_back(entry);
  ++minted_;
  return CreateResult{CreateOutcome::kMinted, entry.token, entry.secret};
}

std::vector<StoredToken> TokenStore::List(const std::string& account_id) const {
  std::lock_guard lock(mutex_);
  std::vector<StoredToken> tokens;
  for (const Entry& entry : entries_) {
    if (entry.token.account_id == account_id) {
      tokens.push_back(entry.token);
    }
  }
  return tokens;
}

RevokeResult TokenStore::Revoke(const std::string& account_id, const std::string& token_id) {
  std::lock_guard lock(mutex_);
  for (Entry& entry : entries_) {
    if (entry.token.id != token_id || entry.token.account_id != account_id) {
      continue;
    }
    if (entry.token.revoked_at) {
      return RevokeResult{RevokeOutcome::kAlreadyRevoked, entry.token};
    }
    entry.token.revoked_at = Now();
    return RevokeResult{RevokeOutcome::kRevoked, entry.token};
  }
  return RevokeResult{};
}

std::vector<StoredToken> TokenStore::All() const {
  std::lock_guard lock(mutex_);
  std::vector<StoredToken> tokens;
  for (const Entry& entry : entries_) {
    tokens.push_back(entry.token);
  }
  return tokens;
}

std::size_t TokenStore::minted() const {
  std::lock_guard lock(mutex_);
  return minted_;
}

std::string TokenStore::Redact(std::string text) const {
  std::lock_guard lock(mutex_);
  for (const Entry& entry : entries_) {
    RedactEvery(text, entry.secret);
  }
  return text;
}

void TokenStore::Clear() {
  std::lock_guard lock(mutex_);
  entries_.clear();
  by_idempotency_key_.clear();
  minted_ = 0;
}

}  // namespace influxctl::emulator

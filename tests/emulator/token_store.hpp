// SPDX-License-Identifier: Apache-2.0
//
// The emulator's one in-memory token store, shared by the REST and gRPC
// front ends; every method is thread-safe and atomic, so two concurrent
// creates with one idempotency key still mint one token. The store keeps each
// secret (an idempotent replay must return it again) but hands it out only in
// a CreateResult; listings never carry it. Idempotency keys span both
// protocols.

#pragma once

#include <cstddef>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "emulator/wire_time.hpp"

namespace influxctl::emulator {

struct StoredToken {
  std::string id;  // UUID-shaped
  std::string account_id;
  std::string token_prefix;  // the secret's first 9 characters
  std::optional<std::string> description;
  std::string created_by;
  Instant created_at;
  std::optional<Instant> expires_at;
  std::optional<Instant> revoked_at;
  std::string idempotency_key;  // empty when the create carried none
  std::string protocol;         // "rest" or "grpc": who minted it
};

struct CreateRequest {
  std::string account_id;
  std::optional<std::string> description;
  std::optional<Instant> expires_at;
  std::string idempotency_key;  // empty: none
  std::string created_by;
  std::string protocol;
};

enum class CreateOutcome {
  kMinted,    // a new token
  kReplayed,  // the key was seen with the same request: the first token again
  kKeyReused  // the key was seen with a different request: nothing returned
};

struct CreateResult {
  CreateOutcome outcome = CreateOutcome::kMinted;
  StoredToken token;
  std::string access_token;  // the secret; empty for kKeyReused
};

enum class RevokeOutcome { kRevoked, kNotFound, kAlreadyRevoked };

struct RevokeResult {
  RevokeOutcome outcome = RevokeOutcome::kNotFound;
  StoredToken token;  // as it is now (with revoked_at) unless kNotFound
};

class TokenStore {
 public:
  CreateResult Create(const CreateRequest& request);

  // The account's tokens, revoked ones included, in creation order.
  std::vector<StoredToken> List(const std::string& account_id) const;

  RevokeResult Revoke(const std::string& account_id, const std::string& token_id);

  // Every token of every account, for the admin API; and how many were minted.
  std::vector<StoredToken> All() const;
  std::size_t minted() const;

  // `text` with every secret this store has minted replaced by "[redacted]".
  std::string Redact(std::string text) const;

  void Clear();

 private:
  struct Entry {
    StoredToken token;
    std::string secret;
    std::optional<std::string> request_description;
    std::optional<Instant> request_expires_at;
  };

  mutable std::mutex mutex_;
  std::vector<Entry> entries_;
  std::unordered_map<std::string, std::size_t> by_idempotency_key_;
  std::size_t minted_ = 0;
};

}  // namespace influxctl::emulator

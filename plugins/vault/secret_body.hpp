// SPDX-License-Identifier: Apache-2.0
//
// The body of the write that stores a new token in Vault: the token under its
// field, next to the token's id, description and expiry (each under its own
// field unless the profile leaves it out). KV version 2 wraps the fields as
// {"options": {"cas": N}, "data": {...}}, version 1 sends them as they are.
// The same body is also rendered for --trace with the token's value replaced
// by "[redacted]". The JSON is written here, not by a JSON library, so the
// only copy of the secret is the body itself, which is wiped when the
// SecretBody goes away. Move-only.

#pragma once

#include <string>

#include <influxctl/token.hpp>

#include "vault_settings.hpp"

namespace influxctl::vault {

class SecretBody {
 public:
  SecretBody(const VaultOptions& options, const CreatedToken& created);
  ~SecretBody();
  SecretBody(SecretBody&&) = default;
  SecretBody(const SecretBody&) = delete;
  SecretBody& operator=(const SecretBody&) = delete;

  // What is sent; it holds the secret.
  const std::string& json() const { return json_; }
  // What --trace shows.
  const std::string& trace() const { return trace_; }

 private:
  std::string json_;
  std::string trace_;
};

// `text` as a JSON string literal, quotes included; control characters and
// DEL are escaped, other UTF-8 passes unchanged.
std::string JsonString(std::string_view text);

}  // namespace influxctl::vault

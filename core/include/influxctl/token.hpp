// SPDX-License-Identifier: Apache-2.0
//
// The management token model shared by the engine, transports, outputs and
// formats. A ManagementToken is what a cluster says about a token and is safe
// to print; the secret string exists only in CreatedToken, once, at creation.

#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>

#include <influxctl/secret.hpp>

namespace influxctl {

// An instant as seconds and nanoseconds since the Unix epoch, in UTC.
struct Timestamp {
  std::int64_t seconds = 0;
  std::int32_t nanos = 0;  // 0 to 999'999'999

  static Timestamp Now();
  auto operator<=>(const Timestamp&) const = default;
};

struct ManagementToken {
  std::string id;
  std::string account_id;
  std::string token_prefix;  // the first characters of the secret, e.g. "M.V1.+5Jk"
  std::string description;
  std::string created_by;
  std::optional<Timestamp> created_at;
  std::optional<Timestamp> expires_at;  // unset: never expires
  std::optional<Timestamp> revoked_at;  // unset: active
};

// A token as it comes back from Create: its metadata and, this once, its secret.
struct CreatedToken {
  ManagementToken token;
  Secret secret;
};

struct CreateRequest {
  // Unset: none is sent. Set but blank, or holding a control character: refused.
  std::optional<std::string> description;
  std::optional<Timestamp> expires_at;  // unset: no expiry is sent at all
  // Same key, same token: a retried create must never mint two.
  std::string idempotency_key;
};

}  // namespace influxctl

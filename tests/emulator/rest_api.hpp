// SPDX-License-Identifier: Apache-2.0
//
// The REST management-token contract (SPEC §7) as plain functions from a call
// to a reply, with no sockets involved: routing by product, bearer
// authentication, body validation, idempotency, and the JSON shapes. Replies
// carry the new secret only in a create's "accessToken".
//
//   Clustered:  /api/v0/management-tokens[/{id}]
//   Dedicated:  /api/v0/accounts/{accountId}/management-tokens[/{id}]
//   GET    collection -> 200, a JSON array of tokens (creation order)
//   POST   collection -> 201 (minted) or 200 (Idempotency-Key replay)
//   DELETE item       -> 204; 404 unknown id; 409 already revoked
//   Errors: {"code": <HTTP status>, "message": "..."}; 401 without an
//   accepted bearer credential (checked before routing), 400 malformed body,
//   404 unknown path, 405 wrong method, 415 non-JSON body, 422 reused key.

#pragma once

#include <string>
#include <utility>
#include <vector>

#include "emulator/emulator_state.hpp"

namespace influxctl::emulator {

struct RestCall {
  std::string method;
  std::string path;  // decoded, without the query
  bool has_authorization = false;
  std::string authorization;
  std::string idempotency_key;
  std::string content_type;
  std::string body;
};

struct RestReply {
  int status = 200;
  std::string body;  // JSON, or empty for 204
  std::vector<std::pair<std::string, std::string>> headers;
};

// {"code": status, "message": message}
RestReply ErrorReply(int status, const std::string& message);

RestReply HandleManagementCall(EmulatorState& state, const RestCall& call);

}  // namespace influxctl::emulator

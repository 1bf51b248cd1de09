// SPDX-License-Identifier: Apache-2.0
//
// The JSON the management REST API speaks (SPEC §7), mapped to and from the
// engine's token model: camelCase keys, RFC 3339 strings for times, the new
// secret as "accessToken" in a create response, {"code", "message"} errors.
// Parsing is strict about what it relies on and never half-fills: a body that
// is not JSON, is cut short, or lacks a token's id (or, on create, its
// secret) is a kTransport error whose message describes the problem without
// quoting the body, which may hold a secret. Pure functions.

#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <influxctl/error.hpp>
#include <influxctl/token.hpp>

namespace influxctl::rest {

// {"description": ..., "expiresAt": ...}, each key left out when unset.
std::string CreateRequestBody(const CreateRequest& request);

// A create response: the token's fields plus "accessToken".
Result<CreatedToken> ParseCreatedToken(std::string_view body);

// A list response: a JSON array of tokens, or an object {"tokens": [...]}.
Result<std::vector<ManagementToken>> ParseTokenList(std::string_view body);

// What an error response says, when it is the documented {"code", "message"}
// object (either key may be missing); nullopt for any other body.
struct ServerProblem {
  std::optional<std::int64_t> code;
  std::string message;
};
std::optional<ServerProblem> ParseServerProblem(std::string_view body);

}  // namespace influxctl::rest

// SPDX-License-Identifier: Apache-2.0
//
// The answers the fake Vault gives, in Vault's shapes: the response envelope
// around "data", error bodies ({"errors": [...]}, with ACL denials worded as
// Go's multi-error text, as Vault words them on logical paths), and the small
// parsing helpers its routes share. Pure functions.

#pragma once

#include <Poco/JSON/Object.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "fake_vault.hpp"

namespace influxctl::fake_vault {

std::string Json(const Poco::Dynamic::Var& value);

ApiReply Errors(int status, const std::vector<std::string>& reasons);
// An ACL denial on a logical path.
ApiReply Denied();
// A token Vault does not know (or none at all).
ApiReply BadToken();
ApiReply NoRoute(const std::string& path);
// Vault's answer for a secret that is not there: 404 with no reasons.
ApiReply NotFound();
// Vault's response envelope around `data`.
ApiReply Envelope(const Poco::JSON::Object::Ptr& data, int lease_duration = 0);

// The body as a JSON object, or null.
Poco::JSON::Object::Ptr ParseObject(const std::string& text);
// A numeric query parameter, e.g. version=2.
std::optional<std::int64_t> QueryNumber(const std::string& query, const std::string& key);
// `path` inside `vault_namespace` ("team-a/secret/data/x"), or `path` when none.
std::string Prefixed(const std::string& vault_namespace, const std::string& path);
bool IsWrite(const std::string& method);

}  // namespace influxctl::fake_vault

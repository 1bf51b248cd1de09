// SPDX-License-Identifier: Apache-2.0
//
// Reading Vault's answers and turning failed exchanges into messages for the
// user. Vault reports errors as {"errors": ["..."]}, sometimes with Go's
// multi-error wrapping ("1 error occurred:\n\t* permission denied\n\n"); the
// plain reasons are taken out so a message can quote them. Every message
// names where (address, path, namespace), what was being done, and what to
// do, and never holds a secret: server text is redacted and made printable
// first. Pure functions.

#pragma once

#include <Poco/JSON/Object.h>

#include <string>
#include <string_view>
#include <vector>

#include <influxctl/error.hpp>

#include "trace_redaction.hpp"
#include "vault_http.hpp"
#include "vault_settings.hpp"

namespace influxctl::vault {

// The body as a JSON object, or null when it is not one.
Poco::JSON::Object::Ptr ParseJsonObject(const std::string& body);

// The reasons in an {"errors": [...]} body, unwrapped; empty when there are none.
std::vector<std::string> VaultErrors(const std::string& body);

// Whether any reason contains `phrase`.
bool ErrorsMention(const std::vector<std::string>& errors, std::string_view phrase);

// "HTTP 403 Forbidden: permission denied", for messages and logs.
std::string DescribeAnswer(const net::HttpResponse& answer, SecretList secrets);

// What went wrong on the wire while `doing` ("checking the Vault token") with
// `request` ("GET /v1/auth/token/lookup-self"). `delivering` adds that Vault
// may hold the token when the request had left.
Error WireError(const net::HttpFailure& problem,
                const VaultOptions& options,
                std::string_view doing,
                std::string_view request,
                bool delivering);

// An answer the step cannot use, with no more specific explanation.
Error UnexpectedAnswer(const net::HttpResponse& answer,
                       const VaultOptions& options,
                       std::string_view doing,
                       std::string_view request,
                       SecretList secrets);

}  // namespace influxctl::vault

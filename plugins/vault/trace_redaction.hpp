// SPDX-License-Identifier: Apache-2.0
//
// What of an exchange with Vault may be shown in --trace lines and error
// messages. The X-Vault-Token header shows as "[redacted]". A JSON answer
// loses the values of the keys that carry credentials (a token lookup's
// "id", "accessor", "client_token"), and every text loses every literal copy
// of the secrets it is given (the Vault token, the new management token),
// wherever a server may have echoed them. Server text is made printable and
// shortened before it reaches a message. Pure functions.

#pragma once

#include <initializer_list>
#include <string>
#include <string_view>

#include <influxctl/secret.hpp>

namespace influxctl::vault {

// The secrets no trace line or message may hold; null entries are skipped.
using SecretList = std::initializer_list<const Secret*>;

// `text` with every copy of each secret replaced by "[redacted]" (secrets of
// at least 8 characters; shorter ones would match inside ordinary words).
std::string WithoutSecrets(std::string_view text, SecretList secrets);

// An answer body as a trace line may show it: credential-bearing JSON values
// redacted (when the body is JSON) and every secret removed.
std::string RedactAnswerBody(std::string_view body, SecretList secrets);

// A header's value as a trace line may show it.
std::string RedactHeader(std::string_view name, std::string_view value);

// At most `limit` bytes of `text` on one line: control characters become
// spaces, runs of spaces collapse, broken UTF-8 becomes '?', "..." marks a cut.
std::string PrintableText(std::string_view text, std::size_t limit = 300);

}  // namespace influxctl::vault

// SPDX-License-Identifier: Apache-2.0
//
// The stdout formats for management tokens: `table` (influxctl 2.11's layout)
// and `json` (influxctl's snake_case shape). Results go to `out` and nothing
// else does; warnings go to `err`. Text that came from users or servers is
// made safe for a terminal in tables and fully escaped in JSON. Stateless and
// safe from any thread.

#pragma once

#include <ostream>
#include <span>
#include <string>
#include <string_view>

#include <influxctl/error.hpp>
#include <influxctl/token.hpp>

namespace influxctl::formats {

enum class Format { kTable, kJson };

// "table" or "json"; anything else is a usage error listing the valid values.
Result<Format> ParseFormat(std::string_view name);
std::string_view FormatName(Format format);

// A new token. Table: the key/value table on `out`, the two warning lines on
// `err`, then the secret alone on the last line of `out`. JSON: one object,
// "token" last. With show_secret false the secret and the warnings are left
// out (the token went only to outputs), and the table is followed by one
// "delivered to <target>" line per output. JSON lists `delivered_to` in
// either case.
void WriteCreated(Format format,
                  const CreatedToken& created,
                  bool show_secret,
                  std::ostream& out,
                  std::ostream& err,
                  std::span<const std::string> delivered_to = {});

// Tokens as `management list` shows them; never a secret.
void WriteList(Format format, std::span<const ManagementToken> tokens, std::ostream& out);

}  // namespace influxctl::formats

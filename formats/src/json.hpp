// SPDX-License-Identifier: Apache-2.0
//
// The JSON documents of `--format json`: influxctl's snake_case token shape,
// pretty-printed with two-space indentation. Keys come in influxctl's order;
// unset timestamps and empty strings are left out. The output is always valid
// JSON whatever bytes the strings hold: ill-formed UTF-8 becomes U+FFFD, and
// every control character is escaped, as are the characters a terminal would
// act on, so printing the JSON is as safe as printing a table. Other non-ASCII
// text is written as UTF-8, unescaped. Pure functions.

#pragma once

#include <span>
#include <string>
#include <string_view>

#include <influxctl/secret.hpp>
#include <influxctl/token.hpp>

namespace influxctl::formats {

// `text` as a quoted JSON string, appended to `out`.
void AppendJsonString(std::string& out, std::string_view text);

// One token object with a trailing newline: "delivered_to" when an output
// holds the token, then "token" last when `secret` is not null.
std::string CreatedJson(const ManagementToken& token,
                        const Secret* secret,
                        std::span<const std::string> delivered_to = {});

// An array of token objects with a trailing newline; "[]" when there are none.
std::string ListJson(std::span<const ManagementToken> tokens);

}  // namespace influxctl::formats

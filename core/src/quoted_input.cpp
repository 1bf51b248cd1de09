// SPDX-License-Identifier: Apache-2.0
//
// Quoting of values users typed, for error messages (see quoted_input.hpp).

#include "quoted_input.hpp"

#include <algorithm>
#include <cstdio>

namespace influxctl {
namespace {

// Inputs are short; anything longer than this is shown cut, so that a pasted
// file cannot flood the terminal through an error message.
constexpr std::size_t kMaxQuotedBytes = 100;

}  // namespace

std::string QuoteInput(std::string_view text) {
  std::string out = "\"";
  const std::size_t shown = std::min(text.size(), kMaxQuotedBytes);
  for (std::size_t i = 0; i < shown; ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    switch (byte) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (byte >= 0x20 && byte < 0x7f) {
          out += static_cast<char>(byte);
        } else {
          char escaped[8];
          std::snprintf(escaped, sizeof escaped, "\\x%02x", byte);
          out += escaped;
        }
    }
  }
  out += '"';
  if (shown < text.size()) {
    out += "... (" + std::to_string(text.size()) + " bytes)";
  }
  return out;
}

}  // namespace influxctl

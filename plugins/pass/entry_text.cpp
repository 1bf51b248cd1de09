// SPDX-License-Identifier: Apache-2.0
//
// The stored entry's text (see entry_text.hpp). The buffer is sized before
// the secret goes in, so no reallocation leaves a copy behind in freed memory.

#include "entry_text.hpp"

#include <string>
#include <string_view>

#include <influxctl/time.hpp>

namespace influxctl::pass {
namespace {

// A value on one line: a description from the cluster may hold anything, and
// a line break in it would start a new "key: value" line.
std::string OneLine(std::string_view text) {
  std::string line(text);
  for (char& c : line) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
      c = ' ';
    }
  }
  return line;
}

}  // namespace

Result<Secret> EntryText(const CreatedToken& created, bool metadata) {
  const std::string& secret = created.secret.Reveal();
  if (secret.find_first_of("\r\n") != std::string::npos) {
    return Error::Output(
        "the new token holds a line break, so it cannot stand alone on the entry's first line");
  }

  std::string lines;
  if (metadata) {
    const ManagementToken& token = created.token;
    lines += "id: " + OneLine(token.id) + "\n";
    if (!token.description.empty()) {
      lines += "description: " + OneLine(token.description) + "\n";
    }
    if (token.created_at) {
      lines += "created: " + FormatRfc3339(*token.created_at) + "\n";
    }
    lines += "expires: " + (token.expires_at ? FormatRfc3339(*token.expires_at) : "never") + "\n";
  }

  std::string text;
  text.reserve(secret.size() + 1 + lines.size());
  text += secret;
  text += '\n';
  text += lines;
  return Secret(std::move(text));
}

}  // namespace influxctl::pass

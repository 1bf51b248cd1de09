// SPDX-License-Identifier: Apache-2.0
//
// Messages on stderr carry text from users, config files and servers; this
// makes each line of one safe for a terminal while keeping the line breaks
// the message itself is built with.

#pragma once

#include <string>
#include <string_view>

#include <influxctl/formats/terminal_text.hpp>

namespace influxctl::cli {

inline std::string TerminalSafe(std::string_view message) {
  std::string safe;
  while (true) {
    auto newline = message.find('\n');
    safe += formats::MakeTerminalSafe(message.substr(0, newline)).text;
    if (newline == std::string_view::npos) {
      return safe;
    }
    safe += '\n';
    message.remove_prefix(newline + 1);
  }
}

}  // namespace influxctl::cli

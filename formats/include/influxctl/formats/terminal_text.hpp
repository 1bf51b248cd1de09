// SPDX-License-Identifier: Apache-2.0
//
// Text from users and servers made safe to show on a terminal, and measured
// in the columns it takes there. A terminal acts on some characters instead
// of showing them (C0 and C1 controls, DEL, bidi controls, line and paragraph
// separators); those become visible escapes in the forms Go's %q prints:
// \n \t \r \a \b \f \v, \x1b for the other C0 controls and DEL, \u0085 for
// C1 controls, \u202e for bidi controls, \u2028 and \u2029. Ill-formed UTF-8
// becomes U+FFFD. A backslash already in the text is left alone: tables are
// for reading, and the JSON format gives the exact value. Pure functions.

#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace influxctl::formats {

// Whether a terminal could act on `c` rather than draw it. Shared with the
// JSON writer, which escapes the same characters so that `--format json` on a
// terminal is as harmless as a table.
constexpr bool IsTerminalControl(char32_t c) {
  return c < 0x20 || (c >= 0x7F && c <= 0x9F) ||       // C0, DEL, C1
         c == 0x061C || c == 0x200E || c == 0x200F ||  // bidi marks
         (c >= 0x202A && c <= 0x202E) ||               // bidi embeddings, overrides
         (c >= 0x2066 && c <= 0x2069) ||               // bidi isolates
         c == 0x2028 || c == 0x2029;                   // line, paragraph separator
}

struct TerminalText {
  std::string text;       // safe to write to a terminal as it is
  std::size_t width = 0;  // columns it takes there
};

// Wide characters (CJK, most emoji) count two columns and combining marks
// none, as utf8proc measures each code point. Terminals that draw an emoji
// sequence joined by U+200D, or a flag, as a single glyph show it narrower.
TerminalText MakeTerminalSafe(std::string_view text);

}  // namespace influxctl::formats

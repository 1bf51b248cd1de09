// SPDX-License-Identifier: Apache-2.0
//
// MakeTerminalSafe: one pass over the text that writes each code point as a
// terminal will draw it, or as its visible escape, and adds up the columns.

#include <utf8proc.h>

#include <influxctl/formats/terminal_text.hpp>

#include "utf8_reader.hpp"

namespace influxctl::formats {
namespace {

constexpr char kHexDigits[] = "0123456789abcdef";

// Appends the escape for a control `c` and returns its width (it is ASCII).
std::size_t AppendEscape(std::string& out, char32_t c) {
  switch (c) {
    case U'\a':
      out += "\\a";
      return 2;
    case U'\b':
      out += "\\b";
      return 2;
    case U'\f':
      out += "\\f";
      return 2;
    case U'\n':
      out += "\\n";
      return 2;
    case U'\r':
      out += "\\r";
      return 2;
    case U'\t':
      out += "\\t";
      return 2;
    case U'\v':
      out += "\\v";
      return 2;
    default:
      break;
  }

  // Every terminal control is in the Basic Multilingual Plane, so four digits do.
  const bool one_byte = c < 0x80;
  out += one_byte ? "\\x" : "\\u";
  for (int shift = one_byte ? 4 : 12; shift >= 0; shift -= 4) {
    out += kHexDigits[(c >> shift) & 0xF];
  }
  return one_byte ? 4 : 6;
}

}  // namespace

TerminalText MakeTerminalSafe(std::string_view text) {
  TerminalText safe;
  safe.text.reserve(text.size());

  Utf8Reader reader(text);
  while (!reader.Done()) {
    const CodePoint code_point = reader.Next();
    if (!code_point.well_formed) {
      safe.text += kReplacementCharacterUtf8;
      safe.width += 1;
    } else if (IsTerminalControl(code_point.value)) {
      safe.width += AppendEscape(safe.text, code_point.value);
    } else {
      safe.text += code_point.bytes;
      safe.width += code_point.value < 0x80 ? 1
                                            : static_cast<std::size_t>(utf8proc_charwidth(
                                                  static_cast<utf8proc_int32_t>(code_point.value)));
    }
  }
  return safe;
}

}  // namespace influxctl::formats

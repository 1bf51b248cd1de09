// SPDX-License-Identifier: Apache-2.0
//
// Printable text (see printable_text.hpp).

#include "printable_text.hpp"

#include <cstdint>

namespace influxctl::pass {
namespace {

void AppendEscaped(std::string& out, unsigned char byte) {
  constexpr char kHex[] = "0123456789abcdef";
  out += "\\x";
  out += kHex[byte >> 4];
  out += kHex[byte & 0xf];
}

// Length of the valid UTF-8 sequence at the start of `text`, or 0.
std::size_t Utf8SequenceLength(std::string_view text) {
  auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  unsigned char lead = byte(0);
  std::size_t length = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 0;
  if (length == 0 || lead > 0xf4 || text.size() < length) {
    return 0;
  }
  std::uint32_t code = lead & (0x7f >> length);
  for (std::size_t i = 1; i < length; ++i) {
    if ((byte(i) & 0xc0) != 0x80) {
      return 0;
    }
    code = (code << 6) | (byte(i) & 0x3f);
  }
  // Overlong forms, surrogates and C1 control codes are not shown as text.
  constexpr std::uint32_t kSmallest[] = {0, 0, 0xa0, 0x800, 0x10000};
  if (code < kSmallest[length] || (code >= 0xd800 && code <= 0xdfff) || code > 0x10ffff) {
    return 0;
  }
  return length;
}

}  // namespace

std::string PrintableText(std::string_view raw, std::size_t max_bytes) {
  std::string out;
  bool pending_break = false;
  while (!raw.empty() && out.size() < max_bytes) {
    unsigned char byte = static_cast<unsigned char>(raw[0]);

    // Line breaks separate parts; blank lines and trailing space vanish.
    if (byte == '\n' || byte == '\r') {
      while (!out.empty() && out.back() == ' ') {
        out.pop_back();
      }
      pending_break = !out.empty();
      raw.remove_prefix(1);
      continue;
    }
    if (pending_break) {
      if (byte == ' ' || byte == '\t') {
        raw.remove_prefix(1);
        continue;
      }
      out += "; ";
      pending_break = false;
    }

    if (byte == '\t') {
      out += ' ';
      raw.remove_prefix(1);
    } else if (byte < 0x20 || byte == 0x7f) {
      AppendEscaped(out, byte);
      raw.remove_prefix(1);
    } else if (byte < 0x80) {
      out += static_cast<char>(byte);
      raw.remove_prefix(1);
    } else if (std::size_t length = Utf8SequenceLength(raw); length > 0) {
      out.append(raw.substr(0, length));
      raw.remove_prefix(length);
    } else {
      AppendEscaped(out, byte);
      raw.remove_prefix(1);
    }
  }
  while (!out.empty() && out.back() == ' ') {
    out.pop_back();
  }
  if (!raw.empty()) {
    out += " [...]";
  }
  return out;
}

}  // namespace influxctl::pass

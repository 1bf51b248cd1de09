// SPDX-License-Identifier: Apache-2.0
//
// Reads UTF-8 text one code point at a time and never fails: each ill-formed
// piece comes back as U+FFFD, marked as such, one replacement per "maximal
// subpart" (Unicode §3.9), so a truncated sequence costs one replacement and a
// stray byte one each. Tables and JSON see all text through this reader, which
// is why neither can pass an invalid byte on. A view over the caller's text;
// header-only so that the per-character loop stays inlined.

#pragma once

#include <cstddef>
#include <string_view>

namespace influxctl::formats {

inline constexpr char32_t kReplacementCharacter = U'\uFFFD';
inline constexpr std::string_view kReplacementCharacterUtf8 = "\xEF\xBF\xBD";

struct CodePoint {
  char32_t value = 0;
  std::string_view bytes;   // as they are in the input
  bool well_formed = true;  // false: `bytes` are ill-formed and `value` is U+FFFD
};

class Utf8Reader {
 public:
  explicit Utf8Reader(std::string_view text) : text_(text) {}

  bool Done() const { return position_ >= text_.size(); }
  std::size_t position() const { return position_; }

  // The code point at position(), which then moves past it. Only when !Done().
  CodePoint Next() {
    const auto lead = static_cast<unsigned char>(text_[position_]);
    if (lead < 0x80) {
      return Take(lead, 1, true);
    }

    // The lead byte fixes the length and, for a few leads, a narrower range for
    // the second byte: that is what rules out overlong forms, UTF-16
    // surrogates and values past U+10FFFF.
    std::size_t length = 0;
    char32_t value = 0;
    unsigned char low = 0x80;
    unsigned char high = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
      length = 2;
      value = lead & 0x1F;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      length = 3;
      value = lead & 0x0F;
      low = lead == 0xE0 ? 0xA0 : low;
      high = lead == 0xED ? 0x9F : high;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      length = 4;
      value = lead & 0x07;
      low = lead == 0xF0 ? 0x90 : low;
      high = lead == 0xF4 ? 0x8F : high;
    } else {
      return Take(kReplacementCharacter, 1, false);
    }

    // Stop at the first byte that cannot continue the sequence; it starts the
    // next code point, so valid text after a broken sequence survives.
    std::size_t taken = 1;
    while (taken < length && position_ + taken < text_.size()) {
      const auto next = static_cast<unsigned char>(text_[position_ + taken]);
      if (next < low || next > high) {
        break;
      }
      value = (value << 6) | (next & 0x3F);
      low = 0x80;
      high = 0xBF;
      ++taken;
    }
    if (taken < length) {
      return Take(kReplacementCharacter, taken, false);
    }
    return Take(value, length, true);
  }

 private:
  CodePoint Take(char32_t value, std::size_t length, bool well_formed) {
    CodePoint code_point{value, text_.substr(position_, length), well_formed};
    position_ += length;
    return code_point;
  }

  std::string_view text_;
  std::size_t position_ = 0;
};

}  // namespace influxctl::formats

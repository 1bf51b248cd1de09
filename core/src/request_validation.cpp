// SPDX-License-Identifier: Apache-2.0
//
// The checks a create request passes before anything is sent: a description
// that is a printable one-line label in UTF-8, and an expiry in the future.
// Every refusal is a usage error naming the flag and saying what to type
// instead. The description itself is never echoed back, so a message cannot
// carry the escape sequence it refuses. Pure function, safe from any thread.

#include <array>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>

#include <influxctl/engine.hpp>
#include <influxctl/time.hpp>

namespace influxctl {
namespace {

// A label, not a document: long enough for any sensible note, short enough
// to keep tables readable and stay well inside what a server stores.
constexpr std::size_t kMaxDescriptionBytes = 1000;

constexpr std::array<std::string_view, 32> kC0Names = {
    "NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL", "BS",  "TAB", "LF",
    "VT",  "FF",  "CR",  "SO",  "SI",  "DLE", "DC1", "DC2", "DC3", "DC4", "NAK",
    "SYN", "ETB", "CAN", "EM",  "SUB", "ESC", "FS",  "GS",  "RS",  "US"};

constexpr std::array<std::string_view, 32> kC1Names = {
    "PAD", "HOP", "BPH", "NBH", "IND", "NEL", "SSA", "ESA", "HTS", "HTJ", "VTS",
    "PLD", "PLU", "RI",  "SS2", "SS3", "DCS", "PU1", "PU2", "STS", "CCH", "MW",
    "SPA", "EPA", "SOS", "SGC", "SCI", "CSI", "ST",  "OSC", "PM",  "APC"};

// One code point read from UTF-8, or nothing if the bytes there are not
// well-formed UTF-8 (overlong forms and surrogates included).
struct CodePoint {
  char32_t value;
  std::size_t length;
};

std::optional<CodePoint> DecodeUtf8(std::string_view text, std::size_t pos) {
  const auto lead = static_cast<unsigned char>(text[pos]);
  if (lead < 0x80) {
    return CodePoint{lead, 1};
  }

  std::size_t length = 0;
  char32_t value = 0;
  char32_t smallest = 0;
  if ((lead & 0xe0) == 0xc0) {
    length = 2;
    value = lead & 0x1f;
    smallest = 0x80;
  } else if ((lead & 0xf0) == 0xe0) {
    length = 3;
    value = lead & 0x0f;
    smallest = 0x800;
  } else if ((lead & 0xf8) == 0xf0) {
    length = 4;
    value = lead & 0x07;
    smallest = 0x10000;
  } else {
    return std::nullopt;
  }
  if (pos + length > text.size()) {
    return std::nullopt;
  }
  for (std::size_t i = 1; i < length; ++i) {
    const auto next = static_cast<unsigned char>(text[pos + i]);
    if ((next & 0xc0) != 0x80) {
      return std::nullopt;
    }
    value = (value << 6) | (next & 0x3f);
  }
  if (value < smallest || value > 0x10ffff || (value >= 0xd800 && value <= 0xdfff)) {
    return std::nullopt;
  }
  return CodePoint{value, length};
}

// Space as a reader sees it: an unset variable padded with spaces, or text
// made only of invisible characters, is as blank as an empty one.
bool IsBlank(char32_t c) {
  return c == ' ' || (c >= 0x09 && c <= 0x0d) || c == 0x85 || c == 0xa0 || c == 0x1680 ||
         (c >= 0x2000 && c <= 0x200d) || c == 0x2028 || c == 0x2029 || c == 0x202f || c == 0x205f ||
         c == 0x2060 || c == 0x3000 || c == 0xfeff;
}

// The name of a character a description may not hold, or nothing if it may.
// Besides the C0 and C1 controls and DEL, the line and paragraph separators
// (they break the one-line label) and the bidirectional overrides and
// isolates (they reorder what a terminal shows, so a table could lie) are
// refused.
std::optional<std::string_view> ForbiddenName(char32_t c) {
  if (c < 0x20) {
    return kC0Names[c];
  }
  if (c == 0x7f) {
    return "DEL";
  }
  if (c >= 0x80 && c <= 0x9f) {
    return kC1Names[c - 0x80];
  }
  switch (c) {
    case 0x2028:
      return "LINE SEPARATOR";
    case 0x2029:
      return "PARAGRAPH SEPARATOR";
    case 0x202a:
      return "LEFT-TO-RIGHT EMBEDDING";
    case 0x202b:
      return "RIGHT-TO-LEFT EMBEDDING";
    case 0x202c:
      return "POP DIRECTIONAL FORMATTING";
    case 0x202d:
      return "LEFT-TO-RIGHT OVERRIDE";
    case 0x202e:
      return "RIGHT-TO-LEFT OVERRIDE";
    case 0x2066:
      return "LEFT-TO-RIGHT ISOLATE";
    case 0x2067:
      return "RIGHT-TO-LEFT ISOLATE";
    case 0x2068:
      return "FIRST STRONG ISOLATE";
    case 0x2069:
      return "POP DIRECTIONAL ISOLATE";
    default:
      return std::nullopt;
  }
}

std::string CodePointLabel(char32_t c) {
  char label[16];
  std::snprintf(label, sizeof label, "U+%04X", static_cast<unsigned>(c));
  return label;
}

Status ValidateDescription(const std::string& description) {
  // Decoding comes first: the other checks count characters, not bytes.
  bool blank = true;
  std::size_t character = 0;
  std::optional<std::string> forbidden;
  for (std::size_t pos = 0; pos < description.size();) {
    const auto decoded = DecodeUtf8(description, pos);
    ++character;
    if (!decoded) {
      char byte[8];
      std::snprintf(byte, sizeof byte, "0x%02X", static_cast<unsigned char>(description[pos]));
      return Error::Usage("--description is not valid UTF-8 (byte " + std::string(byte) +
                          " at byte offset " + std::to_string(pos) +
                          "); pass the text in UTF-8, the encoding terminals and scripts use "
                          "by default");
    }
    if (!IsBlank(decoded->value)) {
      blank = false;
    }
    if (!forbidden) {
      if (auto name = ForbiddenName(decoded->value)) {
        forbidden = CodePointLabel(decoded->value) + " (" + std::string(*name) + ") at character " +
                    std::to_string(character);
      }
    }
    pos += decoded->length;
  }

  // Blank before forbidden: a lone newline or tab is an empty value, and the
  // likely cause (an unset shell variable) is the more useful thing to say.
  if (blank) {
    return Error::Usage(std::string("--description is empty") +
                        (description.empty() ? "" : " (only blank characters)") +
                        "; this is usually an unset shell variable. Leave --description out "
                        "to create a token without a description");
  }
  if (forbidden) {
    return Error::Usage("--description contains " + *forbidden +
                        "; a description is a one-line label shown in terminals and logs, so "
                        "control characters such as newlines, tabs and escape sequences are "
                        "refused. Write it as plain text on one line");
  }
  if (description.size() > kMaxDescriptionBytes) {
    return Error::Usage("--description is " + std::to_string(description.size()) +
                        " bytes long; the limit is " + std::to_string(kMaxDescriptionBytes) +
                        " bytes of UTF-8. Shorten it");
  }
  return Status::Ok();
}

// A round example for the message: midnight UTC one year after `now`
// (Feb 29 falls back to Feb 28).
Timestamp OneYearAfter(const Timestamp& now) {
  namespace chrono = std::chrono;
  const chrono::sys_seconds now_seconds{chrono::seconds{now.seconds}};
  const chrono::year_month_day today{chrono::floor<chrono::days>(now_seconds)};
  chrono::year_month_day next = today + chrono::years{1};
  if (!next.ok()) {
    next = next.year() / next.month() / chrono::last;
  }
  return {chrono::sys_seconds{chrono::sys_days{next}}.time_since_epoch().count(), 0};
}

Status ValidateExpiry(const Timestamp& expires_at, const Timestamp& now) {
  if (expires_at.nanos < 0 || expires_at.nanos > 999'999'999) {
    return Error::Usage("--expires-at has a fraction of " + std::to_string(expires_at.nanos) +
                        " nanoseconds; it must be 0 to 999999999");
  }
  if (expires_at <= now) {
    return Error::Usage("--expires-at " + FormatRfc3339(expires_at, true) +
                        " is not in the future (it is now " + FormatRfc3339(now) +
                        "); an expiry must be a future instant, such as " +
                        FormatRfc3339(OneYearAfter(now)) +
                        ". Leave --expires-at out for a token that never expires");
  }
  return Status::Ok();
}

}  // namespace

Status ValidateCreateRequest(const CreateRequest& request, const Timestamp& now) {
  if (request.description) {
    if (Status status = ValidateDescription(*request.description); !status.ok()) {
      return status;
    }
  }
  if (request.expires_at) {
    if (Status status = ValidateExpiry(*request.expires_at, now); !status.ok()) {
      return status;
    }
  }
  return Status::Ok();
}

}  // namespace influxctl

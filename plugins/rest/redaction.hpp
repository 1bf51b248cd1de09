// SPDX-License-Identifier: Apache-2.0
//
// What of an HTTP exchange may be shown to a user, in --trace lines and in
// error messages. Bodies lose the value of every secret-bearing JSON string
// ("accessToken" and its kin) even when the JSON is cut short, and any literal
// copy of the credential; headers that carry credentials keep only their
// scheme ("Bearer [redacted]"). Text from the server is made printable and
// shortened before it reaches an error message. Pure functions, header-only
// so unit tests can include it.

#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>

#include <influxctl/secret.hpp>

namespace influxctl::rest {

namespace redaction_detail {

// Keys whose string values are secrets, as they appear quoted in JSON.
inline constexpr std::array<std::string_view, 4> kSecretKeys = {
    "\"accessToken\"", "\"access_token\"", "\"token\"", "\"secret\""};

inline bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

inline bool EqualsIgnoringCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) {
    return false;
  }
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = (a[i] >= 'A' && a[i] <= 'Z') ? static_cast<char>(a[i] + 32) : a[i];
    char y = (b[i] >= 'A' && b[i] <= 'Z') ? static_cast<char>(b[i] + 32) : b[i];
    if (x != y) {
      return false;
    }
  }
  return true;
}

// If a secret key starts at `at`, the range of its string value (the text
// between the quotes, to the end of `text` when the closing quote is
// missing); otherwise {npos, npos}.
inline std::pair<std::size_t, std::size_t> SecretValueAt(std::string_view text, std::size_t at) {
  constexpr std::pair<std::size_t, std::size_t> kNone{std::string_view::npos,
                                                      std::string_view::npos};
  for (std::string_view key : kSecretKeys) {
    if (text.substr(at, key.size()) != key) {
      continue;
    }
    std::size_t i = at + key.size();
    while (i < text.size() && IsSpace(text[i])) {
      ++i;
    }
    if (i >= text.size() || text[i] != ':') {
      return kNone;
    }
    ++i;
    while (i < text.size() && IsSpace(text[i])) {
      ++i;
    }
    if (i >= text.size() || text[i] != '"') {
      return kNone;
    }
    std::size_t begin = ++i;
    while (i < text.size() && text[i] != '"') {
      i += text[i] == '\\' ? 2 : 1;
    }
    return {begin, i < text.size() ? i : text.size()};
  }
  return kNone;
}

}  // namespace redaction_detail

// `body` with secret JSON string values and every copy of `credential`
// replaced by "[redacted]".
inline std::string RedactBody(std::string_view body, const Secret& credential) {
  using namespace redaction_detail;
  std::string out;
  out.reserve(body.size());
  std::size_t i = 0;
  while (i < body.size()) {
    if (body[i] == '"') {
      auto [begin, end] = SecretValueAt(body, i);
      if (begin != std::string_view::npos) {
        out.append(body.substr(i, begin - i));
        out += Secret::kRedacted;
        i = end;
        continue;
      }
    }
    out += body[i++];
  }

  // The credential itself, wherever a server may have echoed it.
  const std::string& secret = credential.Reveal();
  if (secret.size() >= 4) {
    for (std::size_t at = out.find(secret); at != std::string::npos;
         at = out.find(secret, at + 1)) {
      out.replace(at, secret.size(), Secret::kRedacted);
    }
  }
  return out;
}

// The value of header `name` as a trace line may show it.
inline std::string RedactHeader(std::string_view name, std::string_view value) {
  using redaction_detail::EqualsIgnoringCase;
  if (EqualsIgnoringCase(name, "Authorization") ||
      EqualsIgnoringCase(name, "Proxy-Authorization")) {
    std::size_t space = value.find(' ');
    std::string scheme(space == std::string_view::npos ? "" : value.substr(0, space + 1));
    return scheme + Secret::kRedacted;
  }
  if (EqualsIgnoringCase(name, "Cookie") || EqualsIgnoringCase(name, "Set-Cookie")) {
    return Secret::kRedacted;
  }
  return std::string(value);
}

// At most `limit` bytes of `text` (whole UTF-8 sequences), control characters
// and line breaks turned into spaces, runs of spaces collapsed, "..." added
// when cut.
inline std::string PrintableExcerpt(std::string_view text, std::size_t limit = 200) {
  std::string out;
  bool cut = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    std::size_t length = c < 0x80 ? 1 : c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
    if (out.size() + length > limit) {
      cut = true;
      break;
    }
    bool c1_control = c == 0xc2 && i + 1 < text.size() &&
                      static_cast<unsigned char>(text[i + 1]) < 0xa0 &&
                      static_cast<unsigned char>(text[i + 1]) >= 0x80;
    if (c1_control) {
      ++i;
    }
    if (c < 0x20 || c == 0x7f || c1_control) {
      if (!out.empty() && out.back() != ' ') {
        out += ' ';
      }
      continue;
    }
    if (c == ' ' && !out.empty() && out.back() == ' ') {
      continue;
    }
    if (length > 1) {
      // A whole UTF-8 sequence, or a '?' for a broken one.
      bool whole = i + length <= text.size();
      for (std::size_t k = 1; whole && k < length; ++k) {
        whole = (static_cast<unsigned char>(text[i + k]) & 0xc0) == 0x80;
      }
      if (whole) {
        out.append(text.substr(i, length));
        i += length - 1;
      } else {
        out += '?';
      }
      continue;
    }
    out += c >= 0x80 ? '?' : static_cast<char>(c);
  }
  while (!out.empty() && out.back() == ' ') {
    out.pop_back();
  }
  if (cut) {
    out += "...";
  }
  return out;
}

}  // namespace influxctl::rest

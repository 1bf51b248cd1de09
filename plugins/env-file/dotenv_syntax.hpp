// SPDX-License-Identifier: Apache-2.0
//
// The dotenv dialect the env-file output reads and writes (docs/env-file.md
// is the user's description of it). What is written: NAME='value', which POSIX
// sh and the common dotenv parsers (python-dotenv, Node dotenv, Docker
// Compose) all read back as exactly `value`, and a check that refuses every
// value for which that is not true. What is read: a file cut into lines and
// then into entries, where an entry is one assignment (possibly spanning lines
// inside a quoted value) or one line the dialect does not interpret. Pure
// functions on text, header-only so the unit tests compile them directly;
// nothing here logs, and no message ever quotes a value.

#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <influxctl/error.hpp>

namespace influxctl::env_file {

// A name a value can be stored under: [A-Za-z_][A-Za-z0-9_]*, what sh accepts.
inline bool IsVariableName(std::string_view name) {
  auto letter = [](char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_'; };
  if (name.empty() || !letter(name.front())) {
    return false;
  }
  for (char c : name) {
    if (!letter(c) && !(c >= '0' && c <= '9')) {
      return false;
    }
  }
  return true;
}

namespace detail {

// Length of the well-formed UTF-8 sequence at the start of `text` whose
// first byte is >= 0x80, or 0 when it is malformed (overlong, surrogate,
// beyond U+10FFFF, truncated).
inline std::size_t Utf8SequenceLength(std::string_view text) {
  auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  auto continuation = [&](std::size_t i, unsigned char low, unsigned char high) {
    return i < text.size() && byte(i) >= low && byte(i) <= high;
  };
  unsigned char lead = byte(0);
  if (lead >= 0xC2 && lead <= 0xDF) {
    return continuation(1, 0x80, 0xBF) ? 2 : 0;
  }
  if (lead >= 0xE0 && lead <= 0xEF) {
    unsigned char low = lead == 0xE0 ? 0xA0 : 0x80;
    unsigned char high = lead == 0xED ? 0x9F : 0xBF;
    return continuation(1, low, high) && continuation(2, 0x80, 0xBF) ? 3 : 0;
  }
  if (lead >= 0xF0 && lead <= 0xF4) {
    unsigned char low = lead == 0xF0 ? 0x90 : 0x80;
    unsigned char high = lead == 0xF4 ? 0x8F : 0xBF;
    return continuation(1, low, high) && continuation(2, 0x80, 0xBF) && continuation(3, 0x80, 0xBF)
               ? 4
               : 0;
  }
  return 0;
}

}  // namespace detail

// Why `value` cannot be written as NAME='value' and read back unchanged by
// both sh and dotenv parsers, as words for a message ("a single quote"); empty
// when it can. sh ends a single-quoted word at the next quote and has no
// escape inside one. python-dotenv turns \\ into \ inside single quotes and
// Docker Compose takes \' for an escaped quote, so two backslashes in a row
// and a final backslash are refused; python-dotenv also expands ${NAME}
// between single quotes, so "${" is refused. Line breaks and every other
// control character (C0, DEL, C1) end or corrupt a line somewhere; bytes that
// are not UTF-8 make python-dotenv fail to read the file at all.
inline std::string_view UnquotableReason(std::string_view value) {
  for (std::size_t i = 0; i < value.size(); ++i) {
    auto c = static_cast<unsigned char>(value[i]);
    if (c == '\n' || c == '\r') {
      return "a line break";
    }
    if (c < 0x20 || c == 0x7F) {
      return "a control character";
    }
    if (c == '\'') {
      return "a single quote";
    }
    if (c == '\\' && i + 1 < value.size() && value[i + 1] == '\\') {
      return "two backslashes in a row";
    }
    if (c == '\\' && i + 1 == value.size()) {
      return "a backslash at its end";
    }
    if (c == '$' && i + 1 < value.size() && value[i + 1] == '{') {
      return "\"${\"";
    }
    if (c >= 0x80) {
      std::size_t length = detail::Utf8SequenceLength(value.substr(i));
      if (length == 0) {
        return "bytes that are not UTF-8";
      }
      if (c == 0xC2 && static_cast<unsigned char>(value[i + 1]) <= 0x9F) {
        return "a control character";
      }
      i += length - 1;
    }
  }
  return {};
}

// The value between single quotes. Only for values UnquotableReason accepts.
inline std::string SingleQuoted(std::string_view value) {
  std::string quoted;
  quoted.reserve(value.size() + 2);
  quoted += '\'';
  quoted += value;
  quoted += '\'';
  return quoted;
}

// One physical line: its text and the line break that ended it ("\n",
// "\r\n", or "" for a last line without one). A lone "\r" is text.
struct Line {
  std::string_view text;
  std::string_view ending;
};

// `file` cut into lines; joining text + ending of every line gives it back.
inline std::vector<Line> SplitLines(std::string_view file) {
  std::vector<Line> lines;
  while (!file.empty()) {
    std::size_t newline = file.find('\n');
    if (newline == std::string_view::npos) {
      lines.push_back({file, {}});
      break;
    }
    std::size_t text_end = newline > 0 && file[newline - 1] == '\r' ? newline - 1 : newline;
    lines.push_back({file.substr(0, text_end), file.substr(text_end, newline + 1 - text_end)});
    file.remove_prefix(newline + 1);
  }
  return lines;
}

// The line break new lines get: that of the first line which has one, so a
// CRLF file stays CRLF; "\n" when no line has one.
inline std::string_view LineEnding(const std::vector<Line>& lines) {
  for (const Line& line : lines) {
    if (!line.ending.empty()) {
      return line.ending;
    }
  }
  return "\n";
}

// A run of lines the editor handles as one: an assignment, or any other line.
struct Entry {
  std::size_t first_line = 0;  // index into the lines
  std::size_t end_line = 0;    // one past the last line
  // The variable assigned, when the entry is an assignment to a valid name;
  // empty for comments, blank lines, and lines the dialect does not interpret.
  std::string name;
  std::size_t name_offset = 0;  // where the name starts in the first line
  bool exported = false;        // the assignment starts with `export`
};

namespace detail {

inline bool IsBlank(char c) {
  return c == ' ' || c == '\t';
}

inline std::size_t SkipBlanks(std::string_view text, std::size_t at) {
  while (at < text.size() && IsBlank(text[at])) {
    ++at;
  }
  return at;
}

// Characters that end a key: what no dotenv parser takes into a name.
inline bool EndsKey(char c) {
  return IsBlank(c) || c == '=' || c == '#' || c == '\'' || c == '"' || c == '`';
}

// Where an open quote closes in `text`: the first `quote` at or after `from`
// that is not right after a backslash; npos when there is none.
inline std::size_t ClosingQuote(std::string_view text, std::size_t from, char quote) {
  for (std::size_t i = from; i < text.size(); ++i) {
    if (text[i] == quote && (i == 0 || text[i - 1] != '\\')) {
      return i;
    }
  }
  return std::string_view::npos;
}

}  // namespace detail

// The entries of a file, in order, covering every line once. An assignment is
//   [blanks] [export blanks+] KEY [blanks] = [blanks] VALUE
// where KEY runs up to a blank, '=', '#' or a quote. A VALUE opening with ',
// " or ` runs to the matching quote that is not right after a backslash, on
// this line or a later one, and the entry takes every line up to it. Lines
// that are blank, comments ('#' first after blanks), or anything else are
// single-line entries without a name. A quote that never closes, or a NUL
// byte anywhere, makes the file one this dialect cannot read: an output error
// naming the line. A UTF-8 byte-order mark at the start is kept as part of
// the first line's indent.
inline Result<std::vector<Entry>> ScanEntries(const std::vector<Line>& lines) {
  std::vector<Entry> entries;
  for (std::size_t index = 0; index < lines.size();) {
    std::string_view text = lines[index].text;
    if (text.find('\0') != std::string_view::npos) {
      return Error::Output("line " + std::to_string(index + 1) +
                           " holds a NUL byte, so this is not a text file");
    }
    Entry entry{index, index + 1, {}, 0, false};

    // The lead: a byte-order mark, blanks, an `export` keyword.
    std::size_t at = index == 0 && text.starts_with("\xEF\xBB\xBF") ? 3 : 0;
    at = detail::SkipBlanks(text, at);
    std::string_view rest = text.substr(at);
    if (rest.starts_with("export") && rest.size() > 6 && detail::IsBlank(rest[6])) {
      std::size_t key_at = detail::SkipBlanks(text, at + 6);
      if (key_at < text.size() && !detail::EndsKey(text[key_at])) {
        entry.exported = true;
        at = key_at;
      }
    }

    // KEY, then '=' with optional blanks around it.
    std::size_t key_end = at;
    while (key_end < text.size() && !detail::EndsKey(text[key_end])) {
      ++key_end;
    }
    std::size_t equals = detail::SkipBlanks(text, key_end);
    if (key_end == at || equals >= text.size() || text[equals] != '=') {
      entries.push_back(entry);  // blank, comment, or a line not interpreted
      ++index;
      continue;
    }
    std::string_view key = text.substr(at, key_end - at);
    if (IsVariableName(key)) {
      entry.name = std::string(key);
      entry.name_offset = at;
    }

    // A quoted value may go on over further lines; the entry takes them all.
    std::size_t value_at = detail::SkipBlanks(text, equals + 1);
    if (value_at < text.size() &&
        (text[value_at] == '\'' || text[value_at] == '"' || text[value_at] == '`')) {
      char quote = text[value_at];
      std::size_t line = index;
      std::size_t from = value_at + 1;
      while (detail::ClosingQuote(lines[line].text, from, quote) == std::string_view::npos) {
        if (++line == lines.size()) {
          return Error::Output("line " + std::to_string(index + 1) + ": the value of " +
                               std::string(key) + " opens a quote (" + quote +
                               ") that is never closed");
        }
        if (lines[line].text.find('\0') != std::string_view::npos) {
          return Error::Output("line " + std::to_string(line + 1) +
                               " holds a NUL byte, so this is not a text file");
        }
        from = 0;
      }
      entry.end_line = line + 1;
    }
    entries.push_back(entry);
    index = entry.end_line;
  }
  return entries;
}

}  // namespace influxctl::env_file

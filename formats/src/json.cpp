// SPDX-License-Identifier: Apache-2.0
//
// The JSON writer. The documents are written field by field rather than built
// as Poco::JSON::Object trees: the shape is fixed, and building a tree per
// token costs allocations the benchmark's 100k creates a second would feel.
// Strings are escaped by Poco::toJSON, which escapes the quote, the backslash
// and all of C0, but passes DEL, C1 controls, bidi controls and U+2028/U+2029
// through raw and copies ill-formed UTF-8 as it is (which its own parser then
// refuses). So each string is read here first: those characters get a \uXXXX
// escape or U+FFFD, and only the runs between them go to Poco.

#include "json.hpp"

#include <Poco/JSONString.h>

#include <charconv>
#include <cstdint>
#include <optional>

#include <influxctl/formats/terminal_text.hpp>

#include "utf8_reader.hpp"

namespace influxctl::formats {
namespace {

constexpr char kHexDigits[] = "0123456789ABCDEF";

// A piece of a string that JSON may hold raw, handed to Poco only when it has
// something Poco must escape: most ids, prefixes and tokens have nothing.
void AppendJsonRun(std::string& out, std::string_view run, bool needs_escaping) {
  if (needs_escaping) {
    out += Poco::toJSON(std::string(run), 0);
  } else {
    out += run;
  }
}

// Appends \uXXXX in Poco's spelling (upper case), for a character in the BMP.
void AppendUnicodeEscape(std::string& out, char32_t c) {
  out += "\\u";
  for (int shift = 12; shift >= 0; shift -= 4) {
    out += kHexDigits[(c >> shift) & 0xF];
  }
}

void AppendInteger(std::string& out, std::int64_t value) {
  char digits[24];
  const auto result = std::to_chars(digits, digits + sizeof digits, value);
  out.append(digits, result.ptr);
}

// Writes the members of one object at one depth, deciding the commas, so that
// leaving a member out never leaves a stray comma behind.
class ObjectWriter {
 public:
  ObjectWriter(std::string& out, int depth) : out_(out), depth_(depth) { out_ += '{'; }

  void String(std::string_view key, std::string_view value) {
    if (value.empty()) {
      return;
    }
    Key(key);
    AppendJsonString(out_, value);
  }

  void Time(std::string_view key, const std::optional<Timestamp>& time) {
    if (!time.has_value()) {
      return;
    }
    Key(key);
    ObjectWriter member(out_, depth_ + 1);
    member.Integer("seconds", time->seconds);
    if (time->nanos != 0) {
      member.Integer("nanos", time->nanos);
    }
    member.Close();
  }

  void Integer(std::string_view key, std::int64_t value) {
    Key(key);
    AppendInteger(out_, value);
  }

  // An array of strings, left out when empty like every other value.
  void StringList(std::string_view key, std::span<const std::string> values) {
    if (values.empty()) {
      return;
    }
    Key(key);
    out_ += '[';
    for (std::size_t index = 0; index < values.size(); ++index) {
      out_ += index == 0 ? "\n" : ",\n";
      Indent(depth_ + 2);
      AppendJsonString(out_, values[index]);
    }
    out_ += '\n';
    Indent(depth_ + 1);
    out_ += ']';
  }

  void Close() {
    if (!empty_) {
      out_ += '\n';
      Indent(depth_);
    }
    out_ += '}';
  }

 private:
  void Key(std::string_view key) {
    out_ += empty_ ? "\n" : ",\n";
    empty_ = false;
    Indent(depth_ + 1);
    out_ += '"';
    out_ += key;  // the keys are fixed snake_case names: nothing to escape
    out_ += "\": ";
  }

  void Indent(int depth) { out_.append(static_cast<std::size_t>(depth) * 2, ' '); }

  std::string& out_;
  int depth_;
  bool empty_ = true;
};

void AppendToken(std::string& out,
                 const ManagementToken& token,
                 const Secret* secret,
                 std::span<const std::string> delivered_to,
                 int depth) {
  ObjectWriter object(out, depth);
  object.String("id", token.id);
  object.String("account_id", token.account_id);
  object.String("token_prefix", token.token_prefix);
  object.Time("expires_at", token.expires_at);
  object.Time("revoked_at", token.revoked_at);
  object.Time("created_at", token.created_at);
  object.String("description", token.description);
  object.String("created_by", token.created_by);
  object.StringList("delivered_to", delivered_to);
  if (secret != nullptr) {
    object.String("token", secret->Reveal());
  }
  object.Close();
}

}  // namespace

void AppendJsonString(std::string& out, std::string_view text) {
  out += '"';

  std::size_t run_start = 0;
  bool run_needs_escaping = false;
  Utf8Reader reader(text);
  while (!reader.Done()) {
    const std::size_t position = reader.position();
    const CodePoint code_point = reader.Next();
    const char32_t c = code_point.value;

    // C0, the quote and the backslash are Poco's to escape.
    if (code_point.well_formed && (c < 0x20 || c == U'"' || c == U'\\')) {
      run_needs_escaping = true;
      continue;
    }
    if (code_point.well_formed && !IsTerminalControl(c)) {
      continue;
    }

    AppendJsonRun(out, text.substr(run_start, position - run_start), run_needs_escaping);
    if (code_point.well_formed) {
      AppendUnicodeEscape(out, c);
    } else {
      out += kReplacementCharacterUtf8;
    }
    run_start = reader.position();
    run_needs_escaping = false;
  }
  AppendJsonRun(out, text.substr(run_start), run_needs_escaping);

  out += '"';
}

std::string CreatedJson(const ManagementToken& token,
                        const Secret* secret,
                        std::span<const std::string> delivered_to) {
  std::string document;
  document.reserve(512);
  AppendToken(document, token, secret, delivered_to, 0);
  document += '\n';
  return document;
}

std::string ListJson(std::span<const ManagementToken> tokens) {
  if (tokens.empty()) {
    return "[]\n";
  }

  std::string document;
  document.reserve(tokens.size() * 400);
  document += '[';
  for (std::size_t index = 0; index < tokens.size(); ++index) {
    document += index == 0 ? "\n  " : ",\n  ";
    AppendToken(document, tokens[index], nullptr, {}, 1);
  }
  document += "\n]\n";
  return document;
}

}  // namespace influxctl::formats

// SPDX-License-Identifier: Apache-2.0
//
// Redaction for traces and messages (see trace_redaction.hpp). JSON answers
// are parsed and rewritten rather than scanned, so nesting and escapes cannot
// hide a value; whatever is not JSON still loses every literal secret.

#include "trace_redaction.hpp"

#include <Poco/Exception.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>

#include <array>
#include <sstream>

namespace influxctl::vault {
namespace {

constexpr std::size_t kShortestLiteral = 8;

constexpr std::array<std::string_view, 4> kCredentialKeys = {"id", "accessor", "client_token",
                                                             "wrapping_token"};

bool IsCredentialKey(const std::string& key) {
  for (std::string_view candidate : kCredentialKeys) {
    if (key == candidate) {
      return true;
    }
  }
  return false;
}

void RedactValues(Poco::Dynamic::Var& value) {
  if (value.type() == typeid(Poco::JSON::Object::Ptr)) {
    Poco::JSON::Object::Ptr object = value.extract<Poco::JSON::Object::Ptr>();
    std::vector<std::string> names;
    object->getNames(names);
    for (const std::string& name : names) {
      Poco::Dynamic::Var child = object->get(name);
      if (IsCredentialKey(name) && child.isString()) {
        object->set(name, std::string(Secret::kRedacted));
      } else {
        RedactValues(child);
      }
    }
  } else if (value.type() == typeid(Poco::JSON::Array::Ptr)) {
    Poco::JSON::Array::Ptr array = value.extract<Poco::JSON::Array::Ptr>();
    for (std::size_t i = 0; i < array->size(); ++i) {
      Poco::Dynamic::Var child = array->get(static_cast<unsigned>(i));
      RedactValues(child);
    }
  }
}

bool EqualsIgnoringCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) {
    return false;
  }
  for (std::size_t i = 0; i < a.size(); ++i) {
    auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; };
    if (lower(a[i]) != lower(b[i])) {
      return false;
    }
  }
  return true;
}

}  // namespace

std::string WithoutSecrets(std::string_view text, SecretList secrets) {
  std::string out(text);
  for (const Secret* secret : secrets) {
    // A very short "secret" would match inside ordinary words; the header and
    // key redaction still hide it where Vault puts it.
    if (secret == nullptr || secret->size() < kShortestLiteral) {
      continue;
    }
    const std::string& value = secret->Reveal();
    for (std::size_t at = out.find(value); at != std::string::npos;
         at = out.find(value, at + std::string_view(Secret::kRedacted).size())) {
      out.replace(at, value.size(), Secret::kRedacted);
    }
  }
  return out;
}

std::string RedactAnswerBody(std::string_view body, SecretList secrets) {
  std::string shown(body);
  try {
    Poco::JSON::Parser parser;
    Poco::Dynamic::Var parsed = parser.parse(shown);
    RedactValues(parsed);
    std::ostringstream text;
    Poco::JSON::Stringifier::condense(parsed, text);
    shown = text.str();
  } catch (const Poco::Exception&) {
    // Not JSON: only the literal secrets below can be found in it.
  }
  return WithoutSecrets(shown, secrets);
}

std::string RedactHeader(std::string_view name, std::string_view value) {
  if (EqualsIgnoringCase(name, "X-Vault-Token") || EqualsIgnoringCase(name, "Authorization") ||
      EqualsIgnoringCase(name, "Cookie") || EqualsIgnoringCase(name, "Set-Cookie")) {
    return Secret::kRedacted;
  }
  return std::string(value);
}

std::string PrintableText(std::string_view text, std::size_t limit) {
  std::string out;
  bool cut = false;
  for (std::size_t i = 0; i < text.size();) {
    auto c = static_cast<unsigned char>(text[i]);
    std::size_t length = c < 0x80 ? 1 : c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 0;
    bool whole = length > 0 && i + length <= text.size();
    for (std::size_t k = 1; whole && k < length; ++k) {
      whole = (static_cast<unsigned char>(text[i + k]) & 0xc0) == 0x80;
    }
    // C1 controls (U+0080..U+009F) drive terminals as C0 ones do.
    bool control =
        c < 0x20 || c == 0x7f ||
        (whole && length == 2 && c == 0xc2 && static_cast<unsigned char>(text[i + 1]) < 0xa0);
    std::string piece = control ? " " : whole ? std::string(text.substr(i, length)) : "?";
    i += whole ? length : 1;
    if (piece == " " && (out.empty() || out.back() == ' ')) {
      continue;
    }
    if (out.size() + piece.size() > limit) {
      cut = true;
      break;
    }
    out += piece;
  }
  while (!out.empty() && out.back() == ' ') {
    out.pop_back();
  }
  return cut ? out + "..." : out;
}

}  // namespace influxctl::vault

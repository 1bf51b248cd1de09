// SPDX-License-Identifier: Apache-2.0
//
// The KV write body (see secret_body.hpp). Fields go in a fixed order: the
// token first, then id, description and expires_at, so a trace reads the
// same every time.

#include "secret_body.hpp"

#include <algorithm>

#include <influxctl/time.hpp>

namespace influxctl::vault {
namespace {

// Appends `"name": value` pairs to both renderings.
class TwinWriter {
 public:
  TwinWriter(std::string& json, std::string& trace) : json_(json), trace_(trace) {}

  void Field(const std::string& name, std::string_view value, bool secret) {
    if (name.empty()) {
      return;
    }
    std::string key = (first_ ? "" : ",") + JsonString(name) + ":";
    first_ = false;
    json_ += key;
    trace_ += key;
    std::string quoted = JsonString(value);
    json_ += quoted;
    trace_ += secret ? JsonString(Secret::kRedacted) : quoted;
    std::fill(quoted.begin(), quoted.end(), '\0');
  }

  void Raw(std::string_view text) {
    json_ += text;
    trace_ += text;
  }

 private:
  std::string& json_;
  std::string& trace_;
  bool first_ = true;
};

}  // namespace

std::string JsonString(std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(text.size() + 2);
  out += '"';
  for (unsigned char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20 || c == 0x7f) {
          out += "\\u00";
          out += kHex[c >> 4];
          out += kHex[c & 0xf];
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  out += '"';
  return out;
}

SecretBody::SecretBody(const VaultOptions& options, const CreatedToken& created) {
  // Room for the worst case (every byte escaped as \u00XX) up front, so the
  // body never moves and leaves an unwiped copy of the secret behind.
  const FieldNames& fields = options.fields;
  const ManagementToken& token = created.token;
  std::size_t room = 64;
  for (std::string_view part :
       {std::string_view(fields.token), std::string_view(fields.id),
        std::string_view(fields.description), std::string_view(fields.expires_at),
        std::string_view(created.secret.Reveal()), std::string_view(token.id),
        std::string_view(token.description)}) {
    room += 6 * part.size() + 4;
  }
  json_.reserve(room + 64);
  TwinWriter writer(json_, trace_);
  const bool v2 = options.paths.kv_version() == 2;
  writer.Raw("{");
  if (v2) {
    if (options.cas) {
      writer.Raw("\"options\":{\"cas\":" + std::to_string(*options.cas) + "},");
    }
    writer.Raw("\"data\":{");
  }
  writer.Field(fields.token, created.secret.Reveal(), true);
  writer.Field(fields.id, token.id, false);
  writer.Field(fields.description, token.description, false);
  writer.Field(fields.expires_at,
               token.expires_at ? FormatRfc3339(*token.expires_at, true) : std::string(), false);
  writer.Raw(v2 ? "}}" : "}");
}

SecretBody::~SecretBody() {
  std::fill(json_.begin(), json_.end(), '\0');
}

}  // namespace influxctl::vault

// SPDX-License-Identifier: Apache-2.0
//
// Reading and writing the version 1 keystore document (see keystore_format.hpp).
// Poco::JSON does the JSON; this file checks every key, type, base64 field
// and size, and reports the first problem with its place in the document.

#include "keystore_format.hpp"

#include <Poco/Dynamic/Var.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <initializer_list>
#include <sstream>

namespace influxctl::keystore {
namespace {

using Poco::JSON::Object;

// A problem found while reading, and where: "entries.\"prod/mgmt\".nonce".
struct Problem {
  std::string where;
  std::string what;
};

class Reader {
 public:
  explicit Reader(std::string path) : path_(std::move(path)) {}

  Error Fail(const Problem& problem) const {
    std::string where = problem.where.empty() ? "" : " at " + problem.where;
    return Error::Output("keystore " + path_ + " is damaged or not a keystore" + where + ": " +
                         problem.what + "; restore it from a backup, or point path elsewhere");
  }

  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

std::string Quoted(std::string_view text) {
  return "\"" + std::string(text) + "\"";
}

// Only the keys in `allowed` may appear in `object`.
std::optional<Problem> OnlyKeys(const Object& object,
                                const std::string& where,
                                std::initializer_list<std::string_view> allowed) {
  std::vector<std::string> names;
  object.getNames(names);
  for (const std::string& name : names) {
    bool known = false;
    for (std::string_view key : allowed) {
      known = known || key == name;
    }
    if (!known) {
      return Problem{where, "unknown key " + Quoted(name) +
                                " (written by a newer influxctl, or edited by hand)"};
    }
  }
  return std::nullopt;
}

std::string Join(const std::string& where, std::string_view key) {
  return where.empty() ? std::string(key) : where + "." + std::string(key);
}

std::optional<Problem> GetString(const Object& object,
                                 const std::string& where,
                                 std::string_view key,
                                 bool required,
                                 std::string& value) {
  const std::string name(key);
  if (!object.has(name)) {
    if (required) {
      return Problem{where, "the key " + Quoted(key) + " is missing"};
    }
    value.clear();
    return std::nullopt;
  }
  Poco::Dynamic::Var var = object.get(name);
  if (!var.isString()) {
    return Problem{Join(where, key), "must be a string"};
  }
  value = var.extract<std::string>();
  if (!required && value.empty()) {
    return Problem{Join(where, key), "is empty; leave the key out instead"};
  }
  return std::nullopt;
}

std::optional<Problem> GetCount(const Object& object,
                                const std::string& where,
                                std::string_view key,
                                std::uint64_t& value) {
  const std::string name(key);
  if (!object.has(name)) {
    return Problem{where, "the key " + Quoted(key) + " is missing"};
  }
  Poco::Dynamic::Var var = object.get(name);
  if (!var.isInteger() || var.convert<std::int64_t>() < 0) {
    return Problem{Join(where, key), "must be a whole number, 0 or more"};
  }
  value = var.convert<std::uint64_t>();
  return std::nullopt;
}

std::optional<Problem> GetBytes(const Object& object,
                                const std::string& where,
                                std::string_view key,
                                std::size_t exact_size,
                                std::string& value) {
  std::string text;
  if (auto problem = GetString(object, where, key, true, text)) {
    return problem;
  }
  std::optional<std::string> bytes = DecodeBase64(text);
  if (!bytes) {
    return Problem{Join(where, key), "is not base64"};
  }
  if (exact_size != 0 && bytes->size() != exact_size) {
    return Problem{Join(where, key), "must hold " + std::to_string(exact_size) + " bytes, not " +
                                         std::to_string(bytes->size())};
  }
  value = std::move(*bytes);
  return std::nullopt;
}

Object::Ptr GetObject(const Object& object, std::string_view key) {
  const std::string name(key);
  return object.has(name) && object.isObject(name) ? object.getObject(name) : nullptr;
}

std::optional<Problem> ReadKdf(const Object& top, ScryptParams& kdf) {
  Object::Ptr object = GetObject(top, "kdf");
  if (!object) {
    return Problem{"", "the key \"kdf\" is missing or not an object"};
  }
  std::string name;
  if (auto problem = OnlyKeys(*object, "kdf", {"name", "n", "r", "p", "salt"})) {
    return problem;
  }
  if (auto problem = GetString(*object, "kdf", "name", true, name)) {
    return problem;
  }
  if (name != kKdfName) {
    return Problem{"kdf.name", Quoted(name) +
                                   " is not a key derivation this influxctl knows "
                                   "(it knows \"scrypt\")"};
  }
  for (auto [key, field] : {std::pair{"n", &kdf.n}, {"r", &kdf.r}, {"p", &kdf.p}}) {
    if (auto problem = GetCount(*object, "kdf", key, *field)) {
      return problem;
    }
  }
  if (auto problem = GetBytes(*object, "kdf", "salt", 0, kdf.salt)) {
    return problem;
  }
  if (std::string problem = CheckScryptParams(kdf); !problem.empty()) {
    return Problem{"kdf", problem};
  }
  return std::nullopt;
}

std::optional<Problem> ReadCheck(const Object& top, SealedBox& check) {
  Object::Ptr object = GetObject(top, "check");
  if (!object) {
    return Problem{"", "the key \"check\" is missing or not an object"};
  }
  if (auto problem = OnlyKeys(*object, "check", {"nonce", "tag"})) {
    return problem;
  }
  if (auto problem = GetBytes(*object, "check", "nonce", kNonceSize, check.nonce)) {
    return problem;
  }
  return GetBytes(*object, "check", "tag", kTagSize, check.tag);
}

std::optional<Problem> ReadEntry(const Object& object,
                                 const std::string& where,
                                 KeystoreEntry& entry) {
  if (auto problem = OnlyKeys(object, where,
                              {"token_id", "description", "expires_at", "created_at", "stored_at",
                               "nonce", "ciphertext", "tag"})) {
    return problem;
  }
  EntryMetadata& m = entry.metadata;
  for (auto [key, field, required] : {std::tuple{"token_id", &m.token_id, true},
                                      {"description", &m.description, true},
                                      {"expires_at", &m.expires_at, false},
                                      {"created_at", &m.created_at, false},
                                      {"stored_at", &m.stored_at, true}}) {
    if (auto problem = GetString(object, where, key, required, *field)) {
      return problem;
    }
  }
  if (m.token_id.empty()) {
    return Problem{Join(where, "token_id"), "is empty"};
  }
  if (auto problem = GetBytes(object, where, "nonce", kNonceSize, entry.box.nonce)) {
    return problem;
  }
  if (auto problem = GetBytes(object, where, "ciphertext", 0, entry.box.ciphertext)) {
    return problem;
  }
  if (entry.box.ciphertext.empty()) {
    return Problem{Join(where, "ciphertext"), "is empty"};
  }
  return GetBytes(object, where, "tag", kTagSize, entry.box.tag);
}

void AppendField(std::string& data, std::string_view field) {
  const auto size = static_cast<std::uint32_t>(field.size());
  for (int shift = 24; shift >= 0; shift -= 8) {
    data += static_cast<char>((size >> shift) & 0xff);
  }
  data += field;
}

std::string AssociatedData(std::initializer_list<std::string_view> fields) {
  std::string data;
  AppendField(data, kFormatName);
  AppendField(data, std::to_string(kFormatVersion));
  for (std::string_view field : fields) {
    AppendField(data, field);
  }
  return data;
}

}  // namespace

bool IsBlankKeystore(std::string_view text) {
  return text.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

Result<KeystoreDocument> ParseKeystore(std::string_view text, const std::string& path) {
  Reader reader(path);
  Object::Ptr top;
  try {
    Poco::JSON::Parser parser;
    Poco::Dynamic::Var parsed = parser.parse(std::string(text));
    if (parsed.type() == typeid(Object::Ptr)) {
      top = parsed.extract<Object::Ptr>();
    }
  } catch (const std::exception& error) {
    return reader.Fail({"", std::string("it is not JSON (") + error.what() + ")"});
  }
  if (!top) {
    return reader.Fail({"", "it is not a JSON object"});
  }

  // Format and version first: a newer file may differ in everything else.
  std::string format;
  if (auto problem = GetString(*top, "", "format", true, format)) {
    return reader.Fail(*problem);
  }
  if (format != kFormatName) {
    return reader.Fail({"format", Quoted(format) + " is not \"influxctl-keystore\""});
  }
  std::uint64_t version = 0;
  if (auto problem = GetCount(*top, "", "version", version)) {
    return reader.Fail(*problem);
  }
  if (version != static_cast<std::uint64_t>(kFormatVersion)) {
    return Error::Output("keystore " + path + " has format version " + std::to_string(version) +
                         ", but this influxctl reads version 1 only; use the influxctl that "
                         "wrote it, or a newer one");
  }
  if (auto problem =
          OnlyKeys(*top, "", {"format", "version", "cipher", "kdf", "check", "entries"})) {
    return reader.Fail(*problem);
  }
  std::string cipher;
  if (auto problem = GetString(*top, "", "cipher", true, cipher)) {
    return reader.Fail(*problem);
  }
  if (cipher != kCipherName) {
    return reader.Fail({"cipher", Quoted(cipher) + " is not \"aes-256-gcm\""});
  }

  KeystoreDocument document;
  if (auto problem = ReadKdf(*top, document.kdf)) {
    return reader.Fail(*problem);
  }
  if (auto problem = ReadCheck(*top, document.check)) {
    return reader.Fail(*problem);
  }
  Object::Ptr entries = GetObject(*top, "entries");
  if (!entries) {
    return reader.Fail({"", "the key \"entries\" is missing or not an object"});
  }
  std::vector<std::string> names;
  entries->getNames(names);
  for (const std::string& name : names) {
    std::string where = "entries." + Quoted(name);
    Object::Ptr object = GetObject(*entries, name);
    if (!object) {
      return reader.Fail({where, "must be an object"});
    }
    KeystoreEntry entry;
    if (auto problem = ReadEntry(*object, where, entry)) {
      return reader.Fail(*problem);
    }
    document.entries.emplace(name, std::move(entry));
  }
  return document;
}

std::string SerializeKeystore(const KeystoreDocument& document) {
  Object kdf(Poco::JSON_PRESERVE_KEY_ORDER);
  kdf.set("name", std::string(kKdfName));
  kdf.set("n", document.kdf.n);
  kdf.set("r", document.kdf.r);
  kdf.set("p", document.kdf.p);
  kdf.set("salt", EncodeBase64(document.kdf.salt));

  Object check(Poco::JSON_PRESERVE_KEY_ORDER);
  check.set("nonce", EncodeBase64(document.check.nonce));
  check.set("tag", EncodeBase64(document.check.tag));

  Object entries(Poco::JSON_PRESERVE_KEY_ORDER);
  for (const auto& [name, entry] : document.entries) {
    Object::Ptr object = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
    const EntryMetadata& m = entry.metadata;
    object->set("token_id", m.token_id);
    object->set("description", m.description);
    if (!m.expires_at.empty()) {
      object->set("expires_at", m.expires_at);
    }
    if (!m.created_at.empty()) {
      object->set("created_at", m.created_at);
    }
    object->set("stored_at", m.stored_at);
    object->set("nonce", EncodeBase64(entry.box.nonce));
    object->set("ciphertext", EncodeBase64(entry.box.ciphertext));
    object->set("tag", EncodeBase64(entry.box.tag));
    entries.set(name, object);
  }

  Object top(Poco::JSON_PRESERVE_KEY_ORDER);
  top.set("format", std::string(kFormatName));
  top.set("version", kFormatVersion);
  top.set("cipher", std::string(kCipherName));
  top.set("kdf", kdf);
  top.set("check", check);
  top.set("entries", entries);

  std::ostringstream out;
  top.stringify(out, 2);
  out << '\n';
  return out.str();
}

std::string CheckAssociatedData() {
  return AssociatedData({"check"});
}

std::string EntryAssociatedData(std::string_view name, const EntryMetadata& metadata) {
  return AssociatedData({"entry", name, metadata.token_id, metadata.description,
                         metadata.expires_at, metadata.created_at, metadata.stored_at});
}

}  // namespace influxctl::keystore

// SPDX-License-Identifier: Apache-2.0
//
// The fake Vault's answer shapes and shared helpers (see vault_replies.hpp).

#include "vault_replies.hpp"

#include <Poco/Exception.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>
#include <Poco/UUIDGenerator.h>

#include <sstream>

namespace influxctl::fake_vault {

using Poco::JSON::Array;
using Poco::JSON::Object;

std::string Json(const Poco::Dynamic::Var& value) {
  std::ostringstream text;
  Poco::JSON::Stringifier::condense(value, text);
  return text.str();
}

ApiReply Errors(int status, const std::vector<std::string>& reasons) {
  Object::Ptr body = new Object;
  Array::Ptr list = new Array;
  for (const std::string& reason : reasons) {
    list->add(reason);
  }
  body->set("errors", list);
  return ApiReply{status, Json(body)};
}

ApiReply Denied() {
  return Errors(403, {"1 error occurred:\n\t* permission denied\n\n"});
}

ApiReply BadToken() {
  return Errors(403, {"permission denied"});
}

ApiReply NoRoute(const std::string& path) {
  return Errors(404, {"no handler for route \"" + path + "\". route entry not found."});
}

ApiReply NotFound() {
  return Errors(404, {});
}

ApiReply Envelope(const Object::Ptr& data, int lease_duration) {
  Object::Ptr body = new Object;
  body->set("request_id", Poco::UUIDGenerator::defaultGenerator().createRandom().toString());
  body->set("lease_id", "");
  body->set("renewable", false);
  body->set("lease_duration", lease_duration);
  body->set("data", data);
  body->set("wrap_info", Poco::Dynamic::Var());
  body->set("warnings", Poco::Dynamic::Var());
  body->set("auth", Poco::Dynamic::Var());
  return ApiReply{200, Json(body)};
}

Object::Ptr ParseObject(const std::string& text) {
  try {
    Poco::JSON::Parser parser;
    Poco::Dynamic::Var parsed = parser.parse(text);
    if (parsed.type() == typeid(Object::Ptr)) {
      return parsed.extract<Object::Ptr>();
    }
  } catch (const Poco::Exception&) {
    // Not JSON.
  }
  return nullptr;
}

std::optional<std::int64_t> QueryNumber(const std::string& query, const std::string& key) {
  std::string wanted = key + "=";
  std::size_t at = query.rfind(wanted, 0) == 0 ? 0 : query.find("&" + wanted);
  if (at == std::string::npos) {
    return std::nullopt;
  }
  at += at == 0 ? wanted.size() : wanted.size() + 1;
  std::string value = query.substr(at, query.find('&', at) - at);
  if (value.empty() || value.find_first_not_of("0123456789") != std::string::npos) {
    return std::nullopt;
  }
  return std::stoll(value);
}

std::string Prefixed(const std::string& vault_namespace, const std::string& path) {
  return vault_namespace.empty() ? path : vault_namespace + "/" + path;
}

bool IsWrite(const std::string& method) {
  return method == "POST" || method == "PUT";
}

}  // namespace influxctl::fake_vault

// SPDX-License-Identifier: Apache-2.0
//
// JSON mapping of management tokens (see token_json.hpp), on Poco::JSON.
// Every Poco exception stops here and becomes a kTransport error.

#include "token_json.hpp"

#include <Poco/Exception.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <sstream>

#include <influxctl/time.hpp>

namespace influxctl::rest {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

Error Malformed(std::string_view problem) {
  return Error::Transport("the server's answer is not what the management API returns: " +
                          std::string(problem));
}

// The whole body as a JSON value; a syntax error (a cut-short body included)
// is reported by position, never by quoting the text.
Result<Poco::Dynamic::Var> ParseJson(std::string_view body) {
  if (body.empty()) {
    return Malformed("the body is empty where JSON was expected");
  }
  try {
    Poco::JSON::Parser parser;
    return parser.parse(std::string(body));
  } catch (const Poco::Exception&) {
    return Malformed("the body (" + std::to_string(body.size()) +
                     " bytes) is not complete, valid JSON; it may have been cut short");
  }
}

// Optional string field: absent and null read as empty.
Result<std::string> StringField(const Object& object, const std::string& key) {
  if (!object.has(key) || object.isNull(key)) {
    return std::string();
  }
  Poco::Dynamic::Var value = object.get(key);
  if (!value.isString()) {
    return Malformed("\"" + key + "\" is not a string");
  }
  return value.extract<std::string>();
}

// Optional time field: absent, null and "" read as unset.
Result<std::optional<Timestamp>> TimeField(const Object& object, const std::string& key) {
  Result<std::string> text = StringField(object, key);
  if (!text.ok()) {
    return text.error();
  }
  if (text.value().empty()) {
    return std::optional<Timestamp>();
  }
  Result<Timestamp> parsed = ParseRfc3339(text.value());
  if (!parsed.ok()) {
    return Malformed("\"" + key + "\" is not an RFC 3339 time: " + parsed.error().message());
  }
  return std::optional<Timestamp>(parsed.value());
}

Result<ManagementToken> TokenFromObject(const Object& object) {
  ManagementToken token;
  for (auto [key, field] : {std::pair{"id", &token.id},
                            {"accountId", &token.account_id},
                            {"tokenPrefix", &token.token_prefix},
                            {"description", &token.description},
                            {"createdBy", &token.created_by}}) {
    Result<std::string> value = StringField(object, key);
    if (!value.ok()) {
      return value.error();
    }
    *field = std::move(value).value();
  }
  if (token.id.empty()) {
    return Malformed("a token has no \"id\"");
  }
  for (auto [key, field] : {std::pair{"createdAt", &token.created_at},
                            {"expiresAt", &token.expires_at},
                            {"revokedAt", &token.revoked_at}}) {
    Result<std::optional<Timestamp>> value = TimeField(object, key);
    if (!value.ok()) {
      return value.error();
    }
    *field = value.value();
  }
  return token;
}

}  // namespace

std::string CreateRequestBody(const CreateRequest& request) {
  Object body(Poco::JSON_PRESERVE_KEY_ORDER);
  if (request.description) {
    body.set("description", *request.description);
  }
  if (request.expires_at) {
    body.set("expiresAt", FormatRfc3339(*request.expires_at, true));
  }
  std::ostringstream text;
  body.stringify(text);
  return text.str();
}

Result<CreatedToken> ParseCreatedToken(std::string_view body) {
  try {
    Result<Poco::Dynamic::Var> json = ParseJson(body);
    if (!json.ok()) {
      return json.error();
    }
    Object::Ptr object = json.value().type() == typeid(Object::Ptr)
                             ? json.value().extract<Object::Ptr>()
                             : Object::Ptr();
    if (object.isNull()) {
      return Malformed("a created token must be a JSON object");
    }
    Result<ManagementToken> token = TokenFromObject(*object);
    if (!token.ok()) {
      return token.error();
    }
    Result<std::string> secret = StringField(*object, "accessToken");
    if (!secret.ok()) {
      return secret.error();
    }
    if (secret.value().empty()) {
      return Malformed("the created token " + token.value().id +
                       " came without its \"accessToken\"; revoke it with \"influxctl "
                       "management revoke " +
                       token.value().id + "\", as nobody holds its secret");
    }
    CreatedToken created;
    created.token = std::move(token).value();
    created.secret = Secret(std::move(secret).value());
    return created;
  } catch (const Poco::Exception& e) {
    return Malformed(e.displayText());
  }
}

Result<std::vector<ManagementToken>> ParseTokenList(std::string_view body) {
  try {
    Result<Poco::Dynamic::Var> json = ParseJson(body);
    if (!json.ok()) {
      return json.error();
    }
    Array::Ptr array;
    if (json.value().type() == typeid(Array::Ptr)) {
      array = json.value().extract<Array::Ptr>();
    } else if (json.value().type() == typeid(Object::Ptr)) {
      Object::Ptr object = json.value().extract<Object::Ptr>();
      if (object->has("tokens") && !object->isNull("tokens")) {
        array = object->getArray("tokens");
      } else if (object->has("tokens")) {
        return std::vector<ManagementToken>();  // "tokens": null, as some servers say none
      }
    }
    if (array.isNull()) {
      return Malformed("a token list must be a JSON array or an object with a \"tokens\" array");
    }
    std::vector<ManagementToken> tokens;
    tokens.reserve(array->size());
    for (std::size_t i = 0; i < array->size(); ++i) {
      Object::Ptr object = array->getObject(static_cast<unsigned>(i));
      if (object.isNull()) {
        return Malformed("entry " + std::to_string(i + 1) + " of the token list is not an object");
      }
      Result<ManagementToken> token = TokenFromObject(*object);
      if (!token.ok()) {
        return token.error();
      }
      tokens.push_back(std::move(token).value());
    }
    return tokens;
  } catch (const Poco::Exception& e) {
    return Malformed(e.displayText());
  }
}

std::optional<ServerProblem> ParseServerProblem(std::string_view body) {
  try {
    Poco::JSON::Parser parser;
    Poco::Dynamic::Var json = parser.parse(std::string(body));
    if (json.type() != typeid(Object::Ptr)) {
      return std::nullopt;
    }
    Object::Ptr object = json.extract<Object::Ptr>();
    ServerProblem problem;
    if (object->has("message") && object->get("message").isString()) {
      problem.message = object->get("message").extract<std::string>();
    }
    if (object->has("code") && object->get("code").isInteger()) {
      problem.code = object->get("code").convert<Poco::Int64>();
    }
    if (problem.message.empty() && !problem.code) {
      return std::nullopt;
    }
    return problem;
  } catch (const Poco::Exception&) {
    return std::nullopt;
  }
}

}  // namespace influxctl::rest

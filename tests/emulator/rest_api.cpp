// SPDX-License-Identifier: Apache-2.0
//
// The REST management-token contract (see rest_api.hpp). Bodies are checked
// strictly, unknown fields included, so that a client sending snake_case
// ("expires_at") or a non-RFC 3339 time learns it from a 400 instead of
// silently creating a token that never expires.

#include "emulator/rest_api.hpp"

#include <Poco/Dynamic/Var.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <sstream>

namespace influxctl::emulator {
namespace {

constexpr std::size_t kMaxIdempotencyKey = 255;

std::string Stringify(const Poco::Dynamic::Var& value) {
  std::ostringstream text;
  if (value.type() == typeid(Poco::JSON::Object::Ptr)) {
    value.extract<Poco::JSON::Object::Ptr>()->stringify(text);
  } else {
    value.extract<Poco::JSON::Array::Ptr>()->stringify(text);
  }
  return text.str();
}

RestReply JsonReply(int status, const Poco::Dynamic::Var& value) {
  return RestReply{status, Stringify(value), {}};
}

// The camelCase token shape; times as RFC 3339, left out when unset.
Poco::JSON::Object::Ptr TokenJson(const StoredToken& token) {
  Poco::JSON::Object::Ptr json = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
  json->set("id", token.id);
  json->set("accountId", token.account_id);
  json->set("tokenPrefix", token.token_prefix);
  json->set("description", token.description.value_or(""));
  json->set("createdBy", token.created_by);
  json->set("createdAt", FormatRfc3339(token.created_at));
  if (token.expires_at) {
    json->set("expiresAt", FormatRfc3339(*token.expires_at));
  }
  if (token.revoked_at) {
    json->set("revokedAt", FormatRfc3339(*token.revoked_at));
  }
  return json;
}

// Where the call points: the collection, one token, or nowhere (a message).
struct Route {
  bool found = false;
  std::string token_id;  // empty: the collection
  std::string problem;
};

Route Resolve(const EmulatorState& state, const std::string& path) {
  const std::string clustered = "/api/v0/management-tokens";
  const std::string accounts = "/api/v0/accounts/";
  std::string rest;  // what follows the collection path

  if (state.config().dedicated()) {
    if (path.rfind(accounts, 0) != 0) {
      return Route{false,
                   {},
                   "no such path; a Dedicated cluster serves "
                   "/api/v0/accounts/{accountId}/management-tokens"};
    }
    const std::string tail = path.substr(accounts.size());
    const auto slash = tail.find('/');
    const std::string account = tail.substr(0, slash);
    const std::string after = slash == std::string::npos ? "" : tail.substr(slash);
    if (after.rfind("/management-tokens", 0) != 0) {
      return Route{false, {}, "no such path under account " + account};
    }
    if (account != state.account_id()) {
      return Route{false, {}, "account \"" + account + "\" not found"};
    }
    rest = after.substr(std::string("/management-tokens").size());
  } else {
    if (path.rfind(clustered, 0) != 0) {
      return Route{false,
                   {},
                   "no such path; a Clustered cluster serves "
                   "/api/v0/management-tokens"};
    }
    rest = path.substr(clustered.size());
  }

  if (rest.empty()) {
    return Route{true, {}, {}};
  }
  if (rest.size() > 1 && rest[0] == '/' && rest.find('/', 1) == std::string::npos) {
    return Route{true, rest.substr(1), {}};
  }
  return Route{false, {}, "no such path: " + path};
}

// The create body: {"description"?: string, "expiresAt"?: RFC 3339 string}.
// An empty body means {}. Fills `request` or returns the problem.
std::string ParseCreateBody(const std::string& body, CreateRequest& request) {
  if (body.find_first_not_of(" \t\r\n") == std::string::npos) {
    return {};
  }
  Poco::Dynamic::Var parsed;
  try {
    parsed = Poco::JSON::Parser().parse(body);
  } catch (const Poco::Exception& error) {
    return "the body is not valid JSON: " + error.displayText();
  }
  if (parsed.type() != typeid(Poco::JSON::Object::Ptr)) {
    return "the body must be a JSON object such as {\"description\": \"ci\"}";
  }

  const auto object = parsed.extract<Poco::JSON::Object::Ptr>();
  for (const auto& [key, value] : *object) {
    if (key != "description" && key != "expiresAt") {
      return "unknown field \"" + key + "\"; a create takes \"description\" and \"expiresAt\"";
    }
    if (value.isEmpty()) {
      continue;  // null: as if absent
    }
    if (!value.isString()) {
      return "\"" + key + "\" must be a string";
    }
    const std::string text = value.extract<std::string>();
    if (key == "description") {
      request.description = text;
      continue;
    }
    request.expires_at = ParseRfc3339(text);
    if (!request.expires_at) {
      return "\"expiresAt\" must be an RFC 3339 date-time such as 2030-01-01T00:00:00Z, got \"" +
             text + "\"";
    }
    if (*request.expires_at <= Now()) {
      return "\"expiresAt\" must be in the future, got \"" + text + "\"";
    }
  }
  return {};
}

RestReply Create(EmulatorState& state,
                 const RestCall& call,
                 const std::string& created_by,
                 const std::string& collection_path) {
  // Validate before minting anything.
  const bool json =
      call.content_type.empty() || call.content_type.rfind("application/json", 0) == 0;
  if (!json && !call.body.empty()) {
    return ErrorReply(415, "the body must be JSON (Content-Type: application/json)");
  }
  if (call.idempotency_key.size() > kMaxIdempotencyKey) {
    return ErrorReply(400, "Idempotency-Key is longer than 255 characters");
  }
  CreateRequest request;
  if (const std::string problem = ParseCreateBody(call.body, request); !problem.empty()) {
    return ErrorReply(400, problem);
  }

  // Mint, or replay what the idempotency key minted before.
  request.account_id = state.account_id();
  request.idempotency_key = call.idempotency_key;
  request.created_by = created_by;
  request.protocol = "rest";
  const CreateResult result = state.store().Create(request);
  if (result.outcome == CreateOutcome::kKeyReused) {
    return ErrorReply(422, "Idempotency-Key \"" + call.idempotency_key +
                               "\" was already used with a different request body");
  }

  Poco::JSON::Object::Ptr body = TokenJson(result.token);
  body->set("accessToken", result.access_token);
  RestReply reply = JsonReply(result.outcome == CreateOutcome::kMinted ? 201 : 200, body);
  reply.headers.emplace_back("Location", collection_path + "/" + result.token.id);
  return reply;
}

RestReply List(EmulatorState& state) {
  Poco::JSON::Array::Ptr tokens = new Poco::JSON::Array;
  for (const StoredToken& token : state.store().List(state.account_id())) {
    tokens->add(TokenJson(token));
  }
  return JsonReply(200, tokens);
}

RestReply Revoke(EmulatorState& state, const std::string& token_id) {
  const RevokeResult result = state.store().Revoke(state.account_id(), token_id);
  switch (result.outcome) {
    case RevokeOutcome::kRevoked:
      return RestReply{204, {}, {}};
    case RevokeOutcome::kAlreadyRevoked:
      return ErrorReply(409, "management token " + token_id + " is already revoked");
    case RevokeOutcome::kNotFound:
      break;
  }
  return ErrorReply(404, "management token " + token_id + " not found");
}

RestReply MethodNotAllowed(const std::string& allow) {
  RestReply reply = ErrorReply(405, "method not allowed here; allowed: " + allow);
  reply.headers.emplace_back("Allow", allow);
  return reply;
}

}  // namespace

RestReply ErrorReply(int status, const std::string& message) {
  Poco::JSON::Object::Ptr body = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
  body->set("code", status);
  body->set("message", message);
  return JsonReply(status, body);
}

RestReply HandleManagementCall(EmulatorState& state, const RestCall& call) {
  // Authenticate first: an unauthenticated caller learns nothing about paths.
  const auto created_by = state.Authenticate(call.authorization);
  if (!created_by) {
    RestReply reply =
        ErrorReply(401, call.has_authorization ? "the bearer credential is not accepted"
                                               : "missing Authorization: Bearer <token>");
    reply.headers.emplace_back("WWW-Authenticate", "Bearer");
    return reply;
  }

  const Route route = Resolve(state, call.path);
  if (!route.found) {
    return ErrorReply(404, route.problem);
  }
  if (route.token_id.empty()) {
    const std::string collection = call.path;
    if (call.method == "POST") {
      return Create(state, call, *created_by, collection);
    }
    if (call.method == "GET") {
      return List(state);
    }
    return MethodNotAllowed("GET, POST");
  }
  if (call.method == "DELETE") {
    return Revoke(state, route.token_id);
  }
  return MethodNotAllowed("DELETE");
}

}  // namespace influxctl::emulator

// SPDX-License-Identifier: Apache-2.0
//
// The /_emulator/ control API (see admin_api.hpp).

#include "emulator/admin_api.hpp"

#include <Poco/Dynamic/Var.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <sstream>

namespace influxctl::emulator {
namespace {

RestReply Json(const Poco::JSON::Object& object) {
  std::ostringstream text;
  object.stringify(text);
  return RestReply{200, text.str(), {}};
}

// Reads {"fail_next": 1, ...} into an update, or says what is wrong.
std::string ParseFaults(const std::string& body, FaultUpdate& update) {
  Poco::Dynamic::Var parsed;
  try {
    parsed = Poco::JSON::Parser().parse(body);
  } catch (const Poco::Exception& error) {
    return "the body is not valid JSON: " + error.displayText();
  }
  if (parsed.type() != typeid(Poco::JSON::Object::Ptr)) {
    return "the body must be a JSON object such as {\"fail_next\": 1}";
  }

  for (const auto& [key, value] : *parsed.extract<Poco::JSON::Object::Ptr>()) {
    if (key == "protocol") {
      if (!value.isString()) {
        return "\"protocol\" must be a string";
      }
      update.protocol = value.extract<std::string>();
      continue;
    }
    if (!value.isInteger()) {
      return "\"" + key + "\" must be an integer";
    }
    const int number = value.convert<int>();
    if (key == "fail_next") {
      update.fail_next = number;
    } else if (key == "fail_status") {
      update.fail_status = number;
    } else if (key == "close_next") {
      update.close_next = number;
    } else if (key == "truncate_next") {
      update.truncate_next = number;
    } else if (key == "delay_ms") {
      update.delay = std::chrono::milliseconds{number};
    } else {
      return "unknown field \"" + key +
             "\"; faults are fail_next, fail_status, close_next, truncate_next, delay_ms, "
             "protocol";
    }
  }
  return {};
}

RestReply Tokens(EmulatorState& state) {
  const auto optional_time = [](const std::optional<Instant>& instant) -> Poco::Dynamic::Var {
    return instant ? Poco::Dynamic::Var(FormatRfc3339(*instant)) : Poco::Dynamic::Var();
  };
  Poco::JSON::Array::Ptr tokens = new Poco::JSON::Array;
  for (const StoredToken& token : state.store().All()) {
    Poco::JSON::Object::Ptr item = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    item->set("id", token.id);
    item->set("account_id", token.account_id);
    item->set("token_prefix", token.token_prefix);
    item->set("description",
              token.description ? Poco::Dynamic::Var(*token.description) : Poco::Dynamic::Var());
    item->set("created_by", token.created_by);
    item->set("created_at", FormatRfc3339(token.created_at));
    item->set("expires_at", optional_time(token.expires_at));
    item->set("revoked_at", optional_time(token.revoked_at));
    item->set("idempotency_key", token.idempotency_key);
    item->set("protocol", token.protocol);
    tokens->add(item);
  }
  Poco::JSON::Object out(Poco::JSON_PRESERVE_KEY_ORDER);
  out.set("minted", state.store().minted());
  out.set("tokens", tokens);
  return Json(out);
}

RestReply FaultsReply(EmulatorState& state) {
  return RestReply{200, state.faults().ToJson(), {}};
}

}  // namespace

RestReply HandleAdminCall(EmulatorState& state,
                          const std::string& method,
                          const std::string& path,
                          const std::string& body) {
  if (path == "/_emulator/faults" && method == "POST") {
    FaultUpdate update;
    std::string problem = ParseFaults(body, update);
    if (problem.empty()) {
      problem = state.faults().Apply(update);
    }
    return problem.empty() ? FaultsReply(state) : ErrorReply(400, problem);
  }
  if (path == "/_emulator/faults" && method == "GET") {
    return FaultsReply(state);
  }
  if (path == "/_emulator/tokens" && method == "GET") {
    return Tokens(state);
  }
  if (path == "/_emulator/requests" && method == "GET") {
    return RestReply{200, state.log().ToJson(), {}};
  }
  if (path == "/_emulator/reset" && method == "POST") {
    state.store().Clear();
    state.faults().Reset();
    state.log().Clear();
    return RestReply{204, {}, {}};
  }
  return ErrorReply(404, "no admin endpoint " + method + " " + path +
                             "; see faults, tokens, requests, reset under /_emulator/");
}

}  // namespace influxctl::emulator

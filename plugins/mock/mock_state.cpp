// SPDX-License-Identifier: Apache-2.0
//
// MockState's bookkeeping and its JSON form. The JSON is meant to be read by
// people debugging a harness: indented, keys in a fixed order, times as
// RFC 3339 strings. Reading it back is strict, because a state that lies (a
// repeated id, a sequence that would be minted again) would make the mock
// hand out duplicate tokens; every problem is described with the JSON path of
// the field at fault.

#include "mock_state.hpp"

#include <Poco/Dynamic/Var.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/JSONException.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <sstream>

#include <influxctl/time.hpp>

namespace influxctl::mock {
namespace {

constexpr std::string_view kFormatName = "influxctl-mock-state";
constexpr Poco::Int64 kFormatVersion = 1;
constexpr MockCall kAllCalls[] = {MockCall::kCreate, MockCall::kList, MockCall::kRevoke};

// Reads the fields of one JSON object, keeping the first problem met so that
// the caller can read every field and check once.
class FieldReader {
 public:
  FieldReader(const Poco::JSON::Object& object, std::string where, std::string* problem)
      : object_(object), where_(std::move(where)), problem_(problem) {}

  std::optional<std::string> String(const std::string& key, bool required) {
    std::optional<Poco::Dynamic::Var> value = Field(key, required);
    if (!value) {
      return std::nullopt;
    }
    if (!value->isString()) {
      Fail(key, "is not a string");
      return std::nullopt;
    }
    return value->extract<std::string>();
  }

  std::optional<std::int64_t> Count(const std::string& key, bool required) {
    std::optional<Poco::Dynamic::Var> value = Field(key, required);
    if (!value) {
      return std::nullopt;
    }
    if (!value->isInteger() || value->convert<Poco::Int64>() < 0) {
      Fail(key, "is not a whole number of 0 or more");
      return std::nullopt;
    }
    return value->convert<Poco::Int64>();
  }

  std::optional<std::int64_t> Integer(const std::string& key, bool required) {
    std::optional<Poco::Dynamic::Var> value = Field(key, required);
    if (!value) {
      return std::nullopt;
    }
    if (!value->isInteger()) {
      Fail(key, "is not a whole number");
      return std::nullopt;
    }
    return value->convert<Poco::Int64>();
  }

  std::optional<Timestamp> Time(const std::string& key, bool required) {
    std::optional<std::string> text = String(key, required);
    if (!text) {
      return std::nullopt;
    }
    Result<Timestamp> time = ParseRfc3339(*text);
    if (!time.ok()) {
      Fail(key, "is not an RFC 3339 time (" + time.error().message() + ")");
      return std::nullopt;
    }
    return time.value();
  }

 private:
  std::optional<Poco::Dynamic::Var> Field(const std::string& key, bool required) {
    if (!object_.has(key) || object_.get(key).isEmpty()) {
      if (required) {
        Fail(key, "is missing");
      }
      return std::nullopt;
    }
    return object_.get(key);
  }

  void Fail(const std::string& key, std::string_view what) {
    if (problem_->empty()) {
      *problem_ = where_ + key + " " + std::string(what);
    }
  }

  const Poco::JSON::Object& object_;
  std::string where_;  // JSON path of the object, with a trailing dot
  std::string* problem_;
};

Poco::JSON::Object::Ptr TokenToJson(const StoredToken& stored) {
  const ManagementToken& token = stored.token;
  Poco::JSON::Object::Ptr object = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
  object->set("id", token.id);
  object->set("seed", static_cast<Poco::Int64>(stored.seed));
  object->set("sequence", static_cast<Poco::Int64>(stored.sequence));
  object->set("account_id", token.account_id);
  object->set("token_prefix", token.token_prefix);
  if (!token.description.empty()) {
    object->set("description", token.description);
  }
  object->set("created_by", token.created_by);
  if (token.created_at) {
    object->set("created_at", FormatRfc3339(*token.created_at, true));
  }
  if (token.expires_at) {
    object->set("expires_at", FormatRfc3339(*token.expires_at, true));
  }
  if (token.revoked_at) {
    object->set("revoked_at", FormatRfc3339(*token.revoked_at, true));
  }
  if (!stored.idempotency_key.empty()) {
    object->set("idempotency_key", stored.idempotency_key);
  }
  return object;
}

std::optional<StoredToken> TokenFromJson(const Poco::JSON::Object& object,
                                         const std::string& where,
                                         std::string* problem) {
  FieldReader read(object, where, problem);
  StoredToken stored;
  ManagementToken& token = stored.token;

  std::optional<std::string> id = read.String("id", true);
  std::optional<std::int64_t> seed = read.Integer("seed", true);
  std::optional<std::int64_t> sequence = read.Count("sequence", true);
  std::optional<std::string> prefix = read.String("token_prefix", true);
  std::optional<std::string> account_id = read.String("account_id", false);
  std::optional<std::string> description = read.String("description", false);
  std::optional<std::string> created_by = read.String("created_by", false);
  token.created_at = read.Time("created_at", true);
  token.expires_at = read.Time("expires_at", false);
  token.revoked_at = read.Time("revoked_at", false);
  std::optional<std::string> key = read.String("idempotency_key", false);
  if (!problem->empty()) {
    return std::nullopt;
  }
  if (id->empty()) {
    *problem = where + "id is empty";
    return std::nullopt;
  }

  token.id = std::move(*id);
  token.token_prefix = std::move(*prefix);
  token.account_id = account_id.value_or("");
  token.description = description.value_or("");
  token.created_by = created_by.value_or("");
  stored.seed = static_cast<std::uint64_t>(*seed);
  stored.sequence = static_cast<std::uint64_t>(*sequence);
  stored.idempotency_key = key.value_or("");
  return stored;
}

}  // namespace

std::string_view MockCallName(MockCall call) {
  switch (call) {
    case MockCall::kCreate:
      return "create";
    case MockCall::kList:
      return "list";
    case MockCall::kRevoke:
      return "revoke";
  }
  return "unknown";
}

StoredToken* MockState::FindById(std::string_view id) {
  for (; ids_indexed_ < tokens_.size(); ++ids_indexed_) {
    by_id_.emplace(tokens_[ids_indexed_].token.id, ids_indexed_);
  }
  auto it = by_id_.find(id);
  return it == by_id_.end() ? nullptr : &tokens_[it->second];
}

const StoredToken* MockState::FindByIdempotencyKey(std::string_view key) const {
  auto it = by_idempotency_key_.find(key);
  return it == by_idempotency_key_.end() ? nullptr : &tokens_[it->second];
}

void MockState::Add(StoredToken token) {
  if (!token.idempotency_key.empty()) {
    by_idempotency_key_.emplace(token.idempotency_key, tokens_.size());
  }
  tokens_.push_back(std::move(token));
}

std::uint64_t MockState::AllCallsSoFar() const {
  std::uint64_t total = 0;
  for (std::uint64_t count : calls_) {
    total += count;
  }
  return total;
}

std::string MockState::ToJson() const {
  Poco::JSON::Object root(Poco::JSON_PRESERVE_KEY_ORDER);
  root.set("format", std::string(kFormatName));
  root.set("version", kFormatVersion);
  root.set("next_sequence", static_cast<Poco::Int64>(next_sequence_));

  Poco::JSON::Object::Ptr calls = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
  for (MockCall call : kAllCalls) {
    calls->set(std::string(MockCallName(call)), static_cast<Poco::Int64>(CallsSoFar(call)));
  }
  root.set("calls", calls);

  Poco::JSON::Array::Ptr tokens = new Poco::JSON::Array();
  for (const StoredToken& token : tokens_) {
    tokens->add(TokenToJson(token));
  }
  root.set("tokens", tokens);

  std::ostringstream out;
  root.stringify(out, 2);
  out << '\n';
  return out.str();
}

std::optional<MockState> MockState::FromJson(const std::string& text, std::string* problem) {
  problem->clear();
  try {
    Poco::JSON::Parser parser;
    Poco::Dynamic::Var parsed = parser.parse(text);
    if (parsed.type() != typeid(Poco::JSON::Object::Ptr)) {
      *problem = "the top level is not a JSON object";
      return std::nullopt;
    }
    const Poco::JSON::Object& root = *parsed.extract<Poco::JSON::Object::Ptr>();

    // Refuse a file some other tool (or a later version of this one) wrote,
    // rather than guess at what its fields mean.
    FieldReader read(root, "", problem);
    std::optional<std::string> format = read.String("format", true);
    std::optional<std::int64_t> version = read.Integer("version", true);
    if (!problem->empty()) {
      return std::nullopt;
    }
    if (*format != kFormatName || *version != kFormatVersion) {
      *problem = "it is not an influxctl mock state file of version " +
                 std::to_string(kFormatVersion) + " (format \"" + *format + "\", version " +
                 std::to_string(*version) + ")";
      return std::nullopt;
    }

    MockState state;
    std::optional<std::int64_t> next_sequence = read.Count("next_sequence", true);
    if (!next_sequence) {
      return std::nullopt;
    }
    state.next_sequence_ = static_cast<std::uint64_t>(*next_sequence);

    Poco::JSON::Object::Ptr calls = root.getObject("calls");
    if (!calls && root.has("calls")) {
      *problem = "calls is not an object";
      return std::nullopt;
    }
    if (calls) {
      FieldReader read_calls(*calls, "calls.", problem);
      for (MockCall call : kAllCalls) {
        std::optional<std::int64_t> count =
            read_calls.Count(std::string(MockCallName(call)), false);
        state.calls_[Index(call)] = static_cast<std::uint64_t>(count.value_or(0));
      }
      if (!problem->empty()) {
        return std::nullopt;
      }
    }

    Poco::JSON::Array::Ptr tokens = root.getArray("tokens");
    if (!tokens) {
      *problem = "tokens is missing or not an array";
      return std::nullopt;
    }
    for (std::size_t i = 0; i < tokens->size(); ++i) {
      const std::string where = "tokens[" + std::to_string(i) + "].";
      Poco::JSON::Object::Ptr object = tokens->getObject(static_cast<unsigned>(i));
      if (!object) {
        *problem = where.substr(0, where.size() - 1) + " is not an object";
        return std::nullopt;
      }
      std::optional<StoredToken> token = TokenFromJson(*object, where, problem);
      if (!token) {
        return std::nullopt;
      }
      // A sequence at or past next_sequence would be minted again.
      if (token->sequence >= state.next_sequence_) {
        *problem = where + "sequence " + std::to_string(token->sequence) +
                   " is not below next_sequence " + std::to_string(state.next_sequence_);
        return std::nullopt;
      }
      if (state.FindById(token->token.id) != nullptr) {
        *problem = where + "id repeats an earlier token's";
        return std::nullopt;
      }
      if (!token->idempotency_key.empty() &&
          state.FindByIdempotencyKey(token->idempotency_key) != nullptr) {
        *problem = where + "idempotency_key repeats an earlier token's";
        return std::nullopt;
      }
      state.Add(std::move(*token));
    }
    return state;
  } catch (const Poco::JSON::JSONException& e) {
    *problem = "it is not valid JSON (" + e.displayText() + ")";
  } catch (const Poco::Exception& e) {
    *problem = "a value is out of range or of the wrong type (" + e.displayText() + ")";
  } catch (const std::exception& e) {
    *problem = std::string("it could not be read (") + e.what() + ")";
  }
  return std::nullopt;
}

}  // namespace influxctl::mock

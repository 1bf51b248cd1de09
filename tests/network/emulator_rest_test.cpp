// SPDX-License-Identifier: Apache-2.0
//
// The emulator's REST contract, spoken with raw HTTP calls: create, list and
// revoke on both products, authentication, idempotency and body checks. These
// pin down what the REST transport is tested against.

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <gtest/gtest.h>

#include <set>
#include <thread>

#include "emulator/emulator_process.hpp"
#include "emulator/http_call.hpp"

namespace influxctl::testing {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

const std::pair<std::string, std::string> kAuth{"Authorization", "Bearer test-token"};

Object::Ptr ParseObject(const std::string& text) {
  return Poco::JSON::Parser().parse(text).extract<Object::Ptr>();
}

Array::Ptr ParseArray(const std::string& text) {
  return Poco::JSON::Parser().parse(text).extract<Array::Ptr>();
}

HttpReply Call(const std::string& method,
               const std::string& url,
               const std::string& body = "",
               std::vector<std::pair<std::string, std::string>> headers = {kAuth}) {
  return HttpCall(method, url, headers, body);
}

TEST(EmulatorRest, CreatesListsAndRevokesOnClustered) {
  EmulatorProcess emulator;
  const std::string tokens = emulator.rest_base(false) + "/management-tokens";

  const HttpReply created =
      Call("POST", tokens, R"({"description":"nightly ci","expiresAt":"2099-01-02T03:04:05Z"})");
  ASSERT_EQ(created.status, 201) << created.body << created.error;
  const auto token = ParseObject(created.body);
  const std::string id = token->getValue<std::string>("id");
  const std::string secret = token->getValue<std::string>("accessToken");
  EXPECT_EQ(id.size(), 36u);
  EXPECT_EQ(id[8], '-');
  EXPECT_EQ(secret.rfind("M.V1.", 0), 0u);
  EXPECT_EQ(token->getValue<std::string>("tokenPrefix"), secret.substr(0, 9));
  EXPECT_EQ(token->getValue<std::string>("description"), "nightly ci");
  EXPECT_EQ(token->getValue<std::string>("expiresAt"), "2099-01-02T03:04:05Z");
  EXPECT_FALSE(token->has("revokedAt"));
  EXPECT_EQ(created.headers.at("Location"), "/api/v0/management-tokens/" + id);

  const HttpReply listed = Call("GET", tokens);
  ASSERT_EQ(listed.status, 200) << listed.body;
  const auto list = ParseArray(listed.body);
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ(list->getObject(0)->getValue<std::string>("id"), id);
  EXPECT_FALSE(list->getObject(0)->has("accessToken"));
  EXPECT_EQ(listed.body.find(secret), std::string::npos);

  const HttpReply revoked = Call("DELETE", tokens + "/" + id);
  EXPECT_EQ(revoked.status, 204) << revoked.body;
  EXPECT_TRUE(revoked.body.empty());
  const auto after = ParseArray(Call("GET", tokens).body);
  EXPECT_TRUE(after->getObject(0)->has("revokedAt"));

  const HttpReply again = Call("DELETE", tokens + "/" + id);
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(ParseObject(again.body)->getValue<int>("code"), 409);

  const HttpReply unknown = Call("DELETE", tokens + "/00000000-0000-4000-8000-000000000000");
  EXPECT_EQ(unknown.status, 404);
  EXPECT_EQ(ParseObject(unknown.body)->getValue<int>("code"), 404);
  EXPECT_FALSE(ParseObject(unknown.body)->getValue<std::string>("message").empty());
}

TEST(EmulatorRest, CreateWithoutBodyHasNoExpiry) {
  EmulatorProcess emulator;
  const HttpReply created = Call("POST", emulator.rest_base(false) + "/management-tokens");
  ASSERT_EQ(created.status, 201) << created.body;
  const auto token = ParseObject(created.body);
  EXPECT_FALSE(token->has("expiresAt"));
  EXPECT_EQ(token->getValue<std::string>("description"), "");
}

TEST(EmulatorRest, ServesDedicatedUnderItsAccountOnly) {
  EmulatorOptions options;
  options.product = "dedicated";
  options.account_id = "acct-1";
  EmulatorProcess emulator(options);
  const std::string base = emulator.rest_base(false);

  const HttpReply created =
      Call("POST", base + "/accounts/acct-1/management-tokens", R"({"description":"d"})");
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(ParseObject(created.body)->getValue<std::string>("accountId"), "acct-1");
  const std::string id = ParseObject(created.body)->getValue<std::string>("id");

  EXPECT_EQ(Call("GET", base + "/accounts/acct-1/management-tokens").status, 200);
  EXPECT_EQ(Call("GET", base + "/accounts/acct-2/management-tokens").status, 404);
  const HttpReply clustered_path = Call("GET", base + "/management-tokens");
  EXPECT_EQ(clustered_path.status, 404);
  EXPECT_EQ(ParseObject(clustered_path.body)->getValue<int>("code"), 404);
  EXPECT_EQ(Call("DELETE", base + "/accounts/acct-2/management-tokens/" + id).status, 404);
  EXPECT_EQ(Call("DELETE", base + "/accounts/acct-1/management-tokens/" + id).status, 204);
}

TEST(EmulatorRest, ClusteredRefusesTheDedicatedPath) {
  EmulatorProcess emulator;
  EXPECT_EQ(Call("GET", emulator.rest_base(false) + "/accounts/a/management-tokens").status, 404);
}

TEST(EmulatorRest, RefusesMissingOrWrongCredentials) {
  EmulatorOptions options;
  options.accept_tokens = {"first", "second"};
  EmulatorProcess emulator(options);
  const std::string tokens = emulator.rest_base(false) + "/management-tokens";

  const HttpReply missing = Call("GET", tokens, "", {});
  EXPECT_EQ(missing.status, 401);
  EXPECT_EQ(ParseObject(missing.body)->getValue<int>("code"), 401);
  EXPECT_EQ(Call("POST", tokens, "", {{"Authorization", "Bearer wrong"}}).status, 401);
  EXPECT_EQ(Call("GET", tokens, "", {{"Authorization", "second"}}).status, 401);
  EXPECT_EQ(Call("GET", tokens, "", {{"Authorization", "Bearer second"}}).status, 200);
  EXPECT_EQ(Call("GET", tokens, "", {{"Authorization", "bearer first"}}).status, 200);

  const auto tokens_json = ParseObject(emulator.Tokens());
  EXPECT_EQ(tokens_json->getValue<int>("minted"), 0);
}

TEST(EmulatorRest, IdempotencyKeyReplaysTheFirstToken) {
  EmulatorProcess emulator;
  const std::string tokens = emulator.rest_base(false) + "/management-tokens";
  const std::string body = R"({"description":"once"})";
  const std::vector<std::pair<std::string, std::string>> headers{kAuth,
                                                                 {"Idempotency-Key", "key-1"}};

  const HttpReply first = Call("POST", tokens, body, headers);
  const HttpReply second = Call("POST", tokens, body, headers);
  ASSERT_EQ(first.status, 201) << first.body;
  ASSERT_EQ(second.status, 200) << second.body;
  EXPECT_EQ(ParseObject(first.body)->getValue<std::string>("accessToken"),
            ParseObject(second.body)->getValue<std::string>("accessToken"));
  EXPECT_EQ(ParseObject(first.body)->getValue<std::string>("id"),
            ParseObject(second.body)->getValue<std::string>("id"));

  const HttpReply other = Call("POST", tokens, R"({"description":"twice"})", headers);
  EXPECT_EQ(other.status, 422) << other.body;
  EXPECT_EQ(ParseObject(other.body)->getValue<int>("code"), 422);

  const auto state = ParseObject(emulator.Tokens());
  EXPECT_EQ(state->getValue<int>("minted"), 1);
  EXPECT_EQ(state->getArray("tokens")->getObject(0)->getValue<std::string>("idempotency_key"),
            "key-1");
}

TEST(EmulatorRest, ConcurrentRetriesWithOneKeyMintOnce) {
  EmulatorProcess emulator;
  const std::string tokens = emulator.rest_base(false) + "/management-tokens";
  std::vector<std::thread> callers;
  std::vector<HttpReply> replies(8);
  for (std::size_t i = 0; i < replies.size(); ++i) {
    callers.emplace_back([&, i] {
      replies[i] = Call("POST", tokens, "{}", {kAuth, {"Idempotency-Key", "same"}});
    });
  }
  for (std::thread& caller : callers) {
    caller.join();
  }
  std::set<std::string> secrets;
  for (const HttpReply& reply : replies) {
    ASSERT_TRUE(reply.status == 201 || reply.status == 200) << reply.status << reply.error;
    secrets.insert(ParseObject(reply.body)->getValue<std::string>("accessToken"));
  }
  EXPECT_EQ(secrets.size(), 1u);
  EXPECT_EQ(ParseObject(emulator.Tokens())->getValue<int>("minted"), 1);
}

TEST(EmulatorRest, RefusesMalformedBodies) {
  EmulatorProcess emulator;
  const std::string tokens = emulator.rest_base(false) + "/management-tokens";
  for (const std::string body :
       {"{", "[]", R"({"expires_at":"2099-01-01T00:00:00Z"})", R"({"description":5})",
        R"({"expiresAt":"2099-01-01"})", R"({"expiresAt":"2099-01-01T00:00:00+0000"})",
        R"({"expiresAt":"2099-02-30T00:00:00Z"})", R"({"expiresAt":"2001-01-01T00:00:00Z"})"}) {
    const HttpReply reply = Call("POST", tokens, body);
    EXPECT_EQ(reply.status, 400) << body << " -> " << reply.body;
    EXPECT_EQ(ParseObject(reply.body)->getValue<int>("code"), 400) << body;
  }
  EXPECT_EQ(Call("POST", tokens, "x=1", {kAuth, {"Content-Type", "text/plain"}}).status, 415);
  EXPECT_EQ(Call("PUT", tokens, "{}").status, 405);
  EXPECT_EQ(ParseObject(emulator.Tokens())->getValue<int>("minted"), 0);
}

TEST(EmulatorRest, KeepsFractionsAndConvertsOffsetsToUtc) {
  EmulatorProcess emulator;
  const HttpReply created = Call("POST", emulator.rest_base(false) + "/management-tokens",
                                 R"({"expiresAt":"2099-06-30T23:30:00.250+02:00"})");
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(ParseObject(created.body)->getValue<std::string>("expiresAt"),
            "2099-06-30T21:30:00.25Z");
}

}  // namespace
}  // namespace influxctl::testing
